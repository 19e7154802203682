"""The smaller defects of ISSUE8 #10 (all but the openapi one), each as the cashier or IT
person meets it: one clear line and exit 2 or 3, never "Unexpected error"; nothing raw
from a name reaches the terminal; every file written is owner-only; plain http to another
machine only on purpose; the right reason when the key is missing or a reward unknown."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from support.terminal_helpers import CliRun as Run
from support.terminal_helpers import InProcessCli as Cli

from pos_app.sandbox import SandboxServer

C = "cus_abc123"
R = "rwd_xyz789"
ESC_NAME = "Bo \x1b[2J\x1b]0;pwned\x07Ade\u202e"


def one_clear_line(run: Run, code: int) -> str:
    assert run.code == code, run
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run
    assert "Traceback" not in run.err and "Unexpected" not in run.err, run
    return lines[0]


pytestmark = pytest.mark.usefixtures("usual_command_line")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    return Cli(capsys, monkeypatch, tmp_path / "data")


@pytest.fixture
def online(cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    return cli


# ---------------------------------------------------------------- exit 2, one clear line
def test_invalid_utf8_in_an_argument(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "pos_app", "--data-dir", str(tmp_path / "d")]
    argv += ["customer", "find", os.fsdecode(b"Ad\xff\xfea")]
    run = subprocess.run(
        [os.fsencode(a) for a in argv],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )
    err = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 2, err
    assert "UTF-8" in err and len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["report", "daily", "--format", "csv", "--output"], id="report-csv"),
        pytest.param(["report", "daily", "--format", "pdf", "--output"], id="report-pdf"),
        pytest.param(["audit", "export", "--output"], id="audit-export"),
    ],
)
def test_output_into_a_missing_folder(online: Cli, tmp_path: Path, argv: list[str]) -> None:
    line = one_clear_line(online(*argv, str(tmp_path / "no" / "such" / "out")), 2)
    assert "does not exist" in line, line


def test_a_url_with_a_password_is_refused_without_echoing_it(cli: Cli) -> None:
    run = cli("--backend", "https://till:s3cret@loyalty.example", "sync", "status")
    line = one_clear_line(run, 2)
    assert "user name or password" in line and "s3cret" not in run.err + run.out, line


@pytest.mark.parametrize("port", ["x", "99999"])
def test_a_url_with_a_bad_port_is_refused(cli: Cli, port: str) -> None:
    one_clear_line(cli("--backend", f"https://loyalty.example:{port}", "sync", "status"), 2)


# ---------------------------------------------------------------- http to another machine
def test_plain_http_to_another_machine_needs_insecure(cli: Cli, tmp_path: Path) -> None:
    url = "http://loyalty.example"
    line = one_clear_line(cli("--backend", url, "staff", "list"), 2)
    assert "--insecure" in line and "unencrypted" in line, line
    assert cli("--backend", url, "--insecure", "staff", "list").code == 0
    (cli.data_dir / "config.toml").write_text(f'backend_url = "{url}"\n')
    assert cli("staff", "list").code == 2
    (cli.data_dir / "config.toml").write_text(f'backend_url = "{url}"\ninsecure_http = true\n')
    assert cli("staff", "list").code == 0
    for loopback in ("http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9"):
        assert cli("--backend", loopback, "staff", "list").code == 0, loopback
    assert cli("--backend", "https://loyalty.example", "staff", "list").code == 0


# ---------------------------------------------------------------- control characters
@pytest.mark.parametrize(
    "name", ["Bo\x1b[31mAde", "Bo\nAde", "Bo\x07", "Bo\u202eedA", "Bo\x9b31m", "Bo\x00"]
)
def test_control_characters_in_a_new_customers_name_are_refused(
    online: Cli, sandbox: SandboxServer, name: str
) -> None:
    line = one_clear_line(online("customer", "enrol", "--name", name), 2)
    assert "control characters" in line, line
    found = httpx.get(
        f"{sandbox.url}/v1/customers",
        params={"q": "Bo"},
        headers={"Authorization": f"Bearer {sandbox.api_key}"},
    )
    assert all("Bo" not in c["name"] for c in found.json()["data"]), found.text


def test_names_from_the_backend_are_never_echoed_raw(online: Cli, sandbox: SandboxServer) -> None:
    made = httpx.post(
        f"{sandbox.url}/v1/customers",
        json={"name": ESC_NAME},
        headers={"Authorization": f"Bearer {sandbox.api_key}", "Idempotency-Key": "k-esc-1"},
    )
    assert made.status_code in (200, 201), made.text
    cid = made.json()["id"]
    for argv in (
        ["customer", "show", cid],
        ["customer", "find", "Bo"],
        ["--json", "customer", "show", cid],
    ):
        run = online(*argv)
        assert run.code == 0, run
        for raw in ("\x1b", "\x07", "\u202e"):
            assert raw not in run.out + run.err, (argv, run.out)
    assert "\\x1b[2J" in online("customer", "show", cid).out


# ---------------------------------------------------------------- owner-only files
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["report", "daily", "--format", "csv"], id="report-csv"),
        pytest.param(["report", "daily", "--format", "json"], id="report-json"),
        pytest.param(["report", "daily", "--format", "pdf"], id="report-pdf"),
        pytest.param(["audit", "export", "--format", "csv"], id="audit-csv"),
        pytest.param(["audit", "export", "--format", "json"], id="audit-json"),
    ],
)
def test_exports_are_owner_only(online: Cli, tmp_path: Path, argv: list[str]) -> None:
    target = tmp_path / "export.out"
    target.write_text("old")
    target.chmod(0o644)  # even over a file that was world-readable
    run = online(*argv, "--output", str(target))
    assert run.code == 0, run
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() != b"old"


# ---------------------------------------------------------------- the right reason
def test_sync_status_names_the_missing_key_not_the_backend(
    cli: Cli, sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    run = cli("sync", "status")
    assert run.code == 0, run
    assert "no backend configured" not in run.out and "LOYALPRO_API_KEY" in run.out, run
    assert "LOYALPRO_API_KEY" in json.loads(cli("--json", "sync", "status").out)["problem"]
    monkeypatch.delenv("POS_APP_BACKEND_URL")
    assert "no backend configured" in cli("sync", "status").out


def test_offline_an_unknown_reward_is_unknown_not_a_missing_catalogue(
    online: Cli, sandbox: SandboxServer
) -> None:
    assert online("sync", "--once").code == 0  # the catalogue is now on the terminal
    sandbox.faults.update(outage=True)
    line = one_clear_line(online("redeem", "--customer", C, "--reward", "rwd_nope"), 3)
    assert "No reward with id rwd_nope" in line, line
