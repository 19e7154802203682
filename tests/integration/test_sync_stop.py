"""Closing the terminal ends the sync promptly and safely (issue 14): a stop during a pull
ends it after the page in hand, committed with its cursor, and the next pull resumes
there; a stop during a push ends the round after the operation in hand, recorded with its
answer; a worker stopped before it started builds nothing and is not waited for."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from support.terminal_helpers import open_terminal

from pos_app.api import LoyaltyClient
from pos_app.domain.models import OutboxState
from pos_app.sandbox import SandboxServer
from pos_app.services import Terminal, redeem
from pos_app.store import cache, outbox
from pos_app.sync import pull
from pos_app.ui.bridge import SyncBridge, SyncWorker

REWARD = "rwd_xyz789"


def test_a_stop_during_a_pull_ends_it_after_the_page_in_hand(
    sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pull, "PULL_PAGE", 2)  # several pages from the demo's customers
    data_dir = tmp_path / "terminal"
    with open_terminal(data_dir, sandbox) as t:
        stop = threading.Event()
        asked: list[str | None] = []
        real = t.client.list_customers

        def list_customers(**kwargs: Any) -> Any:
            asked.append(kwargs.get("cursor"))
            page = real(**kwargs)
            stop.set()  # the window closes while this page is on its way
            return page

        monkeypatch.setattr(t.client, "list_customers", list_customers)
        t.engine.run_forever(stop, pull_every=0)
        assert asked == [None]  # no second page was asked for
        assert cache.count_customers(t.db.conn) == 2  # the page in hand was kept
        assert cache.get_cursor(t.db.conn, "customers") is not None  # ... with its cursor

    with open_terminal(data_dir, sandbox) as t:
        t.engine.pull()  # the next start goes on from there, to the end
        everyone = LoyaltyClient(sandbox.url, sandbox.api_key)
        try:
            total = sum(1 for _ in everyone.iter_all(everyone.list_customers))
        finally:
            everyone.close()
        assert cache.count_customers(t.db.conn) == total > 2


def test_a_stop_during_a_push_ends_the_round_after_the_operation_in_hand(
    sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "terminal"
    with open_terminal(data_dir, sandbox) as t:
        t.engine.sync_once()  # the cache: customers and rewards
        rich = [c for c in cache.recent_customers(t.db.conn, 100) if c.points_balance >= 1_000]
        ids = [c.id for c in rich[:3]]
        assert len(ids) == 3
        sandbox.faults.update(outage=True)
        for customer_id in ids:  # three offline redemptions, one per customer
            redeem.redeem(t, customer_id, REWARD, operator="test")
        sandbox.faults.update(outage=False)
        assert outbox.counts(t.db.conn)["pending"] == 3

        stop = threading.Event()
        real = t.engine._pusher.push_entry
        sent: list[int] = []

        def push_entry(entry: Any, client: Any = None, held: Any = None) -> Any:
            sent.append(entry.id)
            outcome = real(entry, client, held)
            stop.set()  # the window closes while this operation is on its way
            return outcome

        monkeypatch.setattr(t.engine._pusher, "push_entry", push_entry)
        t.engine.run_forever(stop, pull_every=3600)
        assert len(sent) == 1  # the round ended after the operation in hand
        counts = outbox.counts(t.db.conn)
        assert counts[OutboxState.PENDING] == 2  # the rest wait, nothing half-done
        assert counts[OutboxState.DONE] == 1


def test_a_worker_stopped_before_it_started_builds_nothing(tmp_path: Path) -> None:
    made: list[Terminal] = []

    def make() -> Terminal:  # pragma: no cover - must not be called
        raise AssertionError("a terminal was made")

    worker = SyncWorker(make, SyncBridge())
    worker.wake()  # nothing to wake: no engine is built here to be woken
    worker.stop(timeout=600)  # returns at once: there is no thread to wait for
    worker.start()  # too late: a stopped worker stays stopped
    assert made == []
