"""The terminal's own view of customers, rewards and its operations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .operations import Operation


class Source(StrEnum):
    """Where an answer about a customer or a code came from."""

    BACKEND = "backend"  # fetched from the loyalty service just now
    CACHE = "cache"  # this terminal's own copy (offline: last seen online, plus pending)


class Origin(StrEnum):
    """Where a redemption this terminal keeps was made."""

    LOCAL = "local"  # at this terminal
    REMOTE = "remote"  # elsewhere: pulled from the loyalty service


class Outcome(StrEnum):
    """What the counter is told became of an operation it handed out (the `status` of a
    redemption's, an award's, an adjustment's or a void's result)."""

    CONFIRMED = "confirmed"  # the backend has it
    OFFLINE = "offline"  # queued: given now, it syncs when the backend answers


@dataclass(frozen=True, slots=True)
class ExpiringLot:
    points: int
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class CustomerInfo:
    """A customer as this terminal knows them; `cached_at` says how fresh that is."""

    id: str
    name: str
    email: str | None
    phone: str | None
    card_number: str | None
    points_balance: int
    lifetime_points: int
    tier_id: str | None
    tier_name: str | None
    points_expiring: tuple[ExpiringLot, ...]
    updated_at: datetime
    cached_at: datetime


class RewardKind(StrEnum):
    FIXED = "fixed"  # a set number of points for a set discount
    PER_POINT = "per_point"  # pay with points: any points within the rule, each worth a discount


@dataclass(frozen=True, slots=True)
class PerPointRule:
    """A per-point reward's rule (API.md v1.1, "Pay with points")."""

    discount_per_point: int  # the currency's main unit per point
    min_points: int
    max_points: int
    step: int


@dataclass(frozen=True, slots=True)
class RewardInfo:
    """A reward. A per-point one (`per_point` set) keeps in `points_cost` and
    `discount_amount` its smallest redemption (min_points and their discount), so a card,
    the catalogue's order and eligibility read it like a fixed one."""

    id: str
    name: str
    points_cost: int
    discount_amount: int
    currency: str
    tier_required: str | None
    active: bool
    kind: RewardKind = RewardKind.FIXED
    per_point: PerPointRule | None = None


@dataclass(frozen=True, slots=True)
class TierInfo:
    id: str
    name: str
    min_points: int


class RedemptionStatus(StrEnum):
    PENDING = "pending"  # committed; the backend's answer is awaited
    CONFIRMED = "confirmed"  # the backend accepted it
    OFFLINE = "offline"  # handed out under the offline policy; waiting to sync
    REJECTED = "rejected"  # refused by the backend before it was handed out
    CANCELLED = "cancelled"  # abandoned before it was handed out (offline policy said no)
    CONFLICT = "conflict"  # handed out offline, refused by the backend later
    USED = "used"
    VOID = "void"


#: Statuses in which the customer holds a usable code.
HANDED_OUT = (RedemptionStatus.CONFIRMED, RedemptionStatus.OFFLINE)


@dataclass(frozen=True, slots=True)
class LocalRedemption:
    code: str
    customer_id: str
    customer_name: str | None
    reward_id: str
    reward_name: str | None
    points: int
    discount_amount: int
    currency: str
    status: RedemptionStatus
    remote_id: str | None
    balance_after: int | None
    terminal_id: str | None
    operator: str | None
    occurred_at: datetime
    created_at: datetime
    shown_at: datetime | None
    refusal_code: str | None
    refusal_message: str | None
    origin: Origin = Origin.LOCAL
    issued_offline: bool = False  # handed out under the offline policy (for the report)


class OutboxState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    CONFLICT = "conflict"
    REFUSED = "refused"
    CANCELLED = "cancelled"
    RESOLVED = "resolved"  # a conflict a manager closed (retry, accept_loss, void_local)


class OperationKind(StrEnum):
    REDEEM = "redeem"
    AWARD = "award"
    ADJUST = "adjust"
    USE = "use"
    VOID = "void"
    RETURN = "return"  # v1.1: a returned sale's points taken back


class ReportScope(StrEnum):
    """Whose redemptions a daily report counts."""

    TERMINAL = "terminal"  # this terminal's own redemptions, from its store (works offline)
    STORE = "store"  # every terminal's of this store (config store_id), from the backend
    MERCHANT = "merchant"  # every store's, from the backend

    @property
    def label(self) -> str:
        return {"terminal": "terminal", "store": "whole store", "merchant": "whole merchant"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: int
    kind: OperationKind
    customer_id: str | None
    idempotency_key: str
    payload: dict[str, object]
    state: OutboxState
    handed_out: bool
    maybe_delivered: bool
    attempts: int
    next_attempt_at: datetime | None
    last_error_code: str | None
    last_error: str | None
    operator: str | None
    redemption_code: str | None
    created_at: datetime
    updated_at: datetime
    # Given up on at the counter: never sent again, only asked about (sync/push.py).
    abandoned: bool = False
    abandoned_at: datetime | None = None  # None when abandoned by a version before schema 5

    @property
    def operation(self) -> Operation:
        """The typed operation this row holds."""
        from .operations import decode

        return decode(self.kind, self.payload)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry of the hash-chained audit log, as stored: `at` and `details` are the exact
    texts the hash covers (`details` is JSON). Readable by field name like the row it was
    (`entry["action"]`)."""

    seq: int
    at: str
    actor: str
    action: str
    subject: str | None
    details: str
    prev_hash: str
    hash: str

    def __getitem__(self, key: str) -> object:
        if key not in AUDIT_FIELDS:
            raise KeyError(key)
        return getattr(self, key)

    def as_json(self) -> dict[str, object]:
        return {key: getattr(self, key) for key in AUDIT_FIELDS}


AUDIT_FIELDS = ("seq", "at", "actor", "action", "subject", "details", "prev_hash", "hash")
