"""Timestamps written to the local store: RFC 3339, fixed width, whatever the year."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.timefmt import from_db, to_db


def test_a_year_below_1000_is_written_with_four_digits() -> None:
    # strftime's %Y wrote "466-04-06...", which is not RFC 3339 and sorts wrongly.
    assert to_db(datetime(466, 4, 6, 13, 56, 57, tzinfo=UTC)) == "0466-04-06T13:56:57.000000Z"


@given(st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31)))
def test_text_order_is_time_order_and_it_reads_back(moment: datetime) -> None:
    at = moment.replace(tzinfo=timezone(timedelta(hours=1)))
    text = to_db(at)
    assert len(text) == len("2025-12-31T23:59:59.000000Z")
    assert from_db(text) == at
