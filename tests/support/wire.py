"""Sample answers of the contract (docs/API.md), as the backend sends them: one customer,
reward, tier, points transaction and redemption, for the client's wire, mismatch and fuzz
tests."""

from __future__ import annotations

from typing import Any

TS = "2025-01-02T03:04:05Z"
CUSTOMER: dict[str, Any] = {
    "object": "customer",
    "id": "cus_abc123",
    "name": "Ada Obi",
    "email": None,
    "phone": None,
    "card_number": None,
    "points_balance": 500,
    "lifetime_points": 1200,
    "tier": None,
    "points_expiring": [],
    "metadata": {},
    "created_at": TS,
    "updated_at": TS,
}
REWARD: dict[str, Any] = {
    "object": "reward",
    "id": "rwd_xyz789",
    "name": "NGN 1,000 off",
    "points_cost": 200,
    "discount_amount": 1000,
    "currency": "NGN",
    "tier_required": None,
    "active": True,
    "created_at": TS,
    "updated_at": TS,
}
TIER: dict[str, Any] = {
    "object": "tier",
    "id": "tier_gold",
    "name": "Gold",
    "min_points": 5000,
    "created_at": TS,
}
TXN: dict[str, Any] = {
    "object": "points_transaction",
    "id": "txn_1",
    "customer_id": "cus_abc123",
    "type": "earned",
    "points": 100,
    "balance_after": 600,
    "reason": None,
    "metadata": {},
    "expires_at": None,
    "redemption_id": None,
    "created_at": TS,
}
REDEMPTION: dict[str, Any] = {
    "object": "redemption",
    "id": "red_1",
    "customer_id": "cus_abc123",
    "reward_id": "rwd_xyz789",
    "points": 200,
    "code": "REDEEM-ABC123",
    "discount_amount": 1000,
    "currency": "NGN",
    "status": "issued",
    "transaction_id": "txn_2",
    "balance_after": 300,
    "terminal_id": None,
    "occurred_at": None,
    "created_at": TS,
    "used_at": None,
    "voided_at": None,
    "metadata": {},
}
