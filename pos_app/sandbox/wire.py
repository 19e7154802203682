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


def customer(row: sqlite3.Row, tier: Tier | None, expiring: Sequence[sqlite3.Row]) -> JSON:
    return {
        "object": "customer",
        "id": row["id"],
        "name": row["name"],
        "email": row["email"],
        "phone": row["phone"],
        "card_number": row["card_number"],
        "points_balance": row["points_balance"],
        "lifetime_points": row["lifetime_points"],
        "tier": None if tier is None else {"id": tier.id, "name": tier.name},
        "points_expiring": [
            {"points": lot["remaining"], "expires_at": lot["expires_at"]} for lot in expiring
        ],
        "metadata": _metadata(row["metadata"]),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def transaction(row: sqlite3.Row) -> JSON:
    return {
        "object": "points_transaction",
        "id": row["id"],
        "customer_id": row["customer_id"],
        "type": row["type"],
        "points": row["points"],
        "balance_after": row["balance_after"],
        "reason": row["reason"],
        "metadata": _metadata(row["metadata"]),
        "expires_at": row["expires_at"],
        "redemption_id": row["redemption_id"],
        "created_at": row["created_at"],
    }


def tier(row: sqlite3.Row) -> JSON:
    return {
        "object": "tier",
        "id": row["id"],
        "name": row["name"],
        "min_points": row["min_points"],
        "created_at": row["created_at"],
    }


def reward(row: sqlite3.Row) -> JSON:
    return {
        "object": "reward",
        "id": row["id"],
        "name": row["name"],
        "points_cost": row["points_cost"],
        "discount_amount": row["discount_amount"],
        "currency": row["currency"],
        "tier_required": row["tier_required"],
        "active": bool(row["active"]),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def redemption(row: sqlite3.Row) -> JSON:
    return {
        "object": "redemption",
        "id": row["id"],
        "customer_id": row["customer_id"],
        "reward_id": row["reward_id"],
        "points": row["points"],
        "code": row["code"],
        "discount_amount": row["discount_amount"],
        "currency": row["currency"],
        "status": row["status"],
        "transaction_id": row["transaction_id"],
        "balance_after": row["balance_after"],
        "terminal_id": row["terminal_id"],
        "occurred_at": row["occurred_at"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "used_at": row["used_at"],
        "voided_at": row["voided_at"],
        "metadata": _metadata(row["metadata"]),
    }


def listing(data: list[JSON], has_more: bool, next_cursor: str | None) -> JSON:
    """A page of a list: its objects, and the cursor of the next page if there is one."""
    return {
        "object": "list",
        "data": data,
        "has_more": has_more,
        "next_cursor": next_cursor if has_more else None,
    }
