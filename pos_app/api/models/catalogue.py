"""The catalogue (API.md, "Reward" and "Tier"): what a customer can redeem, and the tiers.

v1.1: a reward has a `kind`, "fixed" (the default when absent) or "per_point" (pay with
points), whose `per_point` rule replaces its null `points_cost` and `discount_amount`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ..errors import ProtocolError
from .values import Fields

__all__ = ["PerPoint", "Reward", "RewardKind", "Tier", "parse_reward", "parse_tier"]


class RewardKind(StrEnum):
    FIXED = "fixed"
    PER_POINT = "per_point"


@dataclass(frozen=True, slots=True)
class PerPoint:
    """A per-point reward's rule: `points` from min to max in steps, each worth
    `discount_per_point` of the currency's main unit."""

    discount_per_point: int
    min_points: int
    max_points: int
    step: int


@dataclass(frozen=True, slots=True)
class Reward:
    id: str
    name: str
    points_cost: int | None  # None for a per-point reward
    discount_amount: int | None  # None for a per-point reward
    currency: str
    tier_required: str | None
    active: bool
    created_at: datetime
    updated_at: datetime
    kind: RewardKind = RewardKind.FIXED
    per_point: PerPoint | None = None


@dataclass(frozen=True, slots=True)
class Tier:
    id: str
    name: str
    min_points: int
    created_at: datetime


def _per_point(value: object, path: str) -> PerPoint:
    f = Fields(value, path, None)
    rule = PerPoint(
        discount_per_point=f.integer("discount_per_point"),
        min_points=f.integer("min_points"),
        max_points=f.integer("max_points"),
        step=f.integer("step"),
    )
    if rule.step < 1:
        raise ProtocolError(f"{path}.step: expected an integer of at least 1, got {rule.step}")
    if rule.min_points < 1:
        raise ProtocolError(f"{path}.min_points: expected at least 1, got {rule.min_points}")
    if rule.max_points < rule.min_points:
        raise ProtocolError(
            f"{path}.max_points: expected at least min_points, got {rule.max_points}"
        )
    if rule.discount_per_point < 0:
        raise ProtocolError(
            f"{path}.discount_per_point: expected at least 0, got {rule.discount_per_point}"
        )
    return rule


def parse_reward(value: object, path: str = "reward") -> Reward:
    """A Reward object, or ProtocolError. A per-point reward without its `per_point` rule,
    or with a cost, is a malformed answer; so is a fixed reward with one."""
    f = Fields(value, path, "reward")
    kind = RewardKind.FIXED
    if f.raw("kind", required=False) is not None:
        kind = f.choice("kind", RewardKind)
    rule_value = f.raw("per_point", required=False)
    if kind is RewardKind.PER_POINT:
        if rule_value is None:
            raise ProtocolError(f"{f.where('per_point')}: missing for a per_point reward")
        rule: PerPoint | None = _per_point(rule_value, f.where("per_point"))
        for name in ("points_cost", "discount_amount"):
            if f.raw(name, required=False) is not None:
                raise ProtocolError(f"{f.where(name)}: expected null for a per_point reward")
        cost, discount = None, None
    else:
        if rule_value is not None:
            raise ProtocolError(f"{f.where('per_point')}: expected null for a fixed reward")
        rule, cost, discount = None, f.integer("points_cost"), f.integer("discount_amount")
    return Reward(
        id=f.text("id"),
        name=f.text("name"),
        points_cost=cost,
        discount_amount=discount,
        currency=f.text("currency"),
        tier_required=f.opt_text("tier_required"),
        active=f.boolean("active"),
        created_at=f.timestamp("created_at"),
        updated_at=f.timestamp("updated_at"),
        kind=kind,
        per_point=rule,
    )


def parse_tier(value: object, path: str = "tier") -> Tier:
    """A Tier object (from the tiers list), or ProtocolError."""
    f = Fields(value, path, "tier")
    return Tier(
        id=f.text("id"),
        name=f.text("name"),
        min_points=f.integer("min_points"),
        created_at=f.timestamp("created_at"),
    )
