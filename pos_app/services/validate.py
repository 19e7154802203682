"""Checks of what a person typed, shared by every entry point (CLI, GUI)."""

from __future__ import annotations

import re
from datetime import datetime

from ..domain import phones
from ..domain.codes import normalize_code
from ..i18n import N_, _
from ..i18n.formats import number
from .errors import BadInput

MAX_POINTS = 1_000_000
# The words callers give as `what` (translated where a message shows them).
WHATS: tuple[str, ...] = (
    N_("customer"),
    N_("reward"),
    N_("The amount"),
    N_("Points"),
    N_("Amount"),
)
WHATS += (N_("Limit"), N_("name"), N_("email address"), N_("phone number"), N_("card number"))
WHATS += (N_("The returned amount"), N_("The sale's amount"), N_("The conflict id"))
_ID_RE = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")


def object_id(value: str | None, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise BadInput(_("Give a {what} id.").format(what=_(what)))
    if not _ID_RE.match(text):
        raise BadInput(
            _("{value} is not a {what} id (letters, digits, '_' or '-').").format(
                value=repr(text[:40]), what=_(what)
            )
        )
    return text


_ORDER_RE = re.compile(r"^[\x21-\x7e](?:[\x20-\x7e]{0,62}[\x21-\x7e])?$", re.ASCII)
MAX_AMOUNT = 10**12
_CURRENCY_RE = re.compile(r"^[A-Za-z]{3}$", re.ASCII)


def order_id(value: str | None) -> str:
    """A receipt's order number as the contract takes it: 1-64 printable ASCII characters."""
    text = (value or "").strip()
    if not text:
        raise BadInput(_("Give the order number from the receipt."), field="order_id")
    if not _ORDER_RE.match(text):
        shown = ascii(text[:40])
        raise BadInput(
            _(
                "{shown} is not an order number: 1-64 letters, digits or signs of the "
                "receipt (no accents, tabs or control characters)."
            ).format(shown=shown),
            field="order_id",
        )
    return text


def amount(value: object, *, what: str = "The amount") -> int:
    """A sale's or a return's amount: a whole number of the currency's main unit, > 0."""
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "")
        if not re.fullmatch(r"[0-9]+", text, flags=re.ASCII) or len(text) > 13:
            raise BadInput(
                _(
                    "{what} must be a whole number of the currency's main unit (no "
                    "decimals), not {value}."
                ).format(what=_(what), value=ascii(value.strip()[:20])),
                field="amount",
            )
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadInput(_("{what} must be a whole number.").format(what=_(what)), field="amount")
    if not 1 <= value <= MAX_AMOUNT:
        raise BadInput(
            _("{what} must be from 1 to {max_amount}.").format(
                what=_(what), max_amount=number(MAX_AMOUNT)
            ),
            field="amount",
        )
    return value


def currency(value: str | None, default: str) -> str:
    text = (value or default).strip().upper()
    if not _CURRENCY_RE.match(text):
        raise BadInput(
            _("{value} is not a currency code such as NGN.").format(value=ascii(text[:10])),
            field="currency",
        )
    return text


def points(value: object, *, allow_negative: bool = False, what: str = "Points") -> int:
    """A whole number typed by a person: ASCII digits only (int() would also take '٣٠٠')."""
    if isinstance(value, bool):
        raise BadInput(_("{what} must be a whole number.").format(what=_(what)))
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "")
        if not re.fullmatch(r"[+-]?[0-9]+", text, flags=re.ASCII):
            raise BadInput(
                _("{what} must be a whole number, not {value}.").format(
                    what=_(what), value=repr(value.strip()[:20])
                )
            )
        if len(text.lstrip("+-")) > 12:
            raise BadInput(
                _("{what} must be at most {max_points}.").format(
                    what=_(what), max_points=number(MAX_POINTS)
                ),
                "points_too_large",
            )
        value = int(text)
    if not isinstance(value, int):
        raise BadInput(_("{what} must be a whole number.").format(what=_(what)))
    if value == 0 or (value < 0 and not allow_negative):
        raise BadInput(
            _("{what} must be more than 0.").format(what=_(what))
            if not allow_negative
            else _("{what} must not be 0.").format(what=_(what)),
            "points_zero",
        )
    if abs(value) > MAX_POINTS:
        raise BadInput(
            _("{what} must be at most {max_points}.").format(
                what=_(what), max_points=number(MAX_POINTS)
            ),
            "points_too_large",
        )
    return value


def reason(value: str | None, *, required: bool) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            raise BadInput(_("Give a reason."))
        return None
    if len(text) > 500:
        raise BadInput(_("The reason is too long (500 characters at most)."))
    if any(not ch.isprintable() for ch in text):
        raise BadInput(_("The reason contains control characters."))
    return text


# Characters that can rewrite what a terminal or a printed slip shows: C0/C1 controls
# (ESC starts terminal escape sequences), bidirectional overrides and isolates (they reorder
# text, as in "Trojan Source"), line and paragraph separators, and lone surrogates (the
# remains of invalid UTF-8). Joiners (ZWJ, ZWNJ), needed by many scripts, stay allowed.
_UNSAFE_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def has_unsafe(text: str) -> bool:
    return _UNSAFE_RE.search(text) is not None


def plain_text(value: str | None, *, what: str, limit: int) -> str | None:
    """Free text that is shown on screens, slips and reports: no control characters or
    escape sequences, at most `limit` characters."""
    text = (value or "").strip()
    if not text:
        return None
    field = _FIELDS.get(what, "")
    if len(text) > limit:
        raise BadInput(
            _("The {what} is too long ({limit} characters at most).").format(
                what=_(what), limit=limit
            ),
            field=field,
        )
    if has_unsafe(text):
        raise BadInput(
            _("The {what} contains control characters or escape sequences; type it again.").format(
                what=_(what)
            ),
            field=field,
        )
    return text


_FIELDS = {
    "name": "name",
    "email address": "email",
    "phone number": "phone",
    "card number": "card_number",
}


def person_name(value: str | None, *, limit: int = 200) -> str:
    text = plain_text(value, what="name", limit=limit)
    if text is None:
        raise BadInput(_("Give the customer's name."), field="name")
    return text


_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_CARD_RE = re.compile(r"^[A-Za-z0-9]{4,32}$", flags=re.ASCII)


def email(value: str | None) -> str | None:
    """An email address as the backend takes it (one @, a domain with a dot), or None."""
    text = plain_text(value, what="email address", limit=254)
    if text is None:
        return None
    if not _EMAIL_RE.match(text):
        raise BadInput(
            _("This is not an email address: it needs one @ and a domain, like ada@example.com."),
            field="email",
        )
    return text


def phone(value: str | None, region: str = phones.DEFAULT_REGION) -> str | None:
    """A phone number typed in any usual form, in E.164 ("+2348031234567"), or None."""
    text = plain_text(value, what="phone number", limit=40)
    if text is None:
        return None
    try:
        return phones.normalise(text, region)
    except phones.PhoneProblem as problem:
        raise BadInput(str(problem), field="phone") from None


def card_number(value: str | None) -> str | None:
    """A loyalty card number: letters and digits (spaces and dashes as printed are dropped)."""
    text = plain_text(value, what="card number", limit=64)
    if text is None:
        return None
    compact = re.sub(r"[\s\-]", "", text)
    if not _CARD_RE.match(compact):
        raise BadInput(
            _(
                "A card number is 4 to 32 letters and digits; scan the card again or "
                "type what is printed under the barcode."
            ),
            field="card_number",
        )
    return compact


def safe_for_terminal(text: str) -> str:
    """Text from anywhere (the backend, the database) made safe to print: each control
    character, escape or bidi override shown as a visible \\x.. or \\u.... escape. Line
    breaks stay (our own output is made of lines)."""
    return _UNSAFE_RE.sub(
        lambda m: "\n" if m.group() == "\n" else m.group().encode("unicode_escape").decode(),
        text,
    )


def future_time(value: datetime | None, now: datetime) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise BadInput(_("The expiry needs a time zone, e.g. 2026-12-31T23:59:59Z."))
    if value <= now:
        raise BadInput(_("The expiry is already past."))
    return value


def code(value: str | None) -> str:
    """The code as typed or scanned (upper case, spaces out); see codes.verify for O/0."""
    canonical = normalize_code(value or "", fold=False)
    if canonical is None:
        raise BadInput(
            _("{value} is not a redemption code (they look like REDEEM-ABC123).").format(
                value=repr((value or "").strip()[:30])
            )
        )
    return canonical


def query(value: str | None) -> str:
    text = (value or "").strip()
    if not text:
        raise BadInput(_("Type a name, phone, email, card number or customer id."))
    if len(text) > 200:
        raise BadInput(_("That search is too long."))
    if has_unsafe(text):
        raise BadInput(_("The search contains control characters or escape sequences."))
    return text
