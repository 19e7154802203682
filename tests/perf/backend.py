"""The sandbox backend the network figures talk to: its own process on 127.0.0.1, on a
database seeded once and then given 100,000 more customers by one bulk insert through the
sandbox's own schema."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from support.sandbox_process import serve

from pos_app.sandbox import open_ledger

from .data import API_KEY, CUSTOMERS, customer_id


def build_sandbox(path: Path, customers: int = CUSTOMERS) -> None:
    """The demo seed, then `customers` more (ids as the terminal's cache has them)."""
    open_ledger(path).close()
    conn = sqlite3.connect(path)
    try:
        (stamp,) = conn.execute("SELECT max(updated_at) FROM customers").fetchone()
        with conn:
            conn.executemany(
                "INSERT INTO customers (id, name, name_fold, email, phone, card_number,"
                " points_balance, lifetime_points, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
                (
                    (
                        customer_id(i),
                        f"Perf Customer {i}",
                        f"perf customer {i}",
                        f"p{i}@example.net",
                        f"+22507{i:08d}",
                        f"PF{i:010d}",
                        stamp,
                        stamp,
                    )
                    for i in range(customers)
                ),
            )
    finally:
        conn.close()


@dataclass(frozen=True, slots=True)
class Backend:
    url: str

    def faults(self, **knobs: object) -> None:
        """PUT /_sandbox/faults (latency_ms=2000: a slow backend)."""
        headers = {"Authorization": f"Bearer {API_KEY}"}
        httpx.put(f"{self.url}/_sandbox/faults", json=knobs, headers=headers).raise_for_status()


@contextmanager
def serving(db: Path) -> Iterator[Backend]:
    """`pos-app sandbox serve` on that database, a free loopback port, until the end."""
    with serve(db) as served:
        yield Backend(served.url)
