"""Hypothesis through the whole client: any status, any body, for every endpoint.

The model tests (test_api_models.py) fuzz the parsers alone; here the answer goes through
`LoyaltyClient` as it would from the wire (status mapping, JSON decoding, parsing, and the
check that the answer is about the request). Whatever comes back, a call either raises one
`ApiError` or returns an object about exactly what was asked.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.wire import CUSTOMER, REDEMPTION, TXN

from pos_app.api import ApiError, Customer, LoyaltyClient, PointsTransaction, Redemption

KEY = "sk_test_FuzzKey00000000000000000000"
ASKED_CODE = "REDEEM-ABC123"


def _check_redeem(c: LoyaltyClient) -> None:
    red = c.redeem_points(
        customer_id="cus_abc123",
        reward_id="rwd_xyz789",
        points=200,
        code=ASKED_CODE,
        idempotency_key="k",
    )
    assert isinstance(red, Redemption)
    assert (red.code, red.customer_id, red.reward_id, red.points) == (
        ASKED_CODE,
        "cus_abc123",
        "rwd_xyz789",
        200,
    )


def _check_award(c: LoyaltyClient) -> None:
    txn = c.award_points(customer_id="cus_abc123", points=100, idempotency_key="k")
    assert isinstance(txn, PointsTransaction)
    assert (txn.customer_id, txn.points, txn.type.value) == ("cus_abc123", 100, "earned")


def _check_adjust(c: LoyaltyClient) -> None:
    txn = c.adjust_points(customer_id="cus_abc123", points=100, reason="r", idempotency_key="k")
    assert (txn.customer_id, txn.points, txn.type.value) == ("cus_abc123", 100, "adjusted")


def _check_use(c: LoyaltyClient) -> None:
    red = c.use_redemption(ASKED_CODE, idempotency_key="k")
    assert (red.code, red.status.value) == (ASKED_CODE, "used")


def _check_void(c: LoyaltyClient) -> None:
    red = c.void_redemption("red_1", idempotency_key="k")
    assert (red.id, red.status.value) == ("red_1", "void")


def _check_get_customer(c: LoyaltyClient) -> None:
    customer = c.get_customer("cus_abc123")
    assert isinstance(customer, Customer)
    assert customer.id == "cus_abc123"


def _check_enrol(c: LoyaltyClient) -> None:
    assert c.create_customer(name="Ada Obi", idempotency_key="k").name == "Ada Obi"


# Each endpoint, with an answer that fits it: the fuzzer mutates that answer.
ENDPOINTS: dict[str, tuple[Callable[[LoyaltyClient], None], dict[str, Any]]] = {
    "redeem": (_check_redeem, REDEMPTION),
    "award": (_check_award, TXN),
    "adjust": (_check_adjust, {**TXN, "type": "adjusted"}),
    "use": (_check_use, {**REDEMPTION, "status": "used"}),
    "void": (_check_void, {**REDEMPTION, "status": "void"}),
    "get-customer": (_check_get_customer, CUSTOMER),
    "enrol": (_check_enrol, CUSTOMER),
}

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.sampled_from([100, 200, -200, 0, 2**63])
    | st.sampled_from(["cus_abc123", "cus_other", "rwd_xyz789", "red_1", "red_2"])
    | st.sampled_from([ASKED_CODE, "REDEEM-OTHER1", "redeem-abc123", "used", "void", "issued"])
    | st.sampled_from(["earned", "adjusted", "redeemed", "2025-01-02T03:04:05Z"])
    | st.text(max_size=12)
)


@st.composite
def answers(draw: st.DrawFn, example: dict[str, Any]) -> tuple[int, bytes]:
    """A status and a body: mostly the example with a few fields changed or removed."""
    status = draw(
        st.sampled_from([200, 200, 200, 201, 204, 400, 404, 409, 500]) | st.integers(100, 599)
    )
    kind = draw(st.sampled_from(["mutated", "mutated", "mutated", "json", "bytes"]))
    if kind == "bytes":
        return status, draw(st.binary(max_size=200))
    if kind == "json":
        value = draw(
            st.recursive(
                scalars,
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3)
                ),
                max_leaves=6,
            )
        )
        return status, json.dumps(value).encode()
    body = dict(example)
    for name in draw(st.lists(st.sampled_from(sorted(example)), max_size=3, unique=True)):
        if draw(st.booleans()):
            body.pop(name)
        else:
            body[name] = draw(scalars)
    return status, json.dumps(body).encode()


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_answer_is_an_api_error_or_about_what_was_asked(name: str, data: st.DataObject) -> None:
    check, example = ENDPOINTS[name]
    status, body = data.draw(answers(example))

    def reply(_: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body, headers={"Content-Type": "application/json"})

    with LoyaltyClient("http://127.0.0.1:8765", KEY, transport=httpx.MockTransport(reply)) as c:
        try:
            check(c)  # a success must be about exactly what was asked
        except ApiError as err:
            assert KEY not in str(err) + repr(err)
