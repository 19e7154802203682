"""/v1/redemptions: look up and list codes, use one at the till, void one."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse

from .. import wire
from ..idempotency import Idempotency
from ..ledger import Ledger
from ..paging import decode_cursor, page, query_ts
from ..schemas import IdemKey, Limit, VoidRequest

TAGS: list[str | Enum] = ["redemptions"]


@dataclass(frozen=True)
class _Filters:
    """The query of GET /v1/redemptions, v1 and v1.1 alike, as it came (read by the route)."""

    created_from: str | None
    created_to: str | None
    terminal_id: str | None
    status: Literal["issued", "used", "void"] | None
    updated_since: str | None
    limit: int
    cursor: str | None


def _filters(
    created_from: str | None = None,
    created_to: str | None = None,
    terminal_id: str | None = None,
    status: Literal["issued", "used", "void"] | None = None,
    updated_since: str | None = None,
    limit: Limit = 20,
    cursor: str | None = None,
) -> _Filters:
    return _Filters(created_from, created_to, terminal_id, status, updated_since, limit, cursor)


def _store(
    store_id: Annotated[str | None, Query(pattern=r"^[\x20-\x7e]{1,64}$")] = None,
) -> str | None:
    return store_id


def _no_store() -> None:
    """v1: no `store_id` in the query."""
    return None


def install(app: FastAPI, ledger: Ledger, idem: Idempotency, *, v11: bool = True) -> None:
    """Add the redemption routes to `app` (`v11`: with stores, API.md "Version 1.1")."""
    shape = wire.redemption if v11 else wire.redemption_v1

    @app.get("/v1/redemptions/{id_or_code}", tags=TAGS)
    def get_redemption(id_or_code: str) -> dict[str, Any]:
        with ledger.transaction():
            return shape(ledger.redemptions.row(id_or_code))

    @app.get("/v1/redemptions", tags=TAGS, name="list_redemptions")
    def list_redemptions(
        filters: _Filters = Depends(_filters),  # noqa: B008
        store_id: str | None = Depends(_store if v11 else _no_store),
    ) -> dict[str, Any]:
        c_from = query_ts(filters.created_from, "created_from")
        c_to = query_ts(filters.created_to, "created_to")
        since = query_ts(filters.updated_since, "updated_since")
        after = decode_cursor(filters.cursor, (str, int))
        key = "updated_at" if since is not None else "created_at"
        with ledger.transaction():
            found = ledger.redemptions.find(
                created_from=c_from,
                created_to=c_to,
                terminal_id=filters.terminal_id,
                status=filters.status,
                updated_since=since,
                limit=filters.limit,
                after=after,
                store_id=store_id,
            )
            return page(found, shape, key, "seq")

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
