"""Returns at the counter (issue 11 #3) against the real sandbox: the figures shown
before confirming agree with the backend's, online and queued offline then synced, split
returns, a shortfall kept for the manager, a return beyond the sale refused, a v1-only
backend said plainly, and the CLI."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from support.terminal_helpers import FakeClock, InProcessCli, backend, key, open_terminal

from pos_app.config import AwardLimits
from pos_app.domain.earning import EarnRate, EarnRules
from pos_app.sandbox import SandboxServer
from pos_app.services import (
    BadInput,
    Refused,
    Terminal,
    history,
    points,
    returns,
    sales,
    syncing,
)

EARN = EarnRules({"NGN": EarnRate(1, 100)}, "NGN")
LIMITS = AwardLimits(tier_change_needs_approval=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


def _open(sandbox: SandboxServer, where: Path, clock: FakeClock) -> Any:
    return open_terminal(
        where, sandbox, clock=clock, award_limits=LIMITS, earn=EARN, store_id="lagos-1"
    )


@pytest.fixture
def t(sandbox: SandboxServer, tmp_path: Path, clock: FakeClock) -> Iterator[Terminal]:
    with _open(sandbox, tmp_path / "t1", clock) as terminal:
        syncing.sync_once(terminal)
        yield terminal


def customer(t: Terminal, name: str = "Kemi Ade") -> str:
    return points.enrol(t, name).id


def backend_balance(sandbox: SandboxServer, cid: str) -> int:
    with backend(sandbox) as c:
        return c.get_customer(cid).points_balance


def test_a_return_takes_back_its_share_online(t: Terminal, sandbox: SandboxServer) -> None:
    cid = customer(t)
    sales.award_sale(t, cid, "S-1", 10_000, operator="Chidi")  # 100 points
    plan = returns.plan_return(t, "S-1", 2_500)  # the customer from the order index
    assert plan.customer_id == cid and plan.figures is not None
    assert (plan.figures.earned, plan.figures.taken_back_before, plan.figures.takes_back) == (
        100,
        0,
        25,
    )
    assert "earned 100 points" in plan.summary and "takes back 25" in plan.summary
    done = returns.return_sale(t, "S-1", 2_500, operator="Chidi")
    assert (done.status, done.points_reversed, done.points_shortfall) == ("confirmed", 25, 0)
    assert done.balance_after == 75 == backend_balance(sandbox, cid)
    audit = t.db.conn.execute(
        "SELECT actor, details FROM audit WHERE action = 'return.created'"
    ).fetchall()
    assert [(a, json.loads(d)["expected"]) for a, d in audit] == [("Chidi", 25)]


def test_split_returns_add_up_to_the_whole_and_agree_with_the_backend(
    t: Terminal, sandbox: SandboxServer
) -> None:
    cid = customer(t)
    sales.award_sale(t, cid, "S-2", 1_000, operator="Chidi")  # 10 points
    taken = []
    for part in (333, 333, 334):
        plan = returns.plan_return(t, "S-2", part)
        done = returns.return_sale(t, "S-2", part, operator="Chidi")
        assert plan.figures is not None and done.points_reversed == plan.figures.takes_back
        taken.append(done.points_reversed)
    assert taken == [3, 3, 4] and sum(taken) == 10
    assert backend_balance(sandbox, cid) == 0
    with pytest.raises(Refused, match="at most 0 can be returned") as beyond:
        returns.return_sale(t, "S-2", 1, operator="Chidi")
    assert beyond.value.code == "return_exceeds_sale"


def test_a_return_beyond_the_sale_is_refused_before_anything_is_sent(t: Terminal) -> None:
    cid = customer(t)
    sales.award_sale(t, cid, "S-3", 1_000, operator="Chidi")
    before = t.db.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    with pytest.raises(Refused) as refused:
        returns.return_sale(t, "S-3", 1_001, operator="Chidi")
    assert "the sale was 1,000" in refused.value.message
    assert "at most 1,000 can be returned, not 1,001" in refused.value.message
    assert t.db.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == before
    with pytest.raises(BadInput, match="give the customer"):
        returns.return_sale(t, "S-UNKNOWN", 10, operator="Chidi")


def test_a_shortfall_is_shown_and_listed_for_the_manager(
    t: Terminal, sandbox: SandboxServer
) -> None:
    cid = customer(t)
    sales.award_sale(t, cid, "S-4", 10_000, operator="Chidi")  # 100 points
    with backend(sandbox) as c:  # spent at another till
        c.adjust_points(customer_id=cid, points=-90, reason="Spent", idempotency_key=key())
    done = returns.return_sale(t, "S-4", 5_000, operator="Chidi")
    assert (done.points_reversed, done.points_shortfall, done.balance_after) == (10, 40, 0)
    [(details,)] = t.db.conn.execute(
        "SELECT details FROM audit WHERE action = 'sync.return.done'"
    ).fetchall()
    assert json.loads(details)["points_shortfall"] == 40  # in the audit log too
    [short] = returns.list_returns(t, shortfalls_only=True)
    assert (short.order_id, short.points_shortfall, short.taken_back) == ("S-4", 40, 50)
    # The shortfall is written off: the rest of the sale takes back the other 50.
    plan = returns.plan_return(t, "S-4", 5_000)
    assert plan.figures is not None and plan.figures.takes_back == 50


def test_a_return_offline_is_queued_then_synced(t: Terminal, sandbox: SandboxServer) -> None:
    cid = customer(t)
    sales.award_sale(t, cid, "S-5", 3_000, operator="Chidi")  # 30 points
    sandbox.faults.update(outage=True)
    queued = returns.return_sale(t, "S-5", 1_000, operator="Chidi")
    assert (queued.status, queued.expected, queued.points_reversed) == ("offline", 10, None)
    # The points it takes back are spoken for: no offline redemption can spend them.
    from pos_app.services import lookup

    assert lookup.show(t, cid).projected_balance == 20
    # The terminal counts the queued return: the next one is figured after it.
    nxt = returns.plan_return(t, "S-5", 1_000)
    assert nxt.figures is not None
    assert (nxt.figures.returned_before, nxt.figures.taken_back_before) == (1_000, 10)
    # The history shows it waiting, labelled a return of its order, with what it takes back.
    waiting = [line for line in history.history(t, cid).lines if not line.synced]
    assert [(line.label_text, line.points) for line in waiting] == [("return S-5", -10)]
    sandbox.faults.update(outage=False)
    syncing.sync_once(t)
    [settled] = returns.list_returns(t)
    assert (settled.state, settled.points_reversed, settled.balance_after) == ("done", 10, 20)
    assert backend_balance(sandbox, cid) == 20


def test_a_v1_backend_does_not_offer_returns(
    tmp_path: Path, clock: FakeClock, seeded_template: Path
) -> None:
    db = tmp_path / "v1.db"
    shutil.copy(seeded_template, db)
    with SandboxServer(db, api_version="1") as old, _open(old, tmp_path / "t", clock) as t:
        syncing.sync_once(t)
        cid = customer(t)
        sales.award_sale(t, cid, "S-6", 1_000, operator="Chidi")
        with pytest.raises(Refused) as refused:
            returns.return_sale(t, "S-6", 500, operator="Chidi")
        assert refused.value.code == "not_offered"
        assert "does not offer returns" in refused.value.message
        assert backend_balance(old, cid) == 10  # nothing taken back
        # Not a paused queue: the next operation goes through.
        assert sales.award_sale(t, cid, "S-7", 1_000, operator="Chidi").status == "confirmed"


def test_cli_return(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    sandbox: SandboxServer,
) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    cli = InProcessCli(capsys, monkeypatch, tmp_path / "data")
    pin = "73915428\n"
    assert cli("staff", "add", "--name", "Maryam", "--role", "manager", stdin=pin).code == 0
    me = ("--operator", "Maryam")
    sold = cli(*me, "award", "--customer", "cus_abc123", "--order", "C-1", "--amount", "800",
               stdin=pin)  # fmt: skip
    assert sold.code == 0, sold
    back = cli(*me, "return", "--order", "C-1", "--amount", "400", stdin=pin)
    assert back.code == 0, back
    assert "earned 8 points" in back.out and "takes back 4" in back.out
    assert "Taken back 4 points from cus_abc123" in back.out
    too_much = cli(*me, "return", "--order", "C-1", "--amount", "401", stdin=pin)
    assert too_much.code == 3 and "at most 400 can be returned" in too_much.err, too_much
    bad = cli(*me, "return", "--order", "C\x1b-1", "--amount", "4", stdin=pin)
    assert bad.code == 2 and len(bad.err.strip().splitlines()) == 1, bad
    no_pin = cli(*me, "return", "--order", "C-1", "--amount", "1", stdin="\n")
    assert no_pin.code != 0
    listed = cli("returns", "--json")
    assert listed.code == 0
    [row] = json.loads(listed.out)["data"]
    assert (row["order_id"], row["points_reversed"]) == ("C-1", 4)
    assert cli("returns", "--shortfalls").out.strip() == "No shortfalls."


def test_a_sale_from_another_till_is_returned_with_the_figures_of_its_history(
    t: Terminal, sandbox: SandboxServer, tmp_path: Path, clock: FakeClock
) -> None:
    cid = customer(t)
    sales.award_sale(t, cid, "S-8", 900, operator="Chidi")  # 9 points, at till 1
    with _open(sandbox, tmp_path / "t2", clock) as other:
        syncing.sync_once(other)
        with pytest.raises(BadInput, match="give the customer"):
            returns.plan_return(other, "S-8", 300)
        for part, expected in ((300, 3), (400, 4)):
            plan = returns.plan_return(other, "S-8", part, cid)
            assert plan.figures is not None and plan.figures.earned == 9
            assert plan.figures.takes_back == expected
            done = returns.return_sale(other, "S-8", part, cid, operator="Bola")
            assert done.points_reversed == expected
        assert returns.plan_return(other, "S-8", 200, cid).figures.takes_back == 2  # type: ignore[union-attr]
        with pytest.raises(Refused, match="at most 200 can be returned"):
            returns.plan_return(other, "S-8", 201, cid)
        before = other.db.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        with pytest.raises(Refused) as unknown:
            returns.return_sale(other, "S-NOPE", 10, cid, operator="Bola")
        assert unknown.value.code == "order_not_found"
        with pytest.raises(Refused) as nobody:
            returns.return_sale(other, "S-8", 10, "cus_nobody", operator="Bola")
        assert nobody.value.code == "customer_not_found"
        assert other.db.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == before
