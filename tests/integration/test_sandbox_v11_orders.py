"""API.md v1.1, "Stores" and "Awards tied to a sale", over HTTP against the real sandbox."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from support.sandbox_v11 import enrol, error, history, http, new_key, post, sale

from pos_app.sandbox import SandboxServer


@pytest.fixture
def c(sandbox: SandboxServer) -> httpx.Client:
    with http(sandbox) as client:
        yield client


# ---------------------------------------------------------------- stores
def test_store_id_is_stored_on_transactions_and_redemptions(c: httpx.Client) -> None:
    cid = enrol(c)
    award = post(c, "/v1/points/award", {"customer_id": cid, "points": 900, "store_id": "lagos-1"})
    assert award.status_code == 200 and award.json()["store_id"] == "lagos-1"
    adjust = post(
        c, "/v1/points/adjust", {"customer_id": cid, "points": -10, "reason": "x", "store_id": "s2"}
    )
    assert adjust.json()["store_id"] == "s2"
    plain = post(c, "/v1/points/award", {"customer_id": cid, "points": 5})
    assert plain.json()["store_id"] is None
    red = post(
        c,
        "/v1/points/redeem",
        {"customer_id": cid, "reward_id": "rwd_xyz789", "points": 200, "store_id": "lagos-1"},
    )
    assert red.status_code == 200 and red.json()["store_id"] == "lagos-1"
    assert [t["store_id"] for t in history(c, cid)] == ["lagos-1", "s2", None, "lagos-1"]
    got = c.get(f"/v1/redemptions/{red.json()['id']}").json()
    assert got["store_id"] == "lagos-1"


def test_redemptions_filter_by_store_and_a_void_gives_back_in_its_store(c: httpx.Client) -> None:
    cid = enrol(c)
    post(c, "/v1/points/award", {"customer_id": cid, "points": 1000})
    ids = {}
    for store in ("north", "south", None):
        body: dict[str, Any] = {"customer_id": cid, "reward_id": "rwd_drink150", "points": 150}
        if store:
            body["store_id"] = store
        ids[store] = post(c, "/v1/points/redeem", body).json()["id"]
    north = c.get("/v1/redemptions", params={"store_id": "north", "limit": 100}).json()["data"]
    assert [r["id"] for r in north] == [ids["north"]]
    assert all(r["store_id"] == "north" for r in north)
    everything = c.get("/v1/redemptions", params={"limit": 100}).json()["data"]
    assert {ids["north"], ids["south"], ids[None]} <= {r["id"] for r in everything}
    void = post(c, f"/v1/redemptions/{ids['south']}/void", {"reason": "changed mind"})
    assert void.status_code == 200
    give_back = history(c, cid)[-1]
    assert (give_back["type"], give_back["points"], give_back["store_id"]) == (
        "adjusted",
        150,
        "south",
    )


def test_expired_points_carry_no_store(sandbox: SandboxServer, c: httpx.Client) -> None:
    cid = enrol(c)
    now = datetime.fromisoformat(c.get("/_sandbox/clock").json()["now"])
    soon = (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    post(
        c,
        "/v1/points/award",
        {"customer_id": cid, "points": 40, "store_id": "s1", "expires_at": soon},
    )
    assert c.put("/_sandbox/clock", json={"advance_seconds": 2 * 86400}).status_code == 200
    expired = history(c, cid)[-1]
    assert (expired["type"], expired["points"], expired["store_id"]) == ("expired", -40, None)


@pytest.mark.parametrize("store_id", ["", "x" * 65, "caf\u00e9", "tab\there", 7])
def test_a_bad_store_id_is_a_400(c: httpx.Client, store_id: object) -> None:
    for path, body in (
        ("/v1/points/award", {"customer_id": "cus_abc123", "points": 1}),
        ("/v1/points/adjust", {"customer_id": "cus_abc123", "points": 1, "reason": "r"}),
        (
            "/v1/points/redeem",
            {"customer_id": "cus_abc123", "reward_id": "rwd_xyz789", "points": 200},
        ),
        ("/v1/points/return", {"customer_id": "cus_abc123", "order_id": "o", "returned_amount": 1}),
    ):
        answer = post(c, path, {**body, "store_id": store_id})
        assert answer.status_code == 400, (path, answer.text)
        assert error(answer)["param"] == "store_id"
    assert c.get("/v1/redemptions", params={"store_id": "x" * 65}).status_code == 400


# ---------------------------------------------------------------- awards tied to a sale
def test_an_order_is_awarded_once_under_any_key_for_any_customer(c: httpx.Client) -> None:
    ada, bola = enrol(c, "Ada"), enrol(c, "Bola")
    first = sale(c, ada, "order_v11_1", 100, 10000)
    assert first.status_code == 200, first.text
    txn = first.json()
    assert txn["metadata"] == {"order_id": "order_v11_1", "amount": 10000}
    for who, kind in ((ada, "earned"), (bola, "earned"), (ada, "bonus")):
        again = sale(c, who, "order_v11_1", 50, None, type=kind)
        assert again.status_code == 409, again.text
        err = error(again)
        assert err["code"] == "order_already_awarded"
        assert err["transaction_id"] == txn["id"]
        assert err["param"] == "metadata.order_id"
    assert c.get(f"/v1/customers/{bola}").json()["points_balance"] == 0
    assert c.get(f"/v1/customers/{ada}").json()["points_balance"] == 100


def test_a_bonus_order_blocks_a_later_sale_award(c: httpx.Client) -> None:
    cid = enrol(c)
    bonus = sale(c, cid, "order_v11_bonus", 20, None, type="bonus")
    assert bonus.status_code == 200 and bonus.json()["metadata"]["kind"] == "bonus"
    again = sale(c, cid, "order_v11_bonus", 20, 500)
    assert error(again)["code"] == "order_already_awarded"
    assert error(again)["transaction_id"] == bonus.json()["id"]


def test_a_replay_of_the_same_key_and_body_is_a_replay_not_a_refusal(c: httpx.Client) -> None:
    cid = enrol(c)
    body = {
        "customer_id": cid,
        "points": 30,
        "metadata": {"order_id": "order_v11_r", "amount": 300},
    }
    key = new_key()
    first = post(c, "/v1/points/award", body, key)
    second = post(c, "/v1/points/award", body, key)
    assert first.status_code == second.status_code == 200
    assert second.headers["Idempotent-Replayed"] == "true"
    assert first.json() == second.json()
    refused = post(c, "/v1/points/award", body, new_key())
    assert refused.status_code == 409
    replay_of_refusal = post(
        c, "/v1/points/award", body, refused.request.headers["Idempotency-Key"]
    )
    assert replay_of_refusal.json() == refused.json()
    assert replay_of_refusal.headers["Idempotent-Replayed"] == "true"


@pytest.mark.parametrize(
    ("metadata", "param"),
    [
        ({"order_id": ""}, "metadata.order_id"),
        ({"order_id": "o" * 65}, "metadata.order_id"),
        ({"order_id": "re\u00e7u"}, "metadata.order_id"),
        ({"order_id": "a\nb"}, "metadata.order_id"),
        ({"order_id": 12345}, "metadata.order_id"),
        ({"order_id": True}, "metadata.order_id"),
        ({"order_id": "o1", "amount": 0}, "metadata.amount"),
        ({"order_id": "o1", "amount": -5}, "metadata.amount"),
        ({"order_id": "o1", "amount": 1.5}, "metadata.amount"),
        ({"order_id": "o1", "amount": "100"}, "metadata.amount"),
        ({"order_id": "o1", "amount": True}, "metadata.amount"),
        ({"order_id": "o1", "amount": 10, "currency": "naira"}, "metadata.currency"),
    ],
)
def test_a_bad_sale_is_a_400_and_not_kept_under_the_key(
    c: httpx.Client, metadata: dict[str, Any], param: str
) -> None:
    cid = enrol(c)
    key = new_key()
    answer = post(
        c, "/v1/points/award", {"customer_id": cid, "points": 5, "metadata": metadata}, key
    )
    assert answer.status_code == 400, answer.text
    assert error(answer)["param"] == param
    fixed = {"customer_id": cid, "points": 5, "metadata": {"order_id": f"ok-{key}", "amount": 9}}
    assert post(c, "/v1/points/award", fixed, key).status_code == 200


def test_an_order_id_of_64_printable_characters_is_accepted(c: httpx.Client) -> None:
    cid = enrol(c)
    order = " !~" + "x" * 61
    assert sale(c, cid, order, 5, 1).status_code == 200


def test_two_terminals_award_the_same_order_at_once_one_wins(c: httpx.Client) -> None:
    cid = enrol(c)
    start = threading.Barrier(2)

    def terminal(n: int) -> httpx.Response:
        start.wait()
        return sale(c, cid, "order_v11_race", 100 + n, 5000, store_id=f"till-{n}")

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(terminal, (1, 2)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200, 409]
    won = next(a for a in answers if a.status_code == 200).json()
    lost = next(a for a in answers if a.status_code == 409)
    assert error(lost)["code"] == "order_already_awarded"
    assert error(lost)["transaction_id"] == won["id"]
    assert c.get(f"/v1/customers/{cid}").json()["points_balance"] == won["points"]
