"""Pushing one customer's lane at the counter reads that lane, not the whole queue (issue
14): an offline redemption after a long outage costs what it costs on an empty queue."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pos_app.config import Config
from pos_app.domain.models import OutboxState
from pos_app.domain.operations import Award
from pos_app.services import Terminal
from pos_app.store import outbox

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
OFFLINE = "http://127.0.0.1:1"  # nothing listens: every request fails before it is sent


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    config = Config(data_dir=tmp_path, backend_url=OFFLINE, terminal_id="till-1")
    with Terminal(config, api_key="k" * 32, clock=lambda: NOW) as t:
        yield t


def queue(t: Terminal, customer_id: str, count: int = 1) -> list[int]:
    with t.db.transaction() as conn:
        return [
            outbox.add(
                conn, Award(customer_id=customer_id, points=5), customer_id=customer_id, now=NOW
            )
            for _ in range(count)
        ]


def fill_queue(t: Terminal, count: int) -> None:
    with t.db.transaction() as conn:
        for i in range(count):
            cid = f"cus_other{i % 50}"
            outbox.add(conn, Award(customer_id=cid, points=5), customer_id=cid, now=NOW)


def reads(conn: sqlite3.Connection, action: Callable[[], object]) -> list[str]:
    """The SELECTs `action` runs on `conn`, with their values filled in."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        action()
    finally:
        conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith("SELECT") and "outbox" in s]


def plans(conn: sqlite3.Connection, statements: list[str]) -> list[str]:
    return [row[3] for sql in statements for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]


def attempts(t: Terminal, entry_id: int) -> int:
    entry = outbox.get(t.db.conn, entry_id)
    assert entry is not None
    return entry.attempts


def test_an_offline_push_reads_the_same_statements_whatever_the_queue(terminal: Terminal) -> None:
    t = terminal
    (first,) = queue(t, "cus_a")
    short = reads(t.db.conn, lambda: t.engine.push_lane("cus_a", first, t.counter_client))
    fill_queue(t, 400)
    (second,) = queue(t, "cus_b")
    long = reads(t.db.conn, lambda: t.engine.push_lane("cus_b", second, t.counter_client))
    assert len(long) == len(short)
    assert not [p for p in plans(t.db.conn, long) if p.startswith("SCAN")]
    assert any("outbox_lane" in p for p in plans(t.db.conn, long))


def test_the_lane_is_pushed_oldest_first_and_stops_at_the_first_that_waits(
    terminal: Terminal,
) -> None:
    t = terminal
    fill_queue(t, 100)
    older = queue(t, "cus_a", 2)
    fill_queue(t, 100)
    (target,) = queue(t, "cus_a")
    assert t.engine.push_lane("cus_a", target, t.counter_client) is None
    # Offline: the oldest of the lane was tried and is still pending; nothing after it.
    assert [attempts(t, i) for i in (*older, target)] == [1, 0, 0]
    others = t.db.conn.execute(
        "SELECT count(*) FROM outbox WHERE customer_id != 'cus_a' AND attempts > 0"
    ).fetchone()[0]
    assert others == 0


def test_abandoned_and_other_lanes_are_skipped_and_the_target_is_tried(terminal: Terminal) -> None:
    t = terminal
    (gone,) = queue(t, "cus_a")
    with t.db.transaction() as conn:
        outbox.mark_abandoned(conn, gone, NOW)
    (other,) = queue(t, "cus_b")
    (target,) = queue(t, "cus_a")
    outcome = t.engine.push_lane("cus_a", target, t.counter_client)
    assert outcome is not None and outcome.state is OutboxState.PENDING
    assert [attempts(t, i) for i in (gone, other, target)] == [0, 0, 1]


def test_a_target_no_longer_pending_is_not_pushed(terminal: Terminal) -> None:
    t = terminal
    (target,) = queue(t, "cus_a")
    with t.db.transaction() as conn:
        outbox.finish(conn, target, OutboxState.DONE, now=NOW)
    assert t.engine.push_lane("cus_a", target, t.counter_client) is None
    assert attempts(t, target) == 0
