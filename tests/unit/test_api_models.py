"""Strict parsing of the LoyalPro objects (API.md, "Objects") and the timestamp helpers."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.wire import EXAMPLE_CUSTOMER as CUSTOMER
from support.wire import EXAMPLE_REDEMPTION as REDEMPTION
from support.wire import EXAMPLE_REWARD as REWARD
from support.wire import EXAMPLE_TIER as TIER
from support.wire import EXAMPLE_TXN as TRANSACTION
from support.wire import TS as CREATED
from support.wire import UPDATED

from pos_app.api import ProtocolError
from pos_app.api.models.catalogue import Reward, Tier, parse_reward, parse_tier
from pos_app.api.models.customers import Customer, ExpiringPoints, TierRef, parse_customer
from pos_app.api.models.page import Page, parse_page
from pos_app.api.models.points import PointsTransaction, TransactionType, parse_points_transaction
from pos_app.api.models.redemptions import Redemption, RedemptionStatus, parse_redemption
from pos_app.api.models.values import format_timestamp, parse_timestamp

Parser = Callable[[object], object]

PARSERS: dict[str, tuple[Parser, dict[str, Any]]] = {
    "customer": (parse_customer, CUSTOMER),
    "reward": (parse_reward, REWARD),
    "tier": (parse_tier, TIER),
    "points_transaction": (parse_points_transaction, TRANSACTION),
    "redemption": (parse_redemption, REDEMPTION),
    "list": (lambda value: parse_page(value, parse_customer), {}),
}


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(base)
    data.update(changes)
    return data


def without(base: dict[str, Any], name: str) -> dict[str, Any]:
    data = copy.deepcopy(base)
    del data[name]
    return data


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# Valid objects


def test_customer_example_parses() -> None:
    customer = parse_customer(CUSTOMER)

    assert customer == Customer(
        id="cus_abc123",
        name="Ada Obi",
        email="ada@example.com",
        phone="+2348012345678",
        card_number="LP0000123456",
        points_balance=500,
        lifetime_points=1200,
        tier=TierRef(id="tier_silver", name="Silver"),
        points_expiring=(ExpiringPoints(points=200, expires_at=utc(2026, 12, 31, 23, 59, 59)),),
        metadata={},
        created_at=utc(2025, 1, 2, 3, 4, 5),
        updated_at=utc(2025, 6, 7, 8, 9, 10),
    )
    assert customer.created_at.tzinfo is UTC


def test_customer_without_optional_details_and_tier() -> None:
    data = with_(CUSTOMER, email=None, phone=None, tier=None, points_expiring=[])
    del data["card_number"]  # absent means the same as null

    customer = parse_customer(data)

    assert (customer.email, customer.phone, customer.card_number, customer.tier) == (
        None,
        None,
        None,
        None,
    )
    assert customer.points_expiring == ()


def test_reward_example_parses() -> None:
    assert parse_reward(REWARD) == Reward(
        id="rwd_xyz789",
        name="NGN 1,000 off",
        points_cost=200,
        discount_amount=1000,
        currency="NGN",
        tier_required=None,
        active=True,
        created_at=utc(2025, 1, 2, 3, 4, 5),
        updated_at=utc(2025, 6, 7, 8, 9, 10),
    )


def test_tier_parses() -> None:
    assert parse_tier(TIER) == Tier(
        id="tier_silver", name="Silver", min_points=1000, created_at=utc(2025, 1, 2, 3, 4, 5)
    )


def test_points_transaction_example_parses() -> None:
    txn = parse_points_transaction(TRANSACTION)

    assert txn == PointsTransaction(
        id="txn_1",
        customer_id="cus_abc123",
        type=TransactionType.EARNED,
        points=100,
        balance_after=600,
        reason="Purchase",
        metadata={"order_id": "order_12345", "amount": 10000, "rate": 1.5, "online": False},
        expires_at=None,
        redemption_id=None,
        created_at=utc(2025, 1, 2, 3, 4, 5),
    )
    assert type(txn.metadata["amount"]) is int
    assert type(txn.metadata["online"]) is bool


def test_negative_points_and_expiry_on_a_transaction() -> None:
    txn = parse_points_transaction(
        with_(TRANSACTION, type="redeemed", points=-200, expires_at="2026-01-01T00:00:00Z")
    )
    assert txn.type is TransactionType.REDEEMED
    assert txn.points == -200
    assert txn.expires_at == utc(2026, 1, 1)


def test_redemption_example_parses() -> None:
    red = parse_redemption(REDEMPTION)

    assert red == Redemption(
        id="red_1",
        customer_id="cus_abc123",
        reward_id="rwd_xyz789",
        points=200,
        code="REDEEM-ABC123",
        discount_amount=1000,
        currency="NGN",
        status=RedemptionStatus.ISSUED,
        transaction_id="txn_2",
        balance_after=300,
        terminal_id="till-1",
        occurred_at=utc(2025, 1, 2, 3),
        created_at=utc(2025, 1, 2, 3, 4, 5),
        updated_at=utc(2025, 6, 7, 8, 9, 10),
        used_at=None,
        voided_at=None,
        metadata={},
    )


def test_redemption_without_updated_at_takes_created_at() -> None:
    red = parse_redemption(without(REDEMPTION, "updated_at"))
    assert red.updated_at == red.created_at == utc(2025, 1, 2, 3, 4, 5)


def test_redemption_with_nullable_fields_absent() -> None:
    data = copy.deepcopy(REDEMPTION)
    for name in ("transaction_id", "balance_after", "terminal_id", "occurred_at"):
        del data[name]
    red = parse_redemption(with_(data, status="void", voided_at=UPDATED))
    assert red.transaction_id is None
    assert red.balance_after is None
    assert red.terminal_id is None
    assert red.occurred_at is None
    assert red.status is RedemptionStatus.VOID
    assert red.voided_at == utc(2025, 6, 7, 8, 9, 10)


def test_unknown_fields_are_ignored() -> None:
    data = with_(CUSTOMER, livemode=False, new_thing={"nested": [1, 2]})
    data["tier"]["color"] = "silver"
    assert parse_customer(data) == parse_customer(CUSTOMER)


def test_metadata_is_a_read_only_copy() -> None:
    source = copy.deepcopy(TRANSACTION)
    txn = parse_points_transaction(source)
    source["metadata"]["order_id"] = "changed"

    assert txn.metadata["order_id"] == "order_12345"
    with pytest.raises(TypeError):
        txn.metadata["order_id"] = "x"  # type: ignore[index]


def test_models_are_frozen_and_hashable() -> None:
    customer = parse_customer(CUSTOMER)
    with pytest.raises(AttributeError):
        customer.points_balance = 1  # type: ignore[misc]
    assert hash(customer) == hash(parse_customer(CUSTOMER))
    assert len({parse_points_transaction(TRANSACTION), parse_points_transaction(TRANSACTION)}) == 1


def test_page_parses_items_and_cursor() -> None:
    page = parse_page(
        {"object": "list", "data": [CUSTOMER, CUSTOMER], "has_more": True, "next_cursor": "c1"},
        parse_customer,
    )
    assert page == Page(
        data=(parse_customer(CUSTOMER), parse_customer(CUSTOMER)),
        has_more=True,
        next_cursor="c1",
    )


def test_last_page_may_omit_cursor() -> None:
    page = parse_page({"object": "list", "data": [TIER], "has_more": False}, parse_tier)
    assert page.next_cursor is None
    assert page.data == (parse_tier(TIER),)


# Invalid objects

INVALID: list[tuple[Parser, dict[str, Any], str]] = [
    (
        parse_customer,
        with_(CUSTOMER, points_balance="500"),
        "customer.points_balance: expected integer, got string",
    ),
    (
        parse_customer,
        with_(CUSTOMER, points_balance=True),
        "customer.points_balance: expected integer, got boolean",
    ),
    (
        parse_customer,
        with_(CUSTOMER, points_balance=500.0),
        "customer.points_balance: expected integer, got number",
    ),
    (
        parse_customer,
        with_(CUSTOMER, lifetime_points=None),
        "customer.lifetime_points: expected integer, got null",
    ),
    (parse_customer, without(CUSTOMER, "id"), "customer.id: missing"),
    (parse_customer, without(CUSTOMER, "object"), "customer.object: missing"),
    (
        parse_customer,
        with_(CUSTOMER, object="reward"),
        "customer.object: expected 'customer', got 'reward'",
    ),
    (
        parse_customer,
        with_(CUSTOMER, object=7),
        "customer.object: expected 'customer', got integer",
    ),
    (
        parse_customer,
        with_(CUSTOMER, email=5),
        "customer.email: expected string or null, got integer",
    ),
    (parse_customer, with_(CUSTOMER, tier="Silver"), "customer.tier: expected object, got string"),
    (parse_customer, with_(CUSTOMER, tier={"id": "tier_silver"}), "customer.tier.name: missing"),
    (
        parse_customer,
        with_(CUSTOMER, points_expiring={}),
        "customer.points_expiring: expected array, got object",
    ),
    (parse_customer, without(CUSTOMER, "points_expiring"), "customer.points_expiring: missing"),
    (
        parse_customer,
        with_(
            CUSTOMER,
            points_expiring=[{"points": 1, "expires_at": "2026-12-31T23:59:59Z"}, {"points": 2}],
        ),
        "customer.points_expiring[1].expires_at: missing",
    ),
    (parse_customer, with_(CUSTOMER, metadata=[]), "customer.metadata: expected object, got array"),
    (
        parse_customer,
        with_(CUSTOMER, metadata=None),
        "customer.metadata: expected object, got null",
    ),
    (parse_customer, without(CUSTOMER, "metadata"), "customer.metadata: missing"),
    (
        parse_customer,
        with_(CUSTOMER, metadata={"k": {"nested": 1}}),
        "customer.metadata['k']: expected string, number or boolean, got object",
    ),
    (
        parse_customer,
        with_(CUSTOMER, metadata={"k": None}),
        "customer.metadata['k']: expected string, number or boolean, got null",
    ),
    (
        parse_customer,
        with_(CUSTOMER, created_at="2025-01-02T03:04:05"),
        "customer.created_at: expected RFC 3339",
    ),
    (
        parse_customer,
        with_(CUSTOMER, created_at="2025-01-02 03:04:05Z"),
        "customer.created_at: expected RFC 3339",
    ),
    (
        parse_customer,
        with_(CUSTOMER, created_at="2025-13-02T03:04:05Z"),
        "customer.created_at: expected RFC 3339",
    ),
    (
        parse_customer,
        with_(CUSTOMER, created_at="2025-02-30T03:04:05Z"),
        "customer.created_at: expected RFC 3339",
    ),
    (
        parse_customer,
        with_(CUSTOMER, created_at="1735689599"),
        "customer.created_at: expected RFC 3339",
    ),
    (
        parse_customer,
        with_(CUSTOMER, created_at=1735689599),
        "customer.created_at: expected RFC 3339 timestamp string, got integer",
    ),
    (parse_customer, with_(CUSTOMER, updated_at=None), "customer.updated_at: expected RFC 3339"),
    (parse_reward, with_(REWARD, active="true"), "reward.active: expected boolean, got string"),
    (parse_reward, with_(REWARD, active=1), "reward.active: expected boolean, got integer"),
    (
        parse_reward,
        with_(REWARD, discount_amount=10.5),
        "reward.discount_amount: expected integer, got number",
    ),
    (parse_reward, without(REWARD, "currency"), "reward.currency: missing"),
    (parse_tier, with_(TIER, min_points="1000"), "tier.min_points: expected integer, got string"),
    (parse_tier, without(TIER, "created_at"), "tier.created_at: missing"),
    (
        parse_points_transaction,
        with_(TRANSACTION, type="bonus"),
        "points_transaction.type: expected one of 'earned', 'redeemed', 'expired', 'adjusted',"
        " got 'bonus'",
    ),
    (
        parse_points_transaction,
        with_(TRANSACTION, balance_after=False),
        "points_transaction.balance_after: expected integer, got boolean",
    ),
    (
        parse_points_transaction,
        with_(TRANSACTION, expires_at="tomorrow"),
        "points_transaction.expires_at: expected RFC 3339",
    ),
    (parse_redemption, with_(REDEMPTION, status="ISSUED"), "redemption.status: expected one of"),
    (
        parse_redemption,
        with_(REDEMPTION, balance_after="300"),
        "redemption.balance_after: expected integer or null, got string",
    ),
    (parse_redemption, with_(REDEMPTION, updated_at=5), "redemption.updated_at: expected RFC 3339"),
    (parse_redemption, without(REDEMPTION, "code"), "redemption.code: missing"),
]


@pytest.mark.parametrize(("parse", "data", "message"), INVALID)
def test_invalid_objects_raise_protocol_error_naming_the_field(
    parse: Parser, data: dict[str, Any], message: str
) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse(data)
    assert str(caught.value).startswith(message)
    assert caught.value.retryable is False


@pytest.mark.parametrize("value", [None, [], "customer", 1, True, 1.5])
def test_non_objects_are_refused(value: object) -> None:
    with pytest.raises(ProtocolError, match=r"^customer: expected object"):
        parse_customer(value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([CUSTOMER], "list: expected object, got array"),
        ({"object": "list", "data": {}, "has_more": False}, "list.data: expected array"),
        ({"object": "list", "data": [], "has_more": "no"}, "list.has_more: expected boolean"),
        ({"object": "list", "data": []}, "list.has_more: missing"),
        ({"object": "list", "data": [], "has_more": True}, "list.next_cursor: has_more is true"),
        ({"object": "list", "data": [], "has_more": True, "next_cursor": ""}, "list.next_cursor"),
        ({"object": "list", "data": [], "has_more": False, "next_cursor": 3}, "list.next_cursor"),
        ({"object": "customer", "data": [], "has_more": False}, "list.object: expected 'list'"),
        (
            {
                "object": "list",
                "data": [CUSTOMER, with_(CUSTOMER, points_balance="x")],
                "has_more": False,
            },
            "list.data[1].points_balance: expected integer, got string",
        ),
    ],
)
def test_invalid_pages(data: object, message: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_page(data, parse_customer)
    assert str(caught.value).startswith(message)


def test_long_or_odd_server_strings_are_not_echoed() -> None:
    secretish = "sk_test_" + "x" * 60
    with pytest.raises(ProtocolError) as caught:
        parse_customer(with_(CUSTOMER, created_at=secretish))
    assert "xxxx" not in str(caught.value)
    assert "a string of 68 characters" in str(caught.value)


# Arbitrary JSON never escapes as anything but ProtocolError

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(
        [CREATED, "2025-01-02T03:04:05+01:00", "earned", "issued", "customer", "list"]
    )
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def _parse_only_protocol_errors(parse: Parser, value: object) -> None:
    with contextlib.suppress(ProtocolError):
        parse(value)


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=150, database=None)
@given(value=json_values)
def test_arbitrary_json_only_raises_protocol_error(name: str, value: object) -> None:
    parse, _ = PARSERS[name]
    _parse_only_protocol_errors(parse, value)


@pytest.mark.parametrize("name", sorted(set(PARSERS) - {"list"}))
@settings(max_examples=200, database=None)
@given(data=st.data())
def test_mutated_examples_only_raise_protocol_error(name: str, data: st.DataObject) -> None:
    parse, example = PARSERS[name]
    obj = copy.deepcopy(example)
    for key in data.draw(st.lists(st.sampled_from(sorted(obj)), min_size=1, max_size=3)):
        if data.draw(st.booleans()):
            obj.pop(key, None)
        else:
            obj[key] = data.draw(json_values)
    _parse_only_protocol_errors(parse, obj)
    # A page wrapping the mutant must behave the same way.
    page = {"object": "list", "data": [example, obj], "has_more": False}
    _parse_only_protocol_errors(lambda v: parse_page(v, parse), page)  # type: ignore[arg-type]


# Timestamps


def test_timestamp_examples() -> None:
    assert parse_timestamp("2025-12-31T23:59:59Z") == utc(2025, 12, 31, 23, 59, 59)
    assert parse_timestamp("2026-01-01T00:59:59+01:00") == utc(2025, 12, 31, 23, 59, 59)
    assert parse_timestamp("2025-12-31T20:29:59-03:30") == utc(2025, 12, 31, 23, 59, 59)
    assert parse_timestamp("2025-12-31t23:59:59.123456789z") == datetime(
        2025, 12, 31, 23, 59, 59, 123456, tzinfo=UTC
    )
    assert parse_timestamp("2025-12-31T23:59:59.5Z").microsecond == 500000
    assert parse_timestamp("2025-12-31T23:59:59Z").tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "2025-12-31T23:59:59",  # naive
        "2025-12-31",
        "2025-12-31 23:59:59Z",
        "2025-12-31T23:59Z",
        "2025-12-31T23:59:59+0100",
        "2025-12-31T23:59:59+24:00",
        "2025-12-31T24:00:00Z",
        "2025-12-31T23:59:60Z",
        "0000-01-01T00:00:00Z",
        "0001-01-01T00:00:00+01:00",  # before datetime.min once in UTC
        "２０２５-12-31T23:59:59Z",  # non-ASCII digits
        "2025-12-31T23:59:59Z\n",
        " 2025-12-31T23:59:59Z",
        "",
    ],
)
def test_bad_timestamps_raise_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_timestamp(text)


def test_format_timestamp_is_utc_whole_seconds() -> None:
    lagos = timezone(timedelta(hours=1))
    value = datetime(2026, 1, 1, 0, 59, 59, 999999, tzinfo=lagos)
    assert format_timestamp(value) == "2025-12-31T23:59:59Z"
    assert format_timestamp(datetime(5, 1, 2, 3, 4, 5, tzinfo=UTC)) == "0005-01-02T03:04:05Z"


def test_format_timestamp_refuses_naive() -> None:
    with pytest.raises(ValueError):
        format_timestamp(datetime(2025, 1, 1))


offsets = st.builds(
    lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-23 * 60, 23 * 60)
)


@settings(max_examples=300, database=None)
@given(
    value=st.datetimes(
        min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31), timezones=offsets
    )
)
def test_timestamp_round_trip(value: datetime) -> None:
    text = format_timestamp(value)
    parsed = parse_timestamp(text)
    assert parsed == value.replace(microsecond=0)
    assert parsed.tzinfo is UTC
    assert format_timestamp(parsed) == text


@settings(max_examples=300, database=None)
@given(text=st.text(alphabet="0123456789-:TtZz+.x ", max_size=35) | st.text(max_size=35))
def test_parse_timestamp_only_raises_value_error(text: str) -> None:
    try:
        parsed = parse_timestamp(text)
    except ValueError:
        return
    assert parsed.tzinfo is UTC
