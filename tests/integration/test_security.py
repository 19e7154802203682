"""Security checks (ISSUE8 Deliver 6), after a full session as a till runs it: the sandbox,
redeem, award, sync, reports, audit export, and the GUI's log (rotated). The API key is in
no file, log or message; every file the terminal wrote is owner-only; plain http to
another machine is refused without --insecure; with no keyring and no environment key the
message names the alternative; a lock-out survives restarts and only another manager lifts
it; the audit check catches the issue's attack from the command line.

(The full tables live beside: test_audit_anchors.py for the chain, test_cli_staff.py for
PINs, test_cli_edges.py for the smaller edges.)"""

from __future__ import annotations

import json
import logging
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import keyring
import pytest
from support.logs import restored_logging
from support.seed import BOSS, BOSS_PIN, CASHIER, CASHIER_PIN, DEPUTY, DEPUTY_PIN, C, R
from support.terminal_helpers import InProcessCli as Cli
from support.terminal_helpers import MemoryKeyring

from pos_app.domain import pins
from pos_app.files import PrivateRotatingFileHandler
from pos_app.sandbox import SandboxServer

POS_APP = (sys.executable, "-m", "pos_app")


pytestmark = pytest.mark.usefixtures("usual_command_line")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    return Cli(capsys, monkeypatch, tmp_path / "data", [])


@pytest.fixture
def gui_log(cli: Cli) -> Iterator[Path]:
    """The GUI's log handler (the same class, file and size as ui/app.py's), at DEBUG, so
    everything the session logs lands in it; a small size, so it rotates."""
    cli.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = cli.data_dir / "pos-app.log"
    handler = PrivateRotatingFileHandler(path, maxBytes=20_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    with restored_logging():
        root.addHandler(handler)
        root.setLevel(logging.DEBUG)
        yield path


def full_session(cli: Cli, sandbox: SandboxServer, out: Path) -> None:
    """A day at the till, through the command line, including failures."""
    AS_CASHIER = f"{CASHIER_PIN}\n"
    steps: list[tuple[tuple[str, ...], str, int]] = [
        (("staff", "add", "--name", BOSS, "--role", "manager"), f"{BOSS_PIN}\n", 0),
        (
            ("staff", "add", "--name", CASHIER, "--role", "cashier", "--manager", BOSS),
            f"{BOSS_PIN}\n{CASHIER_PIN}\n",
            0,
        ),
        (("sync", "--once"), "", 0),
        (("-v", "--operator", CASHIER, "redeem", "--customer", C, "--reward", R), AS_CASHIER, 0),
        (
            ("--operator", CASHIER, "award", "--customer", C, "--points", "9", "--reason", "S"),
            AS_CASHIER,
            0,
        ),
        (("-v", "customer", "show", "cus_nope"), "", 3),
        (("report", "daily", "--format", "csv", "--output", str(out / "day.csv")), "", 0),
        (("report", "daily", "--format", "pdf", "--output", str(out / "day.pdf")), "", 0),
        (("report", "daily", "--format", "json", "--output", str(out / "day.json")), "", 0),
        (("audit", "export", "--output", str(out / "audit.csv")), "", 0),
        (("audit", "export", "--format", "json", "--output", str(out / "audit.jsonl")), "", 0),
        (("audit", "verify"), "", 0),
        (("sync", "status"), "", 0),
    ]
    for argv, stdin, expected in steps:
        run = cli(*argv, stdin=stdin)
        assert run.code == expected, (argv, run)
    sandbox.faults.update(outage=True)  # offline: queued work, and the errors it brings
    assert cli("award", "--customer", C, "--points", "3", "--reason", "Sale").code == 0
    assert cli("-v", "sync", "--once").code == 4
    sandbox.faults.update(outage=False)
    assert cli("sync", "--once").code == 0
    for _ in range(300):  # enough log to rotate the GUI log more than once
        logging.getLogger("pos_app.ui").info("till idle; customer %s shown", C)


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_after_a_full_session_the_key_is_nowhere_and_every_file_is_owner_only(
    cli: Cli,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
    gui_log: Path,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    out = tmp_path / "exports"
    out.mkdir()
    full_session(cli, sandbox, out)
    written = files_under(cli.data_dir, out)
    names = {p.name for p in written}
    assert {"terminal.db", "audit-anchor", "pos-app.log", "pos-app.log.1"} <= names, names
    assert {"day.csv", "day.pdf", "day.json", "audit.csv", "audit.jsonl"} <= names, names
    key = sandbox.api_key.encode()
    for path in written:
        assert key not in path.read_bytes(), f"the API key is in {path}"
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == 0o600, f"{path} is {oct(mode)}"
    assert stat.S_IMODE(cli.data_dir.stat().st_mode) == 0o700
    for text in cli.printed:
        assert sandbox.api_key not in text
    with closing(sqlite3.connect(cli.data_dir / "terminal.db")) as db:
        dumped = "\n".join(db.iterdump())
    assert sandbox.api_key not in dumped and CASHIER_PIN not in dumped


def test_a_wrong_key_is_never_echoed(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "sk_test_wrong_0123456789abcdef"
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", wrong)
    for argv in (
        ["-v", "customer", "show", C],
        ["-v", "sync", "--once"],
        ["redeem", "--customer", C, "--reward", R],
    ):
        run = cli(*argv)
        assert run.code not in (0, 1), run
        assert wrong not in run.out + run.err
    assert all(wrong.encode() not in p.read_bytes() for p in files_under(cli.data_dir))


# ---------------------------------------------------------------- transport
def test_plain_http_to_another_machine_is_refused_and_no_key_is_stored(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    refused = cli("--backend", "http://10.1.2.3:8080", "login", stdin="sk_test_abc\n")
    assert refused.code == 2 and "--insecure" in refused.err, refused
    assert ring.store == {}
    monkeypatch.setenv("LOYALPRO_API_KEY", "sk_test_abc")
    for argv in (["sync", "status"], ["redeem", "--customer", C, "--reward", R]):
        run = cli("--backend", "http://loyalty.example", *argv)
        assert run.code == 2 and "unencrypted" in run.err, run
    allowed = cli("--backend", "http://10.1.2.3:8080", "--insecure", "login", stdin="sk_test_abc\n")
    assert allowed.code == 0, allowed


@pytest.mark.parametrize(
    "argv",
    [["sync", "--once"], ["redeem", "--customer", C, "--reward", R], ["customer", "show", C]],
)
def test_no_keyring_and_no_key_names_the_alternative(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    run = cli(*argv)
    assert run.code == 2 and "LOYALPRO_API_KEY" in run.err, run
    login = cli("login", stdin=f"{sandbox.api_key}\n")  # the fail keyring: no OS keyring
    assert login.code == 2 and "LOYALPRO_API_KEY" in login.err, login
    assert sandbox.api_key not in login.err + login.out
    status = cli("sync", "status")
    assert "LOYALPRO_API_KEY" in status.out, status


def boss_on_the_sandbox(cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal pointed at the sandbox, with its first manager."""
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    assert cli("staff", "add", "--name", BOSS, "--role", "manager", stdin=f"{BOSS_PIN}\n").code == 0


# ---------------------------------------------------------------- lock-out
def test_a_lock_out_survives_restarts_and_only_another_manager_lifts_it(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    boss_on_the_sandbox(cli, sandbox, monkeypatch)
    for name, role, pin in ((DEPUTY, "manager", DEPUTY_PIN), (CASHIER, "cashier", CASHIER_PIN)):
        add = ("staff", "add", "--name", name, "--role", role, "--manager", BOSS)
        assert cli(*add, stdin=f"{BOSS_PIN}\n{pin}\n").code == 0
    for _ in range(pins.MAX_ATTEMPTS):
        cli("--operator", BOSS, "staff", "list", stdin="90909091\n")

    def as_boss_in_a_new_process() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*POS_APP, "--data-dir", str(cli.data_dir), "--operator", BOSS, "staff", "list"],
            input=f"{BOSS_PIN}\n",
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    for _ in range(2):  # two restarts
        again = as_boss_in_a_new_process()
        assert again.returncode == 3 and "locked" in again.stderr, again
    assert cli("staff", "reset-pin", BOSS, stdin="86420\n").code == 2
    assert (
        cli("staff", "reset-pin", BOSS, "--manager", BOSS, stdin=f"{BOSS_PIN}\n86420\n").code == 3
    )
    assert (
        cli("staff", "reset-pin", BOSS, "--manager", CASHIER, stdin=f"{CASHIER_PIN}\n86420\n").code
        == 3
    )
    assert as_boss_in_a_new_process().returncode == 3
    lifted = cli(
        "staff", "reset-pin", BOSS, "--manager", DEPUTY, stdin=f"{DEPUTY_PIN}\n{BOSS_PIN}\n"
    )
    assert lifted.code == 0, lifted
    assert as_boss_in_a_new_process().returncode == 0


# ---------------------------------------------------------------- the audit chain
def test_audit_verify_catches_the_issues_attack(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    boss_on_the_sandbox(cli, sandbox, monkeypatch)
    for argv in (
        ["redeem", "--customer", C, "--reward", R],
        ["award", "--customer", C, "--points", "40", "--reason", "Sale"],
        ["redeem", "--customer", C, "--reward", R],
    ):
        assert cli(*argv).code == 0
    report = cli("--json", "report", "daily")
    head = json.loads(report.out)["audit_head"]
    assert cli("audit", "verify", "--head", head).code == 0
    with closing(sqlite3.connect(cli.data_dir / "terminal.db")) as raw:
        raw.executescript(
            "DROP TRIGGER audit_no_delete;"
            "DELETE FROM audit WHERE seq > (SELECT max(seq) - 3 FROM audit);"
            "DELETE FROM settings WHERE key = 'audit_head';"
        )
    for _ in range(2):  # a second look (after the first closed the terminal) still sees it
        broken = cli("audit", "verify")
        assert broken.code == 3, broken
        assert "sqlite_sequence" in broken.out and "anchor file" in broken.out, broken.out
    assert f"the head {head}" in cli("audit", "verify", "--head", head).out
    assert cli("audit", "verify", "--head", "not-a-head").code == 2


def test_the_gui_log_stays_owner_only_after_rotation(tmp_path: Path) -> None:
    """ui/app.py's own log set-up: the stock rotating handler made each new file with the
    umask's mode, so the log became 0644 at its first rotation."""
    from pos_app.ui import app as gui_app

    data = tmp_path / "gui"
    with restored_logging():
        gui_app._log_to_file(data)  # the log folder (POS_APP_LOG_DIR) named outright
        noisy = logging.getLogger("pos_app.ui.test")
        for n in range(2_600):  # a little over 2 MB: two rotations
            noisy.warning("line %05d %s", n, "x" * 800)
    logs = sorted(p.name for p in data.glob("pos-app.log*"))
    assert logs[:3] == ["pos-app.log", "pos-app.log.1", "pos-app.log.2"], logs
    for path in data.glob("pos-app.log*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, f"{path.name} {oct(path.stat().st_mode)}"
