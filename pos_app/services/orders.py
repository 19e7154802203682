"""The order guard: a sale earns points once. On this terminal through the local order
index (store/orders.py), also offline; across terminals through the backend's 409
`order_already_awarded`, whose message names the first award (when, how many points),
fetched by its transaction id from the customer's history when online."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

from ..api import ApiError, OrderAlreadyAwarded
from ..domain.earning import Sale
from ..domain.returns import LocalOrder
from ..i18n import _
from ..i18n.formats import number
from ..store import orders
from .errors import Refused
from .terminal import Terminal

ALREADY = "order_already_awarded"
_HISTORY_PAGES = 5  # how far back the first award is looked for (100 a page)


def _when(t: Terminal, at: datetime) -> str:
    return f"{at.astimezone(t.config.time_zone()):%Y-%m-%d %H:%M}"


def refusal_for(t: Terminal, earlier: LocalOrder) -> Refused:
    if earlier.awarded_elsewhere:
        return Refused(
            _(
                "Order {order_id} has already earned points at another till; nothing was awarded."
            ).format(order_id=earlier.order_id),
            ALREADY,
        )
    return Refused(
        _(
            "Order {order_id} already earned {points} points on {when} (customer "
            "{customer_id}, this terminal); nothing was awarded."
        ).format(
            order_id=earlier.order_id,
            points=number(earlier.points),
            when=_when(t, earlier.created_at),
            customer_id=earlier.customer_id,
        ),
        ALREADY,
    )


def guard(conn: sqlite3.Connection, t: Terminal, order_id: str) -> None:
    """Refused if the order has already earned through this terminal."""
    earlier = orders.find_order(conn, order_id)
    if earlier is not None:
        raise refusal_for(t, earlier)


def recorder(
    t: Terminal, sale: Sale, customer_id: str, points: int, operator: str
) -> Callable[[sqlite3.Connection, int], None]:
    """The `also` of submit: check the guard again and index the order, in the same
    transaction as the award's outbox row (two processes never both pass)."""

    def record(conn: sqlite3.Connection, outbox_id: int) -> None:
        guard(conn, t, sale.order_id)
        orders.add_order(
            conn,
            order_id=sale.order_id,
            customer_id=customer_id,
            amount=sale.amount,
            currency=sale.currency,
            points=points,
            outbox_id=outbox_id,
            store_id=t.config.store_id,
            operator=operator,
            now=t.clock(),
        )

    return record


def first_award_refusal(
    t: Terminal, customer_id: str, order_id: str, error: ApiError | None
) -> Refused:
    """The backend's `order_already_awarded`, with the first award's time and points when
    the customer's history (online) has it."""
    txn_id = error.transaction_id if isinstance(error, OrderAlreadyAwarded) else None
    found = None
    if txn_id is not None:
        try:
            cursor = None
            for _page in range(_HISTORY_PAGES):
                page = t.counter_client.list_points(
                    customer_id=customer_id, limit=100, cursor=cursor
                )
                found = next((x for x in page.data if x.id == txn_id), None)
                if found is not None or not page.has_more or page.next_cursor is None:
                    break
                cursor = page.next_cursor
        except ApiError:
            found = None
    if found is not None:
        return Refused(
            _(
                "Order {order_id} already earned {points} points on {when} (award "
                "{id}); nothing was awarded."
            ).format(
                order_id=order_id,
                points=number(found.points),
                when=_when(t, found.created_at),
                id=found.id,
            ),
            ALREADY,
        )
    named = _(" (award {txn_id})").format(txn_id=txn_id) if txn_id else ""
    return Refused(
        _(
            "Order {order_id} has already earned points{named}, at another till or "
            "for another customer; nothing was awarded."
        ).format(order_id=order_id, named=named),
        ALREADY,
    )
