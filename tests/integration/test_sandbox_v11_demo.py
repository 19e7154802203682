"""The demo data of a v1.1 sandbox: sales with order ids and amounts, a few returns, and
pay with points in the catalogue; the seed document's customer as before."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from support.sandbox_v11 import error, give_back, history, http, sale

from pos_app.sandbox import SandboxServer

# A demo customer who brought back a quarter of their first sale (seed.py, deterministic).
RETURNER, ORDER, AMOUNT = "cus_mlsgn3mpev", "order_00248", 40000


@pytest.fixture
def c(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    with http(sandbox) as client:
        yield client


def test_ada_keeps_the_seed_documents_figures(c: httpx.Client) -> None:
    ada = c.get("/v1/customers/cus_abc123").json()
    assert (ada["points_balance"], ada["lifetime_points"], ada["tier"]["id"]) == (
        500,
        1200,
        "tier_silver",
    )


def test_demo_sales_carry_order_ids_and_a_few_were_returned(c: httpx.Client) -> None:
    lines = history(c, RETURNER)
    sales = [t for t in lines if t["type"] == "earned" and "order_id" in t["metadata"]]
    assert sales and all(t["metadata"]["amount"] == t["points"] * 100 for t in sales)
    returns = [t for t in lines if t["metadata"].get("kind") == "return"]
    assert [(t["points"], t["metadata"]["order_id"]) for t in returns] == [(-100, ORDER)]
    awarded = next(t for t in sales if t["metadata"]["order_id"] == ORDER)
    # The order is taken: awarding it again is refused, naming the demo award.
    again = sale(c, RETURNER, ORDER, 1, 1)
    assert error(again)["transaction_id"] == awarded["id"]
    # A quarter was returned; the rest can be, and no more.
    assert error(give_back(c, RETURNER, ORDER, AMOUNT))["code"] == "return_exceeds_sale"
    rest = give_back(c, RETURNER, ORDER, AMOUNT - AMOUNT // 4).json()
    assert rest["points_reversed"] + rest["points_shortfall"] == awarded["points"] - 100


def test_the_demo_catalogue_offers_pay_with_points(c: httpx.Client) -> None:
    rewards = {r["id"]: r for r in c.get("/v1/rewards").json()["data"]}
    assert rewards["rwd_points"]["per_point"] == {
        "discount_per_point": 5,
        "min_points": 100,
        "max_points": 10000,
        "step": 10,
    }
    assert sum(r["kind"] == "fixed" for r in rewards.values()) == 9
