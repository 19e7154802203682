"""/v1/redemptions: look up and list codes, use one at the till, void one."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse

from .. import wire
from ..idempotency import Idempotency
from ..ledger import Ledger
from ..paging import decode_cursor, page, query_ts
from ..schemas import IdemKey, Limit, VoidRequest

TAGS: list[str | Enum] = ["redemptions"]


def install(app: FastAPI, ledger: Ledger, idem: Idempotency, *, v11: bool = True) -> None:
    """Add the redemption routes to `app` (`v11`: with stores, API.md "Version 1.1")."""
    shape = wire.redemption if v11 else wire.redemption_v1

    @app.get("/v1/redemptions/{id_or_code}", tags=TAGS)
    def get_redemption(id_or_code: str) -> dict[str, Any]:
        with ledger.transaction():
            return shape(ledger.redemptions.row(id_or_code))

    def listing(
        created_from: str | None = None,
        created_to: str | None = None,
        terminal_id: str | None = None,
        status: Literal["issued", "used", "void"] | None = None,
        updated_since: str | None = None,
        limit: Limit = 20,
        cursor: str | None = None,
        store_id: str | None = None,
    ) -> dict[str, Any]:
        c_from = query_ts(created_from, "created_from")
        c_to = query_ts(created_to, "created_to")
        since = query_ts(updated_since, "updated_since")
        after = decode_cursor(cursor, (str, int))
        key = "updated_at" if since is not None else "created_at"
        with ledger.transaction():
            found = ledger.redemptions.find(
                created_from=c_from,
                created_to=c_to,
                terminal_id=terminal_id,
                status=status,
                updated_since=since,
                limit=limit,
                after=after,
                store_id=store_id,
            )
            return page(found, shape, key, "seq")

    if v11:

        @app.get("/v1/redemptions", tags=TAGS, name="list_redemptions")
        def list_redemptions_v11(
            created_from: str | None = None,
            created_to: str | None = None,
            terminal_id: str | None = None,
            status: Literal["issued", "used", "void"] | None = None,
            updated_since: str | None = None,
            limit: Limit = 20,
            cursor: str | None = None,
            store_id: Annotated[str | None, Query(pattern=r"^[\x20-\x7e]{1,64}$")] = None,
        ) -> dict[str, Any]:
            return listing(
                created_from,
                created_to,
                terminal_id,
                status,
                updated_since,
                limit,
                cursor,
                store_id,
            )
    else:

        @app.get("/v1/redemptions", tags=TAGS, name="list_redemptions")
        def list_redemptions_v1(
            created_from: str | None = None,
            created_to: str | None = None,
            terminal_id: str | None = None,
            status: Literal["issued", "used", "void"] | None = None,
            updated_since: str | None = None,
            limit: Limit = 20,
            cursor: str | None = None,
        ) -> dict[str, Any]:
            return listing(
                created_from, created_to, terminal_id, status, updated_since, limit, cursor
            )

    @app.post("/v1/redemptions/{id_or_code}/use", tags=TAGS)
    def use(id_or_code: str, request: Request, idempotency_key: IdemKey = None) -> JSONResponse:
        return idem.run(
            idempotency_key,
            request,
            {},
            lambda: shape(ledger.redemptions.use(id_or_code)),
        )

    @app.post("/v1/redemptions/{id_or_code}/void", tags=TAGS)
    def void(
        id_or_code: str,
        request: Request,
        body: VoidRequest | None = None,
        idempotency_key: IdemKey = None,
    ) -> JSONResponse:
        reason = body.reason if body else None
        return idem.run(
            idempotency_key,
            request,
            {"reason": reason},
            lambda: shape(ledger.redemptions.void(id_or_code, reason)),
        )
