"""How the manager's Returns tab names a return's state and counts the shortfalls
(services/returns_list.py), from the local record alone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pos_app.domain.returns import LocalReturn
from pos_app.services.returns_list import ReturnsList, ReturnState, state_of


def _made(state: str, reversed_: int | None, shortfall: int | None = None) -> LocalReturn:
    return LocalReturn(
        id=1,
        order_id="ORD-1",
        customer_id="cus_1",
        returned_amount=5_000,
        points_expected=50,
        points_reversed=reversed_,
        points_shortfall=shortfall,
        return_id=None if reversed_ is None else "ret_1",
        balance_after=None,
        outbox_id=1,
        state=state,
        operator="Chidi",
        created_at=datetime(2026, 11, 26, 12, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("state", "reversed_", "expected"),
    [
        ("pending", None, ReturnState.QUEUED),
        ("done", None, ReturnState.QUEUED),  # answered, not recorded yet: the next sync does
        ("done", 40, ReturnState.SETTLED),
        ("refused", None, ReturnState.REFUSED),
        ("conflict", None, ReturnState.REFUSED),
        ("resolved", None, ReturnState.REFUSED),
        ("cancelled", None, ReturnState.REFUSED),
    ],
)
def test_the_state_a_manager_reads(state: str, reversed_: int | None, expected: str) -> None:
    assert state_of(_made(state, reversed_)) is expected


def test_the_count_line() -> None:
    assert ReturnsList((), 0, 0, False).count_text == ("No return has a shortfall.")
    assert ReturnsList((), 0, 0, False).queued_text == ""
    assert ReturnsList((), 0, 0, False, 1).queued_text == (
        "1 return is queued: its shortfall is known once it syncs."
    )
    assert (
        ReturnsList((), 1, 1, True).count_text
        == "1 return with a shortfall: 1 point not recovered."
    )
    assert ReturnsList((), 3, 210, False, 2).count_text == (
        "3 returns with a shortfall: 210 points not recovered."
    )
    assert ReturnsList((), 3, 210, False, 2).queued_text == (
        "2 returns are queued: their shortfall is known once they sync."
    )
