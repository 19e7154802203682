"""One submit path (issue 10, item 2): every operation a person makes at the counter is
recorded and pushed by services/submit.py alone."""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "pos_app" / "services"

# Queueing and pushing an operation: only the submit path does it. A manager's "retry" of
# a conflict queues the same, already handed-out operation again for the background sync
# (no one waits for it), so it may queue without pushing.
QUEUE_CALLS = {"outbox.add"}
PUSH_CALLS = {"engine.push_lane", "engine.push_entry"}
ALLOWED = {("submit.py", c) for c in QUEUE_CALLS | PUSH_CALLS} | {("approvals.py", "outbox.add")}


def calls(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            for call in QUEUE_CALLS | PUSH_CALLS:
                if name == call or name.endswith("." + call):
                    found.add(call)
    return found


def test_only_the_submit_path_queues_and_pushes_operations() -> None:
    strays = sorted(
        (path.name, call)
        for path in SERVICES.rglob("*.py")
        for call in calls(path)
        if (path.name, call) not in ALLOWED
    )
    assert strays == []


def test_the_submit_path_is_used_by_every_kind_a_person_makes() -> None:
    users = {
        path.name
        for path in SERVICES.rglob("*.py")
        if "submit(" in path.read_text(encoding="utf-8") and path.name != "submit.py"
    }
    assert {"redeem.py", "points.py", "approvals.py", "codes.py"} <= users
