"""`pos-app sandbox serve` as an IT person runs it: prints URL and key, serves, stops
cleanly on SIGTERM and Ctrl-C, refuses bad flags with a message and exit 2."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

SERVE = (sys.executable, "-m", "pos_app", "sandbox", "serve")


def start_serve(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [*SERVE, "--port", "0", "--db", str(tmp_path / "sb.db"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+)", first)
    assert match, first + proc.stderr.read() if proc.stderr else first
    return proc, match.group(1)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_serve_prints_url_and_key_serves_and_stops_cleanly(
    tmp_path: Path, stop: signal.Signals
) -> None:
    proc, url = start_serve(tmp_path, "--api-key", "sk_test_mine")
    try:
        assert proc.stdout is not None
        assert "sk_test_mine" in proc.stdout.readline()
        answer = httpx.get(
            f"{url}/v1/customers/cus_abc123", headers={"Authorization": "Bearer sk_test_mine"}
        )
        assert answer.json()["points_balance"] == 500
        assert (
            httpx.get(
                f"{url}/v1/customers/cus_abc123",
                headers={"Authorization": "Bearer sk_test_sandbox"},
            ).status_code
            == 401
        )
    finally:
        proc.send_signal(stop)
        _, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_serve_with_faults_from_flags(tmp_path: Path) -> None:
    proc, url = start_serve(tmp_path, "--outage")
    try:
        with pytest.raises(httpx.TransportError):
            httpx.get(
                f"{url}/v1/customers/cus_abc123",
                headers={"Authorization": "Bearer sk_test_sandbox"},
            )
        faults = httpx.get(
            f"{url}/_sandbox/faults", headers={"Authorization": "Bearer sk_test_sandbox"}
        ).json()
        assert faults["outage"] is True
    finally:
        proc.terminate()
        proc.communicate(timeout=15)


def test_empty_database_has_tiers_but_no_customers(tmp_path: Path) -> None:
    proc, url = start_serve(tmp_path, "--empty")
    try:
        headers = {"Authorization": "Bearer sk_test_sandbox"}
        assert httpx.get(f"{url}/v1/customers", headers=headers).json()["data"] == []
    finally:
        proc.terminate()
        proc.communicate(timeout=15)


@pytest.mark.parametrize(
    "args", [["--port", "notaport"], ["--error-rate", "2"], ["--latency-ms", "-5"], ["--bogus"]]
)
def test_bad_flags_exit_2_with_a_message(tmp_path: Path, args: list[str]) -> None:
    done = subprocess.run(
        [*SERVE, "--db", str(tmp_path / "x.db"), *args],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.strip()


def test_port_in_use_is_a_clear_message(tmp_path: Path) -> None:
    proc, url = start_serve(tmp_path)
    try:
        port = url.rsplit(":", 1)[1]
        done = subprocess.run(
            [*SERVE, "--port", port, "--db", str(tmp_path / "other.db")],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ},
        )
        assert done.returncode == 2
        assert "cannot serve" in done.stderr and "Traceback" not in done.stderr
    finally:
        proc.terminate()
        proc.communicate(timeout=15)
