"""What a failed call says, and about whom: the operation, or this terminal's setup.

A refusal about the operation (402, 409 `code_taken`, a 404 for its customer, a 400
naming one of its fields) is final and kept for a manager. A failure that says the
backend is misconfigured for this terminal (its key refused, a route the backend does
not have, a request it cannot parse, an answer that is not the contract) is no verdict
on the operation at all: the queue pauses and every operation stays pending, so that a
rotated key does not turn a chain's queues into conflicts.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..api import (
    ApiError,
    InvalidRequest,
    NetworkError,
    NotFound,
    ProtocolError,
    RateLimited,
    RequestRefused,
    ServerError,
    Unauthorized,
)
from ..i18n import N_

# The 404 codes of API.md: each names the object an operation is about. Any other 404
# (`not_found` from an unknown route, a proxy's page) is about the URL, not the operation.
OBJECT_NOT_FOUND = frozenset(
    {"customer_not_found", "reward_not_found", "redemption_not_found", "order_not_found"}
)

# Stored as they are (the outbox's last_error: stable English); `_(reason)` where shown.
KEY_REFUSED = N_("The loyalty service refused this terminal's key.")
NOT_LOYALPRO = "The backend URL does not answer as a LoyalPro service"  # + a technical detail


@dataclass(frozen=True, slots=True)
class Misconfiguration:
    """Why the backend cannot be used by this terminal, in plain words for the cashier.
    `code` is "unauthorized" (the key) or "misconfigured" (the URL, a proxy, a version)."""

    code: str
    reason: str


def misconfiguration(
    error: ApiError, carried: Collection[str] | None = None
) -> Misconfiguration | None:
    """The misconfiguration `error` reveals, or None if it may be about the request.
    `carried` names the fields the request sent (None for a read, which sends none)."""
    if isinstance(error, Unauthorized):
        return Misconfiguration("unauthorized", KEY_REFUSED)
    if isinstance(error, ProtocolError):
        return Misconfiguration("misconfigured", f"{NOT_LOYALPRO} ({error.message})")
    if isinstance(error, NotFound) and error.code not in OBJECT_NOT_FOUND:
        return Misconfiguration(
            "misconfigured", f"{NOT_LOYALPRO} (HTTP 404 {error.code}: no such route)."
        )
    if isinstance(error, InvalidRequest) and not _names_a_field(error.param, carried):
        return Misconfiguration(
            "misconfigured",
            f"{NOT_LOYALPRO}: it rejects this terminal's requests as malformed "
            f"(HTTP 400 {error.code}).",
        )
    if isinstance(error, RequestRefused):  # a 4xx status the contract does not use
        return Misconfiguration(
            "misconfigured", f"{NOT_LOYALPRO} (HTTP {error.status} {error.code})."
        )
    return None


def _names_a_field(param: str | None, carried: Collection[str] | None) -> bool:
    """A 400 is about the operation only if it names a field the request carried
    (`metadata.order_id` is about `metadata`)."""
    if not param or not carried:
        return False
    return param.split(".", 1)[0].split("[", 1)[0] in carried


def certainly_not_applied(error: ApiError) -> bool:
    """True when the backend certainly did not apply the request (API.md): a 503
    `unavailable`, a 429, or no connection ever made. Everything else that is not a final
    answer (a 500, a timeout after sending, a dropped answer, `idempotency_in_progress`,
    an answer that is not the contract) may hide an applied request."""
    if isinstance(error, NetworkError):
        return not error.request_sent
    if isinstance(error, RateLimited):
        return True
    if isinstance(error, ServerError):
        return error.status == 503 and error.code == "unavailable"
    # Refused before anything was applied (API.md: order of checks).
    return isinstance(error, Unauthorized | NotFound | InvalidRequest | RequestRefused)
