"""Numbers as the terminal's locale writes them (Babel, CLDR data): "12,345" in en_NG,
"12 345" in fr_CI. No thousands separator is written by hand anywhere else."""

from __future__ import annotations

from babel.numbers import format_decimal

from pos_app.i18n import locale_id


def number(n: int) -> str:
    return format_decimal(n, locale=locale_id())


def signed(n: int) -> str:
    """ "+1,200" / "−300": a change, with its sign always shown."""
    text = number(abs(n))
    return f"+{text}" if n >= 0 else f"\N{MINUS SIGN}{text}"
