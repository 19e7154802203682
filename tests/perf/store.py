"""The store, in process, on 100,000 cached customers: a lookup by phone, card, email and
name prefix (p99) against the raw query it needs; the durable commit of a redemption
against one bare WAL+FULL single-row commit; and a whole offline `redeem` call with 0,
1,000 and 10,000 operations pending (it should not grow with the queue)."""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from pos_app.config import Config
from pos_app.services import Terminal, redeem
from pos_app.store import cache, open_database

from .data import (
    API_KEY,
    CUSTOMERS,
    REWARD,
    Probe,
    copy_terminal,
    customer_id,
    dead_url,
    pending_copies,
)
from .timing import REFERENCE, Figure, Plan, alternate, median, p99

RAW = "SELECT * FROM customers WHERE {} = ? LIMIT 20"
RAW_PREFIX = (
    "SELECT * FROM customers WHERE name_fold >= ? AND name_fold < ? ORDER BY name_fold LIMIT 20"
)


def lookups(plan: Plan, data_dir: Path, probe: Probe) -> list[Figure]:
    db = open_database(data_dir)
    conn = db.conn
    prefix = cache.fold(probe.name_prefix) or ""

    def raw(sql: str, *params: object) -> Callable[[], object]:
        return lambda: conn.execute(sql, params).fetchall()

    raw_of: dict[str, tuple[str, Callable[[], object]]] = {
        "phone": (probe.phone, raw(RAW.format("phone_digits"), cache.phone_key(probe.phone))),
        "card": (probe.card, raw(RAW.format("card_fold"), cache.fold(probe.card))),
        "email": (probe.email, raw(RAW.format("email_fold"), cache.fold(probe.email))),
        "name prefix": (probe.name_prefix, raw(RAW_PREFIX, prefix, prefix + "\U0010ffff")),
    }

    def find(query: str) -> Callable[[], object]:
        return lambda: cache.find_customers(conn, query)

    rows = []
    try:
        for label, (query, floor) in raw_of.items():
            runs = Plan(plan.warmup * 20, plan.runs * 40)  # p99 wants many samples
            ours, theirs = alternate(runs, partial(_ms, find(query)), partial(_ms, floor))
            value = p99(ours)
            rows.append(
                Figure(f"lookup by {label}, p99", value, "ms", p99(theirs), "<= 3 x", value < 0.5)
            )
    finally:
        db.close()
    return rows


def _ms(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return (time.perf_counter() - start) * 1000


def _terminal(data_dir: Path) -> Terminal:
    config = Config(data_dir=data_dir, backend_url=dead_url(), terminal_id=None)
    return Terminal(config, api_key=API_KEY)


@contextmanager
def _first_transaction_timed(t: Terminal, spent: list[float]) -> Iterator[None]:
    """Time each transaction of this terminal's database (BEGIN IMMEDIATE to COMMIT)."""
    original = t.db.transaction

    @contextmanager
    def timed() -> Iterator[sqlite3.Connection]:
        start = time.perf_counter()
        with original() as conn:
            yield conn
        spent.append((time.perf_counter() - start) * 1000)

    t.db.transaction = timed  # type: ignore[method-assign]
    try:
        yield
    finally:
        t.db.transaction = original  # type: ignore[method-assign]


def commits(plan: Plan, source: Path, work: Path) -> list[Figure]:
    """The redemption's own transaction (outbox row, redemption, audit entry: the first
    one an offline `redeem` opens) against a bare single-row commit, same disk, same mode."""
    data_dir = copy_terminal(source, work / "commit")
    bare = sqlite3.connect(work / "bare.db", isolation_level=None)
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("PRAGMA synchronous=FULL")
    bare.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    customers = itertools.count(1)
    t = _terminal(data_dir)

    def ours() -> float:
        spent: list[float] = []
        with _first_transaction_timed(t, spent):
            redeem.redeem(t, customer_id(next(customers)), REWARD)
        return spent[0]

    def floor() -> float:
        return _ms(lambda: bare.execute("INSERT INTO t (v) VALUES ('x')"))

    try:
        mine, theirs = alternate(plan_for_commits(plan), ours, floor)
        same_sql = _BareRedemption(t, copy_terminal(source, work / "commit-sql"))
        try:
            sql, sql_floor = alternate(plan_for_commits(plan), same_sql, floor)
        finally:
            same_sql.close()
    finally:
        t.close()
        bare.close()
    return [
        Figure("durable redemption commit", median(mine), "ms", median(theirs), "<= 2 x"),
        Figure(
            "durable commit, the same rows in bare SQL (none of our Python)",
            median(sql),
            "ms",
            median(sql_floor),
            REFERENCE,
        ),
    ]


class _BareRedemption:
    """The redemption's transaction in bare sqlite3, on its own copy of the terminal's
    database (same schema, indexes and pragmas): the rows a real redemption wrote (read
    back, each key and code made unique), the read of the audit chain's head, the audit
    entry and the head's upsert, between BEGIN IMMEDIATE and COMMIT. Every value is made
    before the clock starts: what is left is SQLite's pages and the fsync."""

    def __init__(self, model: Terminal, data_dir: Path) -> None:
        read = model.db.conn
        self.rows = {
            table: read.execute(f"SELECT * FROM {table} ORDER BY rowid DESC LIMIT 1").fetchone()
            for table in ("outbox", "redemptions", "audit")
        }
        self.columns = {
            table: [d[1] for d in read.execute(f"PRAGMA table_info({table})")]
            for table in self.rows
        }
        self.conn = sqlite3.connect(data_dir / "terminal.db", isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.count = itertools.count()

    def _insert(self, table: str, changed: dict[str, object]) -> tuple[str, tuple[object, ...]]:
        names = [c for c in self.columns[table] if c not in ("id", "seq")]
        row = dict(zip(self.columns[table], self.rows[table], strict=True))
        row.update(changed)
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        return sql, tuple(row[c] for c in names)

    def __call__(self) -> float:
        n = next(self.count)
        outbox = self._insert("outbox", {"idempotency_key": f"bare-sql-{n}"})
        redemption = self._insert("redemptions", {"code": f"BARE-{n}", "outbox_id": None})
        audit_sql, audit_values = self._insert("audit", {})
        start = time.perf_counter()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(*outbox)
        conn.execute(*redemption)
        conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq = conn.execute(audit_sql, audit_values).lastrowid
        conn.execute(
            "INSERT INTO settings VALUES ('audit_head', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (f"{seq}:{audit_values[-1]}",),
        )
        conn.execute("COMMIT")
        return (time.perf_counter() - start) * 1000

    def close(self) -> None:
        self.conn.close()


def plan_for_commits(plan: Plan) -> Plan:
    return Plan(plan.warmup * 3, plan.runs * 6)


def flatness(plan: Plan, source: Path, work: Path) -> list[Figure]:
    """A whole offline redeem() with 0, 1,000 and 10,000 pending; the goal: 10,000 at most
    1.2x the empty queue. Measured in turn on three terminals, so load hits all three."""
    sizes = (0, 1_000, 10_000)
    terminals: list[Terminal] = []
    for size in sizes:
        data_dir = copy_terminal(source, work / f"queue-{size}")
        if size:
            with _terminal(data_dir) as seed:  # one real queued op to copy
                redeem.redeem(seed, customer_id(CUSTOMERS - 1), REWARD)
            pending_copies(data_dir, size - 1)
        terminals.append(_terminal(data_dir))
    customers = itertools.count(10)
    samples: dict[int, list[float]] = {size: [] for size in sizes}
    try:
        for round_ in range(plan.warmup + plan.runs * 4):
            for size, t in zip(sizes, terminals, strict=True):
                cid = customer_id(next(customers))
                took = _ms(partial(redeem.redeem, t, cid, REWARD))
                if round_ >= plan.warmup:
                    samples[size].append(took)
    finally:
        for t in terminals:
            t.close()
    empty = median(samples[0])
    rows = [Figure("offline redeem, 0 pending", empty, "ms", empty, "<= 1.2 x")]
    for size in sizes[1:]:
        rows.append(
            Figure(
                f"offline redeem, {size} pending", median(samples[size]), "ms", empty, "<= 1.2 x"
            )
        )
    return rows
