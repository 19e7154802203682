"""/v1/redemptions: look up and list codes, use one at the till, void one."""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .. import wire
from ..idempotency import Idempotency
from ..ledger import Ledger
from ..paging import decode_cursor, page, query_ts
from ..schemas import IdemKey, Limit, VoidRequest

TAGS: list[str | Enum] = ["redemptions"]


def install(app: FastAPI, ledger: Ledger, idem: Idempotency) -> None:
    """Add the redemption routes to `app`."""

    @app.get("/v1/redemptions/{id_or_code}", tags=TAGS)
    def get_redemption(id_or_code: str) -> dict[str, Any]:
        with ledger.transaction():
            return wire.redemption(ledger.redemptions.row(id_or_code))

    @app.get("/v1/redemptions", tags=TAGS)
    def list_redemptions(
        created_from: str | None = None,
        created_to: str | None = None,
        terminal_id: str | None = None,
        status: Literal["issued", "used", "void"] | None = None,
        updated_since: str | None = None,
        limit: Limit = 20,
        cursor: str | None = None,
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
            )
            return page(found, wire.redemption, key, "seq")

    @app.post("/v1/redemptions/{id_or_code}/use", tags=TAGS)
    def use(id_or_code: str, request: Request, idempotency_key: IdemKey = None) -> JSONResponse:
        return idem.run(
            idempotency_key,
            request,
            {},
            lambda: wire.redemption(ledger.redemptions.use(id_or_code)),
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
            lambda: wire.redemption(ledger.redemptions.void(id_or_code, reason)),
        )
