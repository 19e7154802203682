"""The outbox: every operation meant for the backend, with the idempotency key it keeps
for life. Rows are never deleted; their state says how each one ended."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.models import OperationKind, OutboxEntry, OutboxState
from ..domain.timefmt import from_db, to_db

if TYPE_CHECKING:  # what `add` takes: a reader of the queue never builds one
    from ..domain.operations import Operation


def new_key() -> str:
    """A fresh idempotency key (the one an operation keeps for life): a random UUID.
    `uuid` is imported here, by what makes a key: it imports `platform` on Linux (for
    uuid1's MAC address), a few milliseconds every other command does without."""
    import uuid

    return str(uuid.uuid4())


Row = tuple[object, ...]


def add(
    conn: sqlite3.Connection,
    operation: Operation,
    *,
    customer_id: str | None,
    now: datetime,
    operator: str | None = None,
    handed_out: bool = False,
    key: str | None = None,
) -> int:
    """Queue a typed operation in the lane of `customer_id`, with a fresh idempotency key
    (`key`, from `new_key`, when the caller needs it without reading it back); part of
    the caller's transaction. Returns its outbox id."""
    values = row(
        operation,
        customer_id=customer_id,
        now=now,
        operator=operator,
        handed_out=handed_out,
        key=key,
    )
    return insert_row(conn, values)


def row(
    operation: Operation,
    *,
    customer_id: str | None,
    now: datetime,
    operator: str | None = None,
    handed_out: bool = False,
    key: str | None = None,
) -> Row:
    """The values `insert_row` writes (its payload encoded): made before the transaction."""
    stamp = to_db(now)
    return (
        operation.kind.value,
        customer_id,
        new_key() if key is None else key,
        json.dumps(operation.payload()),
        int(handed_out),
        operator,
        operation.redemption_code,
        stamp,
        stamp,
    )


def insert_row(conn: sqlite3.Connection, values: Row) -> int:
    """Queue a row made by `row`, inside the caller's transaction; returns its outbox id."""
    cur = conn.execute(
        "INSERT INTO outbox (kind, customer_id, idempotency_key, payload, handed_out, operator,"
        " redemption_code, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
        values,
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def _entry(row: sqlite3.Row) -> OutboxEntry:
    return OutboxEntry(
        id=row["id"],
        kind=OperationKind(row["kind"]),
        customer_id=row["customer_id"],
        idempotency_key=row["idempotency_key"],
        payload=json.loads(row["payload"]),
        state=OutboxState(row["state"]),
        handed_out=bool(row["handed_out"]),
        maybe_delivered=bool(row["maybe_delivered"]),
        attempts=row["attempts"],
        next_attempt_at=from_db(row["next_attempt_at"]) if row["next_attempt_at"] else None,
        last_error_code=row["last_error_code"],
        last_error=row["last_error"],
        operator=row["operator"],
        redemption_code=row["redemption_code"],
        created_at=from_db(row["created_at"]),
        updated_at=from_db(row["updated_at"]),
        abandoned=bool(row["abandoned"]),
        abandoned_at=from_db(row["abandoned_at"]) if row["abandoned_at"] else None,
    )


def get(conn: sqlite3.Connection, entry_id: int) -> OutboxEntry | None:
    row = conn.execute("SELECT * FROM outbox WHERE id = ?", (entry_id,)).fetchone()
    return None if row is None else _entry(row)


def is_pending(conn: sqlite3.Connection, entry_id: int) -> bool:
    """Still waiting for its answer (no other pusher has recorded one)?"""
    row = conn.execute("SELECT state FROM outbox WHERE id = ?", (entry_id,)).fetchone()
    return row is not None and row[0] == OutboxState.PENDING.value


def pending(conn: sqlite3.Connection) -> list[OutboxEntry]:
    """Every pending operation, oldest first."""
    return [
        _entry(r) for r in conn.execute("SELECT * FROM outbox WHERE state = 'pending' ORDER BY id")
    ]


def next_in_lane(
    conn: sqlite3.Connection, customer_id: str | None, after_id: int, before_id: int
) -> OutboxEntry | None:
    """The oldest pending operation of `customer_id`'s lane (every lane when None) with an
    id strictly between `after_id` and `before_id`; abandoned ones are in no lane (see
    `due`). One index seek (`outbox_lane`, `outbox_open`): its cost does not grow with
    the rest of the queue."""
    if customer_id is None:
        row = conn.execute(
            "SELECT * FROM outbox WHERE state = 'pending' AND abandoned = 0"
            " AND id > ? AND id < ? ORDER BY id LIMIT 1",
            (after_id, before_id),
        ).fetchone()
    else:
        row = conn.execute(
            "SELECT * FROM outbox WHERE state = 'pending'"
            " AND customer_id = ? AND id > ? AND id < ? AND abandoned = 0 ORDER BY id LIMIT 1",
            (customer_id, after_id, before_id),
        ).fetchone()
    return None if row is None else _entry(row)


def due(conn: sqlite3.Connection, now: datetime | None) -> list[OutboxEntry]:
    """What may be sent now, keeping each customer's operations strictly in order: only
    the oldest pending operation of a customer is eligible, and only once its backoff has
    passed (`now=None` ignores backoff, as a person's "sync now" does). An abandoned
    redemption is in no customer's lane: it is never sent again, only asked about, so the
    customer's later operations need not wait for its fate."""
    eligible: list[OutboxEntry] = []
    blocked: set[str] = set()
    for entry in pending(conn):
        own = entry.abandoned or not entry.customer_id
        lane = f"#{entry.id}" if own else str(entry.customer_id)
        if lane in blocked:
            continue
        blocked.add(lane)
        if now is None or entry.next_attempt_at is None or entry.next_attempt_at <= now:
            eligible.append(entry)
    return eligible


def mark_attempt(
    conn: sqlite3.Connection,
    entry_id: int,
    *,
    now: datetime,
    maybe_delivered: bool,
    next_attempt_at: datetime | None,
    error_code: str | None,
    error: str | None,
) -> None:
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, maybe_delivered = max(maybe_delivered, ?),"
        " next_attempt_at = ?, last_error_code = ?, last_error = ?, updated_at = ? "
        "WHERE id = ?",
        (
            int(maybe_delivered),
            to_db(next_attempt_at) if next_attempt_at else None,
            error_code,
            error,
            to_db(now),
            entry_id,
        ),
    )


def mark_paused(
    conn: sqlite3.Connection,
    entry_id: int,
    *,
    now: datetime,
    maybe_delivered: bool,
    error_code: str,
    error: str,
) -> None:
    """The backend refused this terminal, not the operation (a wrong key, a wrong URL):
    keep it pending with its attempts and backoff as they were, so nothing counts this as
    a verdict; record only what was said and whether the request may have been applied."""
    conn.execute(
        "UPDATE outbox SET maybe_delivered = max(maybe_delivered, ?), last_error_code = ?,"
        " last_error = ?, updated_at = ? WHERE id = ?",
        (int(maybe_delivered), error_code, error, to_db(now), entry_id),
    )


def finish(
    conn: sqlite3.Connection,
    entry_id: int,
    state: OutboxState,
    *,
    now: datetime,
    result: dict[str, Any] | None = None,
    error_code: str | None = None,
    error: str | None = None,
) -> None:
    conn.execute(
        "UPDATE outbox SET state = ?, result = ?, last_error_code = coalesce(?, last_error_code),"
        " last_error = coalesce(?, last_error), updated_at = ?, finished_at = ?,"
        " next_attempt_at = NULL WHERE id = ?",
        (
            state.value,
            None if result is None else json.dumps(result),
            error_code,
            error,
            to_db(now),
            to_db(now),
            entry_id,
        ),
    )


def set_handed_out(conn: sqlite3.Connection, entry_id: int, now: datetime) -> None:
    conn.execute(
        "UPDATE outbox SET handed_out = 1, updated_at = ? WHERE id = ?", (to_db(now), entry_id)
    )


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
    found = {row[0]: row[1] for row in rows}
    return {state.value: found.get(state.value, 0) for state in OutboxState}


def pending_outgoing_points(conn: sqlite3.Connection, customer_id: str) -> tuple[int, int]:
    """(all pending outgoing points, of which handed out offline) for the customer: pending
    redemptions, negative adjustments and returns (the points this terminal expects each to
    take back) not yet confirmed by the backend."""
    total = handed = 0
    for row in conn.execute(
        "SELECT o.kind, o.payload, o.handed_out, r.points_expected FROM outbox o"
        " LEFT JOIN order_returns r ON r.outbox_id = o.id WHERE o.state = 'pending'"
        " AND o.customer_id = ? AND o.kind IN ('redeem', 'adjust', 'return')",
        (customer_id,),
    ):
        if row["kind"] == "return":
            outgoing = int(row["points_expected"] or 0)
        else:
            points = int(json.loads(row["payload"])["points"])
            outgoing = points if row["kind"] == "redeem" else max(0, -points)
        total += outgoing
        if row["handed_out"]:
            handed += outgoing
    return total, handed


def conflicts(conn: sqlite3.Connection) -> list[OutboxEntry]:
    return [
        _entry(r) for r in conn.execute("SELECT * FROM outbox WHERE state = 'conflict' ORDER BY id")
    ]


def for_customer(conn: sqlite3.Connection, customer_id: str) -> list[OutboxEntry]:
    return [
        _entry(r)
        for r in conn.execute(
            "SELECT * FROM outbox WHERE customer_id = ? AND state IN ('pending', 'conflict') "
            "ORDER BY id DESC",
            (customer_id,),
        )
    ]


def mark_abandoned(conn: sqlite3.Connection, entry_id: int, now: datetime) -> None:
    """The counter gave up on an operation that may have reached the backend: it is never
    sent again; the sync engine asks the backend whether it was applied, and undoes it
    there if so. `abandoned_at` bounds the last time it was sent (the grace period counts
    from there)."""
    conn.execute(
        "UPDATE outbox SET abandoned = 1, abandoned_at = ?, updated_at = ? WHERE id = ?",
        (to_db(now), to_db(now), entry_id),
    )


def resolve(
    conn: sqlite3.Connection, entry_id: int, resolution: str, *, by: str, note: str, now: datetime
) -> None:
    """Close a conflict with what a manager decided; the row itself stays."""
    conn.execute(
        "UPDATE outbox SET state = 'resolved', resolution = ?, resolved_by = ?, "
        "resolved_at = ?, resolution_note = ?, updated_at = ? WHERE id = ?",
        (resolution, by, to_db(now), note, to_db(now), entry_id),
    )


def has_void(conn: sqlite3.Connection, code: str) -> bool:
    """Is a void for this redemption code already queued or done (never send two)?"""
    return (
        conn.execute(
            "SELECT 1 FROM outbox WHERE kind = 'void' AND redemption_code = ? "
            "AND state IN ('pending', 'done')",
            (code,),
        ).fetchone()
        is not None
    )


def redeem_pending(conn: sqlite3.Connection, code: str) -> bool:
    """Is the redemption with this code still in the queue (sent, or its fate asked)?"""
    return (
        conn.execute(
            "SELECT 1 FROM outbox WHERE kind = 'redeem' AND redemption_code = ? "
            "AND state = 'pending'",
            (code,),
        ).fetchone()
        is not None
    )


def latest_for_code(conn: sqlite3.Connection, kind: OperationKind, code: str) -> OutboxEntry | None:
    """The newest use or void of this code that this terminal queued or sent (not one that
    was refused, cancelled or abandoned): when it was done here and by whom."""
    row = conn.execute(
        "SELECT * FROM outbox WHERE kind = ? AND redemption_code = ? "
        "AND state IN ('pending', 'done') ORDER BY id DESC LIMIT 1",
        (kind.value, code),
    ).fetchone()
    return None if row is None else _entry(row)


def points_awarded_between(conn: sqlite3.Connection, start: datetime, end: datetime) -> int:
    """Points of the awards queued in [start, end) that were sent or wait to be."""
    return sum(
        int(json.loads(row["payload"])["points"])
        for row in conn.execute(
            "SELECT payload FROM outbox WHERE kind = 'award' AND state IN ('done', 'pending') "
            "AND created_at >= ? AND created_at < ?",
            (to_db(start), to_db(end)),
        )
    )


def conflicts_between(
    conn: sqlite3.Connection, start: datetime, end: datetime, *, redemptions: bool = True
) -> int:
    """Operations queued in [start, end) refused after they were handed out (open or
    resolved); without redemptions when `redemptions` is False."""
    kinds = "" if redemptions else "kind != 'redeem' AND "
    return int(
        conn.execute(
            f"SELECT count(*) FROM outbox WHERE {kinds}"  # noqa: S608
            "(state = 'conflict' OR resolution IS NOT NULL) AND created_at >= ? AND created_at < ?",
            (to_db(start), to_db(end)),
        ).fetchone()[0]
    )
