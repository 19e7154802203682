"""The counter's wait has an end, end to end (ISSUE8 #4).

A backend that trickles its answer one byte at a time never trips a per-read timeout; it
held `redeem` for 60 s with `online_wait_seconds = 5`. Here `python -m pos_app` runs as a
cashier would run it, against such a server on 127.0.0.1, and must be done within a bound.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.raw_server import MisbehavingServer, response
from support.terminal_helpers import run_pos_app

from pos_app.sandbox import SandboxServer
from pos_app.services.terminal import SYNC_BUDGET_SECONDS

C = "cus_abc123"  # the seed's customer: Ada Obi, 500 points
R = "rwd_xyz789"  # the seed's reward: 200 points
# The trickled answer would take this long to arrive in full.
TRICKLE_SECONDS = 40.0
# A whole command, Python's start-up included, with online_wait_seconds = 1.
COMMAND_BOUND = 12.0


@pytest.fixture
def trickling() -> Iterator[MisbehavingServer]:
    server = MisbehavingServer()
    raw = response(200, {"object": "list", "data": [], "has_more": False, "next_cursor": None})
    head, _, body = raw.partition(b"\r\n\r\n")
    head += b"\r\n\r\n"
    server.trickle(head, body, every=TRICKLE_SECONDS / len(head))
    try:
        yield server
    finally:
        server.close()


def run(data_dir: Path, url: str, api_key: str, *args: str) -> tuple[int, str, str, float]:
    started = time.monotonic()
    done = run_pos_app(data_dir, url, api_key, *args, unset=("POS_APP_TERMINAL_ID",))
    return done.returncode, done.stdout, done.stderr, time.monotonic() - started


@pytest.fixture
def used_terminal(tmp_path: Path, sandbox: SandboxServer) -> Path:
    """A terminal that was online: the customer and the catalogue are in its cache."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "config.toml").write_text("online_wait_seconds = 1\n")
    code, out, err, _ = run(data_dir, sandbox.url, sandbox.api_key, "--json", "sync", "--once")
    assert code == 0, out + err
    return data_dir


def test_redeem_against_a_trickling_backend_ends_within_the_wait(
    used_terminal: Path, sandbox: SandboxServer, trickling: MisbehavingServer
) -> None:
    code, out, err, elapsed = run(
        used_terminal, trickling.url, sandbox.api_key, "--json", "redeem", "--customer", C,
        "--reward", R,
    )  # fmt: skip
    assert elapsed < COMMAND_BOUND, f"the cashier waited {elapsed:.1f} s"
    assert trickling.requests, "the redemption never reached the trickling backend"
    # The default offline policy allows this one: the customer gets an offline code.
    assert code == 0, out + err
    red = json.loads(out)
    assert (red["status"], red["points"], red["balance_after"]) == ("offline", 200, 300)
    assert sandbox.api_key not in out + err


def test_sync_once_against_a_trickling_backend_ends(
    used_terminal: Path, sandbox: SandboxServer, trickling: MisbehavingServer
) -> None:
    code, out, err, elapsed = run(
        used_terminal, trickling.url, sandbox.api_key, "--json", "sync", "--once"
    )
    # Nothing is queued: one pull, which the sync client's budget ends.
    bound = SYNC_BUDGET_SECONDS + COMMAND_BOUND
    assert elapsed < bound, f"sync --once took {elapsed:.1f} s"
    assert trickling.requests
    assert code == 4, out + err  # the backend is needed and did not answer in time


def test_sync_once_with_queued_work_against_a_trickling_backend_costs_one_budget(
    used_terminal: Path, sandbox: SandboxServer, trickling: MisbehavingServer
) -> None:
    """A backend that does not answer within a call's budget would not answer the next
    call either: "sync now" ends after one budget, not one budget per try and operation
    (before: the round went on, up to five tries of each pending operation)."""
    for points in (7, 11):
        code, out, err, _ = run(
            used_terminal, trickling.url, sandbox.api_key,
            "--json", "award", "--customer", C, "--points", str(points), "--reason", "Sale",
        )  # fmt: skip
        assert code == 0 and json.loads(out)["status"] == "offline", out + err
    code, out, err, elapsed = run(
        used_terminal, trickling.url, sandbox.api_key, "--json", "sync", "--once"
    )
    assert elapsed < SYNC_BUDGET_SECONDS + COMMAND_BOUND, f"sync --once took {elapsed:.1f} s"
    assert code == 4, out + err
    assert json.loads(out)["pending"] == 2
