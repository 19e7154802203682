"""A backend that refuses this terminal (a rotated key, a wrong URL or proxy, an answer
that is not the contract) is no verdict on the queued operations: the queue pauses, every
operation stays pending, the cashier and `sync` say why, and once fixed every offline
code reaches the backend exactly once (ISSUE8 #1)."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.raw_server import answering_every_request
from support.terminal_helpers import (
    backend,
    backend_redemptions_with_code,
    make_config,
    open_terminal,
    run_pos_app,
)

from pos_app.api import (
    ApiError,
    InvalidRequest,
    NotFound,
    ProtocolError,
    RequestRefused,
    Unauthorized,
)
from pos_app.domain.models import OutboxState, RedemptionStatus
from pos_app.sandbox import SandboxServer
from pos_app.services import (
    BackendUnavailable,
    BadInput,
    Terminal,
    lookup,
    points,
    redeem,
    syncing,
)
from pos_app.services.backend import KEY_REFUSED
from pos_app.store import cache, outbox, redemptions
from pos_app.sync import Connectivity, ConnectivityChanged
from pos_app.sync.verdicts import misconfiguration

ADA = "cus_abc123"
REWARD = "rwd_xyz789"
ROTATED_KEY = "sk_test_rotated_elsewhere"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "terminal"


class Backend:
    """The sandbox on a fixed port that can be restarted on the same database with
    another API key, as a key rotation does."""

    def __init__(self, first: SandboxServer) -> None:
        self.db_path, self.port, self.key = first.db_path, first.port, first.api_key
        self.server = first

    def restart(self, api_key: str) -> SandboxServer:
        self.server.close()
        self.server = SandboxServer(self.db_path, port=self.port, api_key=api_key).start()
        return self.server


def old_key_terminal(data_dir: Path, server: SandboxServer, key: str) -> Terminal:
    """The terminal still configured with the key it had before the rotation."""
    return Terminal(make_config(data_dir, server), api_key=key)


@pytest.fixture
def rotating(sandbox: SandboxServer) -> Iterator[Backend]:
    b = Backend(sandbox)
    try:
        yield b
    finally:
        b.server.close()


def run_cli(data_dir: Path, url: str, api_key: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_pos_app(data_dir, url, api_key, *args, unset=("POS_APP_DATA_DIR",))


def queue_two_redemptions_and_an_award(
    data_dir: Path, sandbox: SandboxServer
) -> tuple[list[str], str]:
    """The codes of two offline redemptions (Ada's), and who got an offline award."""
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)
        other = next(c.id for c in cache.find_customers(t.db.conn, "a", 50) if c.id != ADA)
        sandbox.faults.update(outage=True)
        codes = [redeem.redeem(t, ADA, REWARD).code for _ in range(2)]
        assert points.award(t, other, 40, "Purchase").status == "offline"
        sandbox.faults.update(outage=False)
        assert outbox.counts(t.db.conn)["pending"] == 3
    return codes, other


def test_rotated_key_pauses_the_queue_and_the_restored_key_syncs_each_code_once(
    rotating: Backend, data_dir: Path
) -> None:
    """The issue's repro: two offline redemptions and an award, the backend restarted
    with another key, `sync --once`, then the key restored and `sync --once` again."""
    sandbox = rotating.server
    codes, other = queue_two_redemptions_and_an_award(data_dir, sandbox)
    with backend(sandbox) as c:
        ada_before = c.get_customer(ADA).points_balance
        other_before = c.get_customer(other).points_balance
    with open_terminal(data_dir, sandbox) as t:
        attempts_before = [e.attempts for e in outbox.pending(t.db.conn)]

    rotated = rotating.restart(ROTATED_KEY)
    refused = run_cli(data_dir, rotated.url, rotating.key, "--json", "sync", "--once")
    assert refused.returncode == 2, refused
    assert KEY_REFUSED in refused.stderr
    report = json.loads(refused.stdout)
    assert report["paused"] == "The loyalty service refused this terminal's key."
    assert (report["pending"], report["conflicts"], report["pushed"]) == (3, 0, 0)
    status = run_cli(data_dir, rotated.url, rotating.key, "sync", "status")
    assert status.returncode == 2, status
    assert "refused this terminal's key" in status.stdout and KEY_REFUSED in status.stderr

    with old_key_terminal(data_dir, rotated, rotating.key) as t:
        pending = outbox.pending(t.db.conn)
        assert [e.state for e in pending] == [OutboxState.PENDING] * 3
        # The round stopped at the first 401: the others would be refused the same way.
        assert [e.last_error_code for e in pending][:1] == ["authentication_failed"]
        assert [e.attempts for e in pending] == attempts_before  # no attempt was judged
        assert outbox.counts(t.db.conn)["conflict"] == 0
        for code in codes:
            local = redemptions.get(t.db.conn, code)
            assert local is not None and local.status is RedemptionStatus.OFFLINE

    restored = rotating.restart(rotating.key)
    synced = run_cli(data_dir, restored.url, rotating.key, "--json", "sync", "--once")
    assert synced.returncode == 0, synced
    assert json.loads(synced.stdout)["paused"] is None
    assert (json.loads(synced.stdout)["pending"], json.loads(synced.stdout)["conflicts"]) == (0, 0)
    for code in codes:
        assert len(backend_redemptions_with_code(restored, code)) == 1
    with backend(restored) as c:
        assert c.get_customer(ADA).points_balance == ada_before - 400
        assert c.get_customer(other).points_balance == other_before + 40
    again = run_cli(data_dir, restored.url, rotating.key, "--json", "sync", "--once")
    assert json.loads(again.stdout)["pushed"] == 0  # nothing left, nothing sent twice


def test_the_engine_publishes_misconfigured_and_resumes_by_itself(
    rotating: Backend, data_dir: Path
) -> None:
    """`run_forever` keeps asking (slowly) and a fixed key resumes syncing with nobody
    pressing anything; the status words are plain."""
    codes, _ = queue_two_redemptions_and_an_award(data_dir, rotating.server)
    rotated = rotating.restart(ROTATED_KEY)
    with old_key_terminal(data_dir, rotated, rotating.key) as t:
        seen: list[Any] = []
        t.bus.subscribe(seen.append)
        report = syncing.sync_once(t)
        assert report.paused == "The loyalty service refused this terminal's key."
        assert report.paused_code == "unauthorized"
        assert (report.pushed, report.conflicts, report.refused) == (0, 0, 0)
        changes = [e for e in seen if isinstance(e, ConnectivityChanged)]
        assert changes[-1] == ConnectivityChanged(
            Connectivity.MISCONFIGURED, "The loyalty service refused this terminal's key."
        )
        assert t.engine._idle_wait(1.0) >= 30  # asks again slowly, not in a loop

        stop = threading.Event()
        worker = threading.Thread(target=t.engine.run_forever, args=(stop,), daemon=True)
        worker.start()
        try:
            restored = rotating.restart(rotating.key)
            t.engine.wake()  # as the 30 s timer would; the test does not wait for it
            done = threading.Event()
            t.bus.subscribe(
                lambda e: (
                    done.set()
                    if isinstance(e, ConnectivityChanged) and e.state is Connectivity.ONLINE
                    else None
                )
            )
            assert done.wait(20)
            for _ in range(200):
                if outbox.counts(t.db.conn)["pending"] == 0:
                    break
                t.engine.wake()
                stop.wait(0.05)
        finally:
            stop.set()
            t.engine.wake()
            worker.join(10)
        assert outbox.counts(t.db.conn)["pending"] == 0
        assert outbox.counts(t.db.conn)["conflict"] == 0
    for code in codes:
        assert len(backend_redemptions_with_code(restored, code)) == 1


def test_wrong_key_at_the_counter_is_not_a_refusal_of_the_operation(
    rotating: Backend, data_dir: Path
) -> None:
    """Redeem and award with a refused key: the redemption is cancelled with no code and
    the key named (exit 2), never 'refused by the backend'; the award is kept queued and
    reaches the backend once the key works again."""
    with open_terminal(data_dir, rotating.server) as t:
        syncing.sync_once(t)
    rotated = rotating.restart(ROTATED_KEY)
    with old_key_terminal(data_dir, rotated, rotating.key) as t:
        with pytest.raises(BadInput) as wrong_key:
            redeem.redeem(t, ADA, REWARD)
        assert wrong_key.value.message == KEY_REFUSED and wrong_key.value.exit_code == 2
        (cancelled,) = redemptions.for_customer(t.db.conn, ADA, (RedemptionStatus.CANCELLED,))
        assert cancelled.refusal_code == "unauthorized"
        assert redemptions.for_customer(t.db.conn, ADA, (RedemptionStatus.REJECTED,)) == []
        award = points.award(t, ADA, 25, "Purchase")
        assert award.status == "offline"  # queued: it will sync, nothing to retry
        counts = outbox.counts(t.db.conn)
        assert (counts["refused"], counts["conflict"], counts["pending"]) == (0, 0, 1)
        assert counts["cancelled"] == 1
    restored = rotating.restart(rotating.key)
    with open_terminal(data_dir, restored) as t:
        assert syncing.sync_once(t).pushed == 1
    assert backend_redemptions_with_code(restored, cancelled.code) == []
    with backend(restored) as c:
        assert c.get_customer(ADA).points_balance == 525


def test_a_wrong_url_pauses_too_and_exits_4(sandbox: SandboxServer, data_dir: Path) -> None:
    """A base URL that answers 404 `not_found` for every route (a wrong path prefix, a
    proxy) is not 'customer not found': the queue pauses, sync exits 4 with the reason."""
    queue_two_redemptions_and_an_award(data_dir, sandbox)
    wrong_url = sandbox.url + "/loyalty"
    result = run_cli(data_dir, wrong_url, sandbox.api_key, "--json", "sync", "--once")
    assert result.returncode == 4, result
    reason = json.loads(result.stdout)["paused"]
    assert reason.startswith("The backend URL does not answer as a LoyalPro service")
    assert reason in result.stderr
    status = run_cli(data_dir, wrong_url, sandbox.api_key, "sync", "status")
    assert status.returncode == 4, status
    counts = _counts(data_dir, sandbox)
    assert (counts["pending"], counts["conflict"], counts["refused"]) == (3, 0, 0)
    fixed = run_cli(data_dir, sandbox.url, sandbox.api_key, "--json", "sync", "--once")
    assert fixed.returncode == 0, fixed
    assert (json.loads(fixed.stdout)["pushed"], json.loads(fixed.stdout)["conflicts"]) == (3, 0)


def _counts(data_dir: Path, sandbox: SandboxServer) -> dict[str, int]:
    with open_terminal(data_dir, sandbox) as t:
        return outbox.counts(t.db.conn)


@pytest.mark.parametrize(
    ("error", "carried", "code"),
    [
        (Unauthorized(code="authentication_failed", status=401), None, "unauthorized"),
        (NotFound(code="not_found", status=404), {"customer_id"}, "misconfigured"),
        (ProtocolError("HTML where JSON was expected"), {"points"}, "misconfigured"),
        (InvalidRequest(code="invalid_request", status=400), {"points"}, "misconfigured"),
        (
            InvalidRequest(code="invalid_request", status=400, param="store_id"),
            {"points"},
            "misconfigured",
        ),
        (RequestRefused(code="forbidden", status=403), {"points"}, "misconfigured"),
        # About the operation: a verdict, kept as a conflict or refusal.
        (NotFound(code="customer_not_found", status=404), {"customer_id"}, None),
        (NotFound(code="redemption_not_found", status=404), {"code"}, None),
        (InvalidRequest(code="invalid_request", status=400, param="points"), {"points"}, None),
        (
            InvalidRequest(code="invalid_request", status=400, param="metadata.order_id"),
            {"metadata"},
            None,
        ),
    ],
)
def test_what_counts_as_misconfigured(
    error: ApiError, carried: set[str] | None, code: str | None
) -> None:
    found = misconfiguration(error, carried)
    assert (found.code if found else None) == code


def test_a_404_route_at_the_counter_is_backend_unavailable(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    with open_terminal(data_dir, sandbox) as t:
        syncing.sync_once(t)
    with open_terminal(data_dir, sandbox, backend_url=sandbox.url + "/loyalty") as t:
        with pytest.raises(BackendUnavailable) as unavailable:
            redeem.redeem(t, ADA, REWARD)
        assert "does not answer as a LoyalPro service" in unavailable.value.message
        counts = outbox.counts(t.db.conn)
        assert (counts["refused"], counts["conflict"], counts["cancelled"]) == (0, 0, 1)


def test_a_404_route_on_a_lookup_is_backend_unavailable_not_unknown_customer(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    """`not_found` from a wrong URL is not 'no such customer' (exit 3): exit 4, why."""
    with open_terminal(data_dir, sandbox, backend_url=sandbox.url + "/loyalty") as t:
        with pytest.raises(BackendUnavailable) as unavailable:
            lookup.show(t, ADA)
        assert "does not answer as a LoyalPro service" in unavailable.value.message


# A proxy (or another service) that answers every request with a JSON 400 that names no
# field: a well-formed error object, but about nothing this terminal sent.
NO_FIELD_400 = {
    "error": {
        "type": "invalid_request_error",
        "code": "invalid_request",
        "message": "Bad request.",
    }
}


@pytest.fixture
def answers_400() -> Iterator[str]:
    with answering_every_request(400, json.dumps(NO_FIELD_400).encode()) as url:
        yield url


def test_a_json_400_about_nothing_sent_pauses_the_queue(
    sandbox: SandboxServer, data_dir: Path, answers_400: str
) -> None:
    codes, _ = queue_two_redemptions_and_an_award(data_dir, sandbox)
    result = run_cli(data_dir, answers_400, sandbox.api_key, "--json", "sync", "--once")
    assert result.returncode == 4, result
    assert "rejects this terminal's requests as malformed" in json.loads(result.stdout)["paused"]
    counts = _counts(data_dir, sandbox)
    assert (counts["pending"], counts["conflict"], counts["refused"]) == (3, 0, 0)
    fixed = run_cli(data_dir, sandbox.url, sandbox.api_key, "--json", "sync", "--once")
    assert (json.loads(fixed.stdout)["pushed"], json.loads(fixed.stdout)["conflicts"]) == (3, 0)
    for code in codes:
        assert len(backend_redemptions_with_code(sandbox, code)) == 1
