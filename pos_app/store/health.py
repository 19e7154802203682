"""Read-only facts about the terminal's database, for `pos-app doctor` and its support
bundle: the file is opened read-only (never created, migrated or written), and nothing
about a customer is read, only counts and ages."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..domain.timefmt import from_db
from .db import DB_NAME
from .migrations import MIGRATIONS

# Above this size PRAGMA quick_check (minutes less on a big file, still catches a torn
# page) stands in for the full integrity_check.
QUICK_CHECK_ABOVE_BYTES = 256 * 1024 * 1024
CODE_SCHEMA = len(MIGRATIONS)


@dataclass(frozen=True)
class Health:
    path: Path
    exists: bool
    size: int = 0
    schema: int = 0
    code_schema: int = CODE_SCHEMA
    check: str = ""  # "integrity_check" or "quick_check"
    verdict: str = ""  # "ok", or SQLite's first complaint
    # (kind, state) -> how many outbox rows; no customer id, payload or code.
    queue: dict[tuple[str, str], int] = field(default_factory=dict)
    oldest_pending: datetime | None = None
    problem: str = ""  # the file could not be read at all
    terminal_id: str | None = None  # the id generated on first use, if any

    def count(self, state: str) -> int:
        return sum(n for (_, s), n in self.queue.items() if s == state)


def inspect(data_dir: Path) -> Health:
    """What the database in `data_dir` says about itself."""
    path = data_dir / DB_NAME
    if not path.is_file():
        return Health(path, exists=False)
    size = path.stat().st_size
    check = "quick_check" if size > QUICK_CHECK_ABOVE_BYTES else "integrity_check"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error as error:
        return Health(path, exists=True, size=size, problem=str(error))
    with closing(conn):
        try:
            schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
            verdict = str(conn.execute(f"PRAGMA {check}(1)").fetchone()[0])
        except sqlite3.Error as error:
            return Health(path, exists=True, size=size, problem=str(error))
        queue: dict[tuple[str, str], int] = {}
        oldest = terminal = None
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'terminal_id'").fetchone()
            terminal = str(row[0]) if row else None
            for kind, state, n in conn.execute(
                "SELECT kind, state, count(*) FROM outbox GROUP BY kind, state"
            ):
                queue[(str(kind), str(state))] = int(n)
            first = conn.execute(
                "SELECT min(created_at) FROM outbox WHERE state = 'pending'"
            ).fetchone()[0]
            oldest = from_db(first) if first else None
        except (sqlite3.Error, ValueError, TypeError):
            pass  # no outbox (another version's database) or a damaged one: no counts
    return Health(
        path,
        exists=True,
        size=size,
        schema=schema,
        check=check,
        verdict=verdict,
        queue=queue,
        oldest_pending=oldest,
        terminal_id=terminal,
    )
