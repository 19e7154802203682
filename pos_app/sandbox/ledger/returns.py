"""The returns book (v1.1): a returned part of a sale gives back, pro rata, the points its
award earned; what the balance no longer holds is written off as a shortfall."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from ..errors import LedgerError
from .customers import Customers
from .database import Database
from .points import Points


class Returns:
    def __init__(self, base: Database, customers: Customers, points: Points) -> None:
        self.base = base
        self.customers = customers
        self.points = points

    def row(self, return_id: str) -> sqlite3.Row:
        return self.base.by_id("returns", "return", return_id)

    def taken_back(self, order_id: str) -> tuple[int, int]:
        """The amount returned so far of this order, and the points already taken back for
        it (reversed plus written off)."""
        row = self.base.one(
            "SELECT COALESCE(SUM(returned_amount), 0) AS amount, "
            "COALESCE(SUM(points_reversed + points_shortfall), 0) AS taken "
            "FROM returns WHERE order_id = ?",
            order_id,
        )
        assert row is not None
        return int(row["amount"]), int(row["taken"])

    def take_back(
        self,
        customer_id: str,
        order_id: str,
        returned_amount: int,
        *,
        reason: str | None,
        store_id: str | None,
        metadata: Mapping[str, Any] | None,
    ) -> sqlite3.Row:
        """Take back floor(earned * returned so far / amount) less what earlier returns of
        the order took back; the lots that expire soonest go first."""
        customer = self.customers.row(customer_id)
        award = self.points.award_of(order_id, customer_id)
        if award is None:
            raise LedgerError(
                404,
                "order_not_found",
                f"Customer {customer_id} has no award for order {order_id}.",
                "order_id",
            )
        amount = json.loads(award["metadata"] or "{}").get("amount")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise LedgerError(
                422,
                "order_not_returnable",
                f"The award for order {order_id} has no sale amount to return against.",
                "order_id",
            )
        returned_before, taken_before = self.taken_back(order_id)
        returned_so_far = returned_before + returned_amount
        if returned_so_far > amount:
            raise LedgerError(
                422,
                "return_exceeds_sale",
                f"Order {order_id} was a sale of {amount}; {returned_before} was returned "
                f"already, so at most {amount - returned_before} can be returned now.",
                "returned_amount",
            )
        due = max(0, award["points"] * returned_so_far // amount - taken_before)
        balance = int(customer["points_balance"])
        reversed_ = min(due, balance)
        txn_id: str | None = None
        balance_after = balance
        reason = reason or "Return"
        if reversed_ > 0:
            self.points.spend_lots(customer_id, reversed_)
            meta = {
                **dict(metadata or {}),
                "kind": "return",
                "order_id": order_id,
                "returned_amount": returned_amount,
            }
            txn = self.points.change_balance(
                customer_id, -reversed_, "adjusted", reason=reason, metadata=meta, store_id=store_id
            )
            txn_id, balance_after = txn["id"], int(txn["balance_after"])
        ret_id = self.base.new_id("ret_")
        self.base.db.execute(
            "INSERT INTO returns (id, customer_id, order_id, returned_amount, points_reversed, "
            "points_shortfall, transaction_id, balance_after, store_id, reason, metadata, "
            "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                ret_id,
                customer_id,
                order_id,
                returned_amount,
                reversed_,
                due - reversed_,
                txn_id,
                balance_after,
                store_id,
                reason,
                json.dumps(dict(metadata or {})),
                self.base.now(),
            ),
        )
        return self.row(ret_id)
