"""The client against a real, misbehaving HTTP server on 127.0.0.1.

Each test scripts what the server does with the one request it reads (canned raw bytes,
silence, a lying Content-Length, an endless body) and checks what the client makes of it.
"""

from __future__ import annotations

import gzip
import json
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
from support.raw_server import MisbehavingServer, SeenRequest, close_at_once, response
from support.wire import EXAMPLE_CUSTOMER as CUSTOMER
from support.wire import EXAMPLE_TXN, sample

from pos_app import api
from pos_app.api import (
    ApiError,
    InsufficientBalance,
    LoyaltyClient,
    NetworkError,
    NotFound,
    ProtocolError,
    RateLimited,
    ServerError,
)

KEY = "sk_test_T3rminalSecretKey0123456789"
CAP = 64 * 1024


@pytest.fixture
def client(server: MisbehavingServer) -> Iterator[LoyaltyClient]:
    with LoyaltyClient(
        server.url,
        KEY,
        timeout=httpx.Timeout(2.0),
        max_response_bytes=CAP,
    ) as c:
        yield c


def raises_api_error(call: Callable[[], object], cls: type[ApiError]) -> ApiError:
    """Run `call`, expect exactly `cls`, and check the key appears nowhere in the error."""
    with pytest.raises(ApiError) as caught:
        call()
    err = caught.value
    assert type(err) is cls, repr(err)
    for text in (str(err), repr(err), err.code, err.param or "", str(err.args)):
        assert KEY not in text
    return err


# Answers that break the contract


def test_valid_customer_is_parsed(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(response(200, CUSTOMER))
    customer = client.get_customer("cus_abc123")
    assert customer.points_balance == 500
    assert customer.tier is not None
    assert customer.tier.name == "Silver"


def test_malformed_json_in_a_200(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(response(200, b'{"object": "customer", "id": '))
    err = raises_api_error(lambda: client.get_customer("cus_abc123"), ProtocolError)
    assert err.status == 200
    assert "not valid JSON" in err.message


def test_json_array_instead_of_an_object(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(response(200, [CUSTOMER]))
    err = raises_api_error(lambda: client.get_customer("cus_abc123"), ProtocolError)
    assert err.message == "customer: expected object, got array"
    assert err.status == 200


def test_wrong_field_types(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(response(200, {**CUSTOMER, "points_balance": "500"}))
    err = raises_api_error(lambda: client.get_customer("cus_abc123"), ProtocolError)
    assert err.message == "customer.points_balance: expected integer, got string"


def test_nan_is_not_json(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(response(200, json.dumps({**CUSTOMER, "metadata": {"x": float("nan")}}).encode()))
    raises_api_error(lambda: client.get_customer("cus_abc123"), ProtocolError)


def test_deeply_nested_json(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(response(200, b"[" * 5_000 + b"]" * 5_000))
    raises_api_error(lambda: client.get_customer("cus_abc123"), ProtocolError)


def test_body_larger_than_the_cap_is_refused(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    padding = "x" * CAP
    server.answer(response(200, {**CUSTOMER, "name": padding}))
    err = raises_api_error(lambda: client.get_customer("cus_abc123"), ProtocolError)
    assert "larger than" in err.message


def test_endless_chunked_body_is_cut_off_at_the_cap(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    sent = {"bytes": 0}

    def endless(sock: socket.socket, _: SeenRequest) -> None:
        sock.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b" " * 8192
        frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
        # Stops when the client hangs up (OSError) or at teardown; without the cap the client
        # would wait for an end that never comes.
        while not server.stop.is_set():
            sock.sendall(frame)
            sent["bytes"] += len(chunk)

    server.behave(endless)
    started = time.monotonic()
    err = raises_api_error(lambda: client.get_customer("cus_abc123"), ProtocolError)
    assert "larger than" in err.message
    assert time.monotonic() - started < 5


def test_compressed_bomb_is_cut_off_at_the_cap(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    bomb = gzip.compress(b" " * (CAP * 64))
    assert len(bomb) < CAP
    server.answer(response(200, bomb, headers={"Content-Encoding": "gzip"}))
    err = raises_api_error(lambda: client.get_customer("cus_abc123"), ProtocolError)
    assert "larger than" in err.message


def test_corrupt_compression_is_a_protocol_error(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    server.answer(response(200, b"not gzip at all", headers={"Content-Encoding": "gzip"}))
    err = raises_api_error(lambda: client.get_customer("cus_abc123"), ProtocolError)
    assert "decompressed" in err.message


# Broken connections


def test_content_length_that_lies_then_closes(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    server.answer(response(200, b'{"object": "cus', content_length=1000))
    err = raises_api_error(lambda: client.get_customer("cus_abc123"), NetworkError)
    assert err.retryable is True
    assert err.status is None


def test_close_without_an_answer(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.behave(close_at_once)
    raises_api_error(lambda: client.get_customer("cus_abc123"), NetworkError)


def test_close_in_the_middle_of_the_headers(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    server.answer(b"HTTP/1.1 200 OK\r\nContent-Ty")
    raises_api_error(lambda: client.get_customer("cus_abc123"), NetworkError)


def test_connection_reset(server: MisbehavingServer, client: LoyaltyClient) -> None:
    def reset(sock: socket.socket, _: SeenRequest) -> None:
        # Linger with a zero timeout turns close() into a TCP RST.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    server.behave(reset)
    err = raises_api_error(lambda: client.get_customer("cus_abc123"), NetworkError)
    assert err.request_sent is True  # the request went out: it may have been applied


def test_not_http_at_all(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
    raises_api_error(lambda: client.get_customer("cus_abc123"), NetworkError)


def test_server_that_never_answers_times_out_quickly(server: MisbehavingServer) -> None:
    def silent(sock: socket.socket, _: SeenRequest) -> None:
        server.stop.wait(10)  # released at teardown

    server.behave(silent)
    started = time.monotonic()
    with LoyaltyClient(server.url, KEY, timeout=httpx.Timeout(0.3)) as client:
        err = raises_api_error(
            lambda: client.award_points(customer_id="cus_abc123", points=5, idempotency_key="k1"),
            NetworkError,
        )
    assert time.monotonic() - started < 3
    assert "in time" in err.message
    assert err.retryable is True
    assert err.request_sent is True  # it may have been applied


def test_connection_refused() -> None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with LoyaltyClient(f"http://127.0.0.1:{port}", KEY) as client:
        err = raises_api_error(lambda: client.get_customer("cus_abc123"), NetworkError)
    assert err.retryable is True
    assert isinstance(err.__cause__, httpx.ConnectError)
    assert err.request_sent is False  # certainly not applied: safe to abandon


# Error answers over the wire


def test_error_answer_is_mapped(server: MisbehavingServer, client: LoyaltyClient) -> None:
    body = {
        "error": {
            "type": "request_error",
            "code": "insufficient_balance",
            "message": "Customer cus_abc123 has 150 points; 200 needed.",
            "param": "points",
        }
    }
    server.answer(response(402, body, reason="Payment Required"))
    err = raises_api_error(
        lambda: client.redeem_points(
            customer_id="cus_abc123", reward_id="rwd_xyz789", points=200, idempotency_key="k"
        ),
        InsufficientBalance,
    )
    assert err.message == "Customer cus_abc123 has 150 points; 200 needed."
    assert err.param == "points"


def test_html_502_is_a_server_error(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(
        response(
            502, b"<html><body>Bad Gateway</body></html>", headers={"Content-Type": "text/html"}
        )
    )
    err = raises_api_error(lambda: client.list_tiers(), ServerError)
    assert err.status == 502


def test_429_carries_retry_after(server: MisbehavingServer, client: LoyaltyClient) -> None:
    body = {"error": {"type": "rate_limit_error", "code": "rate_limited", "message": "Slow down."}}
    server.answer(response(429, body, headers={"Retry-After": "12"}))
    err = raises_api_error(lambda: client.list_tiers(), RateLimited)
    assert isinstance(err, RateLimited)
    assert err.retry_after == 12.0


def test_redirect_is_not_followed(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(response(307, b"", headers={"Location": "http://127.0.0.1:9/v1/customers"}))
    raises_api_error(lambda: client.create_customer(name="Ada", idempotency_key="k"), ProtocolError)
    assert len(server.requests) == 1


def test_404_garbage_is_a_protocol_error(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(
        response(404, b"Cannot GET /v1/customers/x", headers={"Content-Type": "text/plain"})
    )
    err = raises_api_error(lambda: client.get_customer("x"), ProtocolError)
    assert err.status == 404


def test_404_contract_error(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(response(404, {"error": {"code": "customer_not_found", "message": "No such."}}))
    err = raises_api_error(lambda: client.get_customer("cus_nope"), NotFound)
    assert err.code == "customer_not_found"


# What the client sends


def test_headers_and_body_of_a_post(server: MisbehavingServer, client: LoyaltyClient) -> None:
    server.answer(
        response(
            200,
            sample(EXAMPLE_TXN, metadata={"kind": "bonus"}),
        )
    )
    txn = client.award_points(
        customer_id="cus_abc123", points=100, reason="Purchase", idempotency_key="award-0001"
    )
    assert txn.balance_after == 600

    [seen] = server.requests
    assert seen.method == "POST"
    assert seen.target == "/v1/points/award"
    assert seen.headers["authorization"] == f"Bearer {KEY}"
    assert seen.headers["idempotency-key"] == "award-0001"
    assert seen.headers["content-type"] == "application/json"
    assert seen.headers["user-agent"].startswith("pos-app/")
    assert json.loads(seen.body) == {
        "customer_id": "cus_abc123",
        "points": 100,
        "reason": "Purchase",
        "type": "earned",
    }


def test_get_sends_the_key_and_no_idempotency_key(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    server.answer(response(200, CUSTOMER))
    client.get_customer("cus_abc123")
    [seen] = server.requests
    assert seen.method == "GET"
    assert seen.headers["authorization"] == f"Bearer {KEY}"
    assert "idempotency-key" not in seen.headers
    assert seen.body == b""


@pytest.mark.parametrize(
    ("customer_id", "target"),
    [
        ("../x", "/v1/customers/..%2Fx"),
        ("..", "/v1/customers/%2E%2E"),
        (".", "/v1/customers/%2E"),
        ("a b?c=d#e", "/v1/customers/a%20b%3Fc%3Dd%23e"),
        ("cus_ü/%", "/v1/customers/cus_%C3%BC%2F%25"),
    ],
)
def test_path_segments_are_percent_encoded(
    server: MisbehavingServer, client: LoyaltyClient, customer_id: str, target: str
) -> None:
    server.answer(response(200, {**CUSTOMER, "id": customer_id}))
    client.get_customer(customer_id)
    assert server.requests[0].target == target


def test_redemption_action_path_is_encoded(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    server.answer(response(500, b""))
    with pytest.raises(ServerError):
        client.use_redemption("../../customers", idempotency_key="use-1")
    assert server.requests[0].target == "/v1/redemptions/..%2F..%2Fcustomers/use"


# The key stays secret


def test_repr_shows_the_url_not_the_key(server: MisbehavingServer, client: LoyaltyClient) -> None:
    assert repr(client) == f"LoyaltyClient(base_url='{server.url}')"
    assert KEY not in repr(client)


def test_key_echoed_by_the_server_is_scrubbed(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    body = {"error": {"code": "authentication_failed", "message": f"Bad key {KEY}", "param": KEY}}
    server.answer(response(401, body))
    err = raises_api_error(lambda: client.list_tiers(), api.Unauthorized)
    assert "[redacted]" in err.message


def test_key_echoed_in_a_field_is_scrubbed(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    server.answer(response(200, {**CUSTOMER, "created_at": KEY}))
    err = raises_api_error(lambda: client.get_customer("cus_abc123"), ProtocolError)
    assert "customer.created_at" in err.message


def test_debug_log_has_no_key_or_body(
    server: MisbehavingServer, client: LoyaltyClient, caplog: pytest.LogCaptureFixture
) -> None:
    server.answer(response(200, CUSTOMER))
    # Root at DEBUG, so httpx's and httpcore's own lines are checked too.
    with caplog.at_level("DEBUG"):
        client.get_customer("cus_abc123")
    api_lines = [r.getMessage() for r in caplog.records if r.name == "pos_app.api"]
    assert len(api_lines) == 1
    assert api_lines[0].startswith("GET /v1/customers/cus_abc123 -> 200 in ")
    for record in caplog.records:
        assert KEY not in record.getMessage()
        assert "Ada Obi" not in record.getMessage()


# A budget for the whole call (ISSUE8 #4: a trickling server held `redeem` for 60 s)

# The trickling answers below would take at least this long to arrive in full.
TRICKLE_SECONDS = 30.0
# What a call with a 1 s budget may take in all: the budget and scheduling slack.
BUDGET_BOUND = 5.0


def _trickled_customer() -> tuple[bytes, bytes]:
    raw = response(200, CUSTOMER)
    head, _, body = raw.partition(b"\r\n\r\n")
    return head + b"\r\n\r\n", body


def test_budget_ends_a_call_whose_headers_trickle(server: MisbehavingServer) -> None:
    head, body = _trickled_customer()
    every = TRICKLE_SECONDS / len(head)
    server.trickle(head, body, every=every)
    # Each byte comes well within the 2 s read timeout: only the budget can end the call.
    assert every < 2.0
    started = time.monotonic()
    with LoyaltyClient(server.url, KEY, timeout=httpx.Timeout(2.0), budget=1.0) as client:
        err = raises_api_error(lambda: client.get_customer("cus_abc123"), NetworkError)
    elapsed = time.monotonic() - started
    assert elapsed < BUDGET_BOUND, f"the call took {elapsed:.1f} s with a 1 s budget"
    assert "in time" in err.message
    assert err.request_sent is True  # the request went out: it may have been applied


def test_budget_ends_a_call_whose_body_trickles(server: MisbehavingServer) -> None:
    head, body = _trickled_customer()
    server.trickle(head, body, every=TRICKLE_SECONDS / len(body))
    started = time.monotonic()
    with LoyaltyClient(server.url, KEY, timeout=httpx.Timeout(2.0), budget=1.0) as client:
        err = raises_api_error(
            lambda: client.award_points(customer_id="cus_abc123", points=5, idempotency_key="k"),
            NetworkError,
        )
    elapsed = time.monotonic() - started
    assert elapsed < BUDGET_BOUND, f"the call took {elapsed:.1f} s with a 1 s budget"
    assert err.request_sent is True


def test_budget_is_per_call_and_a_quick_answer_is_untouched(server: MisbehavingServer) -> None:
    server.answer(response(200, CUSTOMER))
    with LoyaltyClient(server.url, KEY, budget=1.0) as client:
        assert client.budget == 1.0
        for _ in range(3):  # each call has its own budget, not what the first one left
            assert client.get_customer("cus_abc123").id == "cus_abc123"
            time.sleep(0.4)  # sleep-ok: time must pass between calls (budget is per call)
        assert client.get_customer("cus_abc123").points_balance == 500


def test_budget_bounds_a_server_that_never_answers(server: MisbehavingServer) -> None:
    def silent(sock: socket.socket, _: SeenRequest) -> None:
        server.stop.wait(30)  # released at teardown

    server.behave(silent)
    started = time.monotonic()
    # A 10 s read timeout, but only 0.5 s for the whole call.
    with LoyaltyClient(server.url, KEY, timeout=httpx.Timeout(10.0), budget=0.5) as client:
        raises_api_error(lambda: client.list_tiers(), NetworkError)
    assert time.monotonic() - started < 3


def test_budget_spent_before_connecting_means_nothing_was_sent() -> None:
    # A listening socket that never accepts: the TCP handshake completes in the kernel's
    # backlog, but nothing ever reads. Fill the backlog so a further connect hangs.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(8):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        started = time.monotonic()
        with LoyaltyClient(
            f"http://127.0.0.1:{port}", KEY, timeout=httpx.Timeout(10.0), budget=0.5
        ) as client:
            err = raises_api_error(lambda: client.list_tiers(), NetworkError)
        assert time.monotonic() - started < 3
        assert err.request_sent is False
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


@pytest.mark.parametrize("budget", [0.0, -1.0, float("nan"), float("inf")])
def test_budget_must_be_a_positive_number(budget: float) -> None:
    with pytest.raises(ValueError, match="budget"):
        LoyaltyClient("http://127.0.0.1:9", KEY, budget=budget)


# More malformed servers (ISSUE8 Deliver 5): proxies' HTML pages, redirects, garbage, an
# answer that stops after its headers, oversized headers. Each becomes one ApiError, never
# an httpx exception, a hang or a success.

HTML_PAGE = b"<!DOCTYPE html><html><head><title>Error</title></head><body>oops</body></html>"


def _html(status: int, reason: str) -> bytes:
    return response(status, HTML_PAGE, reason=reason, headers={"Content-Type": "text/html"})


@pytest.mark.parametrize(
    ("raw", "expected", "status"),
    [
        # A proxy's or load balancer's own pages, in HTML: not the contract's error object.
        pytest.param(_html(404, "Not Found"), ProtocolError, 404, id="html-404-from-a-proxy"),
        pytest.param(_html(502, "Bad Gateway"), ServerError, 502, id="html-502"),
        pytest.param(_html(503, "Service Unavailable"), ServerError, 503, id="html-503"),
        pytest.param(_html(504, "Gateway Timeout"), ServerError, 504, id="html-504"),
        # A captive portal or a login page that answers 200 with HTML.
        pytest.param(_html(200, "OK"), ProtocolError, 200, id="html-200-captive-portal"),
        pytest.param(_html(403, "Forbidden"), ProtocolError, 403, id="html-403-waf"),
        # Redirects are never followed (a POST replayed elsewhere could apply twice).
        pytest.param(
            response(301, b"", headers={"Location": "https://example.invalid/v1/tiers"}),
            ProtocolError,
            301,
            id="redirect-301",
        ),
        pytest.param(
            response(302, HTML_PAGE, headers={"Location": "/login", "Content-Type": "text/html"}),
            ProtocolError,
            302,
            id="redirect-302-to-a-login-page",
        ),
        pytest.param(
            response(308, b"", headers={"Location": "http://127.0.0.1:9/v1/tiers"}),
            ProtocolError,
            308,
            id="redirect-308",
        ),
        # Garbage in a 200.
        pytest.param(response(200, bytes(range(256)) * 4), ProtocolError, 200, id="binary-200"),
        pytest.param(response(200, b""), ProtocolError, 200, id="empty-200"),
        pytest.param(response(200, b"null"), ProtocolError, 200, id="json-null"),
        pytest.param(response(200, b'"a string"'), ProtocolError, 200, id="json-string"),
        pytest.param(
            response(200, '{"object": "list"}'.encode("utf-16")), ProtocolError, 200, id="utf-16"
        ),
        pytest.param(
            response(200, {"object": "list", "data": "not a list", "has_more": False}),
            ProtocolError,
            200,
            id="list-with-a-string-for-data",
        ),
        pytest.param(
            response(200, {"object": "list", "data": [{"object": "tier"}], "has_more": False}),
            ProtocolError,
            200,
            id="list-of-incomplete-objects",
        ),
        pytest.param(response(204, b""), ProtocolError, 204, id="204-no-content"),
        # Statuses outside the contract.
        pytest.param(response(418, b"I'm a teapot"), ProtocolError, 418, id="418-plain"),
        # A 4xx the contract does not list, with its error object: RequestRefused (the sync
        # engine decides whether that is about the operation).
        pytest.param(
            response(418, {"error": {"code": "teapot"}}), api.RequestRefused, 418, id="418-json"
        ),
        pytest.param(response(599, b"?"), ServerError, 599, id="599"),
        # A JSON error object that is not the contract's: the wrong shape.
        pytest.param(
            response(400, {"detail": [{"loc": ["body"], "msg": "field required"}]}),
            ProtocolError,
            400,
            id="fastapi-style-400",
        ),
    ],
)
def test_malformed_answers_become_one_api_error(
    server: MisbehavingServer,
    client: LoyaltyClient,
    raw: bytes,
    expected: type[ApiError],
    status: int,
) -> None:
    server.answer(raw)
    err = raises_api_error(lambda: client.list_tiers(), expected)
    assert err.status == status
    assert len(server.requests) == 1  # nothing followed, nothing retried behind our back


def test_html_answer_to_a_post_is_not_a_success(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    server.answer(_html(200, "OK"))
    raises_api_error(
        lambda: client.award_points(customer_id="cus_abc123", points=5, idempotency_key="k"),
        ProtocolError,
    )


def test_oversized_headers_are_refused_not_buffered(
    server: MisbehavingServer, client: LoyaltyClient
) -> None:
    def huge_headers(sock: socket.socket, _: SeenRequest) -> None:
        sock.sendall(b"HTTP/1.1 200 OK\r\nX-Padding: ")
        filler = b"a" * 65536
        for _ in range(64):  # 4 MiB of one header line, unless the client hangs up first
            if server.stop.is_set():
                return
            sock.sendall(filler)

    server.behave(huge_headers)
    started = time.monotonic()
    raises_api_error(lambda: client.list_tiers(), NetworkError)
    assert time.monotonic() - started < 5


def test_body_that_never_comes_after_the_headers(server: MisbehavingServer) -> None:
    head = response(200, CUSTOMER).partition(b"\r\n\r\n")[0] + b"\r\n\r\n"

    def headers_then_silence(sock: socket.socket, _: SeenRequest) -> None:
        sock.sendall(head)
        server.stop.wait(30)  # released at teardown

    server.behave(headers_then_silence)
    started = time.monotonic()
    with LoyaltyClient(server.url, KEY, timeout=httpx.Timeout(10.0), budget=1.0) as client:
        err = raises_api_error(lambda: client.get_customer("cus_abc123"), NetworkError)
    assert time.monotonic() - started < BUDGET_BOUND
    assert err.request_sent is True


class SlowReader:
    """A loopback server that accepts and then reads the request a little at a time."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.received = 0
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # A small receive buffer, so the client's writes soon wait on this reader.
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(1)
        self._thread = threading.Thread(target=self._serve)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def _serve(self) -> None:
        self._listener.settimeout(10)
        try:
            conn, _ = self._listener.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(1)
            # A few bytes every 50 ms. (Linux wakes a blocked writer only once a good part
            # of its send buffer is free, so even httpcore's per-send timeout fires here:
            # this test bounds the write phase, it does not tell the two apart.)
            while not self.stop.wait(0.05):
                try:
                    chunk = conn.recv(512)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not chunk:
                    return
                self.received += len(chunk)

    def close(self) -> None:
        self.stop.set()
        self._thread.join(timeout=15)
        self._listener.close()


def test_budget_ends_a_write_to_a_server_that_reads_slowly() -> None:
    reader = SlowReader()
    try:
        # About 2 MB of body: at ~10 KB/s this server would take minutes to read it all.
        metadata = {f"k{i}": "x" * 500 for i in range(50)}
        reason = "r" * 400
        started = time.monotonic()
        with LoyaltyClient(reader.url, KEY, timeout=httpx.Timeout(2.0), budget=1.0) as client:
            err = raises_api_error(
                lambda: client.adjust_points(
                    customer_id="cus_abc123",
                    points=5,
                    reason=reason * 5000,
                    metadata=metadata,
                    idempotency_key="k",
                ),
                NetworkError,
            )
        elapsed = time.monotonic() - started
    finally:
        reader.close()
    assert elapsed < BUDGET_BOUND, f"the call took {elapsed:.1f} s with a 1 s budget"
    assert reader.received > 0  # the write had started: the server was reading
    assert err.request_sent is True


def test_budget_with_a_host_name_is_resolved_and_bounded(server: MisbehavingServer) -> None:
    server.answer(response(200, CUSTOMER))
    port = server.url.rsplit(":", 1)[1]
    with LoyaltyClient(f"http://localhost:{port}", KEY, budget=2.0) as client:
        assert client.get_customer("cus_abc123").id == "cus_abc123"
