"""The data the figures run on: a terminal's data folder with 100,000 cached customers,
built once per run by one bulk insert through the store's own schema, and the environment
a child `pos-app` runs in (loopback only, no OS keyring, its own log folder)."""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import sqlite3
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pos_app.domain.models import RewardInfo
from pos_app.domain.timefmt import to_db
from pos_app.store import cache, open_database

CUSTOMERS = 100_000
REWARD = "rwd_perf"
API_KEY = "sk_test_sandbox"
FIRST = ("Ada", "Bola", "Chidi", "Emeka", "Fatima", "Grace", "Ibrahim", "Kemi", "Musa", "Ngozi")
SURNAMES = ("Adeyemi", "Bello", "Eze", "Mensah", "Nwosu", "Obi", "Okafor", "Salami", "Yusuf")
UPDATED = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
POS_APP = (sys.executable, "-m", "pos_app")


@dataclass(frozen=True, slots=True)
class Probe:
    """One cached customer's keys, as a cashier types them."""

    customer_id: str
    phone: str
    card: str
    email: str
    name_prefix: str


def customer_id(i: int) -> str:
    return f"cus_{i:07d}"


# One row of the terminal's customer cache (the store's schema), in cache_row's order.
CACHE_INSERT = (
    "INSERT INTO customers (id, name, name_fold, email, email_fold, phone, phone_digits,"
    " card_number, card_fold, points_balance, lifetime_points, tier_id, tier_name,"
    " points_expiring, updated_at, cached_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def cache_row(c: Mapping[str, Any], cached_at: str | None = None) -> tuple[object, ...]:
    """A customer as the API sends it (GET /v1/customers) as a row of CACHE_INSERT, with
    the folded keys the store's lookups read: what the pull's floor writes (cached when
    updated), and each customer of the built terminal (cached at `cached_at`)."""
    tier = c.get("tier") or {}
    assert isinstance(tier, dict)
    name, email, phone, card = (
        str(c[k]) if c.get(k) else None for k in ("name", "email", "phone", "card_number")
    )
    return (
        c["id"],
        name,
        cache.fold(name),
        email,
        cache.fold(email),
        phone,
        cache.phone_key(phone),
        card,
        cache.fold(card),
        c["points_balance"],
        c["lifetime_points"],
        tier.get("id"),
        tier.get("name"),
        "[]",
        c["updated_at"],
        c["updated_at"] if cached_at is None else cached_at,
    )


def _row(i: int, rng: random.Random, cached: str) -> tuple[object, ...]:
    customer = {
        "id": customer_id(i),
        "name": f"{rng.choice(FIRST)} {rng.choice(SURNAMES)} {i}",
        "email": f"c{i}@example.com",
        "phone": f"+234{8_000_000_000 + i}",
        "card_number": f"LP{i:010d}",
        "points_balance": 5_000,
        "lifetime_points": 9_000,
        "tier": None,
        "updated_at": to_db(UPDATED),
    }
    return cache_row(customer, cached)


def build_terminal(data_dir: Path, customers: int = CUSTOMERS) -> Probe:
    """A terminal's data folder: its database made by `open_database` (the migrations),
    then `customers` rows and their name words in one transaction, and one reward."""
    rng = random.Random(14)
    db = open_database(data_dir)
    try:
        now = datetime.now(UTC)  # fresh: the offline policy trusts a recent cache
        rows = [_row(i, rng, to_db(now)) for i in range(customers)]
        with db.transaction() as conn:
            conn.executemany(CACHE_INSERT, rows)
            conn.executemany(
                "INSERT OR IGNORE INTO customer_words VALUES (?, ?)",
                ((w, row[0]) for row in rows for w in cache.name_words(str(row[2]))),
            )
            reward = RewardInfo(REWARD, "Perf coupon", 100, 500, "NGN", None, True)
            cache.replace_rewards(conn, [reward], now, {REWARD: now})
            # Synced a moment ago: a start-up has no backlog to pull.
            for resource in ("customers", "redemptions"):
                cache.set_cursor(conn, resource, to_db(now), now)
        db.conn.execute("ANALYZE")
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    middle = customers // 2
    return Probe(
        customer_id(middle),
        f"0{8_000_000_000 + middle}",
        f"lp{middle:010d}",
        f"C{middle}@EXAMPLE.COM",
        str(rows[middle][1])[:6],
    )


def copy_terminal(source: Path, target: Path) -> Path:
    """A fresh copy of a built data folder (a figure that writes keeps the source clean)."""
    shutil.copytree(source, target, dirs_exist_ok=False)
    return target


def dead_url() -> str:
    """A loopback URL nothing listens on: the backend is down (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def child_env(backend_url: str, log_dir: Path) -> dict[str, str]:
    """A child pos-app: that backend, the sandbox key, no OS keyring, headless Qt."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POS_APP_", "LOYALPRO_"))}
    env.update(
        POS_APP_BACKEND_URL=backend_url,
        LOYALPRO_API_KEY=API_KEY,
        POS_APP_LOG_DIR=str(log_dir),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        QT_QPA_PLATFORM="offscreen",
        LC_ALL="C.UTF-8",
        NO_PROXY="127.0.0.1",
    )
    return env


def pending_copies(data_dir: Path, count: int) -> None:
    """`count` more pending operations in the outbox: copies of its first one, each for
    its own customer and with its own key (the queue of a long outage)."""
    conn = sqlite3.connect(data_dir / "terminal.db")
    try:
        first = conn.execute("SELECT * FROM outbox ORDER BY id LIMIT 1").fetchone()
        names = [d[0] for d in conn.execute("SELECT * FROM outbox LIMIT 0").description]
        row = dict(zip(names, first, strict=True))
        del row["id"]
        payload = json.loads(row["payload"])
        copies = []
        for i in range(count):
            cid = customer_id(CUSTOMERS - 1 - i)
            payload_i = {**payload, "customer_id": cid} if "customer_id" in payload else payload
            copies.append(
                {
                    **row,
                    "customer_id": cid,
                    "idempotency_key": f"perf-{i}-{os.getpid()}",
                    "payload": json.dumps(payload_i),
                    "redemption_code": None,
                }
            )
        columns = ", ".join(names[1:])
        marks = ", ".join(f":{n}" for n in names[1:])
        with conn:
            conn.executemany(f"INSERT INTO outbox ({columns}) VALUES ({marks})", copies)
    finally:
        conn.close()
