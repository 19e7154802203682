"""The sandbox stays as fast as it was fresh (issue 14): every POST forgets answers older
than a day, and that must be an index seek, not a scan of every answer it keeps."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from pos_app.sandbox import open_ledger


def test_forgetting_old_answers_and_finding_one_are_index_seeks(tmp_path: Path) -> None:
    ledger = open_ledger(tmp_path / "sandbox.db", demo_data=False)
    try:
        with ledger.lock:
            for _ in range(50):
                ledger.answers.store(str(uuid.uuid4()), "hash", 200, "{}")
            seen: list[str] = []
            ledger.db.set_trace_callback(seen.append)
            try:
                ledger.answers.get(str(uuid.uuid4()))
            finally:
                ledger.db.set_trace_callback(None)
            plans = [
                (sql, row[3])
                for sql in seen
                for row in ledger.db.execute("EXPLAIN QUERY PLAN " + sql)
            ]
    finally:
        ledger.close()
    assert any(sql.startswith("DELETE FROM idempotency") for sql, _plan in plans)
    assert [p for _sql, p in plans if p.startswith("SCAN")] == []
    assert any("idempotency_created" in p for _sql, p in plans)


def test_a_sandbox_database_made_before_the_index_gets_it(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.db"
    open_ledger(path, demo_data=False).close()
    with sqlite3.connect(path) as raw:
        raw.execute("DROP INDEX idempotency_created")
    raw.close()
    ledger = open_ledger(path, demo_data=False)
    try:
        with ledger.lock:
            names = {r[0] for r in ledger.db.execute("SELECT name FROM sqlite_master")}
    finally:
        ledger.close()
    assert "idempotency_created" in names
