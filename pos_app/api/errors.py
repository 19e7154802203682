"""The error hierarchy of the LoyalPro client (error_mapping.py maps HTTP answers to it).

`retryable` on a class answers one question: may a retry with the same idempotency key
succeed? Everything else about an error (what to show, what to log) is in its attributes.
"""

from __future__ import annotations

from typing import ClassVar, TypedDict, Unpack

from ..i18n import N_, _

__all__ = [
    "ApiError",
    "CodeTaken",
    "Conflict",
    "CustomerExists",
    "IdempotencyInProgress",
    "IdempotencyKeyReused",
    "InsufficientBalance",
    "InvalidRequest",
    "MismatchedAnswer",
    "NetworkError",
    "NotFound",
    "NotOffered",
    "OrderAlreadyAwarded",
    "OrderNotReturnable",
    "ProtocolError",
    "RateLimited",
    "RedemptionNotUsable",
    "RedemptionNotVoidable",
    "RequestRefused",
    "ReturnExceedsSale",
    "RewardUnavailable",
    "ServerError",
    "TransientError",
    "Unauthorized",
    "not_offered",
]


class ErrorFields(TypedDict, total=False):
    """What every `ApiError` may be given besides its message (a subclass passes them on)."""

    code: str | None
    status: int | None
    param: str | None


class ApiError(Exception):
    """Any failure of a LoyalPro call: `message` is for the person (stable English, as
    logs and records keep it; `shown` is it in the terminal's language), `code` for logs
    and code."""

    retryable: ClassVar[bool] = False
    default_code: ClassVar[str] = "api_error"
    default_message: ClassVar[str] = N_("The loyalty service refused the request.")

    code: str
    status: int | None
    message: str
    param: str | None

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        param: str | None = None,
    ) -> None:
        self.message = message if message else self.default_message
        self.code = code if code else self.default_code
        self.status = status
        self.param = param
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    @property
    def shown(self) -> str:
        """`message` in the terminal's language, for a person. `message` itself stays
        English (logs, the outbox and the audit log store it): a default message is a
        catalogue entry, the backend's own words are shown as it sent them."""
        return _(self.message)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, "
            f"message={self.message!r}, param={self.param!r})"
        )

    def _scrub(self, secret: str) -> None:
        """Replace every occurrence of `secret` in the text this error carries."""
        if not secret:
            return
        self.message = self.message.replace(secret, "[redacted]")
        self.code = self.code.replace(secret, "[redacted]")
        if self.param is not None:
            self.param = self.param.replace(secret, "[redacted]")
        self.args = (self.message,)


class TransientError(ApiError):
    """The request may succeed if retried with the same idempotency key."""

    retryable = True
    default_code = "transient_error"
    default_message = N_("The loyalty service is temporarily unavailable.")


class NetworkError(TransientError):
    """No complete answer arrived; the request may or may not have been applied.

    `request_sent` is False only when no connection was ever made (connection refused, a
    connect timeout, no free connection in the pool): then the request certainly was not
    applied, and an operation may be abandoned without asking the backend.
    """

    default_code = "network_error"
    default_message = N_("Could not reach the loyalty service.")

    request_sent: bool = True
    # The answer did not come within the call's time (a slow, hanging or trickling
    # backend), as opposed to a connection that was refused, reset or closed.
    timed_out: bool = False


class ServerError(TransientError):
    """Any 5xx answer, whatever its body."""

    default_code = "server_error"
    default_message = N_("The loyalty service had an internal error.")


class RateLimited(TransientError):
    """429: too many requests; `retry_after` is the server's suggested wait in seconds."""

    default_code = "rate_limited"
    default_message = N_("Too many requests to the loyalty service; try again shortly.")

    retry_after: float | None

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: float | None = None,
        **fields: Unpack[ErrorFields],
    ) -> None:
        super().__init__(message, **fields)
        self.retry_after = retry_after


class IdempotencyInProgress(TransientError):
    """409 `idempotency_in_progress`: the first request with this key is still running."""

    default_code = "idempotency_in_progress"
    default_message = N_("The same request is still being processed.")


class InvalidRequest(ApiError):
    """400: the request failed validation; `param` names the offending field."""

    default_code = "invalid_request"
    default_message = N_("The loyalty service rejected the request as invalid.")


class Unauthorized(ApiError):
    """401: the API key is missing or wrong."""

    default_code = "authentication_failed"
    default_message = N_("The terminal's API key was not accepted.")


class InsufficientBalance(ApiError):
    """402: the customer does not have enough points."""

    default_code = "insufficient_balance"
    default_message = N_("The customer does not have enough points.")


class NotFound(ApiError):
    """404: the customer, reward or redemption does not exist."""

    default_code = "not_found"
    default_message = N_("Not found.")


class NotOffered(ApiError):
    """The backend does not serve this part of the contract (a v1-only backend answers a
    v1.1 path 404): it is not a refusal of the request, and no figure stands for it."""

    default_code = "not_offered"
    default_message = N_("This backend does not offer this; it needs LoyalPro API v1.1.")


def not_offered(error: ApiError, what: str) -> NotOffered:
    """What a v1-only backend's 404 for a v1.1 path (`error`) stands for: `what` (say
    "returns") is not offered there."""
    return NotOffered(
        f"This backend does not offer {what}; it needs LoyalPro API v1.1.",
        code="not_offered",
        status=error.status,
    )


class Conflict(ApiError):
    """409: the request conflicts with the current state."""

    default_code = "conflict"
    default_message = N_("The request conflicts with the current state.")


class IdempotencyKeyReused(Conflict):
    """409: this idempotency key was already used with a different body."""

    default_code = "idempotency_key_reused"
    default_message = N_("This idempotency key was already used for a different request.")


class CodeTaken(Conflict):
    """409: the client-issued redemption code already belongs to another redemption."""

    default_code = "code_taken"
    default_message = N_("This redemption code is already taken.")


class CustomerExists(Conflict):
    """409: another customer already has this email, phone or card number."""

    default_code = "customer_exists"
    default_message = N_("Another customer already has these details.")


class RedemptionNotUsable(Conflict):
    """409: only an issued redemption can be used."""

    default_code = "redemption_not_usable"
    default_message = N_("This redemption can no longer be used.")


class RedemptionNotVoidable(Conflict):
    """409: only an issued redemption can be voided."""

    default_code = "redemption_not_voidable"
    default_message = N_("This redemption can no longer be voided.")


class OrderAlreadyAwarded(Conflict):
    """409 (v1.1): this order already earned points; `transaction_id` is the first award."""

    default_code = "order_already_awarded"
    default_message = N_("This order has already earned points.")

    def __init__(
        self,
        message: str | None = None,
        *,
        transaction_id: str | None = None,
        **fields: Unpack[ErrorFields],
    ) -> None:
        super().__init__(message, **fields)
        self.transaction_id = transaction_id


class OrderNotReturnable(ApiError):
    """422 (v1.1): the order's award has no amount, so no share of it can be taken back."""

    default_code = "order_not_returnable"
    default_message = N_("This order's award has no sale amount: its points cannot be returned.")


class ReturnExceedsSale(ApiError):
    """422 (v1.1): the returns of the order would add up to more than the sale."""

    default_code = "return_exceeds_sale"
    default_message = N_("This return would take back more than the sale.")


class RewardUnavailable(ApiError):
    """422: the reward is inactive or the customer's tier is too low."""

    default_code = "reward_unavailable"
    default_message = N_("This reward is not available to the customer.")


class RequestRefused(ApiError):
    """A 4xx status the contract does not list, with a well-formed error object."""

    default_code = "request_refused"
    default_message = N_("The loyalty service refused the request.")


class ProtocolError(ApiError):
    """The answer does not follow the contract (bad JSON, wrong types, unexpected status)."""

    default_code = "protocol_error"
    default_message = N_("The loyalty service sent an answer the terminal does not understand.")


class MismatchedAnswer(ProtocolError):
    """A well-formed answer about another object than the one asked for: another code,
    customer, reward or number of points (a proxy's cache, a routing bug, a mixed-up reply).

    It says nothing about the operation asked for, which may or may not have been applied:
    the operation stays pending and is asked again with its idempotency key.
    """

    default_code = "mismatched_answer"
    default_message = N_("The loyalty service answered about something else than was asked.")
