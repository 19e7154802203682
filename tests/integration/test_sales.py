"""Awards tied to a sale (issue 11 #2) against the real sandbox: points from the earn
rate, the order earns once (the local index, also offline; across terminals the
backend's 409 order_already_awarded, shown with the first award), store_id on every
operation, the CLI's --order/--amount."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from support.terminal_helpers import FakeClock, InProcessCli, backend, open_terminal

from pos_app.config import AwardLimits
from pos_app.domain.earning import EarnRate, EarnRules
from pos_app.sandbox import SandboxServer
from pos_app.services import BadInput, Refused, Terminal, sales, syncing
from pos_app.store import cache

ADA = "cus_abc123"
EARN = EarnRules({"NGN": EarnRate(1, 100)}, "NGN", {"tier_gold": Fraction(3, 2)})
LIMITS = AwardLimits(tier_change_needs_approval=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


def _open(sandbox: SandboxServer, where: Path, clock: FakeClock) -> Any:
    return open_terminal(
        where,
        sandbox,
        clock=clock,
        award_limits=LIMITS,
        earn=EARN,
        store_id="lagos-1",
        timezone="Africa/Lagos",
    )


@pytest.fixture
def t(sandbox: SandboxServer, tmp_path: Path, clock: FakeClock) -> Iterator[Terminal]:
    with _open(sandbox, tmp_path / "t1", clock) as terminal:
        syncing.sync_once(terminal)
        yield terminal


def balance(t: Terminal) -> int:
    customer = cache.get_customer(t.db.conn, ADA)
    assert customer is not None
    return customer.points_balance


def sent_awards(sandbox: SandboxServer, order_id: str) -> list[Any]:
    with backend(sandbox) as c:
        return [
            x
            for x in c.iter_all(c.list_points, customer_id=ADA, limit=100)
            if x.metadata.get("order_id") == order_id
        ]


def test_a_sale_earns_at_the_rate_once(t: Terminal, sandbox: SandboxServer) -> None:
    before = balance(t)
    preview = sales.preview_sale(t, ADA, "R-1001", "12,345", operator="Chidi")
    assert preview.points == 123 and preview.rate == "1 point per ₦100"
    done = sales.award_sale(t, ADA, "R-1001", "12,345", operator="Chidi")
    assert (done.status, done.points, done.balance_after) == ("confirmed", 123, before + 123)
    [txn] = sent_awards(sandbox, "R-1001")
    assert (txn.points, txn.metadata["amount"], txn.metadata["currency"]) == (123, 12345, "NGN")
    with pytest.raises(Refused) as again:
        sales.award_sale(t, ADA, "R-1001", 500, operator="Chidi")
    assert again.value.code == "order_already_awarded"
    assert "already earned 123 points on 2026-11-25 13:00" in again.value.message
    assert len(sent_awards(sandbox, "R-1001")) == 1
    assert balance(t) == before + 123


def test_the_same_order_offline_is_refused_locally(t: Terminal, sandbox: SandboxServer) -> None:
    sandbox.faults.update(outage=True)
    queued = sales.award_sale(t, ADA, "R-2002", 1000, operator="Chidi")
    assert (queued.status, queued.points) == ("offline", 10)
    with pytest.raises(Refused, match="already earned 10 points"):
        sales.award_sale(t, ADA, " R-2002 ", 1000, operator="Chidi")
    sandbox.faults.update(outage=False)
    syncing.sync_once(t)
    assert [x.points for x in sent_awards(sandbox, "R-2002")] == [10]


@pytest.mark.parametrize(
    ("order", "amount", "words"),
    [
        ("", 100, "Give the order number"),
        ("R-1\x1b[2J", 100, "is not an order number"),
        ("R\t1", 100, "is not an order number"),
        ("x" * 65, 100, "is not an order number"),
        ("R-1", "12.50", "no decimals"),
        ("R-1", 0, "from 1"),
        ("R-1", 99, "earns no points"),
    ],
)
def test_hostile_or_blank_sales_are_refused_with_one_line(
    t: Terminal, order: str, amount: object, words: str
) -> None:
    with pytest.raises(BadInput, match=words) as bad:
        sales.award_sale(t, ADA, order, amount, operator="Chidi")
    assert "\n" not in bad.value.message and "\x1b" not in bad.value.message
    assert t.db.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_the_award_limits_apply_to_a_sale(t: Terminal) -> None:
    from pos_app.services.errors import NeedsApproval

    with pytest.raises(NeedsApproval, match="per-award limit of 1,000"):
        sales.award_sale(t, ADA, "R-BIG", 100_100, operator="Chidi")
    assert t.db.conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 0


# ---------------------------------------------------------------- the command line
def _cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sandbox: SandboxServer,
    data: Path,
) -> InProcessCli:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    data.mkdir(parents=True, exist_ok=True)
    (data / "config.toml").write_text(
        'store_id = "lagos-1"\n[earn.NGN]\npoints = 1\nper = 100\n', encoding="utf-8"
    )
    cli = InProcessCli(capsys, monkeypatch, data)
    added = cli("staff", "add", "--name", "Maryam", "--role", "manager", stdin="73915428\n")
    assert added.code == 0, added
    return cli


def test_cli_award_a_sale_once(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    sandbox: SandboxServer,
) -> None:
    cli = _cli(capsys, monkeypatch, sandbox, tmp_path / "data")
    sale = ("--operator", "Maryam", "award", "--customer", ADA, "--order", "R-9", "--amount")
    done = cli(*sale, "5000", "--json", stdin="73915428\n")
    assert done.code == 0, done
    answer = json.loads(done.out)
    assert (answer["points"], answer["order_id"], answer["status"]) == (50, "R-9", "confirmed")
    again = cli(*sale, "5000", stdin="73915428\n")
    assert again.code == 3 and "already earned 50 points" in again.err, again
    assert len(again.err.strip().splitlines()) == 1
    both = cli(*sale, "5000", "--points", "5", stdin="73915428\n")
    assert both.code == 2 and "not both" in both.err and "Traceback" not in both.err, both
    neither = cli("--operator", "Maryam", "award", "--customer", ADA, stdin="73915428\n")
    assert neither.code == 2 and "--order and --amount" in neither.err, neither
    bonus = cli(
        "--operator", "Maryam", "award", "--customer", ADA, "--points", "5", "--reason",
        "Birthday", "--bonus", stdin="73915428\n",
    )  # fmt: skip
    assert bonus.code == 0, bonus
    assert [x.points for x in sent_awards(sandbox, "R-9")] == [50]


def test_the_same_order_on_two_terminals_is_refused_with_the_first_award(
    t: Terminal, sandbox: SandboxServer, tmp_path: Path, clock: FakeClock
) -> None:
    first = sales.award_sale(t, ADA, "R-3003", 4_000, operator="Chidi")
    assert first.points == 40
    clock.advance(3600)
    with _open(sandbox, tmp_path / "t2", clock) as other:
        syncing.sync_once(other)
        with pytest.raises(Refused) as refused:
            sales.award_sale(other, ADA, "R-3003", 4_000, operator="Bola")
        assert refused.value.code == "order_already_awarded"
        # When: the backend's own time of the first award, in the store's zone.
        assert "Order R-3003 already earned 40 points on 20" in refused.value.message
        [txn] = sent_awards(sandbox, "R-3003")
        assert txn.id in refused.value.message
        # Kept for the manager: the refused award is in the outbox, and the order stays
        # guarded on this terminal too (no second trip to the backend).
        state = other.db.conn.execute("SELECT state, last_error_code FROM outbox").fetchall()
        assert [tuple(r) for r in state] == [("refused", "order_already_awarded")]
        with pytest.raises(Refused, match="already earned points at another till"):
            sales.award_sale(other, ADA, "R-3003", 4_000, operator="Bola")
    assert txn.points == 40 and len(sent_awards(sandbox, "R-3003")) == 1


def test_a_v1_backend_still_awards_a_sale_with_the_local_guard(
    tmp_path: Path, clock: FakeClock, seeded_template: Path
) -> None:
    import shutil

    db = tmp_path / "v1.db"
    shutil.copy(seeded_template, db)
    # store_id is set: a v1 backend refuses the field, so it is sent without it.
    with SandboxServer(db, api_version="1") as old, _open(old, tmp_path / "t", clock) as t:
        syncing.sync_once(t)
        assert sales.award_sale(t, ADA, "R-4004", 700, operator="Chidi").points == 7
        with pytest.raises(Refused, match="already earned 7 points"):
            sales.award_sale(t, ADA, "R-4004", 700, operator="Chidi")
        [txn] = sent_awards(old, "R-4004")
        assert txn.metadata["amount"] == 700
