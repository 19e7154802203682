"""The promise under a bad network: with random 503s and answers lost after the backend
applied the request, a run of redemptions and awards ends, once the network is back and
the queue is synced, with every handed-out code on the backend exactly once, nothing
applied that the counter did not hand out, and the balance right to the point."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from support.terminal_helpers import backend, key, open_terminal

from pos_app.domain.models import RedemptionStatus
from pos_app.sandbox import SandboxServer
from pos_app.services import BackendUnavailable, Refused, points, redeem, syncing
from pos_app.store import outbox

HANDED_OUT = {RedemptionStatus.CONFIRMED, RedemptionStatus.OFFLINE, RedemptionStatus.USED}


@pytest.mark.parametrize("seed", [7, 2026, 31337, 424242])
def test_exactly_once_under_random_faults(
    sandbox: SandboxServer, tmp_path: Path, seed: int
) -> None:
    print(f"seed {seed}")
    rng = random.Random(seed)
    with backend(sandbox) as c:
        customer = c.create_customer(name="Chaos Tester", idempotency_key=key()).id
        c.award_points(customer_id=customer, points=100_000, idempotency_key=key())
    with open_terminal(tmp_path / "till", sandbox, online_wait_seconds=1.0) as t:
        syncing.sync_once(t)
        sandbox.faults.seed(seed)
        sandbox.faults.update(error_rate=0.3, drop_response_rate=0.3)
        awarded = 0
        for _ in range(30):
            try:
                if rng.random() < 0.7:
                    redeem.redeem(t, customer, "rwd_xyz789")
                else:
                    points.award(t, customer, 10, "Visit")
                    awarded += 10
            except (Refused, BackendUnavailable):
                pass  # refused or outside the offline policy: no code was handed out
        sandbox.faults.update(error_rate=0.0, drop_response_rate=0.0)
        for _ in range(5):
            syncing.sync_once(t)
            if outbox.counts(t.db.conn)["pending"] == 0:
                break
        assert outbox.counts(t.db.conn)["pending"] == 0, f"seed {seed}"
        local = {
            row["code"]: RedemptionStatus(row["status"])
            for row in t.db.conn.execute(
                "SELECT code, status FROM redemptions WHERE origin = 'local'"
            )
        }
        handed_out = {code for code, status in local.items() if status in HANDED_OUT}
    with backend(sandbox) as c:
        remote = [r for r in c.iter_all(c.list_redemptions, limit=100) if r.customer_id == customer]
        balance = c.get_customer(customer).points_balance
    live = [r.code for r in remote if r.status.value != "void"]
    assert sorted(live) == sorted(handed_out), f"seed {seed}"
    assert len(live) == len(set(live))
    assert balance == 100_000 - 200 * len(handed_out) + awarded, f"seed {seed}"
