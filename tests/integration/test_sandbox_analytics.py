"""GET /v1/analytics/points over HTTP (API.md v1.1, "Analytics"): every rule of the
section, on an empty sandbox whose clock the test sets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.books import Books

from pos_app.sandbox import SandboxServer

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday
PERIOD_FIGURES = [
    "earned",
    "bonus",
    "redeemed",
    "expired",
    "adjusted",
    "returned",
    "redemptions",
    "discount_total",
    "customers_active",
]


@pytest.fixture
def books(tmp_path: Path) -> Iterator[Books]:
    with SandboxServer(tmp_path / "books.db", demo_data=False) as server:
        b = Books(server).at(T0)
        try:
            yield b
        finally:
            b.http.close()


def ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def starts(report: dict[str, Any]) -> list[str]:
    return [p["start"] for p in report["periods"]]


def total(report: dict[str, Any], name: str) -> int:
    return sum(int(p[name]) for p in report["periods"])


# ---------------------------------------------------------------- periods
def test_days_in_lagos_are_local_days_clipped_to_the_range(books: Books) -> None:
    ada = books.customer()
    books.at(datetime(2026, 3, 1, 22, 59, 59, tzinfo=UTC)).award(ada, 10)  # Lagos 23:59:59
    books.at(datetime(2026, 3, 1, 23, 0, 0, tzinfo=UTC)).award(ada, 20)  # Lagos 00:00 next day
    report = books.report(
        **{"from": "2026-03-01T00:00:00Z", "to": "2026-03-04T00:00:00Z", "tz": "Africa/Lagos"}
    )
    assert starts(report) == [
        "2026-03-01T00:00:00Z",  # clipped: Lagos's day began at 2026-02-28T23:00Z
        "2026-03-01T23:00:00Z",
        "2026-03-02T23:00:00Z",
        "2026-03-03T23:00:00Z",  # the last, clipped to `to` an hour later
    ]
    assert [p["earned"] for p in report["periods"]] == [10, 20, 0, 0]
    assert (report["from"], report["to"], report["interval"]) == (
        "2026-03-01T00:00:00Z",
        "2026-03-04T00:00:00Z",
        "day",
    )


def test_days_weeks_and_months_follow_paris_across_its_clock_changes(books: Books) -> None:
    spring = books.report(
        **{"from": "2026-03-28T00:00:00+01:00", "to": "2026-03-31T00:00:00+02:00"},
        tz="Europe/Paris",
    )
    # 29 March 2026 has 23 hours in Paris.
    assert starts(spring) == [
        "2026-03-27T23:00:00Z",
        "2026-03-28T23:00:00Z",
        "2026-03-29T22:00:00Z",
    ]
    autumn = books.report(
        **{"from": "2026-10-24T22:00:00Z", "to": "2026-10-26T23:00:00Z"}, tz="Europe/Paris"
    )
    assert starts(autumn) == ["2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"]  # 25 h day
    weeks = books.report(
        **{"from": "2026-03-25T12:00:00Z", "to": "2026-04-08T00:00:00Z"},
        interval="week",
        tz="Europe/Paris",
    )
    # Clipped to a Wednesday, then the Mondays 30 March (summer time) and 6 April.
    assert starts(weeks) == [
        "2026-03-25T12:00:00Z",
        "2026-03-29T22:00:00Z",
        "2026-04-05T22:00:00Z",
    ]
    months = books.report(
        **{"from": "2026-01-15T00:00:00Z", "to": "2026-04-10T00:00:00Z"},
        interval="month",
        tz="Europe/Paris",
    )
    assert starts(months) == [
        "2026-01-15T00:00:00Z",
        "2026-01-31T23:00:00Z",
        "2026-02-28T23:00:00Z",
        "2026-03-31T22:00:00Z",
    ]


def test_the_default_is_days_in_utc_and_weeks_start_on_monday(books: Books) -> None:
    days = books.report(**{"from": "2026-03-01T12:00:00Z", "to": "2026-03-03T00:00:00Z"})
    assert starts(days) == ["2026-03-01T12:00:00Z", "2026-03-02T00:00:00Z"]
    weeks = books.report(
        **{"from": "2026-03-01T00:00:00Z", "to": "2026-03-17T00:00:00Z"}, interval="week"
    )
    assert starts(weeks) == [
        "2026-03-01T00:00:00Z",  # a Sunday: its week began on Monday 23 February
        "2026-03-02T00:00:00Z",
        "2026-03-09T00:00:00Z",
        "2026-03-16T00:00:00Z",
    ]


def test_empty_periods_are_listed_with_zeros(books: Books) -> None:
    report = books.report(
        **{"from": "2026-01-01T00:00:00Z", "to": "2026-12-31T00:00:00Z"}, interval="month"
    )
    assert len(report["periods"]) == 12
    for period in report["periods"]:
        assert {k: period[k] for k in PERIOD_FIGURES} == dict.fromkeys(PERIOD_FIGURES, 0)
    assert report["top_rewards"] == []
    assert report["outstanding_points"] == 0
    assert report["currency"] == "NGN"


def test_a_report_has_the_contracts_fields_and_no_id(books: Books) -> None:
    report = books.report(**{"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"})
    assert set(report) == {
        "object",
        "from",
        "to",
        "interval",
        "currency",
        "periods",
        "outstanding_points",
        "expiring",
        "top_rewards",
    }
    assert report["object"] == "points_analytics"
    assert set(report["periods"][0]) == {"start", *PERIOD_FIGURES}


# ---------------------------------------------------------------- figures
def test_earned_bonus_redeemed_adjusted_and_discounts_per_period(books: Books) -> None:
    gift = books.reward("rwd_gift", cost=100, discount=700)
    ada, bola = books.customer("Ada"), books.customer("Bola")
    books.at(T0)
    books.award(ada, 300, metadata={"order_id": "o-1", "amount": 30000})
    books.award(ada, 50, type="bonus", reason="Birthday")
    books.award(bola, 200)
    books.redeem(ada, gift)
    books.post("/v1/points/adjust", customer_id=bola, points=-20, reason="Correction")
    books.at(T0 + timedelta(days=1))
    books.redeem(bola, gift)
    report = books.report(
        **{"from": ts(T0 - timedelta(hours=10)), "to": ts(T0 + timedelta(days=2, hours=-10))}
    )
    first, second = report["periods"]
    assert (first["earned"], first["bonus"], first["redeemed"], first["adjusted"]) == (
        550,
        50,
        -100,
        -20,
    )
    assert (first["redemptions"], first["discount_total"], first["customers_active"]) == (
        1,
        700,
        2,
    )
    assert (second["earned"], second["redeemed"], second["redemptions"]) == (0, -100, 1)
    assert second["customers_active"] == 1
    assert report["top_rewards"] == [{"reward_id": gift, "redemptions": 2, "points": 200}]
    assert report["outstanding_points"] == 550 - 200 - 20


def test_a_voided_redemption_and_its_give_back_count_nowhere(books: Books) -> None:
    gift = books.reward("rwd_gift", cost=100, discount=700)
    ada = books.customer()
    books.award(ada, 500)
    kept = books.redeem(ada, gift)
    voided = books.redeem(ada, gift)
    books.at(T0 + timedelta(days=1))  # voided the next day: the give-back is another period
    books.post(f"/v1/redemptions/{voided['id']}/void", reason="Customer changed mind")
    books.post("/v1/points/adjust", customer_id=ada, points=5, reason="Goodwill")
    report = books.report(**{"from": "2026-03-02T00:00:00Z", "to": "2026-03-04T00:00:00Z"})
    first, second = report["periods"]
    assert (first["redeemed"], first["redemptions"], first["discount_total"]) == (-100, 1, 700)
    assert second["adjusted"] == 5  # the goodwill only, not the give-back of 100
    assert report["top_rewards"] == [{"reward_id": gift, "redemptions": 1, "points": 100}]
    assert kept["status"] == "issued"
    # The customer still had transactions on both days.
    assert [p["customers_active"] for p in report["periods"]] == [1, 1]


def test_expired_points_are_dated_at_their_expiry(books: Books) -> None:
    ada = books.customer()
    books.award(ada, 80, expires_at="2026-03-03T12:00:00Z")
    books.at(datetime(2026, 3, 5, tzinfo=UTC))
    report = books.report(**{"from": "2026-03-02T00:00:00Z", "to": "2026-03-05T00:00:00Z"})
    assert [p["expired"] for p in report["periods"]] == [0, -80, 0]
    assert [p["earned"] for p in report["periods"]] == [80, 0, 0]


def test_outstanding_and_cumulative_expiring_are_as_of_now(books: Books) -> None:
    ada, bola = books.customer("Ada"), books.customer("Bola")
    for days, points in ((10, 100), (45, 200), (80, 300), (200, 400)):
        books.award(ada, points, expires_at=ts(T0 + timedelta(days=days)))
    books.award(bola, 1000)  # no expiry
    report = books.report(**{"from": "2020-01-01T00:00:00Z", "to": "2020-01-02T00:00:00Z"})
    assert report["outstanding_points"] == 2000
    assert report["expiring"] == [
        {"within_days": 30, "points": 100},
        {"within_days": 60, "points": 300},
        {"within_days": 90, "points": 600},
    ]
    assert total(report, "earned") == 0  # the range is long before; "now" figures are not


def test_top_rewards_are_the_ten_most_redeemed(books: Books) -> None:
    ada = books.customer()
    books.award(ada, 100 * 80)
    rewards = [books.reward(f"rwd_{n:02d}", cost=100, discount=10) for n in range(12)]
    for n, reward in enumerate(rewards):
        for _ in range(n + 1 if n < 11 else 1):
            books.redeem(ada, reward)
    report = books.report(**{"from": "2026-03-02T00:00:00Z", "to": "2026-03-03T00:00:00Z"})
    top = report["top_rewards"]
    assert len(top) == 10
    assert [r["reward_id"] for r in top] == [f"rwd_{n:02d}" for n in range(10, 0, -1)]
    assert all(r["points"] == 100 * r["redemptions"] > 0 for r in top)
    assert report["periods"][0]["redemptions"] == sum(range(1, 12)) + 1


def test_from_is_inclusive_and_to_exclusive(books: Books) -> None:
    ada = books.customer()
    books.at(datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)).award(ada, 1)
    books.at(datetime(2026, 3, 2, 13, 0, 0, tzinfo=UTC)).award(ada, 2)
    report = books.report(**{"from": "2026-03-02T12:00:00Z", "to": "2026-03-02T13:00:00Z"})
    assert total(report, "earned") == 1


# ---------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"to": "2026-03-02T00:00:00Z"}, "from"),
        ({"from": "2026-03-02T00:00:00Z"}, "to"),
        ({"from": "yesterday", "to": "2026-03-02T00:00:00Z"}, "from"),
        ({"from": "2026-03-01T00:00:00", "to": "2026-03-02T00:00:00Z"}, "from"),
        ({"from": "2026-03-02T00:00:00Z", "to": "2026-03-02T00:00:00Z"}, "to"),
        ({"from": "2026-03-02T00:00:00Z", "to": "2026-03-01T00:00:00Z"}, "to"),
        ({"from": "2025-01-01T00:00:00Z", "to": "2026-01-02T00:00:01Z"}, "to"),
        (
            {"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z", "interval": "year"},
            "interval",
        ),
        (
            {"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z", "tz": "Mars/Olympus"},
            "tz",
        ),
        (
            {"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z", "tz": "../etc/passwd"},
            "tz",
        ),
        (
            {"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z", "store_id": "x" * 65},
            "store_id",
        ),
        ({"from": "0001-01-01T00:00:00Z", "to": "0001-01-02T00:00:00Z"}, "from"),
    ],
)
def test_a_bad_query_is_a_400_naming_the_parameter(
    books: Books, params: dict[str, str], param: str
) -> None:
    answer = books.get(**params)
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert (error["code"], error["param"]) == ("invalid_request", param)


def test_a_range_of_exactly_366_days_is_allowed(books: Books) -> None:
    report = books.report(
        **{"from": "2025-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}, interval="day"
    )
    assert len(report["periods"]) == 366


def test_the_report_needs_the_key(books: Books) -> None:
    answer = httpx.get(
        f"{books.server.url}/v1/analytics/points",
        params={"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"},
    )
    assert answer.status_code == 401


# ---------------------------------------------------------------- stores and returns (v1.1)
def test_a_store_filter_counts_that_stores_activity_only(books: Books) -> None:
    gift = books.reward("rwd_gift", cost=100, discount=700)
    ada, bola = books.customer("Ada"), books.customer("Bola")
    books.award(ada, 400, store_id="lagos-1", expires_at="2026-03-02T18:00:00Z")
    books.award(bola, 300, store_id="abuja-1")
    books.award(bola, 5)  # no store
    books.redeem(ada, gift, store_id="lagos-1")
    books.redeem(bola, gift, store_id="abuja-1")
    books.post("/v1/points/adjust", customer_id=bola, points=-7, reason="x", store_id="abuja-1")
    books.at(datetime(2026, 3, 3, tzinfo=UTC))  # ada's lot expired at 18:00: no store
    day = {"from": "2026-03-02T00:00:00Z", "to": "2026-03-03T00:00:00Z"}
    lagos = books.report(**day, store_id="lagos-1")["periods"][0]
    assert (lagos["earned"], lagos["redeemed"], lagos["adjusted"], lagos["expired"]) == (
        400,
        -100,
        0,
        0,
    )
    assert (lagos["redemptions"], lagos["discount_total"], lagos["customers_active"]) == (1, 700, 1)
    abuja = books.report(**day, store_id="abuja-1")
    assert (abuja["periods"][0]["earned"], abuja["periods"][0]["adjusted"]) == (300, -7)
    assert abuja["top_rewards"] == [{"reward_id": gift, "redemptions": 1, "points": 100}]
    whole = books.report(**day)
    assert whole["periods"][0]["earned"] == 705
    assert whole["periods"][0]["expired"] == -300  # merchant-wide only
    assert whole["periods"][0]["customers_active"] == 2
    # Outstanding and expiring are merchant-wide, whatever the store asked for.
    assert (
        books.report(**day, store_id="nowhere")["outstanding_points"]
        == (whole["outstanding_points"])
    )
    nowhere = books.report(**day, store_id="nowhere")["periods"][0]
    assert {k: nowhere[k] for k in PERIOD_FIGURES} == dict.fromkeys(PERIOD_FIGURES, 0)


def test_returns_are_their_own_figure_not_adjustments(books: Books) -> None:
    ada = books.customer()
    books.award(ada, 1000, metadata={"order_id": "order-9", "amount": 10000}, store_id="s1")
    books.award(ada, 40, type="bonus", reason="Birthday", store_id="s1")
    books.at(T0 + timedelta(hours=1))
    books.post(
        "/v1/points/return",
        customer_id=ada,
        order_id="order-9",
        returned_amount=2500,
        store_id="s1",
    )
    books.post("/v1/points/adjust", customer_id=ada, points=3, reason="Goodwill", store_id="s1")
    day = {"from": "2026-03-02T00:00:00Z", "to": "2026-03-03T00:00:00Z"}
    for params in ({}, {"store_id": "s1"}):
        period = books.report(**day, **params)["periods"][0]
        assert (period["earned"], period["bonus"]) == (1040, 40)
        assert (period["returned"], period["adjusted"]) == (-250, 3)


def test_a_v1_only_sandbox_does_not_serve_analytics(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "v1.db", demo_data=False, api_version="1") as server:
        answer = httpx.get(
            f"{server.url}/v1/analytics/points",
            params={"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"},
            headers={"Authorization": f"Bearer {server.api_key}"},
        )
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"
