"""The local SQLite store: opening and migrations, transactions, the hash-chained audit log,
the customer cache and its lookups, and the outbox."""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import stat
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.domain.models import (
    CustomerInfo,
    ExpiringLot,
    OperationKind,
    OutboxEntry,
    OutboxState,
)
from pos_app.domain.operations import Adjust, Award, Operation, Redeem, Use, Void
from pos_app.store import Database, StoreError, audit, cache, open_database, outbox
from pos_app.store import db as store_db
from pos_app.store.migrations import MIGRATIONS

T0 = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    with closing(open_database(tmp_path)) as db:
        yield db


def make_customer(
    customer_id: str,
    name: str,
    *,
    email: str | None = None,
    phone: str | None = None,
    card: str | None = None,
    balance: int = 0,
    updated_at: datetime = T0,
    lots: tuple[ExpiringLot, ...] = (),
) -> CustomerInfo:
    return CustomerInfo(
        id=customer_id,
        name=name,
        email=email,
        phone=phone,
        card_number=card,
        points_balance=balance,
        lifetime_points=balance,
        tier_id=None,
        tier_name=None,
        points_expiring=lots,
        updated_at=updated_at,
        cached_at=updated_at,
    )


def ids(found: list[CustomerInfo]) -> list[str]:
    return [c.id for c in found]


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- opening, pragmas, migrations ------------------------------------------------------------


def test_creates_terminal_db_readable_by_owner_only(tmp_path: Path) -> None:
    # A permissive umask must not leak into the file's mode.
    old_umask = os.umask(0)
    try:
        db = open_database(tmp_path / "data")
    finally:
        os.umask(old_umask)
    try:
        with db.transaction() as conn:  # a write, so the WAL and shared-memory files exist
            conn.execute("INSERT INTO settings VALUES ('k', 'v')")
        path = tmp_path / "data" / "terminal.db"
        assert db.path == path
        assert mode_of(path) == 0o600
        for sidecar in (path.with_name("terminal.db-wal"), path.with_name("terminal.db-shm")):
            assert sidecar.exists()
            assert mode_of(sidecar) == 0o600, sidecar.name
    finally:
        db.close()


def test_connection_pragmas(database: Database) -> None:
    conn = database.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_synchronous_full_is_set_not_inherited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Debian's SQLite defaults to FULL anyway; a build defaulting to NORMAL must not win."""
    real_connect = sqlite3.connect

    def connect_defaulting_to_normal(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect_defaulting_to_normal)
    db = open_database(tmp_path)
    try:
        assert db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    finally:
        db.close()


def test_pragmas_hold_on_every_connection(tmp_path: Path) -> None:
    """synchronous is per connection: a reopened database must set it again."""
    open_database(tmp_path).close()
    again = open_database(tmp_path)
    try:
        assert again.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert again.conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    finally:
        again.close()


def test_schema_version_is_the_number_of_migrations(database: Database) -> None:
    assert len(MIGRATIONS) >= 1
    assert database.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    tables = {
        row[0]
        for row in database.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    assert {"customers", "customer_words", "outbox", "audit", "redemptions"} <= tables
    assert database.integrity_check() == "ok"


def test_reopening_keeps_data_and_does_not_rerun_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_database(tmp_path)
    with first.transaction() as conn:
        cache.upsert_customer(conn, make_customer("cus_1", "Ada Obi", balance=40))
    first.close()

    # A second migration that counts how often it runs; migration 1 must not run again
    # either (its CREATE TABLE would fail).
    counting = (
        "INSERT INTO settings (key, value) VALUES ('migration-2-runs', 1) "
        "ON CONFLICT(key) DO UPDATE SET value = value + 1;"
    )
    monkeypatch.setattr(store_db, "MIGRATIONS", (*MIGRATIONS, counting))
    for _ in range(3):
        db = open_database(tmp_path)
        db.close()

    db = open_database(tmp_path)
    try:
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1
        runs = db.conn.execute(
            "SELECT value FROM settings WHERE key = 'migration-2-runs'"
        ).fetchone()[0]
        assert int(runs) == 1
        stored = cache.get_customer(db.conn, "cus_1")
        assert stored is not None
        assert stored.points_balance == 40
    finally:
        db.close()


def test_a_failing_migration_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(tmp_path).close()
    broken = "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);"
    monkeypatch.setattr(store_db, "MIGRATIONS", (*MIGRATIONS, broken))
    with pytest.raises(StoreError):
        open_database(tmp_path)

    raw = sqlite3.connect(tmp_path / "terminal.db")
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert (
            raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
        )
    finally:
        raw.close()


def test_a_newer_database_is_refused_with_upgrade_advice(tmp_path: Path) -> None:
    open_database(tmp_path).close()
    newer = len(MIGRATIONS) + 3
    raw = sqlite3.connect(tmp_path / "terminal.db")
    raw.execute(f"PRAGMA user_version = {newer}")
    raw.close()

    with pytest.raises(StoreError, match="upgrade") as caught:
        open_database(tmp_path)
    assert str(newer) in str(caught.value)

    raw = sqlite3.connect(tmp_path / "terminal.db")
    try:  # refused, not "repaired": the newer program's data stays as it was
        assert raw.execute("PRAGMA user_version").fetchone()[0] == newer
    finally:
        raw.close()


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    content = b"this is not a database, it is a shopping list\n" * 100
    path.write_bytes(content)
    with pytest.raises(StoreError, match=r"terminal\.db"):
        open_database(tmp_path)
    assert path.read_bytes() == content


# --- transactions ----------------------------------------------------------------------------


def test_transaction_commits_on_success(database: Database) -> None:
    with database.transaction() as conn:
        cache.upsert_customer(conn, make_customer("cus_1", "Ada Obi"))
        audit.append(conn, now=T0, actor="cashier", action="test")
    assert not database.conn.in_transaction

    other = sqlite3.connect(database.path)  # another connection sees the committed rows
    try:
        assert other.execute("SELECT count(*) FROM customers").fetchone()[0] == 1
        assert other.execute("SELECT count(*) FROM audit").fetchone()[0] == 1
    finally:
        other.close()


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_transaction_rolls_back_everything_on_error(
    database: Database, error: BaseException
) -> None:
    with database.transaction() as conn:
        cache.upsert_customer(conn, make_customer("cus_0", "Kept Customer"))

    with pytest.raises(type(error)), database.transaction() as conn:
        cache.upsert_customer(conn, make_customer("cus_1", "Ada Obi"))
        outbox.add(conn, operation(OperationKind.REDEEM, "cus_1", 10), customer_id="cus_1", now=T0)
        audit.append(conn, now=T0, actor="cashier", action="redeem.created")
        raise error

    conn = database.conn
    assert not conn.in_transaction
    assert ids(cache.find_customers(conn, "ada")) == []
    assert conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 0
    assert (
        conn.execute("SELECT count(*) FROM customer_words WHERE customer_id = 'cus_1'").fetchone()[
            0
        ]
        == 0
    )
    # ... and the database is usable afterwards.
    with database.transaction() as conn:
        cache.upsert_customer(conn, make_customer("cus_2", "Bola Obiora"))
    assert ids(cache.find_customers(database.conn, "bola")) == ["cus_2"]


# --- audit log -------------------------------------------------------------------------------


def append_entries(db: Database, count: int) -> list[str]:
    hashes = []
    with db.transaction() as conn:
        for i in range(count):
            hashes.append(
                audit.append(
                    conn,
                    now=T0 + timedelta(minutes=i),
                    actor=f"cashier-{i}",
                    action="redeem.created",
                    subject=f"REDEEM-00000{i}",
                    details={"points": 100 * (i + 1), "note": f"entry {i}"},
                )
            )
    return hashes


def drop_triggers(conn: sqlite3.Connection) -> None:
    """A tamperer with raw access to the file removes the append-only guard first."""
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")


def test_audit_chain_of_untouched_entries_verifies(database: Database) -> None:
    assert audit.verify(database.conn) == []
    hashes = append_entries(database, 4)
    assert audit.verify(database.conn) == []

    rows = database.conn.execute("SELECT * FROM audit ORDER BY seq").fetchall()
    assert [r["seq"] for r in rows] == [1, 2, 3, 4]
    assert [r["hash"] for r in rows] == hashes
    assert rows[0]["prev_hash"] == audit.GENESIS
    for before, after in itertools.pairwise(rows):
        assert after["prev_hash"] == before["hash"]
    assert len(set(hashes)) == 4
    assert [r["seq"] for r in audit.entries(database.conn, limit=2)] == [4, 3]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit SET details = '{}' WHERE seq = 2",
        "UPDATE audit SET actor = 'someone else'",
        "DELETE FROM audit WHERE seq = 2",
        "DELETE FROM audit",
    ],
)
def test_audit_rows_cannot_be_changed_or_deleted(database: Database, statement: str) -> None:
    append_entries(database, 3)
    before = [tuple(r) for r in database.conn.execute("SELECT * FROM audit ORDER BY seq")]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        database.conn.execute(statement)
    after = [tuple(r) for r in database.conn.execute("SELECT * FROM audit ORDER BY seq")]
    assert after == before


@pytest.mark.parametrize(
    ("column", "value"),
    [("details", '{"note":"entry 1","points":1}'), ("actor", "manager"), ("action", "noop")],
)
def test_audit_verify_names_the_edited_entry(database: Database, column: str, value: str) -> None:
    append_entries(database, 4)
    drop_triggers(database.conn)
    database.conn.execute(f"UPDATE audit SET {column} = ? WHERE seq = 2", (value,))

    problems = audit.verify(database.conn)
    assert [p.seq for p in problems] == [2]
    assert "edited" in problems[0].problem


def test_audit_verify_names_the_entry_after_a_deleted_one(database: Database) -> None:
    append_entries(database, 5)
    drop_triggers(database.conn)
    database.conn.execute("DELETE FROM audit WHERE seq = 3")

    problems = audit.verify(database.conn)
    assert [p.seq for p in problems] == [4]
    assert "#2" in problems[0].problem
    assert "removed" in problems[0].problem


@pytest.mark.parametrize("removed", [1, 2])
def test_audit_verify_notices_the_newest_entries_removed(database: Database, removed: int) -> None:
    append_entries(database, 4)
    drop_triggers(database.conn)
    database.conn.execute("DELETE FROM audit WHERE seq > ?", (4 - removed,))

    problems = audit.verify(database.conn)
    # Two anchors disagree, each named: settings.audit_head and SQLite's own counter.
    assert [p.seq for p in problems] == [4 - removed] * 2
    assert "#4" in problems[0].problem
    assert "sqlite_sequence" in problems[1].problem and "#4" in problems[1].problem


def test_audit_verify_catches_an_edit_with_a_recomputed_hash(database: Database) -> None:
    """Recomputing the edited entry's own hash only moves the break to the next link."""
    append_entries(database, 4)
    drop_triggers(database.conn)
    row = database.conn.execute("SELECT * FROM audit WHERE seq = 2").fetchone()
    forged_details = '{"note":"entry 1","points":1}'
    forged_hash = audit._digest(
        row["prev_hash"], row["at"], row["actor"], row["action"], row["subject"], forged_details
    )
    database.conn.execute(
        "UPDATE audit SET details = ?, hash = ? WHERE seq = 2", (forged_details, forged_hash)
    )
    assert [p.seq for p in audit.verify(database.conn)] == [3]


def test_audit_redacts_secret_keys(database: Database) -> None:
    secrets = {
        "pin": "4711",
        "PIN": "4712",
        "api_key": "sk_test_abcdefSECRET",
        "ApiKey": "sk_test_ghijklSECRET",
        "password": "hunter2SECRET",
        "token": "tok_SECRETSECRET",
        "Authorization": "Bearer SECRETSECRET",
    }
    with database.transaction() as conn:
        audit.append(
            conn,
            now=T0,
            actor="manager",
            action="override",
            details={**secrets, "points": 500, "reason": "goodwill"},
        )
    row = database.conn.execute("SELECT * FROM audit").fetchone()
    details = json.loads(row["details"])
    assert details == {
        **dict.fromkeys(secrets, "[redacted]"),
        "points": 500,
        "reason": "goodwill",
    }
    stored = " ".join(str(value) for value in tuple(row))
    for value in secrets.values():
        assert value not in stored
    assert audit.verify(database.conn) == []


def test_audit_redacts_secrets_nested_in_details(database: Database) -> None:
    with database.transaction() as conn:
        audit.append(
            conn,
            now=T0,
            actor="manager",
            action="override",
            details={"override": {"by": "mgr-1", "pin": "98765"}},
        )
    row = database.conn.execute("SELECT details FROM audit").fetchone()
    assert "98765" not in row["details"]


# --- customer cache --------------------------------------------------------------------------

PEOPLE = [
    make_customer(
        "cus_ada",
        "Ada Obi",
        email="Ada.Obi@Example.com",
        phone="+2348012345678",
        card="LP0000123456",
        balance=500,
    ),
    make_customer("cus_adaeze", "Adaeze Okafor", email="adaeze@example.com"),
    make_customer("cus_bola", "Bola Obiora", phone="0803 111 2222"),
    make_customer("cus_zoe", "Zoë Ọláwálé"),
    make_customer("cus_underscore", "Ade_Bello"),
    make_customer("cus_adex", "Adex Bello"),
    make_customer("cus_juice", "100% Juice Bar"),
    make_customer("cus_hyphen", "Mary-Jane O'Neil"),
]


@pytest.fixture
def people(database: Database) -> sqlite3.Connection:
    with database.transaction() as conn:
        for person in PEOPLE:
            cache.upsert_customer(conn, person)
    return database.conn


def test_upsert_and_get_round_trip(database: Database) -> None:
    lots = (
        ExpiringLot(120, datetime(2024, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
        ExpiringLot(80, datetime(2025, 3, 1, tzinfo=UTC)),
    )
    original = make_customer(
        "cus_1", "Ada Obi", email="a@example.com", phone="08012345678", card="LP1", lots=lots
    )
    with database.transaction() as conn:
        cache.upsert_customer(conn, original)
    assert cache.get_customer(database.conn, "cus_1") == original
    assert cache.get_customer(database.conn, "cus_missing") is None
    assert cache.count_customers(database.conn) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cus_ada", "cus_ada"),
        ("  cus_bola  ", "cus_bola"),
        ("LP0000123456", "cus_ada"),
        ("lp0000123456", "cus_ada"),
        (" Lp0000123456 ", "cus_ada"),
        ("ada.obi@example.com", "cus_ada"),
        ("ADA.OBI@EXAMPLE.COM", "cus_ada"),
        ("+2348012345678", "cus_ada"),
        ("08012345678", "cus_ada"),
        ("0801 234 5678", "cus_ada"),
        ("0801-234-5678", "cus_ada"),
        ("(0801) 234 5678", "cus_ada"),
        ("+234 803 111 2222", "cus_bola"),
        ("08031112222", "cus_bola"),
    ],
)
def test_find_exact_identifiers(people: sqlite3.Connection, query: str, expected: str) -> None:
    assert ids(cache.find_customers(people, query)) == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ada", ["cus_ada", "cus_adaeze"]),
        ("Ada", ["cus_ada", "cus_adaeze"]),
        ("ADAE", ["cus_adaeze"]),
        ("Ada O", ["cus_ada"]),
        ("ada obi", ["cus_ada"]),
        ("ob", ["cus_ada", "cus_bola"]),  # surname word prefix, ordered by name
        ("obio", ["cus_bola"]),
        ("oka", ["cus_adaeze"]),
        ("jane", ["cus_hyphen"]),  # words split at hyphens
        ("neil", ["cus_hyphen"]),  # ... and at apostrophes
        ("zoë", ["cus_zoe"]),
        ("ZOË", ["cus_zoe"]),
        ("Zoë Ọ", ["cus_zoe"]),
        ("ọlá", ["cus_zoe"]),
        ("ỌLÁWÁLÉ", ["cus_zoe"]),
        ("nobody", []),
        ("zoe", []),  # no accent folding: ë is not e
    ],
)
def test_find_by_name(people: sqlite3.Connection, query: str, expected: list[str]) -> None:
    assert ids(cache.find_customers(people, query)) == expected


@pytest.mark.parametrize("query", ["o'neil", "O'Ne", "smith-jones", "Smith-J"])
def test_find_by_surname_with_apostrophe_or_hyphen(database: Database, query: str) -> None:
    with database.transaction() as conn:
        cache.upsert_customer(conn, make_customer("cus_1", "Mary-Jane O'Neil"))
        cache.upsert_customer(conn, make_customer("cus_2", "Ann Smith-Jones"))
    assert len(cache.find_customers(database.conn, query)) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ade_", ["cus_underscore"]),  # not a one-character wildcard: "Adex" does not match
        ("ade_bello", ["cus_underscore"]),
        ("_", []),
        ("%", []),
        ("a%", []),
        ("%obi", []),
        ("100%", ["cus_juice"]),
        ("100% j", ["cus_juice"]),
        ("ade%", []),
    ],
)
def test_percent_and_underscore_are_literal(
    people: sqlite3.Connection, query: str, expected: list[str]
) -> None:
    assert ids(cache.find_customers(people, query)) == expected


@pytest.mark.parametrize("query", ["", " ", "   ", "\t\n", "\u3000"])
def test_blank_query_finds_nothing(people: sqlite3.Connection, query: str) -> None:
    assert cache.find_customers(people, query) == []


def test_exact_matches_come_before_name_matches(database: Database) -> None:
    with database.transaction() as conn:
        cache.upsert_customer(conn, make_customer("cus_a", "Obi Aardvark"))
        cache.upsert_customer(conn, make_customer("cus_b", "Obinna Zed"))
        cache.upsert_customer(conn, make_customer("cus_card", "Zainab Yusuf", card="OBI"))
    assert ids(cache.find_customers(database.conn, "obi")) == ["cus_card", "cus_a", "cus_b"]


def test_find_honours_the_limit_and_never_repeats(database: Database) -> None:
    with database.transaction() as conn:
        for i in range(30):
            cache.upsert_customer(conn, make_customer(f"cus_{i:02d}", f"Obi Obiora {i:02d}"))
    found = cache.find_customers(database.conn, "obi", limit=7)
    assert len(found) == 7
    assert len(set(ids(found))) == 7
    # Both the name prefix and the word index match every row: still no duplicates.
    found = cache.find_customers(database.conn, "obi", limit=100)
    assert sorted(ids(found)) == [f"cus_{i:02d}" for i in range(30)]


def test_older_update_does_not_overwrite_newer_cache(database: Database) -> None:
    newer = make_customer("cus_1", "Ada Obi", balance=300, updated_at=T0)
    older = make_customer("cus_1", "Ada Obi", balance=900, updated_at=T0 - timedelta(seconds=1))
    with database.transaction() as conn:
        cache.upsert_customer(conn, newer)
        cache.upsert_customer(conn, older)
    assert cache.get_customer(database.conn, "cus_1") == newer

    newest = make_customer("cus_1", "Ada Obi", balance=250, updated_at=T0 + timedelta(hours=1))
    with database.transaction() as conn:
        cache.upsert_customer(conn, newest)
    assert cache.get_customer(database.conn, "cus_1") == newest


def test_older_update_does_not_touch_the_name_index(database: Database) -> None:
    renamed = make_customer("cus_1", "Ada Nwosu", updated_at=T0)
    stale = make_customer("cus_1", "Ada Obi", updated_at=T0 - timedelta(days=1))
    with database.transaction() as conn:
        cache.upsert_customer(conn, renamed)
        cache.upsert_customer(conn, stale)
    stored = cache.get_customer(database.conn, "cus_1")
    assert stored is not None
    assert stored.name == "Ada Nwosu"
    assert ids(cache.find_customers(database.conn, "nwosu")) == ["cus_1"]
    assert ids(cache.find_customers(database.conn, "obi")) == []


@pytest.mark.parametrize(("stored_form", "query_form"), [("NFC", "NFD"), ("NFD", "NFC")])
def test_find_ignores_unicode_normalisation_form(
    database: Database, stored_form: str, query_form: str
) -> None:
    name = unicodedata.normalize(stored_form, "Zoë Ọláwálé")  # type: ignore[arg-type]
    with database.transaction() as conn:
        cache.upsert_customer(conn, make_customer("cus_zoe", name))
    query = unicodedata.normalize(query_form, "zoë")  # type: ignore[arg-type]
    assert ids(cache.find_customers(database.conn, query)) == ["cus_zoe"]
    surname = unicodedata.normalize(query_form, "ọlá")  # type: ignore[arg-type]
    assert ids(cache.find_customers(database.conn, surname)) == ["cus_zoe"]


def traced(conn: sqlite3.Connection, action: Callable[[], object]) -> list[str]:
    """Every statement `action` runs on `conn`, with its bound values filled in."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        action()
    finally:
        conn.set_trace_callback(None)
    return [
        s for s in seen if s.split(None, 1)[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE")
    ]


def full_scans(conn: sqlite3.Connection, statements: list[str]) -> list[str]:
    """Scans of a table (a scan of a bounded subquery's few rows is no table scan)."""
    return [
        f"{row[3]}: {sql}"
        for sql in statements
        for row in conn.execute("EXPLAIN QUERY PLAN " + sql)
        if row[3].startswith("SCAN") and not row[3].startswith("SCAN (subquery")
    ]


@pytest.mark.parametrize(
    "query", ["cus_ada", "lp0000123456", "ada.obi@example.com", "0801 234 5678", "Ada O", "ob"]
)
def test_lookups_are_index_seeks(people: sqlite3.Connection, query: str) -> None:
    """The cache's promise: every lookup is an index seek, also with 100,000 customers,
    and one statement, so an exact key costs about what its own query costs (issue 14)."""
    statements = traced(people, lambda: cache.find_customers(people, query))
    assert len(statements) == 1
    assert full_scans(people, statements) == []


def test_caching_a_customer_does_not_scan_tables(people: sqlite3.Connection) -> None:
    updated = make_customer("cus_ada", "Ada Obi", balance=1, updated_at=T0 + timedelta(hours=1))
    statements = traced(people, lambda: cache.upsert_customer(people, updated))
    assert any(s.startswith("DELETE") for s in statements)
    assert full_scans(people, statements) == []


def test_set_balance_ignores_older_answers(database: Database) -> None:
    with database.transaction() as conn:
        cache.upsert_customer(conn, make_customer("cus_1", "Ada Obi", balance=500))

    with database.transaction() as conn:
        cache.set_balance(conn, "cus_1", 100, T0 - timedelta(milliseconds=1))
    stored = cache.get_customer(database.conn, "cus_1")
    assert stored is not None
    assert stored.points_balance == 500
    assert stored.updated_at == T0

    later = T0 + timedelta(minutes=5)
    with database.transaction() as conn:
        cache.set_balance(conn, "cus_1", 300, later)
        cache.set_balance(conn, "cus_1", 999, T0 + timedelta(minutes=1))  # late, older answer
    stored = cache.get_customer(database.conn, "cus_1")
    assert stored is not None
    assert stored.points_balance == 300
    assert stored.updated_at == later

    # A pulled record older than the balance learned from an operation is ignored too.
    with database.transaction() as conn:
        cache.upsert_customer(conn, make_customer("cus_1", "Ada Obi", balance=500, updated_at=T0))
    stored = cache.get_customer(database.conn, "cus_1")
    assert stored is not None
    assert stored.points_balance == 300


def test_set_balance_of_unknown_customer_is_a_no_op(database: Database) -> None:
    with database.transaction() as conn:
        cache.set_balance(conn, "cus_nobody", 100, T0)
    assert cache.count_customers(database.conn) == 0


# Hypothesis: one database per module, emptied per example (function-scoped fixtures do not
# mix with @given).


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("scratch"))
    with db.transaction() as conn:
        for person in PEOPLE:
            cache.upsert_customer(conn, person)
    try:
        yield db
    finally:
        db.close()


def reset(db: Database, *people: CustomerInfo) -> None:
    with db.transaction() as conn:
        conn.execute("DELETE FROM customers")
        conn.execute("DELETE FROM customer_words")
        for person in people:
            cache.upsert_customer(conn, person)


national_numbers = st.text(alphabet="0123456789", min_size=10, max_size=10).filter(
    lambda n: n[0] != "0"
)
separators = st.sampled_from(["", " ", "-", "  "])


def phone_forms(number: str, sep: str) -> list[str]:
    grouped = sep.join([number[:3], number[3:6], number[6:]])
    return [
        f"+234{number}",
        f"234{number}",
        f"0{number}",
        f"+234{sep}{grouped}",
        f"0{grouped}",
        f"(0{number[:3]}){sep}{number[3:6]}{sep}{number[6:]}",
    ]


@given(number=national_numbers, sep=separators)
def test_phone_key_agrees_on_every_form(number: str, sep: str) -> None:
    keys = {cache.phone_key(form) for form in phone_forms(number, sep)}
    assert keys == {f"234{number}"}


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=national_numbers, sep=separators, data=st.data())
def test_find_by_any_phone_form(
    scratch: Database, number: str, sep: str, data: st.DataObject
) -> None:
    forms = phone_forms(number, sep)
    stored_form = data.draw(st.sampled_from(forms), label="stored")
    reset(scratch, make_customer("cus_phone", "Phone Person", phone=stored_form))
    for query in forms:
        assert ids(cache.find_customers(scratch.conn, query)) == ["cus_phone"], query


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40), limit=st.integers(min_value=1, max_value=30))
def test_find_never_raises_on_arbitrary_text(scratch: Database, query: str, limit: int) -> None:
    found = cache.find_customers(scratch.conn, query, limit=limit)
    assert len(found) <= limit
    assert all(isinstance(c, CustomerInfo) for c in found)
    assert len(set(ids(found))) == len(found)


names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1
).filter(lambda s: s.strip() != "")


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names)
def test_every_name_and_every_name_word_finds_its_customer(scratch: Database, name: str) -> None:
    reset(scratch, make_customer("cus_x", name))
    assert "cus_x" in ids(cache.find_customers(scratch.conn, name)), name
    for word in name.replace("-", " ").replace("'", " ").split():
        assert "cus_x" in ids(cache.find_customers(scratch.conn, word)), word


# --- outbox ----------------------------------------------------------------------------------


def operation(kind: OperationKind, customer_id: str | None, points: int = 1) -> Operation:
    """An operation of `kind` for the outbox's own tests (its kind, lane and points count)."""
    whose, code = customer_id or "cus_nobody", "REDEEM-ABC123"
    made: dict[OperationKind, Operation] = {
        OperationKind.REDEEM: Redeem(whose, "rwd_1", points, code, None),
        OperationKind.AWARD: Award(whose, points),
        OperationKind.ADJUST: Adjust(whose, points, "Correction"),
        OperationKind.USE: Use(code),
        OperationKind.VOID: Void(code),
    }
    return made[kind]


def queue(
    db: Database,
    kind: OperationKind,
    customer_id: str | None,
    points: int = 1,
    *,
    handed_out: bool = False,
) -> int:
    with db.transaction() as conn:
        return outbox.add(
            conn,
            operation(kind, customer_id, points),
            customer_id=customer_id,
            now=T0,
            handed_out=handed_out,
        )


def entry_ids(entries: list[OutboxEntry]) -> list[int]:
    return [e.id for e in entries]


def test_enqueue_gives_each_row_its_own_uuid_key(database: Database) -> None:
    entries = [queue(database, OperationKind.AWARD, "cus_1") for _ in range(20)]
    keys = [e.idempotency_key for e in outbox.pending(database.conn)]
    assert len(keys) == 20
    assert len(set(keys)) == 20
    for key in keys:
        assert str(uuid.UUID(key)) == key
        assert uuid.UUID(key).version == 4

    entry = outbox.get(database.conn, entries[0])
    assert entry is not None
    assert entry.state is OutboxState.PENDING
    assert entry.payload == Award("cus_1", 1).payload()
    assert entry.attempts == 0
    assert entry.created_at == T0
    # The key is for life: a failed attempt keeps it.
    with database.transaction() as conn:
        outbox.mark_attempt(
            conn,
            entries[0],
            now=T0,
            maybe_delivered=True,
            next_attempt_at=T0 + timedelta(seconds=5),
            error_code="server_error",
            error="oops",
        )
    retried = outbox.get(database.conn, entries[0])
    assert retried is not None
    assert retried.idempotency_key == entry.idempotency_key
    assert retried.attempts == 1
    assert retried.maybe_delivered


def test_due_returns_the_oldest_pending_entry_per_customer(database: Database) -> None:
    a1 = queue(database, OperationKind.REDEEM, "cus_a")
    a2 = queue(database, OperationKind.ADJUST, "cus_a")
    b1 = queue(database, OperationKind.AWARD, "cus_b")
    n1 = queue(database, OperationKind.USE, None)  # no customer: a lane of its own
    n2 = queue(database, OperationKind.VOID, None)
    b2 = queue(database, OperationKind.REDEEM, "cus_b")

    assert entry_ids(outbox.due(database.conn, T0)) == [a1, b1, n1, n2]
    assert entry_ids(outbox.due(database.conn, None)) == [a1, b1, n1, n2]

    with database.transaction() as conn:
        outbox.finish(conn, a1, OutboxState.DONE, now=T0)
        outbox.finish(conn, b1, OutboxState.CONFLICT, now=T0, error_code="x", error="y")
    assert entry_ids(outbox.due(database.conn, T0)) == [a2, n1, n2, b2]


def test_due_respects_backoff_unless_now_is_none(database: Database) -> None:
    a1 = queue(database, OperationKind.REDEEM, "cus_a")
    queue(database, OperationKind.REDEEM, "cus_a")
    b1 = queue(database, OperationKind.REDEEM, "cus_b")
    retry_at = T0 + timedelta(seconds=60)
    with database.transaction() as conn:
        outbox.mark_attempt(
            conn,
            a1,
            now=T0,
            maybe_delivered=False,
            next_attempt_at=retry_at,
            error_code="network_error",
            error="no route",
        )

    # a1 waits, and cus_a's later entry waits behind it.
    assert entry_ids(outbox.due(database.conn, T0)) == [b1]
    assert entry_ids(outbox.due(database.conn, retry_at - timedelta(microseconds=1))) == [b1]
    assert entry_ids(outbox.due(database.conn, retry_at)) == [a1, b1]
    assert entry_ids(outbox.due(database.conn, retry_at + timedelta(hours=1))) == [a1, b1]
    assert entry_ids(outbox.due(database.conn, None)) == [a1, b1]


def test_pending_outgoing_points_counts_redemptions_and_negative_adjustments(
    database: Database,
) -> None:
    queue(database, OperationKind.REDEEM, "cus_a", 200, handed_out=True)
    queue(database, OperationKind.REDEEM, "cus_a", 100)
    queue(database, OperationKind.ADJUST, "cus_a", -50, handed_out=True)
    queue(database, OperationKind.ADJUST, "cus_a", 300)  # incoming
    queue(database, OperationKind.AWARD, "cus_a", 500)  # incoming
    queue(database, OperationKind.USE, "cus_a")
    done = queue(database, OperationKind.REDEEM, "cus_a", 70)
    refused = queue(database, OperationKind.REDEEM, "cus_a", 40)
    queue(database, OperationKind.REDEEM, "cus_b", 999)
    with database.transaction() as conn:
        outbox.finish(conn, done, OutboxState.DONE, now=T0)
        outbox.finish(conn, refused, OutboxState.REFUSED, now=T0)

    assert outbox.pending_outgoing_points(database.conn, "cus_a") == (350, 250)
    assert outbox.pending_outgoing_points(database.conn, "cus_b") == (999, 0)
    assert outbox.pending_outgoing_points(database.conn, "cus_nobody") == (0, 0)


def test_counts_cover_every_state(database: Database) -> None:
    every_state = {state.value for state in OutboxState}
    assert outbox.counts(database.conn) == dict.fromkeys(every_state, 0)

    made = [queue(database, OperationKind.AWARD, f"cus_{i}") for i in range(7)]
    with database.transaction() as conn:
        outbox.finish(conn, made[0], OutboxState.DONE, now=T0)
        outbox.finish(conn, made[1], OutboxState.DONE, now=T0)
        outbox.finish(conn, made[2], OutboxState.CONFLICT, now=T0)
        outbox.finish(conn, made[3], OutboxState.REFUSED, now=T0)
        outbox.finish(conn, made[4], OutboxState.CANCELLED, now=T0)
    assert outbox.counts(database.conn) == {
        **dict.fromkeys(every_state, 0),
        "pending": 2,
        "done": 2,
        "conflict": 1,
        "refused": 1,
        "cancelled": 1,
    }
    assert entry_ids(outbox.conflicts(database.conn)) == [made[2]]
