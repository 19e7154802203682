"""The typed HTTP client for the LoyalPro API (docs/API.md): models, errors, client.

`LoyaltyClient` and `DEFAULT_TIMEOUT` are imported when first asked for: they bring httpx,
which code that only names the API's errors and models (the queue's verdicts, a command
that reads the cache) does not need."""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from .client import DEFAULT_TIMEOUT, LoyaltyClient


def __getattr__(name: str) -> Any:
    if name in ("LoyaltyClient", "DEFAULT_TIMEOUT"):
        from . import client

        return getattr(client, name)
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
