"""The answers of `customer show --json` and `customer enrol --json`, imported by those
commands when they answer: `customer find` (the counter's most frequent command) never
builds their classes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.models import ExpiringLot, Source

if TYPE_CHECKING:
    from ..domain.progress import ExpiringSoon, TierProgress
    from ..services import lookup


@dataclass(frozen=True, slots=True)
class Tier:
    id: str
    name: str | None


@dataclass(frozen=True, slots=True)
class CustomerAnswer:
    """`customer show --json`: the customer, what waits to sync, and where it came from."""

    object: str
    id: str
    name: str
    email: str | None
    phone: str | None
    card_number: str | None
    points_balance: int
    projected_balance: int
    pending_points: int
    lifetime_points: int
    tier: Tier | None
    points_expiring: tuple[ExpiringLot, ...]
    cached_at: datetime
    source: Source
    tier_progress: TierProgress
    expiring_soon: tuple[ExpiringSoon, ...]

    @classmethod
    def of(cls, view: lookup.CustomerView, progress: lookup.Progress) -> CustomerAnswer:
        c = view.customer
        return cls(
            "customer",
            c.id,
            c.name,
            c.email,
            c.phone,
            c.card_number,
            c.points_balance,
            view.projected_balance,
            view.pending_points,
            c.lifetime_points,
            Tier(c.tier_id, c.tier_name) if c.tier_id else None,
            c.points_expiring,
            c.cached_at,
            view.source,
            progress.tier,
            progress.expiring,
        )


@dataclass(frozen=True, slots=True)
class Enrolled:
    object: str
    id: str
    name: str
    points_balance: int
