"""Sample answers of the contract (docs/API.md), as the backend sends them: one customer,
reward, tier, points transaction and redemption, for the client's wire, mismatch and fuzz
tests."""

from __future__ import annotations

import copy
from typing import Any

TS = "2025-01-02T03:04:05Z"
UPDATED = "2025-06-07T08:09:10Z"

# The examples of API.md, with its "..." placeholders filled in.
EXAMPLE_CUSTOMER: dict[str, Any] = {
    "object": "customer",
    "id": "cus_abc123",
    "name": "Ada Obi",
    "email": "ada@example.com",
    "phone": "+2348012345678",
    "card_number": "LP0000123456",
    "points_balance": 500,
    "lifetime_points": 1200,
    "tier": {"id": "tier_silver", "name": "Silver"},
    "points_expiring": [{"points": 200, "expires_at": "2026-12-31T23:59:59Z"}],
    "metadata": {},
    "created_at": TS,
    "updated_at": UPDATED,
}
EXAMPLE_REWARD: dict[str, Any] = {
    "object": "reward",
    "id": "rwd_xyz789",
    "name": "NGN 1,000 off",
    "points_cost": 200,
    "discount_amount": 1000,
    "currency": "NGN",
    "tier_required": None,
    "active": True,
    "created_at": TS,
    "updated_at": UPDATED,
}
EXAMPLE_PER_POINT_REWARD: dict[str, Any] = {
    "object": "reward",
    "id": "rwd_points",
    "name": "Pay with points",
    "kind": "per_point",
    "points_cost": None,
    "discount_amount": None,
    "per_point": {"discount_per_point": 5, "min_points": 100, "max_points": 10000, "step": 10},
    "currency": "NGN",
    "tier_required": None,
    "active": True,
    "created_at": TS,
    "updated_at": UPDATED,
}
EXAMPLE_TIER: dict[str, Any] = {
    "object": "tier",
    "id": "tier_silver",
    "name": "Silver",
    "min_points": 1000,
    "created_at": TS,
}
EXAMPLE_TXN: dict[str, Any] = {
    "object": "points_transaction",
    "id": "txn_1",
    "customer_id": "cus_abc123",
    "type": "earned",
    "points": 100,
    "balance_after": 600,
    "reason": "Purchase",
    "metadata": {"order_id": "order_12345", "amount": 10000, "rate": 1.5, "online": False},
    "expires_at": None,
    "redemption_id": None,
    "created_at": TS,
}
EXAMPLE_REDEMPTION: dict[str, Any] = {
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
    "terminal_id": "till-1",
    "occurred_at": "2025-01-02T03:00:00Z",
    "created_at": TS,
    "updated_at": UPDATED,
    "used_at": None,
    "voided_at": None,
    "metadata": {},
}


def sample(base: dict[str, Any], *, drop: tuple[str, ...] = (), **changes: Any) -> dict[str, Any]:
    """A deep copy of `base` with `changes` set in place and the fields in `drop` left out."""
    data = copy.deepcopy(base)
    data.update(changes)
    for name in drop:
        del data[name]
    return data


# The same objects with every optional field empty, and one timestamp throughout.
CUSTOMER = sample(
    EXAMPLE_CUSTOMER,
    email=None,
    phone=None,
    card_number=None,
    tier=None,
    points_expiring=[],
    updated_at=TS,
)
REWARD = sample(EXAMPLE_REWARD, updated_at=TS)
TIER = sample(EXAMPLE_TIER, id="tier_gold", name="Gold", min_points=5000)
TXN = sample(EXAMPLE_TXN, reason=None, metadata={})
REDEMPTION = sample(EXAMPLE_REDEMPTION, terminal_id=None, occurred_at=None, drop=("updated_at",))
