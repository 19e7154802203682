"""Redemptions cancelled at the counter (the offline policy said no, or the cashier gave
up): only what the backend may have applied is followed up, by asking, never by sending
it again; what it applied is voided exactly once (ISSUE8 #5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.terminal_helpers import (
    FakeClock,
    backend,
    backend_redemptions_with_code,
    open_terminal,
)

from pos_app.api import TransactionType
from pos_app.domain.models import OutboxState, RedemptionStatus
from pos_app.domain.offline_policy import OfflinePolicy
from pos_app.sandbox import SandboxServer
from pos_app.services import Refused, redeem, syncing
from pos_app.store import outbox, redemptions
from pos_app.sync.abandoned import ABANDON_GRACE

ADA = "cus_abc123"
REWARD = "rwd_xyz789"
NO_OFFLINE = OfflinePolicy(enabled=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "terminal"


def history_for(sandbox: SandboxServer, code: str, redemption_ids: set[str]) -> list[Any]:
    """Ada's backend history lines about this redemption: its redeem and any void."""
    with backend(sandbox) as c:
        return [
            x
            for x in c.iter_all(c.list_points, customer_id=ADA, limit=100)
            if x.metadata.get("code") == code
            or x.metadata.get("voided_redemption") in redemption_ids
            or (x.redemption_id is not None and x.redemption_id in redemption_ids)
        ]


def cancelled_at_the_counter(t: Any) -> str:
    with pytest.raises(Refused) as refused:
        redeem.redeem(t, ADA, REWARD)
    assert "No code was issued" in refused.value.message
    (red,) = redemptions.for_customer(t.db.conn, ADA, (RedemptionStatus.CANCELLED,))
    return red.code


def assert_never_applied_nor_voided(sandbox: SandboxServer, code: str) -> None:
    assert backend_redemptions_with_code(sandbox, code) == []
    assert history_for(sandbox, code, set()) == []
    with backend(sandbox) as c:
        voids = [
            x
            for x in c.iter_all(c.list_points, customer_id=ADA, limit=100)
            if x.type is TransactionType.ADJUSTED
        ]
        assert voids == []


@pytest.mark.parametrize("fault", ["error_rate", "rate_limit_rate"])
def test_a_503_or_429_at_the_counter_is_cancelled_for_good_and_never_sent(
    sandbox: SandboxServer, data_dir: Path, fault: str
) -> None:
    """503 `unavailable` and 429 certainly applied nothing: cancel, nothing sent, ever."""
    with open_terminal(data_dir, sandbox, policy=NO_OFFLINE) as t:
        syncing.sync_once(t)
        sandbox.faults.update(**{fault: 1.0})
        code = cancelled_at_the_counter(t)
        sandbox.faults.update(**{fault: 0.0})
        for _ in range(3):
            syncing.sync_once(t)
        assert_never_applied_nor_voided(sandbox, code)
        assert outbox.counts(t.db.conn)["pending"] == 0
        assert outbox.counts(t.db.conn)["cancelled"] == 1
        local = redemptions.get(t.db.conn, code)
        assert local is not None and local.status is RedemptionStatus.CANCELLED
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 500


@pytest.mark.parametrize("how", ["stopped", "connection_closed"])
def test_a_refused_connection_is_never_applied_nor_voided(
    sandbox: SandboxServer, data_dir: Path, how: str
) -> None:
    """The backend stopped (connection refused: certainly not applied), or it closed the
    connection without applying anything (the terminal cannot tell that from a lost
    answer, so it asks): either way the redemption is never applied on the backend
    later, and so never voided; it is cancelled for good after the grace period."""
    clock = FakeClock()
    with open_terminal(data_dir, sandbox, policy=NO_OFFLINE, clock=clock) as t:
        syncing.sync_once(t)
        assert redeem.redeem(t, ADA, REWARD).status == "confirmed"  # a warm connection
        if how == "stopped":
            sandbox.stop()
        else:
            sandbox.faults.update(outage=True)
        code = cancelled_at_the_counter(t)
        if how == "stopped":
            sandbox.start()
        else:
            sandbox.faults.update(outage=False)
        syncing.sync_once(t)
        clock.advance(ABANDON_GRACE.total_seconds() + 1)
        syncing.sync_once(t)
        syncing.sync_once(t)
        entries = [e for e in outbox_rows(t) if e.redemption_code == code]
        assert [e.state for e in entries] == [OutboxState.CANCELLED]
    assert_never_applied_nor_voided(sandbox, code)
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 300  # only the confirmed one


def outbox_rows(t: Any) -> list[Any]:
    ids = [row[0] for row in t.db.conn.execute("SELECT id FROM outbox ORDER BY id")]
    return [outbox.get(t.db.conn, i) for i in ids]


def test_applied_with_its_answer_lost_is_voided_exactly_once(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    """drop_response_rate=1: applied, answer lost, cancelled at the counter. The engine
    learns its fate with a GET (never a second redeem) and voids it once."""
    with open_terminal(data_dir, sandbox, policy=NO_OFFLINE) as t:
        syncing.sync_once(t)
        sandbox.faults.update(drop_response_rate=1.0)
        code = cancelled_at_the_counter(t)
        sandbox.faults.update(drop_response_rate=0.0)
        for _ in range(3):
            syncing.sync_once(t)
        local = redemptions.get(t.db.conn, code)
        assert local is not None and local.status is RedemptionStatus.VOID
        voids = [e for e in outbox_rows(t) if e.kind.value == "void"]
        assert [(e.redemption_code, e.state) for e in voids] == [(code, OutboxState.DONE)]
        assert "expiry" in voids[0].payload["reason"]  # says why expiry dates are not kept
        assert outbox.counts(t.db.conn)["pending"] == 0
    (remote,) = backend_redemptions_with_code(sandbox, code)
    assert remote.status.value == "void"
    lines = history_for(sandbox, code, {remote.id})
    kinds = sorted(x.type.value for x in lines)
    assert kinds == ["adjusted", "redeemed"], lines  # one redeem, one void: no more
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 500


def test_an_abandoned_redemption_does_not_hold_up_the_customers_next_one(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    """Its fate is asked about, not re-sent, so the customer's next redemption at the
    counter is not stuck behind it (and goes online)."""
    with open_terminal(data_dir, sandbox, policy=NO_OFFLINE) as t:
        syncing.sync_once(t)
        sandbox.faults.update(drop_response_rate=1.0)
        first = cancelled_at_the_counter(t)
        sandbox.faults.update(drop_response_rate=0.0)
        second = redeem.redeem(t, ADA, REWARD)
        assert second.status == "confirmed"
        syncing.sync_once(t)
        syncing.sync_once(t)
    assert backend_redemptions_with_code(sandbox, first)[0].status.value == "void"
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 300


def test_applied_after_it_was_cancelled_for_good_is_voided_by_the_pull(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    """The safety net: a request the backend applies after the grace period (held in a
    proxy, say) comes back in the delta pull of redemptions and is voided there, once."""
    clock = FakeClock()
    with open_terminal(data_dir, sandbox, policy=NO_OFFLINE, clock=clock) as t:
        syncing.sync_once(t)
        sandbox.faults.update(outage=True)  # sent, no answer: may have been applied
        code = cancelled_at_the_counter(t)
        (entry,) = [e for e in outbox_rows(t) if e.redemption_code == code]
        assert entry.maybe_delivered
        sandbox.faults.update(outage=False)
        clock.advance(ABANDON_GRACE.total_seconds() + 1)
        syncing.sync_once(t)
        assert outbox.get(t.db.conn, entry.id).state is OutboxState.CANCELLED  # type: ignore[union-attr]
        assert backend_redemptions_with_code(sandbox, code) == []
        # ...and then the held request reaches the backend after all.
        with backend(sandbox) as c:
            c.redeem_points(
                customer_id=ADA,
                reward_id=REWARD,
                points=200,
                code=code,
                idempotency_key=entry.idempotency_key,
            )
        with sandbox.ledger.lock:
            sandbox.ledger.clock.advance(2)
        syncing.sync_once(t)  # the pull finds it and queues the void
        syncing.sync_once(t)  # which is pushed
        syncing.sync_once(t)
        voids = [e for e in outbox_rows(t) if e.kind.value == "void"]
        assert [(e.redemption_code, e.state) for e in voids] == [(code, OutboxState.DONE)]
    (remote,) = backend_redemptions_with_code(sandbox, code)
    assert remote.status.value == "void"
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 500
