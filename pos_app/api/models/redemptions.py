"""Redemptions (API.md, "Redemption"): their status, the object and its parser."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .values import Fields, MetadataValue

__all__ = ["Redemption", "RedemptionStatus", "parse_redemption"]


class RedemptionStatus(enum.StrEnum):
    ISSUED = "issued"
    USED = "used"
    VOID = "void"


@dataclass(frozen=True, slots=True)
class Redemption:
    id: str
    customer_id: str
    reward_id: str
    points: int
    code: str
    discount_amount: int
    currency: str
    status: RedemptionStatus
    transaction_id: str | None
    balance_after: int | None
    terminal_id: str | None
    occurred_at: datetime | None
    created_at: datetime
    updated_at: datetime
    used_at: datetime | None
    voided_at: datetime | None
    metadata: Mapping[str, MetadataValue] = field(hash=False)
    store_id: str | None = None  # v1.1; None from a v1 backend


def parse_redemption(value: object, path: str = "redemption") -> Redemption:
    """A Redemption object, or ProtocolError; a missing `updated_at` equals `created_at`."""
    f = Fields(value, path, "redemption")
    created_at = f.timestamp("created_at")
    updated_at = f.opt_timestamp("updated_at")
    return Redemption(
        id=f.text("id"),
        customer_id=f.text("customer_id"),
        reward_id=f.text("reward_id"),
        points=f.integer("points"),
        code=f.text("code"),
        discount_amount=f.integer("discount_amount"),
        currency=f.text("currency"),
        status=f.choice("status", RedemptionStatus),
        transaction_id=f.opt_text("transaction_id"),
        balance_after=f.opt_integer("balance_after"),
        terminal_id=f.opt_text("terminal_id"),
        occurred_at=f.opt_timestamp("occurred_at"),
        created_at=created_at,
        updated_at=created_at if updated_at is None else updated_at,
        used_at=f.opt_timestamp("used_at"),
        voided_at=f.opt_timestamp("voided_at"),
        metadata=f.metadata("metadata"),
        store_id=f.opt_text("store_id"),
    )
