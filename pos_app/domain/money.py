"""Money and points formatting, at the edge only: amounts stay integers everywhere else."""

from __future__ import annotations

import re
from dataclasses import dataclass

SYMBOLS = {"NGN": "₦", "USD": "$", "GBP": "£", "EUR": "€", "GHS": "GH₵", "KES": "KSh"}


def format_money(amount: int, currency: str) -> str:
    """`₦1,000` for (1000, "NGN"); unknown currencies as `1,000 XYZ`."""
    symbol = SYMBOLS.get(currency.upper())
    sign = "-" if amount < 0 else ""
    if symbol is None:
        return f"{sign}{abs(amount):,} {currency.upper()}"
    return f"{sign}{symbol}{abs(amount):,}"


def format_points(points: int, *, signed: bool = False) -> str:
    text = f"{points:+,}" if signed else f"{points:,}"
    return f"{text} pts"


# ---------------------------------------------------------------- money in text

_CODES = "|".join(sorted(SYMBOLS, key=len, reverse=True))
_SIGNS = "|".join(re.escape(s) for s in sorted(set(SYMBOLS.values()), key=len, reverse=True))
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
# "NGN 1,000", "NGN1000", "ngn 1000.50", "₦ 1000"; and "1,000 NGN" (the code after).
_CODE_FIRST = re.compile(rf"(?<![A-Za-z])({_CODES}|{_SIGNS})\s*{_NUMBER}(?![\d,])", re.IGNORECASE)
_CODE_AFTER = re.compile(rf"(?<![\d,.]){_NUMBER}\s*({_CODES})(?![A-Za-z])", re.IGNORECASE)


def _amount(currency: str, whole: str, fraction: str | None) -> str:
    code = currency.upper()
    for key, sign in SYMBOLS.items():  # a sign already: its currency
        if currency.casefold() == sign.casefold():
            code = key
    text = format_money(int(whole.replace(",", "")), code)
    return text + (fraction or "")


def money_text(text: str) -> str:
    """`text` with every amount written one way: "NGN 1,000 off" -> "₦1,000 off",
    "Gold: NGN 20000 off" -> "Gold: ₦20,000 off", "500 NGN" -> "₦500". Other text is
    left as it is."""
    text = _CODE_FIRST.sub(lambda m: _amount(m.group(1), m.group(2), m.group(3)), text)
    return _CODE_AFTER.sub(lambda m: _amount(m.group(3), m.group(1), m.group(2)), text)


def money_codes(text: str) -> str:
    """The reverse, for a printer font without the currency signs: "₦1,000" -> "NGN 1,000"."""
    for code, sign in sorted(SYMBOLS.items(), key=lambda kv: -len(kv[1])):
        text = re.sub(rf"(-?){re.escape(sign)}(?=\d)", rf"\1{code} ", text)
    return text


# ---------------------------------------------------------------- rewards

# A reward whose name states an amount, or says "off", "discount" or "pay with points", is
# a discount; any other name ("Free soft drink", "Free delivery") is an item or a service,
# given as such.
_DISCOUNT_WORDS = re.compile(
    r"\b(off|discount|discounts|voucher|pay with points)\b|%", re.IGNORECASE
)
_ONLY_DISCOUNT = re.compile(rf"^\s*({_SIGNS})[\d,]+(\.\d+)?\s+off\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RewardWords:
    """How a reward is shown. `headline`: what to give, in the largest type ("Free soft
    drink", "₦1,000 off"). `detail`: the second line ("worth ₦500", or the name of a
    discount whose name says more than its amount). `name`: the reward's name with money
    written one way. `item`: the reward is a thing or a service, not a discount."""

    name: str
    headline: str
    detail: str
    worth: str  # the value alone: "₦500"
    item: bool

    @property
    def full(self) -> str:
        """One line: "Free soft drink (worth ₦500)", "₦1,000 off"."""
        return f"{self.headline} ({self.detail})" if self.detail else self.headline


def reward_words(name: str | None, discount_amount: int, currency: str) -> RewardWords:
    worth = format_money(discount_amount, currency)
    off = f"{worth} off"
    clean = money_text(" ".join((name or "").split()))
    if not clean:  # not known here: all that is known is its value
        return RewardWords("", f"A reward worth {worth}", "", worth, False)
    has_amount = bool(re.search(rf"({_SIGNS})\d", clean))
    if has_amount or _DISCOUNT_WORDS.search(clean):
        if _ONLY_DISCOUNT.match(clean):  # "₦1,000 off": the name is the amount
            return RewardWords(clean, off, "", worth, False)
        # "Silver weekend: ₦3,000 off", "Birthday discount": the amount, then the name.
        return RewardWords(clean, off, clean, worth, False)
    return RewardWords(clean, clean, f"worth {worth}", worth, True)
