"""A full disk when a sync round writes a batch of answers down (sync/push.py
`_write_held`), against the real sandbox on a real full disk (a tiny tmpfs filled at
that moment): every operation of the batch stays pending with its key, nothing is sent
again while the answers cannot be written, and once there is room the replayed keys
record the backend's stored answers, each once, with nothing applied twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.disk_helpers import TinyDisk, full_disk
from support.terminal_helpers import backend, open_terminal

from pos_app.domain.models import OutboxEntry
from pos_app.domain.operations import Adjust, Award
from pos_app.sandbox import SandboxServer
from pos_app.services import Terminal, points, syncing
from pos_app.store import audit, outbox
from pos_app.sync import recording

CUSTOMERS = 4


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[TinyDisk]:
    with full_disk(tmp_path / "disk") as found:
        if not isinstance(found, TinyDisk):
            pytest.skip("filling the disk in this process needs a tmpfs (mount)")
        yield found


def _queue(t: Terminal) -> list[str]:
    """For a few new customers, offline: 100, 200, 300 points, then -550 (refused if sent
    before the three awards were applied)."""
    customers = [points.enrol(t, f"Full Batch {i}").id for i in range(CUSTOMERS)]
    now = t.clock()
    with t.db.transaction() as conn:
        for step in (100, 200, 300):
            for cid in customers:
                outbox.add(conn, Award(cid, step, "Purchase"), customer_id=cid, now=now)
        for cid in customers:
            outbox.add(conn, Adjust(cid, -550, "Fix"), customer_id=cid, now=now, handed_out=True)
    return customers


def _balances(sandbox: SandboxServer, customers: list[str]) -> list[int]:
    with backend(sandbox) as c:
        return [c.get_customer(cid).points_balance for cid in customers]


def test_a_full_disk_at_a_batch_write_keeps_the_batch_pending_and_replays_it_once(
    sandbox: SandboxServer, disk: TinyDisk, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = disk.path / "terminal"
    batches: list[int] = []
    write = recording.Recorder.successes

    def full_when_written(self: recording.Recorder, answers: list[tuple[OutboxEntry, Any]]) -> None:
        batches.append(len(answers))
        # The write-ahead log emptied, then every free byte taken: the batch's commit
        # must grow a file, and the disk refuses it (ENOSPC).
        self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        disk.fill()
        write(self, answers)

    with open_terminal(data_dir, sandbox) as t:
        customers = _queue(t)
        monkeypatch.setattr(recording.Recorder, "successes", full_when_written)
        report = t.engine.push(ignore_backoff=True)
        monkeypatch.undo()
        # The first pass (each lane's head) was applied by the backend...
        assert batches[0] == CUSTOMERS
        assert _balances(sandbox, customers) == [100] * CUSTOMERS
        # ...and none of it written down: all pending, with their keys, nothing refused.
        assert outbox.counts(t.db.conn)["pending"] == 4 * CUSTOMERS
        assert (report.conflicts, report.refused) == (0, 0)
        # Answers it could not write are not reported as applied, nor counted per replay.
        assert report.pushed == 0, report
        assert batches == [CUSTOMERS], batches  # no pass after the batch that failed

        disk.free()
        report = syncing.sync_once(t)
        assert (report.pushed, report.conflicts, report.refused) == (4 * CUSTOMERS, 0, 0)
        assert outbox.counts(t.db.conn)["done"] == 4 * CUSTOMERS
        done = [e for e in audit.all_entries(t.db.conn) if e.action.endswith(".done")]
        assert len(done) == 4 * CUSTOMERS  # each stored answer written down once
    assert _balances(sandbox, customers) == [50] * CUSTOMERS  # nothing applied twice
