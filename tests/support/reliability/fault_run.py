"""The fault suite's run: customers with dated and undated lots, two (or more) in-process
terminals redeeming, awarding, adjusting and voiding while the sandbox switches between
faults, then the faults stop, every terminal syncs until its queue drains, and the books
are read for the oracle."""

from __future__ import annotations

import random
import sqlite3
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pos_app.domain.offline_policy import OfflinePolicy
from pos_app.sandbox import SandboxServer
from pos_app.sandbox.clock import format_ts
from pos_app.services import (
    BackendUnavailable,
    BadInput,
    Refused,
    Terminal,
    approvals,
    points,
    redeem,
    returns,
    sales,
    staff,
    syncing,
)
from pos_app.store import outbox, redemptions

from ..terminal_helpers import backend, key, open_terminal
from .injected import FaultCounter
from .oracle import LocalEntry, LocalOrder, LocalReturn, Op, Seed

MANAGER = "Maryam"
MANAGER_PIN = "73915428"
REWARDS = ("rwd_xyz789", "rwd_drink150", "rwd_ship300")  # 200, 150, 300 points; no tier
CLEAR: dict[str, Any] = {
    "outage": False,
    "error_rate": 0.0,
    "latency_ms": 0,
    "drop_response_rate": 0.0,
    "rate_limit_rate": 0.0,
}


#: The "wire" phase (issue 11): after the backend applied a POST, a 500, an answer cut off
#: mid-JSON (not the contract: the queue pauses), or an answer after the client hung up.
WIRE = {"error500": 0.12, "malformed": 0.08, "hangup": 0.06}


def phases(latency_ms: int) -> list[tuple[str, dict[str, Any]]]:
    """The faults of the issue: outage, 30% errors, latency, 20% drop-after-apply, rate
    limiting (half of all requests get a 429); and the wire faults (WIRE)."""
    return [
        ("wire", {}),
        ("outage", {"outage": True}),
        ("errors30", {"error_rate": 0.3}),
        (f"latency{latency_ms}ms", {"latency_ms": latency_ms}),
        ("drop20", {"drop_response_rate": 0.2}),
        ("ratelimit", {"rate_limit_rate": 0.5}),
    ]


@dataclass
class Plan:
    seed: int
    operations: int
    customers: int
    terminals: int
    phase_length: int
    latency_ms: int
    sync_every: int  # a terminal's background sync runs every this many operations


@dataclass
class Run:
    plan: Plan
    ops: list[Op] = field(default_factory=list)
    seeds: list[Seed] = field(default_factory=list)
    local: list[LocalEntry] = field(default_factory=list)
    local_status: dict[str, tuple[str, str]] = field(default_factory=dict)
    orders: list[LocalOrder] = field(default_factory=list)
    returns: list[LocalReturn] = field(default_factory=list)
    # order id -> (terminal, customer, amount left to return) of each sale made
    sales: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    customers: list[str] = field(default_factory=list)
    faults: dict[str, int] = field(default_factory=dict)
    final_sync_rounds: dict[str, int] = field(default_factory=dict)
    phase_log: list[str] = field(default_factory=list)
    seconds: float = 0.0


class RunClock:
    """The terminals' clock: real time, plus whatever time the run lets pass at the end
    (an abandoned redemption may wait out a grace period before its fate is final)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


def _midnight(days: int) -> datetime:
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today + timedelta(days=days)


def seed_customers(sandbox: SandboxServer, run: Run, rng: random.Random) -> None:
    """Customers with two dated lots and sometimes an undated one, through the API."""
    with backend(sandbox) as c:
        for i in range(run.plan.customers):
            cid = c.create_customer(name=f"Fault Suite {i:03d}", idempotency_key=key()).id
            run.customers.append(cid)
            small = i < 10  # the regulars: often redeemed for, small balances
            lots = [
                (rng.randint(2, 4 if small else 8) * 50, _midnight(20 + i % 9)),
                (rng.randint(1 if small else 2, 4 if small else 10) * 50, _midnight(70 + i % 11)),
                (rng.randint(0, 2 if small else 4) * 50, None),
            ]
            for k, (amount, expires) in enumerate(lots):
                if not amount:
                    continue
                reason = f"seed {i}/{k}"
                c.award_points(
                    customer_id=cid,
                    points=amount,
                    reason=reason,
                    expires_at=expires,
                    idempotency_key=key(),
                )
                run.seeds.append(Seed(cid, amount, format_ts(expires) if expires else None, reason))


@contextmanager
def terminals(
    sandbox: SandboxServer, root: Path, count: int, clock: RunClock
) -> Iterator[dict[str, Terminal]]:
    """T1 with the default offline policy; the others stricter (offline, at most 200
    points per code and 300 waiting per customer), so the counter also refuses codes
    outside the policy while the request may have reached the backend."""
    with ExitStack() as stack:
        made: dict[str, Terminal] = {}
        for i in range(count):
            strict = OfflinePolicy(
                max_points_per_redemption=200, max_pending_points_per_customer=300
            )
            policy = OfflinePolicy() if i == 0 else strict
            t = stack.enter_context(
                open_terminal(
                    root / f"T{i + 1}",
                    sandbox,
                    policy=policy,
                    clock=clock,
                    online_wait_seconds=1.5,
                    terminal_id=f"term_fault{i + 1}",
                )
            )
            staff.add_staff(t, MANAGER, "manager", MANAGER_PIN, actor="system")
            syncing.sync_once(t)
            made[f"T{i + 1}"] = t
        yield made


def _max_outbox_id(t: Terminal) -> int:
    row = t.db.conn.execute("SELECT COALESCE(MAX(id), 0) FROM outbox").fetchone()
    return int(row[0])


def _attempt(t: Terminal, op: Op, action: Callable[[], Any]) -> Any:
    """Run one use case as the counter would, and record what the cashier was told."""
    before = _max_outbox_id(t)
    result: Any = None
    try:
        result = action()
        op.reported = str(getattr(result, "status", "confirmed"))
    except Refused as error:
        op.reported, op.message = "refused", error.message
    except BackendUnavailable as error:
        op.reported, op.message = "unavailable", error.message
    except BadInput as error:
        op.reported, op.message = "bad_input", error.message
    except Exception as error:  # an unexpected error is a finding, not a stop
        op.reported = "crashed"
        op.message = "".join(traceback.format_exception_only(error)).strip()
    kind = "award" if op.kind == "sale" else op.kind
    for row in t.db.conn.execute(
        "SELECT id, kind, customer_id, redemption_code FROM outbox WHERE id > ? ORDER BY id",
        (before,),
    ):
        if (
            row["kind"] == kind
            and row["customer_id"] == op.customer
            and (op.kind != "void" or row["redemption_code"] == op.code)
        ):
            op.outbox_id = int(row["id"])
            if op.kind == "redeem":
                op.code = row["redemption_code"]
            entry = outbox.get(t.db.conn, op.outbox_id)
            op.counter_error = entry.last_error_code if entry else None
            break
    return result


def _approval(t: Terminal, action: str, subject: str) -> staff.Approval:
    return staff.approve(
        t, MANAGER, MANAGER_PIN, action=action, subject=subject, reason="fault suite"
    )


def _voidable(run: Run, t: Terminal, name: str, voided: set[str]) -> list[Op]:
    found = []
    for op in run.ops:
        if op.kind == "redeem" and op.terminal == name and op.done and op.code not in voided:
            local = redemptions.get(t.db.conn, op.code or "")
            if local is not None and local.status.value in ("confirmed", "offline"):
                found.append(op)
    return found[-20:]


def one_operation(
    run: Run, rng: random.Random, name: str, t: Terminal, phase: str, voided: set[str]
) -> None:
    n = len(run.ops) + 1
    regulars = run.customers[:10]
    customer = rng.choice(regulars if rng.random() < 0.4 else run.customers)
    if phase == "outage" and rng.random() < 0.5:
        # Both terminals hand out codes for the same few customers while offline: the
        # backend must refuse some, and each refusal must become a kept conflict.
        customer = rng.choice(regulars[:3])
    tag = f"fault-suite {run.plan.seed} op {n} {name}"
    roll = rng.random()
    if roll < 0.15:
        targets = _voidable(run, t, name, voided)
        if targets:
            target = rng.choice(targets)
            op = Op(n, "void", name, target.customer, target.points, tag, phase, code=target.code)
            run.ops.append(op)
            voided.add(target.code or "")
            _attempt(
                t,
                op,
                lambda: approvals.void(
                    t, op.code or "", tag, approval=_approval(t, "void", op.code or "")
                ),
            )
            return
    if roll < 0.50:
        reward = rng.choice(REWARDS)
        cost = {"rwd_xyz789": 200, "rwd_drink150": 150, "rwd_ship300": 300}[reward]
        op = Op(n, "redeem", name, customer, cost, tag, phase, reward_id=reward)
        run.ops.append(op)
        result = _attempt(t, op, lambda: redeem.redeem(t, customer, reward))
        if result is not None:
            op.code, op.discount = result.code, result.discount_amount
        return
    if roll < 0.64:
        sale(run, rng, name, t, phase, customer, tag)
        return
    if roll < 0.76 and return_some(run, rng, name, t, phase, tag):
        return
    if roll < 0.90:
        amount = rng.choice((10, 25, 50, 100, 150))
        days = rng.choice((None, 45, 120))
        expires = _midnight(days) if days else None
        op = Op(n, "award", name, customer, amount, tag, phase)
        op.expires_at = format_ts(expires) if expires else None
        run.ops.append(op)
        _attempt(t, op, lambda: points.award(t, customer, amount, tag, expires_at=expires))
        return
    amount = rng.choice((-100, -50, 25, 50, 100))
    op = Op(n, "adjust", name, customer, amount, tag, phase)
    run.ops.append(op)
    _attempt(
        t,
        op,
        lambda: approvals.adjust(
            t, customer, amount, tag, approval=_approval(t, "adjust", customer)
        ),
    )


def sale(
    run: Run, rng: random.Random, name: str, t: Terminal, phase: str, customer: str, tag: str
) -> None:
    """An award for a sale. One in eight rings up an order another till already awarded
    (the same receipt at two counters): it must earn once in all."""
    n = len(run.ops) + 1
    elsewhere = [o for o, (till, _, _) in run.sales.items() if till != name]
    if elsewhere and rng.random() < 0.125:
        order = rng.choice(elsewhere)
    else:
        order = f"ORD-{run.plan.seed}-{n}"
    amount = rng.choice((1000, 2500, 5000, 9700, 15000))
    op = Op(n, "sale", name, customer, amount // 100, tag, phase, order=order, money=amount)
    run.ops.append(op)
    _attempt(t, op, lambda: sales.award_sale(t, customer, order, amount, reason=tag))
    if op.done and order not in run.sales:
        run.sales[order] = (name, customer, amount)


def return_some(run: Run, rng: random.Random, name: str, t: Terminal, phase: str, tag: str) -> bool:
    """A return of part (or all, or one in ten times more than is left) of a sale this
    till made; False when it has none left to return."""
    mine = [o for o, (till, _, left) in run.sales.items() if till == name and left > 0]
    if not mine:
        return False
    n = len(run.ops) + 1
    order = rng.choice(mine)
    _, customer, left = run.sales[order]
    amount = rng.choice((left, max(1, left // 3), max(1, left // 2), left + 1))
    op = Op(n, "return", name, customer, 0, tag, phase, order=order, money=amount)
    run.ops.append(op)
    _attempt(t, op, lambda: returns.return_sale(t, order, amount, reason=tag))
    if op.done:
        run.sales[order] = (name, customer, left - amount)
    return True


def drive(sandbox: SandboxServer, counter: FaultCounter, root: Path, plan: Plan) -> Run:
    """The whole run; returns what the oracle needs (the books are read by the caller)."""
    started = time.monotonic()
    run = Run(plan)
    rng = random.Random(plan.seed)
    seed_customers(sandbox, run, rng)
    sandbox.faults.seed(plan.seed)
    counter.seed(plan.seed)
    schedule = phases(plan.latency_ms)
    clock = RunClock()
    with terminals(sandbox, root, plan.terminals, clock) as tills:
        names = sorted(tills)
        voided: set[str] = set()
        step = 0
        while len(run.ops) < plan.operations:
            order = schedule[:]
            rng.shuffle(order)
            for phase, knobs in order:
                sandbox.faults.update(**{**CLEAR, **knobs})
                counter.wire = dict(WIRE) if phase == "wire" else {}
                run.phase_log.append(phase)
                for _ in range(plan.phase_length):
                    if len(run.ops) >= plan.operations:
                        break
                    name = rng.choice(names)
                    one_operation(run, rng, name, tills[name], phase, voided)
                    step += 1
                    if step % plan.sync_every == 0:
                        syncing.sync_once(tills[rng.choice(names)])
        sandbox.faults.update(**CLEAR)
        counter.wire = {}
        for name in names:
            run.final_sync_rounds[name] = final_sync(tills[name], clock)
        for name in names:
            collect_local(run, name, tills[name])
    run.faults = counter.summary()
    run.seconds = time.monotonic() - started
    return run


def final_sync(t: Terminal, clock: RunClock, limit: int = 30) -> int:
    """Sync until nothing is pending (or `limit` rounds); returns the rounds it took.
    Between rounds five minutes pass on the terminals' clock: whatever waits for a grace
    period or a backoff is due again, as it would be at a real counter a while later."""
    for rounds in range(1, limit + 1):
        syncing.sync_once(t)
        if outbox.counts(t.db.conn)["pending"] == 0:
            return rounds
        clock.advance(300)
    return limit


def collect_local(run: Run, name: str, t: Terminal) -> None:
    conn: sqlite3.Connection = t.db.conn
    for row in conn.execute(
        "SELECT id, kind, state, idempotency_key, handed_out, redemption_code, customer_id, "
        "abandoned, operator FROM outbox ORDER BY id"
    ):
        run.local.append(
            LocalEntry(
                name,
                int(row["id"]),
                row["kind"],
                row["state"],
                row["idempotency_key"],
                bool(row["handed_out"]),
                row["redemption_code"],
                row["customer_id"],
                bool(row["abandoned"]),
                row["operator"],
            )
        )
    for row in conn.execute(
        "SELECT r.*, o.state FROM orders r JOIN outbox o ON o.id = r.outbox_id ORDER BY r.id"
    ):
        run.orders.append(
            LocalOrder(
                name,
                row["order_id"],
                row["customer_id"],
                row["points"],
                row["outbox_id"],
                row["transaction_id"],
                row["state"],
            )
        )
    for row in conn.execute(
        "SELECT r.*, o.state FROM order_returns r JOIN outbox o ON o.id = r.outbox_id ORDER BY r.id"
    ):
        run.returns.append(
            LocalReturn(
                name,
                row["order_id"],
                row["customer_id"],
                row["returned_amount"],
                row["points_expected"],
                row["points_reversed"],
                row["points_shortfall"],
                row["return_id"],
                row["outbox_id"],
                row["state"],
            )
        )
    for row in conn.execute("SELECT code, status FROM redemptions WHERE origin = 'local'"):
        run.local_status[row["code"]] = (name, row["status"])
