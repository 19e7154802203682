"""Money and points formatting, at the edge only: amounts stay integers everywhere else."""

from __future__ import annotations

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
