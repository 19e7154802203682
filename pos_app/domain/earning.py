"""How many points a sale earns (config.toml `[earn]`): a pure rule, no I/O.

A rate is whole numbers, `points` per `per` units of a currency's main unit
("1 point per ₦100": points = 1, per = 100). A tier may multiply it (1.5 for Gold).
The result is rounded DOWN to a whole point: a customer earns a point only for a
complete `per` (₦199 at 1 per ₦100 earns 1 point), the same way every time, so two
terminals never disagree. The arithmetic is exact (fractions, never floats).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from ..i18n import locale_id, ngettext

# The rate of a currency that config.toml's [earn] does not set: about the same value a
# point everywhere (1 point per ₦100 is about 1 per GH₵1, KSh10, 50 F CFA, R1). An old
# config's `naira_per_point` is the NGN rate. A currency not listed here earns nothing
# until [earn.<CURRENCY>] gives it a rate.
DEFAULT_RATES: Mapping[str, tuple[int, int]] = {
    "NGN": (1, 100),
    "GHS": (1, 1),
    "KES": (1, 10),
    "XOF": (1, 50),
    "ZAR": (1, 1),
}


@dataclass(frozen=True, slots=True)
class EarnRate:
    """`points` for every `per` units of the currency (both whole numbers, at least 1)."""

    points: int
    per: int

    def describe(self, currency: str) -> str:
        """ "1 point per ₦100", "2 points par 50 F CFA" (the locale's words and money)."""
        from babel.numbers import format_decimal  # Babel only where something is written

        from .money import format_money

        return ngettext(
            "{points} point per {amount}", "{points} points per {amount}", self.points
        ).format(
            points=format_decimal(self.points, locale=locale_id()),
            amount=format_money(self.per, currency),
        )


@dataclass(frozen=True, slots=True)
class EarnRules:
    """The `[earn]` table: a rate per currency, a multiplier per tier id, and the currency
    a sale is in when none is given."""

    rates: Mapping[str, EarnRate]
    currency: str
    tier_multipliers: Mapping[str, Fraction] = field(default_factory=dict)

    @classmethod
    def defaults(cls, currency: str = "NGN", naira_per_point: int | None = None) -> EarnRules:
        """The rates without an [earn] table: DEFAULT_RATES, NGN's from an old config's
        `naira_per_point`; sales in `currency` (the terminal's)."""
        rates = {code: EarnRate(*rate) for code, rate in DEFAULT_RATES.items()}
        if naira_per_point is not None:
            rates["NGN"] = EarnRate(1, naira_per_point)
        return cls(rates, currency.upper())

    def rate(self, currency: str) -> EarnRate | None:
        return self.rates.get(currency.upper())

    def multiplier(self, tier_id: str | None) -> Fraction:
        if tier_id is None:
            return Fraction(1)
        return self.tier_multipliers.get(tier_id, Fraction(1))


def points_for(amount: int, rate: EarnRate, multiplier: Fraction = Fraction(1)) -> int:
    """Points a sale of `amount` (main unit, >= 0) earns: floor(amount * points / per *
    multiplier)."""
    if amount < 0:
        raise ValueError("a sale's amount is never negative")
    return math.floor(Fraction(amount) * rate.points * multiplier / rate.per)


@dataclass(frozen=True, slots=True)
class Sale:
    """The sale an award is for: the receipt's order number, its amount (main unit) and
    currency."""

    order_id: str
    amount: int
    currency: str
