"""What the GUI's questions are about, and what comes back (plain values)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RedeemQuestion:
    customer_name: str
    reward_name: str
    points: int
    discount: str
    balance_before: int
    balance_after: int
    item: bool = False  # a thing or a service: `discount` is then its value, not a discount


@dataclass(frozen=True, slots=True)
class AwardAnswer:
    points: int
    reason: str
    bonus: bool
    expires_at: datetime | None


@dataclass(frozen=True, slots=True)
class EnrolAnswer:
    name: str
    phone: str
    email: str
    card_number: str


@dataclass(frozen=True, slots=True)
class ApprovalAnswer:
    manager: str
    pin: str
    reason: str


@dataclass(frozen=True, slots=True)
class AdjustAnswer:
    points: int
    reason: str
