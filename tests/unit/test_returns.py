"""Returns (issue 11 #3): the pro-rata formula of API.md v1.1 (domain/returns.py), and
the local order index and returns (store/orders.py, schema 6) on a database made before
them (tests/fixtures/outbox_schema4.db)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.models import OutboxState
from pos_app.domain.operations import Award, Return
from pos_app.domain.returns import ReturnTooLarge, points_to_take_back
from pos_app.store import Database, orders, outbox
from pos_app.store.migrations import MIGRATIONS

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "outbox_schema4.db"
NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_the_formula_of_the_contract() -> None:
    # 100 points for 10,000: a return of 5,000 takes back 50.
    assert points_to_take_back(100, 10_000, 0, 5_000, 0) == 50
    # Rounding favours the customer: 1/3 of 100 is 33.
    assert points_to_take_back(100, 3, 0, 1, 0) == 33
    assert points_to_take_back(100, 3, 1, 1, 33) == 33
    assert points_to_take_back(100, 3, 2, 1, 66) == 34
    # A shortfall counts as taken back: never recovered later.
    assert points_to_take_back(100, 10_000, 5_000, 5_000, 50) == 50
    assert points_to_take_back(0, 10_000, 0, 5_000, 0) == 0
    with pytest.raises(ReturnTooLarge, match="at most 5,000 can be returned, not 5,001"):
        points_to_take_back(100, 10_000, 5_000, 5_001, 50)


@settings(max_examples=300, derandomize=True)
@given(
    earned=st.integers(0, 100_000),
    amount=st.integers(1, 10**9),
    cuts=st.lists(st.integers(1, 10**9), min_size=1, max_size=8),
)
def test_split_returns_add_up_to_one_whole_return(
    earned: int, amount: int, cuts: list[int]
) -> None:
    parts: list[int] = []
    left = amount
    for cut in cuts:
        if left == 0:
            break
        part = 1 + cut % left
        parts.append(part)
        left -= part
    returned = taken = 0
    for part in parts:
        got = points_to_take_back(earned, amount, returned, part, taken)
        assert got >= 0
        returned += part
        taken += got
        assert taken <= earned
    assert taken == points_to_take_back(earned, amount, 0, returned, 0)
    if returned == amount:
        assert taken == earned


def test_the_order_index_on_a_schema_4_database(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    shutil.copy(FIXTURE, path)
    db = Database(path)
    try:
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert orders.find_order(db.conn, "A-17") is None  # an old award carries no sale
        assert orders.list_returns(db.conn) == []
        with db.transaction() as conn:
            sale = Award("cus_ada", 100, order_id="A-18", amount=10_000, currency="NGN")
            award_id = outbox.add(conn, sale, customer_id="cus_ada", now=NOON)
            orders.add_order(
                conn,
                order_id="A-18",
                customer_id="cus_ada",
                amount=10_000,
                currency="NGN",
                points=100,
                outbox_id=award_id,
                store_id=None,
                operator="Ada",
                now=NOON,
            )
            back_id = outbox.add(
                conn, Return("cus_ada", "A-18", 5_000), customer_id="cus_ada", now=NOON
            )
            orders.add_return(
                conn,
                order_id="A-18",
                customer_id="cus_ada",
                returned_amount=5_000,
                points_expected=50,
                outbox_id=back_id,
                operator="Ada",
                now=NOON,
            )
        found = orders.find_order(db.conn, "A-18")
        assert found is not None and found.points == 100 and not found.awarded_elsewhere
        [queued] = orders.returns_of(db.conn, "A-18")
        assert (queued.taken_back, queued.state) == (50, "pending")
        with db.transaction() as conn:
            orders.settle_return(
                conn,
                back_id,
                return_id="ret_1",
                points_reversed=30,
                points_shortfall=20,
                balance_after=0,
            )
            outbox.finish(conn, back_id, OutboxState.DONE, now=NOON)
            outbox.finish(
                conn,
                award_id,
                OutboxState.REFUSED,
                now=NOON,
                error_code="invalid_request",
                error="no",
            )
        assert orders.find_order(db.conn, "A-18") is None  # a refused award never earned
        [short] = orders.list_returns(db.conn, shortfalls_only=True)
        assert (short.points_shortfall, short.taken_back, short.state) == (20, 50, "done")
    finally:
        db.close()
