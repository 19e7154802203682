"""The mapping from HTTP answers to the error hierarchy (API.md, "Errors")."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app import api
from pos_app.api import (
    ApiError,
    Conflict,
    IdempotencyInProgress,
    NotFound,
    ProtocolError,
    RateLimited,
    RequestRefused,
    ServerError,
    TransientError,
    error_from_response,
    parse_retry_after,
)

KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"


def error_body(code: str, message: str | None = None, param: str | None = None) -> bytes:
    error: dict[str, object] = {"type": "request_error", "code": code}
    if message is not None:
        error["message"] = message
    if param is not None:
        error["param"] = param
    return json.dumps({"error": error}).encode()


# The status/code table of API.md, plus the statuses the contract treats as a class.
TABLE: list[tuple[int, str, type[ApiError], bool]] = [
    (400, "invalid_request", api.InvalidRequest, False),
    (401, "authentication_failed", api.Unauthorized, False),
    (402, "insufficient_balance", api.InsufficientBalance, False),
    (404, "customer_not_found", api.NotFound, False),
    (404, "reward_not_found", api.NotFound, False),
    (404, "redemption_not_found", api.NotFound, False),
    (409, "idempotency_key_reused", api.IdempotencyKeyReused, False),
    (409, "code_taken", api.CodeTaken, False),
    (409, "customer_exists", api.CustomerExists, False),
    (409, "redemption_not_usable", api.RedemptionNotUsable, False),
    (409, "redemption_not_voidable", api.RedemptionNotVoidable, False),
    (409, "idempotency_in_progress", api.IdempotencyInProgress, True),
    (422, "reward_unavailable", api.RewardUnavailable, False),
    # v1.1
    (404, "order_not_found", api.NotFound, False),
    (409, "order_already_awarded", api.OrderAlreadyAwarded, False),
    (422, "order_not_returnable", api.OrderNotReturnable, False),
    (422, "return_exceeds_sale", api.ReturnExceedsSale, False),
    (429, "rate_limited", api.RateLimited, True),
    (500, "internal_error", api.ServerError, True),
    (503, "unavailable", api.ServerError, True),
]


@pytest.mark.parametrize(("status", "code", "cls", "retryable"), TABLE)
def test_contract_table(status: int, code: str, cls: type[ApiError], retryable: bool) -> None:
    err = error_from_response(status, error_body(code, "Server says no.", "points"), {})

    assert type(err) is cls
    assert err.retryable is retryable
    assert isinstance(err, TransientError) is retryable
    assert err.status == status
    assert err.code == code
    assert err.message == "Server says no."
    assert str(err) == "Server says no."
    assert err.param == "points"


def test_hierarchy() -> None:
    conflicts: tuple[type[ApiError], ...] = (
        api.IdempotencyKeyReused,
        api.CodeTaken,
        api.CustomerExists,
        api.RedemptionNotUsable,
        api.RedemptionNotVoidable,
    )
    transient: tuple[type[ApiError], ...] = (
        api.NetworkError,
        api.ServerError,
        api.RateLimited,
        api.IdempotencyInProgress,
    )
    final: tuple[type[ApiError], ...] = (
        api.InvalidRequest,
        api.Unauthorized,
        api.NotFound,
        api.Conflict,
        api.ProtocolError,
        api.RequestRefused,
        api.RewardUnavailable,
        api.InsufficientBalance,
    )
    for cls in conflicts:
        assert issubclass(cls, Conflict)
        assert cls.retryable is False
    for cls in transient:
        assert issubclass(cls, TransientError)
        assert cls.retryable is True
    assert not issubclass(IdempotencyInProgress, Conflict)
    for cls in final:
        assert not issubclass(cls, TransientError)
        assert cls.retryable is False


def test_unknown_conflict_code_is_a_plain_conflict() -> None:
    err = error_from_response(409, error_body("something_new"), {})
    assert type(err) is Conflict
    assert err.code == "something_new"
    assert err.retryable is False


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, api.InvalidRequest),
        (402, api.InsufficientBalance),
        (404, api.NotFound),
        (422, api.RewardUnavailable),
    ],
)
def test_known_status_with_unknown_code_maps_by_status(status: int, cls: type[ApiError]) -> None:
    err = error_from_response(status, error_body("brand_new_code"), {})
    assert type(err) is cls
    assert err.code == "brand_new_code"


@pytest.mark.parametrize("status", [403, 405, 410, 413, 418, 451])
def test_unknown_4xx_is_request_refused(status: int) -> None:
    err = error_from_response(status, error_body("forbidden", "Nope."), {})
    assert type(err) is RequestRefused
    assert err.retryable is False
    assert err.status == status
    assert err.message == "Nope."


def test_default_message_when_the_server_gives_none() -> None:
    err = error_from_response(402, error_body("insufficient_balance"), {})
    assert err.message == "The customer does not have enough points."
    assert err.param is None


@pytest.mark.parametrize(
    "message",
    ["x" * 501, "line one\nFAKE LOG LINE", "   "],
)
def test_unusable_server_messages_fall_back_to_the_default(message: str) -> None:
    err = error_from_response(404, error_body("customer_not_found", message), {})
    assert type(err) is NotFound
    assert err.message == NotFound.default_message


def test_html_502_from_a_proxy_is_a_server_error() -> None:
    html = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    err = error_from_response(502, html, {"Content-Type": "text/html"})
    assert type(err) is ServerError
    assert err.retryable is True
    assert err.status == 502
    assert err.code == "server_error"
    assert "nginx" not in err.message


@pytest.mark.parametrize("status", [500, 501, 502, 503, 504, 599])
def test_any_5xx_is_a_server_error(status: int) -> None:
    assert type(error_from_response(status, b"", {})) is ServerError


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Not Found</html>",
        b"",
        b"null",
        b"[]",
        b'{"error": "customer_not_found"}',
        b'{"error": {"message": "no code"}}',
        b'{"error": {"code": 404}}',
        b'{"error": {"code": ""}}',
        b'{"error": {"code": "customer_not_found", "message": 5}}',
        b'{"error": {"code": "customer_not_found", "param": ["id"]}}',
        b'{"error": {"code": "customer_not_found", "message": NaN}}',
        b'{"message": "Not Found"}',
        b"\xff\xfe garbage",
        b'{"error": ' * 5000 + b"}" * 5000,
    ],
)
def test_404_without_a_contract_error_object_is_a_protocol_error(body: bytes) -> None:
    err = error_from_response(404, body, {})
    assert type(err) is ProtocolError
    assert err.status == 404
    assert err.retryable is False


def test_401_html_is_a_protocol_error() -> None:
    assert type(error_from_response(401, b"<h1>Unauthorized</h1>", {})) is ProtocolError


@pytest.mark.parametrize("status", [100, 200, 204, 301, 302, 304, 600, 999])
def test_unexpected_statuses_are_protocol_errors(status: int) -> None:
    err = error_from_response(status, error_body("whatever"), {})
    assert type(err) is ProtocolError
    assert str(status) in err.message


# Retry-After


def test_retry_after_seconds_from_header() -> None:
    err = error_from_response(429, error_body("rate_limited"), {"Retry-After": "7"})
    assert isinstance(err, RateLimited)
    assert err.retry_after == 7.0


def test_retry_after_header_name_is_case_insensitive() -> None:
    err = error_from_response(429, error_body("rate_limited"), {"retry-after": "3"})
    assert isinstance(err, RateLimited)
    assert err.retry_after == 3.0


def test_429_without_retry_after_or_error_object_is_still_rate_limited() -> None:
    err = error_from_response(429, b"<html>Too Many Requests</html>", {})
    assert type(err) is RateLimited
    assert err.retry_after is None
    assert err.retryable is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0.0),
        ("120", 120.0),
        (" 5 ", 5.0),
        ("1.5", 1.5),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wednesday, 21-Oct-15 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # in the past: go now
        ("-5", None),
        ("soon", None),
        ("", None),
        ("1e3", None),
        ("inf", None),
        ("NaN", None),
        ("99999999999999999999", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert parse_retry_after(value, now=now) == expected


@settings(max_examples=300, database=None, deadline=None)  # shared, loaded CI cores
@given(value=st.text(max_size=40))
def test_parse_retry_after_never_raises(value: str) -> None:
    result = parse_retry_after(value)
    assert result is None or result >= 0.0


# Robustness and secrecy


@settings(max_examples=300, database=None, deadline=None)  # shared, loaded CI cores
@given(
    status=st.integers(min_value=0, max_value=1000),
    body=st.binary(max_size=200)
    | st.builds(
        lambda code, message, param: json.dumps(
            {"error": {"code": code, "message": message, "param": param}}
        ).encode(),
        st.none() | st.integers() | st.text(max_size=120),
        st.none() | st.integers() | st.text(max_size=600),
        st.none() | st.booleans() | st.text(max_size=250),
    ),
    retry_after=st.none() | st.text(max_size=40),
)
def test_error_from_response_always_returns_an_api_error(
    status: int, body: bytes, retry_after: str | None
) -> None:
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    err = error_from_response(status, body, headers)
    assert isinstance(err, ApiError)
    assert err.status == status
    assert isinstance(err.message, str)
    assert err.message
    assert isinstance(err.code, str)


def test_scrub_removes_the_key_everywhere() -> None:
    err = error_from_response(
        401, error_body(f"bad_{KEY}", f"Invalid API key {KEY}.", f"key {KEY}"), {}
    )
    assert KEY in err.message  # error_from_response does not know the key; the client scrubs
    err._scrub(KEY)
    for text in (str(err), repr(err), err.message, err.code, err.param or "", str(err.args)):
        assert KEY not in text
    assert "[redacted]" in err.message


def test_repr_names_class_status_and_code() -> None:
    err = error_from_response(402, error_body("insufficient_balance", "Short."), {})
    assert repr(err) == (
        "InsufficientBalance(status=402, code='insufficient_balance', message='Short.', param=None)"
    )


def test_order_already_awarded_names_the_first_award() -> None:
    body = {"error": {"code": "order_already_awarded", "message": "No.", "transaction_id": "txn_1"}}
    err = error_from_response(409, json.dumps(body).encode(), {})
    assert isinstance(err, api.OrderAlreadyAwarded) and err.transaction_id == "txn_1"
    body["error"]["transaction_id"] = "txn_1\n\x1b[2J"  # not an id: dropped
    err = error_from_response(409, json.dumps(body).encode(), {})
    assert isinstance(err, api.OrderAlreadyAwarded) and err.transaction_id is None
