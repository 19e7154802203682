"""May this customer redeem this reward? One rule for the reward cards and for redeem.

In order: the reward must still be offered, the customer must hold its tier (by lifetime
points), and their projected balance (cached balance minus points waiting to sync) must
cover its cost. A per-point reward (pay with points) costs its smallest redemption: the
customer may have it once their balance reaches `min_points` (on the step). Whether a
redemption may then be handed out without the backend's answer is the offline policy's
decision (`offline_policy.decide_offline`, and `OfflineDecision.permits` with a manager's
approval).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from . import pay_with_points
from .models import RewardInfo, TierInfo


class Hindrance(StrEnum):
    """What stands between the customer and the reward."""

    NOT_OFFERED = "not_offered"
    TIER = "tier"
    BALANCE = "balance"


@dataclass(frozen=True, slots=True)
class Standing:
    """The customer, as far as eligibility goes."""

    lifetime_points: int
    projected_balance: int


@dataclass(frozen=True, slots=True)
class Eligibility:
    hindrance: Hindrance | None  # None: eligible
    tier: TierInfo | None = None  # the tier the reward needs, if it names a known one
    missing_points: int = 0  # how far the projected balance falls short of the cost

    @property
    def eligible(self) -> bool:
        return self.hindrance is None


def judge(
    reward: RewardInfo,
    *,
    tiers: Mapping[str, TierInfo] | None = None,
    standing: Standing | None = None,
) -> Eligibility:
    """The first hindrance, in the order above. Without a standing (the customer not
    looked up yet) only the reward itself is judged. `tiers` by id; an unknown tier is no
    hindrance (the backend has the last word)."""
    tier = (tiers or {}).get(reward.tier_required or "")
    if not reward.active:
        return Eligibility(Hindrance.NOT_OFFERED, tier)
    if standing is None:
        return Eligibility(None, tier)
    cost = reward.points_cost
    if reward.per_point is not None:
        cost = pay_with_points.smallest(reward.per_point)
    missing = max(0, cost - standing.projected_balance)
    if tier is not None and standing.lifetime_points < tier.min_points:
        return Eligibility(Hindrance.TIER, tier, missing)
    if missing:
        return Eligibility(Hindrance.BALANCE, tier, missing)
    return Eligibility(None, tier)
