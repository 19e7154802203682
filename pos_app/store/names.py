"""What the terminal calls things, read in bulk: customers, rewards and staff by name,
codes by their redemption, queued operations by id (for audit sentences and reports)."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from typing import Any, NamedTuple


class CodeNames(NamedTuple):
    customer_name: str | None
    reward_name: str | None
    discount_amount: int
    currency: str
    customer_id: str


class OperationNames(NamedTuple):
    kind: str
    customer_id: str | None
    operator: str | None
    payload: str  # as stored (JSON)


def _select_in(conn: sqlite3.Connection, sql: str, values: Collection[Any]) -> list[sqlite3.Row]:
    """`sql` with `IN ({})` filled for `values`, in chunks SQLite accepts."""
    found: list[sqlite3.Row] = []
    items = list(values)
    for start in range(0, len(items), 500):
        chunk = items[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found += conn.execute(sql.format(marks), chunk).fetchall()
    return found


def codes(conn: sqlite3.Connection, wanted: Collection[str]) -> dict[str, CodeNames]:
    """Redemptions by code: whose, and what they give (the reward's cached name if the
    redemption does not carry one)."""
    return {
        r["code"]: CodeNames(
            r["customer_name"],
            r["reward_name"],
            int(r["discount_amount"]),
            r["currency"],
            r["customer_id"],
        )
        for r in _select_in(
            conn,
            "SELECT r.code, r.customer_id, r.customer_name, "
            "coalesce(r.reward_name, w.name) AS reward_name, r.discount_amount, r.currency "
            "FROM redemptions r LEFT JOIN rewards w ON w.id = r.reward_id "
            "WHERE r.code IN ({})",
            sorted(set(wanted)),
        )
    }


def operations(conn: sqlite3.Connection, ids: Collection[int]) -> dict[int, OperationNames]:
    """Queued operations by outbox id."""
    return {
        int(r["id"]): OperationNames(r["kind"], r["customer_id"], r["operator"], r["payload"])
        for r in _select_in(
            conn,
            "SELECT id, kind, customer_id, operator, payload FROM outbox WHERE id IN ({})",
            sorted(set(ids)),
        )
    }


def customers(conn: sqlite3.Connection, ids: Collection[str] | None = None) -> dict[str, str]:
    """Cached customers' names by id: those given, or all."""
    if ids is None:
        return {r["id"]: r["name"] for r in conn.execute("SELECT id, name FROM customers")}
    return {
        r["id"]: r["name"]
        for r in _select_in(conn, "SELECT id, name FROM customers WHERE id IN ({})", ids)
    }


def rewards(conn: sqlite3.Connection) -> dict[str, str]:
    """Every cached reward's name by id, offered or not."""
    return {r["id"]: r["name"] for r in conn.execute("SELECT id, name FROM rewards")}


def staff_folded(conn: sqlite3.Connection) -> frozenset[str]:
    """Every staff member's name, case-folded."""
    return frozenset(r["name_fold"] for r in conn.execute("SELECT name_fold FROM staff"))
