"""Customers (API.md, "Customer"): the object, its tier and expiring points, and its parser."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .values import Fields, MetadataValue, fail

__all__ = ["Customer", "ExpiringPoints", "TierRef", "parse_customer"]


@dataclass(frozen=True, slots=True)
class TierRef:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class ExpiringPoints:
    points: int
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Customer:
    id: str
    name: str
    email: str | None
    phone: str | None
    card_number: str | None
    points_balance: int
    lifetime_points: int
    tier: TierRef | None
    points_expiring: tuple[ExpiringPoints, ...]
    # hash=False: a MappingProxyType is not hashable, and the id already identifies the object.
    metadata: Mapping[str, MetadataValue] = field(hash=False)
    created_at: datetime
    updated_at: datetime


def _parse_tier_ref(value: object, path: str = "tier") -> TierRef:
    """A customer's `tier` object (`id` and `name`)."""
    f = Fields(value, path, None)
    return TierRef(id=f.text("id"), name=f.text("name"))


def _parse_expiring(value: object, path: str) -> ExpiringPoints:
    f = Fields(value, path, None)
    return ExpiringPoints(points=f.integer("points"), expires_at=f.timestamp("expires_at"))


def parse_customer(value: object, path: str = "customer") -> Customer:
    """A Customer object, or ProtocolError."""
    f = Fields(value, path, "customer")
    tier_value = f.raw("tier", required=False)
    lots = f.raw("points_expiring", required=True)
    if not isinstance(lots, list):
        raise fail(f.where("points_expiring"), "array", lots)
    return Customer(
        id=f.text("id"),
        name=f.text("name"),
        email=f.opt_text("email"),
        phone=f.opt_text("phone"),
        card_number=f.opt_text("card_number"),
        points_balance=f.integer("points_balance"),
        lifetime_points=f.integer("lifetime_points"),
        tier=None if tier_value is None else _parse_tier_ref(tier_value, f.where("tier")),
        points_expiring=tuple(
            _parse_expiring(lot, f"{f.where('points_expiring')}[{i}]") for i, lot in enumerate(lots)
        ),
        metadata=f.metadata("metadata"),
        created_at=f.timestamp("created_at"),
        updated_at=f.timestamp("updated_at"),
    )
