"""Typed operations (issue 10, item 1): one frozen dataclass per kind, stored by the
outbox; a database written before schema 5 keeps every queued row, carried over to the
typed form, and is copied before the migration runs."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pos_app.domain.models import OperationKind, OutboxState
from pos_app.domain.operations import (
    KINDS,
    Adjust,
    Award,
    Operation,
    Redeem,
    Return,
    Use,
    Void,
    decode,
)
from pos_app.store import Database, outbox
from pos_app.store.db import backup_path
from pos_app.store.migrations import MIGRATIONS

# Made by pos-app as of commit 65de2d9 (schema 4, before typed operations): ten outbox
# rows, a pending one of every kind, two abandoned redemptions (one from a version that
# did not write `abandoned_at`), a conflict and a finished award.
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "outbox_schema4.db"
NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

EXPECTED: dict[int, Operation] = {
    1: Redeem(
        "cus_ada",
        "rew_coffee",
        500,
        "RDM-AAAA-1111",
        NOON,
        {"operator": "Ada", "audit_head": "3:abc"},
    ),
    2: Award(
        "cus_ada",
        120,
        "Purchase",
        True,
        {"order": "A-17", "approved_by": "Mo", "operator": "Ada"},
        datetime(2027, 1, 31, tzinfo=UTC),
    ),
    3: Award("cus_bo", 10),
    4: Adjust(
        "cus_bo", -40, "Double scan", {"approved_by": "Mo", "operator": "Bo", "audit_head": "4:def"}
    ),
    5: Use("RDM-BBBB-2222"),
    6: Void("RDM-CCCC-3333", "Wrong reward"),
    7: Redeem("cus_dee", "rew_tea", 300, "RDM-DDDD-4444", NOON, {"operator": "Dee"}),
    8: Redeem("cus_eve", "rew_tea", 300, "RDM-EEEE-5555", NOON, {"operator": "Eve"}),
    9: Redeem("cus_fay", "rew_tea", 300, "RDM-FFFF-6666", NOON, {"operator": "Fay"}),
    10: Award("cus_fay", 5),
}

# v1.1 (issue 11): a sale's award, a return, the store on every points operation.
V11: list[Operation] = [
    Award("cus_ada", 100, "Purchase A-18", order_id="A-18", amount=10_000, currency="NGN"),
    Award("cus_ada", 100, None, store_id="lagos-1", order_id="A-19", amount=5, currency="NGN"),
    Return("cus_ada", "A-18", 2_500, "Return", {"operator": "Ada"}, "lagos-1"),
    Return("cus_ada", "A-18", 1),
    Redeem("cus_ada", "rew_tea", 300, "RDM-GGGG-7777", NOON, {}, "lagos-1"),
    Adjust("cus_ada", 5, "Goodwill", {}, "lagos-1"),
]

ROW = (
    "SELECT id, kind, customer_id, idempotency_key, state, handed_out, maybe_delivered, "
    "attempts, operator, redemption_code, created_at, finished_at FROM outbox ORDER BY id"
)


@pytest.mark.parametrize("operation", [*EXPECTED.values(), *V11], ids=str)
def test_an_operation_reads_back_what_it_stores(operation: Operation) -> None:
    assert decode(operation.kind, operation.payload()) == operation
    assert type(operation) is KINDS[operation.kind]


def test_each_kind_names_the_fields_its_request_carries() -> None:
    assert Use("RDM-1").carried() == {"code", "id_or_code"}
    assert Void("RDM-1").carried() == {"code", "id_or_code"}
    assert Award("cus_1", 5).carried() == {"customer_id", "points", "type"}
    # A sale travels in the metadata: a 400 naming metadata.order_id is about the award.
    assert Award("cus_1", 5, order_id="A-1", amount=500, currency="NGN").carried() == {
        "customer_id",
        "points",
        "type",
        "metadata",
    }
    assert Award("cus_1", 5, store_id="s1").carried() == {
        "customer_id",
        "points",
        "type",
        "store_id",
    }
    assert Return("cus_1", "A-1", 5).carried() == {"customer_id", "order_id", "returned_amount"}
    assert "terminal_id" in EXPECTED[1].carried()


def test_metadata_is_added_to_not_replaced() -> None:
    stamped = EXPECTED[4].with_metadata({"audit_head": "9:fff"})
    assert isinstance(stamped, Adjust)
    assert stamped.metadata == {"approved_by": "Mo", "operator": "Bo", "audit_head": "9:fff"}
    assert Use("RDM-1").with_metadata({"audit_head": "9:fff"}) == Use("RDM-1")


def test_a_schema_4_outbox_is_carried_over_whole(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    shutil.copy(FIXTURE, path)
    with sqlite3.connect(path) as old:
        before = old.execute(ROW).fetchall()
    assert len(before) == len(EXPECTED)

    db = Database(path)
    try:
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert [tuple(r) for r in db.conn.execute(ROW)] == before  # nothing lost or changed
        entries = {e.id: e for e in (outbox.get(db.conn, i) for i in EXPECTED) if e}
        assert {i: e.operation for i, e in entries.items()} == EXPECTED
        for entry in entries.values():
            assert entry.payload == entry.operation.payload()  # exactly the operation
        assert [i for i, e in entries.items() if e.abandoned] == [7, 8]
        assert entries[7].abandoned_at == NOON
        assert entries[8].abandoned_at is None  # counted from its next look-up
        assert entries[9].state is OutboxState.CONFLICT
        # Abandoned redemptions wait in no customer's lane; the others are still due.
        assert [e.id for e in outbox.due(db.conn, None)] == [1, 3, 5, 7, 8]
        assert outbox.counts(db.conn)["pending"] == 8
    finally:
        db.close()


def test_the_database_is_copied_before_a_migration_and_only_then(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    shutil.copy(FIXTURE, path)
    Database(path).close()
    copy = backup_path(path, 4)
    assert copy.exists()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600  # as private as the database
    with sqlite3.connect(copy) as backup, sqlite3.connect(FIXTURE) as fixture:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 4
        assert backup.execute(ROW).fetchall() == fixture.execute(ROW).fetchall()
    copy.unlink()
    Database(path).close()  # up to date: nothing to migrate, nothing copied
    assert not copy.exists()
    fresh = tmp_path / "new.db"
    Database(fresh).close()  # a new database has nothing to keep
    assert list(tmp_path.glob("new.db.*.bak")) == []


def test_the_outbox_stores_typed_operations(tmp_path: Path) -> None:
    db = Database(tmp_path / "terminal.db")
    try:
        with db.transaction() as conn:
            everything = [*EXPECTED.values(), *V11]
            ids = [outbox.add(conn, op, customer_id="cus_x", now=NOON) for op in everything]
        for entry_id, op in zip(ids, everything, strict=True):
            entry = outbox.get(db.conn, entry_id)
            assert entry is not None
            assert entry.operation == op
            assert entry.kind is op.kind
            assert entry.redemption_code == op.redemption_code
        assert {e.kind for e in outbox.pending(db.conn)} == set(OperationKind)
    finally:
        db.close()
