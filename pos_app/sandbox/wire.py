"""The objects the sandbox sends, made from the ledger's rows: every field of the
contract always present, in the contract's order (their JSON Schemas: wire_schema.py)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from .ledger import Tier

JSON = dict[str, Any]


def _metadata(value: str | None) -> JSON:
    loaded: JSON = json.loads(value) if value else {}
    return loaded


def _columns(row: sqlite3.Row, names: str) -> JSON:
    """The row's columns of these (space-separated) names, under the same names."""
    return {name: row[name] for name in names.split()}


def customer(row: sqlite3.Row, tier: Tier | None, expiring: Sequence[sqlite3.Row]) -> JSON:
    return {
        "object": "customer",
        **_columns(row, "id name email phone card_number points_balance lifetime_points"),
        "tier": None if tier is None else {"id": tier.id, "name": tier.name},
        "points_expiring": [
            {"points": lot["remaining"], "expires_at": lot["expires_at"]} for lot in expiring
        ],
        "metadata": _metadata(row["metadata"]),
        **_columns(row, "created_at updated_at"),
    }


def _v11(row: sqlite3.Row, names: str, v11: bool) -> JSON:
    """Columns only a v1.1 backend sends."""
    return _columns(row, names) if v11 else {}


def transaction(row: sqlite3.Row, v11: bool = True) -> JSON:
    return {
        "object": "points_transaction",
        **_columns(row, "id customer_id type points balance_after reason"),
        "metadata": _metadata(row["metadata"]),
        **_columns(row, "expires_at redemption_id"),
        **_v11(row, "store_id", v11),
        **_columns(row, "created_at"),
    }


def transaction_v1(row: sqlite3.Row) -> JSON:
    return transaction(row, False)


def tier(row: sqlite3.Row) -> JSON:
    return {"object": "tier", **_columns(row, "id name min_points created_at")}


def reward(row: sqlite3.Row, v11: bool = True) -> JSON:
    extra: JSON = {}
    if v11:
        rules = json.loads(row["per_point"]) if row["per_point"] else None
        extra = {
            "kind": row["kind"],
            "per_point": None
            if rules is None
            else {k: rules[k] for k in ("discount_per_point", "min_points", "max_points", "step")},
        }
    return {
        "object": "reward",
        **_columns(row, "id name"),
        **({"kind": extra["kind"]} if v11 else {}),
        **_columns(row, "points_cost discount_amount"),
        **({"per_point": extra["per_point"]} if v11 else {}),
        **_columns(row, "currency tier_required"),
        "active": bool(row["active"]),
        **_columns(row, "created_at updated_at"),
    }


def reward_v1(row: sqlite3.Row) -> JSON:
    return reward(row, False)


def redemption(row: sqlite3.Row, v11: bool = True) -> JSON:
    return {
        "object": "redemption",
        **_columns(
            row,
            "id customer_id reward_id points code discount_amount currency status "
            "transaction_id balance_after terminal_id",
        ),
        **_v11(row, "store_id", v11),
        **_columns(row, "occurred_at created_at updated_at used_at voided_at"),
        "metadata": _metadata(row["metadata"]),
    }


def redemption_v1(row: sqlite3.Row) -> JSON:
    return redemption(row, False)


def return_(row: sqlite3.Row) -> JSON:
    return {
        "object": "return",
        **_columns(
            row,
            "id customer_id order_id returned_amount points_reversed points_shortfall "
            "transaction_id balance_after store_id created_at",
        ),
    }


def listing(data: list[JSON], has_more: bool, next_cursor: str | None) -> JSON:
    """A page of a list: its objects, and the cursor of the next page if there is one."""
    return {
        "object": "list",
        "data": data,
        "has_more": has_more,
        "next_cursor": next_cursor if has_more else None,
    }
