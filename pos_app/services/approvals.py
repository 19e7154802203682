"""Approvals: what a cashier may not do alone (points adjustments, voids, resolving
conflicts). Each takes a manager's `Approval` (services/staff.py) and is audited with who,
what and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..domain.models import (
    HANDED_OUT,
    LocalRedemption,
    OperationKind,
    OutboxState,
    Outcome,
    RedemptionStatus,
)
from ..domain.operations import Adjust, Void
from ..i18n import _
from ..i18n.formats import number
from ..store import audit, cache, outbox, redemptions
from . import lookup, validate
from .errors import BadInput, Refused
from .staff import Approval
from .submit import Submitted, Verdict, hand_out, submit
from .terminal import Terminal


@dataclass(frozen=True, slots=True)
class QueuedResult:
    status: Outcome
    balance_after: int | None
    recorded: bool = True  # False: the disk is full; recorded here when space allows
    # What it changed, for the screens (not part of the answer's JSON).
    customer_id: str | None = None  # their balance and history
    code: str | None = None  # this redemption's status

    def as_json(self) -> dict[str, object]:
        return {
            "status": self.status.value,
            "balance_after": self.balance_after,
            **({} if self.recorded else {"recorded": False}),
        }


def _require(approval: Approval | None, action: str) -> Approval:
    if approval is None or approval.action != action:
        raise Refused(_("This needs a manager's approval."), "approval_required")
    return approval


def _answer(
    t: Terminal, submitted: Submitted, customer_id: str, code: str | None = None
) -> QueuedResult:
    """What the manager is told: confirmed, or queued (its outcome is handed out now)."""
    if submitted.verdict is Verdict.REFUSED:
        raise Refused(
            submitted.reason or _("The loyalty service refused it."),
            submitted.refusal_code or "refused",
        )
    if submitted.verdict is Verdict.CONFIRMED:
        balance = getattr(submitted.answer, "balance_after", None)
        return QueuedResult(
            Outcome.CONFIRMED,
            balance if isinstance(balance, int) else None,
            submitted.recorded,
            customer_id,
            code,
        )
    return QueuedResult(Outcome.OFFLINE, None, hand_out(t, submitted), customer_id, code)


def adjust(
    t: Terminal,
    customer_id: str,
    points: object,
    reason: str | None,
    *,
    approval: Approval | None,
    operator: str = "system",
) -> QueuedResult:
    """A signed correction of a customer's points, with a reason."""
    cid = validate.object_id(customer_id, "customer")
    amount = validate.points(points, allow_negative=True)
    why = validate.reason(reason, required=True)
    ok = _require(approval, "adjust")
    view = lookup.show(t, cid, fresh=cache.get_customer(t.db.conn, cid) is None)
    if amount < 0 and view.projected_balance + amount < 0:
        raise Refused(
            _(
                "{name} has {projected_balance} points; an adjustment of {amount} would "
                "go below zero."
            ).format(
                name=view.customer.name,
                projected_balance=number(view.projected_balance),
                amount=number(amount),
            ),
            "insufficient_balance",
        )
    assert why is not None  # required above
    adjustment = Adjust(
        cid, amount, why, {"approved_by": ok.manager, "operator": operator}, t.config.store_id
    )
    submitted = submit(
        t,
        adjustment,
        customer_id=cid,
        operator=operator,
        details={"points": amount, "reason": why, "approved_by": ok.manager},
    )
    return _answer(t, submitted, cid)


def check_voidable(t: Terminal, code: str) -> LocalRedemption:
    """The redemption `void` would void, or its refusal (before a manager is asked)."""
    canonical = validate.code(code)
    red = redemptions.get(t.db.conn, canonical)
    if red is None:
        raise Refused(
            _("{canonical} was not made at or synced to this terminal.").format(
                canonical=canonical
            ),
            "redemption_not_found",
        )
    if red.status not in HANDED_OUT:
        raise Refused(
            _("{canonical} is {value}; only an issued, unused redemption can be voided.").format(
                canonical=canonical, value=red.status.value
            ),
            "redemption_not_voidable",
        )
    return red


def void(
    t: Terminal,
    code: str,
    reason: str | None,
    *,
    approval: Approval | None,
    operator: str = "system",
) -> QueuedResult:
    """Void a redemption: its points go back to the customer. Offline it is queued behind
    the redemption itself, so the backend sees both, in order."""
    canonical = validate.code(code)
    why = validate.reason(reason, required=True)
    ok = _require(approval, "void")
    red = check_voidable(t, canonical)
    now = t.clock()
    submitted = submit(
        t,
        Void(canonical, why),
        customer_id=red.customer_id,
        operator=operator,
        details={"reason": why, "approved_by": ok.manager, "points": red.points},
        also=lambda conn, _: redemptions.set_status(
            conn, canonical, RedemptionStatus.VOID, now=now
        ),
    )
    return _answer(t, submitted, red.customer_id, canonical)


class Resolution(StrEnum):
    """What a manager may decide about a conflict."""

    RETRY = "retry"  # something changed: send it again
    ACCEPT_LOSS = "accept_loss"  # the discount was given: record the loss
    VOID_LOCAL = "void_local"  # void the local record


@dataclass(frozen=True, slots=True)
class Resolved:
    """What resolving a conflict did: the resolution, the conflict's outbox entry, the new
    entry when it was sent again, and the new state in words (`message`)."""

    resolution: Resolution
    entry_id: int
    new_entry_id: int | None
    message: str

    def as_json(self) -> dict[str, object]:
        return {"id": self.entry_id, "resolution": self.resolution.value, "result": self.message}


def resolve_conflict(
    t: Terminal,
    outbox_id: int,
    resolution: str,
    note: str | None,
    *,
    approval: Approval | None,
    operator: str = "system",
) -> Resolved:
    """retry (something changed: send it again, under a new idempotency key, since the
    backend keeps its refusal for the old one), accept the loss (the discount was given;
    record it), or void the local record."""
    try:
        chosen = Resolution(resolution)
    except ValueError:
        raise BadInput(_("The resolution is retry, accept_loss or void_local.")) from None
    ok = _require(approval, "resolve_conflict")
    why = validate.reason(note, required=False) or ok.reason
    entry = outbox.get(t.db.conn, outbox_id)
    if entry is None or entry.state is not OutboxState.CONFLICT:
        raise Refused(
            _("There is no open conflict #{outbox_id}.").format(outbox_id=outbox_id),
            "conflict_not_found",
        )
    now = t.clock()
    new_id: int | None = None
    with t.db.transaction() as conn:
        outbox.resolve(conn, outbox_id, chosen.value, by=ok.manager, note=why, now=now)
        code = entry.redemption_code
        if chosen is Resolution.RETRY:
            new_id = outbox.add(
                conn,
                entry.operation,
                customer_id=entry.customer_id,
                now=now,
                operator=entry.operator,
                handed_out=True,
            )
            if code and entry.kind is OperationKind.REDEEM:
                redemptions.set_status(conn, code, RedemptionStatus.OFFLINE, now=now)
            message = _("sent again as #{new_id}").format(new_id=new_id)
        elif chosen is Resolution.ACCEPT_LOSS:
            message = _("loss accepted and recorded")
        else:
            if code:
                redemptions.set_status(conn, code, RedemptionStatus.VOID, now=now)
            message = _("local record voided")
        audit.append(
            conn,
            now=now,
            actor=operator,
            action=f"conflict.{chosen.value}",
            subject=code or str(outbox_id),
            details={
                "outbox_id": outbox_id,
                "approved_by": ok.manager,
                "note": why,
                "error": entry.last_error_code,
            },
        )
    if chosen is Resolution.RETRY:
        t.engine.wake()
    return Resolved(chosen, outbox_id, new_id, message)
