"""The HTTP answers of failures: every failure (a ledger's refusal, invalid input, an
unknown path or method, a crash) answered with the contract's error object."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .errors import LedgerError, error_body


def error_response(
    status: int,
    code: str,
    message: str,
    param: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(code, message, param), status_code=status, headers=headers)


def _allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method some route serves at `path`: what a 405's Allow header must list."""
    allowed: set[str] = set()
    for route in app.routes:
        pattern = getattr(route, "path_regex", None)
        methods = getattr(route, "methods", None)
        if pattern is not None and methods and pattern.match(path):
            allowed.update(methods)
    return sorted(allowed)


def _invalid(exc: RequestValidationError) -> JSONResponse:
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
    return error_response(400, "invalid_request", f"{param}: {msg}." if param else f"{msg}.", param)


def install_error_handlers(app: FastAPI) -> None:
    """Every answer but a success carries the contract's error object."""

    @app.exception_handler(LedgerError)
    async def on_ledger_error(_: Request, exc: LedgerError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _invalid(exc)

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
