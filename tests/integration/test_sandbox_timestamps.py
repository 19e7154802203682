"""The sandbox writes every timestamp as RFC 3339 UTC, four-digit year included."""

from __future__ import annotations

from datetime import UTC, datetime

from pos_app.sandbox.clock import format_ts, parse_ts


def test_a_year_below_1000_is_written_with_four_digits() -> None:
    # Found by schemathesis on /v1/analytics/points: strftime wrote "466-04-06T13:56:57Z".
    moment = datetime(466, 4, 6, 13, 56, 57, tzinfo=UTC)
    assert format_ts(moment) == "0466-04-06T13:56:57Z"
    assert parse_ts(format_ts(moment)) == moment


def test_a_usual_time_is_unchanged() -> None:
    assert format_ts(datetime(2025, 12, 31, 23, 59, 59, 999, tzinfo=UTC)) == "2025-12-31T23:59:59Z"
