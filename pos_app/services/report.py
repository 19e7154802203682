"""The daily redemption report: one day or a range of the store's local days, for this
terminal (from the local store) or the whole store (from the backend, when online).

Totals count redemptions handed out to customers (confirmed, offline-issued, used).
Voided redemptions are left out of the totals and counted under `voids`; redemptions the
backend refused after they were handed out are counted under `conflicts`. Days follow
`occurred_at`, the moment at the counter, in the store's time zone; so, once synced, the
terminal's figures agree with the backend's redemptions of the same terminal and days.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from ..api import ApiError
from ..domain.jsonable import fields_json
from ..domain.models import RedemptionStatus
from ..domain.models import ReportScope as ReportScope
from ..domain.timefmt import from_db
from ..i18n import _
from ..store import audit, names, outbox, redemptions
from . import backend
from .errors import BadInput, Refused
from .terminal import Terminal

MAX_DAYS = 366
COUNTED = {RedemptionStatus.CONFIRMED, RedemptionStatus.OFFLINE, RedemptionStatus.USED}


@dataclass(frozen=True, slots=True)
class LargeAward:
    """An award over the per-award limit, or one a manager approved."""

    at: str  # in the store's time zone, to the minute (ISO 8601)
    customer_id: str | None
    customer: str | None
    points: int
    given_by: str
    approved_by: str | None
    reason: str | None


@dataclass
class Line:
    key: str
    label: str
    count: int = 0
    points: int = 0
    discount: int = 0

    def add(self, points: int, discount: int) -> None:
        self.count += 1
        self.points += points
        self.discount += discount


@dataclass
class DailyReport:
    date_from: date
    date_to: date  # inclusive
    scope: ReportScope
    terminal_id: str
    timezone: str
    currency: str = "NGN"
    redemptions: int = 0
    points_redeemed: int = 0
    discount_total: int = 0
    points_awarded: int | None = 0  # None: the backend cannot say for a whole store
    offline: int | None = 0  # None: only a terminal knows what it issued offline
    conflicts: int = 0
    voids: int = 0
    by_reward: dict[str, Line] = field(default_factory=dict)
    by_cashier: dict[str, Line] = field(default_factory=dict)
    by_hour: list[Line] = field(
        default_factory=lambda: [Line(f"{h:02d}", f"{h:02d}:00") for h in range(24)]
    )
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    # This terminal's audit head when the report was made: on paper, an anchor the
    # database cannot rewrite (`pos-app audit verify --head ...`).
    audit_head: str | None = None
    # Awards over the per-award limit, or that a manager approved: who gave, who approved.
    large_awards: list[LargeAward] = field(default_factory=list)
    # The store the backend was asked for (a store's report with store_id set), else None.
    store_id: str | None = None

    def count(
        self,
        reward_id: str,
        reward_name: str,
        cashier: str,
        local_hour: int,
        points: int,
        discount: int,
    ) -> None:
        self.redemptions += 1
        self.points_redeemed += points
        self.discount_total += discount
        self.by_reward.setdefault(reward_id, Line(reward_id, reward_name)).add(points, discount)
        self.by_cashier.setdefault(cashier, Line(cashier, cashier)).add(points, discount)
        self.by_hour[local_hour].add(points, discount)

    def as_json(self) -> dict[str, Any]:
        """The fields in order; the reward and cashier lines most redemptions first."""
        return fields_json(
            self, by_reward=_most_first(self.by_reward), by_cashier=_most_first(self.by_cashier)
        )


def _most_first(lines: dict[str, Line]) -> list[Line]:
    return sorted(lines.values(), key=lambda x: (-x.count, x.label))


def parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise BadInput(
            _("{what} {text} is not a date; use YYYY-MM-DD.").format(what=what, text=repr(text))
        ) from None


def store_zone(t: Terminal) -> tzinfo:
    return t.config.time_zone()


def day_bounds(day_from: date, day_to: date, zone: tzinfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day_from, time(0), tzinfo=zone)
    end = datetime.combine(day_to + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def daily(
    t: Terminal,
    *,
    day: date | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    scope: ReportScope | str = ReportScope.TERMINAL,
) -> DailyReport:
    zone = store_zone(t)
    if day is not None and (date_from or date_to):
        raise BadInput(_("Give either a date, or a range (from and to), not both."))
    if day is None and date_from is None and date_to is None:
        day = t.clock().astimezone(zone).date()
    first = day or date_from or date_to
    last = day or date_to or date_from
    assert first is not None and last is not None
    if last < first:
        raise BadInput(_("The range ends before it starts."))
    if (last - first).days >= MAX_DAYS:
        raise BadInput(_("A report covers at most {max_days} days.").format(max_days=MAX_DAYS))
    try:
        chosen = ReportScope(scope)
    except ValueError:
        raise BadInput(_("The scope is terminal, store or merchant.")) from None
    start, end = day_bounds(first, last, zone)
    report = DailyReport(
        first,
        last,
        chosen,
        t.terminal_id,
        getattr(zone, "key", str(zone)),
        generated_at=t.clock(),
        audit_head=audit.head(t.db.conn),
    )
    if chosen is ReportScope.TERMINAL:
        _terminal_figures(t, report, start, end, zone)
    else:
        _store_figures(t, report, start, end, zone)
    return report


def _terminal_figures(
    t: Terminal, report: DailyReport, start: datetime, end: datetime, zone: tzinfo
) -> None:
    conn = t.db.conn
    for red in redemptions.local_between(conn, start, end):
        if red.status is RedemptionStatus.VOID:
            report.voids += 1
        elif red.status is RedemptionStatus.CONFLICT:
            report.conflicts += 1
        elif red.status in COUNTED:
            report.count(
                red.reward_id,
                red.reward_name or red.reward_id,
                red.operator or "system",
                red.occurred_at.astimezone(zone).hour,
                red.points,
                red.discount_amount,
            )
            report.currency = red.currency
            if red.issued_offline:
                report.offline = (report.offline or 0) + 1
    report.points_awarded = outbox.points_awarded_between(conn, start, end)
    report.large_awards = large_awards(t, start, end, zone)
    report.conflicts += outbox.conflicts_between(conn, start, end, redemptions=False)


def large_awards(t: Terminal, start: datetime, end: datetime, zone: tzinfo) -> list[LargeAward]:
    """This terminal's awards in the range over the per-award limit or approved by a
    manager, oldest first (from its audit log)."""
    limit = t.config.award_limits.max_points_per_award
    customers = names.customers(t.db.conn)
    found: list[LargeAward] = []
    for row in audit.actions_between(t.db.conn, "award.created", start, end):
        details = json.loads(row.details)
        points = int(details.get("points", 0))
        approver = details.get("approved_by")
        if points > limit or approver:
            found.append(
                LargeAward(
                    at=from_db(row.at).astimezone(zone).isoformat(timespec="minutes"),
                    customer_id=row.subject,
                    customer=customers.get(row.subject or "", row.subject),
                    points=points,
                    given_by=row.actor,
                    approved_by=approver,
                    reason=details.get("reason"),
                )
            )
    return found


def _store_figures(
    t: Terminal, report: DailyReport, start: datetime, end: datetime, zone: tzinfo
) -> None:
    """From the backend: every terminal's redemptions whose moment at the counter falls in
    the range (an offline one may reach the backend up to days later): this store's only
    (`store_id` of config.toml; a terminal without one counts every store, as before v1.1),
    or the whole merchant's."""
    client = t.client
    store = t.config.store_id if report.scope is ReportScope.STORE else None
    report.store_id = store
    try:
        found = [
            r
            for r in client.iter_all(
                client.list_redemptions,
                created_from=start,
                created_to=end + timedelta(days=3),
                store_id=store,
                limit=100,
            )
            if start <= (r.occurred_at or r.created_at) < end
        ]
    except ApiError as error:
        raise backend.translate(
            error, what="The whole store's report (the terminal's own report works offline)"
        ) from None
    if store is not None and any(r.store_id != store for r in found):
        # The backend ignored the filter (v1 knows no stores): never count other stores'.
        raise Refused(
            _(
                "This loyalty backend does not tell stores apart (it needs LoyalPro API "
                "v1.1): the whole store's report is not offered. The whole merchant's "
                "report and this terminal's own report work."
            ),
            "not_offered",
        )
    rewards = names.rewards(t.db.conn)
    for r in found:
        if r.status.value == "void":
            report.voids += 1
            continue
        cashier = str(r.metadata.get("operator", "")) or r.terminal_id or "unknown"
        hour = (r.occurred_at or r.created_at).astimezone(zone).hour
        report.count(
            r.reward_id,
            rewards.get(r.reward_id, r.reward_id),
            cashier,
            hour,
            r.points,
            r.discount_amount,
        )
        report.currency = r.currency
    report.points_awarded = None
    report.offline = None
    report.conflicts = outbox.conflicts_between(t.db.conn, start, end)
