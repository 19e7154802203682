"""The customer, reward and tier cache, and the sync cursors.

Lookups bind whole patterns and ranges so every one is an index seek, also with 100,000
customers cached (`LIKE ? || '%'` would scan).
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime
from functools import lru_cache
from typing import Any

from ..domain.models import (
    CustomerInfo,
    ExpiringLot,
    PerPointRule,
    RewardInfo,
    RewardKind,
    TierInfo,
)
from ..domain.timefmt import from_db, to_db
from .rows import from_row, maker

_MAX_CHAR = "\U0010ffff"
_PHONE_TYPED = re.compile(r"[+\d\s\-()]+")
_NOT_DIGIT = re.compile(r"\D")


def fold(text: str | None) -> str | None:
    """For matching: NFC (so a decomposed ë equals a composed one), then casefold."""
    return None if text is None else unicodedata.normalize("NFC", text.strip()).casefold()


def name_words(folded_name: str) -> set[str]:
    """Each space-separated part of a name (O'Neil, Smith-Jones as typed) and the pieces
    inside it (neil, jones), so a surname is found whichever way it is typed."""
    words: set[str] = set()
    for part in folded_name.split():
        words.add(part)
        if _JOINED.search(part):
            words |= {w for w in _JOINED.split(part) if w}
    return words


_JOINED = re.compile(r"[\-'’]+")
_NOT_DIGIT = re.compile(r"\D")


def phone_key(text: str | None) -> str | None:
    """Digits of a phone number in international form: 0801... and +234801... agree."""
    if text is None:
        return None
    digits = _NOT_DIGIT.sub("", text)
    if len(digits) == 11 and digits.startswith("0"):
        digits = "234" + digits[1:]
    return digits or None


UPSERT_CUSTOMER = """INSERT INTO customers (id, name, name_fold, email, email_fold, phone,
       phone_digits, card_number, card_fold, points_balance, lifetime_points, tier_id,
       tier_name, points_expiring, updated_at, cached_at)
   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
   ON CONFLICT(id) DO UPDATE SET
       name=excluded.name, name_fold=excluded.name_fold, email=excluded.email,
       email_fold=excluded.email_fold, phone=excluded.phone,
       phone_digits=excluded.phone_digits, card_number=excluded.card_number,
       card_fold=excluded.card_fold, points_balance=excluded.points_balance,
       lifetime_points=excluded.lifetime_points, tier_id=excluded.tier_id,
       tier_name=excluded.tier_name, points_expiring=excluded.points_expiring,
       updated_at=excluded.updated_at, cached_at=excluded.cached_at
   WHERE excluded.updated_at >= customers.updated_at"""
"""Store what the backend said about a customer, unless the cache holds something newer;
the values are `customer_row`'s."""


def customer_row(customer: CustomerInfo) -> tuple[object, ...]:
    """The values of `UPSERT_CUSTOMER` for `customer` (name_fold third, updated_at 15th)."""
    return (
        customer.id,
        customer.name,
        fold(customer.name),
        customer.email,
        fold(customer.email),
        customer.phone,
        phone_key(customer.phone),
        customer.card_number,
        fold(customer.card_number),
        customer.points_balance,
        customer.lifetime_points,
        customer.tier_id,
        customer.tier_name,
        json.dumps([[lot.points, to_db(lot.expires_at)] for lot in customer.points_expiring])
        if customer.points_expiring
        else "[]",
        to_db(customer.updated_at),
        to_db(customer.cached_at),
    )


def upsert_customer(conn: sqlite3.Connection, customer: CustomerInfo) -> None:
    """Store what the backend said, unless the cache already holds something newer."""
    cur = conn.execute(UPSERT_CUSTOMER, customer_row(customer))
    if cur.rowcount == 0:
        return  # the cache already held something newer: its words describe it
    conn.execute("DELETE FROM customer_words WHERE customer_id = ?", (customer.id,))
    conn.executemany(
        "INSERT OR IGNORE INTO customer_words VALUES (?, ?)",
        [(w, customer.id) for w in name_words(fold(customer.name) or "")],
    )


def set_balance(
    conn: sqlite3.Connection, customer_id: str, balance: int, as_of: datetime, earned: int = 0
) -> None:
    """A balance learned from an operation's answer (`balance_after`), if not older;
    `earned`: points it added to the lifetime total (an earned award), for the tiers."""
    stamp = to_db(as_of)
    conn.execute(
        "UPDATE customers SET points_balance = ?, lifetime_points = lifetime_points + ?, "
        "updated_at = ?, cached_at = ? WHERE id = ? AND updated_at <= ?",
        (balance, earned, stamp, stamp, customer_id, stamp),
    )


# A customer's columns in the order of CustomerInfo's fields: a row is decoded by
# position (no name lookups, no per-row `fields()`; tests/unit/test_store_rows.py).
_COLUMNS = (
    "id, name, email, phone, card_number, points_balance, lifetime_points, tier_id,"
    " tier_name, points_expiring, updated_at, cached_at"
)
_C_COLUMNS = ", ".join(f"c.{column.strip()}" for column in _COLUMNS.split(","))


_new_customer = maker(CustomerInfo)


def _lots(text: str) -> tuple[ExpiringLot, ...]:
    if text == "[]":  # most customers: no json.loads for nothing
        return ()
    return tuple(ExpiringLot(points, from_db(at)) for points, at in json.loads(text))


def _customer(row: Sequence[Any]) -> CustomerInfo:
    """A row of `_COLUMNS`, in that order."""
    (cid, name, email, phone, card, balance, lifetime, tier_id, tier_name, lots, updated,
     cached) = row  # fmt: skip
    return _new_customer(
        cid, name, email, phone, card, balance, lifetime, tier_id, tier_name,
        _lots(lots), from_db(updated), from_db(cached),
    )  # fmt: skip


def get_customer(conn: sqlite3.Connection, customer_id: str) -> CustomerInfo | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM customers WHERE id = ?",  # noqa: S608
        (customer_id,),
    ).fetchone()
    return None if row is None else _customer(row)


# Names that start with the query, in the index's order (ties in the order cached).
_NAMES = (
    f"SELECT * FROM (SELECT 1, name_fold, rowid, {_COLUMNS} FROM customers"  # noqa: S608
    " WHERE name_fold >= ? AND name_fold < ? ORDER BY name_fold LIMIT ?)"
)
# Names with a word that starts with the query, in the word index's own order: no sort
# of every match before the LIMIT.
_NAME_WORDS = (
    f"SELECT * FROM (SELECT 2, w.word, w.customer_id, {_C_COLUMNS} FROM customer_words w"  # noqa: S608
    " JOIN customers c ON c.id = w.customer_id"
    " WHERE w.word >= ? AND w.word < ? ORDER BY w.word, w.customer_id LIMIT ?)"
)
_EXACT_KEYS = ("id", "card_fold", "email_fold")


@lru_cache(maxsize=8)  # 3 x 2 shapes
def _lookup_sql(phones: int, words: bool) -> str:
    """The one statement of a lookup with `phones` phone keys (0, 1 or 2), and the name
    words or not. Each row leads with its place in the answer (`_place`): the exact keys
    first, each in its own rank in the order they were once asked one by one (id, card,
    email, phone as typed, phone in E.164; ties in the order the customers were cached),
    then the names in name order, then the name words. No ORDER BY over the whole: each
    part comes from its index in order, and sorting its few rows (3 temporary B-trees per
    keystroke) is left to the caller. Made once per shape, so SQLite's statement cache
    finds it by the same text every time."""
    columns = _EXACT_KEYS + ("phone_digits",) * phones
    ranks = " ".join(f"WHEN {column} = ? THEN {rank}" for rank, column in enumerate(columns))
    matches = " OR ".join(f"{column} = ?" for column in columns)
    sql = (
        f"SELECT 0, CASE {ranks} END, rowid, {_COLUMNS}"  # noqa: S608
        f" FROM customers WHERE {matches} UNION ALL {_NAMES}"
    )
    return sql + f" UNION ALL {_NAME_WORDS}" if words else sql


def _place(row: sqlite3.Row) -> tuple[Any, Any, Any]:
    """Where a row of `_lookup_sql` goes: part, then rank or name, then the tie-break;
    text compares as SQLite's BINARY collation does (UTF-8 order is code point order)."""
    return row[0], row[1], row[2]


def find_customers(
    conn: sqlite3.Connection, query: str, limit: int = 20, *, phone: str | None = None
) -> list[CustomerInfo]:
    """Id, card number, email or phone exactly; else names that start with the query, or
    with a word of it. Exact matches first (all keys in one statement), then by name.
    `phone`: the query as an E.164 number in the store's country (a number
    typed locally, "0244 123 456" in Ghana)."""
    text = query.strip()
    if not text or limit <= 0:
        return []
    folded = fold(text) or ""
    # One statement, so an exact hit costs about what its own query costs (`_lookup_sql`).
    keys: list[object] = [text, folded, folded]
    digits = phone_key(text)
    if digits and len(digits) >= 7 and _PHONE_TYPED.fullmatch(text):
        keys.append(digits)
    e164 = phone_key(phone)
    if e164 and e164 != digits:
        keys.append(e164)
    words = " " not in folded
    values = keys * 2 + [folded, folded + _MAX_CHAR, limit]
    if words:
        values += [folded, folded + _MAX_CHAR, limit]
    rows = conn.execute(_lookup_sql(len(keys) - 3, words), values).fetchall()
    if len(rows) > 1:
        rows.sort(key=_place)
    found: dict[str, sqlite3.Row] = {}
    for row in rows:
        found.setdefault(row[3], row)  # row[3]: the id
        if len(found) >= limit:
            break  # the rest would be dropped: not decoded
    return [_customer(row[3:]) for row in found.values()]


def recent_customers(conn: sqlite3.Connection, limit: int = 12) -> list[CustomerInfo]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM customers ORDER BY updated_at DESC LIMIT ?",  # noqa: S608
        (limit,),
    )
    return [_customer(row) for row in rows]


def count_customers(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM customers").fetchone()[0])


def replace_rewards(
    conn: sqlite3.Connection,
    rewards: Iterable[RewardInfo],
    cached_at: datetime,
    updated_at: dict[str, datetime],
) -> None:
    for reward in rewards:
        conn.execute(
            """INSERT OR REPLACE INTO rewards (id, name, points_cost, discount_amount,
                   currency, tier_required, active, updated_at, cached_at, kind, per_point)
               VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
            (
                reward.id,
                reward.name,
                reward.points_cost,
                reward.discount_amount,
                reward.currency,
                reward.tier_required,
                int(reward.active),
                to_db(updated_at[reward.id]),
                to_db(cached_at),
                reward.kind.value,
                None if reward.per_point is None else json.dumps(asdict(reward.per_point)),
            ),
        )


def _reward(row: sqlite3.Row) -> RewardInfo:
    rule = row["per_point"]
    return from_row(
        RewardInfo,
        row,
        active=bool(row["active"]),
        kind=RewardKind(row["kind"]),
        per_point=None if rule is None else PerPointRule(**json.loads(rule)),
    )


def get_reward(conn: sqlite3.Connection, reward_id: str) -> RewardInfo | None:
    row = conn.execute("SELECT * FROM rewards WHERE id = ?", (reward_id,)).fetchone()
    return None if row is None else _reward(row)


def list_rewards(conn: sqlite3.Connection, *, active_only: bool = True) -> list[RewardInfo]:
    """Fixed rewards by cost, then pay with points (a card of its own, after them)."""
    rows = conn.execute(
        "SELECT * FROM rewards WHERE active >= ? ORDER BY kind = 'per_point', points_cost, name",
        (int(active_only),),
    )
    return [_reward(r) for r in rows]


def replace_tiers(conn: sqlite3.Connection, tiers: Iterable[TierInfo]) -> None:
    conn.execute("DELETE FROM tiers")
    conn.executemany(
        "INSERT INTO tiers VALUES (?, ?, ?)", [(t.id, t.name, t.min_points) for t in tiers]
    )


def list_tiers(conn: sqlite3.Connection) -> list[TierInfo]:
    return [
        TierInfo(r["id"], r["name"], r["min_points"])
        for r in conn.execute("SELECT * FROM tiers ORDER BY min_points")
    ]


def get_cursor(conn: sqlite3.Connection, resource: str) -> tuple[str | None, datetime] | None:
    row = conn.execute(
        "SELECT since, pulled_at FROM sync_cursors WHERE resource = ?", (resource,)
    ).fetchone()
    return None if row is None else (row["since"], from_db(row["pulled_at"]))


def set_cursor(
    conn: sqlite3.Connection, resource: str, since: str | None, pulled_at: datetime
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO sync_cursors VALUES (?, ?, ?)", (resource, since, to_db(pulled_at))
    )


def replace_history(
    conn: sqlite3.Connection,
    customer_id: str,
    lines: Iterable[tuple[str, str, int, int, str | None, datetime, str, str | None]],
) -> None:
    """The newest page of a customer's history as last seen online (newest first), each
    line with its label (bonus, sale, ...) and order number."""
    conn.execute("DELETE FROM history_cache WHERE customer_id = ?", (customer_id,))
    conn.executemany(
        "INSERT OR REPLACE INTO history_cache (id, customer_id, type, points, balance_after, "
        "reason, created_at, position, label, order_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (txn_id, customer_id, kind, points, balance, reason, to_db(at), position, tag, order)
            for position, (txn_id, kind, points, balance, reason, at, tag, order) in enumerate(
                lines
            )
        ],
    )


def cached_history(conn: sqlite3.Connection, customer_id: str, limit: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT * FROM history_cache WHERE customer_id = ? ORDER BY position LIMIT ?",
        (customer_id, limit),
    ).fetchall()
