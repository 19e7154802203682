"""A nearly full disk (issue 8, defect 2): work the backend applied is never reported as
failed, and a command that could record nothing says so in one line, with nothing sent.

The disk is real: a tiny tmpfs holds the terminal's data directory and is filled with a
ballast file at the exact moment under test (while the request is at the backend, or
while the code is on its way to the screen), then freed again. Where no tmpfs can be
mounted, the command's own RLIMIT_FSIZE plays the full disk (tests/disk_helpers.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.disk_helpers import FullDisk, full_disk, wait_for
from support.terminal_helpers import backend, key

from pos_app.domain.timefmt import from_db
from pos_app.sandbox import SandboxServer

REWARD = "rwd_xyz789"  # 200 points
DISK_FULL_EXIT = 5


@dataclass
class Till:
    sandbox: SandboxServer
    disk: FullDisk
    env: dict[str, str]
    data_dir: Path
    customer_id: str

    def cli(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.disk.command(), *args],
            env=self.env,
            input=stdin,
            text=True,
            capture_output=True,
            timeout=60,
        )

    def in_flight(self) -> bool:
        """A request with an idempotency key is being processed by the backend."""
        return bool(self.sandbox.api.state.idempotency._running)

    def fill_while_in_flight(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        """Run a command; once its request is at the backend (committed locally, not yet
        answered), fill the disk. The answer then arrives on a full disk."""
        proc = subprocess.Popen(
            [sys.executable, "-m", "pos_app", *args],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdin is not None
            proc.stdin.write(stdin)
            proc.stdin.close()
            proc.stdin = None  # written and closed: communicate() only reads
            wait_for(lambda: self.in_flight() or proc.poll() is not None, what="the request")
            self.disk.fill(proc.pid)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)

    def balance(self) -> int:
        with backend(self.sandbox) as c:
            return c.get_customer(self.customer_id).points_balance

    def local(self, sql: str) -> list[tuple[object, ...]]:
        db = sqlite3.connect(self.data_dir / "terminal.db")
        try:
            return [tuple(r) for r in db.execute(sql)]
        finally:
            db.close()


@pytest.fixture
def till(sandbox: SandboxServer, tmp_path: Path) -> Iterator[Till]:
    with full_disk(tmp_path / "disk") as disk, backend(sandbox) as c:
        customer = c.create_customer(name="Disk Full", idempotency_key=key())
        c.award_points(customer_id=customer.id, points=500, idempotency_key=key())
        data_dir = disk.path / "terminal"
        env = {
            **os.environ,
            "POS_APP_BACKEND_URL": sandbox.url,
            "LOYALPRO_API_KEY": sandbox.api_key,
            "POS_APP_DATA_DIR": str(data_dir),
        }
        t = Till(sandbox, disk, env, data_dir, customer.id)
        assert t.cli("sync", "--once").returncode == 0
        assert t.cli("customer", "show", customer.id).returncode == 0
        yield t


def _clean(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert "Unexpected error" not in done.stderr, done.stderr


def _final_sync(t: Till) -> dict[str, object]:
    t.sandbox.faults.update(latency_ms=0)
    t.disk.free()
    synced = t.cli("--json", "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    report: dict[str, object] = json.loads(synced.stdout.splitlines()[-1])
    assert report["pending"] == 0, report
    return report


def test_award_applied_on_a_full_disk_is_not_reported_failed_so_never_doubled(
    till: Till,
) -> None:
    """Issue: 3 'failed' awards of 7 points took 500 to 521. A cashier retries only what
    is reported as failed; the award is reported as done, and recorded once space allows."""
    till.sandbox.faults.update(latency_ms=150)
    attempts = []
    for _ in range(3):
        done = till.fill_while_in_flight(
            "award", "--customer", till.customer_id, "--points", "7", "--reason", "disk-award"
        )
        till.disk.free()
        attempts.append(done)
        if done.returncode == 0:
            break
    _final_sync(till)
    assert till.balance() == 507, [(a.returncode, a.stderr) for a in attempts]
    assert len(attempts) == 1
    _clean(attempts[0])
    assert "Awarded 7 points" in attempts[0].stdout
    assert "recorded on this terminal when disk space allows" in attempts[0].stdout.lower()
    # The answer was recorded by the replay of the same key: one award, done locally.
    assert till.local("SELECT state FROM outbox WHERE kind = 'award'") == [("done",)]
    with backend(till.sandbox) as c:
        history = list(c.iter_all(c.list_points, customer_id=till.customer_id, limit=100))
    assert [x.points for x in history if x.reason == "disk-award"] == [7]


def test_redemption_applied_on_a_full_disk_shows_its_code(till: Till) -> None:
    """Issue: a redemption committed and applied (customer charged), no code, exit 1."""
    till.sandbox.faults.update(latency_ms=150)
    done = till.fill_while_in_flight(
        "--json", "redeem", "--customer", till.customer_id, "--reward", REWARD
    )
    _clean(done)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.splitlines()[-1])
    code = answer["code"]
    assert answer["status"] == "confirmed"
    assert "disk" in done.stderr and code in done.stderr  # the warning line
    _final_sync(till)
    with backend(till.sandbox) as c:
        remote = [r for r in c.iter_all(c.list_redemptions, limit=100) if r.code == code]
    assert len(remote) == 1 and remote[0].status.value == "issued"
    assert till.balance() == 300
    assert till.local(f"SELECT status FROM redemptions WHERE code = '{code}'") == [("confirmed",)]


def test_code_on_screen_when_the_disk_fills_is_not_followed_by_a_failure(till: Till) -> None:
    """Issue: a code was printed and the command still exited 1. The disk fills while the
    code is being written to the screen (stdout is held full until the redemption is
    recorded as confirmed; then the disk is filled and stdout drained)."""
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    try:
        while True:
            os.write(write_end, b"#" * 4096)  # fill the pipe: the child's print will block
    except BlockingIOError:
        pass
    os.set_blocking(write_end, True)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pos_app",
            "redeem",
            "--customer",
            till.customer_id,
            "--reward",
            REWARD,
        ],
        env=till.env,
        stdin=subprocess.DEVNULL,
        stdout=write_end,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    try:
        wait_for(
            lambda: (
                till.local("SELECT status FROM redemptions WHERE origin = 'local'")
                == [("confirmed",)]
                or proc.poll() is not None
            ),
            what="the redemption to be confirmed",
        )
        till.disk.fill(proc.pid)
        chunks = []
        while chunk := os.read(read_end, 65536):
            chunks.append(chunk)
        err = proc.stderr.read().decode() if proc.stderr else ""
        proc.wait(timeout=60)
    finally:
        os.close(read_end)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    out = b"".join(chunks).decode().lstrip("#")
    (code,) = till.local("SELECT code FROM redemptions WHERE origin = 'local'")[0][:1]
    assert str(code) in out
    assert "Traceback" not in err and "Unexpected error" not in err, err
    assert proc.returncode == 0, err
    assert f"{code} was shown" in err  # the warning: recovery may list it again
    _final_sync(till)
    assert till.balance() == 300


@pytest.mark.parametrize(
    "command",
    [
        ("award", "--customer", "{cid}", "--points", "5", "--reason", "full-before"),
        ("redeem", "--customer", "{cid}", "--reward", REWARD),
        ("customer", "enrol", "--name", "Nobody New"),
        ("sync", "--once"),
    ],
    ids=["award", "redeem", "enrol", "sync"],
)
def test_a_disk_full_before_anything_is_committed_says_so_and_sends_nothing(
    till: Till, command: tuple[str, ...]
) -> None:
    with backend(till.sandbox) as c:
        customers_before = len(list(c.iter_all(c.list_customers, limit=100)))
    till.disk.fill()
    done = till.cli(*(part.format(cid=till.customer_id) for part in command))
    till.disk.free()
    _clean(done)
    assert done.returncode == DISK_FULL_EXIT, done.stderr
    assert done.stderr.strip().splitlines() == [
        "pos-app: The disk is full: nothing was recorded or sent. Free some space on "
        "this terminal and try again."
    ]
    assert till.balance() == 500
    with backend(till.sandbox) as c:
        assert len(list(c.iter_all(c.list_customers, limit=100))) == customers_before
    assert till.local("SELECT count(*) FROM outbox") == [(0,)]


PIN = "7392\n"


def _manager(t: Till) -> None:
    added = t.cli("staff", "add", "--name", "boss", "--role", "manager", stdin=PIN)
    assert added.returncode == 0, added.stderr


def _redeemed_code(t: Till) -> str:
    done = t.cli("--json", "redeem", "--customer", t.customer_id, "--reward", REWARD)
    assert done.returncode == 0, done.stderr
    code: str = json.loads(done.stdout.splitlines()[-1])["code"]
    return code


def _remote_status(t: Till, code: str) -> str:
    with backend(t.sandbox) as c:
        (found,) = [r for r in c.iter_all(c.list_redemptions, limit=100) if r.code == code]
    return found.status.value


def test_adjust_applied_on_a_full_disk_is_reported_done_and_recorded_once(till: Till) -> None:
    _manager(till)
    till.sandbox.faults.update(latency_ms=150)
    done = till.fill_while_in_flight(
        "adjust",
        "--customer",
        till.customer_id,
        "--points",
        "5",
        "--reason",
        "disk-adjust",
        "--manager",
        "boss",
        stdin=PIN,
    )
    _clean(done)
    assert done.returncode == 0, done.stderr
    assert "when disk space allows" in done.stdout
    _final_sync(till)
    assert till.balance() == 505
    assert till.local("SELECT state FROM outbox WHERE kind = 'adjust'") == [("done",)]


def test_void_applied_on_a_full_disk_is_reported_done(till: Till) -> None:
    _manager(till)
    code = _redeemed_code(till)
    till.sandbox.faults.update(latency_ms=150)
    done = till.fill_while_in_flight(
        "void", code, "--reason", "disk-void", "--manager", "boss", stdin=PIN
    )
    _clean(done)
    assert done.returncode == 0, done.stderr
    assert "Voided" in done.stdout and "when disk space allows" in done.stdout
    _final_sync(till)
    assert _remote_status(till, code) == "void"
    assert till.balance() == 500
    assert till.local(f"SELECT status FROM redemptions WHERE code = '{code}'") == [("void",)]


def test_code_use_applied_on_a_full_disk_says_give_the_discount(till: Till) -> None:
    code = _redeemed_code(till)
    till.sandbox.faults.update(latency_ms=150)
    done = till.fill_while_in_flight("code", "use", code)
    _clean(done)
    assert done.returncode == 0, done.stderr
    assert "marked used" in done.stdout and "when disk space allows" in done.stdout
    _final_sync(till)
    assert _remote_status(till, code) == "used"
    assert till.local(f"SELECT status FROM redemptions WHERE code = '{code}'") == [("used",)]


def test_enrolment_applied_on_a_full_disk_is_reported_so_never_enrolled_twice(
    till: Till,
) -> None:
    with backend(till.sandbox) as c:
        before = len(list(c.iter_all(c.list_customers, limit=100)))
    till.sandbox.faults.update(latency_ms=150)
    done = till.fill_while_in_flight("customer", "enrol", "--name", "Full Disk Newcomer")
    _clean(done)
    assert done.returncode == 0, done.stderr
    assert "Enrolled Full Disk Newcomer" in done.stdout
    assert "Do not enrol them again" in done.stderr
    _final_sync(till)
    with backend(till.sandbox) as c:
        assert len(list(c.iter_all(c.list_customers, limit=100))) == before + 1
    assert till.local("SELECT count(*) FROM customers WHERE name = 'Full Disk Newcomer'") == [(1,)]


def test_sync_that_meets_a_full_disk_after_pushing_records_the_replay_later(
    till: Till,
) -> None:
    till.sandbox.faults.update(outage=True)
    queued = till.cli(
        "award", "--customer", till.customer_id, "--points", "9", "--reason", "disk-sync"
    )
    assert queued.returncode == 0 and "offline" in queued.stdout, queued.stderr
    till.sandbox.faults.update(outage=False, latency_ms=150)
    done = till.fill_while_in_flight("sync", "--once")
    _clean(done)
    assert done.returncode == DISK_FULL_EXIT, done.stderr
    assert "nothing is applied twice" in done.stderr
    assert till.balance() == 509  # applied once already
    assert till.local("SELECT state FROM outbox") == [("pending",)]  # not recorded yet
    _final_sync(till)
    assert till.balance() == 509  # the replay recorded it, and applied nothing again
    assert till.local("SELECT state FROM outbox") == [("done",)]


@pytest.mark.parametrize(
    "command",
    [
        ("report", "daily", "--format", "csv", "--output", "{out}/report.csv"),
        ("audit", "export", "--output", "{out}/audit.csv"),
    ],
    ids=["report", "audit-export"],
)
def test_an_export_to_a_full_disk_says_so_in_one_line(
    till: Till, tmp_path: Path, command: tuple[str, ...]
) -> None:
    with full_disk(tmp_path / "usb", size_mb=1) as usb:
        usb.fill()  # a full tmpfs, or (without one) no room for any file from the start
        done = subprocess.run(
            [*usb.command(), *(part.format(out=usb.path) for part in command)],
            env=till.env,
            text=True,
            capture_output=True,
            timeout=60,
        )
    _clean(done)
    assert done.returncode == DISK_FULL_EXIT, done.stderr
    assert "The disk is full" in done.stderr


def test_offline_code_without_an_answer_on_a_full_disk_is_handed_out(till: Till) -> None:
    """No answer (dropped after the backend applied it) and no room to record the offline
    decision: within the offline policy the code is handed out, as it would have been."""
    till.sandbox.faults.update(latency_ms=150, drop_response_rate=1.0)
    done = till.fill_while_in_flight(
        "--json", "redeem", "--customer", till.customer_id, "--reward", REWARD
    )
    till.sandbox.faults.update(drop_response_rate=0.0)
    _clean(done)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.splitlines()[-1])
    assert answer["status"] == "offline" and answer["recorded"] is False
    assert answer["code"] in done.stderr  # the warning line
    _final_sync(till)
    assert _remote_status(till, answer["code"]) == "issued"
    assert till.balance() == 300


def test_no_answer_outside_the_offline_policy_on_a_full_disk_says_it_may_go_through(
    till: Till,
) -> None:
    """Outside the policy the redemption would be cancelled, but the full disk keeps that
    from being recorded: the cashier is told it may still go through (not "failed"), and
    recovery lists it once it has."""
    (till.data_dir / "config.toml").write_text("[offline_policy]\nenabled = false\n")
    till.sandbox.faults.update(latency_ms=150, drop_response_rate=1.0)
    done = till.fill_while_in_flight("redeem", "--customer", till.customer_id, "--reward", REWARD)
    till.sandbox.faults.update(drop_response_rate=0.0)
    _clean(done)
    assert done.returncode == DISK_FULL_EXIT, done.stderr
    assert "may still go through" in done.stderr and "Do not give the discount" in done.stderr
    _final_sync(till)
    (code,) = till.local("SELECT code FROM redemptions WHERE origin = 'local'")[0][:1]
    assert str(code) in done.stderr
    assert _remote_status(till, str(code)) == "issued"  # it had been applied: never lost
    listed = till.cli("--json", "recovery", "list")
    assert [r["code"] for r in json.loads(listed.stdout)["data"]] == [code]


def test_refusal_on_a_full_disk_is_reported_as_refused_and_recorded_later(till: Till) -> None:
    """The backend refuses (the balance was spent elsewhere) while the disk is full: the
    cashier hears the refusal (exit 3, no code), not "failed"; the next sync replays the
    key, gets the same refusal, and records it. Nothing is applied."""
    with backend(till.sandbox) as c:  # spent at another till: this cache still says 500
        c.redeem_points(
            customer_id=till.customer_id, reward_id=REWARD, points=200, idempotency_key=key()
        )
        c.redeem_points(
            customer_id=till.customer_id, reward_id=REWARD, points=200, idempotency_key=key()
        )
    till.sandbox.faults.update(latency_ms=150)
    done = till.fill_while_in_flight(
        "--json", "redeem", "--customer", till.customer_id, "--reward", REWARD
    )
    _clean(done)
    assert done.returncode == 3, done.stderr
    assert "No code was issued" in done.stderr
    _final_sync(till)
    assert till.balance() == 100
    assert till.local("SELECT status FROM redemptions WHERE origin = 'local'") == [("rejected",)]
    assert till.local("SELECT state FROM outbox") == [("refused",)]


def test_sync_worker_on_a_full_disk_warns_in_one_line_and_records_later(till: Till) -> None:
    """`pos-app sync` (the background worker) meets a full disk after pushing: a plain
    warning, no traceback; once space is back it records the replayed answer by itself."""
    till.sandbox.faults.update(outage=True)
    queued = till.cli(
        "award", "--customer", till.customer_id, "--points", "4", "--reason", "disk-worker"
    )
    assert queued.returncode == 0, queued.stderr
    # Its backoff over, the worker's first cycle pushes it (and then pulls): both on a
    # disk that filled while the push was at the backend.
    (retry_at,) = till.local("SELECT next_attempt_at FROM outbox")[0][:1]
    wait_for(lambda: datetime.now(UTC) >= from_db(str(retry_at)), what="the backoff")
    till.sandbox.faults.update(outage=False, latency_ms=150)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "sync"],
        env=till.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    err: list[str] = []
    reader = threading.Thread(target=lambda: err.extend(proc.stderr or []), daemon=True)
    reader.start()
    try:
        wait_for(lambda: till.in_flight() or proc.poll() is not None, what="the push")
        till.disk.fill(proc.pid)
        # The cycle goes on to pull, on the full disk; wait until the worker has said so.
        wait_for(
            lambda: any("sync cycle failed" in x or "the sync paused" in x for x in err),
            what="the worker to meet the full disk",
        )
        till.sandbox.faults.update(latency_ms=0)
        till.disk.free()
        if till.disk.real:  # a file-size limit cannot be lifted from outside the process
            wait_for(
                lambda: till.local("SELECT state FROM outbox") == [("done",)],
                what="the replayed answer to be recorded",
            )
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        reader.join(timeout=30)
    text = "".join(err)
    assert "Traceback" not in text, text
    assert till.balance() == 504


# ------------------------------------------------------------ sale awards and returns (v1.1)


def _order_ledger(t: Till, order: str) -> tuple[list[int], list[int]]:
    """The points each award of `order` gave on the backend, and each return's take-back."""
    with backend(t.sandbox) as c:
        history = list(c.iter_all(c.list_points, customer_id=t.customer_id, limit=100))
    mine = [x for x in history if x.metadata.get("order_id") == order]
    return (
        [x.points for x in mine if x.type.value == "earned"],
        [x.points for x in mine if x.metadata.get("kind") == "return"],
    )


def _sale(t: Till, order: str, amount: str) -> subprocess.CompletedProcess[str]:
    return t.cli(
        "--json", "award", "--customer", t.customer_id, "--order", order, "--amount", amount
    )


def test_a_disk_full_before_a_sale_or_a_return_is_committed_records_neither(till: Till) -> None:
    """Exit 5, one line, nothing sent; the order index claims no award that was not
    recorded (the same order earns once the disk has room), and no return is held."""
    assert _sale(till, "ORD-DISK-1", "6000").returncode == 0
    till.disk.fill()
    sold = till.cli("award", "--customer", till.customer_id, "--order", "ORD-DISK-2",
                    "--amount", "3000")  # fmt: skip
    took = till.cli("return", "--order", "ORD-DISK-1", "--amount", "3000")
    till.disk.free()
    for done in (sold, took):
        _clean(done)
        assert done.returncode == DISK_FULL_EXIT, done.stderr
        assert done.stderr.strip().splitlines() == [
            "pos-app: The disk is full: nothing was recorded or sent. Free some space on "
            "this terminal and try again."
        ]
    assert till.local("SELECT order_id FROM orders") == [("ORD-DISK-1",)]
    assert till.local("SELECT count(*) FROM order_returns") == [(0,)]
    assert till.local("SELECT count(*) FROM outbox") == [(1,)]
    assert _order_ledger(till, "ORD-DISK-2") == ([], [])
    assert _order_ledger(till, "ORD-DISK-1") == ([60], [])
    # With room again, the sale goes through, once: the index did not claim it.
    assert _sale(till, "ORD-DISK-2", "3000").returncode == 0
    assert _order_ledger(till, "ORD-DISK-2") == ([30], [])


def test_a_sale_and_its_return_applied_on_a_full_disk_are_reported_done_and_applied_once(
    till: Till,
) -> None:
    till.sandbox.faults.update(latency_ms=150)
    done = till.fill_while_in_flight(
        "--json", "award", "--customer", till.customer_id, "--order", "ORD-DISK-3",
        "--amount", "10000",
    )  # fmt: skip
    _clean(done)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.splitlines()[-1])
    assert (answer["status"], answer["points"], answer["recorded"]) == ("confirmed", 100, False)
    till.disk.free()
    again = _sale(till, "ORD-DISK-3", "10000")  # the cashier tries again: the index says no
    assert again.returncode == 3 and "already earned" in again.stderr, again.stderr
    done = till.fill_while_in_flight(
        "--json", "return", "--order", "ORD-DISK-3", "--amount", "4000"
    )
    _clean(done)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.splitlines()[-1])
    assert (answer["status"], answer["points_reversed"], answer["recorded"]) == (
        "confirmed",
        40,
        False,
    )
    _final_sync(till)
    assert _order_ledger(till, "ORD-DISK-3") == ([100], [-40])
    ((txn,),) = till.local("SELECT transaction_id FROM orders WHERE order_id = 'ORD-DISK-3'")
    assert str(txn).startswith("txn_")
    assert till.local(
        "SELECT points_expected, points_reversed, points_shortfall, return_id IS NOT NULL "
        "FROM order_returns"
    ) == [(40, 40, 0, 1)]
    assert till.balance() == 560
    # What is left to return is what the backend says is left: 6000, not 10000.
    over = till.cli("return", "--order", "ORD-DISK-3", "--amount", "6001")
    assert over.returncode == 3 and "Nothing was taken back" in over.stderr, over.stderr


def test_a_code_handed_out_on_a_full_disk_is_recorded_as_handed_out_once_there_is_room(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    """The offline hand-out the full disk kept from being written (services/owed.py): a
    long-lived process (the GUI's) records it once there is room, before its sync worker
    pushes anything, so the daily report counts it as issued offline and a refusal on
    that push would be a conflict."""
    from support.terminal_helpers import open_terminal

    from pos_app.services import redeem, report, syncing

    with full_disk(tmp_path / "disk") as disk:
        if not disk.real:
            pytest.skip("an in-process terminal needs a real small disk (a tmpfs)")
        with backend(sandbox) as c:
            customer = c.create_customer(name="Disk Full", idempotency_key=key())
            c.award_points(customer_id=customer.id, points=500, idempotency_key=key())
        with (
            open_terminal(disk.path / "terminal", sandbox) as t,
            open_terminal(disk.path / "terminal", sandbox) as worker,  # the GUI's sync
        ):
            syncing.sync_once(t)
            sandbox.faults.update(latency_ms=150, drop_response_rate=1.0)
            answers: list[redeem.RedeemResult] = []
            counter = threading.Thread(
                target=lambda: answers.append(redeem.redeem(t, customer.id, REWARD))
            )
            counter.start()
            wait_for(
                lambda: bool(sandbox.api.state.idempotency._running) or not counter.is_alive(),
                what="the request",
            )
            disk.fill()
            counter.join(timeout=60)
            (answer,) = answers
            assert (answer.status, answer.recorded) == ("offline", False)

            def row() -> tuple[object, ...]:
                found = t.db.conn.execute(
                    "SELECT o.handed_out, r.issued_offline FROM outbox o "
                    "JOIN redemptions r ON r.outbox_id = o.id WHERE r.code = ?",
                    (answer.code,),
                ).fetchone()
                return tuple(found)

            assert row() == (0, 0)  # nothing could be written yet
            sandbox.faults.update(latency_ms=0, drop_response_rate=0.0)
            disk.free()
            # The sync worker's next pass records it before pushing anything.
            assert not worker.engine.sync_once(ignore_backoff=True).errors
            assert row() == (1, 1)
            offline = t.db.conn.execute(
                "SELECT count(*) FROM audit WHERE action = 'redeem.offline' AND subject = ?",
                (answer.code,),
            ).fetchone()[0]
            assert offline == 1
            assert report.daily(t).as_json()["offline"] == 1
