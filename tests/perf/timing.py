"""What every figure group shares: a row of the table, medians taken alternately with the
floor, and a child process timed whole (wall time and its peak memory)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REFERENCE = "reference"


@dataclass(frozen=True, slots=True)
class Figure:
    """One row: `value` against `floor` (None: the figure has no floor). `goal` reads
    "<= 1.5x" (the ratio at most), ">= 0.8x" (at least), or "<= 30 ms" (the value); or
    "reference": a row with no goal, measured to explain others (always ok)."""

    name: str
    value: float
    unit: str
    floor: float | None
    goal: str
    extra_ok: bool = True  # a second condition of the goal (the "< 0.5 ms" of a lookup)

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor == 0:
            return None
        return self.value / self.floor

    @property
    def ok(self) -> bool:
        if self.goal == REFERENCE:
            return True
        op, number, unit = self.goal.split()
        measured = self.ratio if unit == "x" else self.value
        if measured is None:
            return False
        limit = float(number)
        passed = measured <= limit if op == "<=" else measured >= limit
        return passed and self.extra_ok

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "value": round(self.value, 4),
            "unit": self.unit,
            "floor": None if self.floor is None else round(self.floor, 4),
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "goal": self.goal,
            "ok": self.ok,
        }


@dataclass(frozen=True, slots=True)
class Plan:
    """How many times: warm-up runs (not counted), then timed runs of each side."""

    warmup: int
    runs: int


def alternate(
    plan: Plan, measure: Callable[[], float], floor: Callable[[], float]
) -> tuple[list[float], list[float]]:
    """Samples of `measure` and `floor`, taken in turn (ours, floor, ours, floor...) after
    `plan.warmup` of each, so both see the same load on a shared machine."""
    for _ in range(plan.warmup):
        measure()
        floor()
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(plan.runs):
        ours.append(measure())
        theirs.append(floor())
    return ours, theirs


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def p99(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def timed_ms(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return (time.perf_counter() - start) * 1000


@dataclass(frozen=True, slots=True)
class ChildRun:
    wall_ms: float
    peak_mib: float  # the child's ru_maxrss
    stdout: str


SPAWN = Path(__file__).with_name("spawn.py")


def run_child(argv: Sequence[str], env: dict[str, str] | None = None) -> ChildRun:
    """Run a process to its end: its wall time from fork to exit, and its peak memory
    (started by spawn.py, a small process, so that the peak is the child's own)."""
    done = subprocess.run(
        [sys.executable, str(SPAWN), json.dumps(list(argv))],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    report = json.loads(done.stdout)
    if report["code"] != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {report['code']}: {report['stderr']}")
    return ChildRun(report["wall_ms"], report["peak_mib"], report["stdout"])
