"""The offline policy (docs/ARCHITECTURE.md; the README's "offline policy"): every rule,
its boundary and its code."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.offline_policy import OfflineDecision, OfflinePolicy, decide_offline

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
DEFAULT = OfflinePolicy()  # enabled, 24 h, 1,000 per redemption, 1,000 pending
US = timedelta(microseconds=1)

CODES = {
    "offline_disabled",
    "not_cached",
    "cache_too_old",
    "over_offline_limit",
    "over_pending_limit",
    "insufficient_projected_balance",
}


def decide(
    policy: OfflinePolicy = DEFAULT,
    *,
    points: int = 200,
    age: timedelta | None = timedelta(hours=1),
    balance: int | None = 5000,
    pending: int = 0,
) -> OfflineDecision:
    return decide_offline(
        policy,
        points=points,
        cached_at=None if age is None else NOW - age,
        now=NOW,
        projected_balance=balance,
        pending_offline_points=pending,
    )


def test_defaults_are_sane() -> None:
    expected = OfflinePolicy(
        enabled=True,
        max_cache_age_hours=24.0,
        max_points_per_redemption=1000,
        max_pending_points_per_customer=1000,
    )
    assert expected == DEFAULT


REFUSED: list[Any] = [
    # rule: switched off, whatever else holds (checked first)
    pytest.param(OfflinePolicy(enabled=False), {}, "offline_disabled", id="disabled"),
    pytest.param(
        OfflinePolicy(enabled=False),
        {"age": None, "points": 10**6},
        "offline_disabled",
        id="disabled-before-everything",
    ),
    # rule: the customer must be in the local cache
    pytest.param(DEFAULT, {"age": None}, "not_cached", id="never-cached"),
    pytest.param(DEFAULT, {"balance": None}, "not_cached", id="balance-unknown"),
    pytest.param(
        DEFAULT, {"age": None, "points": 10**6}, "not_cached", id="not-cached-before-limits"
    ),
    # rule: cache no older than N hours (the boundary itself is still fresh)
    pytest.param(DEFAULT, {"age": timedelta(hours=24) + US}, "cache_too_old", id="24h+1us"),
    pytest.param(DEFAULT, {"age": timedelta(days=30)}, "cache_too_old", id="a-month-old"),
    pytest.param(
        OfflinePolicy(max_cache_age_hours=0.5),
        {"age": timedelta(minutes=30) + US},
        "cache_too_old",
        id="fractional-hours",
    ),
    pytest.param(
        OfflinePolicy(max_cache_age_hours=0),
        {"age": US},
        "cache_too_old",
        id="zero-hours",
    ),
    pytest.param(
        DEFAULT,
        {"age": timedelta(hours=25), "points": 5000, "balance": 0},
        "cache_too_old",
        id="too-old-before-limits",
    ),
    # rule: at most P points per offline redemption
    pytest.param(DEFAULT, {"points": 1001}, "over_offline_limit", id="1001-points"),
    pytest.param(
        OfflinePolicy(max_points_per_redemption=0),
        {"points": 1},
        "over_offline_limit",
        id="zero-per-redemption",
    ),
    pytest.param(
        DEFAULT,
        {"points": 1001, "pending": 1000, "balance": 0},
        "over_offline_limit",
        id="per-redemption-before-pending",
    ),
    # rule: at most Q pending offline points per customer, this one included
    pytest.param(DEFAULT, {"points": 200, "pending": 801}, "over_pending_limit", id="801+200"),
    pytest.param(DEFAULT, {"points": 1, "pending": 1000}, "over_pending_limit", id="1000+1"),
    pytest.param(
        OfflinePolicy(max_points_per_redemption=5000, max_pending_points_per_customer=1000),
        {"points": 1001},
        "over_pending_limit",
        id="single-redemption-over-pending-cap",
    ),
    pytest.param(
        DEFAULT,
        {"points": 200, "pending": 900, "balance": 0},
        "over_pending_limit",
        id="pending-before-balance",
    ),
    # rule: the projected balance must cover the redemption
    pytest.param(
        DEFAULT, {"points": 200, "balance": 199}, "insufficient_projected_balance", id="199<200"
    ),
    pytest.param(
        DEFAULT, {"points": 1, "balance": 0}, "insufficient_projected_balance", id="zero-balance"
    ),
    pytest.param(
        DEFAULT,
        {"points": 1, "balance": -50},
        "insufficient_projected_balance",
        id="negative-projected",
    ),
]


@pytest.mark.parametrize(("policy", "situation", "code"), REFUSED)
def test_refusals(policy: OfflinePolicy, situation: dict[str, Any], code: str) -> None:
    decision = decide(policy, **situation)
    assert decision.allowed is False
    assert decision.code == code
    assert_sentence(decision.reason)


ALLOWED: list[Any] = [
    pytest.param(DEFAULT, {}, id="typical"),
    pytest.param(DEFAULT, {"age": timedelta(hours=24)}, id="exactly-24h-old"),
    pytest.param(DEFAULT, {"age": timedelta(0)}, id="just-cached"),
    pytest.param(DEFAULT, {"age": -timedelta(minutes=5)}, id="clock-skew-cached-in-future"),
    pytest.param(
        OfflinePolicy(max_cache_age_hours=0.5), {"age": timedelta(minutes=30)}, id="30min-of-0.5h"
    ),
    pytest.param(OfflinePolicy(max_cache_age_hours=0), {"age": timedelta(0)}, id="zero-hours"),
    pytest.param(DEFAULT, {"points": 1000, "balance": 1000}, id="exactly-per-redemption-cap"),
    pytest.param(DEFAULT, {"points": 200, "pending": 800}, id="exactly-pending-cap"),
    pytest.param(DEFAULT, {"points": 200, "balance": 200}, id="exactly-enough-points"),
    pytest.param(
        OfflinePolicy(
            max_cache_age_hours=72,
            max_points_per_redemption=10_000,
            max_pending_points_per_customer=50_000,
        ),
        {"points": 10_000, "pending": 40_000, "balance": 10_000, "age": timedelta(hours=72)},
        id="generous-policy",
    ),
]


@pytest.mark.parametrize(("policy", "situation"), ALLOWED)
def test_allowed(policy: OfflinePolicy, situation: dict[str, Any]) -> None:
    decision = decide(policy, **situation)
    assert decision == OfflineDecision(True)
    assert decision.code == ""
    assert decision.reason == ""


def assert_sentence(text: str) -> None:
    assert text.strip() == text
    assert len(text) > 20
    assert text[0].isupper()
    assert text.endswith(".")
    assert "{" not in text and "}" not in text  # no unformatted placeholder


def test_messages_quote_the_numbers_the_cashier_needs() -> None:
    policy = OfflinePolicy(
        max_cache_age_hours=36,
        max_points_per_redemption=1500,
        max_pending_points_per_customer=2500,
    )
    assert "36 hours" in decide(policy, age=timedelta(hours=40)).reason
    assert "1,500" in decide(policy, points=1600).reason
    pending = decide(policy, points=1000, pending=2000).reason
    assert "2,000" in pending and "2,500" in pending
    balance = decide(policy, points=1200, balance=1100).reason
    assert "1,100" in balance and "1,200" in balance


policies = st.builds(
    OfflinePolicy,
    enabled=st.booleans(),
    max_cache_age_hours=st.one_of(
        st.integers(min_value=0, max_value=24 * 365),
        st.floats(min_value=0, max_value=24 * 365, allow_nan=False),
    ),
    max_points_per_redemption=st.integers(min_value=0, max_value=50_000),
    max_pending_points_per_customer=st.integers(min_value=0, max_value=50_000),
)


@given(
    policy=policies,
    points=st.integers(min_value=0, max_value=60_000),
    age=st.none() | st.timedeltas(min_value=timedelta(hours=-2), max_value=timedelta(days=400)),
    balance=st.none() | st.integers(min_value=-10_000, max_value=100_000),
    pending=st.integers(min_value=0, max_value=60_000),
)
def test_allowed_exactly_when_every_limit_holds(
    policy: OfflinePolicy,
    points: int,
    age: timedelta | None,
    balance: int | None,
    pending: int,
) -> None:
    decision = decide(policy, points=points, age=age, balance=balance, pending=pending)
    every_limit_holds = (
        policy.enabled
        and age is not None
        and balance is not None
        and age <= timedelta(hours=policy.max_cache_age_hours)
        and points <= policy.max_points_per_redemption
        and pending + points <= policy.max_pending_points_per_customer
        and balance >= points
    )
    assert decision.allowed is bool(every_limit_holds)
    if decision.allowed:
        assert decision.code == "" and decision.reason == ""
    else:
        assert decision.code in CODES
        assert_sentence(decision.reason)


# --- OfflinePolicy.from_mapping -------------------------------------------------------------


def test_from_mapping_empty_gives_the_defaults() -> None:
    assert OfflinePolicy.from_mapping({}) == OfflinePolicy()


def test_from_mapping_reads_every_setting() -> None:
    policy = OfflinePolicy.from_mapping(
        {
            "enabled": False,
            "max_cache_age_hours": 6.5,
            "max_points_per_redemption": 250,
            "max_pending_points_per_customer": 0,
        }
    )
    assert policy == OfflinePolicy(False, 6.5, 250, 0)
    # An integer number of hours is fine; zero disables a limit's headroom, not the policy.
    assert OfflinePolicy.from_mapping({"max_cache_age_hours": 12}).max_cache_age_hours == 12
    assert OfflinePolicy.from_mapping({"max_cache_age_hours": 0}).max_cache_age_hours == 0


@pytest.mark.parametrize("key", ["enable", "max_points", "MAX_CACHE_AGE_HOURS", ""])
def test_from_mapping_rejects_unknown_keys(key: str) -> None:
    with pytest.raises(ValueError, match="unknown") as caught:
        OfflinePolicy.from_mapping({key: 1})
    assert repr(key) in str(caught.value)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("enabled", 1),
        ("enabled", 0),
        ("enabled", "yes"),
        ("enabled", "false"),
        ("enabled", None),
        ("max_cache_age_hours", True),
        ("max_cache_age_hours", False),
        ("max_cache_age_hours", "24"),
        ("max_cache_age_hours", None),
        ("max_cache_age_hours", [24]),
        ("max_points_per_redemption", True),
        ("max_points_per_redemption", "1000"),
        ("max_points_per_redemption", 10.5),
        ("max_points_per_redemption", 1000.0),
        ("max_pending_points_per_customer", False),
        ("max_pending_points_per_customer", "500"),
        ("max_pending_points_per_customer", None),
        ("max_pending_points_per_customer", {"points": 5}),
    ],
)
def test_from_mapping_rejects_wrong_types(key: str, value: object) -> None:
    with pytest.raises(ValueError, match=key):
        OfflinePolicy.from_mapping({key: value})


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("max_cache_age_hours", -1),
        ("max_cache_age_hours", -0.5),
        ("max_points_per_redemption", -1),
        ("max_pending_points_per_customer", -1000),
    ],
)
def test_from_mapping_rejects_negatives(key: str, value: float) -> None:
    with pytest.raises(ValueError, match="from 0 to"):
        OfflinePolicy.from_mapping({key: value})


@pytest.mark.parametrize("hours", [math.nan, math.inf, 1e12, 10**15])
def test_a_policy_from_config_can_always_decide(hours: float) -> None:
    try:
        policy = OfflinePolicy.from_mapping({"max_cache_age_hours": hours})
    except ValueError:
        return  # refused at load time: fine
    decision = decide(policy, age=timedelta(days=3))  # must answer, either way
    assert isinstance(decision, OfflineDecision)
