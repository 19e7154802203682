"""From the API client's objects to the terminal's own (the only place that knows both)."""

from __future__ import annotations

from datetime import datetime

from ..api import models as api
from ..domain import pay_with_points
from ..domain.models import (
    CustomerInfo,
    ExpiringLot,
    LocalRedemption,
    Origin,
    PerPointRule,
    RedemptionStatus,
    RewardInfo,
    RewardKind,
    TierInfo,
)

_REMOTE_STATUS = {
    api.RedemptionStatus.ISSUED: RedemptionStatus.CONFIRMED,
    api.RedemptionStatus.USED: RedemptionStatus.USED,
    api.RedemptionStatus.VOID: RedemptionStatus.VOID,
}


def customer(c: api.Customer, cached_at: datetime) -> CustomerInfo:
    return CustomerInfo(
        id=c.id,
        name=c.name,
        email=c.email,
        phone=c.phone,
        card_number=c.card_number,
        points_balance=c.points_balance,
        lifetime_points=c.lifetime_points,
        tier_id=c.tier.id if c.tier else None,
        tier_name=c.tier.name if c.tier else None,
        points_expiring=tuple(ExpiringLot(lot.points, lot.expires_at) for lot in c.points_expiring),
        updated_at=c.updated_at,
        cached_at=cached_at,
    )


def reward(r: api.Reward) -> RewardInfo:
    """A per-point reward keeps its smallest redemption as its cost (RewardInfo)."""
    rule = None
    cost, discount = r.points_cost, r.discount_amount
    if r.per_point is not None:
        p = r.per_point
        rule = PerPointRule(p.discount_per_point, p.min_points, p.max_points, p.step)
        cost = pay_with_points.smallest(rule)
        discount = cost * rule.discount_per_point
    assert cost is not None and discount is not None  # the parser checked the kind
    return RewardInfo(
        id=r.id,
        name=r.name,
        points_cost=cost,
        discount_amount=discount,
        currency=r.currency,
        tier_required=r.tier_required,
        active=r.active,
        kind=RewardKind(r.kind.value),
        per_point=rule,
    )


def tier(t: api.Tier) -> TierInfo:
    return TierInfo(id=t.id, name=t.name, min_points=t.min_points)


def remote_redemption(r: api.Redemption) -> LocalRedemption:
    return LocalRedemption(
        code=r.code,
        customer_id=r.customer_id,
        customer_name=None,
        reward_id=r.reward_id,
        reward_name=None,
        points=r.points,
        discount_amount=r.discount_amount,
        currency=r.currency,
        status=_REMOTE_STATUS[r.status],
        remote_id=r.id,
        balance_after=r.balance_after,
        terminal_id=r.terminal_id,
        operator=None,
        occurred_at=r.occurred_at or r.created_at,
        created_at=r.created_at,
        shown_at=r.created_at,
        refusal_code=None,
        refusal_message=None,
        origin=Origin.REMOTE,
    )
