"""The rewards book: the catalogue of rewards and the tiers that some of them require."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..errors import LedgerError
from .database import Database, Where


@dataclass(frozen=True, slots=True)
class Tier:
    id: str
    name: str
    min_points: int


class Rewards:
    def __init__(self, base: Database) -> None:
        self.base = base
        self._tiers: list[Tier] | None = None

    # ---------------------------------------------------------------- tiers
    def tiers(self) -> list[Tier]:
        if self._tiers is None:
            rows = self.base.db.execute(
                "SELECT id, name, min_points FROM tiers ORDER BY min_points"
            )
            self._tiers = [Tier(r["id"], r["name"], r["min_points"]) for r in rows]
        return self._tiers

    def tier_rows(self) -> list[sqlite3.Row]:
        return self.base.db.execute("SELECT * FROM tiers ORDER BY min_points").fetchall()

    def add_tier(self, tier_id: str, name: str, min_points: int) -> None:
        self.base.db.execute(
            "INSERT INTO tiers VALUES (?, ?, ?, ?)", (tier_id, name, min_points, self.base.now())
        )
        self._tiers = None

    def tier_for(self, lifetime_points: int) -> Tier | None:
        found = None
        for tier in self.tiers():
            if lifetime_points >= tier.min_points:
                found = tier
        return found

    def refusal(self, reward: sqlite3.Row, lifetime_points: int) -> LedgerError | None:
        """Why this customer may not have this reward now (inactive, tier), or None."""
        if not reward["active"]:
            return LedgerError(
                422, "reward_unavailable", f"Reward {reward['id']} is not active.", "reward_id"
            )
        if reward["tier_required"]:
            needed = next((t for t in self.tiers() if t.id == reward["tier_required"]), None)
            if needed is not None and lifetime_points < needed.min_points:
                return LedgerError(
                    422,
                    "reward_unavailable",
                    f"Reward {reward['id']} needs the {needed.name} tier.",
                    "reward_id",
                )
        return None

    # ---------------------------------------------------------------- rewards
    def row(self, reward_id: str) -> sqlite3.Row:
        return self.base.by_id("rewards", "reward", reward_id)

    def add(
        self,
        reward_id: str,
        name: str,
        points_cost: int,
        discount_amount: int,
        currency: str = "NGN",
        tier_required: str | None = None,
        active: bool = True,
    ) -> None:
        now = self.base.now()
        self.base.db.execute(
            "INSERT INTO rewards (id, name, points_cost, discount_amount, currency, "
            "tier_required, active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                reward_id,
                name,
                points_cost,
                discount_amount,
                currency,
                tier_required,
                int(active),
                now,
                now,
            ),
        )

    def find(
        self,
        active: bool | None,
        updated_since: str | None,
        limit: int,
        after: tuple[str, int] | None,
    ) -> tuple[list[sqlite3.Row], bool]:
        where = Where()
        where.when("active = ?", None if active is None else int(active))
        where.when("updated_at >= ?", updated_since)
        where.after("updated_at", after)
        return self.base.page("rewards", where, "updated_at, seq", limit)
