"""Reward eligibility (domain/eligibility.py): one rule for the reward cards and redeem;
and the offline policy's last word with a manager's approval."""

from __future__ import annotations

import pytest

from pos_app.domain.eligibility import Hindrance, Standing, judge
from pos_app.domain.models import RewardInfo, TierInfo
from pos_app.domain.offline_policy import OfflineDecision

GOLD = TierInfo("tier_gold", "Gold", 5_000)
TIERS = {GOLD.id: GOLD}


def reward(cost: int = 500, *, tier: str | None = None, active: bool = True) -> RewardInfo:
    return RewardInfo("rwd_a", "Coffee", cost, 1_000, "NGN", tier, active)


@pytest.mark.parametrize(
    ("offered", "tier", "lifetime", "balance", "hindrance", "missing"),
    [
        (True, None, 0, 500, None, 0),
        (True, None, 0, 150, Hindrance.BALANCE, 350),
        (True, GOLD.id, 5_000, 500, None, 0),
        (True, GOLD.id, 4_999, 500, Hindrance.TIER, 0),
        (True, GOLD.id, 4_999, 100, Hindrance.TIER, 400),  # the tier is named first
        (True, "tier_unknown", 0, 500, None, 0),  # the backend has the last word
        (False, None, 0, 500, Hindrance.NOT_OFFERED, 0),
        (False, GOLD.id, 0, 0, Hindrance.NOT_OFFERED, 0),  # not offered comes first
    ],
)
def test_the_first_hindrance_in_order(
    offered: bool,
    tier: str | None,
    lifetime: int,
    balance: int,
    hindrance: Hindrance | None,
    missing: int,
) -> None:
    verdict = judge(
        reward(tier=tier, active=offered), tiers=TIERS, standing=Standing(lifetime, balance)
    )
    assert verdict.hindrance is hindrance
    assert verdict.eligible is (hindrance is None)
    assert verdict.missing_points == missing


def test_without_a_customer_only_the_reward_is_judged() -> None:
    assert judge(reward(99_999, tier=GOLD.id), tiers=TIERS).eligible
    assert judge(reward(active=False)).hindrance is Hindrance.NOT_OFFERED


@pytest.mark.parametrize(
    ("decision", "approved", "permitted"),
    [
        (OfflineDecision(True), False, True),
        (OfflineDecision(False, "too old", "cache_too_old"), False, False),
        (OfflineDecision(False, "too old", "cache_too_old"), True, True),
        (OfflineDecision(False, "unknown", "not_cached"), True, False),
    ],
)
def test_a_manager_approves_past_every_offline_rule_but_an_unknown_balance(
    decision: OfflineDecision, approved: bool, permitted: bool
) -> None:
    assert decision.permits(approved=approved) is permitted
