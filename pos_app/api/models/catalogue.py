"""The catalogue (API.md, "Reward" and "Tier"): what a customer can redeem, and the tiers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .values import Fields

__all__ = ["Reward", "Tier", "parse_reward", "parse_tier"]


@dataclass(frozen=True, slots=True)
class Reward:
    id: str
    name: str
    points_cost: int
    discount_amount: int
    currency: str
    tier_required: str | None
    active: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Tier:
    id: str
    name: str
    min_points: int
    created_at: datetime


def parse_reward(value: object, path: str = "reward") -> Reward:
    """A Reward object, or ProtocolError."""
    f = Fields(value, path, "reward")
    return Reward(
        id=f.text("id"),
        name=f.text("name"),
        points_cost=f.integer("points_cost"),
        discount_amount=f.integer("discount_amount"),
        currency=f.text("currency"),
        tier_required=f.opt_text("tier_required"),
        active=f.boolean("active"),
        created_at=f.timestamp("created_at"),
        updated_at=f.timestamp("updated_at"),
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
