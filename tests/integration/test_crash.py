"""The crash suite (issue 8, Deliver 3): `kill -9` and a full disk at random moments of
redeem, award, void, adjust, sync, and (issue 11) sale awards and returns, in real
`pos-app` processes, against one sandbox.

Two terminals work side by side over one pool of customers; each terminal's data
directory is a tiny tmpfs (or, where none can be mounted, the command's RLIMIT_FSIZE is
lowered) so that a round can fill its disk mid-command. Seeds are fixed
(POS_APP_CRASH_SEED), and the sandbox's latency fault widens the windows between commit,
request and answer. After every round the database passes `PRAGMA integrity_check`;
after a final sync every command's report is compared with what the backend has:

- every code printed reaches the backend exactly once and exists on its terminal;
- nothing applied is reported as failed, nothing reported done is missing;
- nothing is applied twice, and every balance equals what its operations say;
- a redemption applied but never printed (killed in between) is listed by `recovery`;
- each order earned once, named by the till's order index; each return the till recorded
  is the backend's, with the points the till worked out.

Then, on purpose rather than by chance, `kill -9` of a sale and of a return after the
local commit before the send, and after the send before the answer is stored.

Short form (default run): at least 100 kills. Long form: POS_APP_SOAK=1 (600 kills), or
POS_APP_CRASH_KILLS=N. The figures are printed at the end (pytest -s shows them).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from support.disk_helpers import FullDisk, full_disk, wait_for
from support.raw_server import MisbehavingServer, SeenRequest
from support.terminal_helpers import backend, key

from pos_app.domain.timefmt import from_db
from pos_app.sandbox import SandboxServer

SOAK = os.environ.get("POS_APP_SOAK") == "1"
KILLS = int(os.environ.get("POS_APP_CRASH_KILLS", "600" if SOAK else "100"))
SEED = int(os.environ.get("POS_APP_CRASH_SEED", "20261126"))
TERMINALS = 3
CUSTOMERS = 6
START_POINTS = 1_000_000
REWARD, COST = "rwd_xyz789", 200
PIN = "7392\n"
DISK_RATE = 0.15  # share of rounds that fill the disk instead of killing
LATENCY_MS = 100
# When to strike. Python needs ~0.4 s to start pos-app (much more on a loaded machine),
# and a kill before the database is even open proves little; so most rounds strike a
# random moment after the process has opened its database (seen in /proc): uniformly
# over 1.2 times how long that kind of command has lately run from there, so the
# strikes spread over its whole life (and ~1 in 6 runs to its end) however loaded the
# machine is. A few rounds strike a random moment after the process started.
STRIKE_SPAN = 1.2
FIRST_GUESS = 0.6  # seconds from open to exit, until a command of the kind has run
KILL_AFTER_START = (0.05, 0.5)
EARLY_RATE = 0.1
WORK = {
    "redeem": 0.26,
    "award": 0.17,
    "void": 0.13,
    "adjust": 0.06,
    "sync": 0.16,
    "sale": 0.10,  # an award for an order (v1.1): 100 points for 10,000
    "return": 0.12,  # a return of 1,000 of a sale this till's index holds: 10 points
}
SALE, RETURNED = 10_000, 1_000
TAGGED = ("award", "adjust", "sale", "return")  # the backend keeps their tag as the reason


@dataclass
class Run:
    """One command: what was asked, what happened to the process, what it reported."""

    index: int
    terminal: str
    kind: str
    args: list[str]
    tag: str
    customer: str | None = None
    target: str | None = None  # the code a void is about
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    ended: datetime | None = None
    killed: bool = False
    phase: str = ""  # for a kill: how far the command had got
    disk: bool = False
    rc: int | None = None
    stdout: str = ""
    stderr: str = ""

    def answers(self) -> list[dict[str, Any]]:
        found = []
        for line in self.stdout.splitlines():
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                continue  # cut off mid-line by the kill: not shown
            if isinstance(value, dict):
                found.append(value)
        return found

    def printed_code(self) -> str | None:
        codes = [a["code"] for a in self.answers() if "code" in a and "status" in a]
        return codes[-1] if codes else None

    def describe(self) -> str:
        what = "killed" if self.killed else f"exit {self.rc}"
        disk = ", disk filled" if self.disk else ""
        return (
            f"run #{self.index} on {self.terminal}: {self.kind} {' '.join(self.args)} "
            f"({what}{disk}) stdout={self.stdout.strip()[:300]!r} "
            f"stderr={self.stderr.strip()[:300]!r}"
        )


@dataclass
class Till:
    name: str
    data_dir: Path
    env: dict[str, str]
    disk: FullDisk
    printed: list[str] = field(default_factory=list)  # codes a void may target
    sold: dict[str, int] = field(default_factory=dict)  # order -> amount left to return
    lifetimes: dict[str, list[float]] = field(default_factory=dict)  # open -> exit, by kind
    voided: set[str] = field(default_factory=set)
    runs: list[Run] = field(default_factory=list)

    @property
    def db_path(self) -> Path:
        return self.data_dir / "terminal.db"

    def cli(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pos_app", *args],
            env=self.env,
            input=stdin,
            text=True,
            capture_output=True,
            timeout=120,
        )

    def integrity(self) -> str:
        db = sqlite3.connect(self.db_path)
        try:
            return str(db.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            db.close()

    def phase(self, run: Run) -> str:
        """How far a killed command had got, from what its database holds."""
        if run.kind == "sync":
            return "sync"
        assert run.ended is not None
        db = sqlite3.connect(self.db_path)
        try:
            states = [
                state
                for state, created in db.execute("SELECT state, created_at FROM outbox")
                if run.started <= from_db(created) <= run.ended
            ]
        finally:
            db.close()
        if not states:
            return "before commit"
        return "before the answer was recorded" if states == ["pending"] else "after the answer"

    def indexed(self, order: str) -> bool:
        """The order is in this till's order index (its sale was committed here)."""
        db = sqlite3.connect(self.db_path)
        try:
            found = db.execute("SELECT 1 FROM orders WHERE order_id = ?", (order,)).fetchone()
            return found is not None
        finally:
            db.close()

    def local_redemptions(self) -> dict[str, sqlite3.Row]:
        db = sqlite3.connect(self.db_path)
        db.row_factory = sqlite3.Row
        try:
            return {
                r["code"]: r for r in db.execute("SELECT * FROM redemptions WHERE origin = 'local'")
            }
        finally:
            db.close()


@dataclass
class Tally:
    kills: int = 0
    fills: int = 0
    rounds: int = 0
    phases: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _plan(till: Till, index: int, rng: random.Random, customers: list[str]) -> Run:
    kinds = list(WORK)
    kind = rng.choices(kinds, weights=[WORK[k] for k in kinds])[0]
    tag = f"crash-{SEED}-{till.name}-{index}"
    targets = [c for c in till.printed if c not in till.voided]
    if kind == "void" and not targets:
        kind = "redeem"
    if kind == "return" and not any(left >= RETURNED for left in till.sold.values()):
        kind = "sale"
    run = Run(index, till.name, kind, [], tag)
    if kind == "redeem":
        run.customer = rng.choice(customers)
        run.args = ["redeem", "--customer", run.customer, "--reward", REWARD]
    elif kind == "award":
        run.customer = rng.choice(customers)
        points = str(rng.randint(1, 50))
        run.args = ["award", "--customer", run.customer, "--points", points, "--reason", tag]
    elif kind == "sale":
        run.customer = rng.choice(customers)
        run.target = f"ORD-{tag}"
        run.args = ["award", "--customer", run.customer, "--order", run.target]
        run.args += ["--amount", str(SALE), "--reason", tag]
    elif kind == "return":
        run.target = rng.choice(sorted(o for o, left in till.sold.items() if left >= RETURNED))
        till.sold[run.target] -= RETURNED  # asked once whatever becomes of it
        run.args = ["return", "--order", run.target, "--amount", str(RETURNED), "--reason", tag]
    elif kind == "void":
        run.target = rng.choice(targets)
        till.voided.add(run.target)  # each code is voided once: its fate stays readable
        run.args = ["void", run.target, "--reason", tag, "--manager", "boss"]
    elif kind == "adjust":
        run.customer = rng.choice(customers)
        points = str(rng.randint(1, 50))
        run.args = ["adjust", "--customer", run.customer, "--points", points, "--reason", tag]
        run.args += ["--manager", "boss"]
    else:
        run.args = ["sync", "--once"]
    return run


def _play(till: Till, run: Run, rng: random.Random, tally: Tally) -> None:
    """Start the command; kill it (or fill its disk) at a random moment; collect it."""
    disk_round = rng.random() < DISK_RATE
    early = rng.random() < EARLY_RATE
    recent = sorted(till.lifetimes.get(run.kind, [])[-9:]) or [FIRST_GUESS]
    span = STRIKE_SPAN * recent[len(recent) // 2]
    delay = rng.uniform(*KILL_AFTER_START) if early else rng.uniform(0.0, span)
    run.started = datetime.now(UTC)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "--json", *run.args],
        env=till.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None
    proc.stdin.write(PIN if run.kind in ("void", "adjust") else "")
    proc.stdin.close()
    proc.stdin = None
    if not early:
        _wait_until_open(proc, till.db_path)
    opened = time.monotonic()
    try:
        proc.wait(timeout=delay)
        if not early:
            till.lifetimes.setdefault(run.kind, []).append(time.monotonic() - opened)
    except subprocess.TimeoutExpired:
        if disk_round:
            till.disk.fill(proc.pid)
            run.disk = True
        else:
            proc.kill()  # SIGKILL: kill -9
            run.killed = True
    out, err = proc.communicate(timeout=120)
    run.ended = datetime.now(UTC)
    run.rc, run.stdout, run.stderr = proc.returncode, out, err
    till.disk.free()
    if run.killed:
        run.phase = till.phase(run)
    with tally.lock:
        tally.rounds += 1
        tally.kills += run.killed
        tally.fills += run.disk
        if run.killed:
            tally.phases[run.phase] += 1
    if run.kind == "redeem" and (code := run.printed_code()):
        till.printed.append(code)
    if run.kind == "sale" and run.target and till.indexed(run.target):
        till.sold[run.target] = SALE  # committed here (killed or not): it can be returned


def _wait_until_open(proc: subprocess.Popen[str], db_path: Path) -> None:
    """Until the process holds its database open (or has ended, or 60 s went by)."""
    fds = Path(f"/proc/{proc.pid}/fd")
    if not Path("/proc/self/fd").is_dir():
        return  # no /proc here: strike by the clock only
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if any(os.readlink(fd) == str(db_path) for fd in fds.iterdir()):
                return
        except OSError:
            pass  # an fd closed while being read: look again
        time.sleep(0.002)  # sleep-ok: the poll interval of a wait-for-condition


def _drive(till: Till, seed: int, customers: list[str], tally: Tally, errors: list[str]) -> None:
    """One terminal's sequence of rounds (commands on one terminal never overlap)."""
    rng = random.Random(seed)
    index = 0
    try:
        while True:
            with tally.lock:
                if tally.kills >= KILLS:
                    return
            run = _plan(till, index, rng, customers)
            till.runs.append(run)
            _play(till, run, rng, tally)
            index += 1
            if not run.killed:
                problem = _clean_exit(run)
                if problem:
                    errors.append(problem)
            verdict = till.integrity()
            if verdict != "ok":
                errors.append(f"integrity_check {verdict!r} after {run.describe()}")
                return
            if len(errors) > 20:
                return
    except Exception as exc:  # reported by the main thread
        errors.append(f"{till.name} stopped: {exc!r}")


def _clean_exit(run: Run) -> str | None:
    """A command that ran to its end speaks in one clear way: never a traceback, never
    'unexpected' (exit 1), on a full disk too."""
    if "Traceback" in run.stderr or run.rc == 1 or (run.rc or 0) < 0:
        return f"unclean exit: {run.describe()}"
    if run.rc not in (0, 3, 4, 5):
        return f"unexpected exit status: {run.describe()}"
    return None


@pytest.fixture
def tills(sandbox: SandboxServer, tmp_path: Path) -> Iterator[list[Till]]:
    with ExitStack() as stack:
        made = []
        for n in range(TERMINALS):
            name = f"till{n + 1}"
            disk = stack.enter_context(full_disk(tmp_path / name, size_mb=24))
            data_dir = disk.path / "data"
            env = {
                **os.environ,
                "POS_APP_BACKEND_URL": sandbox.url,
                "LOYALPRO_API_KEY": sandbox.api_key,
                "POS_APP_DATA_DIR": str(data_dir),
                "POS_APP_TERMINAL_ID": f"term_crash_{name}",
            }
            made.append(Till(name, data_dir, env, disk))
        yield made


@pytest.mark.timeout(max(300, KILLS * 6))  # ~0.6 s a kill here; room for a slow CI runner
def test_kill_9_and_full_disk_lose_double_and_misreport_nothing(
    sandbox: SandboxServer, tills: list[Till]
) -> None:
    began = time.monotonic()
    with backend(sandbox) as c:
        customers = []
        for n in range(CUSTOMERS):
            made = c.create_customer(name=f"Crash Pool {n}", idempotency_key=key())
            c.award_points(customer_id=made.id, points=START_POINTS, idempotency_key=key())
            customers.append(made.id)
    for till in tills:
        assert till.cli("sync", "--once").returncode == 0
        boss = till.cli("staff", "add", "--name", "boss", "--role", "manager", stdin=PIN)
        assert boss.returncode == 0, boss.stderr

    sandbox.faults.seed(SEED)  # the backend's rolls repeat too, with the tills' plans
    sandbox.faults.update(latency_ms=LATENCY_MS)
    tally = Tally()
    errors: list[str] = []
    workers = [
        threading.Thread(target=_drive, args=(t, SEED + n, customers, tally, errors))
        for n, t in enumerate(tills)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    sandbox.faults.update(latency_ms=0)
    assert not errors, "\n".join(errors[:10])
    assert tally.kills >= KILLS, f"only {tally.kills} kills (seed {SEED})"

    for till in tills:
        synced = till.cli("--json", "sync", "--once")
        assert synced.returncode == 0, synced.stderr
        assert json.loads(synced.stdout.splitlines()[-1])["pending"] == 0, synced.stdout
        assert till.integrity() == "ok"

    figures = _verify(sandbox, tills, customers)
    figures.update(
        seed=SEED,
        kills=tally.kills,
        kills_by_phase=dict(tally.phases),
        kills_by_kind=dict(Counter(r.kind for t in tills for r in t.runs if r.killed)),
        commands_by_kind=dict(Counter(r.kind for t in tills for r in t.runs)),
        full_disk="tmpfs" if tills[0].disk.real else "RLIMIT_FSIZE",
        disk_fills=tally.fills,
        commands=tally.rounds,
        seconds=round(time.monotonic() - began, 1),
    )
    print("\ncrash suite:", json.dumps(figures, sort_keys=True))
    assert figures["losses"] == 0 and figures["duplicates"] == 0 and not figures["problems"], (
        "\n".join(figures["problems"][:15])
    )


def _verify(sandbox: SandboxServer, tills: list[Till], customers: list[str]) -> dict[str, Any]:
    """Compare every command's report with what the backend has after the final sync."""
    pool = set(customers)
    with backend(sandbox) as c:
        remote = [r for r in c.iter_all(c.list_redemptions, limit=100) if r.customer_id in pool]
        history = {
            cid: list(c.iter_all(c.list_points, customer_id=cid, limit=100)) for cid in customers
        }
        balances = {cid: c.get_customer(cid).points_balance for cid in customers}
    by_code = Counter(r.code for r in remote)
    status = {r.code: r.status.value for r in remote}
    # Awards and adjustments carry their command's tag as the reason (a void's refund
    # carries the void's tag: it is counted through the redemption's status instead).
    tags = {run.tag for till in tills for run in till.runs if run.kind in TAGGED}
    mine = [(cid, x) for cid, txs in history.items() for x in txs if x.reason in tags]
    awards = Counter(x.reason for _, x in mine)
    awarded = {cid: sum(x.points for c, x in mine if c == cid) for cid in customers}
    problems: list[str] = []
    losses = duplicates = 0
    duplicates += sum(n - 1 for n in by_code.values() if n > 1)
    duplicates += sum(n - 1 for n in awards.values() if n > 1)

    local_all: dict[str, sqlite3.Row] = {}
    per_till: dict[str, dict[str, sqlite3.Row]] = {}
    surfaced: set[str] = set()
    for till in tills:
        local = per_till[till.name] = till.local_redemptions()
        local_all.update(local)
        listed = till.cli("--json", "recovery", "list")
        surfaced |= {r["code"] for r in json.loads(listed.stdout)["data"]}
    printed = {code for till in tills for run in till.runs if (code := run.printed_code())}

    for code in printed:
        if by_code[code] != 1 or code not in local_all:
            losses += 1
            problems.append(f"printed {code} is on the backend {by_code[code]} times")
    for code in set(by_code) - set(local_all):
        problems.append(f"{code} is on the backend but on no terminal")
    for code, row in local_all.items():
        if row["status"] in ("confirmed", "offline", "used") and code not in by_code:
            losses += 1
            problems.append(f"{code} is {row['status']} locally but not on the backend")
    for code in set(by_code) - printed:
        if status[code] != "void" and code not in surfaced:
            problems.append(f"{code} applied, never printed, and not listed by recovery")

    for till in tills:
        for run in till.runs:
            losses += _check_run(run, per_till[till.name], status, awards, surfaced, problems)
        problems += _orders_agree(till, history)

    for cid in customers:
        spent = COST * sum(1 for r in remote if r.customer_id == cid and r.status.value != "void")
        if balances[cid] != START_POINTS + awarded[cid] - spent:
            problems.append(
                f"{cid}: balance {balances[cid]} != {START_POINTS} + awards {awarded[cid]} "
                f"- live redemptions {spent}"
            )
    return {
        "losses": losses,
        "duplicates": duplicates,
        "problems": problems,
        "operations_applied": len(remote)
        + sum(awards.values())
        + sum(1 for s in status.values() if s == "void"),
        "codes_printed": len(printed),
        "recovered_unshown": len(surfaced),
    }


def _orders_agree(till: Till, history: dict[str, list[Any]]) -> list[str]:
    """The till's order index and returns against the backend, after the final sync: each
    order earned once, named by its index row; each return done here is the backend's,
    with the points the till worked out."""
    earned: dict[str, list[str]] = {}
    for txs in history.values():
        for x in txs:
            if x.type.value == "earned" and isinstance(x.metadata.get("order_id"), str):
                earned.setdefault(x.metadata["order_id"], []).append(x.id)
    found: list[str] = []
    db = sqlite3.connect(till.db_path)
    try:
        rows = db.execute(
            "SELECT r.order_id, r.transaction_id, o.state FROM orders r "
            "JOIN outbox o ON o.id = r.outbox_id"
        ).fetchall()
        backs = db.execute(
            "SELECT r.order_id, r.points_expected, r.points_reversed, r.points_shortfall, "
            "r.return_id, o.state FROM order_returns r JOIN outbox o ON o.id = r.outbox_id"
        ).fetchall()
    finally:
        db.close()
    for order, txn, state in rows:
        if earned.get(order, []) != ([txn] if state == "done" else []):
            found.append(f"{till.name}: order {order} ({state}, {txn}) earned {earned.get(order)}")
    for order, expected, reversed_, shortfall, ret, state in backs:
        if state == "done" and (ret is None or (reversed_ or 0) + (shortfall or 0) != expected):
            found.append(
                f"{till.name}: return of {order} ({ret}) took back {reversed_} + {shortfall}, "
                f"the till worked out {expected}"
            )
        elif state != "done" and ret is not None:
            found.append(f"{till.name}: return of {order} is {state} but names {ret}")
    return found


def _check_run(
    run: Run,
    local: dict[str, sqlite3.Row],
    status: dict[str, str],
    awards: Counter[str],
    surfaced: set[str],
    problems: list[str],
) -> int:
    """One command: what it reported against what the backend has. Returns losses."""
    assert run.ended is not None
    if run.kind in TAGGED:
        applied = awards[run.tag]
        if run.killed:
            return 0
        if run.rc == 0 and applied != 1:
            problems.append(f"reported done, applied {applied} times: {run.describe()}")
            return 1
        if run.rc != 0 and applied:
            problems.append(f"reported failed, but applied: {run.describe()}")
        return 0
    if run.kind == "void" and not run.killed and run.target is not None:
        now = status.get(run.target)
        if run.rc == 0 and now != "void":
            problems.append(f"reported voided, backend says {now}: {run.describe()}")
            return 1
        if run.rc != 0 and now == "void":
            problems.append(f"reported failed, but voided: {run.describe()}")
        return 0
    if run.kind == "redeem" and not run.killed:
        made = [
            code
            for code, row in local.items()
            if run.started <= from_db(row["created_at"]) <= run.ended
        ]
        code = run.printed_code()
        if run.rc == 0 and (code is None or made != [code]):
            problems.append(f"exit 0 without its code ({made}): {run.describe()}")
            return 1
        if run.rc != 0:
            for other in made:
                live = status.get(other) not in (None, "void")
                if live and not (run.rc == 5 and other in surfaced):
                    problems.append(f"reported failed, but {other} applied: {run.describe()}")
    return 0


# ------------------------------------------------------------ sale awards and returns (v1.1)
#
# `kill -9` at the two moments that matter for them, each on purpose rather than by
# chance: after the local commit, before the request left (it is held by a loopback
# server that never answers: the backend never sees it), and after the request reached
# the backend, before its answer was written down here (the backend applies it while the
# process is gone). Then the terminal starts again and syncs: each sale earned once, each
# return reversed once, the order index and the returns table agree with the backend.


class _Holding:
    """A loopback 'backend' that reads each request and never answers."""

    def __init__(self) -> None:
        self.server = MisbehavingServer()

        def hold(_sock: object, _seen: SeenRequest) -> None:
            self.server.stop.wait(60)

        self.server.behave(hold)  # type: ignore[arg-type]

    def posts(self) -> int:
        return sum(r.method == "POST" for r in self.server.requests)

    def posted(self) -> Any:
        """A condition: one more POST has arrived than so far."""
        before = self.posts()
        return lambda: self.posts() > before


def _killed(env: dict[str, str], args: list[str], at: Any) -> None:
    """Start `pos-app ARGS`, wait until `at()` holds, then kill -9 it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "--json", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: at() or proc.poll() is not None, timeout=60, what=" ".join(args))
        assert proc.poll() is None, f"{args} ended before the kill: {proc.communicate()}"
        proc.kill()
    finally:
        proc.communicate(timeout=60)


def test_kill_9_around_the_send_of_a_sale_and_a_return_then_sync_applies_each_once(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "till"
    env = {
        **os.environ,
        "POS_APP_BACKEND_URL": sandbox.url,
        "LOYALPRO_API_KEY": sandbox.api_key,
        "POS_APP_DATA_DIR": str(data_dir),
        "POS_APP_TERMINAL_ID": "term_crash_sales",
    }

    def cli(*args: str, url: str = sandbox.url) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pos_app", "--json", *args],
            env={**env, "POS_APP_BACKEND_URL": url},
            text=True,
            capture_output=True,
            timeout=120,
        )

    with backend(sandbox) as c:  # one customer buys, the other returns: two lanes
        cid, other = (
            c.create_customer(name=f"Crash Sale {n}", idempotency_key=key()).id for n in (1, 2)
        )
        for who in (cid, other):
            c.award_points(customer_id=who, points=1000, idempotency_key=key())
    assert cli("sync", "--once").returncode == 0
    for who in (cid, other):
        assert cli("customer", "show", who).returncode == 0
    sold = cli("award", "--customer", other, "--order", "ORD-KILL-0", "--amount", "9700")
    assert sold.returncode == 0, sold.stderr

    def in_flight() -> bool:
        return bool(sandbox.api.state.idempotency._running)

    holding = _Holding()
    sandbox.faults.update(latency_ms=300)
    try:
        # Each lane: first killed while the backend applies it, then one committed here
        # and killed before it was sent (the holding server gets the lane's first, the
        # earlier one again: the later one never leaves).
        held = {**env, "POS_APP_BACKEND_URL": holding.server.url}
        sale = ["award", "--customer", cid, "--order", "ORD-KILL-2", "--amount", "8000"]
        _killed(env, sale, in_flight)
        sale = ["award", "--customer", cid, "--order", "ORD-KILL-1", "--amount", "5000"]
        _killed(held, sale, holding.posted())
        back = ["return", "--order", "ORD-KILL-0", "--amount", "3333"]
        # The first killed sale's request may still be in the backend (300 ms): the return
        # is killed in flight only once its own request is, not at its start.
        wait_for(lambda: not in_flight(), what="the killed sale's request to finish")
        _killed(env, back, in_flight)
        _killed(held, back, holding.posted())
    finally:
        holding.server.close()
        sandbox.faults.update(latency_ms=0)
    wait_for(lambda: not in_flight(), what="the backend to finish the killed requests")
    with backend(sandbox) as c:  # before the sync: the backend has what reached it only
        assert c.get_customer(cid).points_balance == 1080
        assert c.get_customer(other).points_balance == 1097 - 33

    db = sqlite3.connect(data_dir / "terminal.db")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT kind, state FROM outbox ORDER BY id").fetchall()
        assert rows[1:] == [("award", "pending")] * 2 + [("return", "pending")] * 2, rows
    finally:
        db.close()
    # Restarted: the index still holds the killed sales, so the cashier cannot ring one
    # up twice; and what is left to return counts the killed returns.
    again = cli("award", "--customer", cid, "--order", "ORD-KILL-2", "--amount", "8000")
    assert again.returncode == 3 and "already earned" in again.stderr, again.stderr
    over = cli("return", "--order", "ORD-KILL-0", "--amount", "3035")
    assert over.returncode == 3 and "Nothing was taken back" in over.stderr, over.stderr

    synced = cli("sync", "--once")
    assert synced.returncode == 0, synced.stderr
    assert json.loads(synced.stdout.splitlines()[-1])["pending"] == 0
    assert cli("sync", "--once").returncode == 0  # nothing left, nothing sent twice

    with backend(sandbox) as c:
        history = [
            x for who in (cid, other) for x in c.iter_all(c.list_points, customer_id=who, limit=100)
        ]
        balances = [c.get_customer(who).points_balance for who in (cid, other)]
    earned = Counter(str(x.metadata.get("order_id")) for x in history if x.type.value == "earned")
    assert earned == Counter({"ORD-KILL-0": 1, "ORD-KILL-1": 1, "ORD-KILL-2": 1, "None": 2})
    taken = [x.points for x in history if x.metadata.get("kind") == "return"]
    assert taken == [-33, -33]  # 97 points for 9,700: 3,333 twice takes 33 and 33
    assert balances == [1000 + 80 + 50, 1000 + 97 - 66]
    db = sqlite3.connect(data_dir / "terminal.db")
    try:
        index = db.execute(
            "SELECT order_id, points, transaction_id IS NOT NULL FROM orders ORDER BY id"
        ).fetchall()
        assert index == [("ORD-KILL-0", 97, 1), ("ORD-KILL-2", 80, 1), ("ORD-KILL-1", 50, 1)]
        local = db.execute(
            "SELECT points_expected, points_reversed, points_shortfall, return_id IS NOT NULL "
            "FROM order_returns ORDER BY id"
        ).fetchall()
        assert local == [(33, 33, 0, 1), (33, 33, 0, 1)]
    finally:
        db.close()
