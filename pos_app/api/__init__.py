"""The typed HTTP client for the LoyalPro API (docs/API.md): models, errors, client.

Every name here is imported from its module when first asked for (`__getattr__`): code
that only names the API's errors (the queue's verdicts, a service that catches them) loads
neither the models nor the client, and only the client brings httpx."""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import DEFAULT_TIMEOUT, LoyaltyClient
    from .error_mapping import error_from_response, parse_retry_after
    from .errors import (
        ApiError,
        CodeTaken,
        Conflict,
        CustomerExists,
        IdempotencyInProgress,
        IdempotencyKeyReused,
        InsufficientBalance,
        InvalidRequest,
        MismatchedAnswer,
        NetworkError,
        NotFound,
        NotOffered,
        OrderAlreadyAwarded,
        OrderNotReturnable,
        ProtocolError,
        RateLimited,
        RedemptionNotUsable,
        RedemptionNotVoidable,
        RequestRefused,
        ReturnExceedsSale,
        RewardUnavailable,
        ServerError,
        TransientError,
        Unauthorized,
    )
    from .models import (
        AnalyticsInterval,
        AnalyticsPeriod,
        AwardType,
        Customer,
        ExpiringPoints,
        ExpiringWithin,
        MetadataValue,
        Page,
        PointsAnalytics,
        PointsTransaction,
        Redemption,
        RedemptionStatus,
        Return,
        Reward,
        Tier,
        TierRef,
        TopReward,
        TransactionType,
        format_timestamp,
        parse_customer,
        parse_page,
        parse_points_analytics,
        parse_points_transaction,
        parse_redemption,
        parse_return,
        parse_reward,
        parse_tier,
        parse_timestamp,
    )

# Where each name lives (looked up in this order; the client last: it brings httpx).
_HOMES = ("errors", "error_mapping", "models", "client")


def __getattr__(name: str) -> Any:
    if name in __all__:
        for home in _HOMES:
            module = importlib.import_module(f"{__name__}.{home}")
            if hasattr(module, name):
                value = getattr(module, name)
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_TIMEOUT",
    "AnalyticsInterval",
    "AnalyticsPeriod",
    "ApiError",
    "AwardType",
    "CodeTaken",
    "Conflict",
    "Customer",
    "CustomerExists",
    "ExpiringPoints",
    "ExpiringWithin",
    "IdempotencyInProgress",
    "IdempotencyKeyReused",
    "InsufficientBalance",
    "InvalidRequest",
    "LoyaltyClient",
    "MetadataValue",
    "MismatchedAnswer",
    "NetworkError",
    "NotFound",
    "NotOffered",
    "OrderAlreadyAwarded",
    "OrderNotReturnable",
    "Page",
    "PointsAnalytics",
    "PointsTransaction",
    "ProtocolError",
    "RateLimited",
    "Redemption",
    "RedemptionNotUsable",
    "RedemptionNotVoidable",
    "RedemptionStatus",
    "RequestRefused",
    "Return",
    "ReturnExceedsSale",
    "Reward",
    "RewardUnavailable",
    "ServerError",
    "Tier",
    "TierRef",
    "TopReward",
    "TransactionType",
    "TransientError",
    "Unauthorized",
    "error_from_response",
    "format_timestamp",
    "parse_customer",
    "parse_page",
    "parse_points_analytics",
    "parse_points_transaction",
    "parse_redemption",
    "parse_retry_after",
    "parse_return",
    "parse_reward",
    "parse_tier",
    "parse_timestamp",
]
