"""The rewards book: the catalogue of rewards and the tiers that some of them require."""

from __future__ import annotations

import json
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
    def row(self, reward_id: str, *, fixed_only: bool = False) -> sqlite3.Row:
        """The reward (`fixed_only`: as a v1 backend sees the catalogue), or 404."""
        row = self.base.by_id("rewards", "reward", reward_id)
        if fixed_only and row["kind"] != "fixed":
            raise LedgerError(
                404, "reward_not_found", f"No reward with id {reward_id!r}.", "reward_id"
            )
        return row

    def lookup(self, reward_id: str) -> sqlite3.Row | None:
        return self.base.one("SELECT * FROM rewards WHERE id = ?", reward_id)

    @staticmethod
    def per_point(reward: sqlite3.Row) -> dict[str, int] | None:
        """A per-point reward's rules (discount_per_point, min_points, max_points, step)."""
        loaded: dict[str, int] | None = (
            json.loads(reward["per_point"]) if reward["per_point"] else None
        )
        return loaded

    def points_refusal(self, reward: sqlite3.Row, points: int) -> LedgerError | None:
        """Why `points` cannot buy this reward (a 400 of the request), or None."""
        rules = self.per_point(reward)
        if rules is None:
            if points != reward["points_cost"]:
                return LedgerError(
                    400,
                    "invalid_request",
                    f"points must equal the reward's cost ({reward['points_cost']}).",
                    "points",
                )
            return None
        low, high, step = rules["min_points"], rules["max_points"], rules["step"]
        if not low <= points <= high or points % step:
            return LedgerError(
                400,
                "invalid_request",
                f"points must be from {low} to {high} in steps of {step} for {reward['id']}.",
                "points",
            )
        return None

    def discount_for(self, reward: sqlite3.Row, points: int) -> int:
        rules = self.per_point(reward)
        return (
            int(reward["discount_amount"])
            if rules is None
            else points * rules["discount_per_point"]
        )

    def add(
        self,
        reward_id: str,
        name: str,
        points_cost: int | None,
        discount_amount: int | None,
        currency: str = "NGN",
        tier_required: str | None = None,
        active: bool = True,
        per_point: dict[str, int] | None = None,
    ) -> None:
        """A fixed reward; with `per_point` (and no cost or discount), a per-point one."""
        now = self.base.now()
        self.base.db.execute(
            "INSERT INTO rewards (id, name, points_cost, discount_amount, currency, "
            "tier_required, active, created_at, updated_at, kind, per_point) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                reward_id,
                name,
                None if per_point else points_cost,
                None if per_point else discount_amount,
                currency,
                tier_required,
                int(active),
                now,
                now,
                "per_point" if per_point else "fixed",
                json.dumps(per_point) if per_point else None,
            ),
        )

    def find(
        self,
        active: bool | None,
        updated_since: str | None,
        limit: int,
        after: tuple[str, int] | None,
        *,
        fixed_only: bool = False,
    ) -> tuple[list[sqlite3.Row], bool]:
        where = Where()
        if fixed_only:
            where.add("kind = 'fixed'")
        where.when("active = ?", None if active is None else int(active))
        where.when("updated_at >= ?", updated_since)
        where.after("updated_at", after)
        return self.base.page("rewards", where, "updated_at, seq", limit)
