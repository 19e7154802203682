"""Typed LoyalPro objects and their strict parsers (docs/API.md, "Objects"), one module per
resource: customers.py, points.py, catalogue.py (rewards and tiers), redemptions.py, and
page.py for lists; values.py holds what they are made of (timestamps, metadata, the field
reader).

Every parser takes a decoded JSON value and either returns a frozen object or raises
`ProtocolError` naming the offending field; unknown extra fields are ignored.

Every name here is imported from its module when first asked for (pos_app/lazy.py): an
endpoint loads the models it parses, not every resource's (the analytics' a terminal
rarely asks for among them).
"""

from typing import TYPE_CHECKING

from ...lazy import exports

if TYPE_CHECKING:
    from .analytics import (
        AnalyticsInterval,
        AnalyticsPeriod,
        ExpiringWithin,
        PointsAnalytics,
        TopReward,
        parse_points_analytics,
    )
    from .catalogue import PerPoint, Reward, RewardKind, Tier, parse_reward, parse_tier
    from .customers import Customer, ExpiringPoints, TierRef, parse_customer
    from .page import Page, parse_page
    from .points import AwardType, PointsTransaction, TransactionType, parse_points_transaction
    from .redemptions import Redemption, RedemptionStatus, parse_redemption
    from .returns import Return, parse_return
    from .values import MetadataValue, format_timestamp, parse_timestamp

_HOMES = {
    "analytics": (
        "AnalyticsInterval",
        "AnalyticsPeriod",
        "ExpiringWithin",
        "PointsAnalytics",
        "TopReward",
        "parse_points_analytics",
    ),
    "catalogue": (
        "PerPoint",
        "Reward",
        "RewardKind",
        "Tier",
        "parse_reward",
        "parse_tier",
    ),
    "customers": (
        "Customer",
        "ExpiringPoints",
        "TierRef",
        "parse_customer",
    ),
    "page": (
        "Page",
        "parse_page",
    ),
    "points": (
        "AwardType",
        "PointsTransaction",
        "TransactionType",
        "parse_points_transaction",
    ),
    "redemptions": (
        "Redemption",
        "RedemptionStatus",
        "parse_redemption",
    ),
    "returns": (
        "Return",
        "parse_return",
    ),
    "values": (
        "MetadataValue",
        "format_timestamp",
        "parse_timestamp",
    ),
}

__getattr__ = exports(__name__, _HOMES)
__all__ = [
    "AnalyticsInterval",
    "AnalyticsPeriod",
    "AwardType",
    "Customer",
    "ExpiringPoints",
    "ExpiringWithin",
    "MetadataValue",
    "Page",
    "PerPoint",
    "PointsAnalytics",
    "PointsTransaction",
    "Redemption",
    "RedemptionStatus",
    "Return",
    "Reward",
    "RewardKind",
    "Tier",
    "TierRef",
    "TopReward",
    "TransactionType",
    "format_timestamp",
    "parse_customer",
    "parse_page",
    "parse_points_analytics",
    "parse_points_transaction",
    "parse_redemption",
    "parse_return",
    "parse_reward",
    "parse_tier",
    "parse_timestamp",
]
