"""`pos-app sandbox serve` in a process of its own, on a free loopback port, for as long as
a block runs: what the benchmark's backends (tests/perf/backend.py) and the tests of the
command's options share."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Served:
    url: str
    process: subprocess.Popen[str]  # its returncode is set once the block has ended


@contextmanager
def serve(db: Path, *options: str) -> Iterator[Served]:
    """`pos-app sandbox serve --db DB --host 127.0.0.1 --port 0 OPTIONS...`, once it says
    its URL; stopped (SIGTERM) and waited for when the block ends."""
    command = [sys.executable, "-m", "pos_app", "sandbox", "serve", "--db", str(db)]
    child = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout is not None
        for line in child.stdout:
            found = re.search(r"(http://127\.0\.0\.1:\d+)", line)
            if found:
                break
        else:
            raise RuntimeError("the sandbox did not start")
        yield Served(found.group(1), child)
    finally:
        child.terminate()
        child.communicate(timeout=30)
