"""`sync --once` "tries every pending operation now" (README): it goes on past a lost
answer, tries that operation again within the same call, and is bounded by a wall-clock
deadline (ISSUE8 #7)."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest
from support.terminal_helpers import backend, open_terminal, run_pos_app

from pos_app.api import TransactionType
from pos_app.sandbox import SandboxServer
from pos_app.services import points, syncing
from pos_app.store import outbox

AWARDS = 100
FAULT_SEED = 20261126


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "terminal"


def queue_awards(data_dir: Path, sandbox: SandboxServer, count: int) -> str:
    """`count` offline awards for one new customer (one lane: strictly in order)."""
    with open_terminal(data_dir, sandbox) as t:
        customer = points.enrol(t, "Queue Tester").id
        syncing.sync_once(t)
        sandbox.faults.update(outage=True)
        for i in range(count):
            assert points.award(t, customer, 1 + i % 7, f"Purchase {i}").status == "offline"
        sandbox.faults.update(outage=False)
        assert outbox.counts(t.db.conn)["pending"] == count
    return customer


def test_one_sync_once_pushes_100_awards_through_20_percent_lost_answers(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    customer = queue_awards(data_dir, sandbox, AWARDS)
    sandbox.faults.seed(FAULT_SEED)
    sandbox.faults.update(drop_response_rate=0.2)
    result = run_pos_app(data_dir, sandbox.url, sandbox.api_key, "--json", "sync", "--once")
    sandbox.faults.update(drop_response_rate=0.0)
    assert result.returncode == 0, result
    report = json.loads(result.stdout)
    assert (report["pushed"], report["pending"], report["conflicts"]) == (AWARDS, 0, 0), report
    with backend(sandbox) as c:
        lines = [
            x
            for x in c.iter_all(c.list_points, customer_id=customer, limit=100)
            if x.type is TransactionType.EARNED
        ]
        applied = Counter(x.reason for x in lines)
        assert applied == Counter(f"Purchase {i}" for i in range(AWARDS))  # each exactly once
        expected = sum(1 + i % 7 for i in range(AWARDS))
        assert c.get_customer(customer).points_balance == expected


def test_sync_once_is_bounded_by_its_deadline_and_reports_what_is_left(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    queue_awards(data_dir, sandbox, 30)
    sandbox.faults.update(latency_ms=200)  # each award takes 200 ms on the backend
    with open_terminal(data_dir, sandbox) as t:
        started = time.monotonic()
        report = syncing.sync_once(t, budget=1.0)
        took = time.monotonic() - started
        sandbox.faults.update(latency_ms=0)
        left = outbox.counts(t.db.conn)["pending"]
        assert 0 < report.pushed < 30 and report.pushed + left == 30
        assert took < 3.0  # the budget and one call in flight; the pull waits its turn
        assert "Out of time" in report.errors[-1]
        assert syncing.sync_once(t).pushed == left


def test_a_backend_failing_everything_is_not_hammered(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    """503 on every request: a few tries per operation and a pass without progress end
    the call; nothing becomes a conflict, everything stays pending."""
    queue_awards(data_dir, sandbox, 10)
    sandbox.faults.update(error_rate=1.0)
    with open_terminal(data_dir, sandbox) as t:
        before = outbox.pending(t.db.conn)[0].attempts
        report = syncing.sync_once(t)
        sandbox.faults.update(error_rate=0.0)
        after = outbox.pending(t.db.conn)[0].attempts
        assert report.pushed == 0 and report.conflicts == 0
        assert outbox.counts(t.db.conn)["pending"] == 10
        assert 2 <= after - before <= 5  # tried again within the call, but only a few times


def test_a_backend_that_cannot_be_reached_ends_the_round_at_once(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    """Connection refused: every other request would fail the same way, so one try."""
    queue_awards(data_dir, sandbox, 5)
    sandbox.stop()
    with open_terminal(data_dir, sandbox) as t:
        before = [e.attempts for e in outbox.pending(t.db.conn)]
        report = syncing.sync_once(t)
        after = [e.attempts for e in outbox.pending(t.db.conn)]
    assert not report.reached_backend and report.pushed == 0
    assert [b - a for a, b in zip(before, after, strict=True)] == [1, 0, 0, 0, 0]
