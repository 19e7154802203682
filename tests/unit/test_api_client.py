"""What `LoyaltyClient` puts on the wire for each endpoint, through an in-memory transport."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from support.wire import CUSTOMER, REDEMPTION, REWARD, TIER, TS, TXN

from pos_app.api import (
    AwardType,
    LoyaltyClient,
    Page,
    ProtocolError,
    RedemptionStatus,
    TransactionType,
)

KEY = "sk_test_ClientUnitKey000000000000"


def page(*items: dict[str, Any], cursor: str | None = None) -> dict[str, Any]:
    return {
        "object": "list",
        "data": list(items),
        "has_more": cursor is not None,
        "next_cursor": cursor,
    }


class Recorder:
    """An httpx MockTransport that answers from a queue and keeps every request."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.answers: list[httpx.Response] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answers.pop(0)

    def queue(self, body: object, status: int = 200) -> None:
        self.answers.append(httpx.Response(status, json=body))

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def last_json(self) -> Any:
        return json.loads(self.last.content)


@pytest.fixture
def wire() -> Recorder:
    return Recorder()


@pytest.fixture
def client(wire: Recorder) -> Iterator[LoyaltyClient]:
    with LoyaltyClient("http://127.0.0.1:8765/", KEY, transport=httpx.MockTransport(wire)) as c:
        yield c


def query(request: httpx.Request) -> dict[str, str]:
    return dict(request.url.params)


# Endpoints


def test_get_customer(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(CUSTOMER)
    customer = client.get_customer("cus_abc123")
    assert customer.id == "cus_abc123"
    assert wire.last.method == "GET"
    assert wire.last.url.path == "/v1/customers/cus_abc123"
    assert wire.last.headers["authorization"] == f"Bearer {KEY}"
    assert wire.last.headers["accept"] == "application/json"


def test_list_customers_query(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(page(CUSTOMER, cursor="next1"))
    since = datetime(2025, 1, 2, 4, 4, 5, tzinfo=timezone(timedelta(hours=1)))
    result = client.list_customers(query="Ada", updated_since=since, limit=50, cursor="c0")
    assert result.has_more is True
    assert result.next_cursor == "next1"
    assert wire.last.url.path == "/v1/customers"
    assert query(wire.last) == {
        "query": "Ada",
        "updated_since": "2025-01-02T03:04:05Z",
        "limit": "50",
        "cursor": "c0",
    }


def test_list_customers_omits_unset_parameters(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(page())
    assert client.list_customers() == Page(data=(), has_more=False, next_cursor=None)
    assert wire.last.url.query == b""


def test_create_customer(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(CUSTOMER, status=201)
    client.create_customer(
        name="Ada Obi",
        phone="+2348012345678",
        metadata={"source": "till", "visits": 3},
        idempotency_key="enrol-1",
    )
    assert wire.last.method == "POST"
    assert wire.last.url.path == "/v1/customers"
    assert wire.last.headers["idempotency-key"] == "enrol-1"
    assert wire.last_json() == {
        "name": "Ada Obi",
        "phone": "+2348012345678",
        "metadata": {"source": "till", "visits": 3},
    }


def test_award_points_bonus_with_expiry(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue({**TXN, "points": 50, "metadata": {"kind": "bonus"}})
    txn = client.award_points(
        customer_id="cus_abc123",
        points=50,
        reason="Birthday Bonus",
        type=AwardType.BONUS,
        expires_at=datetime(2025, 12, 31, 23, 59, 59, 999, tzinfo=UTC),
        idempotency_key="award-1",
    )
    assert txn.type is TransactionType.EARNED
    assert txn.metadata == {"kind": "bonus"}
    assert wire.last.url.path == "/v1/points/award"
    assert wire.last_json() == {
        "customer_id": "cus_abc123",
        "points": 50,
        "reason": "Birthday Bonus",
        "type": "bonus",
        "expires_at": "2025-12-31T23:59:59Z",
    }


def test_redeem_points_with_client_code(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(REDEMPTION)
    red = client.redeem_points(
        customer_id="cus_abc123",
        reward_id="rwd_xyz789",
        points=200,
        code="REDEEM-ABC123",
        occurred_at=datetime(2025, 1, 2, 3, 0, tzinfo=UTC),
        terminal_id="till-1",
        idempotency_key="redeem-1",
    )
    assert red.code == "REDEEM-ABC123"
    assert red.updated_at == red.created_at
    assert wire.last.url.path == "/v1/points/redeem"
    assert wire.last_json() == {
        "customer_id": "cus_abc123",
        "reward_id": "rwd_xyz789",
        "points": 200,
        "code": "REDEEM-ABC123",
        "occurred_at": "2025-01-02T03:00:00Z",
        "terminal_id": "till-1",
    }


def test_adjust_points(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue({**TXN, "type": "adjusted", "points": -30, "balance_after": 470})
    txn = client.adjust_points(
        customer_id="cus_abc123", points=-30, reason="Typo", idempotency_key="adj-1"
    )
    assert txn.points == -30
    assert wire.last.url.path == "/v1/points/adjust"
    assert wire.last_json() == {"customer_id": "cus_abc123", "points": -30, "reason": "Typo"}


def test_list_points(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(page(TXN))
    result = client.list_points(customer_id="cus_abc123", limit=10, order="asc")
    assert len(result.data) == 1
    assert wire.last.url.path == "/v1/points"
    assert query(wire.last) == {"customer_id": "cus_abc123", "limit": "10", "order": "asc"}


def test_list_points_defaults_to_desc(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(page())
    client.list_points(customer_id="cus_abc123")
    assert query(wire.last) == {"customer_id": "cus_abc123", "order": "desc"}


@pytest.mark.parametrize(("active", "sent"), [(True, "true"), (False, "false")])
def test_list_rewards_booleans(
    wire: Recorder, client: LoyaltyClient, active: bool, sent: str
) -> None:
    wire.queue(page(REWARD))
    client.list_rewards(active=active)
    assert wire.last.url.path == "/v1/rewards"
    assert query(wire.last) == {"active": sent}


def test_list_tiers(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(page(TIER))
    result = client.list_tiers()
    assert result.data[0].min_points == 5000
    assert wire.last.url.path == "/v1/tiers"
    assert wire.last.url.query == b""


def test_get_redemption_by_code(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(REDEMPTION)
    client.get_redemption("REDEEM-ABC123")
    assert wire.last.method == "GET"
    assert wire.last.url.raw_path == b"/v1/redemptions/REDEEM-ABC123"


def test_list_redemptions(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(page(REDEMPTION))
    client.list_redemptions(
        created_from=datetime(2025, 1, 1, tzinfo=UTC),
        created_to=datetime(2025, 1, 31, tzinfo=UTC),
        terminal_id="till-1",
        status=RedemptionStatus.ISSUED,
        limit=100,
    )
    assert wire.last.url.path == "/v1/redemptions"
    assert query(wire.last) == {
        "created_from": "2025-01-01T00:00:00Z",
        "created_to": "2025-01-31T00:00:00Z",
        "terminal_id": "till-1",
        "status": "issued",
        "limit": "100",
    }


def test_use_redemption(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue({**REDEMPTION, "status": "used", "used_at": TS, "updated_at": TS})
    red = client.use_redemption("red_1", idempotency_key="use-1")
    assert red.status is RedemptionStatus.USED
    assert wire.last.method == "POST"
    assert wire.last.url.path == "/v1/redemptions/red_1/use"
    assert wire.last.headers["idempotency-key"] == "use-1"
    assert wire.last_json() == {}


def test_void_redemption(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue({**REDEMPTION, "status": "void", "voided_at": TS})
    red = client.void_redemption(
        "REDEEM-ABC123", reason="Customer changed mind", idempotency_key="v1"
    )
    assert red.status is RedemptionStatus.VOID
    assert wire.last.url.path == "/v1/redemptions/REDEEM-ABC123/void"
    assert wire.last_json() == {"reason": "Customer changed mind"}


def test_void_without_reason_sends_an_empty_object(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue({**REDEMPTION, "status": "void", "voided_at": TS})
    client.void_redemption("red_1", idempotency_key="v2")
    assert wire.last_json() == {}


def test_wrong_object_kind_for_the_endpoint(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(CUSTOMER)
    with pytest.raises(ProtocolError, match=r"^redemption\.object: expected 'redemption'"):
        client.get_redemption("red_1")


def test_empty_2xx_body_is_a_protocol_error(wire: Recorder, client: LoyaltyClient) -> None:
    wire.answers.append(httpx.Response(204))
    with pytest.raises(ProtocolError) as caught:
        client.get_customer("cus_abc123")
    assert caught.value.status == 204


# Paging


def test_iter_all_follows_cursors(wire: Recorder, client: LoyaltyClient) -> None:
    second = {**CUSTOMER, "id": "cus_2"}
    third = {**CUSTOMER, "id": "cus_3"}
    wire.queue(page(CUSTOMER, cursor="p2"))
    wire.queue(page(second, cursor="p3"))
    wire.queue(page(third))

    ids = [c.id for c in client.iter_all(client.list_customers, query="Ada", limit=1)]

    assert ids == ["cus_abc123", "cus_2", "cus_3"]
    assert [query(r) for r in wire.requests] == [
        {"query": "Ada", "limit": "1"},
        {"query": "Ada", "limit": "1", "cursor": "p2"},
        {"query": "Ada", "limit": "1", "cursor": "p3"},
    ]


def test_iter_all_is_lazy(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(page(TXN, cursor="p2"))
    items = client.iter_all(client.list_points, customer_id="cus_abc123")
    assert next(items).id == "txn_1"
    assert len(wire.requests) == 1


def test_iter_all_stops_on_a_repeated_cursor(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(page(REWARD, cursor="same"))
    wire.queue(page(REWARD, cursor="same"))
    with pytest.raises(ProtocolError, match="repeated a list cursor"):
        list(client.iter_all(client.list_rewards))
    assert len(wire.requests) == 2


# Local validation


POSTS: dict[str, Callable[[LoyaltyClient, str], object]] = {
    "create_customer": lambda c, k: c.create_customer(name="A", idempotency_key=k),
    "award_points": lambda c, k: c.award_points(customer_id="cus_1", points=1, idempotency_key=k),
    "redeem_points": lambda c, k: c.redeem_points(
        customer_id="cus_1", reward_id="rwd_1", points=1, idempotency_key=k
    ),
    "adjust_points": lambda c, k: c.adjust_points(
        customer_id="cus_1", points=1, reason="r", idempotency_key=k
    ),
    "use_redemption": lambda c, k: c.use_redemption("red_1", idempotency_key=k),
    "void_redemption": lambda c, k: c.void_redemption("red_1", idempotency_key=k),
}


@pytest.mark.parametrize("endpoint", sorted(POSTS))
@pytest.mark.parametrize(
    "key", ["", "x" * 256, "tab\there", "naïve", "line\nbreak", " padded", "padded ", "\x7f"]
)
def test_bad_idempotency_keys_are_refused_locally(
    wire: Recorder, client: LoyaltyClient, endpoint: str, key: str
) -> None:
    with pytest.raises(ValueError, match="idempotency_key"):
        POSTS[endpoint](client, key)
    assert wire.requests == []


@pytest.mark.parametrize("key", ["a", "x" * 255, "op-2025-01-02:till-1/42 ~!", "550e8400-e29b"])
def test_good_idempotency_keys_are_sent_as_given(
    wire: Recorder, client: LoyaltyClient, key: str
) -> None:
    wire.queue({**CUSTOMER, "name": "A"})
    client.create_customer(name="A", idempotency_key=key)
    assert wire.last.headers["idempotency-key"] == key


def test_naive_datetimes_are_refused(wire: Recorder, client: LoyaltyClient) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        client.list_customers(updated_since=datetime(2025, 1, 1))
    assert wire.requests == []


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.get_customer(""),
        lambda c: c.get_redemption(""),
        lambda c: c.use_redemption("", idempotency_key="k"),
    ],
)
def test_empty_ids_are_refused(
    wire: Recorder, client: LoyaltyClient, call: Callable[[LoyaltyClient], object]
) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        call(client)
    assert wire.requests == []


@pytest.mark.parametrize(
    "base_url",
    ["", "127.0.0.1:8000", "ftp://127.0.0.1", "http://", "http://u:p@127.0.0.1", "http://h/?q=1"],
)
def test_bad_base_urls(base_url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        LoyaltyClient(base_url, KEY)


@pytest.mark.parametrize("api_key", ["", "sk test", "sk_test_\n", "sk_tëst"])
def test_bad_api_keys_are_refused_without_echoing_them(api_key: str) -> None:
    with pytest.raises(ValueError, match="api_key") as caught:
        LoyaltyClient("http://127.0.0.1:1", api_key)
    if api_key:
        assert api_key not in str(caught.value)


def test_base_url_path_prefix_is_kept(wire: Recorder) -> None:
    with LoyaltyClient(
        "http://127.0.0.1:8765/loyalty/", KEY, transport=httpx.MockTransport(wire)
    ) as client:
        wire.queue(page())
        client.list_tiers()
        assert repr(client) == "LoyaltyClient(base_url='http://127.0.0.1:8765/loyalty')"
    assert wire.last.url.path == "/loyalty/v1/tiers"


def test_default_timeouts(wire: Recorder, client: LoyaltyClient) -> None:
    wire.queue(page())
    client.list_tiers()
    assert wire.last.extensions["timeout"] == {
        "connect": 3.0,
        "read": 10.0,
        "write": 10.0,
        "pool": 5.0,
    }


def test_closed_client_cannot_send(wire: Recorder) -> None:
    client = LoyaltyClient("http://127.0.0.1:8765", KEY, transport=httpx.MockTransport(wire))
    client.close()
    with pytest.raises(RuntimeError):
        client.list_tiers()
