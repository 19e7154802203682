"""The doctor's pure checks (services/doctor.py) and the log line's shape (pos_app/logs.py),
without a backend: the key's kind against where it is sent, the clock thresholds, and the
ids a line carries from its context."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from pos_app import logs
from pos_app.services.doctor import _clock, _key_kind


@pytest.mark.parametrize(
    ("url", "key", "ok", "words"),
    [
        ("https://loyalty.example", "sk_test_abc", None, "test key (sk_test_)"),
        ("https://loyalty.example", "sk_live_abc", True, "a live key"),
        ("http://127.0.0.1:8765", "sk_live_abc", None, "live key (sk_live_)"),
        ("http://localhost:8765", "sk_test_abc", True, "a test key"),
        ("http://[::1]:8765", "sk_live_abc", None, "live key"),
        ("https://loyalty.example", "abc123", None, "neither a live"),
    ],
)
def test_the_keys_kind_against_where_it_goes(
    url: str, key: str, ok: bool | None, words: str
) -> None:
    check = _key_kind(url, key)
    assert check is not None and check.ok is ok and words in check.detail, check
    assert key not in check.detail + check.fix


@pytest.mark.parametrize(
    ("off_by", "ok"),
    [
        (timedelta(seconds=90), True),
        (timedelta(minutes=-3), None),
        (timedelta(minutes=9), None),
        (timedelta(minutes=11), False),
        (timedelta(hours=-2), False),
    ],
)
def test_clock_skew_thresholds(off_by: timedelta, ok: bool | None) -> None:
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    check = _clock(format_datetime(now - off_by, usegmt=True), now)
    assert check.ok is ok, check
    assert ("ahead of" if off_by > timedelta(0) else "behind") in check.detail


def test_a_garbled_or_missing_date_is_a_warning() -> None:
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    assert _clock(None, now).ok is None
    assert _clock("yesterday-ish", now).ok is None


def test_a_line_carries_time_level_terminal_operator_operation_and_no_key() -> None:
    record = logging.LogRecord(
        "pos_app.x", logging.INFO, __file__, 1, "sent %s", ("sk_live_123",), None
    )
    handler_filter = logs.ContextFilter()
    logs.set_terminal("till-1")
    try:
        with logs.context(operator="Bola", operation="k-1"):
            handler_filter.filter(record)
        line = logs.LineFormatter().format(record)
        outside = logging.LogRecord("pos_app.x", logging.INFO, __file__, 1, "idle", (), None)
        handler_filter.filter(outside)
        plain = logs.LineFormatter().format(outside)
    finally:
        logs.set_terminal("-")
    stamp, rest = line.split(" ", 1)
    assert datetime.fromisoformat(stamp).tzinfo is not None
    assert rest == "INFO terminal=till-1 operator=Bola op=k-1 pos_app.x: sent sk_live_***"
    assert plain.split(" ", 1)[1] == "INFO terminal=till-1 operator=- op=- pos_app.x: idle"
