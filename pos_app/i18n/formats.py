"""Numbers, money and dates as the terminal's locale writes them: Babel (CLDR data)
everywhere, so the screen (ui/fmt.py), the command line and the slips agree. "12,345" in
en_NG, "12 345" in fr_CI; money through pos_app.domain.money.format_money (Babel too);
dates and times in the store's time zone (`use_zone`, from config.toml `timezone`; the
computer's zone until set). No thousands separator is written by hand anywhere else."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

from pos_app import i18n
from pos_app.i18n import locale_id

_zone: tzinfo | None = None  # None: the computer's


def use_zone(zone: tzinfo | None) -> None:
    """Dates and times from now on in the store's zone (None: the computer's)."""
    global _zone
    _zone = zone


def use_store(country: str, zone: tzinfo | None) -> None:
    """The store's country (config.toml `country`: with the language, how numbers, money
    and dates are written) and time zone (`timezone`; None: the computer's), from now on.
    The language stays as it is (i18n.use sets it)."""
    i18n.use(i18n.language(), country)
    use_zone(zone)


def _local(dt: datetime) -> datetime:
    if dt.tzinfo is None:  # the store keeps UTC
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(_zone) if _zone is not None else dt.astimezone()


def number(n: int) -> str:
    from babel.numbers import format_decimal  # Babel only where something is written

    return format_decimal(n, locale=locale_id())


def signed(n: int) -> str:
    """ "+1,200" / "−300": a change, with its sign always shown."""
    text = number(abs(n))
    return f"+{text}" if n >= 0 else f"\N{MINUS SIGN}{text}"


def date_text(day: date | datetime, form: str = "long") -> str:
    """A day: "27 November 2026" (en_NG), "27 novembre 2026" (fr_CI); `form` is one of
    Babel's ("short", "medium", "long", "full") or a CLDR pattern ("d MMM")."""
    from babel.dates import format_date

    if isinstance(day, datetime):
        day = _local(day).date()
    return format_date(day, form, locale=locale_id())


def datetime_text(dt: datetime, *, long: bool = False) -> str:
    """Day, month name and time ("27 Nov 2026, 19:24"): clearer at a counter than the
    all-digits form, whose order differs between countries."""
    from babel.dates import format_date, format_datetime, format_time

    local = _local(dt)
    if long:
        return format_datetime(local, "long", tzinfo=local.tzinfo, locale=locale_id())
    day = format_date(local.date(), "medium", locale=locale_id())
    return f"{day} {format_time(local, 'HH:mm', locale=locale_id())}"


def time_text(dt: datetime) -> str:
    """ "19:24": the 24-hour clock of the store's zone."""
    from babel.dates import format_time

    return format_time(_local(dt), "HH:mm", locale=locale_id())
