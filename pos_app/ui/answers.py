"""What the GUI's questions are about, and what comes back (plain values)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from ..domain.earning import EarnRate, EarnRules
from ..domain.models import PerPointRule

# Asks (off the UI thread) whether an order already earned on this terminal; the answer
# (the words, "" when it did not) comes back on the UI thread with the order it is about.
OrderCheck = Callable[[str, Callable[[str, str], None]], None]


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
class SaleAnswer:
    """The sale an award is for, as typed: the receipt's order number, amount, currency."""

    order_id: str
    amount: int
    currency: str


@dataclass(frozen=True, slots=True)
class AwardAnswer:
    points: int
    reason: str
    bonus: bool
    expires_at: datetime | None
    sale: SaleAnswer | None = None  # a sale: points from [earn] (the service works them out)


@dataclass(frozen=True, slots=True)
class AwardQuestion:
    """The award dialog's inputs: whose, the [earn] rules and the customer's tier (for the
    live preview), and the local order check."""

    customer_name: str
    earn: EarnRules = field(default_factory=lambda: EarnRules({"NGN": EarnRate(1, 100)}, "NGN"))
    tier_id: str | None = None
    tier_name: str | None = None
    check_order: OrderCheck | None = None


@dataclass(frozen=True, slots=True)
class ReturnAnswer:
    order_id: str
    amount: int
    reason: str


@dataclass(frozen=True, slots=True)
class ReturnQuestion:
    """The return dialog: again as typed with a problem under a field ("order"/"amount")."""

    customer_name: str | None = None
    currency: str = "NGN"
    typed: ReturnAnswer | None = None
    problems: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EnrolAnswer:
    name: str
    phone: str
    email: str
    card_number: str


@dataclass(frozen=True, slots=True)
class EnrolQuestion:
    """The enrolment form: empty, or again as it was typed with what to fix next to each
    field (the backend refused it: "Another customer already has this phone number.")."""

    phone_region: str = "NG"
    typed: EnrolAnswer | None = None
    problems: Mapping[str, str] = field(default_factory=dict)  # field -> plain words


@dataclass(frozen=True, slots=True)
class ApprovalAnswer:
    manager: str
    pin: str
    reason: str


@dataclass(frozen=True, slots=True)
class AdjustAnswer:
    points: int
    reason: str


@dataclass(frozen=True, slots=True)
class PayPointsQuestion:
    """Pay with points: what the prompt needs to show both figures as the cashier types."""

    title: str  # "Pay with points: ₦5 a point"
    rule: PerPointRule
    currency: str
    balance: int  # projected: minus what waits to sync
    low: int  # the fewest points allowed (on the step)
    high: int  # the most: max, the balance and, offline, the cap (on the step)
    cap: int | None = None  # offline: the offline policy's limit for this redemption

    @property
    def step(self) -> int:
        return self.rule.step
