"""The benchmark runner of issue 14: every figure as a ratio to its floor, measured in the
same run, alternately, after a warm-up (medians; lookups p99).

    python tests/perf/run.py [--quick] [--json FILE]

Not a test: pytest collects only test_*.py files, and nothing imports this folder.
Everything it starts listens on 127.0.0.1 only. Exit status 0 when every goal is met.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
os.environ["LC_ALL"] = "C.UTF-8"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: perf.*, support.*
# This checkout's pos_app, here and in every child (the sandbox, the CLI, the window), even
# where another checkout's is the one installed in the environment.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.update(PYTHONPATH=os.pathsep.join(filter(None, (sys.path[0], os.getenv("PYTHONPATH")))))

from perf import cli, codes, data, gui, network, startup, store
from perf.backend import build_sandbox, serving
from perf.timing import REFERENCE, Figure, Plan


def table(rows: list[Figure]) -> str:
    head = ("figure", "value", "floor", "ratio", "goal", "")
    lines = ["| {} | {} | {} | {} | {} | {} |".format(*head), "|---|---:|---:|---:|---|---|"]
    for r in rows:
        floor = "—" if r.floor is None else f"{r.floor:.3g} {r.unit}"
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}x"
        verdict = "ref" if r.goal == REFERENCE else "pass" if r.ok else "FAIL"
        lines.append(
            f"| {r.name} | {r.value:.3g} {r.unit} | {floor} | {ratio} | {r.goal} | {verdict} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="pos-app benchmarks against their floors")
    parser.add_argument("--quick", action="store_true", help="fewer runs, under 3 minutes")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    parser.add_argument("--only", metavar="GROUP,...", help="only these groups (names as printed)")
    args = parser.parse_args(argv)
    light = Plan(1, 3) if args.quick else Plan(2, 9)  # the short figures
    heavy = Plan(1, 1) if args.quick else Plan(1, 2)  # the long ones (a pull, a drain)
    pulled = 20_000 if args.quick else data.CUSTOMERS  # the sandbox's extra customers
    requests = 2_000 if args.quick else 50_000
    drained = 500 if args.quick else network.DRAIN_OPS
    rows: list[Figure] = []
    failed: list[str] = []
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pos-perf-") as tmp:
        work = Path(tmp)
        logs = work / "logs"
        logs.mkdir()
        step = time.perf_counter()
        # Bytecode, as an installed terminal has it (pip compiles on install, the PyInstaller
        # build bundles it): a machine with PYTHONDONTWRITEBYTECODE set would otherwise
        # compile every pos_app module in every start-up measured, the floor's PySide6 none.
        compileall.compile_dir(Path(sys.path[0]) / "pos_app", quiet=1)
        probe = data.build_terminal(work / "terminal")
        build_sandbox(work / "sandbox.db", pulled)
        build_sandbox(work / "fresh.db", network.DRAIN_CUSTOMERS)
        build_sandbox(work / "used.db", network.DRAIN_CUSTOMERS)
        print(f"data built in {time.perf_counter() - step:.1f} s", file=sys.stderr)
        with (
            serving(work / "sandbox.db") as backend,
            serving(work / "fresh.db") as fresh,
            serving(work / "used.db") as used,
        ):
            groups: list[tuple[str, Callable[[], list[Figure]]]] = [
                (
                    "start-up",
                    lambda: startup.figures(
                        Plan(1, 2) if args.quick else light, work / "terminal", backend.url, logs
                    ),
                ),
                (
                    "command line",
                    lambda: cli.figures(
                        Plan(1, 2) if args.quick else light, work / "terminal", logs
                    ),
                ),
                ("lookups", lambda: store.lookups(light, work / "terminal", probe)),
                ("commits", lambda: store.commits(light, work / "terminal", work)),
                ("queue", lambda: store.flatness(light, work / "terminal", work)),
                ("codes", lambda: codes.figures(light)),
                ("drain", lambda: network.drain(heavy, work, backend, drained)),
                ("pull", lambda: network.pull(heavy, work, backend, pulled + 320)),
                ("screen", lambda: gui.figures(heavy, work, backend, pulled)),
                (
                    "sandbox",
                    lambda: network.throughput(
                        heavy if args.quick else light, fresh, used, requests
                    ),
                ),
            ]
            wanted = set(args.only.split(",")) if args.only else {name for name, _ in groups}
            for name, group in groups:
                if name not in wanted:
                    continue
                step = time.perf_counter()
                try:
                    found = group()
                except Exception:
                    failed.append(name)
                    traceback.print_exc()
                    continue
                rows.extend(found)
                print("\n".join(table(found).splitlines()[2:]), file=sys.stderr)  # as it goes
                print(f"{name}: {time.perf_counter() - step:.1f} s", file=sys.stderr)
    print(table(rows))
    print(f"\n{len(rows)} figures in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps([r.as_json() for r in rows], indent=2) + "\n")
    if failed:
        print(f"could not measure: {', '.join(failed)}", file=sys.stderr)
    return 0 if rows and not failed and all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
