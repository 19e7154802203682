"""/v1/customers: look up, search and enrol."""

from __future__ import annotations

import sqlite3
from enum import Enum
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse

from .. import wire
from ..idempotency import Idempotency
from ..ledger import Ledger
from ..paging import decode_cursor, page, query_ts
from ..schemas import CustomerCreate, IdemKey, Limit

TAGS: list[str | Enum] = ["customers"]


def customer_json(ledger: Ledger, row: sqlite3.Row) -> dict[str, Any]:
    """A customer as sent: with their tier and the points that will expire."""
    tier = ledger.rewards.tier_for(row["lifetime_points"])
    return wire.customer(row, tier, ledger.points.expiring(row["id"]))


def install(app: FastAPI, ledger: Ledger, idem: Idempotency) -> None:
    """Add the customer routes to `app`."""

    @app.get("/v1/customers/{customer_id}", tags=TAGS)
    def get_customer(customer_id: str) -> dict[str, Any]:
        with ledger.transaction():
            return customer_json(ledger, ledger.customers.row(customer_id))

    @app.get("/v1/customers", tags=TAGS)
    def list_customers(
        query: Annotated[str | None, Query(max_length=200)] = None,
        updated_since: str | None = None,
        limit: Limit = 20,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        since = query_ts(updated_since, "updated_since")
        after = decode_cursor(cursor, (str, int))
        with ledger.transaction():
            found = ledger.customers.find(query, since, limit, after)
            return page(found, lambda row: customer_json(ledger, row), "updated_at", "seq")

    @app.post("/v1/customers", tags=TAGS)
    def create_customer(
        body: CustomerCreate, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        return idem.run(
            idempotency_key,
            request,
            body,
            lambda: customer_json(
                ledger,
                ledger.customers.create(
                    name=body.name.strip(),
                    email=body.email,
                    phone=body.phone,
                    card_number=body.card_number,
                    metadata=body.metadata,
                ),
            ),
        )
