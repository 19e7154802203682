"""Refusals: the contract's error object, and the exception the ledger's books raise for
a refusal of the contract's table. No web stack here: handlers.py turns them into HTTP
answers."""

from __future__ import annotations

from typing import Any

_KINDS = {
    "authentication_failed": "authentication_error",
    "idempotency_key_reused": "idempotency_error",
    "idempotency_in_progress": "idempotency_error",
    "rate_limited": "rate_limit_error",
    "internal_error": "api_error",
    "unavailable": "api_error",
}


class LedgerError(Exception):
    """A refusal of the contract's table: HTTP status, machine code, message, param."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        param: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.param = param
        self.extra = extra  # more fields of the error object (order_already_awarded's id)

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.param, self.extra)


def error_body(
    code: str, message: str, param: str | None = None, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    kind = _KINDS.get(code, "request_error")
    err: dict[str, Any] = {"type": kind, "code": code, "message": message}
    if param is not None:
        err["param"] = param
    err.update(extra or {})
    return {"error": err}
