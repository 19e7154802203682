"""When may a redemption be handed out without the backend's answer? (docs/ARCHITECTURE.md)

The policy is pure: it looks at what the local cache knows and returns a decision with a
reason a cashier understands. The defaults keep a counter working through an afternoon's
outage while capping what an outage can cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .speech import number

# Upper bounds that keep every rule computable (a year of cache age; points beyond any
# reward). NaN and infinity fail the range check too.
_LIMITS: dict[str, float] = {
    "enabled": 1,
    "max_cache_age_hours": 24 * 366,
    "max_points_per_redemption": 10**9,
    "max_pending_points_per_customer": 10**9,
}


@dataclass(frozen=True, slots=True)
class OfflinePolicy:
    enabled: bool = True
    max_cache_age_hours: float = 24.0
    max_points_per_redemption: int = 1000
    max_pending_points_per_customer: int = 1000

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> OfflinePolicy:
        """From a config table; unknown keys or wrong types raise ValueError."""
        allowed = {
            "enabled": bool,
            "max_cache_age_hours": (int, float),
            "max_points_per_redemption": int,
            "max_pending_points_per_customer": int,
        }
        kwargs: dict[str, Any] = {}
        for key, value in values.items():
            if key not in allowed:
                raise ValueError(f"unknown offline policy setting {key!r}")
            if isinstance(value, bool) and allowed[key] is not bool:
                raise ValueError(f"offline policy {key} must be a number")
            if not isinstance(value, allowed[key]):  # type: ignore[arg-type]
                raise ValueError(f"offline policy {key} has the wrong type")
            if not isinstance(value, bool) and not 0 <= value <= _LIMITS[key]:
                raise ValueError(f"offline policy {key} must be from 0 to {number(_LIMITS[key])}")
            kwargs[key] = value
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class OfflineDecision:
    allowed: bool
    reason: str = ""  # for the cashier, when not allowed
    code: str = ""  # machine code of the rule that refused

    def permits(self, *, approved: bool) -> bool:
        """May the code be handed out? A manager's approval goes past every rule but one:
        a customer whose points this terminal does not know at all."""
        return self.allowed or (approved and self.code != "not_cached")


def decide_offline(
    policy: OfflinePolicy,
    *,
    points: int,
    cached_at: datetime | None,
    now: datetime,
    projected_balance: int | None,
    pending_offline_points: int,
) -> OfflineDecision:
    """May a redemption of `points` go ahead offline for this customer?

    `projected_balance` is the cached balance minus this customer's pending outgoing points
    (not counting this redemption); `pending_offline_points` is what this customer already
    has waiting in the queue.
    """
    if not policy.enabled:
        return OfflineDecision(
            False, "Offline redemptions are switched off on this terminal.", "offline_disabled"
        )
    if cached_at is None or projected_balance is None:
        return OfflineDecision(
            False,
            "This customer's points are not known on this terminal while offline.",
            "not_cached",
        )
    if (now - cached_at).total_seconds() > policy.max_cache_age_hours * 3600:
        return OfflineDecision(
            False,
            "This customer's balance here is too old to trust "
            f"offline (older than {policy.max_cache_age_hours:g} hours).",
            "cache_too_old",
        )
    if points > policy.max_points_per_redemption:
        return OfflineDecision(
            False,
            f"Offline, one redemption may use at most "
            f"{number(policy.max_points_per_redemption)} points.",
            "over_offline_limit",
        )
    if pending_offline_points + points > policy.max_pending_points_per_customer:
        return OfflineDecision(
            False,
            "This customer already has "
            f"{number(pending_offline_points)} points of redemptions waiting to "
            f"sync; the offline limit is "
            f"{number(policy.max_pending_points_per_customer)}.",
            "over_pending_limit",
        )
    if projected_balance < points:
        return OfflineDecision(
            False,
            f"Not enough points: {number(projected_balance)} available "
            f"after redemptions waiting to sync, {number(points)} needed.",
            "insufficient_projected_balance",
        )
    return OfflineDecision(True)
