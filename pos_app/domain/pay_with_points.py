"""Pay with points (API.md v1.1, "Pay with points"): how many points a per-point reward
takes, from the points asked for or from an amount to cover. Pure: no I/O.

The points allowed lie on the rule's step, from `min_points` to the least of `max_points`,
the customer's balance (projected: minus what waits to sync) and, offline, what the offline
policy lets one redemption spend (`offline_cap`). Two ways in:

- `from_points`: the cashier types points. `strict=True` (the command line) refuses a
  number off the step or out of range, with the reason; otherwise (a screen) the number
  is snapped down to the step and clamped into the range.
- `from_amount`: the cashier types the amount to cover. The points are the most that
  discount no more than the amount (snapped down to the step), clamped to the most
  allowed; the customer pays the rest another way. An amount too small for the smallest
  redemption is refused (paying with points never gives more discount than was asked).

Either answers a `Quote` (points, discount, balance after) or a `NoFit` saying why
nothing fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..i18n import _
from ..i18n.formats import number
from .models import PerPointRule
from .money import format_money
from .offline_policy import OfflinePolicy


class Why(StrEnum):
    """Why no number of points fits."""

    NO_VALID_POINTS = "no_valid_points"  # the rule itself allows none (no step within min/max)
    BALANCE_BELOW_MIN = "balance_below_min"
    OFFLINE_LIMIT = "offline_limit"  # offline, the policy allows fewer than the minimum
    OFF_STEP = "off_step"
    BELOW_MIN = "below_min"
    ABOVE_MAX = "above_max"
    OVER_BALANCE = "over_balance"
    OVER_OFFLINE_LIMIT = "over_offline_limit"
    AMOUNT_TOO_SMALL = "amount_too_small"
    NOT_POSITIVE = "not_positive"


@dataclass(frozen=True, slots=True)
class Quote:
    points: int
    discount: int  # points * discount_per_point, in the currency's main unit
    balance_after: int
    asked: int  # what was typed (points, or the amount for `from_amount`)
    snapped: bool  # the points differ from what was typed (a screen shows both)


@dataclass(frozen=True, slots=True)
class NoFit:
    why: Why
    reason: str  # one line for the cashier


def _ceil_to(value: int, step: int) -> int:
    return -(-value // step) * step


def smallest(rule: PerPointRule) -> int:
    """The fewest points a redemption may use: `min_points` rounded up to the step (it may
    pass `max_points` when the rule allows nothing; `allowed` says so)."""
    return _ceil_to(max(rule.min_points, rule.step), rule.step)


def offline_cap(policy: OfflinePolicy, pending_offline_points: int) -> int:
    """The most points one redemption may spend offline under `policy`, given what this
    customer already has waiting (the per-redemption and per-customer limits)."""
    if not policy.enabled:
        return 0
    room = policy.max_pending_points_per_customer - pending_offline_points
    return max(0, min(policy.max_points_per_redemption, room))


def allowed(rule: PerPointRule, balance: int, cap: int | None = None) -> tuple[int, int] | NoFit:
    """The fewest and the most points allowed (both on the step), or why none fits.
    `cap`: the offline policy's limit when the backend does not answer (None: online)."""
    low = smallest(rule)
    top = (rule.max_points // rule.step) * rule.step
    if top < low:
        return NoFit(Why.NO_VALID_POINTS, _("This reward allows no number of points."))
    if balance < low:
        return NoFit(
            Why.BALANCE_BELOW_MIN,
            _("Paying with points needs at least {low} points; the balance is {balance}.").format(
                low=number(low), balance=number(balance)
            ),
        )
    if cap is not None and cap < low:
        return NoFit(
            Why.OFFLINE_LIMIT,
            _(
                "Offline, at most {cap} points may be spent now; paying with points needs "
                "at least {low}."
            ).format(cap=number(cap), low=number(low)),
        )
    most = min(top, balance, top if cap is None else cap)
    return low, (most // rule.step) * rule.step


def _quote(rule: PerPointRule, points: int, balance: int, asked: int, snapped: bool) -> Quote:
    return Quote(points, points * rule.discount_per_point, balance - points, asked, snapped)


def off_rule(rule: PerPointRule, points: int) -> NoFit | None:
    """Why `points` breaks the rule itself (at least 1, min, max, the step), or None. Needs
    no balance: checked before anything is asked of the backend."""
    if points < 1:
        return NoFit(Why.NOT_POSITIVE, _("Points must be a whole number above zero."))
    low = smallest(rule)
    if points < rule.min_points:
        return NoFit(
            Why.BELOW_MIN,
            _("At least {low} points (not {points}).").format(
                low=number(low), points=number(points)
            ),
        )
    if points > rule.max_points:
        return NoFit(
            Why.ABOVE_MAX,
            _("At most {high} points (not {points}).").format(
                high=number(rule.max_points), points=number(points)
            ),
        )
    if points % rule.step:
        below = max((points // rule.step) * rule.step, low)
        above = min(_ceil_to(points, rule.step), (rule.max_points // rule.step) * rule.step)
        near = (
            number(below)
            if below == above
            else _("{below} or {above}").format(below=number(below), above=number(above))
        )
        return NoFit(
            Why.OFF_STEP,
            _("Points go in steps of {step}: {points} is not one (try {near}).").format(
                step=number(rule.step), points=number(points), near=near
            ),
        )
    return None


def from_points(
    rule: PerPointRule, points: int, balance: int, cap: int | None = None, *, strict: bool = False
) -> Quote | NoFit:
    """The redemption for `points` typed (see the module's text)."""
    if points < 1:
        return NoFit(Why.NOT_POSITIVE, _("Points must be a whole number above zero."))
    if strict and (broken := off_rule(rule, points)) is not None:
        return broken
    bounds = allowed(rule, balance, cap)
    if isinstance(bounds, NoFit):
        return bounds
    low, high = bounds
    if not strict:
        chosen = min(max((points // rule.step) * rule.step, low), high)
        return _quote(rule, chosen, balance, points, chosen != points)
    if points > balance:
        return NoFit(
            Why.OVER_BALANCE,
            _("Only {balance} points are available; {points} asked.").format(
                balance=number(balance), points=number(points)
            ),
        )
    if points > high:  # within the rule and the balance: the offline limit stops it
        return NoFit(
            Why.OVER_OFFLINE_LIMIT,
            _("Offline, at most {high} points may be spent now; {points} asked.").format(
                high=number(high), points=number(points)
            ),
        )
    return _quote(rule, points, balance, points, False)


def from_amount(
    rule: PerPointRule, amount: int, balance: int, cap: int | None = None
) -> Quote | NoFit:
    """The redemption covering as much of `amount` (main unit) as allowed, never more."""
    if amount < 1:
        return NoFit(Why.NOT_POSITIVE, _("The amount must be a whole number above zero."))
    bounds = allowed(rule, balance, cap)
    if isinstance(bounds, NoFit):
        return bounds
    low, high = bounds
    if rule.discount_per_point < 1:
        return NoFit(Why.NO_VALID_POINTS, _("This reward gives no discount per point."))
    covering = (amount // rule.discount_per_point // rule.step) * rule.step
    if covering < low:
        return NoFit(
            Why.AMOUNT_TOO_SMALL,
            _(
                "The smallest payment with points is {low} points, worth {worth}; {amount} is less."
            ).format(
                low=number(low),
                worth=number(low * rule.discount_per_point),
                amount=number(amount),
            ),
        )
    chosen = min(covering, high)
    discount = chosen * rule.discount_per_point
    return Quote(chosen, discount, balance - chosen, amount, discount != amount)


def rate_text(rule: PerPointRule, currency: str) -> str:
    """ "₦5 a point"."""
    return _("{price} a point").format(price=format_money(rule.discount_per_point, currency))


def card_title(name: str, rule: PerPointRule, currency: str) -> str:
    """The reward card's title: "Pay with points: ₦5 a point"."""
    return _("{name}: {rate}").format(name=name, rate=rate_text(rule, currency))
