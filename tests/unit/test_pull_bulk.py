"""The pull's bulk writing (store/pulled.py) and its reading ahead (sync/prefetch.py),
issue 14: the same cache as one `upsert_customer` per customer in turn, in a few
statements per batch; pages handed over in order, an error after the pages before it."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.api import NetworkError
from pos_app.api import models as api
from pos_app.domain.models import CustomerInfo
from pos_app.store import cache, open_database, pulled
from pos_app.sync.prefetch import Prefetch

T0 = datetime(2024, 6, 1, tzinfo=UTC)
NAMES = ["Ada Obi", "Ada Obi-Eze", "Kofi O'Neil", "Zoë Smith Jones", "Ama"]


def person(cid: str, name: str, minutes: int, balance: int) -> CustomerInfo:
    return CustomerInfo(
        id=cid,
        name=name,
        email=f"{cid}@example.com",
        phone=None,
        card_number=None,
        points_balance=balance,
        lifetime_points=balance,
        tier_id=None,
        tier_name=None,
        points_expiring=(),
        updated_at=T0 + timedelta(minutes=minutes),
        cached_at=T0,
    )


def snapshot(conn: sqlite3.Connection) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    customers = [tuple(r) for r in conn.execute("SELECT rowid, * FROM customers ORDER BY rowid")]
    words = [tuple(r) for r in conn.execute("SELECT * FROM customer_words ORDER BY 1, 2")]
    return customers, words


@pytest.fixture
def two_caches(tmp_path: Path) -> Iterator[tuple[sqlite3.Connection, sqlite3.Connection]]:
    with closing(open_database(tmp_path / "a")) as a, closing(open_database(tmp_path / "b")) as b:
        yield a.conn, b.conn


customers = st.lists(
    st.builds(
        person,
        st.sampled_from(["cus_1", "cus_2", "cus_3"]),
        st.sampled_from(NAMES),
        st.integers(0, 3),
        st.integers(0, 99),
    ),
    max_size=8,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(held=customers, page=customers)
def test_bulk_upsert_is_one_upsert_per_customer_in_turn(
    two_caches: tuple[sqlite3.Connection, sqlite3.Connection],
    held: list[CustomerInfo],
    page: list[CustomerInfo],
) -> None:
    """Duplicates in a page, copies older and newer than the cache's, ties: the same rows
    (rowids included: the lookups list ties in the order cached) and the same words."""
    one, bulk = two_caches
    for conn in (one, bulk):
        conn.execute("DELETE FROM customers")
        conn.execute("DELETE FROM customer_words")
        for c in held:
            cache.upsert_customer(conn, c)
    for c in page:
        cache.upsert_customer(one, c)
    pulled.upsert_customers(bulk, page)
    assert snapshot(bulk) == snapshot(one)


def test_bulk_upsert_into_an_empty_cache_reads_once_and_deletes_nothing(tmp_path: Path) -> None:
    """Not three statements per customer: one look at what the cache held for the whole
    page, and no deleting of the words of customers it did not hold."""
    with closing(open_database(tmp_path)) as db:
        statements: list[str] = []
        db.conn.set_trace_callback(statements.append)
        page = [person(f"cus_{i}", NAMES[i % len(NAMES)], i, i) for i in range(100)]
        with db.transaction() as conn:
            assert pulled.upsert_customers(conn, page) == 100
        db.conn.set_trace_callback(None)
        assert [s for s in statements if s.startswith("DELETE")] == []
        assert len([s for s in statements if s.startswith("SELECT")]) == 1
        assert cache.count_customers(db.conn) == 100


def _page(items: list[int], more: bool, cursor: str | None) -> api.Page[int]:
    return api.Page(data=tuple(items), has_more=more, next_cursor=cursor)


def test_prefetch_hands_every_page_over_in_order() -> None:
    asked: list[str | None] = []

    def fetch(cursor: str | None) -> api.Page[int]:
        asked.append(cursor)
        n = 0 if cursor is None else int(cursor)
        return _page([n, n + 1], n < 20, str(n + 2) if n < 20 else None)

    got: list[int] = []
    with Prefetch(fetch) as pages:
        while True:
            batch, ended = pages.take(5)
            assert batch and sum(len(p.data) for p in batch) <= 6
            got += [i for p in batch for i in p.data]
            if ended:
                break
    assert got == list(range(22))
    assert asked == [None] + [str(n) for n in range(2, 21, 2)]


def test_prefetch_raises_an_error_after_the_pages_before_it() -> None:
    lost = NetworkError()

    def fetch(cursor: str | None) -> api.Page[int]:
        if cursor == "2":
            raise lost
        return _page([1 if cursor else 0], True, "2" if cursor else "1")

    with Prefetch(fetch) as pages:
        got: list[int] = []
        with pytest.raises(NetworkError) as raised:
            while True:
                batch, ended = pages.take(100)
                got += [i for p in batch for i in p.data]
                assert not ended
    assert raised.value is lost
    assert got == [0, 1]


def test_leaving_a_prefetch_early_stops_its_thread() -> None:
    """A pull that fails while writing (a full disk) leaves no reader behind, even one
    blocked on a full queue of pages nobody takes."""
    endless = threading.Event()

    def fetch(cursor: str | None) -> api.Page[int]:
        endless.set()
        return _page([0], True, "next")

    prefetch = Prefetch(fetch)
    with prefetch as pages:
        pages.take(1)
    assert endless.is_set()
    assert not prefetch._thread.is_alive()
