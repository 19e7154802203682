"""`pos-app doctor` (services/doctor.py) on real backends: the sandbox, and misbehaving
servers on loopback (a hanging one, a refused key, a clock that is off). Each check says
pass, warning or fail with the fix; exit 0 all pass (warnings allowed), 1 a failure; the
doctor changes nothing and is bounded in time."""

from __future__ import annotations

import json
import random
import shutil
import socket
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import keyring
import pytest
from support.raw_server import MisbehavingServer, SeenRequest, response
from support.seed import C
from support.terminal_helpers import InProcessCli as Cli
from support.terminal_helpers import MemoryKeyring

from pos_app.config import load_config
from pos_app.sandbox import SandboxServer
from pos_app.services.doctor import examine

pytestmark = pytest.mark.usefixtures("usual_command_line")
EMPTY_PAGE = {"object": "list", "data": [], "has_more": False, "next_cursor": None}


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    monkeypatch.setenv("POS_APP_LOG_DIR", str(tmp_path / "logs"))
    return Cli(capsys, monkeypatch, tmp_path / "data")


@pytest.fixture
def on_sandbox(sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> SandboxServer:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    return sandbox


@pytest.fixture
def raw() -> Iterator[MisbehavingServer]:
    server = MisbehavingServer()
    try:
        yield server
    finally:
        server.close()


def doctor(cli: Cli, *args: str) -> tuple[int, dict[str, dict[str, Any]]]:
    run = cli("--json", "doctor", *args)
    assert "Traceback" not in run.out + run.err, run
    answer = json.loads(run.out)
    assert "ok" in answer, run
    assert answer["ok"] is (run.code == 0), run
    return run.code, {c["name"]: c for c in answer["checks"]}


def answer_with_date(raw: MisbehavingServer, date: datetime | None, status: int = 200) -> None:
    headers = {"Date": format_datetime(date, usegmt=True)} if date else {}
    body: dict[str, Any] = EMPTY_PAGE
    if status == 401:
        body = {"error": {"code": "unauthorized", "message": "bad key"}}
    raw.answer(response(status, body, headers=headers))


def test_a_healthy_terminal_passes_with_the_key_from_the_environment(
    cli: Cli, on_sandbox: SandboxServer
) -> None:
    assert cli("sync", "--once").code == 0  # the terminal's database and folders exist
    code, checks = doctor(cli)
    assert code == 0, checks
    for name in ("backend", "key kind", "clock", "schema", "integrity", "queue", "conflicts"):
        assert checks[name]["status"] == "pass", checks[name]
    for name in ("disk", "data folder", "log folder", "config"):
        assert checks[name]["status"] == "pass", checks[name]
    # No keyring here (the test's): a warning, since the key comes from the environment.
    assert checks["keyring"]["status"] == "warn"
    assert "LOYALPRO_API_KEY" in checks["keyring"]["detail"]
    text = cli("doctor")
    assert text.code == 0 and "PASS  backend:" in text.out and "WARN  keyring:" in text.out
    assert on_sandbox.api_key not in "".join(cli.printed)


def test_a_key_in_the_keyring_passes_without_being_shown(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    ring = MemoryKeyring()
    keyring.set_keyring(ring)  # usual_command_line puts the previous one back
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    ring.set_password("pos-app", f"api-key:{sandbox.url}", sandbox.api_key)
    code, checks = doctor(cli)
    assert checks["keyring"]["status"] == "pass", checks["keyring"]
    assert "holds a key" in checks["keyring"]["detail"]
    assert checks["backend"]["status"] == "pass", checks["backend"]
    assert code == 0 or checks["data folder"]["status"] != "pass", checks
    assert sandbox.api_key not in "".join(cli.printed)


def test_a_refused_key_fails_with_the_fix(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", "sk_test_not_the_right_one")
    code, checks = doctor(cli)
    assert code == 1
    assert checks["backend"]["status"] == "fail"
    assert "refused" in checks["backend"]["detail"]
    assert "set the new one with pos-app config set api_key" in checks["backend"]["fix"]
    assert "sk_test_not_the_right_one" not in "".join(cli.printed)
    text = cli("doctor")
    assert (
        text.code == 1 and "FAIL  backend:" in text.out and "fix: the key was refused" in text.out
    )


def test_a_hanging_backend_costs_the_timeout_not_more(
    cli: Cli, raw: MisbehavingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def hang(sock: socket.socket, _: SeenRequest) -> None:
        raw.stop.wait(30)  # released at teardown

    raw.behave(hang)
    monkeypatch.setenv("POS_APP_BACKEND_URL", raw.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", "sk_test_x")
    started = time.monotonic()
    code, checks = doctor(cli, "--timeout", "1")
    took = time.monotonic() - started
    assert code == 1 and checks["backend"]["status"] == "fail", checks["backend"]
    assert "did not answer within 1 s" in checks["backend"]["detail"]
    assert checks["clock"]["status"] == "warn"
    assert "did not answer" in checks["clock"]["detail"]
    assert took < 5, took
    assert raw.requests, "the doctor never asked"


@pytest.mark.parametrize(
    ("off_by", "status"),
    [
        (timedelta(seconds=0), "pass"),
        (timedelta(minutes=5), "warn"),
        (timedelta(minutes=-15), "fail"),
    ],
    ids=["in-time", "5-min-behind", "15-min-ahead"],
)
def test_the_clock_is_compared_with_the_backends_date(
    cli: Cli,
    raw: MisbehavingServer,
    monkeypatch: pytest.MonkeyPatch,
    off_by: timedelta,
    status: str,
) -> None:
    answer_with_date(raw, datetime.now(UTC) + off_by)
    monkeypatch.setenv("POS_APP_BACKEND_URL", raw.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", "sk_test_x")
    code, checks = doctor(cli)
    assert checks["clock"]["status"] == status, checks["clock"]
    assert checks["backend"]["status"] == "pass", checks["backend"]
    if status != "pass":
        assert "NTP" in checks["clock"]["fix"]
    assert (code == 1) is (status == "fail" or any(c["status"] == "fail" for c in checks.values()))


def test_no_date_header_and_a_live_key_on_this_machine_are_warnings(
    cli: Cli, raw: MisbehavingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_with_date(raw, None)
    monkeypatch.setenv("POS_APP_BACKEND_URL", raw.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", "sk_live_abc")
    _, checks = doctor(cli)
    assert checks["clock"]["status"] == "warn" and "no Date header" in checks["clock"]["detail"]
    assert checks["key kind"]["status"] == "warn" and "live key" in checks["key kind"]["detail"]


def test_the_doctor_changes_nothing_on_a_fresh_terminal(
    cli: Cli, on_sandbox: SandboxServer
) -> None:
    code, checks = doctor(cli)
    assert not cli.data_dir.exists(), "the doctor made the data folder"
    assert (
        checks["database"]["status"] == "warn" and "no database yet" in checks["database"]["detail"]
    )
    assert checks["data folder"]["status"] == "warn"
    assert code == 0, checks


def test_the_queue_its_oldest_operation_and_the_schema(cli: Cli, on_sandbox: SandboxServer) -> None:
    assert cli("sync", "--once").code == 0
    on_sandbox.faults.update(outage=True)
    assert cli("award", "--customer", C, "--points", "3", "--reason", "Sale").code == 0
    on_sandbox.faults.update(outage=False)
    config = load_config(data_dir=cli.data_dir)
    later = datetime.now(UTC) + timedelta(hours=2)
    checks = {
        c.name: c
        for c in examine(
            config,
            api_key=on_sandbox.api_key,
            key_from_env=True,
            log_dir=cli.data_dir,
            clock=lambda: later,
        )
    }
    assert checks["queue"].ok is None, checks["queue"]
    assert "1 operation waits" in checks["queue"].detail and "2 h" in checks["queue"].detail
    assert "pos-app sync --once" in checks["queue"].fix
    now = {
        c.name: c for c in examine(config, api_key=None, key_from_env=False, log_dir=cli.data_dir)
    }
    assert now["queue"].ok is True and "1 operation waits" in now["queue"].detail
    assert now["backend"].ok is False and "no API key" in now["backend"].detail

    # A database written by a newer pos-app: a failure, and the file is left as it was.
    database = cli.data_dir / "terminal.db"
    with closing(sqlite3.connect(database)) as db:
        db.execute("PRAGMA user_version = 99")
        db.commit()
    before = database.read_bytes()
    code, found = doctor(cli)
    assert code == 1 and found["schema"]["status"] == "fail", found["schema"]
    assert "newer" in found["schema"]["detail"] and "install the newer" in found["schema"]["fix"]
    assert database.read_bytes() == before


def test_a_damaged_database_fails_the_integrity_check(cli: Cli, on_sandbox: SandboxServer) -> None:
    assert cli("sync", "--once").code == 0
    database = cli.data_dir / "terminal.db"
    for leftover in cli.data_dir.glob("terminal.db-*"):
        leftover.unlink()
    data = bytearray(database.read_bytes())
    noise = random.Random(12)
    for page in range(3, len(data) // 4096, 2):  # scribble over every other page
        data[page * 4096 + 100 : page * 4096 + 300] = noise.randbytes(200)
    database.write_bytes(bytes(data))
    code, checks = doctor(cli)
    assert code == 1
    broken = checks.get("integrity") or checks["database"]
    assert broken["status"] == "fail", checks
    assert "support" in broken["fix"]


def test_folders_open_to_others_and_a_log_folder_that_is_a_file_fail(
    cli: Cli, on_sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("sync", "--once").code == 0
    cli.data_dir.chmod(0o755)
    (cli.data_dir / "terminal.db").chmod(0o644)
    monkeypatch.setenv("POS_APP_LOG_DIR", str(tmp_path / "a-file"))
    (tmp_path / "a-file").write_text("not a folder")
    code, checks = doctor(cli)
    assert code == 1
    data = checks["data folder"]
    assert data["status"] == "fail" and "terminal.db" in data["detail"], data
    assert "chmod 700" in data["fix"]
    assert (
        checks["log folder"]["status"] == "fail" and "is a file" in checks["log folder"]["detail"]
    )
    assert stat.S_IMODE((cli.data_dir / "terminal.db").stat().st_mode) == 0o644  # told, not changed


def test_little_free_disk_warns_and_almost_none_fails(cli: Cli, on_sandbox: SandboxServer) -> None:
    assert cli("sync", "--once").code == 0
    config = load_config(data_dir=cli.data_dir)

    def with_free(mb: int) -> Any:
        found = examine(
            config,
            api_key=None,
            key_from_env=False,
            log_dir=cli.data_dir,
            disk_usage=lambda _: mb * 1024 * 1024,
        )
        return next(c for c in found if c.name == "disk")

    assert with_free(10_000).ok is True
    assert with_free(400).ok is None and "400 MB free" in with_free(400).detail
    assert with_free(20).ok is False and "free disk space" in with_free(20).fix


def test_a_real_small_disk_fails_the_disk_check(
    cli: Cli, on_sandbox: SandboxServer, tmp_path: Path
) -> None:
    from support.disk_helpers import TinyDisk

    try:
        disk = TinyDisk(tmp_path / "tiny", size_mb=16)
    except OSError as error:
        pytest.skip(f"no tmpfs here: {error}")
    try:
        small = Cli(cli.capsys, cli.monkeypatch, disk.path / "data")
        assert small("sync", "--once").code == 0
        code, checks = doctor(small)
        assert code == 1 and checks["disk"]["status"] == "fail", checks["disk"]
    finally:
        shutil.rmtree(disk.path / "data", ignore_errors=True)
        disk.close()


def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    for argv, words in (
        (("--timeout", "0"), "--timeout 0 must be"),
        (("--timeout", "nan"), "--timeout nan must be"),
        (("--bundle", str(tmp_path / "support.txt")), "must name a .zip file"),
        (("--bundle", str(tmp_path / "missing" / "support.zip")), "does not exist"),
    ):
        run = cli("doctor", *argv)
        assert run.code == 2 and words in run.err and run.err.count("\n") == 1, (argv, run)
        assert "Traceback" not in run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [], list(tmp_path.iterdir())


def test_a_config_that_does_not_load_is_the_first_failure(cli: Cli) -> None:
    cli.data_dir.mkdir(mode=0o700)
    (cli.data_dir / "config.toml").write_text("online_wait_seconds = 1000\n")
    (cli.data_dir / "config.toml").chmod(0o600)
    code, checks = doctor(cli)
    assert code == 1
    first = next(iter(checks.values()))
    assert first["name"] == "config" and first["status"] == "fail", first
    assert "online_wait_seconds" in first["detail"] and "pos-app config check" in first["fix"]
    assert checks["data folder"]["status"] == "pass"  # the rest is still checked


def test_a_test_key_against_a_remote_https_backend_is_a_warning_with_the_fix(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Judged from the URL and the key alone: reached or not, sk_test_ on a URL that is not
    this machine is a warning (not a failure), and its fix says to use the live key."""
    monkeypatch.setenv("POS_APP_BACKEND_URL", "https://loyalty.example.invalid")
    monkeypatch.setenv("LOYALPRO_API_KEY", "sk_test_abc")
    _, checks = doctor(cli, "--timeout", "1")
    kind = checks["key kind"]
    assert kind["status"] == "warn" and "test key (sk_test_)" in kind["detail"], kind
    assert "loyalty.example.invalid" in kind["detail"] and "live key" in kind["fix"], kind
    assert "sk_test_abc" not in json.dumps(checks)


def test_an_unreadable_config_is_one_fail_line(cli: Cli, on_sandbox: SandboxServer) -> None:
    """The rest is checked on the flags and the environment: the backend they name is
    reached, not reported as missing (a second failure that is not one)."""
    cli.data_dir.mkdir(mode=0o700)
    cli.data_dir.chmod(0o700)
    (cli.data_dir / "config.toml").mkdir(mode=0o700)  # unreadable as a file, even for root
    run = cli("doctor")
    assert run.code == 1 and "Traceback" not in run.out + run.err, run
    (line,) = [line for line in run.out.splitlines() if line.startswith("FAIL")]
    assert line.startswith("FAIL  config: cannot read") and "config.toml" in line, run.out
    assert f"PASS  backend: {on_sandbox.url} answered" in run.out, run.out


def _choose_screen(cli: Cli, screen: str | None) -> None:
    cli.data_dir.mkdir(parents=True, exist_ok=True)
    path = cli.data_dir / "config.toml"
    path.write_text(f'[display]\nscreen = "{screen}"\n' if screen else "", encoding="utf-8")
    path.chmod(0o600)


def test_the_chosen_customer_display_is_checked_through_a_qt_probe(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pos-app doctor` asks a Qt probe in a subprocess (this process loads no Qt): the
    offscreen platform has one screen, so screen 1 is there and screen 2 is missing."""
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    _choose_screen(cli, "2")
    code, checks = doctor(cli, "--timeout", "0.5")
    display = checks["customer display"]
    assert display["status"] == "fail" and "screen 2 is not connected" in display["detail"]
    assert "screen 1 (" in display["detail"] and "display.screen" in display["fix"]
    assert code == 1
    _choose_screen(cli, "1")
    _, checks = doctor(cli, "--timeout", "0.5")
    assert checks["customer display"]["status"] == "pass", checks["customer display"]
    # Off: nothing is asked.
    _choose_screen(cli, None)
    _, checks = doctor(cli, "--timeout", "0.5")
    assert checks["customer display"]["status"] == "pass"
    assert "off" in checks["customer display"]["detail"]
