"""Staff accounts local to the terminal. PINs only as hashes (see domain/pins.py)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from ..domain.pins import LockState
from ..domain.timefmt import from_db, to_db


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: int
    name: str
    role: str
    active: bool
    pin_hash: str
    lock: LockState
    created_at: datetime


def _row(r: sqlite3.Row) -> StaffRow:
    return StaffRow(
        id=r["id"],
        name=r["name"],
        role=r["role"],
        active=bool(r["active"]),
        pin_hash=r["pin_hash"],
        lock=LockState(
            r["failed_attempts"], from_db(r["locked_until"]) if r["locked_until"] else None
        ),
        created_at=from_db(r["created_at"]),
    )


def add(conn: sqlite3.Connection, name: str, role: str, pin_hash: str, now: datetime) -> int:
    cur = conn.execute(
        "INSERT INTO staff (name, name_fold, role, pin_hash, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (name, name.casefold(), role, pin_hash, to_db(now), to_db(now)),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def by_name(conn: sqlite3.Connection, name: str) -> StaffRow | None:
    r = conn.execute(
        "SELECT * FROM staff WHERE name_fold = ?", (name.strip().casefold(),)
    ).fetchone()
    return None if r is None else _row(r)


def all_staff(conn: sqlite3.Connection) -> list[StaffRow]:
    return [_row(r) for r in conn.execute("SELECT * FROM staff ORDER BY role DESC, name_fold")]


def count_active_managers(conn: sqlite3.Connection) -> int:
    return int(
        conn.execute("SELECT count(*) FROM staff WHERE role = 'manager' AND active = 1").fetchone()[
            0
        ]
    )


def set_lock(conn: sqlite3.Connection, staff_id: int, lock: LockState, now: datetime) -> None:
    conn.execute(
        "UPDATE staff SET failed_attempts = ?, locked_until = ?, updated_at = ? WHERE id = ?",
        (
            lock.failed_attempts,
            to_db(lock.locked_until) if lock.locked_until else None,
            to_db(now),
            staff_id,
        ),
    )


def set_pin(conn: sqlite3.Connection, staff_id: int, pin_hash: str, now: datetime) -> None:
    conn.execute(
        "UPDATE staff SET pin_hash = ?, failed_attempts = 0, locked_until = NULL, "
        "updated_at = ? WHERE id = ?",
        (pin_hash, to_db(now), staff_id),
    )


def set_active(conn: sqlite3.Connection, staff_id: int, active: bool, now: datetime) -> None:
    conn.execute(
        "UPDATE staff SET active = ?, updated_at = ? WHERE id = ?",
        (int(active), to_db(now), staff_id),
    )
