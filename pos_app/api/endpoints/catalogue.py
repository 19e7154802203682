"""The catalogue endpoints of `LoyaltyClient` (docs/API.md, "Endpoints"): rewards, tiers."""

from __future__ import annotations

from datetime import datetime

from ..channel import Channel
from ..encoding import query_string
from ..models import Page, Reward, Tier, parse_reward, parse_tier
from ..models.page import page_parser

__all__ = ["CatalogueEndpoints"]

_tier_page = page_parser(parse_tier)
# Every kind of reward: a per-point one ("pay with points") is parsed with its rule.
_reward_page = page_parser(parse_reward)


class CatalogueEndpoints(Channel):
    """What a customer can redeem, and the tiers."""

    def list_rewards(
        self,
        *,
        active: bool | None = None,
        updated_since: datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Reward]:
        """GET /v1/rewards."""
        params = query_string(
            active=active, updated_since=updated_since, limit=limit, cursor=cursor
        )
        return self._call("GET", "/v1/rewards", _reward_page, params=params)

    def list_tiers(self, *, cursor: str | None = None) -> Page[Tier]:
        """GET /v1/tiers (`cursor` only so that `iter_all` can follow a paged answer)."""
        return self._call("GET", "/v1/tiers", _tier_page, params=query_string(cursor=cursor))
