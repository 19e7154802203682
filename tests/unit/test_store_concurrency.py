"""Two processes (or threads) opening a brand-new database at once must not both migrate."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

from pos_app.store import Database, StoreError
from pos_app.store.db import backup_path
from pos_app.store.migrations import MIGRATIONS


def test_concurrent_first_opens_migrate_once(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    errors: list[BaseException] = []
    opened: list[Database] = []
    start = threading.Barrier(6)

    def open_it() -> None:
        start.wait()
        try:
            opened.append(Database(path))
        except StoreError as error:
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(
        db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) for db in opened
    )
    for db in opened:
        db.close()


FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "outbox_schema4.db"


def _open_at_once(path: Path, count: int) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def open_it() -> None:
        start.wait()
        try:
            Database(path).close()
        except StoreError as error:
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_first_opens_of_an_old_database_all_succeed(tmp_path: Path) -> None:
    # Each opener copies the old database before migrating it; they used to share one
    # ".partial" file, deleting and overwriting each other's copy ("disk I/O error",
    # "attempt to write a readonly database"). Repeated: the race needs a few tries.
    for attempt in range(15):
        path = tmp_path / f"{attempt}" / "terminal.db"
        path.parent.mkdir()
        shutil.copy(FIXTURE, path)
        assert _open_at_once(path, 6) == [], f"attempt {attempt}"
        copy = backup_path(path, 4)
        with sqlite3.connect(copy) as backup:
            assert backup.execute("PRAGMA user_version").fetchone()[0] == 4
            assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert list(path.parent.glob("*.partial")) == []  # no copy left half-written
