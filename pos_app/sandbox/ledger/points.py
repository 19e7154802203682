"""The points book: balances, the lots points are held in (each with its expiry), and the
one transaction written for every change of a balance."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from ..errors import LedgerError
from .customers import Customers
from .database import Database, Where


class Points:
    def __init__(self, base: Database, customers: Customers) -> None:
        self.base = base
        self.customers = customers

    # ---------------------------------------------------------------- expiry
    def sweep_expired(self) -> None:
        """Expire every lot whose expiry has passed, each with an `expired` transaction."""
        rows = self.base.db.execute(
            "SELECT seq, customer_id, remaining, expires_at FROM lots "
            "WHERE remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ? "
            "ORDER BY expires_at, seq",
            (self.base.now(),),
        ).fetchall()
        for lot in rows:
            self.base.db.execute("UPDATE lots SET remaining = 0 WHERE seq = ?", (lot["seq"],))
            self.change_balance(
                lot["customer_id"],
                -lot["remaining"],
                "expired",
                reason="Points expired",
                at=lot["expires_at"],
            )

    def expiring(self, customer_id: str) -> list[sqlite3.Row]:
        """The customer's lots that will expire, soonest first."""
        return self.base.db.execute(
            "SELECT remaining, expires_at FROM lots WHERE customer_id = ? AND remaining > 0 "
            "AND expires_at IS NOT NULL AND expires_at > ? ORDER BY expires_at, seq",
            (customer_id, self.base.now()),
        ).fetchall()

    # ---------------------------------------------------------------- balances
    def change_balance(
        self,
        customer_id: str,
        points: int,
        tx_type: str,
        *,
        reason: str | None,
        metadata: Mapping[str, Any] | None = None,
        expires_at: str | None = None,
        redemption_id: str | None = None,
        at: str | None = None,
        store_id: str | None = None,
        order_id: str | None = None,
    ) -> sqlite3.Row:
        """Apply a signed change and write its one transaction with `balance_after`
        (`order_id`: the sale an award is for, unique among awards)."""
        row = self.customers.row(customer_id)
        balance = row["points_balance"] + points
        lifetime = row["lifetime_points"] + (points if tx_type == "earned" else 0)
        now = self.base.now()
        self.base.db.execute(
            "UPDATE customers SET points_balance = ?, lifetime_points = ?, updated_at = ? "
            "WHERE id = ?",
            (balance, lifetime, now, customer_id),
        )
        txn_id = self.base.new_id("txn_")
        self.base.db.execute(
            "INSERT INTO transactions (id, customer_id, type, points, balance_after, reason, "
            "metadata, expires_at, redemption_id, created_at, store_id, order_id) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                txn_id,
                customer_id,
                tx_type,
                points,
                balance,
                reason,
                json.dumps(dict(metadata or {})),
                expires_at,
                redemption_id,
                at or now,
                store_id,
                order_id,
            ),
        )
        txn = self.base.one("SELECT * FROM transactions WHERE id = ?", txn_id)
        assert txn is not None
        return txn

    def _add_lot(self, customer_id: str, points: int, expires_at: str | None) -> None:
        self.base.db.execute(
            "INSERT INTO lots (customer_id, remaining, expires_at, created_at) VALUES (?,?,?,?)",
            (customer_id, points, expires_at, self.base.now()),
        )

    def spend_lots(self, customer_id: str, points: int) -> None:
        """Take `points` from the lots that expire soonest (undated lots last)."""
        balance = self.customers.row(customer_id)["points_balance"]
        if points > balance:
            raise LedgerError(
                402,
                "insufficient_balance",
                f"Customer {customer_id} has {balance} points; {points} needed.",
                "points",
            )
        lots = self.base.db.execute(
            "SELECT seq, remaining FROM lots WHERE customer_id = ? AND remaining > 0 "
            "ORDER BY expires_at IS NULL, expires_at, seq",
            (customer_id,),
        ).fetchall()
        left = points
        for lot in lots:
            take = min(left, lot["remaining"])
            self.base.db.execute(
                "UPDATE lots SET remaining = remaining - ? WHERE seq = ?", (take, lot["seq"])
            )
            left -= take
            if left == 0:
                break
        if left:  # lots and balance disagree: a bug, never a customer's problem to see
            raise RuntimeError(f"lots of {customer_id} short by {left} points")

    # ---------------------------------------------------------------- operations
    def award(
        self,
        customer_id: str,
        points: int,
        *,
        reason: str | None,
        bonus: bool,
        metadata: Mapping[str, Any] | None,
        expires_at: str | None,
        store_id: str | None = None,
        order_id: str | None = None,
    ) -> sqlite3.Row:
        """An award; with `order_id` (v1.1), the sale's one award: a second one is refused."""
        self.customers.row(customer_id)
        if order_id is not None:
            first = self.award_of(order_id)
            if first is not None:
                raise LedgerError(
                    409,
                    "order_already_awarded",
                    f"Order {order_id} was already awarded ({first['points']} points, "
                    f"transaction {first['id']}, {first['created_at']}).",
                    "metadata.order_id",
                    {"transaction_id": first["id"]},
                )
        meta = dict(metadata or {})
        if bonus:
            meta["kind"] = "bonus"
        self._add_lot(customer_id, points, expires_at)
        return self.change_balance(
            customer_id,
            points,
            "earned",
            reason=reason,
            metadata=meta,
            expires_at=expires_at,
            store_id=store_id,
            order_id=order_id,
        )

    def award_of(self, order_id: str, customer_id: str | None = None) -> sqlite3.Row | None:
        """The award of this order (that customer's only, if one is named), or None."""
        if customer_id is None:
            return self.base.one("SELECT * FROM transactions WHERE order_id = ?", order_id)
        return self.base.one(
            "SELECT * FROM transactions WHERE order_id = ? AND customer_id = ?",
            order_id,
            customer_id,
        )

    def adjust(
        self,
        customer_id: str,
        points: int,
        *,
        reason: str,
        metadata: Mapping[str, Any] | None,
        redemption_id: str | None = None,
        store_id: str | None = None,
    ) -> sqlite3.Row:
        self.customers.row(customer_id)
        if points < 0:
            self.spend_lots(customer_id, -points)
        else:
            self._add_lot(customer_id, points, None)
        return self.change_balance(
            customer_id,
            points,
            "adjusted",
            reason=reason,
            metadata=metadata,
            redemption_id=redemption_id,
            store_id=store_id,
        )

    def history(
        self, customer_id: str, limit: int, order: str, after: int | None
    ) -> tuple[list[sqlite3.Row], bool]:
        """A page of the customer's transactions, newest first unless `order` is "asc"."""
        self.customers.row(customer_id)
        descending = order != "asc"
        where = Where()
        where.add("customer_id = ?", customer_id)
        where.when(f"seq {'<' if descending else '>'} ?", after)
        return self.base.page(
            "transactions", where, f"seq {'DESC' if descending else 'ASC'}", limit
        )
