"""Limits on what a cashier gives away (ISSUE9 #2): past `[award_limits]` (per award, the
cashier's day, a tier change) an award needs a manager's approval, in the service, the
CLI (--manager, PIN on stdin) and the GUI (the approval prompt)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from support.terminal_helpers import FakeClock, open_terminal

from pos_app.config import AwardLimits, ConfigError, load_config
from pos_app.sandbox import SandboxServer
from pos_app.services import Terminal, points, staff, syncing
from pos_app.services.errors import NeedsApproval
from pos_app.store import cache

ADA = "cus_abc123"
MANAGER_PIN = "73915428"
CASHIER_PIN = "52817"
BOSS = staff.Credentials("Maryam", MANAGER_PIN)
NO_TIER_RULE = AwardLimits(tier_change_needs_approval=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


def _terminal(
    sandbox: SandboxServer, tmp_path: Path, clock: FakeClock, limits: AwardLimits
) -> Iterator[Terminal]:
    with open_terminal(
        tmp_path / "terminal", sandbox, clock=clock, award_limits=limits, timezone="Africa/Lagos"
    ) as terminal:
        staff.add_staff(terminal, "Maryam", "manager", MANAGER_PIN, actor="system")
        staff.add_staff(terminal, "Chidi", "cashier", CASHIER_PIN, actor="system", manager=BOSS)
        syncing.sync_once(terminal)
        yield terminal


@pytest.fixture
def t(sandbox: SandboxServer, tmp_path: Path, clock: FakeClock) -> Iterator[Terminal]:
    yield from _terminal(sandbox, tmp_path, clock, NO_TIER_RULE)


@pytest.fixture
def t_tiers(sandbox: SandboxServer, tmp_path: Path, clock: FakeClock) -> Iterator[Terminal]:
    yield from _terminal(sandbox, tmp_path, clock, AwardLimits(10**6, 10**6, True))


def ok(t: Terminal) -> staff.Approval:
    return staff.approve(t, "Maryam", MANAGER_PIN, action="award", subject=ADA, reason="bulk order")


def awards(t: Terminal) -> list[dict[str, Any]]:
    rows = t.db.conn.execute(
        "SELECT actor, details FROM audit WHERE action = 'award.created' ORDER BY seq"
    )
    return [{"actor": r[0], **json.loads(r[1])} for r in rows]


def balance(t: Terminal) -> int:
    customer = cache.get_customer(t.db.conn, ADA)
    assert customer is not None
    return customer.points_balance


def test_an_award_above_the_per_award_limit_needs_a_manager(t: Terminal) -> None:
    before = balance(t)
    with pytest.raises(NeedsApproval) as refused:
        points.award(t, ADA, 1001, "Purchase", operator="Chidi")
    assert "per-award limit of 1,000" in refused.value.message
    assert f"balance after {before + 1001:,}" in refused.value.message
    assert awards(t) == []  # nothing recorded, nothing queued
    assert t.db.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    assert points.award(t, ADA, 1000, "Purchase", operator="Chidi").status == "confirmed"
    big = points.award(t, ADA, 1001, "Purchase", operator="Chidi", approval=ok(t))
    assert big.status == "confirmed" and big.balance_after == before + 2001
    last = awards(t)[-1]
    assert (last["actor"], last["points"], last["approved_by"]) == ("Chidi", 1001, "Maryam")
    payload = json.loads(
        t.db.conn.execute("SELECT payload FROM outbox ORDER BY id DESC").fetchone()[0]
    )
    assert payload["metadata"]["approved_by"] == "Maryam"


def test_a_cashiers_daily_total_is_limited(t: Terminal, clock: FakeClock) -> None:
    for _ in range(5):
        points.award(t, ADA, 1000, "Purchase", operator="Chidi")  # 5,000: at the limit
    with pytest.raises(NeedsApproval) as refused:
        points.award(t, ADA, 1, "Purchase", operator="Chidi")
    assert "Chidi has awarded 5,000 points today" in refused.value.message
    assert "daily limit of 5,000" in refused.value.message
    points.award(t, ADA, 1, "Purchase", operator="Maryam")  # another person's day
    points.award(t, ADA, 1, "Purchase", operator="Chidi", approval=ok(t))
    clock.advance(11 * 3600 - 1)  # 23:59:59 in Lagos (UTC+1): still today
    with pytest.raises(NeedsApproval):
        points.award(t, ADA, 1, "Purchase", operator="Chidi")
    clock.advance(1)  # 00:00 in Lagos: a new day
    assert points.award(t, ADA, 1000, "Purchase", operator="Chidi").status == "confirmed"


def test_an_award_that_changes_the_tier_needs_a_manager(t_tiers: Terminal) -> None:
    customer = cache.get_customer(t_tiers.db.conn, ADA)
    assert customer is not None and customer.tier_name == "Silver"
    to_gold = 5000 - customer.lifetime_points  # the seed's Gold starts at 5,000
    assert to_gold > 1
    points.award(t_tiers, ADA, to_gold - 1, "Purchase", operator="Chidi")  # still Silver
    with pytest.raises(NeedsApproval) as refused:
        points.award(t_tiers, ADA, 1, "Purchase", operator="Chidi")
    assert "tier Silver to Gold" in refused.value.message
    assert "tier_change_needs_approval" in refused.value.message
    points.award(t_tiers, ADA, 1, "Purchase", operator="Chidi", approval=ok(t_tiers))
    syncing.sync_once(t_tiers)
    after = cache.get_customer(t_tiers.db.conn, ADA)
    assert after is not None and after.tier_name == "Gold"


def test_an_approval_for_something_else_is_not_an_award_approval(t: Terminal) -> None:
    other = staff.approve(t, "Maryam", MANAGER_PIN, action="adjust", subject=ADA, reason="x")
    with pytest.raises(Exception, match="not for an award"):
        points.award(t, ADA, 2000, "Purchase", operator="Chidi", approval=other)


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ("max_points_per_award = 0", "max_points_per_award in [award_limits]"),
        ('max_points_per_cashier_per_day = "lots"', "whole number of points"),
        ('tier_change_needs_approval = "yes"', "true or false"),
        ("max_per_award = 5", "unknown keys: max_per_award"),
    ],
)
def test_award_limits_in_config_are_checked(tmp_path: Path, table: str, words: str) -> None:
    (tmp_path / "config.toml").write_text(f"[award_limits]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=words.replace("[", r"\[").replace("]", r"\]")):
        load_config(data_dir=tmp_path, env={})


def test_award_limits_defaults_and_overrides(tmp_path: Path) -> None:
    assert load_config(data_dir=tmp_path, env={}).award_limits == AwardLimits(1000, 5000, True)
    (tmp_path / "config.toml").write_text(
        "[award_limits]\nmax_points_per_award = 200\ntier_change_needs_approval = false\n",
        encoding="utf-8",
    )
    assert load_config(data_dir=tmp_path, env={}).award_limits == AwardLimits(200, 5000, False)


# ---------------------------------------------------------------- the command line
def test_cli_award_over_the_limit_needs_manager_and_pin(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    sandbox: SandboxServer,
) -> None:
    import sqlite3
    from contextlib import closing

    from support.terminal_helpers import InProcessCli

    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    cli = InProcessCli(capsys, monkeypatch, tmp_path / "data")
    assert (
        cli("staff", "add", "--name", "Maryam", "--role", "manager", stdin=f"{MANAGER_PIN}\n").code
        == 0
    )
    added = cli(
        "staff", "add", "--name", "Chidi", "--role", "cashier", "--manager", "Maryam",
        stdin=f"{MANAGER_PIN}\n{CASHIER_PIN}\n",
    )  # fmt: skip
    assert added.code == 0, added
    award = (
        "--operator",
        "Chidi",
        "award",
        "--customer",
        ADA,
        "--points",
        "2000",
        "--reason",
        "Bulk",
    )

    def rows(sql: str) -> list[tuple[Any, ...]]:
        with closing(sqlite3.connect(tmp_path / "data" / "terminal.db")) as db:
            return db.execute(sql).fetchall()

    refused = cli(*award, stdin=f"{CASHIER_PIN}\n")
    assert refused.code == 3, refused
    lines = refused.err.strip().splitlines()
    assert len(lines) == 1 and "max_points_per_award" in lines[0] and "--manager" in lines[0], lines
    assert rows("SELECT count(*) FROM outbox") == [(0,)]
    wrong = cli(*award, "--manager", "Maryam", stdin=f"{CASHIER_PIN}\n11112222\n")
    assert wrong.code == 3 and rows("SELECT count(*) FROM outbox") == [(0,)], wrong
    ok = cli(*award, "--manager", "Maryam", stdin=f"{CASHIER_PIN}\n{MANAGER_PIN}\n")
    assert ok.code == 0, ok
    details = rows("SELECT actor, details FROM audit WHERE action = 'award.created'")
    assert len(details) == 1 and details[0][0] == "Chidi"
    assert json.loads(details[0][1])["approved_by"] == "Maryam"
    assert rows("SELECT actor FROM audit WHERE action = 'approval.granted'")[-1] == ("Maryam",)


# ---------------------------------------------------------------- the daily report
def test_the_daily_report_lists_large_awards_with_giver_and_approver(
    t: Terminal, tmp_path: Path
) -> None:
    import pypdf

    from pos_app.render import report as render_report
    from pos_app.services import report

    points.award(t, ADA, 50, "Purchase", operator="Chidi")  # small: not listed
    points.award(t, ADA, 1500, "Bulk order", operator="Chidi", approval=ok(t))
    points.award(t, ADA, 20, "Goodwill", operator="Chidi", approval=ok(t))  # approved: listed
    data = report.daily(t).as_json()
    listed = [(a["points"], a["given_by"], a["approved_by"]) for a in data["large_awards"]]
    assert listed == [(1500, "Chidi", "Maryam"), (20, "Chidi", "Maryam")]
    assert data["large_awards"][0]["at"].startswith("2026-11-25T13:00")  # Lagos time
    table = render_report.to_table(data)
    assert "Ada Obi" in table and "1,500 pts  given by Chidi, approved by Maryam" in table
    csv_text = render_report.to_csv(data)
    assert "large_award,cus_abc123," in csv_text and ",Chidi,Maryam" in csv_text
    render_report.to_pdf(data, tmp_path / "r.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "r.pdf").pages)
    assert "given by Chidi, approved by Maryam" in text


def test_an_award_the_backend_refused_does_not_count_towards_the_cashiers_day(
    t: Terminal, sandbox: SandboxServer, tmp_path: Path, clock: FakeClock
) -> None:
    """Only awards applied or still pending count: a refused one never happened."""
    from pos_app.services import Refused, sales

    with open_terminal(tmp_path / "other", sandbox, clock=clock) as other:
        syncing.sync_once(other)
        first = sales.award_sale(other, ADA, "R-500", 50_000)  # earned at another till
    with pytest.raises(Refused):
        sales.award_sale(t, ADA, "R-500", 50_000, operator="Chidi")
    assert awards(t)[-1]["points"] == first.points  # audited as tried...
    assert points.awarded_today(t, "Chidi") == 0  # ...but not counted
    queued = points.award(t, ADA, 1000, "Purchase", operator="Chidi")
    assert queued.status == "confirmed" and points.awarded_today(t, "Chidi") == 1000
    for _ in range(4):
        points.award(t, ADA, 1000, "Purchase", operator="Chidi")  # 5,000: at the limit
    with pytest.raises(NeedsApproval, match="Chidi has awarded 5,000 points today"):
        points.award(t, ADA, 1, "Purchase", operator="Chidi")


def test_cli_award_under_the_limits_asks_no_approval_even_with_manager(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    sandbox: SandboxServer,
) -> None:
    """--manager given needlessly: no manager's PIN is read, no approval audited, the award
    carries no approved_by, and one line on stderr says so (the JSON answer is unchanged)."""
    import sqlite3
    from contextlib import closing

    from support.terminal_helpers import InProcessCli

    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    cli = InProcessCli(capsys, monkeypatch, tmp_path / "data")
    assert cli("staff", "add", "--name", "Maryam", "--role", "manager", stdin=f"{MANAGER_PIN}\n")
    added = cli(
        "staff", "add", "--name", "Chidi", "--role", "cashier", "--manager", "Maryam",
        stdin=f"{MANAGER_PIN}\n{CASHIER_PIN}\n",
    )  # fmt: skip
    assert added.code == 0, added

    def rows(sql: str) -> list[tuple[Any, ...]]:
        with closing(sqlite3.connect(tmp_path / "data" / "terminal.db")) as db:
            return db.execute(sql).fetchall()

    granted = rows("SELECT count(*) FROM audit WHERE action = 'approval.granted'")
    small = ("--operator", "Chidi", "--json", "award", "--customer", ADA, "--points", "20")
    done = cli(*small, "--reason", "Goodwill", "--manager", "Maryam", stdin=f"{CASHIER_PIN}\n")
    assert done.code == 0, done
    assert json.loads(done.out)["points"] == 20
    (line,) = done.err.splitlines()
    assert "within the limits" in line and "--manager" in line
    assert rows("SELECT count(*) FROM audit WHERE action = 'approval.granted'") == granted
    (details,) = rows("SELECT details FROM audit WHERE action = 'award.created'")
    assert "approved_by" not in json.loads(details[0])
    # Over the limits, the same command still asks for the manager and records it.
    big = cli(
        *small[:-1], "2000", "--reason", "Bulk", "--manager", "Maryam",
        stdin=f"{CASHIER_PIN}\n{MANAGER_PIN}\n",
    )  # fmt: skip
    assert big.code == 0 and big.err == "", big
    assert rows("SELECT actor FROM audit WHERE action = 'approval.granted'")[-1] == ("Maryam",)
    sale = cli(
        "--operator", "Chidi", "award", "--customer", ADA, "--order", "R-1", "--amount", "100",
        "--manager", "Chidi", stdin=f"{CASHIER_PIN}\n",
    )  # fmt: skip
    assert sale.code == 0 and "within the limits" in sale.err, sale
    assert rows("SELECT count(*) FROM audit WHERE action = 'approval.granted'") == [
        (granted[0][0] + 1,)
    ]
