"""A customer's standing at the counter (domain/progress.py): the way to the next tier,
the points expiring soon, and the labels of the history; and the store's migration 6 on a
database of schema 5 (rewards and history lines cached before it)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pos_app.domain.models import ExpiringLot, RewardKind, TierInfo
from pos_app.domain.progress import Label, expiring_soon, label_of, label_text, tier_progress
from pos_app.store import cache
from pos_app.store.db import Database
from pos_app.store.migrations import MIGRATIONS

TIERS = [TierInfo("tier_gold", "Gold", 5000), TierInfo("tier_silver", "Silver", 1000)]
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lifetime", "tier", "next_tier", "to_next", "text"),
    [
        (0, None, "Silver", 1000, "1,000 points to Silver"),
        (999, None, "Silver", 1, "1 point to Silver"),
        (1000, "Silver", "Gold", 4000, "4,000 points to Gold"),
        (3900, "Silver", "Gold", 1100, "1,100 points to Gold"),
        (5000, "Gold", None, 0, "Gold: the top tier"),
        (99999, "Gold", None, 0, "Gold: the top tier"),
    ],
)
def test_tier_progress(
    lifetime: int, tier: str | None, next_tier: str | None, to_next: int, text: str
) -> None:
    progress = tier_progress(lifetime, TIERS)
    assert (progress.tier.name if progress.tier else None) == tier
    assert (progress.next_tier.name if progress.next_tier else None) == next_tier
    assert progress.points_to_next == to_next and progress.text == text
    assert 0.0 <= progress.fraction <= 1.0


def test_tier_progress_bar_and_json() -> None:
    progress = tier_progress(3900, TIERS)
    assert progress.fraction == pytest.approx((3900 - 1000) / 4000)
    assert progress.as_json()["text"] == "1,100 points to Gold"
    assert tier_progress(500, []).text == ""


def test_expiring_soon_with_days_left() -> None:
    lots = [
        ExpiringLot(50, NOW + timedelta(days=40)),
        ExpiringLot(200, NOW + timedelta(days=3, hours=2)),
        ExpiringLot(70, NOW + timedelta(hours=5)),
        ExpiringLot(10, NOW - timedelta(hours=1)),  # already gone
    ]
    soon = expiring_soon(lots, NOW)
    assert [(s.points, s.days_left) for s in soon] == [(70, 0), (200, 3)]
    assert soon[0].text.startswith("70 points expire today")
    assert soon[1].text.startswith("200 points expire in 3 days")


@pytest.mark.parametrize(
    ("type_", "metadata", "label", "order"),
    [
        ("earned", {"kind": "bonus"}, Label.BONUS, None),
        ("earned", {"order_id": "order_12345", "amount": 10000}, Label.SALE, "order_12345"),
        ("earned", {}, Label.AWARD, None),
        ("adjusted", {"kind": "return", "order_id": "order_1"}, Label.RETURN, "order_1"),
        ("adjusted", {}, Label.ADJUSTMENT, None),
        ("redeemed", {"order_id": "x"}, Label.REDEMPTION, None),
        ("expired", {}, Label.EXPIRY, None),
    ],
)
def test_history_labels(
    type_: str, metadata: dict[str, object], label: Label, order: str | None
) -> None:
    assert label_of(type_, metadata) == (label, order)


def test_label_text_names_the_order() -> None:
    assert label_text(Label.SALE, "order_12345") == "sale order_12345"
    assert label_text(Label.BONUS, None) == "bonus"


def test_migration_6_keeps_what_schema_5_cached(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    raw = sqlite3.connect(path)
    for script in MIGRATIONS[:5]:
        raw.executescript(script)
    raw.execute("PRAGMA user_version = 5")
    raw.execute(
        "INSERT INTO rewards VALUES ('rwd_1', 'Free drink', 200, 500, 'NGN', NULL, 1, "
        "'2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')"
    )
    raw.execute(
        "INSERT INTO history_cache VALUES ('txn_1', 'cus_1', 'earned', 100, 100, 'Purchase', "
        "'2026-01-01T00:00:00.000000Z', 0)"
    )
    raw.commit()
    raw.close()
    db = Database(path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    reward = cache.get_reward(db.conn, "rwd_1")
    assert reward is not None and reward.kind is RewardKind.FIXED and reward.per_point is None
    row = cache.cached_history(db.conn, "cus_1", 5)[0]
    assert row["label"] is None and row["order_id"] is None
    db.close()
