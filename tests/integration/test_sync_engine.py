"""The offline-first core against the real sandbox: outages, lost answers, conflicts,
ordering, backoff, pulls. The same code must reach the backend exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.terminal_helpers import (
    FakeClock,
    backend,
    backend_redemptions_with_code,
    key,
    open_terminal,
)

from pos_app.api import TransactionType
from pos_app.domain.models import OutboxState, RedemptionStatus
from pos_app.domain.offline_policy import OfflinePolicy
from pos_app.sandbox import SandboxServer
from pos_app.services import Refused, codes, points, redeem, syncing
from pos_app.store import cache, outbox, redemptions
from pos_app.sync import Connectivity, ConnectivityChanged, QueueChanged

ADA = "cus_abc123"
REWARD = "rwd_xyz789"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "terminal"


def test_online_redemption_is_confirmed_and_on_the_backend_once(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    with open_terminal(data_dir, sandbox) as t:
        result = redeem.redeem(t, ADA, REWARD)
        assert result.status == "confirmed"
        assert result.balance_after == 300
        assert len(backend_redemptions_with_code(sandbox, result.code)) == 1
        local = redemptions.get(t.db.conn, result.code)
        assert local is not None and local.status is RedemptionStatus.CONFIRMED
        assert cache.get_customer(t.db.conn, ADA).points_balance == 300  # type: ignore[union-attr]
        assert outbox.counts(t.db.conn)["done"] == 1


def test_outage_server_stopped_redeem_then_sync_exactly_once(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)  # the terminal has its cache
        sandbox.stop()
        result = redeem.redeem(t, ADA, REWARD)
        assert result.status == "offline"
        assert result.balance_after == 300  # projected
        assert outbox.counts(t.db.conn)["pending"] == 1
        sandbox.start()
        report = syncing.sync_once(t)
        assert report.pushed == 1
        again = syncing.sync_once(t)
        assert again.pushed == 0
        found = backend_redemptions_with_code(sandbox, result.code)
        assert len(found) == 1 and found[0].points == 200
        assert redemptions.get(t.db.conn, result.code).status is RedemptionStatus.CONFIRMED  # type: ignore[union-attr]
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 300


def test_outage_connection_dropped_before_answer(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)
        sandbox.faults.update(outage=True)
        first = redeem.redeem(t, ADA, REWARD)
        second = redeem.redeem(t, ADA, REWARD)
        assert (first.status, second.status) == ("offline", "offline")
        assert second.balance_after == 100
        # A third would overdraw the projected balance: refused, nothing handed out.
        with pytest.raises(Refused) as refused:
            redeem.redeem(t, ADA, REWARD)
        assert "100 points" in refused.value.message
        sandbox.faults.update(outage=False)
        assert syncing.sync_once(t).pushed == 2
        for code in (first.code, second.code):
            assert len(backend_redemptions_with_code(sandbox, code)) == 1
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 100


def test_lost_response_is_applied_exactly_once(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)
        sandbox.faults.update(drop_response_rate=1.0)
        result = redeem.redeem(t, ADA, REWARD)
        assert result.status == "offline"  # no answer heard: the offline policy allowed it
        entry = outbox.pending(t.db.conn)[0]
        assert entry.maybe_delivered
        sandbox.faults.update(drop_response_rate=0.0)
        assert syncing.sync_once(t).pushed == 1  # the retry is replayed, not applied again
    assert len(backend_redemptions_with_code(sandbox, result.code)) == 1
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 300
        redeemed = [
            x
            for x in c.iter_all(c.list_points, customer_id=ADA, limit=100)
            if x.type is TransactionType.REDEEMED and x.metadata.get("code") == result.code
        ]
        assert len(redeemed) == 1


def test_points_spent_elsewhere_become_a_conflict_and_the_queue_goes_on(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    other = "cus_abc123"
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)
        some_gold = next(
            c
            for c in cache.find_customers(t.db.conn, "a", 100)
            if c.points_balance >= 200 and c.id != other
        )
        sandbox.faults.update(outage=True)
        spent = redeem.redeem(t, other, REWARD)
        fine = redeem.redeem(t, some_gold.id, REWARD)
        assert (spent.status, fine.status) == ("offline", "offline")
        sandbox.faults.update(outage=False)
        # Meanwhile, at another till, Ada spends 450 of her 500 points.
        with backend(sandbox) as c:
            c.redeem_points(
                customer_id=other, reward_id="rwd_off2500", points=450, idempotency_key=key()
            )
        report = syncing.sync_once(t)
        assert report.conflicts == 1 and report.pushed == 1
        conflicts = syncing.conflicts(t)
        assert [c.entry.redemption_code for c in conflicts] == [spent.code]
        assert conflicts[0].entry.last_error_code == "insufficient_balance"
        assert redemptions.get(t.db.conn, spent.code).status is RedemptionStatus.CONFLICT  # type: ignore[union-attr]
        assert syncing.status(t).conflicts == 1 and syncing.status(t).pending == 0
        # Kept, not retried forever: another sync leaves it where it is.
        assert syncing.sync_once(t).conflicts == 0
        assert len(syncing.conflicts(t)) == 1
    assert backend_redemptions_with_code(sandbox, spent.code) == []
    assert len(backend_redemptions_with_code(sandbox, fine.code)) == 1


def test_a_customers_operations_are_pushed_in_order(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        customer = points.enrol(t, "Order Tester")
        sandbox.faults.update(outage=True)
        assert points.award(t, customer.id, 300, "Purchase").status == "offline"
        # The adjustment only fits after the award: pushed out of order it would be a 402.
        from pos_app.domain.operations import Adjust
        from pos_app.store import audit

        with t.db.transaction() as conn:
            outbox.add(
                conn,
                Adjust(customer.id, -250, "Correction"),
                customer_id=customer.id,
                now=t.clock(),
                handed_out=True,
            )
            audit.append(conn, now=t.clock(), actor="test", action="adjust")
        sandbox.faults.update(outage=False)
        report = syncing.sync_once(t)
        assert (report.pushed, report.conflicts) == (2, 0)
    with backend(sandbox) as c:
        assert c.get_customer(customer.id).points_balance == 50


def test_backoff_is_honoured_unless_a_person_asks(sandbox: SandboxServer, data_dir: Path) -> None:
    clock = FakeClock()
    with open_terminal(data_dir, sandbox, clock=clock) as t:
        syncing.sync_once(t)
        sandbox.stop()
        result = redeem.redeem(t, ADA, REWARD)
        entry = outbox.pending(t.db.conn)[0]
        assert entry.attempts == 1 and entry.next_attempt_at is not None
        assert entry.next_attempt_at >= clock.now
        sandbox.start()
        clock.advance(-1)  # before the timer: the background push leaves it alone
        assert t.engine.push().pushed == 0
        assert outbox.counts(t.db.conn)["pending"] == 1
        assert t.engine.push(ignore_backoff=True).pushed == 1  # "sync now"
    assert len(backend_redemptions_with_code(sandbox, result.code)) == 1


def test_rate_limit_retry_after_is_honoured(sandbox: SandboxServer, data_dir: Path) -> None:
    clock = FakeClock()
    with open_terminal(data_dir, sandbox, clock=clock) as t:
        syncing.sync_once(t)
        sandbox.faults.update(rate_limit_rate=1.0)
        redeem.redeem(t, ADA, REWARD)
        entry = outbox.pending(t.db.conn)[0]
        assert entry.last_error_code == "rate_limited"
        assert entry.next_attempt_at is not None
        assert (entry.next_attempt_at - clock.now).total_seconds() >= 1.0


def test_abandoned_redemption_that_was_applied_is_voided_on_the_backend(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    policy = OfflinePolicy(enabled=False)
    with open_terminal(data_dir, sandbox, policy=policy) as t:
        syncing.sync_once(t)
        sandbox.faults.update(drop_response_rate=1.0)
        with pytest.raises(Refused) as refused:
            redeem.redeem(t, ADA, REWARD)
        assert "No code was issued" in refused.value.message
        code = redemptions.unshown(t.db.conn)
        assert code == []  # cancelled: nothing was handed out, nothing to recover
        sandbox.faults.update(drop_response_rate=0.0)
        syncing.sync_once(t)
        (abandoned,) = [e.redemption_code for e in outbox.pending(t.db.conn)] or [
            row["redemption_code"]
            for row in t.db.conn.execute("SELECT redemption_code FROM outbox WHERE kind = 'redeem'")
        ]
        remote = backend_redemptions_with_code(sandbox, abandoned)
        assert len(remote) == 1 and remote[0].status.value == "void"
        # Locally it was never handed out, and the backend now agrees it is void.
        local = redemptions.get(t.db.conn, abandoned)
        assert local is not None and local.status is RedemptionStatus.VOID
        assert outbox.counts(t.db.conn)["pending"] == 0
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 500  # the points came back


def test_never_sent_redemption_outside_policy_is_simply_cancelled(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    policy = OfflinePolicy(max_points_per_redemption=100)
    with open_terminal(data_dir, sandbox, policy=policy) as t:
        syncing.sync_once(t)
        sandbox.stop()
        with pytest.raises(Refused) as refused:
            redeem.redeem(t, ADA, REWARD)
        assert refused.value.code == "offline_policy:over_offline_limit"
        assert outbox.counts(t.db.conn)["cancelled"] == 1
        assert outbox.counts(t.db.conn)["pending"] == 0


def test_refusal_online_voids_locally_and_no_code_is_issued(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)
        with backend(sandbox) as c:  # spent elsewhere; this terminal's cache still says 500
            c.redeem_points(
                customer_id=ADA, reward_id="rwd_off2500", points=450, idempotency_key=key()
            )
        with pytest.raises(Refused) as refused:
            redeem.redeem(t, ADA, REWARD)
        assert refused.value.code == "insufficient_balance"
        (rejected,) = redemptions.for_customer(t.db.conn, ADA, (RedemptionStatus.REJECTED,))
        assert outbox.counts(t.db.conn)["refused"] == 1
        assert syncing.status(t, probe=False).conflicts == 0
        with pytest.raises(Refused):
            codes.verify(t, rejected.code)


def test_unshown_redemption_is_surfaced_until_shown(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        result = redeem.redeem(t, ADA, REWARD)
        # The process "crashed" before the code reached the screen:
    with open_terminal(data_dir, sandbox) as t:
        assert [r.code for r in redeem.unshown(t)] == [result.code]
        redeem.mark_shown(t, result.code)
        assert redeem.unshown(t) == []


def test_pull_fills_the_cache_and_then_only_changes(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        first = t.engine.pull()
        assert first.pulled_customers == 321
        rewards = cache.list_rewards(t.db.conn)
        # The demo's 8 fixed rewards, and pay with points (v1.1), listed after them.
        assert [r.per_point is not None for r in rewards] == [False] * 8 + [True]
        assert [x.name for x in cache.list_tiers(t.db.conn)] == ["Bronze", "Silver", "Gold"]
        with backend(sandbox) as c:
            c.award_points(customer_id=ADA, points=1, idempotency_key=key())
        with sandbox.ledger.lock:
            sandbox.ledger.clock.advance(2)
        second = t.engine.pull()
        assert 1 <= second.pulled_customers <= 3  # the changed one (plus same-second ones)
        assert cache.get_customer(t.db.conn, ADA).points_balance == 501  # type: ignore[union-attr]


def test_events_report_connectivity_and_queue(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        seen: list[object] = []
        t.bus.subscribe(seen.append)
        syncing.sync_once(t)
        sandbox.faults.update(outage=True)
        redeem.redeem(t, ADA, REWARD)
        syncing.sync_once(t)
        sandbox.faults.update(outage=False)
        syncing.sync_once(t)
        states = [e.state for e in seen if isinstance(e, ConnectivityChanged)]
        assert Connectivity.OFFLINE in states and states[-1] is Connectivity.ONLINE
        queues = [(e.pending, e.conflicts) for e in seen if isinstance(e, QueueChanged)]
        assert (1, 0) in queues and queues[-1] == (0, 0)


def test_offline_use_of_a_known_code_syncs_once(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        result = redeem.redeem(t, ADA, REWARD)
        sandbox.faults.update(outage=True)
        used = codes.use(t, result.code)
        assert used.redemption.status is RedemptionStatus.USED and used.source == "cache"
        with pytest.raises(Refused):
            codes.use(t, result.code)
        sandbox.faults.update(outage=False)
        assert syncing.sync_once(t).pushed == 1
        assert backend_redemptions_with_code(sandbox, result.code)[0].status.value == "used"


def test_outbox_rows_are_never_deleted(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        redeem.redeem(t, ADA, REWARD)
        points.award(t, ADA, 10, "x")
        counts = outbox.counts(t.db.conn)
        assert counts["done"] == 2
        assert all(
            e.state is OutboxState.DONE
            for e in [outbox.get(t.db.conn, 1), outbox.get(t.db.conn, 2)]
            if e
        )


def test_cache_age_counts_from_the_last_complete_pull(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    clock = FakeClock()
    with open_terminal(data_dir, sandbox, clock=clock) as t:
        syncing.sync_once(t)
        clock.advance(25 * 3600)  # a day without a successful pull
        sandbox.faults.update(outage=True)
        with pytest.raises(Refused) as refused:
            redeem.redeem(t, ADA, REWARD)
        assert refused.value.code == "offline_policy:cache_too_old"
        sandbox.faults.update(outage=False)
        syncing.sync_once(t)  # Ada did not change, but the pull vouches for her cache
        sandbox.faults.update(outage=True)
        assert redeem.redeem(t, ADA, REWARD).status == "offline"
