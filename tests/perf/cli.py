"""The command line, whole process: `--json sync status`, `customer find` and an offline
`redeem` (the backend down) on 100,000 cached customers, against `python -c pass`."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from pathlib import Path

from .data import CUSTOMERS, POS_APP, REWARD, child_env, customer_id, dead_url
from .timing import Figure, Plan, alternate, median, run_child


def figures(plan: Plan, data_dir: Path, log_dir: Path) -> list[Figure]:
    env = child_env(dead_url(), log_dir)
    base = (*POS_APP, "--data-dir", str(data_dir))
    customers = itertools.count(CUSTOMERS // 3)
    commands: dict[str, Callable[[], tuple[str, ...]]] = {
        "CLI --json sync status": lambda: (*base, "--json", "sync", "status"),
        "CLI customer find": lambda: (*base, "customer", "find", "Ngozi Obi"),
        # Offline: each run a customer of its own (the offline policy caps one's points).
        "CLI offline redeem": lambda: (
            *base,
            "--json",
            "redeem",
            "--customer",
            customer_id(next(customers)),
            "--reward",
            REWARD,
        ),
    }
    bare = (sys.executable, "-c", "pass")
    rows = []

    def floor() -> float:
        return run_child(bare, env).wall_ms

    for name, argv in commands.items():

        def ours(argv: Callable[[], tuple[str, ...]] = argv) -> float:
            return run_child(argv(), env).wall_ms

        mine, theirs = alternate(plan, ours, floor)
        rows.append(Figure(name, median(mine), "ms", median(theirs), "<= 5 x"))
    return rows
