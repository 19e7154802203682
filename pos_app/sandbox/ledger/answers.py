"""The answers book: what each Idempotency-Key was answered, kept for 24 hours."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from ..clock import format_ts
from .database import Database

KEPT = timedelta(hours=24)


class Answers:
    def __init__(self, base: Database) -> None:
        self.base = base

    def get(self, key: str) -> sqlite3.Row | None:
        """The stored answer to `key` (answers older than a day are forgotten first)."""
        cutoff = format_ts(self.base.clock.now() - KEPT)
        self.base.db.execute("DELETE FROM idempotency WHERE created_at < ?", (cutoff,))
        return self.base.one("SELECT * FROM idempotency WHERE key = ?", key)

    def store(self, key: str, request_hash: str, status: int, body: str) -> None:
        self.base.db.execute(
            "INSERT OR REPLACE INTO idempotency VALUES (?, ?, ?, ?, ?)",
            (key, request_hash, status, body, self.base.now()),
        )
