"""A return (API.md v1.1, "Returns"): the points a returned part of a sale took back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .values import Fields

__all__ = ["Return", "parse_return"]


@dataclass(frozen=True, slots=True)
class Return:
    id: str
    customer_id: str
    order_id: str
    returned_amount: int
    points_reversed: int
    points_shortfall: int  # points already spent: written off, the store's to see
    transaction_id: str | None  # None when no points were taken back
    balance_after: int
    store_id: str | None
    created_at: datetime


def parse_return(value: object, path: str = "return") -> Return:
    """A return object, or ProtocolError."""
    f = Fields(value, path, "return")
    return Return(
        id=f.text("id"),
        customer_id=f.text("customer_id"),
        order_id=f.text("order_id"),
        returned_amount=f.integer("returned_amount"),
        points_reversed=f.integer("points_reversed"),
        points_shortfall=f.integer("points_shortfall"),
        transaction_id=f.opt_text("transaction_id"),
        balance_after=f.integer("balance_after"),
        store_id=f.opt_text("store_id"),
        created_at=f.timestamp("created_at"),
    )
