"""Exact-key lookups (phone, card, email) in one statement (issue 14), with the very
results the search of one statement per key gave: checked against that search, kept here
as the reference, on customers whose keys and names collide on purpose."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.models import CustomerInfo
from pos_app.store import cache, open_database
from pos_app.store.cache import fold, phone_key

T0 = datetime(2024, 6, 1, tzinfo=UTC)
MAX = "\U0010ffff"


def person(cid: str, name: str, **keys: str) -> CustomerInfo:
    return CustomerInfo(
        id=cid,
        name=name,
        email=keys.get("email"),
        phone=keys.get("phone"),
        card_number=keys.get("card"),
        points_balance=0,
        lifetime_points=0,
        tier_id=None,
        tier_name=None,
        points_expiring=(),
        updated_at=T0,
        cached_at=T0,
    )


PEOPLE = [
    person("cus_ada", "Ada Obi", email="ada@example.com", phone="+2348012345678", card="LP1"),
    person("obi", "Zed Card", card="OBI"),  # an id that is also a name prefix
    person("cus_card", "Zainab Yusuf", card="obi", phone="+2348012345678"),  # same phone
    person("cus_mail", "Lp1 Reader", email="lp1"),  # an email equal to another's card
    person("cus_num", "08012345678 Shop"),  # a name that starts with a phone number
    person("cus_a", "Obi Aardvark"),
    person("cus_b", "Obinna Zed"),
    person("cus_c", "Ngozi Obi-Lp1"),
]
QUERIES = [
    "obi", "OBI", "lp1", "LP1", "ada@example.com", "ADA@EXAMPLE.COM", "08012345678",
    "+234 801 234 5678", "0801 234 5678", "cus_ada", "Ada O", "ob", "zed", "nobody", "lp",
]  # fmt: skip


def reference(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[str]:
    """The search as it was before issue 14: one statement per key, then the names."""
    text = query.strip()
    if not text:
        return []
    folded = fold(text) or ""
    found: dict[str, None] = {}

    def take(sql: str, *args: object) -> None:
        for row in conn.execute(sql, args):
            if len(found) < limit:
                found.setdefault(row["id"])

    take("SELECT * FROM customers WHERE id = ?", text)
    take("SELECT * FROM customers WHERE card_fold = ?", folded)
    take("SELECT * FROM customers WHERE email_fold = ?", folded)
    digits = phone_key(text)
    if digits and len(digits) >= 7 and re.fullmatch(r"[+\d\s\-()]+", text):
        take("SELECT * FROM customers WHERE phone_digits = ?", digits)
    if len(found) < limit:
        take(
            "SELECT * FROM customers WHERE name_fold >= ? AND name_fold < ? "
            "ORDER BY name_fold LIMIT ?",
            folded,
            folded + MAX,
            limit,
        )
    if len(found) < limit and " " not in folded:
        take(
            "SELECT c.* FROM customer_words w JOIN customers c ON c.id = w.customer_id "
            "WHERE w.word >= ? AND w.word < ? ORDER BY w.word, w.customer_id LIMIT ?",
            folded,
            folded + MAX,
            limit,
        )
    return list(found)


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    with closing(open_database(tmp_path_factory.mktemp("lookup"))) as db:
        with db.transaction() as c:
            for p in PEOPLE:
                cache.upsert_customer(c, p)
        yield db.conn


def statements(conn: sqlite3.Connection, query: str) -> list[str]:
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        cache.find_customers(conn, query)
    finally:
        conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith("SELECT")]


@pytest.mark.parametrize("limit", [1, 2, 3, 20])
@pytest.mark.parametrize("query", QUERIES)
def test_the_results_are_those_of_one_statement_per_key(
    conn: sqlite3.Connection, query: str, limit: int
) -> None:
    found = [c.id for c in cache.find_customers(conn, query, limit)]
    assert found == reference(conn, query, limit)


def test_exact_hits_come_first_in_the_order_of_their_keys(conn: sqlite3.Connection) -> None:
    # id, then card, then names; one phone shared by two customers: both, as cached.
    assert [c.id for c in cache.find_customers(conn, "obi")][:2] == ["obi", "cus_card"]
    assert [c.id for c in cache.find_customers(conn, "08012345678")][:2] == [
        "cus_ada",
        "cus_card",
    ]


@given(st.text(alphabet="obiadLP1@.+0 z-", max_size=8), st.integers(1, 6))
def test_any_query_gives_the_reference_results(
    conn: sqlite3.Connection, query: str, limit: int
) -> None:
    assert [c.id for c in cache.find_customers(conn, query, limit)] == reference(conn, query, limit)


@pytest.mark.parametrize("query", ["0801 234 5678", "LP1", "ADA@EXAMPLE.COM", "Ada O", "ob"])
def test_every_lookup_is_one_statement(conn: sqlite3.Connection, query: str) -> None:
    assert len(statements(conn, query)) == 1
