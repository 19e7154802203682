"""The client's reading of a points_analytics report (API.md v1.1, "Analytics"): strict,
as every model, with errors that name the field; and a 404 means "not offered"."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from pos_app.api import (
    AnalyticsInterval,
    LoyaltyClient,
    MismatchedAnswer,
    NotOffered,
    ProtocolError,
    parse_points_analytics,
)

REPORT: dict[str, Any] = {
    "object": "points_analytics",
    "from": "2026-03-01T23:00:00Z",
    "to": "2026-03-02T23:00:00Z",
    "interval": "day",
    "currency": "NGN",
    "periods": [
        {
            "start": "2026-03-01T23:00:00Z",
            "earned": 1200,
            "bonus": 100,
            "redeemed": -800,
            "expired": -50,
            "adjusted": -20,
            "returned": -30,
            "redemptions": 4,
            "discount_total": 4000,
            "customers_active": 3,
        }
    ],
    "outstanding_points": 184200,
    "expiring": [
        {"within_days": 30, "points": 5200},
        {"within_days": 60, "points": 9100},
        {"within_days": 90, "points": 12000},
    ],
    "top_rewards": [{"reward_id": "rwd_xyz789", "redemptions": 12, "points": 2400}],
}
FROM = datetime(2026, 3, 1, 23, tzinfo=UTC)
TO = datetime(2026, 3, 2, 23, tzinfo=UTC)


def test_the_contracts_example_reads_whole() -> None:
    found = parse_points_analytics(REPORT)
    assert (found.date_from, found.date_to, found.interval) == (FROM, TO, AnalyticsInterval.DAY)
    period = found.periods[0]
    assert (period.earned, period.bonus, period.returned, period.customers_active) == (
        1200,
        100,
        -30,
        3,
    )
    assert [(e.within_days, e.points) for e in found.expiring] == [
        (30, 5200),
        (60, 9100),
        (90, 12000),
    ]
    assert found.top_rewards[0].reward_id == "rwd_xyz789"


def _broken(path: str, value: object) -> dict[str, Any]:
    report = copy.deepcopy(REPORT)
    *parents, last = path.split(".")
    node: Any = report
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[last] = value
    return report


@pytest.mark.parametrize(
    ("path", "value", "named"),
    [
        ("object", "list", "points_analytics.object"),
        ("interval", "year", "points_analytics.interval"),
        ("from", "yesterday", "points_analytics.from"),
        ("outstanding_points", "184200", "points_analytics.outstanding_points"),
        ("periods", {}, "points_analytics.periods"),
        ("periods.0.earned", 1.5, "points_analytics.periods[0].earned"),
        ("periods.0.redeemed", 800, "points_analytics.periods[0].redeemed"),
        ("periods.0.bonus", 5000, "points_analytics.periods[0].bonus"),
        ("periods.0.customers_active", True, "points_analytics.periods[0].customers_active"),
        ("expiring.0.points", -1, "points_analytics.expiring[0]"),
        ("top_rewards.0.points", 0, "points_analytics.top_rewards[0]"),
    ],
)
def test_a_wrong_field_is_a_protocol_error_naming_it(path: str, value: object, named: str) -> None:
    with pytest.raises(ProtocolError, match=named.replace("[", r"\[").replace("]", r"\]")):
        parse_points_analytics(_broken(path, value))


def test_periods_out_of_order_are_refused() -> None:
    report = copy.deepcopy(REPORT)
    report["periods"] = [report["periods"][0], report["periods"][0]]
    with pytest.raises(ProtocolError, match="in order"):
        parse_points_analytics(report)


def _client(status: int, body: object) -> LoyaltyClient:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/analytics/points"
        return httpx.Response(status, content=json.dumps(body).encode())

    return LoyaltyClient("http://backend.test", "sk_test_x", transport=httpx.MockTransport(answer))


def test_a_404_means_the_backend_does_not_offer_analytics() -> None:
    body = {"error": {"type": "request_error", "code": "not_found", "message": "Not Found"}}
    with _client(404, body) as client, pytest.raises(NotOffered, match=r"v1\.1"):
        client.points_analytics(FROM, TO)


def test_a_report_about_another_range_is_a_mismatch() -> None:
    with _client(200, REPORT) as client:
        assert client.points_analytics(FROM, TO).outstanding_points == 184200
        with pytest.raises(MismatchedAnswer):
            client.points_analytics(FROM, datetime(2026, 3, 3, 23, tzinfo=UTC))
        with pytest.raises(MismatchedAnswer):
            client.points_analytics(FROM, TO, interval="week")
