"""Points analytics (API.md v1.1, "Analytics"): the programme's figures by period.

A report, not a stored object: it has no id and no created_at. Points are signed as in a
customer's history (earned > 0; redeemed, expired and returned < 0; adjusted either).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from ..errors import ProtocolError
from .values import Fields, fail

__all__ = [
    "AnalyticsInterval",
    "AnalyticsPeriod",
    "ExpiringWithin",
    "PointsAnalytics",
    "TopReward",
    "parse_points_analytics",
]


class AnalyticsInterval(enum.StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class AnalyticsPeriod:
    start: datetime
    earned: int  # bonus included
    bonus: int
    redeemed: int
    expired: int
    adjusted: int  # returns excluded
    returned: int
    redemptions: int
    discount_total: int
    customers_active: int


@dataclass(frozen=True, slots=True)
class ExpiringWithin:
    within_days: int
    points: int  # cumulative: the 60-day figure includes the 30-day one


@dataclass(frozen=True, slots=True)
class TopReward:
    reward_id: str
    redemptions: int
    points: int


@dataclass(frozen=True, slots=True)
class PointsAnalytics:
    date_from: datetime
    date_to: datetime
    interval: AnalyticsInterval
    currency: str
    periods: tuple[AnalyticsPeriod, ...]
    outstanding_points: int
    expiring: tuple[ExpiringWithin, ...]
    top_rewards: tuple[TopReward, ...]


def _items(f: Fields, name: str) -> list[object]:
    value = f.raw(name, required=True)
    if not isinstance(value, list):
        raise fail(f.where(name), "array", value)
    return value


def _period(value: object, path: str) -> AnalyticsPeriod:
    f = Fields(value, path, None)
    period = AnalyticsPeriod(
        start=f.timestamp("start"),
        earned=f.integer("earned"),
        bonus=f.integer("bonus"),
        redeemed=f.integer("redeemed"),
        expired=f.integer("expired"),
        adjusted=f.integer("adjusted"),
        returned=f.integer("returned"),
        redemptions=f.integer("redemptions"),
        discount_total=f.integer("discount_total"),
        customers_active=f.integer("customers_active"),
    )
    for name in ("earned", "bonus", "redemptions", "discount_total", "customers_active"):
        if getattr(period, name) < 0:
            raise ProtocolError(f"{path}.{name}: expected a figure of at least 0")
    for name in ("redeemed", "expired", "returned"):
        if getattr(period, name) > 0:
            raise ProtocolError(f"{path}.{name}: expected a figure of at most 0")
    if period.bonus > period.earned:
        raise ProtocolError(f"{path}.bonus: more than the points earned")
    return period


def _expiring(value: object, path: str) -> ExpiringWithin:
    f = Fields(value, path, None)
    found = ExpiringWithin(within_days=f.integer("within_days"), points=f.integer("points"))
    if found.within_days < 1 or found.points < 0:
        raise ProtocolError(f"{path}: expected positive days and points of at least 0")
    return found


def _top_reward(value: object, path: str) -> TopReward:
    f = Fields(value, path, None)
    found = TopReward(
        reward_id=f.text("reward_id"),
        redemptions=f.integer("redemptions"),
        points=f.integer("points"),
    )
    if found.redemptions < 1 or found.points < 1:
        raise ProtocolError(f"{path}: expected positive redemptions and points")
    return found


def parse_points_analytics(value: object, path: str = "points_analytics") -> PointsAnalytics:
    """A points_analytics report, or ProtocolError naming the offending field."""
    f = Fields(value, path, "points_analytics")
    periods = tuple(
        _period(item, f"{path}.periods[{i}]") for i, item in enumerate(_items(f, "periods"))
    )
    starts = [p.start for p in periods]
    if starts != sorted(set(starts)):
        raise ProtocolError(f"{path}.periods: expected periods in order, each once")
    return PointsAnalytics(
        date_from=f.timestamp("from"),
        date_to=f.timestamp("to"),
        interval=f.choice("interval", AnalyticsInterval),
        currency=f.text("currency"),
        periods=periods,
        outstanding_points=f.integer("outstanding_points"),
        expiring=tuple(
            _expiring(item, f"{path}.expiring[{i}]") for i, item in enumerate(_items(f, "expiring"))
        ),
        top_rewards=tuple(
            _top_reward(item, f"{path}.top_rewards[{i}]")
            for i, item in enumerate(_items(f, "top_rewards"))
        ),
    )
