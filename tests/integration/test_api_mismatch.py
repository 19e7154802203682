"""Every answer is matched against its request (ISSUE8 #6).

A 200 about another code, customer, reward or number of points was taken as success, and
the operation was never sent again. Now such an answer is a `MismatchedAnswer` (an answer
that is not the contract): the client says so, and the sync engine keeps the operation
pending, to be asked again with its idempotency key.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.raw_server import MisbehavingServer, SeenRequest, response
from support.terminal_helpers import backend, backend_redemptions_with_code, open_terminal
from support.wire import CUSTOMER, REDEMPTION, TS, TXN

from pos_app.api import ApiError, LoyaltyClient, MismatchedAnswer, ProtocolError
from pos_app.domain.models import OutboxState, RedemptionStatus
from pos_app.sandbox import SandboxServer
from pos_app.services import points, redeem, syncing
from pos_app.store import outbox, redemptions

KEY = "sk_test_MismatchKey0000000000000000"
ADA = "cus_abc123"
REWARD = "rwd_xyz789"

Call = Callable[[LoyaltyClient], object]


def _redeem(c: LoyaltyClient) -> object:
    return c.redeem_points(
        customer_id="cus_abc123",
        reward_id="rwd_xyz789",
        points=200,
        code="REDEEM-ABC123",
        idempotency_key="k",
    )


def _redeem_no_code(c: LoyaltyClient) -> object:
    return c.redeem_points(
        customer_id="cus_abc123", reward_id="rwd_xyz789", points=200, idempotency_key="k"
    )


def _award(c: LoyaltyClient) -> object:
    return c.award_points(customer_id="cus_abc123", points=100, idempotency_key="k")


def _adjust(c: LoyaltyClient) -> object:
    return c.adjust_points(customer_id="cus_abc123", points=-100, reason="r", idempotency_key="k")


def _use(c: LoyaltyClient) -> object:
    return c.use_redemption("REDEEM-ABC123", idempotency_key="k")


def _void(c: LoyaltyClient) -> object:
    return c.void_redemption("red_1", idempotency_key="k")


def _enrol(c: LoyaltyClient) -> object:
    return c.create_customer(name="Ada Obi", idempotency_key="k")


def _get_customer(c: LoyaltyClient) -> object:
    return c.get_customer("cus_abc123")


def _get_redemption(c: LoyaltyClient) -> object:
    return c.get_redemption("REDEEM-ABC123")


def _history(c: LoyaltyClient) -> object:
    return c.list_points(customer_id="cus_abc123")


ADJUSTED = {**TXN, "type": "adjusted", "points": -100, "balance_after": 400}
USED = {**REDEMPTION, "status": "used", "used_at": TS}
VOIDED = {**REDEMPTION, "status": "void", "voided_at": TS}
HISTORY = {"object": "list", "data": [TXN], "has_more": False, "next_cursor": None}

# (call, the answer that matches it); each mismatch below changes one thing about it.
MATCHING: dict[str, tuple[Call, dict[str, Any]]] = {
    "redeem": (_redeem, REDEMPTION),
    "redeem-no-code": (_redeem_no_code, {**REDEMPTION, "code": "REDEEM-SERVER1"}),
    "award": (_award, TXN),
    "adjust": (_adjust, ADJUSTED),
    "use": (_use, USED),
    "use-lower-case": (lambda c: c.use_redemption("redeem-abc123", idempotency_key="k"), USED),
    "void": (_void, VOIDED),
    "enrol": (_enrol, CUSTOMER),
    "enrol-trimmed": (
        lambda c: c.create_customer(name=" Ada  Obi ", idempotency_key="k"),
        CUSTOMER,
    ),
    "get-customer": (_get_customer, CUSTOMER),
    "get-redemption": (_get_redemption, REDEMPTION),
    "get-redemption-by-id": (lambda c: c.get_redemption("red_1"), REDEMPTION),
    "history": (_history, HISTORY),
}

MISMATCHES: list[Any] = [
    pytest.param(_redeem, {**REDEMPTION, "code": "REDEEM-OTHER1"}, "code", id="redeem-code"),
    # The customer holds the code as issued: the backend must keep it to the letter.
    pytest.param(_redeem, {**REDEMPTION, "code": "redeem-abc123"}, "code", id="redeem-code-case"),
    pytest.param(_redeem, {**REDEMPTION, "customer_id": "cus_x"}, "customer_id", id="redeem-cus"),
    pytest.param(_redeem, {**REDEMPTION, "reward_id": "rwd_other"}, "reward_id", id="redeem-rwd"),
    pytest.param(_redeem, {**REDEMPTION, "points": 100}, "points", id="redeem-points"),
    pytest.param(
        _redeem_no_code, {**REDEMPTION, "customer_id": "cus_x"}, "customer_id", id="redeem-nc-cus"
    ),
    pytest.param(_award, {**TXN, "customer_id": "cus_other"}, "customer_id", id="award-cus"),
    pytest.param(_award, {**TXN, "points": 10}, "points", id="award-points"),
    pytest.param(_award, {**TXN, "type": "adjusted"}, "type", id="award-type"),
    pytest.param(_adjust, {**ADJUSTED, "customer_id": "cus_x"}, "customer_id", id="adjust-cus"),
    pytest.param(_adjust, {**ADJUSTED, "points": 100}, "points", id="adjust-sign"),
    pytest.param(_adjust, {**ADJUSTED, "type": "earned"}, "type", id="adjust-type"),
    pytest.param(_use, {**USED, "id": "red_2", "code": "REDEEM-OTHER1"}, "OTHER1", id="use"),
    pytest.param(_use, REDEMPTION, "status", id="use-still-issued"),
    pytest.param(_void, {**VOIDED, "id": "red_2", "code": "REDEEM-OTHER1"}, "OTHER1", id="void"),
    pytest.param(_void, REDEMPTION, "status", id="void-still-issued"),
    pytest.param(_enrol, {**CUSTOMER, "name": "Somebody Else"}, "name", id="enrol-name"),
    pytest.param(_get_customer, {**CUSTOMER, "id": "cus_other"}, "cus_other", id="get-customer"),
    pytest.param(
        _get_redemption, {**REDEMPTION, "id": "red_2", "code": "REDEEM-OTHER1"}, "OTHER1",
        id="get-redemption",
    ),
    pytest.param(
        _history, {**HISTORY, "data": [TXN, {**TXN, "customer_id": "cus_x"}]}, "customer_id",
        id="history-another-customer",
    ),
]  # fmt: skip


def mock_client(answer: dict[str, Any]) -> LoyaltyClient:
    def reply(_: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answer)

    return LoyaltyClient("http://127.0.0.1:8765", KEY, transport=httpx.MockTransport(reply))


@pytest.mark.parametrize("name", sorted(MATCHING))
def test_an_answer_about_what_was_asked_is_taken(name: str) -> None:
    call, answer = MATCHING[name]
    with mock_client(answer) as c:
        call(c)


@pytest.mark.parametrize(("call", "answer", "named"), MISMATCHES)
def test_an_answer_about_something_else_is_refused(
    call: Call, answer: dict[str, Any], named: str
) -> None:
    with mock_client(answer) as c, pytest.raises(MismatchedAnswer) as caught:
        call(c)
    err = caught.value
    assert isinstance(err, ProtocolError)  # an answer that is not the contract
    assert not err.retryable
    assert err.status == 200
    assert err.code == "mismatched_answer"
    assert named in err.message


# Over the wire: a malformed server that answers about another object


def test_a_server_that_answers_about_another_code_over_the_wire(
    server: MisbehavingServer,
) -> None:
    server.answer(response(200, {**REDEMPTION, "id": "red_9", "code": "REDEEM-OTHER1"}))
    with LoyaltyClient(server.url, KEY) as c, pytest.raises(MismatchedAnswer) as caught:
        _redeem(c)
    assert "REDEEM-OTHER1" in caught.value.message
    assert KEY not in str(caught.value) + repr(caught.value)


def _about_someone_else(sock: socket.socket, seen: SeenRequest) -> None:
    """Answer each POST with a well-formed object about another customer or code."""
    asked = json.loads(seen.body or b"{}")
    if seen.target == "/v1/points/redeem":
        body = {
            **REDEMPTION,
            "id": "red_someone_else",
            "code": "REDEEM-SOMEONE1",
            "customer_id": asked["customer_id"],
            "reward_id": asked["reward_id"],
            "points": asked["points"],
        }
    elif seen.target == "/v1/points/award":
        body = {**TXN, "customer_id": "cus_someone_else", "points": asked["points"]}
    else:
        body = {"object": "list", "data": [], "has_more": False, "next_cursor": None}
    sock.sendall(response(200, body))


@pytest.mark.parametrize("kind", ["redeem", "award"])
def test_sync_keeps_an_operation_whose_answer_is_about_another_object(
    sandbox: SandboxServer, server: MisbehavingServer, tmp_path: Path, kind: str
) -> None:
    data_dir = tmp_path / "terminal"
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)  # the terminal has its cache
        sandbox.faults.update(outage=True)
        if kind == "redeem":
            code: str | None = redeem.redeem(t, ADA, REWARD).code
        else:
            code = None
            points.award(t, ADA, 25, "Purchase")
        sandbox.faults.update(outage=False)
        [entry_id] = [e.id for e in outbox.pending(t.db.conn)]

    server.behave(_about_someone_else)
    with open_terminal(data_dir, sandbox, backend_url=server.url) as t:
        t.engine.push(ignore_backoff=True)
        assert [r.target for r in server.requests] == [f"/v1/points/{kind}"]
        entry = outbox.get(t.db.conn, entry_id)
        assert entry is not None
        # Not done (the answer was not about it), and not a conflict or a refusal: the
        # backend said nothing about this operation. (Whether the whole queue also pauses
        # is the sync engine's business; here: this operation is kept.)
        assert entry.state not in (OutboxState.DONE, OutboxState.CONFLICT), entry
        assert entry.state is not OutboxState.REFUSED, entry
        if code is not None:
            local = redemptions.get(t.db.conn, code)
            assert local is not None and local.status is not RedemptionStatus.CONFIRMED

    # The real backend again: the operation arrives, exactly once.
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)
        entry = outbox.get(t.db.conn, entry_id)
        assert entry is not None and entry.state is OutboxState.DONE, entry
    if code is not None:
        assert len(backend_redemptions_with_code(sandbox, code)) == 1
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == (300 if kind == "redeem" else 525)


def test_mismatched_answer_is_exported_as_a_protocol_error() -> None:
    assert issubclass(MismatchedAnswer, ProtocolError)
    assert issubclass(MismatchedAnswer, ApiError)
