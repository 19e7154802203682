"""Tills as separate processes: each its own data directory and terminal id, each command
a `python -m pos_app` subprocess, as a cashier's counter or a script would run it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pos_app.sandbox import SandboxServer

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Answer:
    rc: int
    payload: dict[str, Any]
    stdout: str
    stderr: str


@dataclass(frozen=True, slots=True)
class Till:
    name: str
    terminal_id: str
    data_dir: Path
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 60) -> Answer:
        """One command, with --json; its exit code and its JSON answer (or {})."""
        done = subprocess.run(
            [sys.executable, "-m", "pos_app", "--json", *args],
            env=self.env,
            text=True,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        try:
            payload = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout else {}
        except (json.JSONDecodeError, IndexError):
            payload = {}
        return Answer(done.returncode, payload, done.stdout, done.stderr)

    def outbox(self) -> list[sqlite3.Row]:
        """The till's outbox rows (read-only), for their idempotency keys."""
        conn = sqlite3.connect(f"file:{self.data_dir / 'terminal.db'}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute("SELECT * FROM outbox ORDER BY id").fetchall()
        finally:
            conn.close()


def make_tills(sandbox: SandboxServer, root: Path, count: int) -> list[Till]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("POS_APP_", "LOYALPRO_")) and k != "PYTEST_CURRENT_TEST"
    }
    tills = []
    for i in range(count):
        name = f"till{i + 1:02d}"
        data_dir = root / name
        env = {
            **base,
            "POS_APP_DATA_DIR": str(data_dir),
            "POS_APP_BACKEND_URL": sandbox.url,
            "POS_APP_TERMINAL_ID": f"term_{name}",
            "LOYALPRO_API_KEY": sandbox.api_key,
        }
        tills.append(Till(name, f"term_{name}", data_dir, env))
    return tills


def all_at_once(tills: Sequence[Till], work: Callable[[Till], T]) -> list[T]:
    """Run `work` for every till in parallel, released together by a barrier (the
    'everyone syncs when the network comes back' moment)."""
    barrier = threading.Barrier(len(tills))

    def go(till: Till) -> T:
        barrier.wait(timeout=60)
        return work(till)

    with ThreadPoolExecutor(max_workers=len(tills)) as pool:
        return list(pool.map(go, tills))
