"""The redemptions book: a reward bought with points becomes a code, issued, then used at
the till or voided (its points given back)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from ..errors import LedgerError
from .customers import Customers
from .database import Database, Where
from .points import Points
from .rewards import Rewards


class Redemptions:
    def __init__(
        self, base: Database, customers: Customers, rewards: Rewards, points: Points
    ) -> None:
        self.base = base
        self.customers = customers
        self.rewards = rewards
        self.points = points

    def row(self, id_or_code: str) -> sqlite3.Row:
        row = self.base.one(
            "SELECT * FROM redemptions WHERE id = ? OR code = ?", id_or_code, id_or_code.upper()
        )
        if row is None:
            raise LedgerError(
                404, "redemption_not_found", f"No redemption with id or code {id_or_code!r}."
            )
        return row

    def _free_code(self, code: str | None) -> str:
        """The code asked for, if no redemption holds it yet, or a new one."""
        db = self.base.db
        if code is not None:
            if db.execute("SELECT id FROM redemptions WHERE code = ?", (code,)).fetchone():
                raise LedgerError(
                    409, "code_taken", f"Code {code} already belongs to another redemption.", "code"
                )
            return code
        code = self.base.new_code()
        while db.execute("SELECT 1 FROM redemptions WHERE code = ?", (code,)).fetchone():
            code = self.base.new_code()
        return code

    def redeem(
        self,
        customer_id: str,
        reward_id: str,
        points: int,
        *,
        code: str | None,
        occurred_at: str | None,
        terminal_id: str | None,
        metadata: Mapping[str, Any] | None,
        store_id: str | None = None,
        v11: bool = True,
    ) -> sqlite3.Row:
        """A redemption (`v11` False: a v1 backend, which has no per-point rewards)."""
        customer = self.customers.row(customer_id)
        reward = self.rewards.row(reward_id, fixed_only=not v11)
        wrong = self.rewards.points_refusal(reward, points)
        if wrong is not None:
            raise wrong
        refused = self.rewards.refusal(reward, customer["lifetime_points"])
        if refused is not None:
            raise refused
        code = self._free_code(code)
        self.points.spend_lots(customer_id, points)
        red_id = self.base.new_id("red_")
        txn = self.points.change_balance(
            customer_id,
            -points,
            "redeemed",
            reason=f"Redeemed: {reward['name']}",
            metadata={"reward_id": reward_id, "code": code},
            redemption_id=red_id,
            store_id=store_id,
        )
        now = self.base.now()
        self.base.db.execute(
            "INSERT INTO redemptions (id, customer_id, reward_id, points, code, discount_amount,"
            " currency, status, transaction_id, balance_after, terminal_id, occurred_at, "
            "created_at, updated_at, metadata, store_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                red_id,
                customer_id,
                reward_id,
                points,
                code,
                self.rewards.discount_for(reward, points),
                reward["currency"],
                "issued",
                txn["id"],
                txn["balance_after"],
                terminal_id,
                occurred_at or now,
                now,
                now,
                json.dumps(dict(metadata or {})),
                store_id,
            ),
        )
        return self.row(red_id)

    def _issued(self, id_or_code: str, refusal: str, only: str) -> sqlite3.Row:
        """The redemption, which must still be issued (`refusal` and `only` say otherwise)."""
        row = self.row(id_or_code)
        if row["status"] != "issued":
            raise LedgerError(409, refusal, f"Redemption {row['code']} is {row['status']}; {only}")
        return row

    def _settle(self, row: sqlite3.Row, status: str, stamp: str) -> sqlite3.Row:
        now = self.base.now()
        self.base.db.execute(
            f"UPDATE redemptions SET status = ?, {stamp} = ?, updated_at = ? "  # noqa: S608
            "WHERE id = ?",
            (status, now, now, row["id"]),
        )
        return self.row(row["id"])

    def use(self, id_or_code: str) -> sqlite3.Row:
        row = self._issued(id_or_code, "redemption_not_usable", "only an issued code can be used.")
        return self._settle(row, "used", "used_at")

    def void(self, id_or_code: str, reason: str | None) -> sqlite3.Row:
        row = self._issued(
            id_or_code, "redemption_not_voidable", "only an issued redemption can be voided."
        )
        self.points.adjust(
            row["customer_id"],
            row["points"],
            reason=reason or f"Void of redemption {row['code']}",
            metadata={"voided_redemption": row["id"]},
            redemption_id=row["id"],
            store_id=row["store_id"],
        )
        return self._settle(row, "void", "voided_at")

    def find(
        self,
        *,
        created_from: str | None,
        created_to: str | None,
        terminal_id: str | None,
        status: str | None,
        updated_since: str | None,
        limit: int,
        store_id: str | None = None,
        after: tuple[str, int] | None,
    ) -> tuple[list[sqlite3.Row], bool]:
        """Newest first by creation; with `updated_since`, oldest update first (delta pulls)."""
        where = Where()
        where.when("created_at >= ?", created_from)
        where.when("created_at < ?", created_to)
        where.when("terminal_id = ?", terminal_id)
        where.when("status = ?", status)
        where.when("store_id = ?", store_id)
        where.when("updated_at >= ?", updated_since)
        delta = updated_since is not None
        key, order = ("updated_at", "ASC") if delta else ("created_at", "DESC")
        where.after(key, after, descending=not delta)
        return self.base.page("redemptions", where, f"{key} {order}, seq {order}", limit)
