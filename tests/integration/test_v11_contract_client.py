"""The v1.1 contract through the terminal's own client (LoyaltyClient) against the real
sandbox: split returns add up to one whole return, a return after the points were spent
reports a shortfall, and one order awarded from two terminals at once earns once."""

from __future__ import annotations

import threading
from collections.abc import Callable

from support.terminal_helpers import backend, key

from pos_app import api
from pos_app.sandbox import SandboxServer


def _sale(c: api.LoyaltyClient, cid: str, order: str, points: int, amount: int) -> str:
    txn = c.award_points(
        customer_id=cid,
        points=points,
        reason="Purchase",
        metadata={"order_id": order, "amount": amount},
        idempotency_key=key(),
    )
    return txn.id


def _returned(c: api.LoyaltyClient, cid: str, order: str, amount: int) -> api.Return:
    return c.return_points(
        customer_id=cid, order_id=order, returned_amount=amount, idempotency_key=key()
    )


def test_split_returns_add_up_to_one_whole_return(sandbox: SandboxServer) -> None:
    with backend(sandbox) as c:
        split = c.create_customer(name="Split Returns", idempotency_key=key()).id
        whole = c.create_customer(name="Whole Return", idempotency_key=key()).id
        _sale(c, split, "V11-SPLIT", 97, 9_700)
        _sale(c, whole, "V11-WHOLE", 97, 9_700)
        parts = [_returned(c, split, "V11-SPLIT", amount) for amount in (3_333, 3_333, 3_034)]
        one = _returned(c, whole, "V11-WHOLE", 9_700)
        assert sum(p.points_reversed for p in parts) == one.points_reversed == 97
        # Rounding favours the customer until the last part: floor(97 × 3333 / 9700) = 33.
        assert [p.points_reversed for p in parts] == [33, 33, 31]
        assert c.get_customer(split).points_balance == c.get_customer(whole).points_balance == 0
        # lifetime points (and so the tier) are not taken back by a return
        assert c.get_customer(split).lifetime_points == 97


def test_a_return_after_the_points_were_spent_reports_a_shortfall(
    sandbox: SandboxServer,
) -> None:
    with backend(sandbox) as c:
        cid = c.create_customer(name="Spent Already", idempotency_key=key()).id
        _sale(c, cid, "V11-SPENT", 200, 20_000)
        c.adjust_points(customer_id=cid, points=-150, reason="spent", idempotency_key=key())
        answer = _returned(c, cid, "V11-SPENT", 20_000)
        assert (answer.points_reversed, answer.points_shortfall, answer.balance_after) == (
            50,
            150,
            0,
        )
        # The shortfall is written off: a second return of the same order finds nothing left.
        try:
            _returned(c, cid, "V11-SPENT", 1)
        except api.ApiError as error:
            assert error.code == "return_exceeds_sale"
        else:
            raise AssertionError("a return past the whole sale was accepted")


def test_one_order_awarded_from_two_terminals_at_once_earns_once(
    sandbox: SandboxServer,
) -> None:
    with backend(sandbox) as c:
        cid = c.create_customer(name="Two Tills", idempotency_key=key()).id
    start = threading.Barrier(2)
    won: list[str] = []
    refused: list[api.OrderAlreadyAwarded] = []

    def till() -> None:
        with backend(sandbox) as own:  # each terminal its own client and key
            start.wait()
            try:
                won.append(_sale(own, cid, "V11-RACE", 40, 4_000))
            except api.OrderAlreadyAwarded as error:
                refused.append(error)

    tills: list[Callable[[], None]] = [till, till]
    threads = [threading.Thread(target=t) for t in tills]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1 and len(refused) == 1
    assert refused[0].transaction_id == won[0]  # the refusal names the first award
    with backend(sandbox) as c:
        assert c.get_customer(cid).points_balance == 40
