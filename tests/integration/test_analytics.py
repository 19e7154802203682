"""Program analytics end to end: the client through the real sandbox, the service in the
store's time zone, and `pos-app report analytics` in every format, against a backend that
serves analytics and one that does not (v1 only). Every figure must agree with the
backend's own answer to the point."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pypdf
import pytest
from support.books import Books
from support.raw_server import answering_every_request
from support.seed import BOSS, BOSS_PIN, CASHIER, CASHIER_PIN
from support.terminal_helpers import InProcessCli, isolated_command_line, open_terminal

from pos_app.api import AnalyticsInterval, LoyaltyClient, NotOffered, PointsAnalytics
from pos_app.sandbox import SandboxServer
from pos_app.services import BadInput, analytics, staff

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday, 11:00 in Lagos
LAGOS = "Africa/Lagos"
NOT_FOUND = b'{"error": {"type": "request_error", "code": "not_found", "message": "Not Found"}}'


@pytest.fixture
def books(tmp_path: Path) -> Iterator[Books]:
    """An empty merchant with some activity on 1 to 3 March 2026 (Lagos days)."""
    with SandboxServer(tmp_path / "books.db", demo_data=False) as server:
        b = Books(server).at(T0)
        gift = b.reward("rwd_gift", cost=100, discount=700)
        ada, bola = b.customer("Ada Obi"), b.customer("Bola Eze")
        b.award(ada, 1500, metadata={"order_id": "o-1", "amount": 150000})
        b.award(ada, 50, type="bonus", reason="Birthday")
        b.award(bola, 300, expires_at="2026-03-20T00:00:00Z")
        b.redeem(ada, gift)
        voided = b.redeem(bola, gift)
        b.at(datetime(2026, 3, 2, 23, 30, tzinfo=UTC))  # 3 March in Lagos
        b.post(f"/v1/redemptions/{voided['id']}/void")
        b.post("/v1/points/adjust", customer_id=ada, points=-25, reason="Correction")
        b.redeem(ada, gift)
        try:
            yield b
        finally:
            b.http.close()


def backend_report(books: Books, **params: str) -> dict[str, Any]:
    return books.report(**params)


# ---------------------------------------------------------------- the client
def test_the_client_reads_the_report_as_the_backend_sent_it(books: Books) -> None:
    start, end = datetime(2026, 3, 1, 23, tzinfo=UTC), datetime(2026, 3, 3, 23, tzinfo=UTC)
    with LoyaltyClient(books.server.url, books.server.api_key) as client:
        found = client.points_analytics(start, end, interval="day", tz=LAGOS)
    wire = books.report(**{"from": "2026-03-01T23:00:00Z", "to": "2026-03-03T23:00:00Z"}, tz=LAGOS)
    assert isinstance(found, PointsAnalytics)
    assert (found.date_from, found.date_to, found.interval) == (start, end, AnalyticsInterval.DAY)
    assert [p.start.strftime("%Y-%m-%dT%H:%M:%SZ") for p in found.periods] == [
        p["start"] for p in wire["periods"]
    ]
    for mine, theirs in zip(found.periods, wire["periods"], strict=True):
        assert {k: getattr(mine, k) for k in theirs if k != "start"} == {
            k: v for k, v in theirs.items() if k != "start"
        }
    first, second = found.periods
    assert (first.earned, first.bonus, first.redeemed, first.redemptions) == (1850, 50, -100, 1)
    assert (second.adjusted, second.redeemed, second.discount_total) == (-25, -100, 700)
    assert found.outstanding_points == wire["outstanding_points"] == 1500 + 50 + 300 - 225
    assert [(e.within_days, e.points) for e in found.expiring] == [(30, 200), (60, 200), (90, 200)]
    assert [(r.reward_id, r.redemptions, r.points) for r in found.top_rewards] == [
        ("rwd_gift", 2, 200)
    ]


def test_a_v1_only_backend_is_not_offered_not_a_refusal(tmp_path: Path) -> None:
    with (
        SandboxServer(tmp_path / "v1.db", api_version="1") as v1,
        LoyaltyClient(v1.url, v1.api_key) as client,
        pytest.raises(NotOffered) as raised,
    ):
        client.points_analytics(T0, T0 + timedelta(days=1))
    assert "v1.1" in raised.value.message
    # Any 404 there means the same (a proxy's own page included, if it is the contract's).
    with (
        answering_every_request(404, NOT_FOUND) as url,
        LoyaltyClient(url, "sk_test_any") as client,
        pytest.raises(NotOffered),
    ):
        client.points_analytics(T0, T0 + timedelta(days=1))


# ---------------------------------------------------------------- the service
@pytest.fixture
def terminal(books: Books, tmp_path: Path) -> Iterator[Any]:
    with open_terminal(tmp_path / "term", books.server, timezone=LAGOS) as t:
        yield t


def test_the_service_asks_for_the_stores_local_days(books: Books, terminal: Any) -> None:
    found = analytics.analytics(
        terminal, date_from=date(2026, 3, 2), date_to=date(2026, 3, 3), scope="merchant"
    )
    wire = books.report(**{"from": "2026-03-01T23:00:00Z", "to": "2026-03-03T23:00:00Z"}, tz=LAGOS)
    assert [p.start for p in found.periods] == [date(2026, 3, 2), date(2026, 3, 3)]
    assert found.totals["earned"] == sum(p["earned"] for p in wire["periods"]) == 1850
    assert found.totals["redeemed"] == -200
    assert found.totals["adjusted"] == -25  # the void's give-back is not an adjustment
    assert found.totals["discount_total"] == 1400
    assert found.outstanding_points == wire["outstanding_points"]
    assert found.expiring == {30: 200, 60: 200, 90: 200}
    assert (found.scope, found.store_id, found.timezone) == ("merchant", None, LAGOS)
    assert found.outstanding_value is None
    assert "no pay-with-points reward" in found.value_note  # this merchant has none


def test_weeks_and_months_in_the_store_zone(books: Books, terminal: Any) -> None:
    weeks = analytics.analytics(
        terminal, date_from=date(2026, 2, 25), date_to=date(2026, 3, 10), interval="week"
    )
    assert [p.start for p in weeks.periods] == [
        date(2026, 2, 25),  # clipped: a Wednesday
        date(2026, 3, 2),
        date(2026, 3, 9),
    ]
    assert [p.earned for p in weeks.periods] == [0, 1850, 0]
    months = analytics.analytics(
        terminal, date_from=date(2026, 1, 1), date_to=date(2026, 12, 31), interval="month"
    )
    assert len(months.periods) == 12 and months.totals["earned"] == 1850


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"date_from": date(2026, 3, 3), "date_to": date(2026, 3, 2)}, "ends before"),
        ({"date_from": date(2025, 1, 1), "date_to": date(2026, 1, 2)}, "at most 366"),
        ({"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 2), "interval": "hour"},
         "day, week or month"),
        ({"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 2), "scope": "store"},
         "no store_id"),
    ],
)  # fmt: skip
def test_the_service_refuses_bad_requests_in_words(
    terminal: Any, kwargs: dict[str, Any], words: str
) -> None:
    with pytest.raises(BadInput, match=words):
        analytics.analytics(terminal, **kwargs)


def test_large_awards_come_from_this_terminals_audit_log(books: Books, terminal: Any) -> None:
    from pos_app.services import points

    staff.add_staff(terminal, BOSS, "manager", BOSS_PIN, actor="system")
    ada = books.customer("Chika")
    limit = terminal.config.award_limits.max_points_per_award
    approval = staff.approve(
        terminal, BOSS, BOSS_PIN, action="award", subject=ada, reason="big basket"
    )
    points.award(terminal, ada, limit + 1, "big basket", operator=BOSS, approval=approval)
    today = terminal.clock().astimezone(terminal.config.time_zone()).date()
    found = analytics.analytics(terminal, date_from=today, date_to=today)
    assert [(a.points, a.given_by, a.approved_by) for a in found.large_awards] == [
        (limit + 1, BOSS, BOSS)
    ]


# ---------------------------------------------------------------- the command line
@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    books: Books,
) -> Iterator[InProcessCli]:
    with isolated_command_line(monkeypatch):
        monkeypatch.setenv("POS_APP_BACKEND_URL", books.server.url)
        monkeypatch.setenv("LOYALPRO_API_KEY", books.server.api_key)
        run = InProcessCli(capsys, monkeypatch, tmp_path / "data")
        data = tmp_path / "data"
        data.mkdir()
        (data / "config.toml").write_text(f'timezone = "{LAGOS}"\n', encoding="utf-8")
        added = run("staff", "add", "--name", BOSS, "--role", "manager", stdin=f"{BOSS_PIN}\n")
        assert added.code == 0, added
        added = run(
            "staff", "add", "--name", CASHIER, "--role", "cashier", "--manager", BOSS,
            stdin=f"{BOSS_PIN}\n{CASHIER_PIN}\n",
        )  # fmt: skip
        assert added.code == 0, added
        yield run


RANGE = ("report", "analytics", "--from", "2026-03-02", "--to", "2026-03-03", "--merchant")


def as_manager(cli: InProcessCli, *args: str) -> Any:
    return cli("--operator", BOSS, *RANGE, *args, stdin=f"{BOSS_PIN}\n")


def test_json_agrees_with_the_backend_to_the_point(cli: InProcessCli, books: Books) -> None:
    done = as_manager(cli, "--format", "json")
    assert done.code == 0, done
    found = json.loads(done.out)
    wire = books.report(**{"from": "2026-03-01T23:00:00Z", "to": "2026-03-03T23:00:00Z"}, tz=LAGOS)
    assert [p["start"] for p in found["periods"]] == ["2026-03-02", "2026-03-03"]
    for mine, theirs in zip(found["periods"], wire["periods"], strict=True):
        assert {k: mine[k] for k in theirs if k != "start"} == {
            k: v for k, v in theirs.items() if k != "start"
        }
    assert found["outstanding_points"] == wire["outstanding_points"]
    assert found["expiring"] == wire["expiring"]
    assert [(r["reward_id"], r["redemptions"]) for r in found["top_rewards"]] == [
        (r["reward_id"], r["redemptions"]) for r in wire["top_rewards"]
    ]


def test_table_csv_and_pdf(cli: InProcessCli, tmp_path: Path) -> None:
    table = as_manager(cli)
    assert table.code == 0, table
    assert "Program analytics, 2026-03-02 to 2026-03-03 by day (Africa/Lagos)" in table.out
    assert "whole merchant" in table.out and "rwd_gift" in table.out
    sheet = as_manager(cli, "--format", "csv")
    assert sheet.code == 0, sheet
    rows = list(csv.DictReader(io.StringIO(sheet.out)))
    periods = [r for r in rows if r["section"] == "period"]
    assert [(r["key"], r["earned"], r["redeemed"]) for r in periods] == [
        ("2026-03-02", "1850", "-100"),
        ("2026-03-03", "0", "-100"),
    ]
    pdf = tmp_path / "analytics.pdf"
    done = as_manager(cli, "--format", "pdf", "--output", str(pdf))
    assert done.code == 0, done
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)
    assert "Program analytics" in text and "Points earned and redeemed by period" in text
    assert "1,850" in text and "Reward rwd_gift" in text


def test_only_a_manager_reads_the_programs_numbers(cli: InProcessCli) -> None:
    cashier = cli("--operator", CASHIER, *RANGE, stdin=f"{CASHIER_PIN}\n")
    assert cashier.code == 3, cashier
    assert "for managers" in cashier.err
    nobody = cli(*RANGE)
    assert nobody.code == 3, nobody
    wrong_pin = cli("--operator", BOSS, *RANGE, stdin="00000000\n")
    assert wrong_pin.code == 3 and "Wrong PIN" in wrong_pin.err


def audit_entries(cli: InProcessCli) -> int:
    with closing(sqlite3.connect(cli.data_dir / "terminal.db")) as db:
        found: int = db.execute("SELECT count(*) FROM audit").fetchone()[0]
    return found


def test_bad_input_is_one_line_and_exit_2(cli: InProcessCli) -> None:
    for args in (
        ("report", "analytics", "--from", "2026-13-01", "--to", "2026-03-03"),
        ("report", "analytics", "--from", "2026-03-04", "--to", "2026-03-03", "--merchant"),
        ("report", "analytics", "--from", "2026-03-01", "--to", "2026-03-03", "--store"),
        ("report", "analytics", "--from", "2026-03-01", "--to", "2026-03-03", "--format", "pdf"),
    ):
        entries = audit_entries(cli)
        done = cli("--operator", BOSS, *args, stdin=f"{BOSS_PIN}\n")
        assert done.code == 2, done
        assert audit_entries(cli) == entries  # refused before anyone signed in
        assert len(done.err.strip().splitlines()) == 1 and "Traceback" not in done.err


def test_a_v1_only_backend_gets_one_clear_line_and_exit_6(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with SandboxServer(tmp_path / "v1.db", api_version="1") as v1:
        monkeypatch.setenv("POS_APP_BACKEND_URL", v1.url)
        done = as_manager(cli)
        as_json = cli("--json", "--operator", BOSS, *RANGE, stdin=f"{BOSS_PIN}\n")
    assert as_json.code == 6
    assert json.loads(as_json.out)["error"]["code"] == "not_offered"
    assert done.code == 6, done
    assert done.err.strip() == (
        "pos-app: this backend does not offer analytics; it needs LoyalPro API v1.1"
    )
    assert done.out == ""


def test_the_liability_is_valued_at_the_pay_with_points_rate(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    """The demo catalogue's rwd_points pays ₦5 a point. A client that cannot read a
    per-point reward yet says the value is unknown, never a wrong figure."""
    from pos_app.api import Reward

    ledger = sandbox.ledger
    with ledger.transaction():
        if ledger.rewards.lookup("rwd_points") is None:  # until the demo catalogue has it
            rule = {"discount_per_point": 5, "min_points": 100, "max_points": 10000, "step": 10}
            ledger.rewards.add("rwd_points", "Pay with points", 0, 0, per_point=rule)
    with open_terminal(tmp_path / "term", sandbox, timezone=LAGOS) as t:
        today = t.clock().astimezone(t.config.time_zone()).date()
        found = analytics.analytics(t, date_from=today - timedelta(days=30), date_to=today)
    assert found.outstanding_points > 0
    if "per_point" in Reward.__dataclass_fields__:
        assert found.value_per_point == 5
        assert found.outstanding_value == found.outstanding_points * 5
    else:
        assert found.outstanding_value is None
        assert found.value_note.startswith("value unknown")


def test_the_store_scope_asks_for_the_configured_store_only(books: Books, tmp_path: Path) -> None:
    ada = books.customer("Chika")
    books.at(T0 + timedelta(hours=2))
    books.award(ada, 70, store_id="lagos-1")
    books.award(ada, 9, store_id="abuja-1")
    with open_terminal(tmp_path / "t2", books.server, timezone=LAGOS, store_id="lagos-1") as t:
        mine = analytics.analytics(t, date_from=date(2026, 3, 2), date_to=date(2026, 3, 3))
        whole = analytics.analytics(
            t, date_from=date(2026, 3, 2), date_to=date(2026, 3, 3), scope="merchant"
        )
    wire = books.report(
        **{"from": "2026-03-01T23:00:00Z", "to": "2026-03-03T23:00:00Z"},
        tz=LAGOS,
        store_id="lagos-1",
    )
    assert (mine.scope, mine.store_id) == ("store", "lagos-1")
    assert mine.totals["earned"] == sum(p["earned"] for p in wire["periods"]) == 70
    assert whole.totals["earned"] == 1850 + 79
    assert mine.outstanding_points == whole.outstanding_points  # merchant-wide, always


def test_without_a_configured_zone_the_systems_own_name_is_sent(
    books: Books, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Africa/Lagos")
    with open_terminal(tmp_path / "t3", books.server) as t:
        found = analytics.analytics(
            t, date_from=date(2026, 3, 2), date_to=date(2026, 3, 3), scope="merchant"
        )
    assert found.timezone == LAGOS
    assert [p.earned for p in found.periods] == [1850, 0]
