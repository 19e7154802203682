"""What an answer must say to be about the request (ISSUE8 #6: a 200 about another code or
customer was taken as success, and the operation was never sent again).

Each function here makes the `expect` check of one kind of call: it raises
`MismatchedAnswer` when the parsed answer is about another customer, code, reward, amount or
status than was asked.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ..i18n import N_
from .errors import MismatchedAnswer

if TYPE_CHECKING:  # the checks name the models; they never build one
    from .models import (
        AnalyticsInterval,
        Customer,
        Page,
        PointsAnalytics,
        PointsTransaction,
        Redemption,
        RedemptionStatus,
        Return,
        TransactionType,
    )

__all__ = [
    "analytics_for",
    "customer_is",
    "customer_named",
    "redemption_is",
    "redemption_made",
    "return_made",
    "same",
    "transaction_is",
    "transactions_of",
]


def _shown(value: object) -> str:
    text = repr(value.value if isinstance(value, enum.Enum) else value)
    return text if len(text) <= 80 else text[:77] + "..."


def same(kind: str, name: str, asked: object, got: object) -> None:
    if got != asked:
        raise MismatchedAnswer(
            f"The loyalty service answered with a {kind} whose {name} is {_shown(got)}, "
            f"not {_shown(asked)} as asked."
        )


def _spaced(text: str) -> str:
    return " ".join(text.split())


def customer_is(customer_id: str) -> Callable[[Customer], None]:
    return lambda customer: same("customer", "id", customer_id, customer.id)


def customer_named(name: str) -> Callable[[Customer], None]:
    # A backend may trim or collapse spaces; another name is another customer.
    return lambda made: same("customer", "name", _spaced(name), _spaced(made.name))


def transaction_is(
    customer_id: str, points: int, kind: TransactionType
) -> Callable[[PointsTransaction], None]:
    def check(txn: PointsTransaction) -> None:
        same("points transaction", "customer_id", customer_id, txn.customer_id)
        same("points transaction", "points", points, txn.points)
        same("points transaction", "type", kind, txn.type)

    return check


def transactions_of(customer_id: str) -> Callable[[Page[PointsTransaction]], None]:
    def check(page: Page[PointsTransaction]) -> None:
        for txn in page.data:
            same("points transaction", "customer_id", customer_id, txn.customer_id)

    return check


def redemption_made(
    customer_id: str, reward_id: str, points: int, code: str | None
) -> Callable[[Redemption], None]:
    def check(red: Redemption) -> None:
        if code is not None:
            # The code the customer holds is the one the backend must keep, to the letter.
            same("redemption", "code", code, red.code)
        same("redemption", "customer_id", customer_id, red.customer_id)
        same("redemption", "reward_id", reward_id, red.reward_id)
        same("redemption", "points", points, red.points)

    return check


def redemption_is(
    id_or_code: str, status: RedemptionStatus | None = None
) -> Callable[[Redemption], None]:
    def check(red: Redemption) -> None:
        # The backend finds a code whatever its case (codes are upper case).
        if id_or_code != red.id and id_or_code.upper() != red.code.upper():
            raise MismatchedAnswer(
                f"The loyalty service answered about redemption {_shown(red.code)}, "
                f"not {_shown(id_or_code)} as asked."
            )
        if status is not None:
            same("redemption", "status", status, red.status)

    return check


def analytics_for(
    date_from: datetime, date_to: datetime, interval: AnalyticsInterval
) -> Callable[[PointsAnalytics], None]:
    """The report covers the range and interval asked for (to the second, as sent)."""

    def check(report: PointsAnalytics) -> None:
        same("report", "from", date_from.replace(microsecond=0), report.date_from)
        same("report", "to", date_to.replace(microsecond=0), report.date_to)
        same("report", "interval", interval, report.interval)
        if report.periods and report.periods[0].start != report.date_from:
            raise MismatchedAnswer(N_("The loyalty service's report does not start at 'from'."))

    return check


def return_made(customer_id: str, order_id: str, returned_amount: int) -> Callable[[Return], None]:
    def check(answer: Return) -> None:
        same("return", "customer_id", customer_id, answer.customer_id)
        same("return", "order_id", order_id, answer.order_id)
        same("return", "returned_amount", returned_amount, answer.returned_amount)

    return check
