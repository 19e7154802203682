"""Hang-ups: a client that closes its socket while the sandbox writes the answer, and a
reader that closes our stdout (`pos-app ... | head -c1`). Neither may kill the process
(SIGPIPE) nor print a traceback. Real subprocesses: signal dispositions are per process."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

C = "cus_abc123"
HANG_UPS = 60
SERVE = [sys.executable, "-m", "pos_app", "sandbox", "serve", "--port", "0"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POS_APP_", "LOYALPRO_"))}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return {**env, **extra}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`pos-app sandbox serve` in a subprocess on a free loopback port."""
    server = subprocess.Popen(
        [*SERVE, "--db", str(tmp_path / "sandbox.db")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)", first)
        assert found, first + (server.stderr.read() if server.poll() is not None else "")
        yield server, found.group(1)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _hang_up_during_the_answer(url: str, path: str) -> None:
    """Send a request for a large answer and close at once: the server's first write draws
    a reset, and its next one fails with EPIPE (SIGPIPE, were it not ignored)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
            "Authorization: Bearer sk_test_sandbox\r\n\r\n".encode()
        )


def test_sandbox_survives_clients_that_hang_up_mid_answer(
    served: tuple[subprocess.Popen[str], str],
) -> None:
    server, url = served
    for i in range(HANG_UPS):
        try:
            _hang_up_during_the_answer(url, "/openapi.json" if i % 2 else "/v1/customers?limit=100")
        except ConnectionRefusedError:
            server.wait(timeout=10)
            pytest.fail(f"the sandbox died (exit {server.returncode}) after {i} hang-ups")
        time.sleep(0.002)  # sleep-ok: let the server reach the write of the answer
        assert server.poll() is None, f"the sandbox died (exit {server.returncode}) after {i}"
    time.sleep(0.2)  # sleep-ok: a SIGPIPE death would come within this window
    assert server.poll() is None, f"the sandbox died (exit {server.returncode})"
    with urllib.request.urlopen(f"{url}/openapi.json", timeout=10) as answer:
        assert answer.status == 200
        assert "paths" in json.loads(answer.read())


def _big_audit_log(data: Path) -> None:
    """Far more than a pipe's buffer (64 KiB) of audit log to print."""
    from datetime import UTC, datetime

    from pos_app.store import audit, open_database

    db = open_database(data)
    try:
        with db.transaction() as conn:
            for i in range(1500):
                audit.append(
                    conn,
                    now=datetime.now(UTC),
                    actor="system",
                    action="test.filler",
                    subject=str(i),
                    details={"text": "x" * 100},
                )
    finally:
        db.close()


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["audit", "export", "--format", "json"], id="audit-export"),
        pytest.param(["audit", "list", "--limit", "5000"], id="audit-list"),
        pytest.param(["--json", "audit", "list", "--limit", "5000"], id="audit-list-json"),
    ],
)
def test_output_into_a_closed_pipe_ends_quietly(tmp_path: Path, argv: list[str]) -> None:
    """`pos-app ... | head -c1`: no traceback, no "Unexpected", no complaint at exit."""
    data = tmp_path / "data"
    _big_audit_log(data)
    command = " ".join(
        [
            f"{sys.executable} -m pos_app --data-dir {data}",
            *argv,
            "2>",
            str(tmp_path / "err"),
            "| head -c1 >/dev/null; echo ${PIPESTATUS[0]}",
        ]
    )
    done = subprocess.run(
        ["bash", "-c", command], env=_env(), capture_output=True, text=True, timeout=60
    )
    err = (tmp_path / "err").read_text()
    assert err == "", err  # no traceback, no "Unexpected", no complaint at exit
    assert done.stdout.strip() in ("0", "141"), done.stdout


@pytest.mark.parametrize(
    "argv", [["sync", "status"], ["--json", "staff", "list"], ["--version"]], ids=str
)
def test_no_command_changes_the_sigpipe_disposition(tmp_path: Path, argv: list[str]) -> None:
    """The GUI (which may host the sandbox) runs through main() too: whatever ran before
    it, SIGPIPE must stay ignored, so a socket's EPIPE is an error, not a silent death."""
    import signal

    probe = (
        "import signal, sys\n"
        "from pos_app.cli import main\n"
        "try:\n"
        f"    main(['--data-dir', {str(tmp_path / 'd')!r}, *{argv!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(int(signal.getsignal(signal.SIGPIPE)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=_env(), capture_output=True, text=True, timeout=60
    )
    assert done.stderr.strip().splitlines()[-1] == str(int(signal.SIG_IGN)), done.stderr
