"""`pos-app` terminal commands as a cashier, a script or an IT person runs them.

Most runs are in-process through `pos_app.cli.main(argv)` (fast); a few are real
subprocesses (`python -m pos_app`) to prove the entry point works end to end. Every test
gets a fresh data directory and a keyring that cannot touch the OS one; each has a fresh
sandbox, except the tables of refusals, which share one and check that it did not change.


Exit codes (the CLI contract): 0 done; 2 bad input or usage; 3 refused by a business rule;
4 the backend is needed and cannot be reached; 1 anything unexpected.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import keyring
import keyring.backend
import pytest
from keyring.backends import fail
from support.raw_server import answering_every_request
from support.terminal_helpers import MemoryKeyring, isolated_command_line

from pos_app.cli import main
from pos_app.sandbox import SandboxServer
from pos_app.store import open_database
from pos_app.store import outbox as store_outbox

C = "cus_abc123"  # the seed's customer: Ada Obi, 500 points, Silver
R = "rwd_xyz789"  # the seed's reward: 200 points for NGN 1,000 off
CODE_RE = re.compile(r"^REDEEM-[0-9A-Z]{10}$")
ENV_VARS = ("POS_APP_BACKEND_URL", "LOYALPRO_API_KEY", "POS_APP_DATA_DIR", "POS_APP_TERMINAL_ID")
FAIL_KEYRING = "keyring.backends.fail.Keyring"


# ------------------------------------------------------------------ harness
@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        """stdout as exactly one JSON object (json.loads refuses anything after it)."""
        data = json.loads(self.out)
        assert isinstance(data, dict), self.out
        return data

    def __str__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.out}--- stderr\n{self.err}"


@dataclass
class Cli:
    """`pos-app --data-dir DIR ...` in-process; remembers everything it printed."""

    capsys: pytest.CaptureFixture[str]
    data_dir: Path
    printed: list[str] = field(default_factory=list)

    def __call__(self, *args: str, data_dir: bool = True) -> Result:
        self.capsys.readouterr()
        argv = ["--data-dir", str(self.data_dir), *args] if data_dir else list(args)
        sigpipe = signal.getsignal(signal.SIGPIPE)  # main() resets it for `| head`
        try:
            code = main(argv)
        except SystemExit as done:  # argparse: usage errors, --help
            code = done.code if isinstance(done.code, int) else 1
        finally:
            signal.signal(signal.SIGPIPE, sigpipe)
        out, err = self.capsys.readouterr()
        self.printed += [out, err]
        return Result(code, out, err)


def assert_refused(result: Result, code: int) -> None:
    """A failure as the contract wants it: the exit code, a message for a person on
    stderr, never a traceback."""
    assert result.code == code, result
    assert result.err.strip(), result
    assert "Traceback" not in result.err + result.out, result


def auth(sandbox: SandboxServer) -> dict[str, str]:
    return {"Authorization": f"Bearer {sandbox.api_key}"}


def backend_balance(sandbox: SandboxServer, customer_id: str = C) -> int:
    # Plain http on loopback: verify=False only skips loading the CA bundle (25 ms a call).
    answer = httpx.get(
        f"{sandbox.url}/v1/customers/{customer_id}",
        headers=auth(sandbox),
        timeout=10,
        verify=False,
    )
    answer.raise_for_status()
    balance = answer.json()["points_balance"]
    assert isinstance(balance, int)
    return balance


def backend_state(sandbox: SandboxServer) -> tuple[Any, ...]:
    """Everything a command could have changed on the backend: the seed customer's balance
    as the API tells it, and a fingerprint of the sandbox's ledger (read-only)."""
    uri = f"file:{Path(sandbox.db_path).resolve()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as ledger:
        fingerprint = ledger.execute(
            "SELECT (SELECT count(*) || '/' || max(updated_at) || '/' || sum(points_balance)"
            "        FROM customers),"
            "       (SELECT count(*) || '/' || max(seq) FROM transactions),"
            "       (SELECT count(*) || '/' || max(updated_at) FROM redemptions),"
            "       (SELECT count(*) || '/' || sum(remaining) FROM lots)"
        ).fetchone()
    return (backend_balance(sandbox), *fingerprint)


def outbox_counts(data_dir: Path) -> dict[str, int]:
    db = open_database(data_dir)
    try:
        return store_outbox.counts(db.conn)
    finally:
        db.close()


def files_in(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file()]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No stray configuration from the developer's shell, and never the real OS keyring
    (in this process, or in a subprocess, which inherits the environment)."""
    with isolated_command_line(monkeypatch, env=ENV_VARS):
        yield


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Cli:
    return Cli(capsys, tmp_path / "data")  # does not exist yet: a fresh terminal


@pytest.fixture
def backend(sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> SandboxServer:
    """The sandbox, configured the headless way: only the two environment variables."""
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    return sandbox


@pytest.fixture(scope="module")
def shared_sandbox(
    seeded_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SandboxServer]:
    """One sandbox for the tables of refusals, which must change nothing (each case checks
    that it did not, so a case that does change something fails on its own)."""
    db = tmp_path_factory.mktemp("shared-sandbox") / "sandbox.db"
    shutil.copy(seeded_template, db)
    with SandboxServer(db) as server:
        yield server


@pytest.fixture
def unchanging_backend(
    shared_sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> SandboxServer:
    monkeypatch.setenv("POS_APP_BACKEND_URL", shared_sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", shared_sandbox.api_key)
    return shared_sandbox


def redeem_seed(cli: Cli) -> dict[str, Any]:
    result = cli("--json", "redeem", "--customer", C, "--reward", R)
    assert result.code == 0, result
    return result.json()


# ------------------------------------------------------------------ a fresh terminal
def test_every_command_works_on_a_fresh_data_dir(cli: Cli, backend: SandboxServer) -> None:
    assert not cli.data_dir.exists()

    def ok(name: str, *args: str) -> dict[str, Any]:
        result = cli("--json", *args)
        assert result.code == 0, f"{name}: {result}"
        return result.json()

    assert ok("show", "customer", "show", C)["points_balance"] == 500
    assert [c["id"] for c in ok("find", "customer", "find", "ada@example.com")["data"]] == [C]
    enrolled = ok(
        "enrol",
        "customer",
        "enrol",
        "--name",
        "Grace Hopper",
        "--email",
        "grace.hopper.cli@example.com",
        "--phone",
        "+2348099990001",
    )
    assert enrolled["id"].startswith("cus_")
    assert enrolled["points_balance"] == 0
    code = ok("redeem", "redeem", "--customer", C, "--reward", R)["code"]
    assert (
        ok("award", "award", "--customer", C, "--points", "50", "--reason", "Purchase")[
            "balance_after"
        ]
        == 350
    )
    assert ok("history", "history", "--customer", C, "--limit", "5")["data"][0]["points"] == 50
    assert ok("verify", "code", "verify", code)["usable"] is True
    assert ok("use", "code", "use", code)["status"] == "used"
    assert ok("sync", "sync", "--once")["online"] is True
    assert ok("status", "sync", "status")["pending"] == 0
    assert ok("conflicts", "conflicts", "list")["data"] == []
    assert ok("recovery", "recovery", "list")["data"] == []
    assert ok("recovery-show", "recovery", "show", code)["code"] == code

    # The database is the owner's only; the API key is in no file and no output.
    database = cli.data_dir / "terminal.db"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    for path in files_in(cli.data_dir):
        if path.name.startswith("terminal.db"):
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
        assert backend.api_key.encode() not in path.read_bytes(), path
    assert files_in(cli.data_dir), "the terminal kept nothing on disk"
    assert all(backend.api_key not in text for text in cli.printed)


def test_terminal_id_is_generated_once_kept_and_overridable(
    cli: Cli, backend: SandboxServer, tmp_path: Path
) -> None:
    first = cli("--json", "sync", "status").json()["terminal_id"]
    assert re.fullmatch(r"term_[0-9a-f]{10}", first)
    assert cli("--json", "sync", "status").json()["terminal_id"] == first
    overridden = cli("--json", "--terminal-id", "till-07", "sync", "status")
    assert overridden.json()["terminal_id"] == "till-07"
    assert (
        cli("sync", "status", "--terminal-id", "till-08", "--json").json()["terminal_id"]
        == "till-08"
    )
    # The override is for that run; the generated id stays the terminal's own.
    assert cli("--json", "sync", "status").json()["terminal_id"] == first
    other = Cli(cli.capsys, tmp_path / "another-terminal")
    assert other("--json", "sync", "status").json()["terminal_id"] not in (first, "till-07")


def test_api_key_never_logged_with_verbose(
    cli: Cli, backend: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    assert cli("-v", "redeem", "--customer", C, "--reward", R).code == 0
    assert cli("-v", "customer", "show", "cus_nope").code == 3
    assert cli("-v", "award", "--customer", C, "--points", "5", "--reason", "x").code == 0
    assert "/v1/points/redeem" in caplog.text  # the debug log did record the requests
    assert backend.api_key not in caplog.text
    assert all(backend.api_key not in text for text in cli.printed)


# ------------------------------------------------------------------ JSON shapes
def test_json_shapes_of_redeem_sync_status_and_errors(cli: Cli, backend: SandboxServer) -> None:
    red = redeem_seed(cli)
    assert {
        "code",
        "status",
        "points",
        "discount_amount",
        "currency",
        "customer_id",
        "balance_after",
    } <= red.keys()
    assert CODE_RE.match(red["code"])
    assert (red["status"], red["points"], red["discount_amount"], red["currency"]) == (
        "confirmed",
        200,
        1000,
        "NGN",
    )
    assert (red["customer_id"], red["balance_after"]) == (C, 300)

    status = cli("--json", "sync", "status").json()
    assert {"pending", "conflicts", "online", "last_sync"} <= status.keys()
    assert (status["pending"], status["conflicts"], status["online"]) == (0, 0, True)
    assert status["last_sync"] is None
    assert cli("--json", "sync", "--once").code == 0
    last = cli("--json", "sync", "status").json()["last_sync"]
    assert datetime.fromisoformat(last).tzinfo is not None

    refused = cli("--json", "customer", "show", "cus_nope")
    assert_refused(refused, 3)
    error = refused.json()["error"]
    assert error["code"] and error["message"] in refused.err


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--json", "redeem", "--customer", C, "--reward", R], id="before"),
        pytest.param(["redeem", "--customer", C, "--reward", R, "--json"], id="after"),
        pytest.param(["redeem", "--json", "--customer", C, "--reward", R], id="between"),
    ],
)
def test_global_options_before_or_after_the_command(
    cli: Cli, backend: SandboxServer, argv: list[str]
) -> None:
    result = cli(*argv)
    assert result.code == 0, result
    assert result.json()["status"] == "confirmed"


def test_data_dir_and_backend_after_the_command(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    result = cli(
        "customer",
        "show",
        C,
        "--json",
        "--backend",
        sandbox.url,
        "--data-dir",
        str(cli.data_dir),
        data_dir=False,
    )
    assert result.code == 0, result
    assert result.json()["source"] == "backend"
    assert (cli.data_dir / "terminal.db").exists()


# ------------------------------------------------------------------ seed flows
def test_redeem_verify_use_then_use_again_is_refused(cli: Cli, backend: SandboxServer) -> None:
    code = redeem_seed(cli)["code"]
    assert backend_balance(backend) == 300

    verified = cli("--json", "code", "verify", code.lower().replace("-", " "))
    assert verified.code == 0, verified
    assert verified.json()["usable"] is True
    assert verified.json()["status"] == "confirmed"

    used = cli("--json", "code", "use", code)
    assert used.code == 0, used
    assert (used.json()["status"], used.json()["discount_amount"]) == ("used", 1000)

    again = cli("code", "use", code)
    assert_refused(again, 3)
    assert "already used" in again.err
    after = cli("--json", "code", "verify", code)
    assert after.code == 3
    assert after.json()["usable"] is False
    answer = httpx.get(f"{backend.url}/v1/redemptions/{code}", headers=auth(backend), verify=False)
    assert answer.json()["status"] == "used"
    assert outbox_counts(cli.data_dir)["pending"] == 0


def test_award_then_history_shows_it_first(cli: Cli, backend: SandboxServer) -> None:
    expires = (datetime.now(UTC) + timedelta(days=400)).strftime("%Y-%m-%dT%H:%M:%SZ")
    awarded = cli(
        "--json",
        "award",
        "--customer",
        C,
        "--points",
        "75",
        "--reason",
        "Birthday Bonus",
        "--bonus",
        "--expires-at",
        expires,
    )
    assert awarded.code == 0, awarded
    assert awarded.json() == {
        "customer_id": C,
        "points": 75,
        "status": "confirmed",
        "balance_after": 575,
    }
    assert backend_balance(backend) == 575

    history = cli("--json", "history", "--customer", C, "--limit", "3")
    assert history.code == 0, history
    lines = history.json()["data"]
    assert 1 <= len(lines) <= 3
    assert (lines[0]["points"], lines[0]["reason"], lines[0]["balance_after"]) == (
        75,
        "Birthday Bonus",
        575,
    )
    assert lines[0]["synced"] is True


@pytest.mark.parametrize(
    "query",
    [
        "+2348012345678",
        "08012345678",
        "ada@example.com",
        "ADA@Example.com",
        "LP0000123456",
        "Ada Obi",
        C,
    ],
)
def test_customer_find_on_a_fresh_terminal(
    cli: Cli, unchanging_backend: SandboxServer, query: str
) -> None:
    found = cli("--json", "customer", "find", query)
    assert found.code == 0, found
    assert C in [c["id"] for c in found.json()["data"]]


def test_customer_find_from_the_cache_while_offline(cli: Cli, backend: SandboxServer) -> None:
    assert cli("sync", "--once").code == 0
    backend.faults.update(outage=True)
    for query in ("+2348012345678", "08012345678", "ada@example.com", "LP0000123456", "obi"):
        found = cli("--json", "customer", "find", query)
        assert found.code == 0, found
        assert C in [c["id"] for c in found.json()["data"]], query


# ------------------------------------------------------------------ bad input, per command
HUGE = str(10**30)
EMOJI = "\U0001f642"
AR_300, AR_200, AR_3 = "\u0663\u0660\u0660", "\u0662\u0660\u0660", "\u0663"  # ٣٠٠ ٢٠٠ ٣
PAST = "2020-01-01T00:00:00Z"
NAIVE = "2099-01-01T00:00:00"

BUG_DIGITS: tuple[()] = ()  # fixed
BUG_REASON: tuple[()] = ()  # fixed
BUG_EXPIRES: tuple[()] = ()  # fixed
BUG_HUGE: tuple[()] = ()  # fixed


def _bad(argv: list[str], code: int, says: str | None = None, *, id: str, marks: Any = ()) -> Any:
    return pytest.param(argv, code, says, id=id, marks=marks)


def _redeem(*extra: str, customer: str = C, reward: str = R) -> list[str]:
    return ["redeem", "--customer", customer, "--reward", reward, *extra]


def _award(
    *, customer: str = C, points: str = "10", reason: str = "Purchase", extra: tuple[str, ...] = ()
) -> list[str]:
    return ["award", "--customer", customer, "--points", points, "--reason", reason, *extra]


def _history(*, customer: str = C, limit: str = "20") -> list[str]:
    return ["history", "--customer", customer, "--limit", limit]


BAD_INPUTS = [
    # customer show
    _bad(["customer", "show", ""], 2, "customer id", id="show-empty"),
    _bad(["customer", "show", "   "], 2, "customer id", id="show-blank"),
    _bad(["customer", "show", "cus_nope"], 3, "cus_nope", id="show-unknown"),
    _bad(["customer", "show", "cus/abc123"], 2, id="show-slash"),
    _bad(["customer", "show", "../cus_abc123"], 2, id="show-dotdot"),
    _bad(["customer", "show", EMOJI], 2, id="show-emoji"),
    _bad(["customer", "show", AR_300], 2, id="show-arabic"),
    _bad(["customer", "show", "c" * 65], 2, id="show-too-long"),
    _bad(["customer", "show"], 2, "required", id="show-missing"),
    # customer find
    _bad(["customer", "find", ""], 2, id="find-empty"),
    _bad(["customer", "find", "  \t "], 2, id="find-blank"),
    _bad(["customer", "find", "a" * 201], 2, id="find-too-long"),
    _bad(["customer", "find", "ada", "--limit", "0"], 2, "Limit", id="find-limit-0"),
    _bad(["customer", "find", "ada", "--limit", "101"], 2, "100", id="find-limit-101"),
    _bad(["customer", "find", "ada", "--limit", "x"], 2, id="find-limit-x"),
    _bad(["customer", "find", "ada", "--limit", "-1"], 2, id="find-limit-negative"),
    _bad(["customer", "find", "ada", "--limit", "12.5"], 2, id="find-limit-decimal"),
    _bad(["customer", "find", "ada", "--limit", HUGE], 2, id="find-limit-huge"),
    _bad(["customer", "find", "ada", "--limit", AR_3], 2, id="find-limit-arabic", marks=BUG_DIGITS),
    _bad(["customer", "find"], 2, "required", id="find-missing"),
    # customer enrol
    _bad(["customer", "enrol", "--name", ""], 2, "name", id="enrol-empty"),
    _bad(["customer", "enrol", "--name", "   "], 2, "name", id="enrol-blank"),
    _bad(["customer", "enrol", "--name", "n" * 201], 2, id="enrol-too-long"),
    _bad(["customer", "enrol", "--name", "Bo", "--email", "not-an-email"], 2, id="enrol-bad-email"),
    _bad(
        ["customer", "enrol", "--name", "Bo", "--email", "ada@example.com"],
        3,
        id="enrol-email-taken",
    ),
    _bad(["customer", "enrol"], 2, "--name", id="enrol-missing-name"),
    _bad(["customer", "delete", C], 2, id="customer-unknown-subcommand"),
    _bad(["customer"], 2, id="customer-no-subcommand"),
    # redeem
    _bad(_redeem(customer=""), 2, "customer id", id="redeem-customer-empty"),
    _bad(_redeem(customer="  "), 2, "customer id", id="redeem-customer-blank"),
    _bad(_redeem(customer="cus_nope"), 3, "cus_nope", id="redeem-customer-unknown"),
    _bad(_redeem(customer="../cus_abc123"), 2, id="redeem-customer-dotdot"),
    _bad(_redeem(customer="cus/abc123"), 2, id="redeem-customer-slash"),
    _bad(_redeem(customer=EMOJI), 2, id="redeem-customer-emoji"),
    _bad(_redeem(reward=""), 2, "reward id", id="redeem-reward-empty"),
    _bad(_redeem(reward="rwd_nope"), 3, "rwd_nope", id="redeem-reward-unknown"),
    _bad(_redeem(reward="rwd/xyz789"), 2, id="redeem-reward-slash"),
    _bad(_redeem(reward="../rwd_xyz789"), 2, id="redeem-reward-dotdot"),
    _bad(_redeem(reward="rwd_off5000"), 3, "850", id="redeem-insufficient-balance"),
    _bad(_redeem(reward="rwd_gold3000"), 3, "Gold", id="redeem-tier-locked"),
    _bad(_redeem(reward="rwd_hamper"), 3, id="redeem-inactive-reward"),
    _bad(_redeem("--points", "0"), 2, id="redeem-points-0"),
    _bad(_redeem("--points", "-200"), 2, id="redeem-points-negative"),
    _bad(_redeem("--points", HUGE), 2, id="redeem-points-huge"),
    _bad(_redeem("--points", "abc"), 2, id="redeem-points-abc"),
    _bad(_redeem("--points", "1e3"), 2, id="redeem-points-1e3"),
    _bad(_redeem("--points", "12.5"), 2, id="redeem-points-decimal"),
    _bad(_redeem("--points", ""), 2, id="redeem-points-empty"),
    _bad(_redeem("--points", "   "), 2, id="redeem-points-blank"),
    _bad(_redeem("--points", EMOJI), 2, id="redeem-points-emoji"),
    _bad(_redeem("--points", "300"), 2, "200", id="redeem-points-not-the-cost"),
    _bad(_redeem("--points", "850"), 2, "200", id="redeem-points-another-rewards-cost"),
    _bad(
        _redeem("--points", AR_300),
        2,
        "whole number",
        id="redeem-points-arabic-300",
        marks=BUG_DIGITS,
    ),
    _bad(_redeem("--points", AR_200), 2, id="redeem-points-arabic-200", marks=BUG_DIGITS),
    _bad(["redeem", "--customer", C], 2, "--reward", id="redeem-missing-reward"),
    _bad(["redeem", "--reward", R], 2, "--customer", id="redeem-missing-customer"),
    # award
    _bad(_award(customer=""), 2, id="award-customer-empty"),
    _bad(_award(customer="cus_nope"), 3, "cus_nope", id="award-customer-unknown"),
    _bad(_award(customer="../cus_abc123"), 2, id="award-customer-dotdot"),
    _bad(_award(points="0"), 2, id="award-points-0"),
    _bad(_award(points="-5"), 2, id="award-points-negative"),
    _bad(_award(points=HUGE), 2, id="award-points-huge"),
    _bad(_award(points=HUGE), 2, "at most", id="award-points-huge-message", marks=BUG_HUGE),
    _bad(_award(points="1000001"), 2, "at most", id="award-points-over-limit"),
    _bad(_award(points="abc"), 2, id="award-points-abc"),
    _bad(_award(points="1e3"), 2, id="award-points-1e3"),
    _bad(_award(points="12.5"), 2, id="award-points-decimal"),
    _bad(_award(points=""), 2, id="award-points-empty"),
    _bad(_award(points="  "), 2, id="award-points-blank"),
    _bad(_award(points=EMOJI), 2, id="award-points-emoji"),
    _bad(_award(points=AR_300), 2, id="award-points-arabic", marks=BUG_DIGITS),
    _bad(_award(reason=""), 2, "reason", id="award-reason-empty", marks=BUG_REASON),
    _bad(_award(reason="   "), 2, "reason", id="award-reason-blank", marks=BUG_REASON),
    _bad(_award(reason="r" * 501), 2, "too long", id="award-reason-too-long"),
    _bad(_award(reason="a\x01b"), 2, "control", id="award-reason-control-char"),
    _bad(_award(extra=("--expires-at", "tomorrow")), 2, "timestamp", id="award-expires-word"),
    _bad(_award(extra=("--expires-at", PAST)), 2, "past", id="award-expires-past"),
    _bad(_award(extra=("--expires-at", NAIVE)), 2, "time zone", id="award-expires-naive"),
    _bad(_award(extra=("--expires-at", " ")), 2, id="award-expires-blank"),
    _bad(_award(extra=("--expires-at", "")), 2, id="award-expires-empty", marks=BUG_EXPIRES),
    _bad(["award", "--customer", C, "--points", "10"], 2, "--reason", id="award-missing-reason"),
    _bad(["award", "--customer", C, "--reason", "x"], 2, "--points", id="award-missing-points"),
    # history
    _bad(_history(customer=""), 2, id="history-customer-empty"),
    _bad(_history(customer="  "), 2, id="history-customer-blank"),
    _bad(_history(customer="cus_nope"), 3, "cus_nope", id="history-customer-unknown"),
    _bad(_history(customer="cus/abc123"), 2, id="history-customer-slash"),
    _bad(_history(customer="../cus_abc123"), 2, id="history-customer-dotdot"),
    _bad(_history(limit="0"), 2, id="history-limit-0"),
    _bad(_history(limit="101"), 2, "100", id="history-limit-101"),
    _bad(_history(limit="x"), 2, id="history-limit-x"),
    _bad(_history(limit="-1"), 2, id="history-limit-negative"),
    _bad(_history(limit=""), 2, id="history-limit-empty"),
    _bad(_history(limit="2.5"), 2, id="history-limit-decimal"),
    _bad(_history(limit=AR_3), 2, id="history-limit-arabic", marks=BUG_DIGITS),
    _bad(["history"], 2, "--customer", id="history-missing-customer"),
    # code verify / use, recovery show
    *[
        _bad(["code", sub, value], 2, "REDEEM-", id=f"code-{sub}-{name}")
        for sub in ("verify", "use")
        for name, value in [
            ("empty", ""),
            ("blank", "   "),
            ("word", "hello"),
            ("customer-id", C),
            ("prefix-only", "REDEEM-"),
            ("too-short", "REDEEM-AB"),
            ("emoji", EMOJI),
        ]
    ],
    _bad(["code", "verify", "REDEEM-ZZZZZZZZZZ"], 3, "REDEEM-ZZZZZZZZZZ", id="code-verify-unknown"),
    _bad(["code", "use", "REDEEM-ZZZZZZZZZZ"], 3, "REDEEM-ZZZZZZZZZZ", id="code-use-unknown"),
    _bad(["code", "use"], 2, "required", id="code-use-missing"),
    _bad(["code"], 2, id="code-no-subcommand"),
    _bad(["recovery", "show", "nope"], 2, "REDEEM-", id="recovery-show-not-a-code"),
    _bad(["recovery", "show", "REDEEM-ZZZZZZZZZZ"], 3, id="recovery-show-not-from-here"),
    _bad(["recovery"], 2, id="recovery-no-subcommand"),
    # sync, conflicts, the command itself, global options
    _bad(["sync", "--once", "--forever"], 2, "--forever", id="sync-unknown-option"),
    _bad(["sync", "statu"], 2, "statu", id="sync-unknown-subcommand"),
    _bad(["conflicts"], 2, id="conflicts-no-subcommand"),
    _bad(["conflicts", "clear"], 2, id="conflicts-unknown-subcommand"),
    _bad(["frobnicate"], 2, "frobnicate", id="unknown-command"),
    _bad(["--terminal-id", "till 7!", "sync", "status"], 2, "terminal id", id="bad-terminal-id"),
    _bad(["--backend", "ftp://127.0.0.1", "sync", "status"], 2, "http", id="bad-backend-url"),
]


@pytest.mark.parametrize(("argv", "exit_code", "says"), BAD_INPUTS)
def test_bad_input_is_refused_and_changes_nothing(
    cli: Cli,
    unchanging_backend: SandboxServer,
    argv: list[str],
    exit_code: int,
    says: str | None,
) -> None:
    backend = unchanging_backend
    before = backend_state(backend)
    result = cli(*argv)
    assert_refused(result, exit_code)
    if says is not None:
        assert says in result.err, result
    assert result.out == "", result  # text mode: refusals go to stderr only
    assert backend_state(backend) == before
    counts = outbox_counts(cli.data_dir)
    assert sum(counts.values()) == 0, counts


@pytest.mark.parametrize(
    ("argv", "exit_code"),
    [
        pytest.param(_redeem(reward="rwd_off5000"), 3, id="redeem-insufficient"),
        pytest.param(_award(points="abc"), 2, id="award-points-abc"),
        pytest.param(["code", "use", "REDEEM-ZZZZZZZZZZ"], 3, id="code-unknown"),
    ],
)
def test_json_refusal_is_one_error_object(
    cli: Cli, unchanging_backend: SandboxServer, argv: list[str], exit_code: int
) -> None:
    before = backend_state(unchanging_backend)
    result = cli("--json", *argv)
    assert backend_state(unchanging_backend) == before
    assert_refused(result, exit_code)
    error = result.json()["error"]
    assert error["code"]
    assert error["message"] and error["message"] in result.err


def test_data_dir_that_is_a_file_fails_without_traceback(cli: Cli, tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-directory"
    a_file.write_text("x")
    result = cli("--data-dir", str(a_file), "sync", "status", data_dir=False)
    assert result.code != 0, result
    assert result.err.strip()
    assert "Traceback" not in result.err
    assert a_file.read_text() == "x"


def test_data_dir_that_is_a_file_names_the_path(cli: Cli, tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-directory"
    a_file.write_text("x")
    result = cli("--data-dir", str(a_file), "sync", "status", data_dir=False)
    assert_refused(result, 2)
    assert str(a_file) in result.err


# ------------------------------------------------------------------ backend unreachable
NEEDS_BACKEND = [
    pytest.param(["customer", "enrol", "--name", "Bo Outage"], id="enrol"),
    pytest.param(["customer", "show", C], id="show-never-cached"),
    pytest.param(["code", "verify", "REDEEM-ZZZZZZZZZZ"], id="verify-unknown-code"),
    pytest.param(["code", "use", "REDEEM-ZZZZZZZZZZ"], id="use-unknown-code"),
    pytest.param(["sync", "--once"], id="sync-once"),
    pytest.param(_history(), id="history-never-cached"),
    pytest.param(_award(), id="award-never-cached"),
    pytest.param(_redeem(), id="redeem-fresh-terminal"),
    pytest.param(["customer", "find", "ada@example.com"], id="find-fresh-terminal"),
]


@pytest.mark.parametrize("argv", NEEDS_BACKEND)
def test_backend_needed_but_unreachable_exits_4(
    cli: Cli, backend: SandboxServer, argv: list[str]
) -> None:
    backend.faults.update(outage=True)
    result = cli(*argv)
    assert result.code == 4, result
    assert "Traceback" not in result.err + result.out
    if argv[0] != "sync":
        assert_refused(result, 4)
    assert outbox_counts(cli.data_dir)["pending"] == 0


def test_sync_once_unreachable_says_so_on_stderr(cli: Cli, backend: SandboxServer) -> None:
    backend.faults.update(outage=True)
    assert_refused(cli("sync", "--once"), 4)


def test_sync_status_when_unreachable_reports_offline(cli: Cli, backend: SandboxServer) -> None:
    backend.faults.update(outage=True)
    result = cli("--json", "sync", "status")
    assert result.code == 0, result
    assert result.json()["online"] is False
    backend.faults.update(outage=False)
    assert cli("--json", "sync", "status").json()["online"] is True


def test_sync_once_when_stopped_backend_comes_back(cli: Cli, backend: SandboxServer) -> None:
    backend.stop()
    down = cli("--json", "sync", "--once")
    assert down.code == 4, down
    assert down.json()["online"] is False
    backend.start()
    up = cli("--json", "sync", "--once")
    assert up.code == 0, up
    assert up.json()["pulled_customers"] > 300


def test_hanging_backend_redeem_goes_offline_quickly(cli: Cli, backend: SandboxServer) -> None:
    cli.data_dir.mkdir()
    (cli.data_dir / "config.toml").write_text("online_wait_seconds = 0.5\n")
    # Online first: the customer and the catalogue are cached (a terminal that was in use).
    assert cli("customer", "show", C).code == 0
    assert cli("redeem", "--customer", C, "--reward", R).code == 0
    backend.faults.update(latency_ms=3000)
    started = time.monotonic()
    result = cli("--json", "redeem", "--customer", C, "--reward", R)
    elapsed = time.monotonic() - started
    backend.faults.update(latency_ms=0)
    assert result.code == 0, result
    assert elapsed < 2.5, f"the cashier waited {elapsed:.1f} s"
    red = result.json()
    assert (red["status"], red["points"], red["balance_after"]) == ("offline", 200, 100)
    assert CODE_RE.match(red["code"])
    assert outbox_counts(cli.data_dir)["pending"] == 1


# ------------------------------------------------------------------ nothing configured
NO_BACKEND = [
    pytest.param(_redeem(), id="redeem"),
    pytest.param(_award(), id="award"),
    pytest.param(["customer", "enrol", "--name", "Bo"], id="enrol"),
    pytest.param(["sync", "--once"], id="sync-once"),
    *[
        pytest.param(
            argv,
            id=name,
            marks=(),
        )
        for name, argv in [
            ("show", ["customer", "show", C]),
            ("find", ["customer", "find", "ada@example.com"]),
            ("history", _history()),
            ("verify", ["code", "verify", "REDEEM-ZZZZZZZZZZ"]),
        ]
    ],
]


@pytest.mark.parametrize("argv", NO_BACKEND)
def test_no_backend_configured_names_the_setting(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv("LOYALPRO_API_KEY", "sk_test_any")
    result = cli(*argv)
    assert_refused(result, 2)
    assert "POS_APP_BACKEND_URL" in result.err


def test_no_backend_sync_status_still_answers(cli: Cli) -> None:
    result = cli("--json", "sync", "status")
    assert result.code == 0, result
    assert result.json()["online"] is None


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(_redeem(), id="redeem"),
        pytest.param(["sync", "--once"], id="sync-once"),
        pytest.param(["customer", "show", C], id="show"),
    ],
)
def test_no_api_key_names_the_variable_and_login(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    result = cli(*argv)
    assert_refused(result, 2)
    assert "LOYALPRO_API_KEY" in result.err
    assert "pos-app login" in result.err
    assert backend_balance(sandbox) == 500


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["customer", "show", C], id="show"),
        pytest.param(["customer", "find", "ada@example.com"], id="find"),
        pytest.param(_redeem(), id="redeem"),
    ],
)
def test_wrong_api_key_says_the_key_was_not_accepted(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", "sk_test_wrong")
    result = cli(*argv)
    assert result.code not in (0, 1), result
    assert "Traceback" not in result.err
    assert "API key" in result.err, result


# ------------------------------------------------------------------ login
@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    ring = MemoryKeyring()
    keyring.set_keyring(ring)  # the autouse fixture restores the previous one
    return ring


def test_login_stores_the_key_and_later_commands_use_it(
    cli: Cli,
    sandbox: SandboxServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"  {sandbox.api_key}\n"))
    login = cli("--json", "login")
    assert login.code == 0, login
    assert login.json()["stored"] is True
    assert memory_keyring.store == {("pos-app", f"api-key:{sandbox.url}"): sandbox.api_key}
    assert all(sandbox.api_key not in text for text in cli.printed)

    shown = cli("--json", "customer", "show", C)  # no LOYALPRO_API_KEY in the environment
    assert shown.code == 0, shown
    assert shown.json()["source"] == "backend"
    # The environment wins over the keyring.
    monkeypatch.setenv("LOYALPRO_API_KEY", "sk_test_wrong")
    assert cli("customer", "show", C).code != 0
    assert files_in(cli.data_dir)
    assert all(sandbox.api_key.encode() not in p.read_bytes() for p in files_in(cli.data_dir))


@pytest.mark.parametrize("stdin", ["", "\n", "   \n"])
def test_login_with_nothing_on_stdin_exits_2(
    cli: Cli,
    sandbox: SandboxServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    stdin: str,
) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert_refused(cli("login"), 2)
    assert memory_keyring.store == {}


def test_login_without_a_keyring_points_to_the_variable(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(keyring.get_keyring(), fail.Keyring)
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{sandbox.api_key}\n"))
    result = cli("login")
    assert_refused(result, 2)
    assert "LOYALPRO_API_KEY" in result.err
    assert sandbox.api_key not in result.err + result.out


def test_login_without_a_backend_exits_2(
    cli: Cli, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("sk_test_sandbox\n"))
    result = cli("login")
    assert_refused(result, 2)
    assert "POS_APP_BACKEND_URL" in result.err
    assert memory_keyring.store == {}


# ------------------------------------------------------------------ a backend that talks nonsense
@pytest.fixture
def not_json_backend(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("LOYALPRO_API_KEY", "sk_test_any")
    with answering_every_request(
        200, b"{not json", methods=("GET", "POST", "PUT", "DELETE")
    ) as url:
        yield url


def test_malformed_json_customer_show_says_so_clearly(cli: Cli, not_json_backend: str) -> None:
    result = cli("--backend", not_json_backend, "customer", "show", "X")
    assert result.code not in (0, 1, 2), result  # not done, not "unexpected", not bad input
    assert "Traceback" not in result.err
    assert "not valid JSON" in result.err, result
    as_json = cli("--json", "--backend", not_json_backend, "customer", "show", "X")
    assert as_json.json()["error"]["code"] == "protocol_error"


BUG_PROTOCOL: tuple[()] = ()  # fixed


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["customer", "show", "X"], id="show", marks=BUG_PROTOCOL),
        pytest.param(["customer", "find", "ada"], id="find", marks=BUG_PROTOCOL),
        pytest.param(_history(customer="X"), id="history", marks=BUG_PROTOCOL),
        pytest.param(["code", "verify", "REDEEM-ZZZZZZZZZZ"], id="verify", marks=BUG_PROTOCOL),
        pytest.param(["customer", "enrol", "--name", "Bo"], id="enrol", marks=BUG_PROTOCOL),
        pytest.param(_award(customer="X"), id="award", marks=BUG_PROTOCOL),
        pytest.param(_redeem(), id="redeem"),
        pytest.param(["sync", "--once"], id="sync-once"),
    ],
)
def test_malformed_json_means_the_backend_cannot_be_used(
    cli: Cli, not_json_backend: str, argv: list[str]
) -> None:
    result = cli("--backend", not_json_backend, *argv)
    assert result.code == 4, result
    assert "Traceback" not in result.err + result.out
    assert "Unexpected error" not in result.err


def test_malformed_json_sync_status_says_sync_is_paused(cli: Cli, not_json_backend: str) -> None:
    """An answer that is not the contract pauses the queue (ISSUE8 #1): exit 4, why."""
    result = cli("--json", "--backend", not_json_backend, "sync", "status")
    assert result.code == 4, result
    assert result.json()["online"] is False
    assert "does not answer as a LoyalPro service" in result.json()["paused"]


# ------------------------------------------------------------------ the real entry point
def pos_app(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app", *args],
        env={**os.environ, **env},  # the autouse fixture keeps the OS keyring out
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_entry_point_end_to_end(backend: SandboxServer, tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    env = {"POS_APP_BACKEND_URL": backend.url, "LOYALPRO_API_KEY": backend.api_key}
    red = pos_app("--json", "--data-dir", data, "redeem", "--customer", C, "--reward", R, **env)
    assert red.returncode == 0, red.stderr
    code = json.loads(red.stdout)["code"]
    assert json.loads(red.stdout)["status"] == "confirmed"
    verify = pos_app("code", "verify", code, "--data-dir", data, "--json", **env)
    assert verify.returncode == 0, verify.stderr
    assert json.loads(verify.stdout)["usable"] is True
    assert pos_app("--data-dir", data, "code", "use", code, **env).returncode == 0
    again = pos_app("--data-dir", data, "code", "use", code, **env)
    assert again.returncode == 3
    assert "already used" in again.stderr
    assert "Traceback" not in again.stderr
    first = json.loads(pos_app("--json", "--data-dir", data, "sync", "status", **env).stdout)
    second = json.loads(pos_app("--json", "--data-dir", data, "sync", "status", **env).stdout)
    assert first["terminal_id"] == second["terminal_id"]
    assert backend_balance(backend) == 300


def test_entry_point_verbose_never_prints_the_key(backend: SandboxServer, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"POS_APP_BACKEND_URL": backend.url, "LOYALPRO_API_KEY": backend.api_key}
    runs = [
        pos_app("-v", "--data-dir", str(data), "redeem", "--customer", C, "--reward", R, **env),
        pos_app("-v", "--data-dir", str(data), "--json", "customer", "show", "cus_nope", **env),
    ]
    assert [run.returncode for run in runs] == [0, 3]
    assert "DEBUG" in runs[0].stderr and "/v1/points/redeem" in runs[0].stderr
    for run in runs:
        assert backend.api_key not in run.stdout + run.stderr
        assert "Traceback" not in run.stderr
    for path in files_in(data):
        assert backend.api_key.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("argv", "exit_code"),
    [
        pytest.param(["frobnicate"], 2, id="unknown-command"),
        pytest.param(["redeem", "--customer", C], 2, id="missing-option"),
        pytest.param(["redeem", "--customer", C, "--reward", R], 2, id="no-backend"),
    ],
)
def test_entry_point_usage_errors(tmp_path: Path, argv: list[str], exit_code: int) -> None:
    run = pos_app("--data-dir", str(tmp_path / "data"), *argv, LOYALPRO_API_KEY="sk_x")
    assert run.returncode == exit_code
    assert run.stderr.strip()
    assert "Traceback" not in run.stderr
