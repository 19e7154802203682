"""Two processes (or threads) opening a brand-new database at once must not both migrate."""

from __future__ import annotations

import threading
from pathlib import Path

from pos_app.store import Database, StoreError
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
