"""The analytics book: points issued and redeemed by period (API.md, "Analytics").

A report, not a stored object: every figure is read from the transactions, redemptions,
customers and lots as they are now. Periods follow a time zone's calendar (days, ISO weeks
from Monday, months), the first and last clipped to the range asked for. A voided
redemption and its give-back count nowhere but in `customers_active`.
"""

from __future__ import annotations

import bisect
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from ..clock import format_ts
from .database import MERCHANT_CURRENCY, Database

INTERVALS = ("day", "week", "month")
EXPIRING_DAYS = (30, 60, 90)
TOP_REWARDS = 10


@dataclass
class Period:
    start: str
    earned: int = 0
    bonus: int = 0
    redeemed: int = 0
    expired: int = 0
    adjusted: int = 0
    returned: int = 0
    redemptions: int = 0
    discount_total: int = 0
    customers: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class TopReward:
    reward_id: str
    redemptions: int
    points: int


@dataclass(frozen=True)
class PointsReport:
    start: str
    end: str
    interval: str
    currency: str
    periods: list[Period]
    outstanding_points: int
    expiring: list[tuple[int, int]]  # (within_days, points), cumulative
    top_rewards: list[TopReward]


def _next_start(day: date, interval: str) -> date:
    if interval == "day":
        return day + timedelta(days=1)
    if interval == "week":
        return day + timedelta(days=7)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def period_starts(start: datetime, end: datetime, interval: str, zone: tzinfo) -> list[datetime]:
    """The first instant (UTC) of each period of [start, end): the first is `start` itself,
    the others the zone's midnights that open a day, an ISO week or a month. Raises
    OverflowError or ValueError for a range at the edge of the calendar."""
    day = start.astimezone(zone).date()
    if interval == "week":
        day -= timedelta(days=day.weekday())
    elif interval == "month":
        day = day.replace(day=1)
    starts = [start]
    while True:
        day = _next_start(day, interval)
        # A midnight the zone skips (a DST gap) resolves to the first instant of that day.
        opening = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
        if opening >= end:
            return starts
        starts.append(opening)


class Analytics:
    def __init__(self, base: Database) -> None:
        self.base = base

    def report(
        self,
        start: datetime,
        end: datetime,
        interval: str,
        zone: tzinfo,
        store_id: str | None,
    ) -> PointsReport:
        """The figures of [start, end) by period (whole seconds, UTC), under `store_id`."""
        starts = period_starts(start, end, interval, zone)
        keys = [format_ts(s) for s in starts]
        periods = [Period(k) for k in keys]
        lo, hi = format_ts(start), format_ts(end)
        self._transactions(periods, keys, lo, hi, store_id)
        self._redemptions(periods, keys, lo, hi, store_id)
        return PointsReport(
            start=lo,
            end=hi,
            interval=interval,
            currency=MERCHANT_CURRENCY,
            periods=periods,
            outstanding_points=self._outstanding(),
            expiring=self._expiring(),
            top_rewards=self._top_rewards(lo, hi, store_id),
        )

    def _transactions(
        self, periods: list[Period], keys: list[str], lo: str, hi: str, store_id: str | None
    ) -> None:
        rows = self._within(
            "SELECT t.created_at, t.customer_id, t.type, t.points, "
            "json_extract(t.metadata, '$.kind') AS kind, "
            "(t.redemption_id IS NOT NULL AND r.status = 'void') AS voided "
            "FROM transactions t LEFT JOIN redemptions r ON r.id = t.redemption_id "
            "WHERE t.created_at >= ? AND t.created_at < ?",
            (lo, hi, store_id),
            store_column="t.store_id",
        )
        for row in rows:
            period = periods[bisect.bisect_right(keys, row["created_at"]) - 1]
            period.customers.add(row["customer_id"])
            points, kind = row["points"], row["kind"]
            if row["voided"]:
                continue
            if row["type"] == "earned":
                period.earned += points
                if kind == "bonus":
                    period.bonus += points
            elif row["type"] == "redeemed":
                period.redeemed += points
            elif row["type"] == "expired":
                period.expired += points
            elif kind == "return":
                period.returned += points
            else:
                period.adjusted += points

    def _redemptions(
        self, periods: list[Period], keys: list[str], lo: str, hi: str, store_id: str | None
    ) -> None:
        rows = self._within(
            "SELECT created_at, discount_amount FROM redemptions "
            "WHERE status != 'void' AND created_at >= ? AND created_at < ?",
            (lo, hi, store_id),
        )
        for row in rows:
            period = periods[bisect.bisect_right(keys, row["created_at"]) - 1]
            period.redemptions += 1
            period.discount_total += row["discount_amount"] or 0

    def _top_rewards(self, lo: str, hi: str, store_id: str | None) -> list[TopReward]:
        rows = self._within(
            "SELECT reward_id, COUNT(*) AS n, SUM(points) AS points FROM redemptions "
            "WHERE status != 'void' AND created_at >= ? AND created_at < ?",
            (lo, hi, store_id),
            then=(
                " GROUP BY reward_id ORDER BY n DESC, points DESC, reward_id LIMIT ?",
                TOP_REWARDS,
            ),
        )
        return [TopReward(r["reward_id"], r["n"], r["points"]) for r in rows]

    def _within(
        self,
        sql: str,
        window: tuple[str, str, str | None],
        *,
        store_column: str = "store_id",
        then: tuple[str, int] | None = None,
    ) -> sqlite3.Cursor:
        """`sql` over [lo, hi) of `window` = (lo, hi, store_id), only that store's rows
        when store_id is given, `then` = (the rest of the statement, its one argument)."""
        lo, hi, store_id = window
        args: list[str | int] = [lo, hi]
        if store_id is not None:
            sql += f" AND {store_column} = ?"
            args.append(store_id)
        if then is not None:
            sql += then[0]
            args.append(then[1])
        return self.base.db.execute(sql, args)

    def _outstanding(self) -> int:
        row = self.base.one("SELECT COALESCE(SUM(points_balance), 0) AS n FROM customers")
        return 0 if row is None else int(row["n"])

    def _expiring(self) -> list[tuple[int, int]]:
        now = self.base.clock.now()
        found: list[tuple[int, int]] = []
        for days in EXPIRING_DAYS:
            row = self.base.one(
                "SELECT COALESCE(SUM(remaining), 0) AS n FROM lots WHERE remaining > 0 "
                "AND expires_at IS NOT NULL AND expires_at > ? AND expires_at <= ?",
                format_ts(now),
                format_ts(now + timedelta(days=days)),
            )
            found.append((days, 0 if row is None else int(row["n"])))
        return found
