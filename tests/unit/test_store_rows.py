"""Rows decoded by position (issue 14): a lookup's customers are built from a fixed
column list straight into their slots, not by name through `fields()` and the generated
`__init__`. The column list must follow the dataclass, field for field."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pos_app.domain.models import CustomerInfo, ExpiringLot
from pos_app.store import cache, open_database
from pos_app.store.rows import maker

T0 = datetime(2026, 1, 5, 9, 30, 0, 123456, tzinfo=UTC)


def test_the_customer_columns_are_the_fields_in_their_order() -> None:
    columns = [c.strip() for c in cache._COLUMNS.split(",")]
    assert columns == [f.name for f in fields(CustomerInfo)]


def test_a_made_value_is_the_dataclass_value() -> None:
    values = ("c", "n", "e", "p", "k", 1, 2, "t", "tn", (), T0, T0 + timedelta(seconds=1))
    made = maker(CustomerInfo)(*values)
    assert type(made) is CustomerInfo
    assert made == CustomerInfo(*values)
    assert hash(made) == hash(CustomerInfo(*values))
    assert repr(made) == repr(CustomerInfo(*values))
    with pytest.raises(ValueError):  # one value short
        maker(CustomerInfo)(*values[:-1])


def test_only_a_dataclass_that_just_keeps_its_fields_is_made() -> None:
    @dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclass(frozen=True, slots=True)
    class Checks:
        a: int

        def __post_init__(self) -> None:
            assert self.a > 0

    for cls in (NoSlots, Checks):
        with pytest.raises(TypeError):
            maker(cls)


def test_every_field_reads_back_from_its_own_column(tmp_path: Path) -> None:
    """Distinct values in every field: a column out of place shows."""
    lots = (ExpiringLot(40, T0 + timedelta(days=30)), ExpiringLot(2, T0 + timedelta(days=60)))
    ada = CustomerInfo(
        "cus_ada", "Ada Obi", "ada@example.com", "+2348012345678", "LP77", 120, 900,
        "tier_gold", "Gold", lots, T0, T0 + timedelta(minutes=5),
    )  # fmt: skip
    bare = CustomerInfo(
        "cus_b", "Bola", None, None, None, 0, 0, None, None, (), T0 + timedelta(hours=1), T0
    )
    with closing(open_database(tmp_path)) as db:
        with db.transaction() as conn:
            cache.upsert_customer(conn, ada)
            cache.upsert_customer(conn, bare)
        for query in ("cus_ada", "LP77", "ada@example.com", "08012345678", "ada", "obi"):
            assert cache.find_customers(db.conn, query) == [ada], query
        assert cache.get_customer(db.conn, "cus_b") == bare
        assert cache.recent_customers(db.conn) == [bare, ada]  # newest change first


def test_a_lookup_sorts_nothing_in_sqlite(tmp_path: Path) -> None:
    """Each part of the one statement comes from its index in order; the few rows are
    put in place in Python. No temporary B-tree per keystroke (three before issue 14)."""
    with closing(open_database(tmp_path)) as db:
        for phones in (0, 1, 2):
            for words in (False, True):
                sql = cache._lookup_sql(phones, words)
                count = sql.count("?")
                plan = [
                    row[3] for row in db.conn.execute("EXPLAIN QUERY PLAN " + sql, ["x"] * count)
                ]
                assert not [p for p in plan if "TEMP B-TREE" in p], (phones, words, plan)
