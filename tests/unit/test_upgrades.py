"""Upgrades (issue 12 Deliver 7): a database written by today's release opens with the
current code, data whole; one written by a newer pos-app is refused with a message naming
both schemas and what to do, and left as it was; an older one is migrated with its copy
kept beside it.

tests/fixtures/terminal_schema7.db was made by the release at 251b17a (schema 7) with the
command line: a manager (Maryam) added; `--sandbox sync --once`; with the sandbox, an award
of 50 points and a redemption of rwd_drink150 for Ada Abubakar (cus_iav7r9uahk); with the
backend unreachable, an award of 20 (pushed by the next sandbox command) and a redemption
of rwd_xyz789 (200 points), which is still pending."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from pos_app.domain.models import OutboxState
from pos_app.domain.operations import Redeem
from pos_app.store import Database, audit, cache, outbox
from pos_app.store import staff as store_staff
from pos_app.store.db import StoreError, backup_path
from pos_app.store.migrations import MIGRATIONS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TODAY = FIXTURES / "terminal_schema7.db"
TODAYS_SCHEMA = 7
OLDER = FIXTURES / "outbox_schema4.db"
ADA = "cus_iav7r9uahk"


def version_of(path: Path) -> int:
    with sqlite3.connect(path) as raw:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])


@pytest.fixture
def todays(tmp_path: Path) -> Path:
    path = tmp_path / "terminal.db"
    shutil.copy(TODAY, path)
    return path


def test_the_fixture_is_todays_schema() -> None:
    assert version_of(TODAY) == TODAYS_SCHEMA <= len(MIGRATIONS)


def test_todays_database_opens_with_everything_in_it(todays: Path) -> None:
    db = Database(todays)
    try:
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.integrity_check() == "ok"
        assert outbox.counts(db.conn)["pending"] == 1
        (waiting,) = outbox.pending(db.conn)
        assert waiting.state is OutboxState.PENDING
        assert isinstance(waiting.operation, Redeem)
        assert (waiting.operation.customer_id, waiting.operation.points) == (ADA, 200)
        customer = cache.get_customer(db.conn, ADA)
        assert customer is not None and customer.name == "Ada Abubakar"
        assert cache.get_reward(db.conn, "rwd_drink150") is not None
        manager = store_staff.by_name(db.conn, "Maryam")
        assert manager is not None and manager.role == "manager"
        assert audit.verify(db.conn, []) == []  # the audit chain reads the same
    finally:
        db.close()
    # A later release that adds migrations keeps a copy of today's file first.
    copies = list(todays.parent.glob("*.bak"))
    assert copies == ([backup_path(todays, TODAYS_SCHEMA)] if len(MIGRATIONS) > 7 else [])


def test_a_newer_database_is_refused_and_left_as_it_was(todays: Path) -> None:
    newer = len(MIGRATIONS) + 1
    with sqlite3.connect(todays) as raw:
        raw.execute(f"PRAGMA user_version = {newer}")
    before = todays.read_bytes()
    with pytest.raises(StoreError) as caught:
        Database(todays)
    message = str(caught.value)
    assert f"newer pos-app (schema {newer})" in message, message
    assert f"reads schema {len(MIGRATIONS)} at most" in message, message
    assert "upgrade pos-app to that newer build" in message and "\n" not in message, message
    assert todays.read_bytes() == before
    assert list(todays.parent.glob("*.bak")) == []  # nothing copied, nothing migrated


def test_an_older_database_is_migrated_and_its_copy_kept(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    shutil.copy(OLDER, path)
    with sqlite3.connect(OLDER) as raw:
        queued = raw.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
    Database(path).close()
    assert version_of(path) == len(MIGRATIONS)
    kept = backup_path(path, 4)
    assert version_of(kept) == 4
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    db = Database(path)
    try:
        assert outbox.counts(db.conn)["pending"] == queued  # nothing lost on the way
    finally:
        db.close()


def test_schema_9_drops_the_index_no_query_used_and_keeps_the_redemptions(todays: Path) -> None:
    """`redemptions_created` cost every redemption's commit a page; the queries that read
    redemptions find them through the other indexes, before and after."""

    def redemptions_of(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
        return [tuple(r) for r in conn.execute("SELECT * FROM redemptions ORDER BY code")]

    def indexes(conn: sqlite3.Connection) -> set[str]:
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'redemptions'"
        )
        return {row[0] for row in rows}

    with sqlite3.connect(todays) as raw:
        before = redemptions_of(raw)
        assert "redemptions_created" in indexes(raw)
    assert len(before) > 1
    db = Database(todays)
    try:
        assert redemptions_of(db.conn) == before  # every redemption, every column
        assert indexes(db.conn) == {
            "sqlite_autoindex_redemptions_1",
            "redemptions_customer",
            "redemptions_unshown",
        }
        plans = {
            "SELECT * FROM redemptions WHERE shown_at IS NULL AND origin = 'local' "
            "AND status IN ('pending', 'confirmed') ORDER BY created_at": "redemptions_unshown",
            "SELECT * FROM redemptions WHERE customer_id = 'c' AND status IN ('pending') "
            "ORDER BY created_at DESC": "redemptions_customer",
        }
        for query, index in plans.items():
            plan = " ".join(r[3] for r in db.conn.execute(f"EXPLAIN QUERY PLAN {query}"))
            assert f"USING INDEX {index}" in plan, plan
        assert audit.verify(db.conn, []) == []
    finally:
        db.close()
