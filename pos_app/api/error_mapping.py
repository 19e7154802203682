"""How an HTTP answer that is not a success becomes an `ApiError` (errors.py): the contract's
error object read strictly, the status and code mapping, and Retry-After.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime

from . import errors
from .encoding import read_json

__all__ = ["error_from_response", "parse_retry_after"]

# A server message is shown to a person; anything longer than this is noise (or an attack).
_MAX_MESSAGE_CHARS = 500
_MAX_CODE_CHARS = 100


_BY_STATUS: Mapping[int, type[errors.ApiError]] = {
    400: errors.InvalidRequest,
    401: errors.Unauthorized,
    402: errors.InsufficientBalance,
    404: errors.NotFound,
    409: errors.Conflict,
    422: errors.RewardUnavailable,
}

_CONFLICTS: Mapping[str, type[errors.ApiError]] = {
    "idempotency_in_progress": errors.IdempotencyInProgress,
    "idempotency_key_reused": errors.IdempotencyKeyReused,
    "code_taken": errors.CodeTaken,
    "customer_exists": errors.CustomerExists,
    "redemption_not_usable": errors.RedemptionNotUsable,
    "redemption_not_voidable": errors.RedemptionNotVoidable,
    "order_already_awarded": errors.OrderAlreadyAwarded,
}

# 422 codes (v1.1) besides `reward_unavailable`: each a refusal of the operation.
_UNPROCESSABLE: Mapping[str, type[errors.ApiError]] = {
    "order_not_returnable": errors.OrderNotReturnable,
    "return_exceeds_sale": errors.ReturnExceedsSale,
}

_ID_RE = re.compile(r"^[A-Za-z0-9_]{1,100}$")


class _ErrorBody:
    """The `error` object of an error answer, once its shape is checked."""

    __slots__ = ("code", "message", "param", "transaction_id")

    def __init__(
        self, code: str, message: str | None, param: str | None, transaction_id: str | None = None
    ) -> None:
        self.code = code
        self.message = message
        self.param = param
        self.transaction_id = transaction_id


def _parse_error_body(body: bytes) -> _ErrorBody | None:
    """The contract error object in `body`, or None when the body is not one."""
    try:
        data = read_json(body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    error = data.get("error")
    if not isinstance(error, dict):
        return None
    code = error.get("code")
    message = error.get("message")
    param = error.get("param")
    if not isinstance(code, str) or not 1 <= len(code) <= _MAX_CODE_CHARS:
        return None
    if message is not None and not isinstance(message, str):
        return None
    if param is not None and (not isinstance(param, str) or len(param) > _MAX_CODE_CHARS):
        return None
    if message is not None:
        message = message.strip()
        # Dropped rather than cut: a cut could leave half of a secret that the client then
        # cannot scrub. Control characters could forge log lines.
        if len(message) > _MAX_MESSAGE_CHARS or not message.isprintable():
            message = None
    # `order_already_awarded` names the first award (v1.1); anything else is not an id.
    txn = error.get("transaction_id")
    transaction_id = txn if isinstance(txn, str) and _ID_RE.match(txn) else None
    return _ErrorBody(code, message or None, param, transaction_id)


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if headers is None:
        return None
    # httpx.Headers is case-insensitive already; a plain dict from a test is not.
    value = headers.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    for key, val in headers.items():
        if key.lower() == lowered:
            return val
    return None


_DELTA_SECONDS = re.compile(r"[0-9]{1,10}(?:\.[0-9]{1,6})?", re.ASCII)


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date); None if unusable."""
    if value is None:
        return None
    value = value.strip()
    if _DELTA_SECONDS.fullmatch(value):
        return float(value)
    from email.utils import parsedate_to_datetime  # a Retry-After date: rare

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        # RFC 9110 dates are always GMT; email.utils returns naive for "-0000".
        when = when.replace(tzinfo=UTC)
    reference = now if now is not None else datetime.now(UTC)
    seconds = (when - reference).total_seconds()
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def error_from_response(
    status: int, body: bytes, headers: Mapping[str, str] | None = None
) -> errors.ApiError:
    """The error for a non-2xx answer: contract statuses by code, 5xx/429 whatever the body."""
    parsed = _parse_error_body(body)
    message = parsed.message if parsed else None
    code = parsed.code if parsed else None
    param = parsed.param if parsed else None

    if 500 <= status <= 599:
        return errors.ServerError(message, code=code, status=status, param=param)
    if status == 429:
        # A proxy's own 429 page is still a rate limit: honour it even without the error object.
        return errors.RateLimited(
            message,
            code=code,
            status=status,
            param=param,
            retry_after=parse_retry_after(_header(headers, "Retry-After")),
        )
    if not 400 <= status <= 499:
        return errors.ProtocolError(
            f"Unexpected HTTP status {status} from the loyalty service.", status=status
        )
    if parsed is None:
        return errors.ProtocolError(
            f"HTTP {status} from the loyalty service without a valid error object.", status=status
        )
    cls: type[errors.ApiError] = _BY_STATUS.get(status, errors.RequestRefused)
    if status == 409:
        cls = _CONFLICTS.get(parsed.code, errors.Conflict)
        if cls is errors.OrderAlreadyAwarded:
            return errors.OrderAlreadyAwarded(
                message,
                transaction_id=parsed.transaction_id,
                code=code,
                status=status,
                param=param,
            )
    if status == 422:
        cls = _UNPROCESSABLE.get(parsed.code, errors.RewardUnavailable)
    return cls(message, code=code, status=status, param=param)
