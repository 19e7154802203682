"""Pay with points at the counter: how many points a per-point reward takes (the rule is
`domain/pay_with_points.py`), for the redemption (`redeem.redeem`) and for a screen that
shows both the points and the amount as the cashier types either."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import pay_with_points as pwp
from ..domain.models import RewardInfo
from ..domain.money import format_money, money_text
from ..i18n import _
from ..i18n.formats import number
from ..store import cache, outbox
from . import validate
from .errors import BadInput, Refused
from .terminal import Terminal

#: A per-point reward's answers that are about the number typed (exit 2, nothing sent).
_BAD_NUMBER = {
    pwp.Why.NOT_POSITIVE,
    pwp.Why.OFF_STEP,
    pwp.Why.BELOW_MIN,
    pwp.Why.ABOVE_MAX,
    pwp.Why.AMOUNT_TOO_SMALL,
    pwp.Why.NO_VALID_POINTS,
}


def check_asked(
    reward: RewardInfo, points: object, amount: object
) -> tuple[int | None, int | None]:
    """What the cashier typed for `reward`, checked against the reward alone (before any
    request): for a fixed reward, points equal to its cost; for a per-point one, exactly one
    of `points` (on the step, within min and max) and `amount`. Raises BadInput."""
    asked = None if points is None else validate.points(points)
    money = None if amount is None else validate.points(amount, what="Amount")
    rule = reward.per_point
    if rule is None:
        if money is not None:
            raise BadInput(
                _("{name} is not paid with points: an amount is only for one that is.").format(
                    name=money_text(reward.name)
                )
            )
        if asked is not None and asked != reward.points_cost:
            raise BadInput(
                _("{name} costs {points_cost} points, not {asked}.").format(
                    name=money_text(reward.name),
                    points_cost=number(reward.points_cost),
                    asked=number(asked),
                )
            )
        return asked, None
    if (asked is None) == (money is None):
        raise BadInput(
            _("{name} is paid with points: give either the points or the amount.").format(
                name=money_text(reward.name)
            )
        )
    if asked is not None:
        # Without the balance: only the rule (step, min, max) is judged here.
        verdict = pwp.off_rule(rule, asked)
        if verdict is not None:
            raise BadInput(f"{money_text(reward.name)}: {verdict.reason}", verdict.why.value)
    return asked, money


def choose(reward: RewardInfo, asked: int | None, amount: int | None, balance: int) -> pwp.Quote:
    """The points a per-point redemption spends, against the customer's projected balance:
    the points asked (strictly) or those covering `amount` (snapped down to the step, at
    most the balance and max). Raises BadInput for a number that does not fit the rule,
    Refused (insufficient_balance) when the balance is what stops it."""
    rule = reward.per_point
    assert rule is not None
    if asked is not None:
        verdict = pwp.from_points(rule, asked, balance, strict=True)
    else:
        assert amount is not None
        verdict = pwp.from_amount(rule, amount, balance)
    if isinstance(verdict, pwp.Quote):
        return verdict
    name = money_text(reward.name)
    if verdict.why in _BAD_NUMBER:
        raise BadInput(f"{name}: {verdict.reason}", verdict.why.value)
    raise Refused(f"{name}: {verdict.reason}", "insufficient_balance")


@dataclass(frozen=True, slots=True)
class PayQuote:
    """What a pay-with-points screen shows as the cashier types: the points (snapped to the
    step, within min/max, the balance and, offline, the offline policy), their discount, the
    balance after; or why nothing fits (`problem`)."""

    reward_id: str
    rate: str  # "₦5 a point"
    points: int
    discount: int
    discount_text: str  # "₦2,500"
    balance_after: int
    snapped: bool  # the points differ from what was typed
    problem: str = ""  # why nothing fits, for the cashier (points and discount are then 0)


def quote(
    t: Terminal,
    customer_id: str,
    reward: RewardInfo,
    *,
    points: object = None,
    amount: object = None,
    offline: bool = False,
) -> PayQuote:
    """The screen's figures for `reward` (per-point) from the cache: `points` typed (snapped
    down to the step and clamped), or an `amount` to cover. `offline`: the offline policy's
    limits apply too."""
    rule = reward.per_point
    if rule is None:
        raise BadInput(_("{value} is not paid with points.").format(value=money_text(reward.name)))
    cid = validate.object_id(customer_id, "customer")
    customer = cache.get_customer(t.db.conn, cid)
    if customer is None:
        raise Refused(
            _("No customer with id {cid} on this terminal.").format(cid=cid), "customer_not_found"
        )
    pending, handed_out = outbox.pending_outgoing_points(t.db.conn, cid)
    balance = customer.points_balance - pending
    cap = pwp.offline_cap(t.config.offline_policy, handed_out) if offline else None
    if (points is None) == (amount is None):
        raise BadInput(_("Give either the points or the amount."))
    verdict = (
        pwp.from_points(rule, validate.points(points), balance, cap)
        if points is not None
        else pwp.from_amount(rule, validate.points(amount, what="Amount"), balance, cap)
    )
    rate = pwp.rate_text(rule, reward.currency)
    if isinstance(verdict, pwp.NoFit):
        return PayQuote(reward.id, rate, 0, 0, format_money(0, reward.currency), balance, False,
                        verdict.reason)  # fmt: skip
    return PayQuote(
        reward.id,
        rate,
        verdict.points,
        verdict.discount,
        format_money(verdict.discount, reward.currency),
        verdict.balance_after,
        verdict.snapped,
    )


def limits(t: Terminal, customer_id: str, *, offline: bool) -> tuple[int, int | None]:
    """For a pay-with-points screen: the customer's projected balance (minus what waits to
    sync) and, `offline`, the most the offline policy lets one redemption spend (else None)."""
    cid = validate.object_id(customer_id, "customer")
    customer = cache.get_customer(t.db.conn, cid)
    if customer is None:
        raise Refused(
            _("No customer with id {cid} on this terminal.").format(cid=cid), "customer_not_found"
        )
    pending, handed_out = outbox.pending_outgoing_points(t.db.conn, cid)
    cap = pwp.offline_cap(t.config.offline_policy, handed_out) if offline else None
    return customer.points_balance - pending, cap
