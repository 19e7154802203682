"""Start-up, whole process: `pos-app --quit-after-ready` on 100,000 cached customers and
`pos-app --sandbox --quit-after-ready`, against a bare PySide6 script that shows one window
and quits; the peak memory of each; and what `ready in N ms` says next to the wall clock."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .data import POS_APP, child_env, copy_terminal
from .timing import ChildRun, Figure, Plan, alternate, median, run_child

BARE_WINDOW = """\
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def figures(plan: Plan, source: Path, backend_url: str, log_dir: Path) -> list[Figure]:
    # A copy: the window's sync writes what the backend says into its cache.
    data_dir = copy_terminal(source, source.with_name("startup-terminal"))
    env = child_env(backend_url, log_dir)
    bare = (sys.executable, "-c", BARE_WINDOW)
    real = (*POS_APP, "--data-dir", str(data_dir), "--quit-after-ready")
    demo = (*POS_APP, "--sandbox", "--quit-after-ready")
    rows: list[Figure] = []
    for label, argv, goal in (
        ("start-up, 100k cached customers", real, "<= 1.5 x"),
        ("start-up, --sandbox", demo, "<= 2.5 x"),
    ):
        runs: list[ChildRun] = []
        floors: list[ChildRun] = []

        def ours(argv: tuple[str, ...] = argv, runs: list[ChildRun] = runs) -> float:
            runs.append(run_child(argv, env))
            return runs[-1].wall_ms

        def floor(floors: list[ChildRun] = floors) -> float:
            floors.append(run_child(bare, env))
            return floors[-1].wall_ms

        walls, bare_walls = alternate(plan, ours, floor)
        timed, bare_timed = runs[plan.warmup :], floors[plan.warmup :]
        rows.append(Figure(label, median(walls), "ms", median(bare_walls), goal))
        rows.append(
            Figure(
                f"peak memory, {label.removeprefix('start-up, ')}",
                median([r.peak_mib for r in timed]),
                "MiB",
                median([r.peak_mib for r in bare_timed]),
                "<= 2 x",
            )
        )
        said = [_ready_ms(r.stdout) for r in timed]
        # The figure "ready in" prints against the wall clock of the same runs: the truth
        # is close to 1x (the rest is the exit after ready, and the fork and exec).
        rows.append(
            Figure(
                f"'ready in' / wall clock, {label.removeprefix('start-up, ')}",
                median(said),
                "ms",
                median(walls),
                ">= 0.7 x",
            )
        )
    return rows


def _ready_ms(stdout: str) -> float:
    found = re.search(r"ready in (\d+) ms", stdout)
    if found is None:
        raise RuntimeError(f"no 'ready in N ms' in {stdout!r}")
    return float(found.group(1))
