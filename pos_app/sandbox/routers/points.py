"""/v1/points: award, redeem, adjust, return (v1.1), and a customer's history.

With `v11` (API.md "Version 1.1"), the bodies carry `store_id`, an award's sale
(`metadata.order_id`) is awarded once, a per-point reward's points are checked before the
key, and /v1/points/return is served; without it, the sandbox answers as a v1 backend."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse

from .. import schemas11, wire
from ..clock import format_ts
from ..errors import LedgerError
from ..handlers import error_response
from ..idempotency import Idempotency
from ..ledger import Ledger
from ..paging import decode_cursor, page
from ..schemas import AdjustRequest, AwardRequest, IdemKey, Limit, RedeemRequest

TAGS: list[str | Enum] = ["points"]


class _Points:
    """The work behind each route, for a v1 or a v1.1 body."""

    def __init__(self, ledger: Ledger, idem: Idempotency, v11: bool) -> None:
        self.ledger, self.idem, self.v11 = ledger, idem, v11

    def award(
        self, body: AwardRequest, store_id: str | None, request: Request, key: str | None
    ) -> JSONResponse:
        ledger = self.ledger
        if body.expires_at is not None and body.expires_at <= format_ts(ledger.clock.now()):
            return error_response(
                400, "invalid_request", "expires_at is already past.", "expires_at"
            )
        order_id = None
        if self.v11:  # the sale's currency, when not given, is the merchant's
            try:
                order_id = schemas11.sale_of(body.metadata)
            except LedgerError as refusal:
                return JSONResponse(refusal.body(), status_code=refusal.status)
        return self.idem.run(
            key,
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
                    store_id=store_id,
                    order_id=order_id,
                ),
                self.v11,
            ),
        )

    def redeem(
        self, body: RedeemRequest, store_id: str | None, request: Request, key: str | None
    ) -> JSONResponse:
        ledger = self.ledger
        if self.v11:  # checks that need the reward are validation, before the key (v1.1)
            with ledger.lock:
                reward = ledger.rewards.lookup(body.reward_id)
                wrong = (
                    None if reward is None else ledger.rewards.points_refusal(reward, body.points)
                )
            if wrong is not None:
                return JSONResponse(wrong.body(), status_code=wrong.status)
        return self.idem.run(
            key,
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
                    store_id=store_id,
                    v11=self.v11,
                ),
                self.v11,
            ),
        )

    def adjust(
        self, body: AdjustRequest, store_id: str | None, request: Request, key: str | None
    ) -> JSONResponse:
        if body.points == 0:
            return error_response(400, "invalid_request", "points must not be 0.", "points")
        return self.idem.run(
            key,
            request,
            body,
            lambda: wire.transaction(
                self.ledger.points.adjust(
                    body.customer_id,
                    body.points,
                    reason=body.reason.strip(),
                    metadata=body.metadata,
                    store_id=store_id,
                ),
                self.v11,
            ),
        )


def install(app: FastAPI, ledger: Ledger, idem: Idempotency, *, v11: bool = True) -> None:
    """Add the points routes to `app`."""
    work = _Points(ledger, idem, v11)
    if v11:
        _install_v11(app, ledger, idem, work)
    else:
        _install_v1(app, work)

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
            return page(found, wire.transaction if v11 else wire.transaction_v1, "seq")


def _install_v1(app: FastAPI, work: _Points) -> None:
    @app.post("/v1/points/award", tags=TAGS)
    def award(
        body: AwardRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        return work.award(body, None, request, idempotency_key)

    @app.post("/v1/points/redeem", tags=TAGS)
    def redeem(
        body: RedeemRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        return work.redeem(body, None, request, idempotency_key)

    @app.post("/v1/points/adjust", tags=TAGS)
    def adjust(
        body: AdjustRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        return work.adjust(body, None, request, idempotency_key)


def _install_v11(app: FastAPI, ledger: Ledger, idem: Idempotency, work: _Points) -> None:
    @app.post("/v1/points/award", tags=TAGS)
    def award(
        body: schemas11.AwardRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        return work.award(body, body.store_id, request, idempotency_key)

    @app.post("/v1/points/redeem", tags=TAGS)
    def redeem(
        body: schemas11.RedeemRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        return work.redeem(body, body.store_id, request, idempotency_key)

    @app.post("/v1/points/adjust", tags=TAGS)
    def adjust(
        body: schemas11.AdjustRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        return work.adjust(body, body.store_id, request, idempotency_key)

    @app.post("/v1/points/return", tags=TAGS)
    def return_points(
        body: schemas11.ReturnRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        return idem.run(
            idempotency_key,
            request,
            body,
            lambda: wire.return_(
                ledger.returns.take_back(
                    body.customer_id,
                    body.order_id,
                    body.returned_amount,
                    reason=body.reason,
                    store_id=body.store_id,
                    metadata=body.metadata,
                )
            ),
        )
