"""Sale awards and returns at the edges (issue 11, reliability): a rotated API key, a
backend that trickles its answer. Either way the operation is kept queued, said for what
it is (the terminal's setup, or no answer in time), never recorded as a refusal of the
customer's operation, and reaches the backend exactly once when the trouble ends. (A
nearly full disk: test_disk.py.)"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.raw_server import MisbehavingServer, response
from support.terminal_helpers import backend, make_config, open_terminal, run_pos_app

from pos_app.sandbox import SandboxServer
from pos_app.services import Refused, Terminal, returns, sales, syncing
from pos_app.services.backend import KEY_REFUSED
from pos_app.store import orders, outbox

ADA = "cus_abc123"  # the seed's customer: 500 points
ROTATED_KEY = "sk_test_rotated_elsewhere"
COMMAND_BOUND = 12.0  # a whole command, Python's start-up included, online wait 1 s


class Backend:
    """The sandbox on a fixed port, restarted on the same database with another key."""

    def __init__(self, first: SandboxServer) -> None:
        self.db_path, self.port, self.key = first.db_path, first.port, first.api_key
        self.server = first

    def restart(self, api_key: str) -> SandboxServer:
        self.server.close()
        self.server = SandboxServer(self.db_path, port=self.port, api_key=api_key).start()
        return self.server


@pytest.fixture
def rotating(sandbox: SandboxServer) -> Iterator[Backend]:
    b = Backend(sandbox)
    try:
        yield b
    finally:
        b.server.close()


def _ledger(sandbox: SandboxServer, order: str) -> tuple[list[int], list[int]]:
    """The points each award of `order` gave, and what each of its returns took back."""
    with backend(sandbox) as c:
        history = list(c.iter_all(c.list_points, customer_id=ADA, limit=100))
    awards = [x.points for x in history if x.metadata.get("order_id") == order and x.points > 0]
    back = [
        x.points
        for x in history
        if x.metadata.get("order_id") == order and x.metadata.get("kind") == "return"
    ]
    return awards, back


def test_a_rotated_key_keeps_a_sale_and_a_return_queued_and_says_it_is_the_key(
    rotating: Backend, tmp_path: Path
) -> None:
    data_dir = tmp_path / "terminal"
    with open_terminal(data_dir, rotating.server) as t:
        syncing.sync_once(t)
        assert sales.award_sale(t, ADA, "ORD-KEY-1", 5000).status == "confirmed"
    rotated = rotating.restart(ROTATED_KEY)
    with Terminal(make_config(data_dir, rotated), api_key=rotating.key) as t:
        sale = sales.award_sale(t, ADA, "ORD-KEY-2", 3000)
        back = returns.return_sale(t, "ORD-KEY-1", 2500)
        for result in (sale, back):
            assert result.status == "offline"  # queued: it syncs once the key works
            assert result.paused == KEY_REFUSED  # said for what it is: the setup
        counts = outbox.counts(t.db.conn)
        assert (counts["refused"], counts["conflict"], counts["pending"]) == (0, 0, 2)
        with pytest.raises(Refused):  # the queued sale still guards its order
            sales.award_sale(t, ADA, "ORD-KEY-2", 3000)
    restored = rotating.restart(rotating.key)
    with open_terminal(data_dir, restored) as t:
        assert syncing.sync_once(t).pushed == 2
        (settled,) = orders.returns_of(t.db.conn, "ORD-KEY-1")
        assert (settled.points_reversed, settled.points_shortfall) == (25, 0)
        assert (settled.points_expected, settled.state) == (25, "done")
        indexed = orders.find_order(t.db.conn, "ORD-KEY-2")
        assert indexed is not None and indexed.transaction_id is not None
    assert _ledger(restored, "ORD-KEY-1") == ([50], [-25])
    assert _ledger(restored, "ORD-KEY-2") == ([30], [])


def test_a_rotated_key_at_the_command_line_is_said_and_the_work_kept_queued(
    rotating: Backend, tmp_path: Path
) -> None:
    data_dir = tmp_path / "terminal"
    with open_terminal(data_dir, rotating.server) as t:
        syncing.sync_once(t)
        sales.award_sale(t, ADA, "ORD-CLI-1", 4000)
    rotated = rotating.restart(ROTATED_KEY)

    def cli(*args: str) -> tuple[int, dict[str, object], str]:
        done = run_pos_app(data_dir, rotated.url, rotating.key, "--json", *args)
        return done.returncode, json.loads(done.stdout or "{}"), done.stderr

    sold = cli("award", "--customer", ADA, "--order", "ORD-CLI-2", "--amount", "2000")
    took = cli("return", "--order", "ORD-CLI-1", "--amount", "4000")
    for rc, answer, err in (sold, took):
        assert rc == 0, err  # accepted and queued: a retry would only be refused
        assert answer["status"] == "offline", answer
        assert KEY_REFUSED in err and "Traceback" not in err, err
        assert "refused" not in str(answer.get("status"))
    restored = rotating.restart(rotating.key)
    synced = run_pos_app(data_dir, restored.url, rotating.key, "--json", "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    assert (json.loads(synced.stdout)["pending"], json.loads(synced.stdout)["conflicts"]) == (0, 0)
    assert _ledger(restored, "ORD-CLI-1") == ([40], [-40])
    assert _ledger(restored, "ORD-CLI-2") == ([20], [])


@pytest.fixture
def trickling() -> Iterator[MisbehavingServer]:
    server = MisbehavingServer()
    raw = response(200, {"object": "list", "data": [], "has_more": False, "next_cursor": None})
    head, _, body = raw.partition(b"\r\n\r\n")
    head += b"\r\n\r\n"
    server.trickle(head, body, every=40.0 / len(head))  # 40 s for the whole answer
    try:
        yield server
    finally:
        server.close()


def test_a_trickling_backend_queues_a_sale_and_a_return_within_the_wait(
    sandbox: SandboxServer, trickling: MisbehavingServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "config.toml").write_text("online_wait_seconds = 1\n")
    first = run_pos_app(
        data_dir, sandbox.url, sandbox.api_key, "award", "--customer", ADA, "--order",
        "ORD-SLOW-1", "--amount", "6000",
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    for args in (
        ("award", "--customer", ADA, "--order", "ORD-SLOW-2", "--amount", "3000"),
        ("return", "--order", "ORD-SLOW-1", "--amount", "3000"),
    ):
        started = time.monotonic()
        done = run_pos_app(data_dir, trickling.url, sandbox.api_key, "--json", *args)
        elapsed = time.monotonic() - started
        assert elapsed < COMMAND_BOUND, f"{args[0]}: the cashier waited {elapsed:.1f} s"
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["status"] == "offline", done.stdout
    assert trickling.requests, "nothing reached the trickling backend"
    synced = run_pos_app(data_dir, sandbox.url, sandbox.api_key, "--json", "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    assert json.loads(synced.stdout)["pending"] == 0
    assert _ledger(sandbox, "ORD-SLOW-1") == ([60], [-30])
    assert _ledger(sandbox, "ORD-SLOW-2") == ([30], [])
