"""API.md v1.1, "Returns": POST /v1/points/return over HTTP against the real sandbox."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import httpx
import pytest
from support.sandbox_v11 import (
    balance,
    enrol,
    error,
    give_back,
    history,
    http,
    new_key,
    post,
    sale,
)

from pos_app.sandbox import SandboxServer

RETURN_FIELDS = [
    "object",
    "id",
    "customer_id",
    "order_id",
    "returned_amount",
    "points_reversed",
    "points_shortfall",
    "transaction_id",
    "balance_after",
    "store_id",
    "created_at",
]


@pytest.fixture
def c(sandbox: SandboxServer) -> httpx.Client:
    with http(sandbox) as client:
        yield client


def test_a_whole_return_takes_back_what_the_sale_earned(c: httpx.Client) -> None:
    cid = enrol(c)
    assert sale(c, cid, "ret-whole", 1200, 120000).status_code == 200
    before = balance(c, cid)
    answer = give_back(c, cid, "ret-whole", 120000, store_id="ikeja")
    assert answer.status_code == 200, answer.text
    ret = answer.json()
    assert list(ret) == RETURN_FIELDS
    assert ret["object"] == "return" and ret["id"].startswith("ret_")
    assert (ret["points_reversed"], ret["points_shortfall"], ret["balance_after"]) == (1200, 0, 0)
    assert (ret["returned_amount"], ret["order_id"], ret["store_id"]) == (
        120000,
        "ret-whole",
        "ikeja",
    )
    txn = history(c, cid)[-1]
    assert txn["id"] == ret["transaction_id"]
    assert (txn["type"], txn["points"], txn["balance_after"], txn["reason"]) == (
        "adjusted",
        -1200,
        0,
        "Return",
    )
    assert txn["metadata"] == {"kind": "return", "order_id": "ret-whole", "returned_amount": 120000}
    assert txn["store_id"] == "ikeja"
    after = balance(c, cid)
    assert after["lifetime_points"] == before["lifetime_points"] == 1200
    assert after["tier"] == before["tier"]  # a return never moves the tier


def test_split_returns_add_up_to_one_whole_return(c: httpx.Client) -> None:
    split, whole = enrol(c, "Split"), enrol(c, "Whole")
    sale(c, split, "ret-split", 101, 1000)
    sale(c, whole, "ret-one", 101, 1000)
    parts = [give_back(c, split, "ret-split", n).json() for n in (333, 333, 334)]
    assert [p["points_reversed"] for p in parts] == [33, 34, 34]  # floor, running total
    one = give_back(c, whole, "ret-one", 1000).json()
    assert sum(p["points_reversed"] for p in parts) == one["points_reversed"] == 101
    assert balance(c, split)["points_balance"] == balance(c, whole)["points_balance"] == 0


def test_rounding_favours_the_customer(c: httpx.Client) -> None:
    cid = enrol(c)
    sale(c, cid, "ret-round", 10, 3)
    assert give_back(c, cid, "ret-round", 1).json()["points_reversed"] == 3  # not 3.33 -> 4
    assert give_back(c, cid, "ret-round", 1).json()["points_reversed"] == 3
    assert give_back(c, cid, "ret-round", 1).json()["points_reversed"] == 4


def test_no_transaction_when_no_points_come_back(c: httpx.Client) -> None:
    cid = enrol(c)
    sale(c, cid, "ret-tiny", 1, 1000)
    lines = len(history(c, cid))
    ret = give_back(c, cid, "ret-tiny", 10).json()
    assert (ret["points_reversed"], ret["points_shortfall"], ret["transaction_id"]) == (0, 0, None)
    assert ret["balance_after"] == 1
    assert len(history(c, cid)) == lines


def test_a_return_after_the_points_were_spent_is_a_shortfall(c: httpx.Client) -> None:
    cid = enrol(c)
    sale(c, cid, "ret-spent", 100, 1000)
    post(c, "/v1/points/adjust", {"customer_id": cid, "points": -70, "reason": "spent"})
    half = give_back(c, cid, "ret-spent", 500)
    assert half.status_code == 200
    assert (half.json()["points_reversed"], half.json()["points_shortfall"]) == (30, 20)
    assert half.json()["balance_after"] == 0
    assert balance(c, cid)["points_balance"] == 0
    # The shortfall is written off: a later return does not take it back again.
    sale(c, cid, "ret-other", 100, 1000)
    rest = give_back(c, cid, "ret-spent", 500).json()
    assert (rest["points_reversed"], rest["points_shortfall"]) == (50, 0)
    assert balance(c, cid)["points_balance"] == 50
    # Nothing left: the whole shortfall, and no transaction.
    post(c, "/v1/points/adjust", {"customer_id": cid, "points": -50, "reason": "spent"})
    empty = give_back(c, cid, "ret-other", 1000).json()
    assert (empty["points_reversed"], empty["points_shortfall"]) == (0, 100)
    assert empty["transaction_id"] is None


def test_a_return_takes_the_soonest_expiring_lots_first(c: httpx.Client) -> None:
    cid = enrol(c)
    now = datetime.fromisoformat(c.get("/_sandbox/clock").json()["now"])
    soon = (now + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    later = (now + timedelta(days=90)).strftime("%Y-%m-%dT%H:%M:%SZ")
    post(c, "/v1/points/award", {"customer_id": cid, "points": 60, "expires_at": later})
    post(c, "/v1/points/award", {"customer_id": cid, "points": 30, "expires_at": soon})
    sale(c, cid, "ret-lots", 100, 100)
    give_back(c, cid, "ret-lots", 50)
    assert balance(c, cid)["points_expiring"] == [{"points": 40, "expires_at": later}]


def test_the_returns_of_an_order_may_not_pass_the_sale(c: httpx.Client) -> None:
    cid = enrol(c)
    sale(c, cid, "ret-cap", 100, 10000)
    too_much = give_back(c, cid, "ret-cap", 10001)
    assert too_much.status_code == 422
    assert (error(too_much)["code"], error(too_much)["param"]) == (
        "return_exceeds_sale",
        "returned_amount",
    )
    assert give_back(c, cid, "ret-cap", 6000).status_code == 200
    assert error(give_back(c, cid, "ret-cap", 4001))["code"] == "return_exceeds_sale"
    assert give_back(c, cid, "ret-cap", 4000).json()["points_reversed"] == 40
    assert error(give_back(c, cid, "ret-cap", 1))["code"] == "return_exceeds_sale"


def test_an_award_without_an_amount_is_not_returnable(c: httpx.Client) -> None:
    cid = enrol(c)
    sale(c, cid, "ret-noamount", 100, None)
    answer = give_back(c, cid, "ret-noamount", 10)
    assert answer.status_code == 422 and error(answer)["code"] == "order_not_returnable"


def test_an_unknown_order_or_another_customers_is_not_found(c: httpx.Client) -> None:
    ada, bola = enrol(c, "Ada"), enrol(c, "Bola")
    sale(c, ada, "ret-ada", 100, 1000)
    for who, order in ((ada, "ret-nothing"), (bola, "ret-ada")):
        answer = give_back(c, who, order, 10)
        assert answer.status_code == 404
        assert (error(answer)["code"], error(answer)["param"]) == ("order_not_found", "order_id")
    missing = give_back(c, "cus_nobody", "ret-nothing", 10)
    assert (missing.status_code, error(missing)["code"]) == (404, "customer_not_found")
    assert balance(c, ada)["points_balance"] == 100


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"returned_amount": 0}, "returned_amount"),
        ({"returned_amount": -1}, "returned_amount"),
        ({"returned_amount": 2.5}, "returned_amount"),
        ({"returned_amount": "10"}, "returned_amount"),
        ({"order_id": ""}, "order_id"),
        ({"order_id": "x" * 65}, "order_id"),
        ({"order_id": "caf\u00e9"}, "order_id"),
        ({"reason": "  "}, "reason"),
        ({"customer_id": ""}, "customer_id"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_a_bad_return_is_a_400_not_kept_under_the_key(
    c: httpx.Client, change: dict[str, object], param: str
) -> None:
    cid = enrol(c)
    sale(c, cid, f"ret-bad-{param}", 10, 100)
    body = {"customer_id": cid, "order_id": f"ret-bad-{param}", "returned_amount": 50, **change}
    key = new_key()
    answer = post(c, "/v1/points/return", body, key)
    assert answer.status_code == 400, answer.text
    assert error(answer)["param"] == param
    good = {"customer_id": cid, "order_id": f"ret-bad-{param}", "returned_amount": 50}
    assert post(c, "/v1/points/return", good, key).status_code == 200


def test_order_of_checks_key_before_existence(c: httpx.Client) -> None:
    cid = enrol(c)
    sale(c, cid, "ret-keys", 10, 100)
    key = new_key()
    first = post(
        c,
        "/v1/points/return",
        {"customer_id": cid, "order_id": "ret-keys", "returned_amount": 50},
        key,
    )
    assert first.status_code == 200
    replay = post(
        c,
        "/v1/points/return",
        {"customer_id": cid, "order_id": "ret-keys", "returned_amount": 50},
        key,
    )
    assert replay.json() == first.json() and replay.headers["Idempotent-Replayed"] == "true"
    other = post(
        c,
        "/v1/points/return",
        {"customer_id": "cus_nobody", "order_id": "x", "returned_amount": 1},
        key,
    )
    assert (other.status_code, error(other)["code"]) == (409, "idempotency_key_reused")
    assert balance(c, cid)["points_balance"] == 5
    refused = post(
        c, "/v1/points/return", {"customer_id": cid, "order_id": "ret-keys", "returned_amount": 51}
    )
    again = post(
        c,
        "/v1/points/return",
        {"customer_id": cid, "order_id": "ret-keys", "returned_amount": 51},
        refused.request.headers["Idempotency-Key"],
    )
    assert refused.status_code == again.status_code == 422
    assert again.headers["Idempotent-Replayed"] == "true"


def test_a_custom_reason_and_metadata(c: httpx.Client) -> None:
    cid = enrol(c)
    sale(c, cid, "ret-why", 10, 100)
    ret = give_back(c, cid, "ret-why", 100, reason="Damaged", metadata={"receipt": "R-9"}).json()
    txn = history(c, cid)[-1]
    assert txn["id"] == ret["transaction_id"] and txn["reason"] == "Damaged"
    assert txn["metadata"] == {
        "receipt": "R-9",
        "kind": "return",
        "order_id": "ret-why",
        "returned_amount": 100,
    }


def test_concurrent_returns_never_pass_the_sale(c: httpx.Client) -> None:
    cid = enrol(c)
    sale(c, cid, "ret-race", 1000, 10000)
    start = threading.Barrier(8)

    def till(_: int) -> httpx.Response:
        start.wait()
        return give_back(c, cid, "ret-race", 3000)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(till, range(8)))
    ok = [a.json() for a in answers if a.status_code == 200]
    refused = [error(a)["code"] for a in answers if a.status_code != 200]
    assert len(ok) == 3 and refused == ["return_exceeds_sale"] * 5
    assert sum(r["points_reversed"] for r in ok) == 900
    assert balance(c, cid)["points_balance"] == 100
