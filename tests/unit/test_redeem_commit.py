"""The durable write of a redemption (issue 14): one transaction with the redemption, its
outbox entry and its audit entry, and nothing else: no read of what it has just written,
nothing read or encoded under the write lock that could be made before it (the operation's
payload, with the newest committed audit head in its metadata), and the audit head
updated in place, not deleted and inserted again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pos_app.config import Config
from pos_app.domain.models import CustomerInfo, RewardInfo
from pos_app.domain.timefmt import to_db
from pos_app.services import Terminal, redeem
from pos_app.store import audit, cache

OFFLINE = "http://127.0.0.1:1"  # nothing listens: the redemption is queued


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    config = Config(data_dir=tmp_path, backend_url=OFFLINE, terminal_id="till-1")
    with Terminal(config, api_key="k" * 32) as t:
        now = datetime.now(UTC)  # a fresh cache: the offline policy trusts it
        with t.db.transaction() as conn:
            for i in range(3):
                cache.upsert_customer(
                    conn,
                    CustomerInfo(
                        f"cus_{i}", f"Ada {i}", None, None, None, 5_000, 9_000,
                        None, None, (), now - timedelta(minutes=1), now,
                    ),
                )  # fmt: skip
            reward = RewardInfo("rwd_1", "Coupon", 100, 500, "NGN", None, True)
            cache.replace_rewards(conn, [reward], now, {"rwd_1": now})
            for resource in ("customers", "redemptions"):
                cache.set_cursor(conn, resource, to_db(now), now)
        yield t


def first_transaction(t: Terminal, customer_id: str) -> list[str]:
    seen: list[str] = []
    t.db.conn.set_trace_callback(seen.append)
    try:
        result = redeem.redeem(t, customer_id, "rwd_1")
    finally:
        t.db.conn.set_trace_callback(None)
    assert result.code
    begin = seen.index("BEGIN IMMEDIATE")
    return seen[begin + 1 : seen.index("COMMIT", begin)]


def test_the_durable_write_is_its_rows_and_the_audit_head_only(terminal: Terminal) -> None:
    first_transaction(terminal, "cus_0")  # the first entry of the log
    statements = [" ".join(s.split()[:3]) for s in first_transaction(terminal, "cus_1")]
    assert statements == [
        "INSERT INTO outbox",  # the metadata's head was read before the write lock
        "INSERT INTO redemptions",
        "SELECT hash FROM",  # the head the entry links to, read under the lock
        "INSERT INTO audit",
        "INSERT INTO settings",  # the head beside the chain
    ]


def test_the_audit_head_is_updated_in_place(terminal: Terminal) -> None:
    def head_row() -> tuple[int, str]:
        row = terminal.db.conn.execute(
            "SELECT rowid, value FROM settings WHERE key = 'audit_head'"
        ).fetchone()
        return row[0], row[1]

    first_transaction(terminal, "cus_0")
    before = head_row()
    first_transaction(terminal, "cus_1")
    after = head_row()
    assert after[0] == before[0]  # the same row: its key index untouched
    assert after[1] != before[1]
    assert after[1] == audit.head(terminal.db.conn)
    assert audit.verify(terminal.db.conn) == []
