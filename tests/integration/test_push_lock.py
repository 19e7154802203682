"""One push lock per database in a process (issue 10, item 5): made once by whoever opens
the process's terminals and passed in; the sync package keeps no registry of its own."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

from support.terminal_helpers import open_terminal

from pos_app.sandbox import SandboxServer

SYNC = Path(__file__).resolve().parents[2] / "pos_app" / "sync"


def module_level_state(path: Path) -> list[str]:
    """Module-level names bound to a lock or an empty container: process-global state
    (a table of constants is not)."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            value = node.value
            called = isinstance(value, ast.Call) and ast.unparse(value.func).endswith(
                ("Lock", "RLock", "dict", "defaultdict", "WeakValueDictionary")
            )
            empty = isinstance(value, ast.Dict) and not value.keys  # a registry starts empty
            empty |= isinstance(value, ast.List | ast.Set) and not value.elts
            if called or empty:
                found.append(f"{path.name}:{node.lineno} {ast.unparse(node)[:60]}")
    return found


def test_the_sync_package_keeps_no_process_global_lock_or_registry() -> None:
    assert [hit for p in sorted(SYNC.glob("*.py")) for hit in module_level_state(p)] == []


def test_terminals_given_one_lock_push_one_at_a_time(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    lock = threading.Lock()
    with (
        open_terminal(tmp_path, sandbox, push_lock=lock) as counter,
        open_terminal(tmp_path, sandbox, push_lock=lock) as worker,
    ):
        assert counter.engine._pusher.lock is lock
        assert worker.engine._pusher.lock is lock
    with open_terminal(tmp_path, sandbox) as alone:
        assert alone.engine._pusher.lock is not lock  # a terminal on its own makes one
