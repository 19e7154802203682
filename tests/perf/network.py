"""The network figures, against the sandbox in its own process on 127.0.0.1: the sync
drain of 5,000 operations for 500 customers against a raw keep-alive httpx loop sending
the same requests; the pull of 100,000 customers into an empty cache against raw paged
GETs plus one bulk insert; the sandbox's throughput after many requests against fresh."""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx

from pos_app.config import Config
from pos_app.domain.operations import Award
from pos_app.services import Terminal
from pos_app.store import open_database, outbox
from pos_app.sync.pull import PULL_PAGE

from .backend import Backend
from .data import API_KEY, CACHE_INSERT, cache_row, customer_id
from .timing import Figure, Plan, alternate, median

DRAIN_OPS, DRAIN_CUSTOMERS = 5_000, 500
_dirs = itertools.count()
_HEADERS = {"Authorization": f"Bearer {API_KEY}", "Accept": "application/json"}


def _fresh_terminal(work: Path, backend: Backend) -> Terminal:
    config = Config(
        data_dir=work / f"terminal-{next(_dirs)}", backend_url=backend.url, terminal_id=None
    )
    return Terminal(config, api_key=API_KEY)


def _award_body(i: int) -> dict[str, object]:
    return {
        "customer_id": customer_id(i // 10 % DRAIN_CUSTOMERS),
        "points": 1,
        "reason": "perf",
        "type": "bonus",
        "metadata": {},
    }


def _seconds(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def drain(plan: Plan, work: Path, backend: Backend, ops: int = DRAIN_OPS) -> list[Figure]:
    """`ops` awards (10 per customer: 5,000 for 500 in the full run) drained, per second."""

    def ours() -> float:
        with _fresh_terminal(work, backend) as t:
            now = datetime.now(UTC)
            # The queue an outage leaves: 10 awards for each of 500 customers, in turn.
            with t.db.transaction() as conn:
                for i in range(ops):
                    cid = customer_id(i // 10 % DRAIN_CUSTOMERS)
                    award = Award(cid, 1, "perf", bonus=True)
                    outbox.add(conn, award, customer_id=cid, now=now)

            def push_all() -> None:
                while t.engine.push(ignore_backoff=True).pushed:
                    pass

            return ops / _seconds(push_all)

    def floor() -> float:
        with httpx.Client(base_url=backend.url, headers=_HEADERS) as client:

            def send_all() -> None:
                for i in range(ops):
                    answer = client.post(
                        "/v1/points/award",
                        json=_award_body(i),
                        headers={"Idempotency-Key": str(uuid.uuid4())},
                    )
                    answer.raise_for_status()

            return ops / _seconds(send_all)

    mine, theirs = alternate(plan, ours, floor)
    return [
        Figure(
            f"sync drain, {ops} ops / {ops // 10} customers",
            median(mine),
            "ops/s",
            median(theirs),
            ">= 0.8 x",
        )
    ]


def pull(plan: Plan, work: Path, backend: Backend, customers: int) -> list[Figure]:
    def ours() -> float:
        with _fresh_terminal(work, backend) as t:
            return customers / _seconds(t.engine.pull)

    def floor() -> float:
        db = open_database(work / f"raw-{next(_dirs)}")
        try:
            with httpx.Client(base_url=backend.url, headers=_HEADERS) as client:

                def pull_all() -> None:
                    rows: list[tuple[object, ...]] = []
                    cursor: str | None = None
                    while True:
                        params: dict[str, str | int] = {"limit": PULL_PAGE}
                        if cursor:
                            params["cursor"] = cursor
                        page = client.get("/v1/customers", params=params).json()
                        rows.extend(cache_row(c) for c in page["data"])
                        cursor = page.get("next_cursor")
                        if not page["has_more"] or not cursor:
                            break
                    with db.transaction() as conn:
                        conn.executemany(CACHE_INSERT, rows)

                return customers / _seconds(pull_all)
        finally:
            db.close()

    mine, theirs = alternate(plan, ours, floor)
    return [
        Figure(
            "pull of 100k customers, empty cache",
            median(mine),
            "customers/s",
            median(theirs),
            ">= 0.8 x",
        )
    ]


def throughput(plan: Plan, fresh: Backend, used: Backend, requests: int) -> list[Figure]:
    """Awards per second, a window of 500 at a time, on a sandbox that served `requests`
    before against a fresh one, the windows taken in turn."""
    window = 500
    counter = itertools.count()

    def rate(backend: Backend, client: httpx.Client) -> float:
        def send() -> None:
            for _ in range(window):
                body = _award_body(next(counter))
                key = {"Idempotency-Key": str(uuid.uuid4())}
                client.post("/v1/points/award", json=body, headers=key).raise_for_status()

        return window / _seconds(send)

    with (
        httpx.Client(base_url=fresh.url, headers=_HEADERS) as to_fresh,
        httpx.Client(base_url=used.url, headers=_HEADERS) as to_used,
    ):
        for _ in range(requests // window):
            rate(used, to_used)  # the history: `requests` answered awards
        mine, theirs = alternate(
            Plan(plan.warmup, plan.runs * 2),
            lambda: rate(used, to_used),
            lambda: rate(fresh, to_fresh),
        )
    return [
        Figure(
            f"sandbox throughput after {requests} requests",
            median(mine),
            "req/s",
            median(theirs),
            ">= 0.9 x",
        )
    ]
