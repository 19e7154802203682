"""The local order index (a sale earns points once, also offline) and the returns made
at this terminal (v1.1). A row counts while its outbox row is pending or done; a refused
or cancelled one never reached the backend's books (but an award refused as
`order_already_awarded` still says the order has earned)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from ..domain.returns import LocalOrder, LocalReturn
from ..domain.timefmt import from_db, to_db

_FIND_ORDER = (
    "SELECT r.*, (o.last_error_code = 'order_already_awarded') AS elsewhere FROM orders r"
    " JOIN outbox o ON o.id = r.outbox_id WHERE r.order_id = ?"
    " AND (o.state IN ('pending', 'done') OR o.last_error_code = 'order_already_awarded')"
    " ORDER BY elsewhere, r.id LIMIT 1"
)
_RETURNS = "SELECT r.*, o.state AS state FROM order_returns r JOIN outbox o ON o.id = r.outbox_id"


def add_order(
    conn: sqlite3.Connection,
    *,
    order_id: str,
    customer_id: str,
    amount: int | None,
    currency: str | None,
    points: int,
    outbox_id: int,
    store_id: str | None,
    operator: str | None,
    now: datetime,
) -> None:
    conn.execute(
        "INSERT INTO orders (order_id, customer_id, amount, currency, points, outbox_id,"
        " store_id, operator, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
        (
            order_id,
            customer_id,
            amount,
            currency,
            points,
            outbox_id,
            store_id,
            operator,
            to_db(now),
        ),
    )


def _order(row: sqlite3.Row) -> LocalOrder:
    return LocalOrder(
        order_id=row["order_id"],
        customer_id=row["customer_id"],
        amount=row["amount"],
        currency=row["currency"],
        points=row["points"],
        outbox_id=row["outbox_id"],
        transaction_id=row["transaction_id"],
        store_id=row["store_id"],
        operator=row["operator"],
        created_at=from_db(row["created_at"]),
        awarded_elsewhere=bool(row["elsewhere"]),
    )


def find_order(conn: sqlite3.Connection, order_id: str) -> LocalOrder | None:
    """The order's award through this terminal that still counts (earliest first), or
    None: a refused or cancelled award does not count, unless the backend refused it
    because the order had already earned elsewhere."""
    row = conn.execute(
        _FIND_ORDER,
        (order_id,),
    ).fetchone()
    return None if row is None else _order(row)


def settle_order(conn: sqlite3.Connection, outbox_id: int, transaction_id: str) -> None:
    """The backend's id of an award for a sale (recorded with its answer)."""
    conn.execute(
        "UPDATE orders SET transaction_id = ? WHERE outbox_id = ?", (transaction_id, outbox_id)
    )


def add_return(
    conn: sqlite3.Connection,
    *,
    order_id: str,
    customer_id: str,
    returned_amount: int,
    points_expected: int,
    outbox_id: int,
    operator: str | None,
    now: datetime,
) -> None:
    conn.execute(
        "INSERT INTO order_returns (order_id, customer_id, returned_amount, points_expected,"
        " outbox_id, operator, created_at) VALUES (?,?,?,?,?,?,?)",
        (order_id, customer_id, returned_amount, points_expected, outbox_id, operator, to_db(now)),
    )


def settle_return(
    conn: sqlite3.Connection,
    outbox_id: int,
    *,
    return_id: str,
    points_reversed: int,
    points_shortfall: int,
    balance_after: int,
) -> None:
    """The backend's figures for a return made here."""
    conn.execute(
        "UPDATE order_returns SET return_id = ?, points_reversed = ?, points_shortfall = ?,"
        " balance_after = ? WHERE outbox_id = ?",
        (return_id, points_reversed, points_shortfall, balance_after, outbox_id),
    )


def _return(row: sqlite3.Row) -> LocalReturn:
    return LocalReturn(
        id=row["id"],
        order_id=row["order_id"],
        customer_id=row["customer_id"],
        returned_amount=row["returned_amount"],
        points_expected=row["points_expected"],
        points_reversed=row["points_reversed"],
        points_shortfall=row["points_shortfall"],
        return_id=row["return_id"],
        balance_after=row["balance_after"],
        outbox_id=row["outbox_id"],
        state=row["state"],
        operator=row["operator"],
        created_at=from_db(row["created_at"]),
    )


def returns_of(conn: sqlite3.Connection, order_id: str) -> list[LocalReturn]:
    """The returns of an order made here that count (pending or done), oldest first."""
    rows = conn.execute(
        _RETURNS + " WHERE r.order_id = ? AND o.state IN ('pending', 'done') ORDER BY r.id",
        (order_id,),
    ).fetchall()
    return [_return(row) for row in rows]


def returns_of_customer(conn: sqlite3.Connection, customer_id: str) -> list[LocalReturn]:
    """The returns made here for a customer, oldest first."""
    rows = conn.execute(_RETURNS + " WHERE r.customer_id = ? ORDER BY r.id", (customer_id,))
    return [_return(row) for row in rows.fetchall()]


def list_returns(conn: sqlite3.Connection, *, shortfalls_only: bool = False) -> list[LocalReturn]:
    """Every return made here, newest first (only those with a shortfall if asked)."""
    if shortfalls_only:
        query = _RETURNS + " WHERE r.points_shortfall > 0 ORDER BY r.id DESC"
    else:
        query = _RETURNS + " ORDER BY r.id DESC"
    rows = conn.execute(query).fetchall()
    return [_return(row) for row in rows]
