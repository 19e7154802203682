"""The sandbox's time: an adjustable test clock, and the contract's timestamp format."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def format_ts(dt: datetime) -> str:
    """RFC 3339 UTC to the second. Not strftime: its %Y does not pad a year below 1000."""
    return dt.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def parse_ts(text: str) -> datetime:
    """RFC 3339 with a time zone; raises ValueError otherwise."""
    if not _RFC3339.fullmatch(text):
        raise ValueError(
            "must be an RFC 3339 timestamp with a time zone, e.g. 2025-12-31T23:59:59Z"
        )
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


class Clock:
    """Wall clock with an adjustable offset (the sandbox's test clock), whole seconds."""

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self._frozen: datetime | None = None

    def now(self) -> datetime:
        base = self._frozen or datetime.now(UTC)
        return (base + self._offset).replace(microsecond=0)

    def advance(self, seconds: float) -> None:
        self._offset += timedelta(seconds=seconds)

    def set(self, when: datetime) -> None:
        self._offset = when - datetime.now(UTC)

    def freeze(self, when: datetime | None) -> None:
        self._frozen = when
        self._offset = timedelta(0)
