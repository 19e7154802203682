"""The collector during a command line's start-up (pos_app/collection.py): off while
`python -m pos_app` imports, on again (with the start-up frozen) for the command's work;
untouched in a process that only calls `main()` (the tests' own).

Structure, not timing: each probe runs in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from perf.data import build_terminal
from test_cli_lazy import run_probe

# `python -m pos_app ARGV`, reporting the collector's state when the command's handler
# starts (pos_app.collection.resume is called just before it) and at the end.
PROBE = """\
import gc, json, runpy, sys
import pos_app.collection as collection
seen = {}
real_pause, real_resume = collection.pause, collection.resume
start = None

def pause():
    # Counted from here: runpy's own work before pos_app/__main__ pauses is not the app's.
    global start
    real_pause()
    start = gc.get_stats()[0]["collections"]

def resume(*, freeze):
    seen.setdefault("enabled_before_resume", gc.isenabled())
    seen.setdefault("young_collections_before", gc.get_stats()[0]["collections"] - start)
    return real_resume(freeze=freeze)

collection.pause, collection.resume = pause, resume
sys.argv = ["pos_app", *sys.argv[1:]]
try:
    runpy.run_module("pos_app", run_name="__main__", alter_sys=True)
except SystemExit as done:
    seen["code"] = done.code
seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count())
print(json.dumps(seen), file=sys.stderr)
"""


def probe(tmp_path: Path, *argv: str) -> dict[str, object]:
    return run_probe(PROBE, tmp_path, *argv)


@pytest.fixture(scope="module")
def terminal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("terminal")
    build_terminal(data_dir, customers=20)
    return data_dir


def test_a_command_starts_without_the_collector_and_works_with_it(
    terminal: Path, tmp_path: Path
) -> None:
    seen = probe(tmp_path, "--data-dir", str(terminal), "customer", "find", "a")
    assert seen["code"] == 0
    # The imports, the parser and the terminal's opening: no collection at all.
    assert seen["enabled_before_resume"] is False
    assert seen["young_collections_before"] == 0
    # The command's work: the collector on, what the start-up made frozen.
    assert seen["enabled"] is True
    assert isinstance(seen["frozen"], int) and seen["frozen"] > 10_000


def test_main_in_a_process_of_its_own_leaves_the_collector_alone() -> None:
    """A test (or any caller) that runs `main()` without `pos_app/__main__.py`: resume is a
    no-op, nothing is frozen."""
    probe_code = (
        "import gc\n"
        "from pos_app import collection\n"
        "before = gc.get_freeze_count()\n"
        "assert collection.resume(freeze=True) is False\n"
        "assert gc.isenabled() and gc.get_freeze_count() == before\n"
        "collection.pause()\n"
        "assert not gc.isenabled()\n"
        "assert collection.resume(freeze=False) is True and gc.isenabled()\n"
        "assert gc.get_freeze_count() == before\n"
        "assert collection.resume(freeze=True) is False  # once only\n"
        "gc.disable()\n"
        "collection.pause()  # already off: not ours to turn on\n"
        "assert collection.resume(freeze=False) is False and not gc.isenabled()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe_code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
