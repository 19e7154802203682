"""The command line, whole process: `--json sync status`, `customer find` and an offline
`redeem` (the backend down) on 100,000 cached customers, against `python -c pass`."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from pathlib import Path

from .data import CUSTOMERS, POS_APP, REWARD, child_env, customer_id, dead_url
from .timing import REFERENCE, Figure, Plan, alternate, median, run_child

# The reference rows: what any Python command line doing the same work costs with none of
# our code. A local read: the standard library's argparse, logging, json and sqlite3, and
# Babel for one number, then one indexed query of the terminal's database and its rows
# printed. A backend call: the same, plus httpx (without its own command line, as the app
# imports it: pos_app/api/http_library.py) and one request to a backend that is down.
BARE_READ = """\
import argparse, json, logging, sqlite3, sys
from babel.numbers import format_decimal
args = argparse.ArgumentParser().parse_known_args()[0]
logging.getLogger("bare").debug("find")
db = sqlite3.connect(sys.argv[1])
rows = db.execute(
    "SELECT id, name, points_balance FROM customers WHERE name_fold >= ? AND name_fold < ?"
    " ORDER BY name_fold LIMIT 20", ("ngozi obi", "ngozi obj")).fetchall()
for cid, name, points in rows:
    print(cid, name, format_decimal(points, locale="en_NG"), "pts")
print(json.dumps(len(rows)))
"""
BARE_CALL = (
    BARE_READ
    + """\
sys.modules["httpx._main"] = None
import httpx
try:
    httpx.get(sys.argv[2] + "/v1/rewards", timeout=2)
except httpx.TransportError as error:
    print(json.dumps({"backend": type(error).__name__}))
"""
)


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
    db, url = str(data_dir / "terminal.db"), env["POS_APP_BACKEND_URL"]
    for name, script in (
        ("CLI, a bare local read (none of our code)", (BARE_READ, db)),
        ("CLI, a bare backend call (none of our code)", (BARE_CALL, db, url)),
    ):

        def reference(script: tuple[str, ...] = script) -> float:
            return run_child((sys.executable, "-c", *script), env).wall_ms

        mine, theirs = alternate(plan, reference, floor)
        rows.append(Figure(name, median(mine), "ms", median(theirs), REFERENCE))
    return rows
