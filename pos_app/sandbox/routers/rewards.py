"""/v1/rewards and /v1/tiers: the catalogue."""

from __future__ import annotations

from enum import Enum
from typing import Any

from fastapi import FastAPI

from .. import wire
from ..ledger import Ledger
from ..paging import decode_cursor, page, query_ts
from ..schemas import Limit

TAGS: list[str | Enum] = ["rewards"]


def install(app: FastAPI, ledger: Ledger, *, v11: bool = True) -> None:
    """Add the catalogue routes to `app` (without `v11`, as a v1 backend: fixed rewards)."""

    @app.get("/v1/rewards", tags=TAGS)
    def list_rewards(
        active: bool | None = None,
        updated_since: str | None = None,
        limit: Limit = 100,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        since = query_ts(updated_since, "updated_since")
        after = decode_cursor(cursor, (str, int))
        with ledger.transaction():
            found = ledger.rewards.find(active, since, limit, after, fixed_only=not v11)
            return page(found, wire.reward if v11 else wire.reward_v1, "updated_at", "seq")

    @app.get("/v1/tiers", tags=TAGS)
    def list_tiers() -> dict[str, Any]:
        with ledger.transaction():
            return wire.listing([wire.tier(r) for r in ledger.rewards.tier_rows()], False, None)
