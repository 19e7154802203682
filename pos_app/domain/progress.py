"""A customer's standing at the counter, pure: the progress to the next tier, the points
expiring soon, and what each line of their history is (a bonus, a sale, a return, ...)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ..i18n import N_, _, ngettext
from ..i18n.formats import number
from .models import ExpiringLot, TierInfo

#: How far ahead "expiring soon" looks, in days.
SOON_DAYS = 30


@dataclass(frozen=True, slots=True)
class TierProgress:
    lifetime_points: int
    tier: TierInfo | None  # the highest tier the lifetime points reach (None: below all)
    next_tier: TierInfo | None  # None: the top tier is reached (or there are no tiers)
    points_to_next: int  # 0 at the top
    fraction: float  # from the current tier's threshold to the next one's, 0.0 to 1.0

    @property
    def text(self) -> str:
        """ "1,100 points to Gold", "Gold: the top tier", or "" without tiers, in the
        terminal's language ("Encore 1 100 points pour Gold")."""
        if self.next_tier is not None:
            n, tier = self.points_to_next, self.next_tier.name
            words = ngettext("{n} point to {tier}", "{n} points to {tier}", n)
            return words.format(n=number(n), tier=tier)
        if self.tier is not None:
            return _("{tier}: the top tier").format(tier=self.tier.name)
        return ""

    @property
    def english(self) -> str:
        """The same in English, whatever the terminal speaks (`--json` is for machines)."""
        if self.next_tier is not None:
            unit = "point" if self.points_to_next == 1 else "points"
            return f"{number(self.points_to_next)} {unit} to {self.next_tier.name}"
        if self.tier is not None:
            return f"{self.tier.name}: the top tier"
        return ""

    def as_json(self) -> dict[str, object]:
        return {
            "lifetime_points": self.lifetime_points,
            "tier": None if self.tier is None else self.tier.name,
            "next_tier": None if self.next_tier is None else self.next_tier.name,
            "points_to_next": self.points_to_next,
            "fraction": round(self.fraction, 4),
            "text": self.english,
        }


def tier_progress(lifetime_points: int, tiers: Iterable[TierInfo]) -> TierProgress:
    """Where `lifetime_points` stand among `tiers` (the cached tiers, any order). Tiers go
    by lifetime points, as the backend grants them."""
    ordered = sorted(tiers, key=lambda tier: (tier.min_points, tier.id))
    reached = [tier for tier in ordered if tier.min_points <= lifetime_points]
    ahead = [tier for tier in ordered if tier.min_points > lifetime_points]
    current = reached[-1] if reached else None
    upcoming = ahead[0] if ahead else None
    if upcoming is None:
        return TierProgress(lifetime_points, current, None, 0, 1.0)
    floor = current.min_points if current is not None else 0
    span = upcoming.min_points - floor
    fraction = (lifetime_points - floor) / span if span > 0 else 1.0
    return TierProgress(
        lifetime_points,
        current,
        upcoming,
        upcoming.min_points - lifetime_points,
        min(1.0, max(0.0, fraction)),
    )


@dataclass(frozen=True, slots=True)
class ExpiringSoon:
    points: int
    expires_at: datetime
    days_left: int  # whole days from now; 0: today

    @property
    def text(self) -> str:
        date = f"{self.expires_at:%Y-%m-%d}"
        points = number(self.points)
        if self.days_left == 0:
            return _("{points} points expire today ({date})").format(points=points, date=date)
        return ngettext(
            "{points} points expire in {n} day ({date})",
            "{points} points expire in {n} days ({date})",
            self.days_left,
        ).format(points=points, n=self.days_left, date=date)


def expiring_soon(
    lots: Iterable[ExpiringLot], now: datetime, within_days: int = SOON_DAYS
) -> tuple[ExpiringSoon, ...]:
    """The lots expiring within `within_days` of `now` (not already expired), soonest
    first, with the whole days left."""
    found = []
    for lot in lots:
        left = lot.expires_at - now
        if left.total_seconds() < 0 or left.days >= within_days:
            continue
        found.append(ExpiringSoon(lot.points, lot.expires_at, left.days))
    return tuple(sorted(found, key=lambda soon: soon.expires_at))


class Label(StrEnum):
    """What a line of a customer's history is, for the counter."""

    BONUS = "bonus"  # earned, no sale: metadata.kind "bonus"
    SALE = "sale"  # earned for a sale: metadata.order_id
    AWARD = "award"  # earned, neither (an award from before sales were named)
    RETURN = "return"  # points taken back for a returned sale: metadata.kind "return"
    ADJUSTMENT = "adjustment"  # any other adjustment (a manager's, a void's give-back)
    REDEMPTION = "redemption"
    EXPIRY = "expiry"


_BY_TYPE = {"redeemed": Label.REDEMPTION, "expired": Label.EXPIRY}


def label_of(type_: str, metadata: Mapping[str, object]) -> tuple[Label, str | None]:
    """A history line's label and its order number (a sale's or a return's), from its
    transaction `type` (earned, redeemed, expired, adjusted) and `metadata`."""
    order = metadata.get("order_id")
    order_id = order if isinstance(order, str) and order else None
    kind = metadata.get("kind")
    if type_ in _BY_TYPE:
        return _BY_TYPE[type_], None
    if type_ == "adjusted":
        return (Label.RETURN, order_id) if kind == "return" else (Label.ADJUSTMENT, None)
    if kind == "bonus":
        return Label.BONUS, None
    if order_id is not None:
        return Label.SALE, order_id
    return Label.AWARD, None


# A label as people read it (the label's value stays the key: --type, --json).
_LABEL_WORDS = {
    Label.BONUS: N_("bonus"),
    Label.SALE: N_("sale"),
    Label.AWARD: N_("award"),
    Label.RETURN: N_("return"),
    Label.ADJUSTMENT: N_("adjustment"),
    Label.REDEMPTION: N_("redemption"),
    Label.EXPIRY: N_("expiry"),
}


def label_text(label: Label, order_id: str | None) -> str:
    """ "sale order_12345", "return order_12345", "bonus" (in the terminal's language)."""
    words = _(_LABEL_WORDS[label])
    return f"{words} {order_id}" if order_id else words
