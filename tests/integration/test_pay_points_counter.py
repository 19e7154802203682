"""Pay with points, tier progress and labelled history against the real sandbox: a
per-point reward redeemed online and offline (then synced), its discount equal to the
backend's to the unit; a number off the step refused here, with nothing sent; the
command line's one-line errors; the history's labels and filter."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from support.terminal_helpers import backend, key, open_terminal

from pos_app.api import AwardType
from pos_app.cli import main
from pos_app.domain.models import RedemptionStatus
from pos_app.domain.offline_policy import OfflinePolicy
from pos_app.sandbox import SandboxServer
from pos_app.services import (
    BadInput,
    Refused,
    history,
    lookup,
    pay_points,
    points,
    redeem,
    syncing,
)
from pos_app.store import audit, cache, outbox, redemptions

ADA = "cus_abc123"  # the seed's customer: 500 points, 1,200 lifetime, Silver
POINTS = "rwd_points"  # the demo's pay with points: NGN 5 a point, 100 to 10,000 in 10s


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "terminal"


RULE = {"discount_per_point": 5, "min_points": 100, "max_points": 10000, "step": 10}


def _offers_pay_with_points(sandbox: SandboxServer) -> None:
    """The demo catalogue's rwd_points (API.md v1.1); added as the demo has it where this
    sandbox's demo data predates it."""
    with backend(sandbox) as c:
        if any(r.id == POINTS for r in c.iter_all(c.list_rewards)):
            return
    ledger = sandbox.ledger
    with ledger.lock, ledger.transaction():
        ledger.rewards.add(POINTS, "Pay with points", 0, 0, per_point=RULE)


def _backend_redemption(sandbox: SandboxServer, code: str) -> Any:
    with backend(sandbox) as c:
        found = [r for r in c.iter_all(c.list_redemptions) if r.code == code]
    assert len(found) == 1
    return found[0]


def test_online_the_discount_is_the_backends_to_the_unit(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    _offers_pay_with_points(sandbox)
    with open_terminal(data_dir, sandbox) as t:
        result = redeem.redeem(t, ADA, POINTS, 250)
        assert (result.status, result.points, result.discount_amount) == ("confirmed", 250, 1250)
        assert result.balance_after == 250
        remote = _backend_redemption(sandbox, result.code)
        assert (remote.points, remote.discount_amount) == (250, 1250)
        assert not [e for e in audit.all_entries(t.db.conn) if "discount_differs" in e.action]


def test_offline_then_synced_the_discount_matches(sandbox: SandboxServer, data_dir: Path) -> None:
    _offers_pay_with_points(sandbox)
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)  # the catalogue (with the rule) and the customer are cached
        sandbox.stop()
        result = redeem.redeem(t, ADA, POINTS, amount=640)  # 128 points, down to 120
        assert (result.status, result.points, result.discount_amount) == ("offline", 120, 600)
        assert result.balance_after == 380
        sandbox.start()
        assert syncing.sync_once(t).pushed == 1
        remote = _backend_redemption(sandbox, result.code)
        assert (remote.points, remote.discount_amount) == (120, 600)
        local = redemptions.get(t.db.conn, result.code)
        assert local is not None and local.status is RedemptionStatus.CONFIRMED
        assert local.discount_amount == remote.discount_amount
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 380


def test_offline_the_policy_judges_the_points_spent(sandbox: SandboxServer, data_dir: Path) -> None:
    _offers_pay_with_points(sandbox)
    policy = OfflinePolicy(max_points_per_redemption=200)
    with open_terminal(data_dir, sandbox, policy=policy) as t:
        syncing.sync_once(t)
        sandbox.stop()
        with pytest.raises(Refused) as refused:
            redeem.redeem(t, ADA, POINTS, 300)
        assert refused.value.code == "offline_policy:over_offline_limit"
        result = redeem.redeem(t, ADA, POINTS, 200)
        assert (result.status, result.discount_amount, result.balance_after) == (
            "offline",
            1000,
            300,
        )


def test_off_step_and_out_of_range_are_refused_here_with_nothing_sent(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    _offers_pay_with_points(sandbox)
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)
        sandbox.stop()  # nothing can be sent: a refusal here is the terminal's own
        for points, why in ((255, "off_step"), (90, "below_min"), (10_010, "above_max")):
            with pytest.raises(BadInput) as bad:
                redeem.redeem(t, ADA, POINTS, points)
            assert bad.value.code == why
        with pytest.raises(BadInput):
            redeem.redeem(t, ADA, POINTS)  # neither points nor an amount
        with pytest.raises(BadInput):
            redeem.redeem(t, ADA, "rwd_xyz789", amount=500)  # a fixed reward takes no amount
        assert sum(outbox.counts(t.db.conn).values()) == 0


def _cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line(
    sandbox: SandboxServer,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _offers_pay_with_points(sandbox)
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    for args in (["--points", "255"], ["--points", "ten"], ["--points", "20000"], []):
        code, out, err = _cli(capsys, data_dir, "redeem", "--customer", ADA, "--reward", POINTS,
                              *args)  # fmt: skip
        assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 500  # nothing changed
    code, out, err = _cli(
        capsys, data_dir, "--json", "redeem", "--customer", ADA, "--reward", POINTS,
        "--amount", "1234",
    )  # fmt: skip
    assert code == 0, err
    answer = json.loads(out)
    assert (answer["points"], answer["discount_amount"], answer["balance_after"]) == (
        240,
        1200,
        260,
    )


def test_history_labels_and_filter(sandbox: SandboxServer, data_dir: Path) -> None:
    with backend(sandbox) as c:
        c.award_points(
            customer_id=ADA,
            points=40,
            reason="Purchase",
            metadata={"order_id": "order_777", "amount": 4000},
            idempotency_key=key(),
        )
        c.award_points(customer_id=ADA, points=15, reason="Welcome", type=AwardType.BONUS,
                       idempotency_key=key())  # fmt: skip
    with open_terminal(data_dir, sandbox) as t:
        lines = history.history(t, ADA, 10).lines
        assert [(line.label.value, line.order_id) for line in lines[:2]] == [
            ("bonus", None),
            ("sale", "order_777"),
        ]
        sales = history.history(t, ADA, 10, only="sale").lines
        assert sales and all(line.label.value == "sale" for line in sales)
        assert sales[0].label_text == "sale order_777"
        sandbox.stop()  # offline: the labels were kept with the cached history
        cached = history.history(t, ADA, 10, only="bonus").lines
        assert [line.points for line in cached][:1] == [15]
        with pytest.raises(BadInput):
            history.history(t, ADA, 10, only="gift")


def test_tier_progress_from_the_cached_tiers(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)
        view = lookup.show(t, ADA)
        progress = lookup.tier_progress(t, view)
        tiers = sorted(cache.list_tiers(t.db.conn), key=lambda tier: tier.min_points)
        above = [tier for tier in tiers if tier.min_points > view.customer.lifetime_points]
        if above:
            want = above[0].min_points - view.customer.lifetime_points
            assert progress.tier.points_to_next == want
            assert progress.tier.text == f"{want:,} points to {above[0].name}"


def test_the_screen_quote_snaps_and_shows_both(sandbox: SandboxServer, data_dir: Path) -> None:
    _offers_pay_with_points(sandbox)
    with open_terminal(data_dir, sandbox, policy=OfflinePolicy(max_points_per_redemption=300)) as t:
        syncing.sync_once(t)
        reward = cache.get_reward(t.db.conn, POINTS)
        assert reward is not None
        typed = pay_points.quote(t, ADA, reward, points=257)
        assert (typed.points, typed.discount_text, typed.balance_after) == (250, "₦1,250", 250)
        assert typed.snapped and typed.rate == "₦5 a point"
        covered = pay_points.quote(t, ADA, reward, amount=5000)  # ₦5,000: 1,000 points
        assert (covered.points, covered.balance_after) == (500, 0)  # the whole balance
        offline = pay_points.quote(t, ADA, reward, amount=5000, offline=True)
        assert offline.points == 300  # the offline policy's limit
        small = pay_points.quote(t, ADA, reward, amount=100)
        assert small.points == 0 and "smallest payment" in small.problem


def test_customer_show_and_history_on_the_command_line(
    sandbox: SandboxServer,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    code, out, err = _cli(capsys, data_dir, "customer", "show", ADA)
    assert code == 0, err
    assert "lifetime: " in out and (" to " in out or "top tier" in out), out
    code, out, err = _cli(capsys, data_dir, "--json", "customer", "show", ADA)
    progress = json.loads(out)["tier_progress"]
    assert progress["text"] and progress["lifetime_points"] >= 0
    code, out, err = _cli(capsys, data_dir, "history", "--customer", ADA, "--type", "gift")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, out, err = _cli(capsys, data_dir, "--json", "history", "--customer", ADA, "--type",
                          "redemption")  # fmt: skip
    assert code == 0, err
    assert all(line["label"] == "redemption" for line in json.loads(out)["data"])


def test_a_v1_backend_offers_no_pay_with_points(
    tmp_path: Path, seeded_template: Path, data_dir: Path
) -> None:
    db = tmp_path / "v1.db"
    shutil.copy(seeded_template, db)
    with SandboxServer(db, api_version="1") as v1, open_terminal(data_dir, v1) as t:
        syncing.sync_once(t)
        rewards = cache.list_rewards(t.db.conn, active_only=False)
        assert rewards and all(r.per_point is None for r in rewards)
        assert POINTS not in {r.id for r in rewards}
        with pytest.raises(Refused):
            redeem.redeem(t, ADA, POINTS, 100)
        assert redeem.redeem(t, ADA, "rwd_xyz789").status == "confirmed"  # v1 as ever


def test_lines_waiting_to_sync_are_labelled_too(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)
        sandbox.stop()
        points.award(t, ADA, 20, "Welcome", bonus=True)
        points.award(t, ADA, 30, "Purchase", metadata={"order_id": "order_9"})
        waiting = [line for line in history.history(t, ADA, 10).lines if not line.synced]
        assert {(line.label.value, line.order_id) for line in waiting} == {
            ("sale", "order_9"),
            ("bonus", None),
        }
