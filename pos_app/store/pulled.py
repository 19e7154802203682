"""Writing a pull's customers in bulk: what `cache.upsert_customer` does for each, in a
few statements for a whole batch (three statements per row into an empty cache was most
of a first pull's cost)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ..domain.models import CustomerInfo
from .cache import UPSERT_CUSTOMER, customer_row, name_words

_ID, _NAME_FOLD, _UPDATED_AT = 0, 2, 14
_CHUNK = 500  # ids per `IN (...)`, well under SQLite's limit on bound values


def upsert_customers(conn: sqlite3.Connection, customers: Iterable[CustomerInfo]) -> int:
    """Store each customer as `cache.upsert_customer` would, one after the other, inside
    the caller's transaction: a customer the cache holds something newer of is left as
    it is, and the name words of each one stored are replaced. Returns how many were
    stored.

    In turn, the last of the newest copies of a customer wins: that copy alone is written,
    against what the cache held before (read once, under the caller's write lock)."""
    latest: dict[str, tuple[object, ...]] = {}
    for customer in customers:
        row = customer_row(customer)
        before = latest.get(customer.id)
        if before is None or str(row[_UPDATED_AT]) >= str(before[_UPDATED_AT]):
            latest[customer.id] = row
    held = _updated_at(conn, list(latest))
    stored = [
        row for cid, row in latest.items() if cid not in held or str(row[_UPDATED_AT]) >= held[cid]
    ]
    conn.executemany(UPSERT_CUSTOMER, stored)  # (its own guard says the same)
    conn.executemany(
        "DELETE FROM customer_words WHERE customer_id = ?",
        [(row[_ID],) for row in stored if row[_ID] in held],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO customer_words VALUES (?, ?)",
        [(word, row[_ID]) for row in stored for word in name_words(str(row[_NAME_FOLD] or ""))],
    )
    return len(stored)


def _updated_at(conn: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    """The cached `updated_at` of those of `ids` the cache holds."""
    found: dict[str, str] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, updated_at FROM customers WHERE id IN ({marks})",  # noqa: S608
            chunk,
        )
        found.update((row[0], row[1]) for row in rows)
    return found
