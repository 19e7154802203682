"""Redemptions made at (or pulled to) this terminal, keyed by their code."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from ..domain import lifecycle
from ..domain.models import HANDED_OUT, LocalRedemption, Origin, RedemptionStatus
from ..domain.timefmt import from_db, to_db
from .rows import from_row

Row = tuple[object, ...]


def row(red: LocalRedemption) -> Row:
    """The values `insert_row` writes, but its outbox id: made before the transaction."""
    created = to_db(red.created_at)
    return (
        red.code,
        red.origin,
        red.customer_id,
        red.customer_name,
        red.reward_id,
        red.reward_name,
        red.points,
        red.discount_amount,
        red.currency,
        red.status.value,
        red.remote_id,
        red.balance_after,
        red.terminal_id,
        red.operator,
        created if red.occurred_at == red.created_at else to_db(red.occurred_at),
        created,
        created,
        to_db(red.shown_at) if red.shown_at else None,
        red.refusal_code,
        red.refusal_message,
    )


def insert(conn: sqlite3.Connection, red: LocalRedemption, *, outbox_id: int | None) -> None:
    insert_row(conn, row(red), outbox_id=outbox_id)


def insert_row(conn: sqlite3.Connection, values: Row, *, outbox_id: int | None) -> None:
    conn.execute(
        """INSERT INTO redemptions (code, origin, customer_id, customer_name, reward_id,
               reward_name, points, discount_amount, currency, status, remote_id,
               balance_after, terminal_id, operator, occurred_at, created_at, updated_at,
               shown_at, refusal_code, refusal_message, outbox_id)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
        (*values, outbox_id),
    )


def _redemption(row: sqlite3.Row) -> LocalRedemption:
    return from_row(
        LocalRedemption,
        row,
        status=RedemptionStatus(row["status"]),
        occurred_at=from_db(row["occurred_at"]),
        created_at=from_db(row["created_at"]),
        shown_at=from_db(row["shown_at"]) if row["shown_at"] else None,
        origin=Origin(row["origin"]),
        issued_offline=bool(row["issued_offline"]),
    )


def get(conn: sqlite3.Connection, code: str) -> LocalRedemption | None:
    row = conn.execute("SELECT * FROM redemptions WHERE code = ?", (code,)).fetchone()
    return None if row is None else _redemption(row)


def code_exists(conn: sqlite3.Connection, code: str) -> bool:
    return conn.execute("SELECT 1 FROM redemptions WHERE code = ?", (code,)).fetchone() is not None


def set_status(
    conn: sqlite3.Connection,
    code: str,
    status: RedemptionStatus,
    *,
    now: datetime,
    remote_id: str | None = None,
    balance_after: int | None = None,
    refusal_code: str | None = None,
    refusal_message: str | None = None,
) -> None:
    """Move the redemption `code` to `status` (recording the backend's id, balance or
    refusal given). Raises lifecycle.IllegalTransition for a change the lifecycle does not
    allow; a code not on this terminal is left alone."""
    row = conn.execute("SELECT status FROM redemptions WHERE code = ?", (code,)).fetchone()
    if row is None:
        return
    lifecycle.check(code, RedemptionStatus(row["status"]), status)
    conn.execute(
        "UPDATE redemptions SET status = ?, remote_id = coalesce(?, remote_id),"
        " balance_after = coalesce(?, balance_after), refusal_code = coalesce(?, refusal_code),"
        " refusal_message = coalesce(?, refusal_message), updated_at = ? WHERE code = ?",
        (status.value, remote_id, balance_after, refusal_code, refusal_message, to_db(now), code),
    )


def set_discount(conn: sqlite3.Connection, code: str, discount_amount: int, now: datetime) -> None:
    """The backend's discount for `code`, where the terminal's own figure differed."""
    conn.execute(
        "UPDATE redemptions SET discount_amount = ?, updated_at = ? WHERE code = ?",
        (discount_amount, to_db(now), code),
    )


def mark_shown(conn: sqlite3.Connection, code: str, now: datetime) -> None:
    conn.execute(
        "UPDATE redemptions SET shown_at = coalesce(shown_at, ?) WHERE code = ?", (to_db(now), code)
    )


def unshown(conn: sqlite3.Connection) -> list[LocalRedemption]:
    """Redemptions this terminal committed whose code may never have reached the customer:
    the ones still in play (pending, confirmed or offline) with no record of being shown."""
    in_play = (RedemptionStatus.PENDING, *HANDED_OUT)
    marks = ",".join("?" for _ in in_play)
    return [
        _redemption(r)
        for r in conn.execute(
            "SELECT * FROM redemptions WHERE shown_at IS NULL AND origin = 'local' "  # noqa: S608
            f"AND status IN ({marks}) ORDER BY created_at",
            [s.value for s in in_play],
        )
    ]


def upsert_remote(conn: sqlite3.Connection, red: LocalRedemption) -> None:
    """A redemption pulled from the backend. Local rows keep their own lifecycle, except
    that the backend's `used` and `void` are facts to take over."""
    existing = get(conn, red.code)
    if existing is None:
        insert(conn, red, outbox_id=None)
    elif (
        red.status in (RedemptionStatus.USED, RedemptionStatus.VOID)
        and existing.status != red.status
        and lifecycle.may_become(existing.status, red.status)
    ):
        set_status(conn, red.code, red.status, now=red.created_at, remote_id=red.remote_id)


def for_customer(
    conn: sqlite3.Connection, customer_id: str, statuses: tuple[RedemptionStatus, ...]
) -> list[LocalRedemption]:
    marks = ",".join("?" for _ in statuses)
    return [
        _redemption(r)
        for r in conn.execute(
            f"SELECT * FROM redemptions WHERE customer_id = ? AND status IN ({marks}) "  # noqa: S608
            "ORDER BY created_at DESC",
            (customer_id, *[s.value for s in statuses]),
        )
    ]


def mark_issued_offline(conn: sqlite3.Connection, code: str) -> None:
    conn.execute("UPDATE redemptions SET issued_offline = 1 WHERE code = ?", (code,))


def local_between(
    conn: sqlite3.Connection, start: datetime, end: datetime
) -> list[LocalRedemption]:
    """This terminal's own redemptions whose moment at the counter is in [start, end)."""
    return [
        _redemption(r)
        for r in conn.execute(
            "SELECT * FROM redemptions WHERE origin = 'local' AND occurred_at >= ? "
            "AND occurred_at < ?",
            (to_db(start), to_db(end)),
        )
    ]
