"""The rewards book: the catalogue of rewards and the tiers that some of them require."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from ..errors import LedgerError
from .database import Database, after_key


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
        row = self.base.one("SELECT * FROM rewards WHERE id = ?", reward_id)
        if row is None:
            raise LedgerError(
                404, "reward_not_found", f"No reward with id {reward_id!r}.", "reward_id"
            )
        return row

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
        where: list[str] = ["1"]
        args: list[Any] = []
        if active is not None:
            where.append("active = ?")
            args.append(int(active))
        if updated_since:
            where.append("updated_at >= ?")
            args.append(updated_since)
        if after is not None:
            clause, last = after_key("updated_at", after)
            where.append(clause)
            args += last
        return self.base.page(
            f"SELECT * FROM rewards WHERE {' AND '.join(where)} "  # noqa: S608
            "ORDER BY updated_at, seq LIMIT ?",
            args,
            limit,
        )
