"""Returns (API.md v1.1): what a returned part of a sale takes back, as the backend
computes it, and the terminal's own records of sales and returns. No I/O.

The points a return takes back are
    floor(earned * returned_so_far / amount) - already_taken_back
where `returned_so_far` includes this return and `already_taken_back` counts the earlier
returns' reversed points and shortfalls. Rounding favours the customer, split returns add
up to one whole return, and nothing takes back more than the order earned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .speech import number


class ReturnTooLarge(ValueError):
    """The returns of an order would add up to more than the sale."""

    def __init__(self, amount: int, returned_before: int, returned: int) -> None:
        self.amount = amount
        self.returned_before = returned_before
        self.returned = returned
        left = amount - returned_before
        super().__init__(
            f"the sale was {number(amount)}; {number(returned_before)} was already returned, "
            "so at most "
            f"{number(left)} can be returned, not {number(returned)}"
        )


def points_to_take_back(
    earned: int, amount: int, returned_before: int, returned: int, taken_back_before: int
) -> int:
    """Points a return of `returned` takes back from an order that earned `earned` for a
    sale of `amount`, after returns of `returned_before` that took back
    `taken_back_before` (reversed plus shortfall). Raises ReturnTooLarge past the sale."""
    if amount <= 0 or returned <= 0 or returned_before < 0 or earned < 0:
        raise ValueError("amounts are positive and points never negative")
    if returned_before + returned > amount:
        raise ReturnTooLarge(amount, returned_before, returned)
    due = earned * (returned_before + returned) // amount - taken_back_before
    return max(0, min(due, earned - taken_back_before))


@dataclass(frozen=True, slots=True)
class ReturnFigures:
    """What the cashier sees before confirming a return."""

    order_id: str
    customer_id: str
    sale_amount: int
    currency: str | None
    earned: int
    returned_before: int
    taken_back_before: int
    returned: int
    takes_back: int

    def as_json(self) -> dict[str, object]:
        return {
            "order_id": self.order_id,
            "customer_id": self.customer_id,
            "sale_amount": self.sale_amount,
            "currency": self.currency,
            "earned": self.earned,
            "returned_before": self.returned_before,
            "taken_back_before": self.taken_back_before,
            "returned_amount": self.returned,
            "takes_back": self.takes_back,
        }


@dataclass(frozen=True, slots=True)
class LocalOrder:
    """A sale that earned points through this terminal (the local order index)."""

    order_id: str
    customer_id: str
    amount: int | None
    currency: str | None
    points: int
    outbox_id: int | None
    transaction_id: str | None
    store_id: str | None
    operator: str | None
    created_at: datetime
    # The award was refused here because the backend already had one for this order.
    awarded_elsewhere: bool = False


@dataclass(frozen=True, slots=True)
class LocalReturn:
    """A return made at this terminal; the backend's figures once it answered."""

    id: int
    order_id: str
    customer_id: str
    returned_amount: int
    points_expected: int  # this terminal's figure, from the formula
    points_reversed: int | None  # the backend's; None until it answered
    points_shortfall: int | None
    return_id: str | None
    balance_after: int | None
    outbox_id: int
    state: str  # the outbox row's state: pending, done, refused, conflict, ...
    operator: str | None
    created_at: datetime

    @property
    def taken_back(self) -> int:
        """What this return counts as taken back (reversed plus shortfall once known)."""
        if self.points_reversed is None:
            return self.points_expected
        return self.points_reversed + (self.points_shortfall or 0)
