"""/v1/points: award, redeem, adjust, return (v1.1), and a customer's history.

With `v11` (API.md "Version 1.1"), the bodies carry `store_id`, an award's sale
(`metadata.order_id`) is awarded once, a per-point reward's points are checked before the
key, and /v1/points/return is served; without it, the sandbox answers as a v1 backend."""

from __future__ import annotations

from collections.abc import Callable
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
_Run = Callable[[Any, str | None, Request, str | None], JSONResponse]  # body, store, request, key


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
    _install_moves(app, work, v11)
    if v11:
        _install_return(app, ledger, idem)

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


def _install_moves(app: FastAPI, work: _Points, v11: bool) -> None:
    """POST award, redeem and adjust: the v1 bodies, or the v1.1 ones (with `store_id`)."""
    moves: list[tuple[str, type, type, _Run]] = [
        ("award", AwardRequest, schemas11.AwardRequest, work.award),
        ("redeem", RedeemRequest, schemas11.RedeemRequest, work.redeem),
        ("adjust", AdjustRequest, schemas11.AdjustRequest, work.adjust),
    ]
    for name, v1_body, v11_body, run in moves:
        route = _move_route(run, v11_body if v11 else v1_body, v11)
        app.post(f"/v1/points/{name}", tags=TAGS, name=name)(route)


def _move_route(run: _Run, body_model: type, v11: bool) -> Callable[..., JSONResponse]:
    def move(body: Any, request: Request, idempotency_key: IdemKey = None) -> JSONResponse:
        return run(body, body.store_id if v11 else None, request, idempotency_key)

    # FastAPI reads the body's model from its annotation.
    move.__annotations__ = {**move.__annotations__, "body": body_model}
    return move


def _install_return(app: FastAPI, ledger: Ledger, idem: Idempotency) -> None:
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
