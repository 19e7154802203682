"""Awarding points (enrolling customers: enrol.py, kept here under their old names; a
customer's history: history.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from ..api import models as api
from ..domain.earning import Sale
from ..domain.models import CustomerInfo, OperationKind, OutboxState, Outcome, TierInfo
from ..domain.operations import Award
from ..i18n import N_, _
from ..i18n.formats import number
from ..store import audit, cache, outbox
from . import lookup, orders, validate
from .enrol import EnrolDetails as EnrolDetails
from .enrol import Enrolment as Enrolment
from .enrol import enrol as enrol
from .enrol import enrol_details as enrol_details
from .enrol import enrol_problems as enrol_problems
from .enrol import enrolment as enrolment
from .errors import BackendUnavailable, NeedsApproval, Refused
from .staff import Approval
from .submit import Verdict, hand_out, setup_problem, submit
from .terminal import Terminal
from .words import english, say


@dataclass(frozen=True, slots=True)
class AwardResult:
    customer_id: str
    points: int
    status: Outcome
    balance_after: int | None  # None when offline: the backend decides expiry and lots
    recorded: bool = True  # False: the disk is full; recorded here when space allows
    order_id: str | None = None  # the sale it was for
    paused: str | None = None  # queued because the backend refuses this terminal: why

    @property
    def code(self) -> None:
        """An award changes no redemption (for the screens, like the other results)."""
        return None

    def as_json(self) -> dict[str, object]:
        return {
            "customer_id": self.customer_id,
            "points": self.points,
            "status": self.status.value,
            "balance_after": self.balance_after,
            **({} if self.recorded else {"recorded": False}),
            **({} if self.order_id is None else {"order_id": self.order_id}),
            **({} if self.paused is None else {"paused": self.paused}),
        }


def _tier(tiers: list[TierInfo], lifetime: int) -> TierInfo | None:
    reached = [x for x in tiers if x.min_points <= lifetime]
    return reached[-1] if reached else None


def awarded_today(t: Terminal, operator: str) -> int:
    """Points `operator` awarded on this terminal since the store's local midnight (its
    audit log: every award.created, approved or not, unless the backend refused it)."""
    tz = t.config.time_zone()
    midnight = datetime.combine(t.clock().astimezone(tz).date(), time(0), tzinfo=tz)
    return audit.points_awarded_by(t.db.conn, operator, since=midnight)


@dataclass(frozen=True, slots=True)
class AwardCheck:
    """What an award would do, and which of the store's limits it goes past."""

    customer_name: str
    points: int
    balance_after: int
    tier_before: str | None
    tier_after: str | None
    limits: tuple[str, ...]  # empty: a cashier may give it without a manager

    @property
    def summary(self) -> str:
        if self.tier_before == self.tier_after:
            words = _("{points} points for {name}, balance after {balance}")
        else:
            words = _("{points} points for {name}, balance after {balance}, tier {old} to {new}")
        return words.format(
            points=number(self.points),
            name=self.customer_name,
            balance=number(self.balance_after),
            old=self.tier_before or _("none"),
            new=self.tier_after or _("none"),
        )

    @property
    def what(self) -> str:
        """For the counter: the summary and the limits, without the config.toml keys."""
        return re.sub(r" \([a-z_]+\)", "", f"{self.summary}. {'; '.join(self.limits)}.")


def preview_award(t: Terminal, customer_id: str, points: object, operator: str) -> AwardCheck:
    """What an award would do and whether it needs a manager, before asking anyone."""
    cid = validate.object_id(customer_id, "customer")
    amount = validate.points(points)
    customer = cache.get_customer(t.db.conn, cid) or lookup.refresh(t, cid)
    if customer is None:
        raise BackendUnavailable(
            _(
                "Customer {cid} is not on this terminal and the loyalty service cannot "
                "be reached to check them."
            ).format(cid=cid)
        )
    return check_award(t, customer, amount, operator)


def check_award(t: Terminal, customer: CustomerInfo, amount: int, operator: str) -> AwardCheck:
    """The policy of `[award_limits]` for one award by `operator` (no side effects)."""
    rules = t.config.award_limits
    limits: list[str] = []
    if amount > rules.max_points_per_award:
        limits.append(
            say(
                N_(
                    "{points} points is above the per-award limit of {limit} (max_points_per_award)"
                ),
                points=number(amount),
                limit=number(rules.max_points_per_award),
            )
        )
    today = awarded_today(t, operator)
    if today + amount > rules.max_points_per_cashier_per_day:
        limits.append(
            say(
                N_(
                    "{operator} has awarded {today} points today; {points} more is above the "
                    "daily limit of {limit} (max_points_per_cashier_per_day)"
                ),
                operator=operator,
                today=number(today),
                points=number(amount),
                limit=number(rules.max_points_per_cashier_per_day),
            )
        )
    # Awards queued here (offline) are not in the cached totals yet.
    queued = sum(
        int(e.payload.get("points", 0))  # type: ignore[call-overload]
        for e in outbox.for_customer(t.db.conn, customer.id)
        if e.state is OutboxState.PENDING and e.kind is OperationKind.AWARD
    )
    lifetime = customer.lifetime_points + queued
    tiers = cache.list_tiers(t.db.conn)
    before = _tier(tiers, lifetime)
    after = _tier(tiers, lifetime + amount)
    before_name = before.name if before else customer.tier_name
    after_name = after.name if after else customer.tier_name
    if rules.tier_change_needs_approval and (before.id if before else None) != (
        after.id if after else None
    ):
        limits.append(
            say(
                N_("it moves {name} from {old} to {new} (tier_change_needs_approval)"),
                name=customer.name,
                old=before_name or _("no tier"),
                new=after_name or _("no tier"),
            )
        )
    return AwardCheck(
        customer.name,
        amount,
        customer.points_balance + queued + amount,
        before_name,
        after_name,
        tuple(limits),
    )


def award(
    t: Terminal,
    customer_id: str,
    points: object,
    reason: str | None,
    *,
    bonus: bool = False,
    expires_at: datetime | None = None,
    metadata: dict[str, Any] | None = None,
    operator: str = "system",
    approval: Approval | None = None,
    sale: Sale | None = None,
) -> AwardResult:
    """Award points (for a `sale`: services/sales.py). Past a limit of `[award_limits]`
    (per award, the operator's day, a tier change) it raises NeedsApproval unless a
    manager approved ("award"). A sale earns once (services/orders.py)."""
    cid = validate.object_id(customer_id, "customer")
    amount = validate.points(points)
    why = validate.reason(reason, required=False)
    expiry = validate.future_time(expires_at, t.clock())
    t.engine  # noqa: B018 -- fail early if no backend is configured
    if sale is not None:
        orders.guard(t.db.conn, t, sale.order_id)
    if cache.get_customer(t.db.conn, cid) is None and lookup.refresh(t, cid) is None:
        raise BackendUnavailable(
            _(
                "Customer {cid} is not on this terminal and the loyalty service cannot "
                "be reached to check them."
            ).format(cid=cid)
        )
    customer = cache.get_customer(t.db.conn, cid)
    assert customer is not None
    check = check_award(t, customer, amount, operator)
    if approval is not None and approval.action != "award":
        raise Refused(_("That approval is not for an award."), "approval_required")
    if check.limits and approval is None:
        raise NeedsApproval(
            _("A manager must approve {what}: {limits}.").format(
                what=check.summary, limits="; ".join(check.limits)
            ),
            "approval_required",
            what=check.what,
        )
    approved = {} if approval is None else {"approved_by": approval.manager}
    operation = Award(
        cid,
        amount,
        why,
        bonus,
        {**(metadata or {}), **({} if approval is None else {**approved, "operator": operator})},
        expiry,
        order_id=sale.order_id if sale else None,
        amount=sale.amount if sale else None,
        currency=sale.currency if sale else None,
        store_id=t.config.store_id,
    )
    submitted = submit(
        t,
        operation,
        customer_id=cid,
        operator=operator,
        details={
            "points": amount,
            "reason": why,
            "bonus": bonus,
            **approved,
            **({"limits": [english(w) for w in check.limits]} if check.limits else {}),
            **({} if sale is None else {"order_id": sale.order_id, "amount": sale.amount}),
        },
        also=None if sale is None else orders.recorder(t, sale, cid, amount, operator),
    )
    if submitted.verdict is Verdict.REFUSED:
        if sale is not None and submitted.refusal_code == orders.ALREADY:
            raise orders.first_award_refusal(t, cid, sale.order_id, submitted.error)
        raise Refused(
            submitted.reason or _("The loyalty service refused the award."),
            submitted.refusal_code or "refused",
        )
    if submitted.verdict is Verdict.CONFIRMED:
        answer = submitted.answer
        order = sale.order_id if sale else None
        if isinstance(answer, api.PointsTransaction):
            return AwardResult(
                cid, amount, Outcome.CONFIRMED, answer.balance_after, submitted.recorded, order
            )
        customer = cache.get_customer(t.db.conn, cid)
        balance = customer.points_balance if customer else None
        return AwardResult(cid, amount, Outcome.CONFIRMED, balance, submitted.recorded, order)
    # No answer: an award carries no risk to queue; the customer's points arrive on sync.
    recorded = hand_out(t, submitted)
    order = sale.order_id if sale else None
    return AwardResult(
        cid, amount, Outcome.OFFLINE, None, recorded, order, setup_problem(submitted)
    )
