"""The terminal's log (pos_app/logs.py), `pos-app logs` and the support bundle
(`pos-app doctor --bundle`) after a whole session at the till from the command line: sign
in, award on a sale, redeem, return, an award queued offline and synced later.

- The log is in its own folder (POS_APP_LOG_DIR here), owner-only, rotated as [logs] says.
- One line per event with time, level, terminal, operator and operation: a redemption and
  a queued award can be followed by their operation id from the counter to the backend's
  answer, across the retries.
- No API key, PIN or PIN hash in any log file or in the bundle; no customer's details in
  the bundle.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.seed import BOSS, BOSS_PIN, DEPUTY, DEPUTY_PIN, C, R
from support.terminal_helpers import InProcessCli as Cli

from pos_app.sandbox import SandboxServer

pytestmark = pytest.mark.usefixtures("usual_command_line")
LINE_RE = re.compile(
    r"^(?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d) (?P<level>[A-Z]+) "
    r"terminal=(?P<terminal>\S+) operator=(?P<operator>\S+) op=(?P<op>\S+) "
    r"(?P<logger>[\w.]+): (?P<message>.*)$"
)
API_KEY = "sk_test_session_0123456789abcdef"


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv("POS_APP_LOG_DIR", str(folder))
    return folder


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    log_dir: Path,
) -> Cli:
    return Cli(capsys, monkeypatch, tmp_path / "data")


@pytest.fixture
def keyed_sandbox(tmp_path: Path, seeded_template: Path) -> Iterator[SandboxServer]:
    """A seeded sandbox that takes the session's own, known API key."""
    import shutil

    db = tmp_path / "keyed-sandbox.db"
    shutil.copy(seeded_template, db)
    with SandboxServer(db, api_key=API_KEY) as server:
        yield server


def session(cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", API_KEY)
    as_deputy = ("--operator", DEPUTY)
    pin = f"{DEPUTY_PIN}\n"
    steps: list[tuple[tuple[str, ...], str, int]] = [
        (("staff", "add", "--name", BOSS, "--role", "manager"), f"{BOSS_PIN}\n", 0),
        (
            ("staff", "add", "--name", DEPUTY, "--role", "cashier", "--manager", BOSS),
            f"{BOSS_PIN}\n{DEPUTY_PIN}\n",
            0,
        ),
        (("sync", "--once"), "", 0),
        ((*as_deputy, "award", "--customer", C, "--order", "S-1", "--amount", "800"), pin, 0),
        (("-v", *as_deputy, "redeem", "--customer", C, "--reward", R), pin, 0),
        ((*as_deputy, "return", "--order", "S-1", "--amount", "400"), pin, 0),
        ((*as_deputy, "staff", "list"), "00000000\n", 3),  # a wrong PIN
    ]
    for argv, stdin, expected in steps:
        run = cli(*argv, stdin=stdin)
        assert run.code == expected, (argv, run)
    sandbox.faults.update(outage=True)
    queued = cli(*as_deputy, "award", "--customer", C, "--points", "3", "--reason", "S", stdin=pin)
    assert queued.code == 0, queued
    assert cli("-v", "sync", "--once").code == 4
    sandbox.faults.update(outage=False)
    assert cli("sync", "--once").code == 0
    assert cli("sync", "status").code == 0


def entries(log_dir: Path) -> list[dict[str, str]]:
    found = []
    for path in sorted(log_dir.glob("pos-app.log*")):
        for line in path.read_text(encoding="utf-8").splitlines():
            matched = LINE_RE.match(line)
            if matched:
                found.append(matched.groupdict())
    return found


def pin_hashes(data_dir: Path) -> list[str]:
    with closing(sqlite3.connect(data_dir / "terminal.db")) as db:
        return [row[0] for row in db.execute("SELECT pin_hash FROM staff")]


def test_a_whole_session_is_logged_one_line_per_event_and_no_secret(
    cli: Cli, keyed_sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch, log_dir: Path
) -> None:
    session(cli, keyed_sandbox, monkeypatch)
    files = sorted(log_dir.glob("pos-app.log*"))
    assert files, "nothing was logged"
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path

    # No secret in any log file: the key, a PIN, a PIN's hash (nor its salt and digest).
    hashes = pin_hashes(cli.data_dir)
    assert len(hashes) == 2
    secrets = [API_KEY, BOSS_PIN, DEPUTY_PIN, *hashes]
    secrets += [part for h in hashes for part in re.split(r"[$:]", h) if len(part) >= 16]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for secret in secrets:
            assert secret not in text, f"a secret ({secret[:6]}...) is in {path.name}"

    lines = entries(log_dir)
    every = "".join(p.read_text(encoding="utf-8") for p in files).splitlines()
    assert len(lines) == len(every), [x for x in every if not LINE_RE.match(x)][:3]
    terminals = {e["terminal"] for e in lines}
    assert len(terminals) == 1 and next(iter(terminals)).startswith("term_"), terminals

    # The redemption, from the counter to the backend's answer, by its operation id.
    recorded = [e for e in lines if e["message"].startswith("redeem recorded as outbox")]
    assert len(recorded) == 1, recorded
    op = recorded[0]["op"]
    story = [e["message"] for e in lines if e["op"] == op]
    assert any(m.startswith("sending redeem") for m in story), story
    assert "redeem: done" in story and "redeem: confirmed" in story, story
    assert {e["operator"] for e in lines if e["op"] == op} == {DEPUTY}

    # The award queued offline: tried, kept pending, then applied by a later sync.
    awards = [e["op"] for e in lines if e["message"].startswith("award recorded as outbox")]
    assert len(awards) == 2
    offline = [e["message"] for e in lines if e["op"] == awards[1]]
    assert any("kept pending" in m for m in offline), offline
    assert "award: queued" in " ".join(offline), offline
    assert offline[-1] == "award: done", offline
    tries = [m for m in offline if m.startswith("sending award")]
    assert len(tries) >= 2 and "try 1)" in tries[0], tries

    # The return and the commands themselves are there too.
    assert any(e["message"].startswith("return recorded") for e in lines) or any(
        "pos-app return" in e["message"] for e in lines
    )
    assert any(e["message"] == "pos-app redeem: exit 0" for e in lines)


def test_the_bundle_has_each_part_and_no_secret_nor_customer(
    cli: Cli, keyed_sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    session(cli, keyed_sandbox, monkeypatch)
    (cli.data_dir / "config.toml").write_text(
        'store_id = "S-12"\n[logs]\nmax_kib = 64\nfiles = 3\n', encoding="utf-8"
    )
    (cli.data_dir / "config.toml").chmod(0o600)  # as pos-app config set writes it
    bundle = tmp_path / "support.zip"
    run = cli("--json", "doctor", "--bundle", str(bundle))
    assert run.code == 0, run
    assert json.loads(run.out)["bundle"] == str(bundle)
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    with zipfile.ZipFile(bundle) as zf:
        names = set(zf.namelist())
        assert {"doctor.json", "config.toml", "queue.json", "about.json"} <= names, names
        assert "logs/pos-app.log" in names, names
        parts = {name: zf.read(name).decode("utf-8") for name in names}
    doctor = json.loads(parts["doctor.json"])
    assert doctor["ok"] is True and {c["name"] for c in doctor["checks"]} >= {"backend", "queue"}
    about = json.loads(parts["about.json"])
    assert about["schema"]["database"] == about["schema"]["code"] > 0
    assert about["pos_app"] and about["python"] and about["terminal_id"].startswith("term_")
    assert "qt" in about
    queue_summary = json.loads(parts["queue.json"])
    kinds = {(r["kind"], r["state"]): r["count"] for r in queue_summary["by_kind_and_state"]}
    assert kinds.get(("award", "done"), 0) >= 2 and ("redeem", "done") in kinds, kinds
    assert 'store_id = "S-12"' in parts["config.toml"] and "max_kib = 64" in parts["config.toml"]

    hashes = pin_hashes(cli.data_dir)
    forbidden = [API_KEY, BOSS_PIN, DEPUTY_PIN, *hashes]
    # The seed customer: id, name, e-mail, phone; and the redemption's code.
    forbidden += ["Ada", "ada@example.com", "+234"]
    for name, text in parts.items():
        for secret in forbidden:
            assert secret not in text, f"{secret[:8]}... is in {name}"
    assert re.search(r"REDEEM-[0-9A-Z]{10}", "".join(parts.values())) is None


def test_a_config_with_a_secret_in_it_loses_it_in_the_bundle(tmp_path: Path) -> None:
    from pos_app.config import Config
    from pos_app.services.support_bundle import write_bundle

    data = tmp_path / "data"
    data.mkdir()
    (data / "config.toml").write_text(
        'backend_url = "https://loyalty.example"\napi_key = "sk_live_oops"\n'
        '[printer]\ntoken = "abc"\nname = "till printer"\nnote = "sk_live_hidden"\n',
        encoding="utf-8",
    )
    # Such a config.toml does not load (unknown keys): the doctor bundles it all the same.
    config = Config(data_dir=data, backend_url=None, terminal_id=None)
    bundle = tmp_path / "b.zip"
    write_bundle(bundle, checks=[], config=config, log_dir=tmp_path / "no-logs")
    with zipfile.ZipFile(bundle) as zf:
        text = zf.read("config.toml").decode("utf-8")
    assert "sk_live" not in text and "abc" not in text
    assert "# removed: api_key" in text and "# removed: printer.token" in text
    assert 'name = "till printer"' in text


def test_logs_since_a_duration_or_a_time(
    cli: Cli, log_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now().astimezone()

    def stamp(ago: timedelta) -> str:
        return (now - ago).isoformat(timespec="milliseconds")

    log_dir.mkdir(mode=0o700)
    (log_dir / "pos-app.log.1").write_text(
        f"{stamp(timedelta(hours=3))} INFO terminal=t operator=- op=- x: three hours ago\n",
        encoding="utf-8",
    )
    (log_dir / "pos-app.log").write_text(
        f"{stamp(timedelta(hours=1))} INFO terminal=t operator=- op=- x: an hour ago\n"
        f"{stamp(timedelta(minutes=5))} ERROR terminal=t operator=- op=- x: five minutes ago\n"
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1\n',
        encoding="utf-8",
    )
    everything = cli("logs")
    assert everything.code == 0
    assert [line.split(": ")[-1] for line in everything.out.splitlines()[:3]] == [
        "three hours ago",
        "an hour ago",
        "five minutes ago",
    ]
    recent = cli("logs", "--since", "10m").out
    assert "five minutes ago" in recent and "Traceback" in recent and "an hour" not in recent
    two_hours = cli("logs", "--since", "2h").out
    assert "an hour ago" in two_hours and "three hours" not in two_hours
    since = (now - timedelta(minutes=90)).replace(tzinfo=None).isoformat(timespec="minutes")
    assert "three hours" not in cli("logs", "--since", since).out
    as_json = json.loads(cli("--json", "logs", "--since", "10m").out)
    assert as_json["lines"][0].endswith("five minutes ago")
    for bad in ("yesterday", "10 minutes", "-5m", ""):
        refused = cli("logs", f"--since={bad}")
        assert refused.code == 2 and "--since" in refused.err and "10m" in refused.err, refused


def test_logs_follow_prints_new_lines_until_interrupted(
    log_dir: Path, tmp_path: Path, keyed_sandbox: SandboxServer
) -> None:
    env = {
        **os.environ,
        "POS_APP_LOG_DIR": str(log_dir),
        "POS_APP_BACKEND_URL": keyed_sandbox.url,
        "LOYALPRO_API_KEY": API_KEY,
    }
    data = ["--data-dir", str(tmp_path / "data")]
    first = subprocess.run(
        [sys.executable, "-m", "pos_app", *data, "sync", "--once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert first.returncode == 0, first.stderr
    follower = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "logs", "--follow"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert follower.stdout is not None
        for line in follower.stdout:
            seen.put(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def wait_for(text: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                if text in seen.get(timeout=max(0.0, end - time.monotonic())):
                    return
            except queue.Empty:
                break
        raise AssertionError(f"{text!r} never came")

    try:
        wait_for("pos-app sync: exit 0")  # what was there
        second = subprocess.run(
            [sys.executable, "-m", "pos_app", *data, "sync", "status"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        wait_for("pos-app sync status: exit 0")  # what came while following
    finally:
        follower.send_signal(signal.SIGINT)
        try:
            code = follower.wait(timeout=30)
        finally:
            if follower.poll() is None:
                follower.kill()
                follower.wait()
        reader.join(timeout=5)
    assert code == 0
    assert follower.stderr is not None and "Traceback" not in follower.stderr.read()


@pytest.mark.parametrize("files", [1, 2, 3])
def test_the_log_rotates_as_config_says_and_every_file_stays_owner_only(
    cli: Cli,
    keyed_sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
    log_dir: Path,
    files: int,
) -> None:
    cli.data_dir.mkdir(mode=0o700)
    (cli.data_dir / "config.toml").write_text(f"[logs]\nmax_kib = 64\nfiles = {files}\n")
    monkeypatch.setenv("POS_APP_BACKEND_URL", keyed_sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", API_KEY)
    assert cli("-v", "sync", "--once").code == 0
    import logging

    from pos_app import logs
    from pos_app.config import load_config

    with logs.to_file(load_config(data_dir=cli.data_dir)) as handler:
        assert handler is not None
        for n in range(800):  # 250 KiB: rotated a few times
            logging.getLogger("pos_app.test").info("line %d %s", n, "x" * 300)
    names = sorted(p.name for p in log_dir.iterdir())
    assert names == ["pos-app.log", *(f"pos-app.log.{n}" for n in range(1, files))], names
    for path in log_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.stat().st_size <= 64 * 1024, (path.name, path.stat().st_size)
    assert "line 799 " in (log_dir / "pos-app.log").read_text(encoding="utf-8")


def test_bad_log_settings_are_refused_naming_the_key(cli: Cli, log_dir: Path) -> None:
    cli.data_dir.mkdir(mode=0o700)
    for text, words in (
        ("[logs]\nmax_kib = 10\n", "max_kib in [logs]"),
        ("[logs]\nfiles = 0\n", "files in [logs]"),
        ("[logs]\nfiles = true\n", "files in [logs]"),
        ("[logs]\nsize = 1\n", "unknown keys: size"),
    ):
        (cli.data_dir / "config.toml").write_text(text)
        run = cli("sync", "status")
        assert run.code == 2 and words in run.err, (text, run)
        assert "Traceback" not in run.err
