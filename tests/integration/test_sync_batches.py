"""A sync round writes applied operations down in batches (push.py): one durable commit
for many answers. Against the real sandbox: each customer's order holds, a crash between
a batch's requests and its commit replays every key without applying anything twice,
and a round of many answers makes few commits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.terminal_helpers import FAIL_KEYRING, backend, open_terminal

from pos_app.domain.operations import Adjust, Award
from pos_app.sandbox import SandboxServer
from pos_app.services import Terminal, points, syncing
from pos_app.store import audit, cache, outbox

CUSTOMERS = 4
ADA = "cus_abc123"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "terminal"


def _queue_awards_then_a_correction(t: Terminal) -> list[str]:
    """For each of a few new customers, offline: 100, 200, 300 points, then -550, which
    only fits after all three (pushed out of order it would be refused)."""
    customers = [points.enrol(t, f"Batch Tester {i}").id for i in range(CUSTOMERS)]
    now = t.clock()
    with t.db.transaction() as conn:
        for step in (100, 200, 300):  # the lanes interleaved, as an outage leaves them
            for cid in customers:
                outbox.add(conn, Award(cid, step, "Purchase"), customer_id=cid, now=now)
        for cid in customers:
            outbox.add(
                conn, Adjust(cid, -550, "Correction"), customer_id=cid, now=now, handed_out=True
            )
    return customers


def _balances(sandbox: SandboxServer, customers: list[str]) -> list[int]:
    with backend(sandbox) as c:
        return [c.get_customer(cid).points_balance for cid in customers]


def test_a_batched_round_keeps_each_customers_order(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        customers = _queue_awards_then_a_correction(t)
        report = syncing.sync_once(t)
        assert (report.pushed, report.conflicts, report.refused) == (4 * CUSTOMERS, 0, 0)
        assert outbox.counts(t.db.conn)["pending"] == 0
        assert outbox.conflicts(t.db.conn) == []
    assert _balances(sandbox, customers) == [50] * CUSTOMERS


def test_a_round_writes_many_answers_in_few_commits(sandbox: SandboxServer, data_dir: Path) -> None:
    with open_terminal(data_dir, sandbox) as t:
        customers = _queue_awards_then_a_correction(t)
        commits: list[str] = []
        t.db.conn.set_trace_callback(
            lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None
        )
        try:
            report = t.engine.push(ignore_backoff=True)
        finally:
            t.db.conn.set_trace_callback(None)
        assert report.pushed == 4 * CUSTOMERS
        # Four passes (one per operation of each lane), each written down in one commit;
        # one commit per answer would be 16.
        assert len(commits) <= 4
    assert _balances(sandbox, customers) == [50] * CUSTOMERS


_CRASH_BEFORE_THE_COMMIT = """
import os, sys
from pathlib import Path
from pos_app.config import Config
from pos_app.services import Terminal
from pos_app.sync import recording

def killed(self, answers):  # the moment between a batch's requests and its commit
    print(len(answers), flush=True)
    os._exit(9)

recording.Recorder.successes = killed
config = Config(data_dir=Path(sys.argv[1]), backend_url=sys.argv[2], terminal_id=None)
with Terminal(config, api_key=os.environ["LOYALPRO_API_KEY"]) as t:
    t.engine.push(ignore_backoff=True)
"""


def test_a_crash_between_a_batchs_requests_and_its_commit_replays_without_doubles(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    with open_terminal(data_dir, sandbox) as t:
        customers = _queue_awards_then_a_correction(t)
    env = {
        **os.environ,
        "LOYALPRO_API_KEY": sandbox.api_key,
        "PYTHON_KEYRING_BACKEND": FAIL_KEYRING,
    }
    env.pop("POS_APP_BACKEND_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", _CRASH_BEFORE_THE_COMMIT, str(data_dir), sandbox.url],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 9, done.stderr
    assert done.stdout.split() == [str(CUSTOMERS)]  # the first pass: each lane's head
    # The backend applied the first pass; the terminal wrote none of it down.
    assert _balances(sandbox, customers) == [100] * CUSTOMERS
    with open_terminal(data_dir, sandbox) as t:
        assert outbox.counts(t.db.conn)["pending"] == 4 * CUSTOMERS
        report = syncing.sync_once(t)
        # The replayed keys are reported as applied once, with the rest of the queue.
        assert (report.pushed, report.conflicts, report.refused) == (4 * CUSTOMERS, 0, 0)
        assert outbox.counts(t.db.conn)["done"] == 4 * CUSTOMERS
        recorded = [e for e in audit.all_entries(t.db.conn) if e.action.endswith(".done")]
        assert len(recorded) == 4 * CUSTOMERS  # each answer written down once
    assert _balances(sandbox, customers) == [50] * CUSTOMERS  # nothing applied twice


def test_a_first_pull_writes_each_customer_once_and_deletes_nothing(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    """Into an empty cache, the pages (read ahead) are written in bulk: no word of a
    customer the cache did not hold is deleted, every customer is there with its words."""
    with open_terminal(data_dir, sandbox) as t:
        statements: list[str] = []
        t.db.conn.set_trace_callback(statements.append)
        try:
            report = t.engine.pull()
        finally:
            t.db.conn.set_trace_callback(None)
        assert report.pulled_customers == 321  # the demo's customers: four pages
        assert [s for s in statements if s.startswith("DELETE FROM customer_words")] == []
        assert ADA in [c.id for c in cache.find_customers(t.db.conn, "Ada", 50)]
        assert cache.count_customers(t.db.conn) == 321
        orphans = t.db.conn.execute(
            "SELECT count(*) FROM customers"
            " WHERE id NOT IN (SELECT customer_id FROM customer_words)"
        ).fetchone()[0]
        assert orphans == 0
