"""API.md v1.1, "Pay with points": per-point rewards, over HTTP against the real sandbox."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from support.sandbox_v11 import balance, enrol, error, history, http, new_key, post

from pos_app.sandbox import SandboxServer

RULES = {"discount_per_point": 5, "min_points": 100, "max_points": 10000, "step": 10}


@pytest.fixture
def c(sandbox: SandboxServer) -> httpx.Client:
    with http(sandbox) as client:
        yield client


def rich(c: httpx.Client, points: int = 20000) -> str:
    cid = enrol(c)
    assert post(c, "/v1/points/award", {"customer_id": cid, "points": points}).status_code == 200
    return cid


def pay(
    c: httpx.Client, cid: str, points: int, key: str | None = None, **extra: Any
) -> httpx.Response:
    body = {"customer_id": cid, "reward_id": "rwd_points", "points": points, **extra}
    return post(c, "/v1/points/redeem", body, key)


def test_the_catalogue_has_pay_with_points_and_every_reward_a_kind(c: httpx.Client) -> None:
    rewards = {r["id"]: r for r in c.get("/v1/rewards").json()["data"]}
    points = rewards["rwd_points"]
    assert list(points) == [
        "object",
        "id",
        "name",
        "kind",
        "points_cost",
        "discount_amount",
        "per_point",
        "currency",
        "tier_required",
        "active",
        "created_at",
        "updated_at",
    ]
    assert (points["name"], points["kind"], points["per_point"]) == (
        "Pay with points",
        "per_point",
        RULES,
    )
    assert (points["points_cost"], points["discount_amount"], points["currency"]) == (
        None,
        None,
        "NGN",
    )
    fixed = rewards["rwd_xyz789"]
    assert (fixed["kind"], fixed["per_point"], fixed["points_cost"]) == ("fixed", None, 200)


@pytest.mark.parametrize("points", [100, 110, 4550, 10000])
def test_points_within_the_rules_buy_points_times_the_rate(c: httpx.Client, points: int) -> None:
    cid = rich(c)
    answer = pay(c, cid, points, store_id="s1")
    assert answer.status_code == 200, answer.text
    red = answer.json()
    assert (red["points"], red["discount_amount"], red["currency"]) == (points, points * 5, "NGN")
    assert red["balance_after"] == 20000 - points
    assert red["code"].startswith("REDEEM-") and red["store_id"] == "s1"
    assert history(c, cid)[-1]["points"] == -points


@pytest.mark.parametrize("points", [90, 10010, 105, 99, 20000, 1])
def test_points_outside_the_rules_are_a_400_not_kept_under_the_key(
    c: httpx.Client, points: int
) -> None:
    cid = rich(c)
    key = new_key()
    answer = pay(c, cid, points, key)
    assert answer.status_code == 400
    assert (error(answer)["code"], error(answer)["param"]) == ("invalid_request", "points")
    assert balance(c, cid)["points_balance"] == 20000
    assert pay(c, cid, 200, key).status_code == 200  # the key was not kept


def test_a_fixed_rewards_cost_is_checked_before_the_key(c: httpx.Client) -> None:
    cid = rich(c)
    key = new_key()
    body = {"customer_id": cid, "reward_id": "rwd_xyz789", "points": 200}
    assert post(c, "/v1/points/redeem", body, key).status_code == 200
    wrong = post(c, "/v1/points/redeem", {**body, "points": 150}, key)
    assert (wrong.status_code, error(wrong)["param"]) == (400, "points")  # not a 409 replay


def test_an_unknown_reward_is_still_not_found(c: httpx.Client) -> None:
    cid = rich(c)
    body = {"customer_id": cid, "reward_id": "rwd_nope", "points": 105}
    answer = post(c, "/v1/points/redeem", body)
    assert (answer.status_code, error(answer)["code"]) == (404, "reward_not_found")


def test_pay_with_points_keeps_the_balance_rule_and_voids_like_any_redemption(
    c: httpx.Client,
) -> None:
    cid = rich(c, 150)
    poor = pay(c, cid, 200)
    assert (poor.status_code, error(poor)["code"]) == (402, "insufficient_balance")
    red = pay(c, cid, 150).json()
    assert red["discount_amount"] == 750
    void = post(c, f"/v1/redemptions/{red['code']}/void", {})
    assert void.json()["status"] == "void"
    assert balance(c, cid)["points_balance"] == 150
    used = pay(c, cid, 100).json()
    assert post(c, f"/v1/redemptions/{used['id']}/use", {}).json()["status"] == "used"
