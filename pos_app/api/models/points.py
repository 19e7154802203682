"""Points transactions (API.md, "Points transaction"): their types, the object and its parser."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .values import Fields, MetadataValue

__all__ = ["AwardType", "PointsTransaction", "TransactionType", "parse_points_transaction"]


class TransactionType(enum.StrEnum):
    EARNED = "earned"
    REDEEMED = "redeemed"
    EXPIRED = "expired"
    ADJUSTED = "adjusted"


class AwardType(enum.StrEnum):
    """The `type` of an award; a bonus is recorded as an `earned` transaction."""

    EARNED = "earned"
    BONUS = "bonus"


@dataclass(frozen=True, slots=True)
class PointsTransaction:
    id: str
    customer_id: str
    type: TransactionType
    points: int
    balance_after: int
    reason: str | None
    metadata: Mapping[str, MetadataValue] = field(hash=False)
    expires_at: datetime | None
    redemption_id: str | None
    created_at: datetime


def parse_points_transaction(value: object, path: str = "points_transaction") -> PointsTransaction:
    """A points transaction object, or ProtocolError."""
    f = Fields(value, path, "points_transaction")
    return PointsTransaction(
        id=f.text("id"),
        customer_id=f.text("customer_id"),
        type=f.choice("type", TransactionType),
        points=f.integer("points"),
        balance_after=f.integer("balance_after"),
        reason=f.opt_text("reason"),
        metadata=f.metadata("metadata"),
        expires_at=f.opt_timestamp("expires_at"),
        redemption_id=f.opt_text("redemption_id"),
        created_at=f.timestamp("created_at"),
    )
