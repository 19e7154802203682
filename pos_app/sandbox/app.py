"""The sandbox's HTTP surface: API.md served by FastAPI over a `Ledger`.

Order of checks (API.md): authentication (the ASGI layer in faults.py), validation
(pydantic models and query constraints), the idempotency key, then existence and
business rules inside the ledger, all in one transaction.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import threading
import time
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr
from starlette.exceptions import HTTPException as StarletteHTTPException

from .faults import FaultState
from .ledger import CODE_RE, MAX_POINTS, Ledger, LedgerError, format_ts, parse_ts
from .openapi import install_openapi

IDEMPOTENCY_KEY_RE = re.compile(r"^[\x20-\x7e]{1,255}$")
Metadata = dict[str, Any]


def error_body(code: str, message: str, param: str | None = None) -> dict[str, Any]:
    kind = {
        "authentication_failed": "authentication_error",
        "idempotency_key_reused": "idempotency_error",
        "idempotency_in_progress": "idempotency_error",
        "rate_limited": "rate_limit_error",
        "internal_error": "api_error",
        "unavailable": "api_error",
    }.get(code, "request_error")
    err: dict[str, Any] = {"type": kind, "code": code, "message": message}
    if param is not None:
        err["param"] = param
    return {"error": err}


def error_response(
    status: int,
    code: str,
    message: str,
    param: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(code, message, param), status_code=status, headers=headers)


# ------------------------------------------------------------------ validation helpers
def _check_metadata(value: Metadata | None) -> Metadata | None:
    if value is None:
        return None
    if len(value) > 50:
        raise ValueError("at most 50 keys")
    for key, item in value.items():
        if not key or len(key) > 40:
            raise ValueError(f"key {key[:40]!r} must be 1-40 characters")
        if isinstance(item, str):
            if len(item) > 500:
                raise ValueError(f"value of {key!r} is longer than 500 characters")
        elif isinstance(item, bool | int):
            if isinstance(item, int) and not isinstance(item, bool) and abs(item) > 2**53:
                raise ValueError(f"value of {key!r} is too large")
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise ValueError(f"value of {key!r} must be a finite number")
        else:
            raise ValueError(f"value of {key!r} must be a string, a number or a boolean")
    return value


def _check_timestamp(value: str | None) -> str | None:
    return None if value is None else format_ts(parse_ts(value))


def _check_text(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("must not be blank")
    return value


def _check_code(value: str | None) -> str | None:
    if value is not None and not CODE_RE.match(value):
        raise ValueError("must match ^REDEEM-[0-9A-Z]{6,12}$")
    return value


MetadataField = Annotated[Metadata | None, AfterValidator(_check_metadata)]
Timestamp = Annotated[StrictStr | None, AfterValidator(_check_timestamp)]
Reason = Annotated[StrictStr | None, Field(max_length=500), AfterValidator(_check_text)]
Points = Annotated[StrictInt, Field(ge=1, le=MAX_POINTS)]
ShortId = Annotated[StrictStr, Field(min_length=1, max_length=64)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CustomerCreate(_Body):
    name: Annotated[StrictStr, Field(min_length=1, max_length=200), AfterValidator(_check_text)]
    email: Annotated[StrictStr | None, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")] = None
    phone: Annotated[StrictStr | None, Field(pattern=r"^\+?[0-9][0-9 \-]{5,19}$")] = None
    card_number: Annotated[StrictStr | None, Field(pattern=r"^[A-Za-z0-9]{4,32}$")] = None
    metadata: MetadataField = None


class AwardRequest(_Body):
    customer_id: ShortId
    points: Points
    reason: Reason = None
    type: Literal["earned", "bonus"] = "earned"
    metadata: MetadataField = None
    expires_at: Timestamp = None


class RedeemRequest(_Body):
    customer_id: ShortId
    reward_id: ShortId
    points: Points
    code: Annotated[StrictStr | None, AfterValidator(_check_code)] = None
    occurred_at: Timestamp = None
    terminal_id: Annotated[StrictStr | None, Field(min_length=1, max_length=64)] = None
    metadata: MetadataField = None


class AdjustRequest(_Body):
    customer_id: ShortId
    points: Annotated[StrictInt, Field(ge=-MAX_POINTS, le=MAX_POINTS)]
    reason: Annotated[StrictStr, Field(min_length=1, max_length=500), AfterValidator(_check_text)]
    metadata: MetadataField = None


class VoidRequest(_Body):
    reason: Reason = None


class FaultsModel(_Body):
    error_rate: Annotated[float, Field(ge=0, le=1)] = 0.0
    latency_ms: Annotated[StrictInt, Field(ge=0, le=120_000)] = 0
    drop_response_rate: Annotated[float, Field(ge=0, le=1)] = 0.0
    outage: StrictBool = False
    rate_limit_rate: Annotated[float, Field(ge=0, le=1)] = 0.0


class ClockModel(_Body):
    now: Timestamp = None
    advance_seconds: Annotated[StrictInt | None, Field(ge=-(10**9), le=10**9)] = None


Limit = Annotated[int, Query(ge=1, le=100)]
IdemKey = Annotated[str | None, Header(alias="Idempotency-Key")]


# ------------------------------------------------------------------ cursors
def encode_cursor(*parts: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, shape: tuple[type, ...]) -> Any:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        parts = json.loads(raw)
        if (
            not isinstance(parts, list)
            or len(parts) != len(shape)
            or not all(
                isinstance(p, t) and not isinstance(p, bool)
                for p, t in zip(parts, shape, strict=True)
            )
        ):
            raise ValueError
    except ValueError:
        raise LedgerError(
            400, "invalid_request", "cursor is not one this server issued.", "cursor"
        ) from None
    return parts[0] if len(parts) == 1 else tuple(parts)


def page(data: list[dict[str, Any]], has_more: bool, next_cursor: str | None) -> dict[str, Any]:
    return {
        "object": "list",
        "data": data,
        "has_more": has_more,
        "next_cursor": next_cursor if has_more else None,
    }


def query_ts(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return format_ts(parse_ts(value))
    except ValueError as exc:
        raise LedgerError(400, "invalid_request", f"{name}: {exc}", name) from None


# ------------------------------------------------------------------ idempotency
class Idempotency:
    """Replays answers by key (24 h) and refuses a key whose first request still runs."""

    def __init__(self, ledger: Ledger, faults: FaultState) -> None:
        self.ledger = ledger
        self.faults = faults
        self._running: set[str] = set()
        self._guard = threading.Lock()

    def is_running(self, key: str) -> bool:
        """Whether a request holding this key is being processed (for tests and demos)."""
        with self._guard:
            return key in self._running

    def run(
        self,
        key: str | None,
        request: Request,
        body: dict[str, Any],
        work: Callable[[], dict[str, Any]],
        status: int = 200,
    ) -> JSONResponse:
        if key is not None and not IDEMPOTENCY_KEY_RE.match(key):
            return error_response(
                400,
                "invalid_request",
                "Idempotency-Key must be 1-255 printable ASCII characters.",
                "Idempotency-Key",
            )
        request_hash = hashlib.sha256(
            json.dumps([request.method, request.url.path, body], sort_keys=True).encode()
        ).hexdigest()
        if key is not None:
            with self.ledger.lock:
                stored = self.ledger.idempotent_answer(key)
            if stored is not None:
                if stored["request_hash"] != request_hash:
                    return error_response(
                        409,
                        "idempotency_key_reused",
                        "This Idempotency-Key was used with another request.",
                    )
                return JSONResponse(
                    json.loads(stored["body"]),
                    status_code=stored["status"],
                    headers={"Idempotent-Replayed": "true"},
                )
            with self._guard:
                if key in self._running:
                    return error_response(
                        409,
                        "idempotency_in_progress",
                        "A request with this Idempotency-Key is still running; retry shortly.",
                    )
                self._running.add(key)
        try:
            self.faults.processing_delay()
            try:
                with self.ledger.transaction():
                    answer_status, answer = status, work()
                    if key is not None:
                        self.ledger.store_answer(
                            key, request_hash, answer_status, json.dumps(answer)
                        )
            except LedgerError as refusal:
                answer_status = refusal.status
                answer = error_body(refusal.code, refusal.message, refusal.param)
                if key is not None and refusal.status != 400:
                    with self.ledger.transaction():
                        self.ledger.store_answer(
                            key, request_hash, answer_status, json.dumps(answer)
                        )
            return JSONResponse(answer, status_code=answer_status)
        finally:
            if key is not None:
                with self._guard:
                    self._running.discard(key)


# ------------------------------------------------------------------ the app
def _allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method some route serves at `path`: what a 405's Allow header must list."""
    allowed: set[str] = set()
    for route in app.routes:
        pattern = getattr(route, "path_regex", None)
        methods = getattr(route, "methods", None)
        if pattern is not None and methods and pattern.match(path):
            allowed.update(methods)
    return sorted(allowed)


def create_app(ledger: Ledger, faults: FaultState) -> FastAPI:
    app = FastAPI(
        title="LoyalPro sandbox",
        version="1",
        description="A LoyalPro-compatible backend for development, demos and tests. "
        "Not a production loyalty backend.",
    )
    install_openapi(app)  # the answers the sandbox really gives, not FastAPI's 422s
    idem = Idempotency(ledger, faults)
    app.state.idempotency = idem

    @app.exception_handler(LedgerError)
    async def on_ledger_error(_: Request, exc: LedgerError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.param)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "header")]
        param = ".".join(loc) or None
        if first.get("type") == "json_invalid":
            return error_response(400, "invalid_request", "The request body is not valid JSON.")
        if first.get("type") == "missing" and not loc:
            return error_response(400, "invalid_request", "A JSON request body is required.")
        if not loc:
            return error_response(
                400,
                "invalid_request",
                "The request body must be a JSON object (Content-Type: application/json).",
            )
        msg = str(first.get("msg", "is invalid")).removeprefix("Value error, ")
        return error_response(
            400, "invalid_request", f"{param}: {msg}." if param else f"{msg}.", param
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = "not_found" if exc.status_code == 404 else "invalid_request"
        headers = dict(exc.headers) if exc.headers else {}
        if exc.status_code == 405:
            # Starlette names the methods of the first route with this path only.
            headers["Allow"] = ", ".join(_allowed_methods(app, request.url.path))
        return error_response(exc.status_code, code, str(exc.detail), headers=headers or None)

    @app.exception_handler(Exception)
    async def on_crash(_: Request, exc: Exception) -> JSONResponse:
        return error_response(500, "internal_error", "The sandbox hit an internal error.")

    def read(work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        with ledger.transaction():
            return work()

    # ---- customers
    @app.get("/v1/customers/{customer_id}", tags=["customers"])
    def get_customer(customer_id: str) -> dict[str, Any]:
        return read(lambda: ledger.customer_json(ledger.customer_row(customer_id)))

    @app.get("/v1/customers", tags=["customers"])
    def list_customers(
        query: Annotated[str | None, Query(max_length=200)] = None,
        updated_since: str | None = None,
        limit: Limit = 20,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        since = query_ts(updated_since, "updated_since")
        after = decode_cursor(cursor, (str, int))

        def work() -> dict[str, Any]:
            rows, more = ledger.find_customers(query, since, limit, after)
            nxt = encode_cursor(rows[-1]["updated_at"], rows[-1]["seq"]) if rows else None
            return page([ledger.customer_json(r) for r in rows], more, nxt)

        return read(work)

    @app.post("/v1/customers", tags=["customers"])
    def create_customer(
        body: CustomerCreate, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        return idem.run(
            idempotency_key,
            request,
            body.model_dump(mode="json"),
            lambda: ledger.customer_json(
                ledger.create_customer(
                    name=body.name.strip(),
                    email=body.email,
                    phone=body.phone,
                    card_number=body.card_number,
                    metadata=body.metadata,
                )
            ),
        )

    # ---- points
    @app.post("/v1/points/award", tags=["points"])
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
            body.model_dump(mode="json"),
            lambda: ledger.transaction_json(
                ledger.award(
                    body.customer_id,
                    body.points,
                    reason=body.reason,
                    bonus=body.type == "bonus",
                    metadata=body.metadata,
                    expires_at=body.expires_at,
                )
            ),
        )

    @app.post("/v1/points/redeem", tags=["points"])
    def redeem(
        body: RedeemRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        return idem.run(
            idempotency_key,
            request,
            body.model_dump(mode="json"),
            lambda: ledger.redemption_json(
                ledger.redeem(
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

    @app.post("/v1/points/adjust", tags=["points"])
    def adjust(
        body: AdjustRequest, request: Request, idempotency_key: IdemKey = None
    ) -> JSONResponse:
        if body.points == 0:
            return error_response(400, "invalid_request", "points must not be 0.", "points")
        return idem.run(
            idempotency_key,
            request,
            body.model_dump(mode="json"),
            lambda: ledger.transaction_json(
                ledger.adjust(
                    body.customer_id,
                    body.points,
                    reason=body.reason.strip(),
                    metadata=body.metadata,
                )
            ),
        )

    @app.get("/v1/points", tags=["points"])
    def list_points(
        customer_id: Annotated[str, Query(min_length=1, max_length=64)],
        limit: Limit = 20,
        order: Literal["desc", "asc"] = "desc",
        cursor: str | None = None,
    ) -> dict[str, Any]:
        after = decode_cursor(cursor, (int,))

        def work() -> dict[str, Any]:
            rows, more = ledger.list_transactions(customer_id, limit, order, after)
            nxt = encode_cursor(rows[-1]["seq"]) if rows else None
            return page([ledger.transaction_json(r) for r in rows], more, nxt)

        return read(work)

    # ---- rewards and tiers
    @app.get("/v1/rewards", tags=["rewards"])
    def list_rewards(
        active: bool | None = None,
        updated_since: str | None = None,
        limit: Limit = 100,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        since = query_ts(updated_since, "updated_since")
        after = decode_cursor(cursor, (str, int))

        def work() -> dict[str, Any]:
            rows, more = ledger.list_rewards(active, since, limit, after)
            nxt = encode_cursor(rows[-1]["updated_at"], rows[-1]["seq"]) if rows else None
            return page([ledger.reward_json(r) for r in rows], more, nxt)

        return read(work)

    @app.get("/v1/tiers", tags=["rewards"])
    def list_tiers() -> dict[str, Any]:
        return read(lambda: page(ledger.tier_json(), False, None))

    # ---- redemptions
    @app.get("/v1/redemptions/{id_or_code}", tags=["redemptions"])
    def get_redemption(id_or_code: str) -> dict[str, Any]:
        return read(lambda: ledger.redemption_json(ledger.redemption_row(id_or_code)))

    @app.get("/v1/redemptions", tags=["redemptions"])
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

        def work() -> dict[str, Any]:
            rows, more = ledger.list_redemptions(
                created_from=c_from,
                created_to=c_to,
                terminal_id=terminal_id,
                status=status,
                updated_since=since,
                limit=limit,
                after=after,
            )
            nxt = encode_cursor(rows[-1][key], rows[-1]["seq"]) if rows else None
            return page([ledger.redemption_json(r) for r in rows], more, nxt)

        return read(work)

    @app.post("/v1/redemptions/{id_or_code}/use", tags=["redemptions"])
    def use(id_or_code: str, request: Request, idempotency_key: IdemKey = None) -> JSONResponse:
        return idem.run(
            idempotency_key,
            request,
            {},
            lambda: ledger.redemption_json(ledger.use_redemption(id_or_code)),
        )

    @app.post("/v1/redemptions/{id_or_code}/void", tags=["redemptions"])
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
            lambda: ledger.redemption_json(ledger.void_redemption(id_or_code, reason)),
        )

    # ---- sandbox controls (authenticated, never faulted)
    @app.get("/_sandbox/faults", tags=["sandbox"])
    def get_faults() -> FaultsModel:
        return FaultsModel(**faults.as_dict())

    @app.put("/_sandbox/faults", tags=["sandbox"])
    def put_faults(body: FaultsModel) -> FaultsModel:
        faults.update(**body.model_dump())
        return FaultsModel(**faults.as_dict())

    @app.get("/_sandbox/clock", tags=["sandbox"])
    def get_clock() -> dict[str, str]:
        return {"now": format_ts(ledger.clock.now())}

    @app.put("/_sandbox/clock", tags=["sandbox"])
    def put_clock(body: ClockModel) -> dict[str, str]:
        with ledger.lock:
            if body.now is not None:
                ledger.clock.set(parse_ts(body.now))
            if body.advance_seconds is not None:
                ledger.clock.advance(body.advance_seconds)
        return {"now": format_ts(ledger.clock.now())}

    @app.get("/healthz", tags=["sandbox"])
    def healthz() -> dict[str, Any]:
        return {
            "ok": True,
            "time": format_ts(ledger.clock.now()),
            "uptime_s": round(time.monotonic() - started, 1),
        }

    started = time.monotonic()
    return app
