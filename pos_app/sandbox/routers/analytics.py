"""/v1/analytics/points: points issued and redeemed by period (API.md v1.1, "Analytics")."""

from __future__ import annotations

import functools
import math
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from fastapi import FastAPI, Query

from .. import wire
from ..clock import parse_ts
from ..errors import LedgerError
from ..ledger import Ledger

TAGS: list[str | Enum] = ["analytics"]
STORE_ID_PATTERN = r"^[\x20-\x7e]{1,64}$"  # 1-64 printable ASCII characters
MAX_RANGE = timedelta(hours=366 * 24)
# Years a period's calendar can be worked out in, whatever the zone (a month past 9999
# is no date).
FIRST_YEAR, LAST_YEAR = 2, 9998


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def zone_of(name: str) -> ZoneInfo:
    """The IANA zone `name`, or the contract's 400 naming `tz`."""
    try:
        zone = ZoneInfo(name)
        known = _zone_names()
        if known and name not in known:
            raise ValueError(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        raise LedgerError(
            400, "invalid_request", f"tz: {name[:64]!r} is not an IANA time zone.", "tz"
        ) from None
    return zone


def _instant(text: str, name: str) -> datetime:
    """An RFC 3339 query timestamp, rounded up to the whole second (the ledger's
    timestamps are whole seconds, so `>=` and `<` select the same rows)."""
    try:
        parsed = parse_ts(text)
    except ValueError as exc:
        raise LedgerError(400, "invalid_request", f"{name}: {exc}", name) from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise LedgerError(
            400,
            "invalid_request",
            f"{name}: must be within the years {FIRST_YEAR:04d} to {LAST_YEAR}.",
            name,
        )
    return parsed


def _whole_second(value: datetime) -> datetime:
    micro = value.microsecond
    value = value.replace(microsecond=0)
    return value + timedelta(seconds=math.ceil(micro / 1e6)) if micro else value


def install(app: FastAPI, ledger: Ledger) -> None:
    """Add the analytics route to `app`."""

    @app.get("/v1/analytics/points", tags=TAGS)
    def points_analytics(
        date_from: Annotated[str, Query(alias="from")],
        date_to: Annotated[str, Query(alias="to")],
        interval: Literal["day", "week", "month"] = "day",
        store_id: Annotated[
            str | None, Query(min_length=1, max_length=64, pattern=STORE_ID_PATTERN)
        ] = None,
        tz: Annotated[str, Query(min_length=1, max_length=64)] = "UTC",
    ) -> dict[str, Any]:
        start = _instant(date_from, "from")
        end = _instant(date_to, "to")
        if end <= start:
            raise LedgerError(400, "invalid_request", "to: must be after from.", "to")
        if end - start > MAX_RANGE:
            raise LedgerError(
                400, "invalid_request", "to: at most 366 days (366×24 h) after from.", "to"
            )
        zone = zone_of(tz)
        start, end = _whole_second(start), _whole_second(end)
        if end <= start:  # both within one second: that second
            end = start + timedelta(seconds=1)
        with ledger.transaction():
            report = ledger.analytics.report(
                start.astimezone(UTC), end.astimezone(UTC), interval, zone, store_id
            )
            return wire.points_analytics(report)
