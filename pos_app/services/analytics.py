"""Program analytics for managers: the backend's points figures by period in the store's
time zone (GET /v1/analytics/points, API.md v1.1), with what only the terminal knows
beside them: reward names, the value of the outstanding points at the pay-with-points
rate, and this terminal's awards above the limit with who approved them.

Every figure of points comes from the backend, to the point. A backend that does not offer
analytics (v1 only) is said so plainly (`AnalyticsNotOffered`), never shown as zeros.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..api import AnalyticsInterval, ApiError, LoyaltyClient, NotOffered, PointsAnalytics
from ..domain.jsonable import fields_json
from ..i18n import N_, _
from ..i18n.formats import number
from ..store import audit, names
from . import backend, staff
from .errors import BadInput, Refused, ServiceError
from .report import LargeAward, day_bounds, large_awards, store_zone
from .terminal import Terminal

__all__ = [
    "NOT_OFFERED",
    "AnalyticsNotOffered",
    "AnalyticsReport",
    "AnalyticsScope",
    "PeriodLine",
    "RewardLine",
    "analytics",
    "check",
    "require_manager",
]

MAX_DAYS = 366
NOT_OFFERED = N_("this backend does not offer analytics; it needs LoyalPro API v1.1")
FIGURES = ("earned", "bonus", "redeemed", "expired", "adjusted", "returned")


class AnalyticsScope:
    STORE = "store"
    MERCHANT = "merchant"


class AnalyticsNotOffered(ServiceError):
    """The backend does not serve analytics (a v1-only backend): not a refusal, not zeros.
    Its own exit status (6), so that a script can tell it from a failure."""

    exit_code = 6

    def __init__(self, message: str = "", code: str = "not_offered") -> None:
        super().__init__(message or _(NOT_OFFERED), code)


@dataclass(frozen=True, slots=True)
class PeriodLine:
    """One period: `start` is its first day in the store's time zone; points are signed
    as in a customer's history (earned includes bonus, adjusted excludes returns)."""

    start: date
    earned: int
    bonus: int
    redeemed: int
    expired: int
    adjusted: int
    returned: int
    redemptions: int
    discount_total: int
    customers_active: int


@dataclass(frozen=True, slots=True)
class RewardLine:
    reward_id: str
    name: str
    redemptions: int
    points: int


@dataclass(frozen=True)
class AnalyticsReport:
    date_from: date
    date_to: date  # inclusive
    interval: AnalyticsInterval
    scope: str  # "store" or "merchant"
    store_id: str | None
    timezone: str
    currency: str
    periods: list[PeriodLine]
    totals: dict[str, int]
    outstanding_points: int
    # The liability: outstanding points at the pay-with-points rate, or None with the
    # reason in `value_note` (no per-point reward in the catalogue, or it cannot be read).
    outstanding_value: int | None
    value_per_point: int | None
    value_note: str
    expiring: dict[int, int]  # within N days: points (cumulative)
    top_rewards: list[RewardLine]
    large_awards: list[LargeAward] = field(default_factory=list)  # this terminal's
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    audit_head: str | None = None

    def as_json(self) -> dict[str, Any]:
        return fields_json(
            self, expiring=[{"within_days": d, "points": p} for d, p in self.expiring.items()]
        )


def require_manager(t: Terminal, operator: str) -> str:
    """Program analytics are for managers: `operator` must be a signed-in manager."""
    member = next(
        (m for m in staff.list_staff(t) if m.name.casefold() == operator.strip().casefold()),
        None,
    )
    if member is None or not member.is_manager:
        raise Refused(
            _(
                "Program analytics are for managers: run it with --operator and a "
                "manager's name (their PIN on stdin)."
            ),
            "manager_only",
        )
    return member.name


def _scope(t: Terminal, scope: str | None) -> tuple[str, str | None]:
    configured = t.config.store_id
    chosen = scope or (AnalyticsScope.STORE if configured else AnalyticsScope.MERCHANT)
    if chosen == AnalyticsScope.MERCHANT:
        return chosen, None
    if chosen != AnalyticsScope.STORE:
        raise BadInput(_("The scope is store or merchant."))
    if not configured:
        raise BadInput(
            _(
                "This terminal has no store_id in config.toml: ask for the whole "
                "merchant (--merchant), or set store_id."
            )
        )
    return chosen, configured


def _interval(value: str) -> AnalyticsInterval:
    try:
        return AnalyticsInterval(value)
    except ValueError:
        raise BadInput(_("The interval is day, week or month.")) from None


def check(
    t: Terminal, date_from: date, date_to: date, interval: str, scope: str | None
) -> tuple[AnalyticsInterval, str, str | None]:
    """Everything `analytics` checks of the request before asking anyone's PIN or the
    backend: the interval, the range, and the scope (with the store it names)."""
    chosen = _interval(interval)
    if date_to < date_from:
        raise BadInput(_("The range ends before it starts."))
    if (date_to - date_from).days >= MAX_DAYS:
        raise BadInput(
            _("Program analytics cover at most {max_days} days at a time.").format(
                max_days=MAX_DAYS
            )
        )
    where, store_id = _scope(t, scope)
    return chosen, where, store_id


def analytics(
    t: Terminal,
    *,
    date_from: date,
    date_to: date,
    interval: str = "day",
    scope: str | None = None,
) -> AnalyticsReport:
    """The programme's figures for the store's local days `date_from` to `date_to`
    (inclusive), by `interval`, for this store (`scope` "store", the default when
    config.toml names one) or the whole merchant."""
    chosen, where, store_id = check(t, date_from, date_to, interval, scope)
    zone_name = _zone_name(t)
    zone = ZoneInfo(zone_name)
    start, end = day_bounds(date_from, date_to, zone)
    client = t.client
    try:
        found = client.points_analytics(
            start, end, interval=chosen, store_id=store_id, tz=zone_name
        )
    except NotOffered:
        raise AnalyticsNotOffered() from None
    except ApiError as error:
        raise backend.translate(error, what="Program analytics") from None
    catalogue, value_per_point, note = _catalogue(client)
    rewards = {**names.rewards(t.db.conn), **catalogue}
    return AnalyticsReport(
        date_from=date_from,
        date_to=date_to,
        interval=chosen,
        scope=where,
        store_id=store_id,
        timezone=zone_name,
        currency=found.currency,
        periods=_lines(found, zone),
        totals=_totals(found),
        outstanding_points=found.outstanding_points,
        outstanding_value=None
        if value_per_point is None
        else found.outstanding_points * value_per_point,
        value_per_point=value_per_point,
        value_note=note,
        expiring={e.within_days: e.points for e in found.expiring},
        top_rewards=[
            RewardLine(r.reward_id, rewards.get(r.reward_id, r.reward_id), r.redemptions, r.points)
            for r in found.top_rewards
        ],
        large_awards=large_awards(t, start, end, zone),
        generated_at=t.clock(),
        audit_head=audit.head(t.db.conn),
    )


def _zone_name(t: Terminal) -> str:
    """The store's zone as an IANA name, which the backend cuts the periods by:
    `timezone` in config.toml, else the system's own (TZ, or /etc/localtime's link)."""
    key = getattr(store_zone(t), "key", None)
    candidates = [key, os.environ.get("TZ", "").lstrip(":")]
    try:
        link = os.path.realpath("/etc/localtime")
        candidates.append(link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else None)
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                ZoneInfo(name)
                return name
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    raise BadInput(
        _(
            "Set timezone in config.toml (an IANA name such as Africa/Lagos): the "
            "backend cuts the report's days in the store's time zone, and this "
            "system does not name its own."
        )
    )


def _lines(found: PointsAnalytics, zone: tzinfo) -> list[PeriodLine]:
    return [
        PeriodLine(
            start=p.start.astimezone(zone).date(),
            earned=p.earned,
            bonus=p.bonus,
            redeemed=p.redeemed,
            expired=p.expired,
            adjusted=p.adjusted,
            returned=p.returned,
            redemptions=p.redemptions,
            discount_total=p.discount_total,
            customers_active=p.customers_active,
        )
        for p in found.periods
    ]


def _totals(found: PointsAnalytics) -> dict[str, int]:
    """The sums of the periods (customers_active is left out: a customer active in two
    periods is one customer, which the periods cannot tell)."""
    names_ = (*FIGURES, "redemptions", "discount_total")
    return {n: sum(getattr(p, n) for p in found.periods) for n in names_}


def _catalogue(client: LoyaltyClient) -> tuple[dict[str, str], int | None, str]:
    """The backend's reward names, and its pay-with-points rate (discount per point of an
    active per-point reward), read defensively: a catalogue without one, or one this
    terminal cannot read, leaves the value unknown and says why."""
    try:
        rewards = list(client.iter_all(client.list_rewards, limit=100))
    except ApiError as error:
        note = _("value unknown: the catalogue could not be read ({error})")
        return {}, None, note.format(error=error.message)
    found = {reward.id: reward.name for reward in rewards}
    for reward in rewards:
        if not reward.active:
            continue
        if str(getattr(reward, "kind", "fixed")) != "per_point":
            continue
        rule = getattr(reward, "per_point", None)
        rate = getattr(rule, "discount_per_point", None)
        if isinstance(rate, int) and not isinstance(rate, bool) and rate > 0:
            note = _("at the rate of {reward}, {rate} a point")
            return found, rate, note.format(reward=reward.name, rate=number(rate))
    return (
        found,
        None,
        _("value unknown: no pay-with-points reward in the catalogue as this terminal reads it"),
    )
