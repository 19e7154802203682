"""The sandbox backend's books, read straight from its SQLite database (read-only), so a
check sees exactly what the backend holds, including what its API does not list: the
idempotency keys and the refusals stored under them."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Txn:
    seq: int
    id: str
    customer_id: str
    type: str
    points: int
    balance_after: int
    reason: str | None
    metadata: dict[str, Any]
    expires_at: str | None
    redemption_id: str | None


@dataclass(frozen=True, slots=True)
class Red:
    id: str
    customer_id: str
    reward_id: str
    points: int
    code: str
    discount_amount: int
    status: str
    terminal_id: str | None


@dataclass(frozen=True, slots=True)
class Ret:
    """A row of the backend's `returns` table (v1.1): one return of part of a sale."""

    id: str
    customer_id: str
    order_id: str
    returned_amount: int
    points_reversed: int
    points_shortfall: int
    transaction_id: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    key: str
    status: int
    body: dict[str, Any]

    @property
    def refusal(self) -> bool:
        return self.status >= 400

    @property
    def error_code(self) -> str:
        error = self.body.get("error")
        return str(error.get("code")) if isinstance(error, dict) else ""


@dataclass
class Books:
    balances: dict[str, int] = field(default_factory=dict)
    lots: dict[str, dict[str | None, int]] = field(default_factory=dict)
    txns: dict[str, list[Txn]] = field(default_factory=lambda: defaultdict(list))
    redemptions: dict[str, Red] = field(default_factory=dict)  # by code
    by_id: dict[str, Red] = field(default_factory=dict)
    answers: dict[str, StoredAnswer] = field(default_factory=dict)  # by idempotency key
    returns: dict[str, Ret] = field(default_factory=dict)  # by id

    def sale_awards(self) -> dict[str, list[Txn]]:
        """The earned transactions of each order id (a sale earns once: one each)."""
        found: dict[str, list[Txn]] = defaultdict(list)
        for txns in self.txns.values():
            for t in txns:
                order = t.metadata.get("order_id")
                if t.type == "earned" and isinstance(order, str):
                    found[order].append(t)
        return found

    def refusals(self) -> list[StoredAnswer]:
        return [a for a in self.answers.values() if a.refusal]


def read_books(db_path: Path, customers: set[str] | None = None) -> Books:
    """Everything the backend holds (for `customers`, if given)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return _read(conn, customers)
    finally:
        conn.close()


def _mine(customers: set[str] | None, cid: str) -> bool:
    return customers is None or cid in customers


def _read(conn: sqlite3.Connection, customers: set[str] | None) -> Books:
    books = Books()
    for r in conn.execute("SELECT id, points_balance FROM customers"):
        if _mine(customers, r["id"]):
            books.balances[r["id"]] = r["points_balance"]
            books.lots[r["id"]] = {}
    for r in conn.execute(
        "SELECT customer_id, expires_at, SUM(remaining) AS left FROM lots "
        "WHERE remaining > 0 GROUP BY customer_id, expires_at"
    ):
        if _mine(customers, r["customer_id"]):
            books.lots.setdefault(r["customer_id"], {})[r["expires_at"]] = r["left"]
    for r in conn.execute("SELECT * FROM transactions ORDER BY seq"):
        if _mine(customers, r["customer_id"]):
            books.txns[r["customer_id"]].append(
                Txn(
                    r["seq"],
                    r["id"],
                    r["customer_id"],
                    r["type"],
                    r["points"],
                    r["balance_after"],
                    r["reason"],
                    json.loads(r["metadata"] or "{}"),
                    r["expires_at"],
                    r["redemption_id"],
                )
            )
    for r in conn.execute("SELECT * FROM redemptions"):
        if _mine(customers, r["customer_id"]):
            red = Red(
                r["id"],
                r["customer_id"],
                r["reward_id"],
                r["points"],
                r["code"],
                r["discount_amount"],
                r["status"],
                r["terminal_id"],
            )
            books.redemptions[red.code] = red
            books.by_id[red.id] = red
    for r in conn.execute("SELECT * FROM returns"):
        if _mine(customers, r["customer_id"]):
            books.returns[r["id"]] = Ret(
                r["id"],
                r["customer_id"],
                r["order_id"],
                r["returned_amount"],
                r["points_reversed"],
                r["points_shortfall"],
                r["transaction_id"],
                r["reason"],
            )
    for r in conn.execute("SELECT key, status, body FROM idempotency"):
        books.answers[r["key"]] = StoredAnswer(r["key"], r["status"], json.loads(r["body"]))
    return books


def negative_balances(books: Books) -> list[str]:
    """Every customer below zero and every transaction that left a balance below zero."""
    found = [f"customer {cid} has {b} points" for cid, b in books.balances.items() if b < 0]
    for txns in books.txns.values():
        found += [
            f"transaction {t.id} ({t.type} {t.points:+}) of {t.customer_id} left "
            f"balance_after={t.balance_after}"
            for t in txns
            if t.balance_after < 0
        ]
    return found
