"""Dates and times for the screen, in the user's locale and local time zone."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale


def _local(dt: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(dt.timestamp() * 1000))


def date_text(dt: datetime, pattern: str | None = None) -> str:
    """The day of `dt` in local time: long form by default, or a QLocale pattern."""
    locale = QLocale()
    if pattern is None:
        return locale.toString(_local(dt).date(), QLocale.FormatType.LongFormat)
    return locale.toString(_local(dt).date(), pattern)


def datetime_text(dt: datetime, *, long: bool = False) -> str:
    """Day, month name and time in the locale's words ("25 Nov 2026 19:24"): clearer at a
    counter than the all-digits short format, whose order differs between countries."""
    if long:
        return QLocale().toString(_local(dt), QLocale.FormatType.LongFormat)
    return QLocale().toString(_local(dt), "d MMM yyyy HH:mm")


def time_text(dt: datetime) -> str:
    return QLocale().toString(_local(dt).time(), QLocale.FormatType.ShortFormat)
