"""Timestamps in the local store: UTC, microseconds, fixed width, so text order is time order."""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(dt: datetime) -> str:
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    # Not strftime: its %Y does not pad a year below 1000, which RFC 3339 requires.
    return dt.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def from_db(text: str) -> datetime:
    if text[-1:] == "Z":  # as `to_db` writes it: already UTC (Python 3.11 reads the Z)
        return datetime.fromisoformat(text)
    return datetime.fromisoformat(text).astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)
