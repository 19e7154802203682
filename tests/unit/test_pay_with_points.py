"""Pay with points (API.md v1.1): the reward's wire shape read strictly, the domain's
snapping and clamping (always on the step, within min/max, the balance and the offline
limit), and the reward kept in the cache with its rule (offline)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.wire import EXAMPLE_PER_POINT_REWARD as PER_POINT
from support.wire import EXAMPLE_REWARD as FIXED

from pos_app.api import LoyaltyClient, ProtocolError
from pos_app.api.models.catalogue import PerPoint, RewardKind, parse_reward
from pos_app.domain import eligibility
from pos_app.domain import pay_with_points as pwp
from pos_app.domain.models import PerPointRule, RewardInfo
from pos_app.domain.models import RewardKind as LocalKind
from pos_app.domain.offline_policy import OfflinePolicy
from pos_app.store import cache
from pos_app.store.db import Database
from pos_app.sync import mapping

RULE = PerPointRule(discount_per_point=5, min_points=100, max_points=10000, step=10)


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    value = copy.deepcopy(base)
    value.update(changes)
    return value


def without(base: dict[str, Any], name: str) -> dict[str, Any]:
    value = copy.deepcopy(base)
    del value[name]
    return value


# The wire


def test_a_per_point_reward_parses_with_its_rule() -> None:
    reward = parse_reward(PER_POINT)
    assert reward.kind is RewardKind.PER_POINT
    assert reward.per_point == PerPoint(5, 100, 10000, 10)
    assert reward.points_cost is None and reward.discount_amount is None


def test_a_reward_without_kind_is_fixed() -> None:
    reward = parse_reward(FIXED)
    assert reward.kind is RewardKind.FIXED and reward.per_point is None
    assert parse_reward(with_(FIXED, kind="fixed", per_point=None)) == reward


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (without(PER_POINT, "per_point"), r"reward\.per_point: missing for a per_point reward"),
        (with_(PER_POINT, per_point=None), r"reward\.per_point: missing"),
        (with_(PER_POINT, points_cost=100), r"reward\.points_cost: expected null"),
        (with_(PER_POINT, discount_amount=500), r"reward\.discount_amount: expected null"),
        (with_(PER_POINT, kind="percent"), r"reward\.kind: expected one of"),
        (with_(PER_POINT, kind=1), r"reward\.kind: expected string"),
        (with_(FIXED, per_point=PER_POINT["per_point"]), r"expected null for a fixed reward"),
        (with_(FIXED, points_cost=None), r"reward\.points_cost: expected integer"),
        (
            with_(PER_POINT, per_point={**PER_POINT["per_point"], "step": 0}),
            r"reward\.per_point\.step: expected an integer of at least 1",
        ),
        (
            with_(PER_POINT, per_point={**PER_POINT["per_point"], "max_points": 50}),
            r"reward\.per_point\.max_points: expected at least min_points",
        ),
        (
            with_(PER_POINT, per_point={**PER_POINT["per_point"], "step": "10"}),
            r"reward\.per_point\.step: expected integer, got string",
        ),
        (
            with_(PER_POINT, per_point={k: v for k, v in PER_POINT["per_point"].items()
                                        if k != "min_points"}),
            r"reward\.per_point\.min_points: missing",
        ),
    ],
)  # fmt: skip
def test_a_malformed_reward_is_a_protocol_error(body: dict[str, Any], message: str) -> None:
    with pytest.raises(ProtocolError, match=message):
        parse_reward(body)


def test_the_client_reads_a_catalogue_with_both_kinds() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json={"object": "list", "data": [FIXED, PER_POINT], "has_more": False,
                       "next_cursor": None},
        )  # fmt: skip

    with LoyaltyClient(
        "http://127.0.0.1:8765/", "sk_test_x", transport=httpx.MockTransport(answer)
    ) as c:
        page = c.list_rewards()
    assert [r.kind for r in page.data] == [RewardKind.FIXED, RewardKind.PER_POINT]


def test_mapping_keeps_the_rule_and_the_smallest_redemption() -> None:
    info = mapping.reward(parse_reward(PER_POINT))
    assert info.kind is LocalKind.PER_POINT and info.per_point == RULE
    assert (info.points_cost, info.discount_amount) == (100, 500)
    odd = with_(PER_POINT, per_point={**PER_POINT["per_point"], "min_points": 105})
    assert mapping.reward(parse_reward(odd)).points_cost == 110


def test_the_cache_keeps_kind_and_rule_for_offline(tmp_path: Any) -> None:
    db = Database(tmp_path / "t.db")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    rewards = [mapping.reward(parse_reward(PER_POINT)), mapping.reward(parse_reward(FIXED))]
    with db.transaction() as conn:
        cache.replace_rewards(conn, rewards, now, {r.id: now for r in rewards})
    assert cache.get_reward(db.conn, "rwd_points") == rewards[0]
    assert cache.get_reward(db.conn, FIXED["id"]) == rewards[1]
    db.close()


# Eligibility and words


def _points_reward(active: bool = True) -> RewardInfo:
    return RewardInfo("rwd_points", "Pay with points", 100, 500, "NGN", None, active,
                      LocalKind.PER_POINT, RULE)  # fmt: skip


@pytest.mark.parametrize(("balance", "eligible", "missing"), [(99, False, 1), (100, True, 0)])
def test_eligible_once_the_balance_reaches_min_points(
    balance: int, eligible: bool, missing: int
) -> None:
    verdict = eligibility.judge(_points_reward(), standing=eligibility.Standing(0, balance))
    assert verdict.eligible is eligible and verdict.missing_points == missing


def test_the_card_says_the_rate() -> None:
    assert pwp.card_title("Pay with points", RULE, "NGN") == "Pay with points: ₦5 a point"


# The domain: examples


def test_points_typed_are_snapped_down_and_clamped() -> None:
    quote = pwp.from_points(RULE, 257, 1000)
    assert isinstance(quote, pwp.Quote)
    assert (quote.points, quote.discount, quote.balance_after, quote.snapped) == (
        250,
        1250,
        750,
        True,
    )
    assert isinstance(q := pwp.from_points(RULE, 40, 1000), pwp.Quote) and q.points == 100
    assert isinstance(q := pwp.from_points(RULE, 5000, 1234), pwp.Quote) and q.points == 1230


@pytest.mark.parametrize(
    ("points", "why"),
    [(255, pwp.Why.OFF_STEP), (90, pwp.Why.BELOW_MIN), (10010, pwp.Why.ABOVE_MAX),
     (0, pwp.Why.NOT_POSITIVE), (600, pwp.Why.OVER_BALANCE)],
)  # fmt: skip
def test_strict_points_say_why(points: int, why: pwp.Why) -> None:
    verdict = pwp.from_points(RULE, points, 500, strict=True)
    assert isinstance(verdict, pwp.NoFit) and verdict.why is why


def test_off_step_names_the_neighbours() -> None:
    verdict = pwp.off_rule(RULE, 255)
    assert verdict is not None and "try 250 or 260" in verdict.reason


def test_nothing_fits_below_the_minimum_or_offline_limit() -> None:
    low = pwp.from_points(RULE, 100, 99)
    assert isinstance(low, pwp.NoFit) and low.why is pwp.Why.BALANCE_BELOW_MIN
    assert "at least 100 points; the balance is 99" in low.reason
    off = pwp.from_points(RULE, 500, 1000, cap=50)
    assert isinstance(off, pwp.NoFit) and off.why is pwp.Why.OFFLINE_LIMIT
    over = pwp.from_points(RULE, 500, 1000, cap=300, strict=True)
    assert isinstance(over, pwp.NoFit) and over.why is pwp.Why.OVER_OFFLINE_LIMIT


def test_an_amount_is_covered_never_overpaid() -> None:
    quote = pwp.from_amount(RULE, 1234, 10000)
    assert isinstance(quote, pwp.Quote)
    assert (quote.points, quote.discount) == (240, 1200)  # 246.8 points, down to the step
    small = pwp.from_amount(RULE, 499, 10000)
    assert isinstance(small, pwp.NoFit) and small.why is pwp.Why.AMOUNT_TOO_SMALL
    capped = pwp.from_amount(RULE, 1_000_000, 3333)
    assert isinstance(capped, pwp.Quote) and capped.points == 3330


def test_the_offline_cap_follows_the_policy() -> None:
    policy = OfflinePolicy(max_points_per_redemption=1000, max_pending_points_per_customer=1500)
    assert pwp.offline_cap(policy, 0) == 1000
    assert pwp.offline_cap(policy, 900) == 600
    assert pwp.offline_cap(policy, 2000) == 0
    assert pwp.offline_cap(OfflinePolicy(enabled=False), 0) == 0


# The domain: properties

rules = st.builds(
    lambda dpp, lo, span, step: PerPointRule(dpp, lo, lo + span, step),
    st.integers(0, 50),
    st.integers(1, 5000),
    st.integers(0, 20000),
    st.integers(1, 500),
)


def _fits(rule: PerPointRule, quote: pwp.Quote, balance: int, cap: int | None) -> None:
    assert quote.points % rule.step == 0
    assert rule.min_points <= quote.points <= rule.max_points
    assert quote.points <= balance and (cap is None or quote.points <= cap)
    assert quote.discount == quote.points * rule.discount_per_point
    assert quote.balance_after == balance - quote.points >= 0


@settings(max_examples=400, derandomize=True)
@given(rules, st.integers(1, 30000), st.integers(0, 30000), st.none() | st.integers(0, 30000))
def test_points_always_land_on_the_step_within_every_bound(
    rule: PerPointRule, points: int, balance: int, cap: int | None
) -> None:
    verdict = pwp.from_points(rule, points, balance, cap)
    if isinstance(verdict, pwp.NoFit):
        assert pwp.allowed(rule, balance, cap) == verdict  # nothing fits at all
        return
    _fits(rule, verdict, balance, cap)
    assert verdict.snapped is (verdict.points != points)
    strict = pwp.from_points(rule, points, balance, cap, strict=True)
    assert strict == verdict if not verdict.snapped else isinstance(strict, pwp.NoFit)


@settings(max_examples=400, derandomize=True)
@given(rules, st.integers(1, 300000), st.integers(0, 30000), st.none() | st.integers(0, 30000))
def test_an_amount_never_gets_more_discount_than_asked(
    rule: PerPointRule, amount: int, balance: int, cap: int | None
) -> None:
    verdict = pwp.from_amount(rule, amount, balance, cap)
    if isinstance(verdict, pwp.Quote):
        _fits(rule, verdict, balance, cap)
        assert verdict.discount <= amount
        # The most that fits: one more step would overpay or break a bound.
        more = verdict.points + rule.step
        limit = min(rule.max_points, balance, cap if cap is not None else balance)
        assert more > limit or more * rule.discount_per_point > amount
