"""Money and points formatting, at the edge only: amounts stay integers everywhere else.

Money is written by Babel (CLDR) in the terminal's locale (pos_app.i18n.locale_id(): the
language in the store's country), the currency from the backend's object: "₦12,345" in
en_NG, "GH₵12,345" in en_GH, "Ksh12,345" in en_KE, "R12 345" in en_ZA, "12 345 F CFA" in
fr_CI and fr_SN. Amounts are whole main units (the API's contract), so they are written
without a fraction whatever the currency's minor unit: no ".00" at a counter, and XOF has
none anyway. Where a font lacks a currency sign (a receipt printer, the PDF's core font),
`money_codes` writes the ISO code instead: "NGN 12,345"."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..i18n import _, locale_id

if TYPE_CHECKING:  # Babel is imported where something is written (a --json answer writes nothing)
    from babel import Locale

# The currencies a name may state an amount in ("NGN 1,000 off"), besides the terminal's.
KNOWN = ("NGN", "GHS", "KES", "XOF", "ZAR", "USD", "EUR", "GBP")
# Signs people type that are not always CLDR's: the currency they mean.
TYPED_SIGNS = {"₦": "NGN", "GH₵": "GHS", "₵": "GHS", "KSh": "KES", "Ksh": "KES", "F CFA": "XOF"}
_SPACES = "\u00a0\u202f"  # CLDR's no-break and narrow no-break spaces


@lru_cache(maxsize=32)
def _locale(name: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_money(amount: int, currency: str, locale: str | None = None) -> str:
    """`amount` (whole main units) of `currency` as the locale writes it, without a
    fraction: (1000, "NGN") -> "₦1,000" in en_NG, (5000, "XOF") -> "5 000 F CFA" in fr_CI.
    A code Babel does not know is written as the code: "XYZ1,000"."""
    where = _locale(locale or locale_id())
    pattern = copy.copy(where.currency_formats["standard"])
    pattern.frac_prec = (0, 0)  # whole main units: no ".00"
    text = pattern.apply(amount, where, currency=currency.upper(), currency_digits=False)
    # A sign of letters before the digits ("NGN", "Ksh", "F CFA") stands apart from them.
    return _LETTERS_THEN_DIGITS.sub("\\1\u00a0", text)


_LETTERS_THEN_DIGITS = re.compile(r"^(-?[A-Za-z][A-Za-z\u202f]*[A-Za-z])(?=\d)")


def format_points(points: int, *, signed: bool = False) -> str:
    """ "1,200 pts"; signed: "+50 pts", "-50 pts" (the locale's digits and separators)."""
    from babel.numbers import format_decimal

    text = format_decimal(abs(points), locale=_locale(locale_id()))
    if signed or points < 0:
        text = ("-" if points < 0 else "+") + text
    return _("{points} pts").format(points=text)


# ---------------------------------------------------------------- money in text


def _symbols(locale: str) -> dict[str, str]:
    """Each sign or code a text may write an amount with, and its currency."""
    from babel.numbers import get_currency_symbol

    found = {code: code for code in KNOWN}
    found.update({sign.replace(" ", "\u202f"): code for sign, code in TYPED_SIGNS.items()})
    found.update(TYPED_SIGNS)
    for code in KNOWN:
        sign = get_currency_symbol(code, _locale(locale))
        if len(sign) > 1 or not sign.isascii():  # "R" or "$" alone: too easily not money
            found.setdefault(sign, code)
    found["$"] = "USD"
    return found


_NUMBER = rf"(\d{{1,3}}(?:[,{_SPACES} ]\d{{3}})+|\d+)(\.\d+)?"


@lru_cache(maxsize=32)
def _patterns(locale: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    symbols = _symbols(locale)
    alternatives = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    # "NGN 1,000", "NGN1000", "ngn 1000.50", "₦ 1000"; and "1,000 NGN" (the code after).
    first = re.compile(
        rf"(?<![A-Za-z])({alternatives})[\s{_SPACES}]*{_NUMBER}(?![\d,])", re.IGNORECASE
    )
    after = re.compile(
        rf"(?<![\d,.]){_NUMBER}[\s{_SPACES}]*({alternatives})(?![A-Za-z])", re.IGNORECASE
    )
    return first, after, {k.casefold(): v for k, v in symbols.items()}


def _amount(symbols: dict[str, str], sign: str, whole: str, fraction: str | None) -> str:
    code = symbols.get(sign.casefold(), sign.upper())
    digits = re.sub(rf"[,{_SPACES} ]", "", whole)
    return format_money(int(digits), code) + (fraction or "")


def _rewrite(text: str) -> tuple[str, int]:
    first, after, symbols = _patterns(locale_id())
    text, one = first.subn(lambda m: _amount(symbols, m[1], m[2], m[3]), text)
    text, two = after.subn(lambda m: _amount(symbols, m[3], m[1], m[2]), text)
    return text, one + two


def money_text(text: str) -> str:
    """`text` with every amount written one way (format_money): "NGN 1,000 off" ->
    "₦1,000 off", "Gold: NGN 20000 off" -> "Gold: ₦20,000 off", "500 NGN" -> "₦500",
    "XOF 5000 off" -> "5 000 F CFA off" in fr_CI. Other text is left as it is (a reward's
    name is the backend's: its words are not translated)."""
    return _rewrite(text)[0]


def money_codes(text: str) -> str:
    """The printer form, for a font without the currency signs: every sign outside ASCII
    becomes the ISO code ("₦1,000" -> "NGN 1,000", "GH₵5" -> "GHS 5"); ASCII ones stay
    ("Ksh", "R", "F CFA")."""
    symbols = _symbols(locale_id())
    for sign in sorted(symbols, key=len, reverse=True):
        if re.sub(f"[{_SPACES}]", " ", sign).isascii():  # "F CFA": every printer has it
            continue
        code = symbols[sign]
        text = re.sub(rf"{re.escape(sign)}[ {_SPACES}]?(?=\d)", f"{code} ", text)
        text = re.sub(rf"(?<=\d)[ {_SPACES}]?{re.escape(sign)}", f" {code}", text)
    return text


def printer_text(text: str) -> str:
    """What a printer's code page and a PDF core font can hold: money with ISO codes,
    CLDR's no-break spaces as spaces, the minus sign as a hyphen."""
    text = money_codes(text)
    return re.sub(f"[{_SPACES}]", " ", text).replace("\N{MINUS SIGN}", "-")


# ---------------------------------------------------------------- rewards

# A reward whose name states an amount, or says "off", "discount" or "pay with points", is
# a discount; any other name ("Free soft drink", "Free delivery") is an item or a service,
# given as such. The names are the backend's, in its words: matched in English and French.
_DISCOUNT_WORDS = re.compile(
    r"\b(off|discount|discounts|voucher|pay with points|remise|réduction|bon d'achat)\b|%",
    re.IGNORECASE,
)
_ONLY_AMOUNT = "\x00"


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
    off = _("{amount} off").format(amount=worth)
    given = " ".join((name or "").split())
    clean, amounts = _rewrite(given)
    if not clean:  # not known here: all that is known is its value
        return RewardWords("", _("A reward worth {amount}").format(amount=worth), "", worth, False)
    if amounts or _DISCOUNT_WORDS.search(clean):
        first, after, _s = _patterns(locale_id())
        bare = after.sub(_ONLY_AMOUNT, first.sub(_ONLY_AMOUNT, given))
        if re.fullmatch(rf"\s*{_ONLY_AMOUNT}\s+off\s*", bare, re.IGNORECASE):
            return RewardWords(clean, off, "", worth, False)  # "₦1,000 off": the amount
        # "Silver weekend: ₦3,000 off", "Birthday discount": the amount, then the name.
        return RewardWords(clean, off, clean, worth, False)
    return RewardWords(clean, clean, _("worth {amount}").format(amount=worth), worth, True)
