"""The sandbox's database: its tables, one connection and the lock that serialises it,
and what every book of the ledger shares (clock, ids, meta, paged queries)."""

from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path
from typing import Any

from ..clock import Clock, format_ts
from ..errors import LedgerError

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MERCHANT_CURRENCY = "NGN"
# Columns a database made before v1.1 lacks (CREATE TABLE IF NOT EXISTS keeps old tables).
_ADDED = (
    ("transactions", "store_id", "TEXT"),
    ("transactions", "order_id", "TEXT"),
    ("redemptions", "store_id", "TEXT"),
    ("rewards", "kind", "TEXT NOT NULL DEFAULT 'fixed'"),
    ("rewards", "per_point", "TEXT"),
)

TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tiers (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, min_points INTEGER NOT NULL,
    created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS customers (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    name_fold TEXT NOT NULL, email TEXT, phone TEXT, card_number TEXT,
    points_balance INTEGER NOT NULL DEFAULT 0, lifetime_points INTEGER NOT NULL DEFAULT 0,
    metadata TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    CHECK (points_balance >= 0));
CREATE UNIQUE INDEX IF NOT EXISTS customers_email ON customers(email COLLATE NOCASE);
CREATE UNIQUE INDEX IF NOT EXISTS customers_phone ON customers(phone);
CREATE UNIQUE INDEX IF NOT EXISTS customers_card ON customers(card_number COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS customers_name ON customers(name_fold);
CREATE INDEX IF NOT EXISTS customers_updated ON customers(updated_at, seq);
CREATE TABLE IF NOT EXISTS lots (
    seq INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, remaining INTEGER NOT NULL,
    expires_at TEXT, created_at TEXT NOT NULL, CHECK (remaining >= 0));
CREATE INDEX IF NOT EXISTS lots_customer ON lots(customer_id) WHERE remaining > 0;
CREATE INDEX IF NOT EXISTS lots_expiry ON lots(expires_at) WHERE remaining > 0;
CREATE TABLE IF NOT EXISTS transactions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL, type TEXT NOT NULL, points INTEGER NOT NULL,
    balance_after INTEGER NOT NULL, reason TEXT, metadata TEXT NOT NULL DEFAULT '{}',
    expires_at TEXT, redemption_id TEXT, created_at TEXT NOT NULL,
    store_id TEXT, order_id TEXT);
CREATE INDEX IF NOT EXISTS transactions_customer ON transactions(customer_id, seq);
CREATE UNIQUE INDEX IF NOT EXISTS transactions_order ON transactions(order_id)
    WHERE order_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS transactions_created ON transactions(created_at, seq);
CREATE TABLE IF NOT EXISTS rewards (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    points_cost INTEGER, discount_amount INTEGER, currency TEXT NOT NULL,
    tier_required TEXT, active INTEGER NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'fixed', per_point TEXT);
CREATE TABLE IF NOT EXISTS redemptions (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL,
    reward_id TEXT NOT NULL, points INTEGER NOT NULL, code TEXT NOT NULL UNIQUE,
    discount_amount INTEGER NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL,
    transaction_id TEXT, balance_after INTEGER, terminal_id TEXT, occurred_at TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, used_at TEXT, voided_at TEXT,
    metadata TEXT NOT NULL DEFAULT '{}', store_id TEXT);
CREATE INDEX IF NOT EXISTS redemptions_created ON redemptions(created_at, seq);
CREATE INDEX IF NOT EXISTS redemptions_updated ON redemptions(updated_at, seq);
CREATE TABLE IF NOT EXISTS returns (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL,
    order_id TEXT NOT NULL, returned_amount INTEGER NOT NULL, points_reversed INTEGER NOT NULL,
    points_shortfall INTEGER NOT NULL, transaction_id TEXT, balance_after INTEGER NOT NULL,
    store_id TEXT, reason TEXT, metadata TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS returns_order ON returns(order_id);
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
    body TEXT NOT NULL, created_at TEXT NOT NULL);
-- Every POST forgets the answers older than a day: a seek, not a scan of every answer kept.
CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency(created_at);
"""


class Where:
    """The conditions of a listing and their arguments, added one at a time."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.args: list[Any] = []

    def add(self, clause: str, *args: Any) -> None:
        self.clauses.append(clause)
        self.args += args

    def when(self, clause: str, value: Any) -> None:
        """Add `clause` (one `?`) if `value` is given."""
        if value is not None:
            self.add(clause, value)

    def after(self, key: str, last: tuple[str, int] | None, *, descending: bool = False) -> None:
        """Keyset paging: the rows past the last (key, seq) seen, if one was."""
        if last is not None:
            op = "<" if descending else ">"
            self.add(f"({key} {op} ? OR ({key} = ? AND seq {op} ?))", last[0], last[0], last[1])

    def __str__(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


class Database:
    """One SQLite connection shared by every book; callers hold `lock` around its use."""

    def __init__(self, path: str | Path, clock: Clock, rng: random.Random) -> None:
        self.clock = clock
        self.rng = rng
        self.lock = threading.RLock()
        self.db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        for table, column, kind in _ADDED:
            have = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
            if have and column not in have:
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        self.db.executescript(TABLES)

    def close(self) -> None:
        with self.lock:
            self.db.close()

    def one(self, sql: str, *args: Any) -> sqlite3.Row | None:
        """The first row of a query, or None."""
        row: sqlite3.Row | None = self.db.execute(sql, args).fetchone()
        return row

    def page(
        self, table: str, where: Where, order: str, limit: int
    ) -> tuple[list[sqlite3.Row], bool]:
        """Up to `limit` rows of `table` in `order`, and whether more follow."""
        rows = self.db.execute(
            f"SELECT * FROM {table}{where} ORDER BY {order} LIMIT ?",  # noqa: S608
            [*where.args, limit + 1],
        ).fetchall()
        return rows[:limit], len(rows) > limit

    def by_id(self, table: str, kind: str, row_id: str) -> sqlite3.Row:
        """The row of `table` with this id, or the contract's 404 for a `kind` of object."""
        row = self.one(f"SELECT * FROM {table} WHERE id = ?", row_id)  # noqa: S608
        if row is None:
            raise LedgerError(
                404, f"{kind}_not_found", f"No {kind} with id {row_id!r}.", f"{kind}_id"
            )
        return row

    def now(self) -> str:
        """The clock's time, as the contract writes it."""
        return format_ts(self.clock.now())

    # ---------------------------------------------------------------- ids
    def new_id(self, prefix: str, length: int = 14) -> str:
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
        return prefix + "".join(self.rng.choice(alphabet) for _ in range(length))

    def new_code(self) -> str:
        return "REDEEM-" + "".join(self.rng.choice(CROCKFORD) for _ in range(8))

    # ---------------------------------------------------------------- meta
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
