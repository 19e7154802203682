"""The terminal's language and locale as the domain sees them, without importing them.

The domain imports nothing of the terminal outside itself, yet its words for people
(a reward's "₦1,000 off", a phone number's problem) and its money are in the terminal's
language and locale. pos_app.i18n registers its gettext and its locale here when it is
imported (`speak`); until then (and in the domain's own tests) the words are English and
the locale is en_NG."""

from __future__ import annotations

from collections.abc import Callable

_gettext: Callable[[str], str] = str
_ngettext: Callable[[str, str, int], str] = lambda one, many, n: one if n == 1 else many  # noqa: E731
_locale: Callable[[], str] = lambda: "en_NG"  # noqa: E731


def speak(
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str],
    locale: Callable[[], str],
) -> None:
    """pos_app.i18n's `_`, `ngettext` and `locale_id`: the domain's words and formats
    follow them."""
    global _gettext, _ngettext, _locale
    _gettext, _ngettext, _locale = gettext, ngettext, locale


def _(message: str) -> str:
    """`message` in the terminal's language (the core's catalogue, pos_app/i18n/fr.po)."""
    return _gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count `n`."""
    return _ngettext(singular, plural, n)


def locale_id() -> str:
    """The Babel locale money and numbers are written in ("en_NG", "fr_CI")."""
    return _locale()


def number(n: float) -> str:
    """A whole number as the locale writes it ("12,345" in en_NG, "12 345" in fr_CI):
    Babel, as pos_app.i18n.formats.number; no separator is written by hand."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=locale_id())
