"""/v1/points: award, redeem, adjust, and a customer's history."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse

from .. import wire
from ..clock import format_ts
from ..handlers import error_response
from ..idempotency import Idempotency
from ..ledger import Ledger
from ..paging import decode_cursor, page
from ..schemas import AdjustRequest, AwardRequest, IdemKey, Limit, RedeemRequest

TAGS: list[str | Enum] = ["points"]


def install(app: FastAPI, ledger: Ledger, idem: Idempotency) -> None:
    """Add the points routes to `app`."""

    @app.post("/v1/points/award", tags=TAGS)
    def award(
        body: AwardRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        if body.expires_at is not None and body.expires_at <= format_ts(ledger.clock.now()):
            return error_response(
                400, "invalid_request", "expires_at is already past.", "expires_at"
            )
        return idem.run(
            idempotency_key,
            request,
            body,
            lambda: wire.transaction(
                ledger.points.award(
                    body.customer_id,
                    body.points,
                    reason=body.reason,
                    bonus=body.type == "bonus",
                    metadata=body.metadata,
                    expires_at=body.expires_at,
                )
            ),
        )

    @app.post("/v1/points/redeem", tags=TAGS)
    def redeem(
        body: RedeemRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        return idem.run(
            idempotency_key,
            request,
            body,
            lambda: wire.redemption(
                ledger.redemptions.redeem(
                    body.customer_id,
                    body.reward_id,
                    body.points,
                    code=body.code,
                    occurred_at=body.occurred_at,
                    terminal_id=body.terminal_id,
                    metadata=body.metadata,
                )
            ),
        )

    @app.post("/v1/points/adjust", tags=TAGS)
    def adjust(
        body: AdjustRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        if body.points == 0:
            return error_response(400, "invalid_request", "points must not be 0.", "points")
        return idem.run(
            idempotency_key,
            request,
            body,
            lambda: wire.transaction(
                ledger.points.adjust(
                    body.customer_id,
                    body.points,
                    reason=body.reason.strip(),
                    metadata=body.metadata,
                )
            ),
        )

    @app.get("/v1/points", tags=TAGS)
    def list_points(
        customer_id: Annotated[str, Query(min_length=1, max_length=64)],
        limit: Limit = 20,
        order: Literal["desc", "asc"] = "desc",
        cursor: str | None = None,
    ) -> dict[str, Any]:
        after = decode_cursor(cursor, (int,))
        with ledger.transaction():
            found = ledger.points.history(customer_id, limit, order, after)
            return page(found, wire.transaction, "seq")
