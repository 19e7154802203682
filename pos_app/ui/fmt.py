"""Dates and times for the screen: pos_app.i18n.formats (Babel, the terminal's locale, the
store's time zone), the same words as the command line and the slips."""

from __future__ import annotations

from pos_app.i18n.formats import date_text, datetime_text, time_text

__all__ = ["date_text", "datetime_text", "time_text"]
