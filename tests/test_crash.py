"""kill -9 of a redeeming process at random moments: every code that was printed reaches
the backend exactly once, nothing is applied twice, and the database stays sound."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

from terminal_helpers import backend, key

from pos_app.sandbox import SandboxServer

ROUNDS = 14


def run_cli(
    env: dict[str, str], *args: str, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app", *args],
        env=env,
        text=True,
        capture_output=True,
        timeout=timeout,
    )


def test_kill_9_while_redeeming_loses_and_doubles_nothing(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    print(f"seed {seed}")
    with backend(sandbox) as c:
        customer = c.create_customer(name="Crash Test", idempotency_key=key())
        c.award_points(customer_id=customer.id, points=100_000, idempotency_key=key())
    data_dir = tmp_path / "terminal"
    env = {
        **os.environ,
        "POS_APP_BACKEND_URL": sandbox.url,
        "LOYALPRO_API_KEY": sandbox.api_key,
        "POS_APP_DATA_DIR": str(data_dir),
    }
    assert run_cli(env, "sync", "--once").returncode == 0

    sandbox.faults.update(latency_ms=150)  # widen the windows between commit and answer
    printed: list[str] = []
    killed = 0
    for _ in range(ROUNDS):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pos_app",
                "--json",
                "redeem",
                "--customer",
                customer.id,
                "--reward",
                "rwd_xyz789",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            proc.wait(timeout=rng.uniform(0.05, 1.2))  # the random moment of the crash
        except subprocess.TimeoutExpired:
            proc.kill()
            killed += 1
        out, _ = proc.communicate()
        for line in out.splitlines():
            try:
                answer = json.loads(line)
            except json.JSONDecodeError:
                continue  # cut off mid-line by the kill: not printed
            if "code" in answer:
                printed.append(answer["code"])
    sandbox.faults.update(latency_ms=0)
    assert killed >= 1, f"no process was killed (seed {seed}): the test proved nothing"

    synced = run_cli(env, "--json", "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    assert json.loads(synced.stdout.splitlines()[-1])["pending"] == 0

    db = sqlite3.connect(data_dir / "terminal.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    local = dict(db.execute("SELECT code, status FROM redemptions WHERE origin = 'local'"))
    unshown = {
        row[0]
        for row in db.execute(
            "SELECT code FROM redemptions WHERE shown_at IS NULL AND origin = 'local' "
            "AND status IN ('pending', 'confirmed', 'offline')"
        )
    }
    db.close()

    with backend(sandbox) as c:
        remote = [
            r for r in c.iter_all(c.list_redemptions, limit=100) if r.customer_id == customer.id
        ]
        balance = c.get_customer(customer.id).points_balance
    remote_codes = [r.code for r in remote]
    assert len(remote_codes) == len(set(remote_codes))
    for code in printed:
        assert remote_codes.count(code) == 1, f"printed {code} is not on the backend once"
    # Nothing reached the backend that this terminal does not know about...
    assert set(remote_codes) <= set(local)
    # ...every live local redemption got there...
    live = {code for code, status in local.items() if status in ("confirmed", "offline")}
    assert live <= set(remote_codes)
    # ...each one cost its points exactly once...
    issued = [r for r in remote if r.status.value != "void"]
    assert balance == 100_000 - 200 * len(issued)
    # ...and a code that may never have been shown is surfaced, never silently kept.
    for code in set(remote_codes) - set(printed):
        if local[code] in ("confirmed", "offline"):
            assert code in unshown, f"{code} was committed, never printed, and not surfaced"
    recovery = run_cli(env, "--json", "recovery", "list")
    listed = {r["code"] for r in json.loads(recovery.stdout)["data"]}
    assert listed == unshown
