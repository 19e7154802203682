"""The redemption path (docs/ARCHITECTURE.md), the heart of the product.

1. Check the reward and the projected balance (cached balance minus pending outgoing).
2. Commit the redemption (status pending, a client-issued code), its outbox row with a
   fresh idempotency key, and an audit row: one transaction. Nothing can lose it now.
3. Push it at once and wait a few seconds. Accepted: confirmed. Refused: rejected, and the
   code is never handed out.
4. No answer: the offline policy decides. Within it the code is handed out as "offline,
   will sync". Outside it the redemption is cancelled; if the request may have reached the
   backend, the outbox learns the outcome later and voids it there.
5. A full disk after step 2 never turns into "failed": the backend's answer is what the
   cashier is told (the code is shown), and it is recorded when there is space again
   (`recorded` False; the outbox row keeps its key, so the next sync records the replay).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from ..api import models as api
from ..domain import eligibility
from ..domain.codes import new_code
from ..domain.models import LocalRedemption, OutboxState, Outcome, RedemptionStatus, RewardInfo
from ..domain.money import money_text
from ..domain.offline_policy import OfflineDecision
from ..domain.operations import Redeem
from ..i18n import _
from ..i18n.formats import number
from ..store import DiskFull, cache, outbox, redemptions
from . import backend, lookup, owed, pay_points, validate
from .errors import DiskFullError, Refused
from .recovery import made_here, mark_shown, status_of, unshown
from .redeem_offline import cancel, cancel_misconfigured, offline_decision
from .submit import Submitted, Verdict, submit
from .terminal import Terminal

if TYPE_CHECKING:  # a manager's approval is made by the command line (services/staff.py)
    from .staff import Approval


@dataclass(frozen=True, slots=True)
class RedeemResult:
    code: str
    status: Outcome
    points: int
    discount_amount: int
    currency: str
    customer_id: str
    customer_name: str
    reward_id: str
    reward_name: str
    balance_after: int  # projected when offline
    recorded: bool = True  # False: the disk is full; recorded here when space allows

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "status": self.status.value,
            "points": self.points,
            "discount_amount": self.discount_amount,
            "currency": self.currency,
            "customer_id": self.customer_id,
            "balance_after": self.balance_after,
            "reward_id": self.reward_id,
            "reward_name": self.reward_name,
            "customer_name": self.customer_name,
            **_unrecorded(self.recorded),
        }


def _unrecorded(recorded: bool) -> dict[str, object]:
    """`"recorded": false` in the JSON answer only when a full disk kept it from being
    written down here (the answer is otherwise unchanged for scripts)."""
    return {} if recorded else {"recorded": False}


def _reward(t: Terminal, reward_id: str) -> RewardInfo:
    found = cache.get_reward(t.db.conn, reward_id)
    if found is None and t.has_backend:
        problem = t.engine.pull_catalogue_quietly(t.counter_client)
        if problem is not None and not cache.list_rewards(t.db.conn, active_only=False):
            raise backend.translate(
                problem, what="The reward catalogue is not on this terminal yet, and fetching it"
            ) from None
        found = cache.get_reward(t.db.conn, reward_id)
    if found is None:
        raise Refused(_("No reward with id {id}.").format(id=reward_id), "reward_not_found")
    return found


def _refuse(
    reward: RewardInfo, verdict: eligibility.Eligibility, view: lookup.CustomerView | None
) -> None:
    """Raise Refused, in the cashier's words, unless the customer may redeem the reward."""
    if verdict.hindrance is None:
        return  # nothing to say (and no locale data to load for the words)
    name = money_text(reward.name)
    if verdict.hindrance is eligibility.Hindrance.NOT_OFFERED:
        raise Refused(_("{name} is no longer offered.").format(name=name), "reward_unavailable")
    if verdict.hindrance is eligibility.Hindrance.TIER and verdict.tier is not None:
        tier = verdict.tier.name
        raise Refused(
            _("{name} is for {tier} members; this customer is not {tier} yet.").format(
                name=name, tier=tier
            ),
            "reward_unavailable",
        )
    if verdict.hindrance is eligibility.Hindrance.BALANCE and view is not None:
        waiting = _(" ({n} waiting to sync)").format(n=number(view.pending_points))
        pending = waiting if view.pending_points else ""
        raise Refused(
            _(
                "{name} has {projected_balance} points{pending}; {reward} needs {points_cost}."
            ).format(
                name=view.customer.name,
                projected_balance=number(view.projected_balance),
                pending=pending,
                reward=name,
                points_cost=number(reward.points_cost),
            ),
            "insufficient_balance",
        )


def new_unique_code(t: Terminal) -> str:
    while True:
        code = new_code()
        if not redemptions.code_exists(t.db.conn, code):
            return code


def redeem(
    t: Terminal,
    customer_id: str,
    reward_id: str,
    points: object = None,
    *,
    amount: object = None,
    operator: str = "system",
    override: Approval | None = None,
) -> RedeemResult:
    """Redeem (the path above). `override` is a manager's approval to go past the offline
    policy, used only if the backend does not answer and the policy says no. A per-point
    reward (pay with points) takes `points` or an `amount` to cover (pay_points.py); the
    offline policy then judges the points spent."""
    cid = validate.object_id(customer_id, "customer")
    rid = validate.object_id(reward_id, "reward")
    if points is not None:
        validate.points(points)
    if amount is not None:
        validate.points(amount, what="Amount")
    t.engine  # noqa: B018 -- a redemption must be able to sync: fail early if unconfigured

    reward = _reward(t, rid)
    asked, money = pay_points.check_asked(reward, points, amount)  # nothing sent if wrong
    _refuse(reward, eligibility.judge(reward), view=None)

    view = (
        lookup.show(t, cid, fresh=False)
        if cache.get_customer(t.db.conn, cid)
        else lookup.show(t, cid)
    )
    tiers = {tier.id: tier for tier in cache.list_tiers(t.db.conn)}
    wanted = reward.points_cost if asked is None else asked
    if eligibility.judge(reward, tiers=tiers, standing=view.standing).missing_points or (
        wanted > view.projected_balance
    ):
        fresh = lookup.refresh(t, cid)  # the cache may be behind: points earned elsewhere
        if fresh is not None:
            view = lookup.show(t, cid, fresh=False)
    _refuse(reward, eligibility.judge(reward, tiers=tiers, standing=view.standing), view)
    customer = view.customer

    points_cost, discount = reward.points_cost, reward.discount_amount
    if reward.per_point is not None:
        chosen = pay_points.choose(reward, asked, money, view.projected_balance)
        points_cost, discount = chosen.points, chosen.discount
    now = t.clock()
    code = new_unique_code(t)
    local = LocalRedemption(
        code=code,
        customer_id=cid,
        customer_name=customer.name,
        reward_id=rid,
        reward_name=reward.name,
        points=points_cost,
        discount_amount=discount,
        currency=reward.currency,
        status=RedemptionStatus.PENDING,
        remote_id=None,
        balance_after=None,
        terminal_id=t.terminal_id,
        operator=operator,
        occurred_at=now,
        created_at=now,
        shown_at=None,
        refusal_code=None,
        refusal_message=None,
    )
    values = redemptions.row(local)  # made before the transaction, not inside it
    submitted = submit(
        t,
        Redeem(cid, rid, points_cost, code, now, {"operator": operator}, t.config.store_id),
        customer_id=cid,
        operator=operator,
        details={"customer_id": cid, "reward_id": rid, "points": points_cost},
        also=lambda conn, entry_id: redemptions.insert_row(conn, values, outbox_id=entry_id),
    )
    if not submitted.recorded and submitted.verdict is not Verdict.QUEUED:
        return _unrecorded_answer(t, code, submitted, view.projected_balance)
    try:
        return _settle(t, code, submitted, view.projected_balance, operator, override)
    except DiskFull:
        return _settle_on_full_disk(t, submitted, code, view.projected_balance, operator, override)


def _unrecorded_answer(
    t: Terminal, code: str, submitted: Submitted, projected_before: int
) -> RedeemResult:
    """The backend answered but the disk is full, so the answer is not recorded here yet.
    Applied: the customer is charged, so the code is shown. Refused: nothing applied."""
    red = redemptions.get(t.db.conn, code)
    assert red is not None
    if submitted.verdict is Verdict.CONFIRMED:
        answer = submitted.answer
        balance = answer.balance_after if isinstance(answer, api.Redemption) else None
        after = balance if balance is not None else projected_before - red.points
        return _result(red, Outcome.CONFIRMED, after, recorded=False)
    raise _no_code(submitted.reason, submitted.refusal_code)


def _no_code(message: str | None, code: str | None) -> Refused:
    why = message or _("The loyalty service refused this redemption.")
    return Refused(_("{message} No code was issued.").format(message=why), code or "refused")


def _settle_on_full_disk(
    t: Terminal,
    submitted: Submitted,
    code: str,
    projected_before: int,
    operator: str,
    override: Approval | None,
) -> RedeemResult:
    """No answer in time, and the disk is too full to record the offline decision. The
    redemption is committed and queued and will be pushed: within the offline policy the
    code is handed out as it would have been (and recorded as handed out once the disk
    has room: services/owed.py); outside it, the cashier is told it may still go through
    (it stays unshown, so crash recovery lists it for a manager)."""
    red = redemptions.get(t.db.conn, code)
    assert red is not None
    now = t.clock()
    decision = offline_decision(t, red, projected_before, now)
    if decision.permits(approved=override is not None):
        recorded = owed.record(t, _offline(submitted, red, now, operator, override, decision))
        return _result(red, Outcome.OFFLINE, projected_before - red.points, recorded=recorded)
    raise DiskFullError(
        _(
            "The disk is full and the loyalty service did not answer: redemption "
            "{code} could not be cancelled, stays queued and may still go through. "
            "Do not give the discount; free some space, then 'pos-app recovery list' "
            "shows it."
        ).format(code=code)
    )


def _offline(
    submitted: Submitted,
    red: LocalRedemption,
    now: datetime,
    operator: str,
    override: Approval | None,
    decision: OfflineDecision,
) -> owed.Owed:
    """The record of a code handed out under the offline policy (or a manager's override)."""
    return owed.Owed(
        submitted.entry_id,
        now,
        operator,
        red.code,
        red.points,
        submitted.error.code if submitted.error else "no_answer",
        None if decision.allowed else override,
        decision.code,
    )


def _settle(
    t: Terminal,
    code: str,
    submitted: Submitted,
    projected_before: int,
    operator: str,
    override: Approval | None = None,
) -> RedeemResult:
    """Turn what the backend said (or did not say) into the cashier's answer."""
    entry_id = submitted.entry_id
    red = redemptions.get(t.db.conn, code)
    entry = outbox.get(t.db.conn, entry_id)
    assert red is not None and entry is not None
    if red.status is RedemptionStatus.CONFIRMED:
        return _confirmed(red, projected_before)
    if red.status is RedemptionStatus.REJECTED or entry.state is OutboxState.REFUSED:
        raise _no_code(red.refusal_message, red.refusal_code)

    if submitted.paused is not None:
        # The backend refuses this terminal (its key, its URL): no verdict on this
        # redemption, and no offline code either, since nothing says when it will be fixed.
        cancel_misconfigured(t, code, entry_id, submitted.paused, operator)
        settled = redemptions.get(t.db.conn, code)
        if settled is not None and settled.status is RedemptionStatus.CONFIRMED:
            return _confirmed(settled, projected_before)
        raise backend.paused(submitted.paused.code, submitted.paused.reason)

    # No answer in time: the offline policy decides.
    now = t.clock()
    decision = offline_decision(t, red, projected_before, now)
    with t.db.transaction() as conn:
        current = redemptions.get(conn, code)
        assert current is not None
        if current.status is not RedemptionStatus.PENDING:  # the sync worker got there first
            pass
        elif decision.permits(approved=override is not None):
            owed.write(conn, _offline(submitted, red, now, operator, override, decision))
        else:
            cancel(conn, code, entry_id, now, operator, decision.code, decision.reason)
    final = redemptions.get(t.db.conn, code)
    assert final is not None
    if final.status is RedemptionStatus.CONFIRMED:
        return _result(
            final, Outcome.CONFIRMED, final.balance_after or projected_before - final.points
        )
    if final.status is RedemptionStatus.OFFLINE:
        return _result(final, Outcome.OFFLINE, projected_before - final.points)
    if final.status is RedemptionStatus.REJECTED:
        raise _no_code(final.refusal_message, final.refusal_code)
    raise Refused(
        _(
            "The loyalty service did not answer, and this redemption is outside the "
            "offline rules: {reason} No code was issued; try again when the terminal "
            "is online, or ask a manager to approve it offline."
        ).format(reason=decision.reason),
        f"offline_policy:{decision.code}",
    )


def _confirmed(red: LocalRedemption, projected_before: int) -> RedeemResult:
    known = red.balance_after
    return _result(
        red, Outcome.CONFIRMED, known if known is not None else projected_before - red.points
    )


def _result(
    red: LocalRedemption, status: Outcome, balance_after: int, *, recorded: bool = True
) -> RedeemResult:
    return RedeemResult(
        code=red.code,
        status=status,
        points=red.points,
        discount_amount=red.discount_amount,
        currency=red.currency,
        customer_id=red.customer_id,
        customer_name=red.customer_name or "",
        reward_id=red.reward_id,
        reward_name=red.reward_name or "",
        balance_after=balance_after,
        recorded=recorded,
    )


def recovered(red: LocalRedemption) -> RedeemResult:
    """An unshown code (`unshown`) as the code screen shows it again: its names where
    this terminal knows them, else the ids; the balance after it where it was known."""
    status = Outcome.CONFIRMED if red.status is RedemptionStatus.CONFIRMED else Outcome.OFFLINE
    named = replace(
        red,
        customer_name=red.customer_name or red.customer_id,
        reward_name=red.reward_name or red.reward_id,
    )
    return _result(named, status, red.balance_after if red.balance_after is not None else 0)


__all__ = [  # the codes made here, kept where their callers have always found them
    "RedeemResult",
    "made_here",
    "mark_shown",
    "new_unique_code",
    "recovered",
    "redeem",
    "status_of",
    "unshown",
]
