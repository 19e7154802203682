"""Searching customers: in the local cache, so the counter answers as a person types, with
the backend as a fallback for a terminal that has not pulled its cache yet.

A module of its own, apart from the rest of the lookups (services/lookup.py, which
re-exports both names): `customer find` and the lookup screen's typing need neither a
customer's view and rewards nor the backend's error mapping, and the command line paid for
importing them (their classes, the API's errors, the queue's verdicts) on every search."""

from __future__ import annotations

from ..domain import phones
from ..domain.models import CustomerInfo
from ..store import cache
from . import validate
from .errors import BadInput
from .terminal import Terminal


def find(t: Terminal, query: str, limit: int = 20) -> list[CustomerInfo]:
    text = validate.query(query)
    phone = phones.maybe_e164(text, t.config.phone_region)
    found = cache.find_customers(t.db.conn, text, limit, phone=phone)
    pulled = cache.get_cursor(t.db.conn, "customers") is not None
    if found or pulled:
        return found
    if not t.has_backend:
        raise BadInput(t.missing_backend, "not_configured")
    # Nothing cached yet (a fresh terminal): ask the backend and keep what it says.
    from ..api import ApiError
    from . import backend

    try:
        page = t.counter_client.list_customers(query=text, limit=min(limit, 100))
    except ApiError as error:
        raise backend.translate(
            error, what="Searching a terminal that has not synced yet"
        ) from None
    from ..sync import mapping  # the API's models: only when the backend answered

    now = t.clock()
    with t.db.transaction() as conn:
        for c in page.data:
            cache.upsert_customer(conn, mapping.customer(c, now))
    return [mapping.customer(c, now) for c in page.data]


def recent(t: Terminal, limit: int = 12) -> list[CustomerInfo]:
    """The customers served most recently, for an empty search."""
    return cache.recent_customers(t.db.conn, limit)
