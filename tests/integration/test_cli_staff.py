"""Who did it, on the command line: staff administration needs a manager's PIN, --operator
needs that person's PIN, nobody lifts their own lock-out, and a command refused for its
own input asks for no PIN and audits no approval (ISSUE8 #8).

PINs travel on stdin, one line each, in this order: the operator's (--operator), the
approving manager's (--manager; once only if it is the same person), then a new PIN."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support.seed import BOSS, BOSS_PIN, CASHIER, CASHIER_PIN, DEPUTY, DEPUTY_PIN, C, R
from support.terminal_helpers import (
    InProcessCli,
    isolated_command_line,
)

from pos_app.domain import pins
from pos_app.sandbox import SandboxServer


@dataclass
class Cli(InProcessCli):
    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with closing(sqlite3.connect(self.data_dir / "terminal.db")) as db:
            return db.execute(sql, params).fetchall()

    def audit(self) -> list[tuple[str, str, str | None]]:
        return [
            (actor, action, subject)
            for actor, action, subject in self.rows(
                "SELECT actor, action, subject FROM audit ORDER BY seq"
            )
        ]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with isolated_command_line(monkeypatch):
        yield


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    sandbox: SandboxServer,
) -> Cli:
    """A terminal with a manager, a second manager and a cashier."""
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    run = Cli(capsys, monkeypatch, tmp_path / "data")
    first = run("staff", "add", "--name", BOSS, "--role", "manager", stdin=f"{BOSS_PIN}\n")
    assert first.code == 0, first
    for name, role, pin in ((DEPUTY, "manager", DEPUTY_PIN), (CASHIER, "cashier", CASHIER_PIN)):
        added = run(
            "staff", "add", "--name", name, "--role", role, "--manager", BOSS,
            stdin=f"{BOSS_PIN}\n{pin}\n",
        )  # fmt: skip
        assert added.code == 0, added
    return run


def staff_rows(cli: Cli) -> dict[str, tuple[int, int]]:
    return {n: (a, f) for n, a, f in cli.rows("SELECT name, active, failed_attempts FROM staff")}


def approvals(cli: Cli) -> int:
    return len(cli.rows("SELECT 1 FROM audit WHERE action LIKE 'approval.%'"))


# ---------------------------------------------------------------- staff administration
def test_adding_staff_needs_a_managers_pin_except_the_first(cli: Cli) -> None:
    alone = cli("staff", "add", "--name", "Eve", "--role", "manager", stdin="86420\n")
    assert alone.code == 2 and "--manager" in alone.err, alone
    wrong = cli(
        "staff", "add", "--name", "Eve", "--role", "manager", "--manager", BOSS,
        stdin="11112222\n86420\n",
    )  # fmt: skip
    assert wrong.code == 3 and "Wrong PIN" in wrong.err, wrong
    by_cashier = cli(
        "staff", "add", "--name", "Eve", "--role", "manager", "--manager", CASHIER,
        stdin=f"{CASHIER_PIN}\n86420\n",
    )  # fmt: skip
    assert by_cashier.code == 3 and "not a manager" in by_cashier.err, by_cashier
    assert "Eve" not in staff_rows(cli)
    ok = cli(
        "staff", "add", "--name", "Eve", "--role", "cashier", "--manager", BOSS,
        stdin=f"{BOSS_PIN}\n86420\n",
    )  # fmt: skip
    assert ok.code == 0, ok
    assert (BOSS, "staff.added", "Eve") in cli.audit()


def test_disabling_staff_needs_a_managers_pin(cli: Cli) -> None:
    assert cli("staff", "disable", CASHIER).code == 2  # --manager is required
    wrong = cli("staff", "disable", CASHIER, "--manager", BOSS, stdin="11112222\n")
    assert wrong.code == 3, wrong
    assert staff_rows(cli)[CASHIER][0] == 1
    ok = cli("staff", "disable", CASHIER, "--manager", BOSS, stdin=f"{BOSS_PIN}\n")
    assert ok.code == 0, ok
    assert staff_rows(cli)[CASHIER][0] == 0
    assert (BOSS, "staff.disabled", CASHIER) in cli.audit()


def lock_out(cli: Cli, name: str) -> None:
    for _ in range(pins.MAX_ATTEMPTS):
        wrong = cli("--operator", name, "staff", "list", stdin="90909091\n")
        assert wrong.code == 3, wrong
    assert "now locked" in wrong.err, wrong
    assert cli.rows("SELECT locked_until FROM staff WHERE name = ?", name)[0][0]


def test_a_lock_out_is_lifted_only_by_another_manager(cli: Cli) -> None:
    lock_out(cli, BOSS)
    locked = cli("--operator", BOSS, "staff", "list", stdin=f"{BOSS_PIN}\n")
    assert locked.code == 3 and "locked" in locked.err, locked
    assert cli("staff", "reset-pin", BOSS, stdin="86420\n").code == 2  # no --manager
    own = cli("staff", "reset-pin", BOSS, "--manager", BOSS, stdin=f"{BOSS_PIN}\n86420\n")
    assert own.code == 3 and "another manager" in own.err, own
    by_cashier = cli(
        "staff", "reset-pin", BOSS, "--manager", CASHIER, stdin=f"{CASHIER_PIN}\n86420\n"
    )
    assert by_cashier.code == 3, by_cashier
    assert cli("--operator", BOSS, "staff", "list", stdin=f"{BOSS_PIN}\n").code == 3
    lifted = cli("staff", "reset-pin", BOSS, "--manager", DEPUTY, stdin=f"{DEPUTY_PIN}\n86420\n")
    assert lifted.code == 0, lifted
    assert (DEPUTY, "staff.pin_reset", BOSS) in cli.audit()
    assert cli("--operator", BOSS, "staff", "list", stdin="86420\n").code == 0


def test_a_lock_out_holds_across_restarts(cli: Cli, sandbox: SandboxServer) -> None:
    lock_out(cli, CASHIER)
    env = {
        **os.environ,
        "POS_APP_DATA_DIR": str(cli.data_dir),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    again = subprocess.run(
        [sys.executable, "-m", "pos_app", "--operator", CASHIER, "sync", "status"],
        input=f"{CASHIER_PIN}\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.returncode == 3 and "locked" in again.stderr, again


# ---------------------------------------------------------------- --operator
def test_operator_needs_their_pin_and_is_recorded(cli: Cli) -> None:
    award = ("award", "--customer", C, "--points", "7", "--reason", "Purchase")
    nothing = cli("--operator", CASHIER, *award)
    assert nothing.code == 2 and "No PIN" in nothing.err, nothing
    wrong = cli("--operator", CASHIER, *award, stdin="90909091\n")
    assert wrong.code == 3, wrong
    assert cli.rows("SELECT count(*) FROM outbox") == [(0,)]
    ok = cli("--operator", CASHIER, *award, stdin=f"{CASHIER_PIN}\n")
    assert ok.code == 0, ok
    assert cli.rows("SELECT operator FROM outbox") == [(CASHIER,)]
    assert (CASHIER, "award.created", C) in cli.audit()
    enrol = cli(
        "--operator", CASHIER, "customer", "enrol", "--name", "Bo Ade", stdin=f"{CASHIER_PIN}\n"
    )
    assert enrol.code == 0, enrol
    assert next(a for a in cli.audit() if a[1] == "customer.enrolled")[0] == CASHIER


def test_operator_and_manager_pins_in_order(cli: Cli) -> None:
    adjust = ("adjust", "--customer", C, "--points", "5", "--reason", "Till error")
    swapped = cli(
        "--operator", CASHIER, *adjust, "--manager", BOSS, stdin=f"{BOSS_PIN}\n{CASHIER_PIN}\n"
    )
    assert swapped.code == 3, swapped
    ok = cli(
        "--operator", CASHIER, *adjust, "--manager", BOSS, stdin=f"{CASHIER_PIN}\n{BOSS_PIN}\n"
    )
    assert ok.code == 0, ok
    assert cli.rows("SELECT operator FROM outbox WHERE kind = 'adjust'") == [(CASHIER,)]
    assert (BOSS, "approval.granted", C) in cli.audit()
    same = cli("--operator", BOSS, *adjust, "--manager", BOSS, stdin=f"{BOSS_PIN}\n")
    assert same.code == 0, same  # one person, one PIN


# ---------------------------------------------------------------- input first, then PINs
OVERRIDE = ("--manager", BOSS, "--override-reason", "x")
REFUSED_BEFORE_ANY_PIN = [
    pytest.param(
        ["adjust", "--customer", C, "--points", "abc", "--reason", "x", "--manager", BOSS],
        id="adjust-points",
    ),
    pytest.param(
        ["adjust", "--customer", "../x", "--points", "5", "--reason", "x", "--manager", BOSS],
        id="adjust-customer",
    ),
    pytest.param(
        ["adjust", "--customer", C, "--points", "5", "--reason", " ", "--manager", BOSS],
        id="adjust-reason",
    ),
    pytest.param(["void", "nope", "--reason", "x", "--manager", BOSS], id="void-code"),
    pytest.param(
        ["void", "REDEEM-ZZZZZZZZZZ", "--reason", "x", "--manager", BOSS], id="void-unknown"
    ),
    pytest.param(
        ["conflicts", "resolve", "99", "--resolution", "retry", "--note", "x", "--manager", BOSS],
        id="resolve-unknown",
    ),
    pytest.param(
        ["conflicts", "resolve", "x", "--resolution", "retry", "--note", "x", "--manager", BOSS],
        id="resolve-id",
    ),
    pytest.param(
        ["redeem", "--customer", C, "--reward", R, "--points", "-1", *OVERRIDE],
        id="redeem-points",
    ),
    pytest.param(
        ["staff", "add", "--name", "", "--role", "cashier", "--manager", BOSS], id="add-name"
    ),
    pytest.param(
        ["staff", "add", "--name", CASHIER, "--role", "cashier", "--manager", BOSS],
        id="add-exists",
    ),
    pytest.param(["staff", "disable", "Nobody", "--manager", BOSS], id="disable-unknown"),
    pytest.param(["staff", "reset-pin", "Nobody", "--manager", BOSS], id="reset-unknown"),
]


@pytest.mark.parametrize("argv", REFUSED_BEFORE_ANY_PIN)
def test_refused_input_audits_no_approval_and_no_sign_in(cli: Cli, argv: list[str]) -> None:
    before = cli.audit()
    run = cli("--operator", CASHIER, *argv, stdin=f"{CASHIER_PIN}\n{BOSS_PIN}\n86420\n")
    assert run.code in (2, 3), run
    assert "Traceback" not in run.err
    assert cli.audit() == before


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["staff", "add", "--name", "Eve", "--role", "cashier"], id="add"),
        pytest.param(["staff", "reset-pin", CASHIER], id="reset-pin"),
    ],
)
def test_a_bad_new_pin_is_refused_before_the_approval(cli: Cli, argv: list[str]) -> None:
    before = cli.audit()
    run = cli(*argv, "--manager", BOSS, stdin=f"{BOSS_PIN}\n1234\n")
    assert run.code == 2 and "PIN" in run.err, run
    assert cli.audit() == before
    assert approvals(cli) == len([a for a in before if a[1].startswith("approval.")])
