"""The sandbox's books: customers, point lots, transactions, rewards and redemptions.

Every rule of API.md that touches a balance lives here, over one SQLite connection.
Callers hold `Ledger.lock` (via `Ledger.transaction()`) for the whole of a request, so
balance changes are atomic whatever the concurrency of the HTTP layer.
"""

from __future__ import annotations

import json
import random
import re
import secrets
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_RE = re.compile(r"^REDEEM-[0-9A-Z]{6,12}$")
MAX_POINTS = 100_000_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tiers (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, min_points INTEGER NOT NULL,
    created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS customers (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    name_fold TEXT NOT NULL, email TEXT, phone TEXT, card_number TEXT,
    points_balance INTEGER NOT NULL DEFAULT 0, lifetime_points INTEGER NOT NULL DEFAULT 0,
    metadata TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    CHECK (points_balance >= 0));
CREATE UNIQUE INDEX IF NOT EXISTS customers_email ON customers(email COLLATE NOCASE);
CREATE UNIQUE INDEX IF NOT EXISTS customers_phone ON customers(phone);
CREATE UNIQUE INDEX IF NOT EXISTS customers_card ON customers(card_number COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS customers_name ON customers(name_fold);
CREATE INDEX IF NOT EXISTS customers_updated ON customers(updated_at, seq);
CREATE TABLE IF NOT EXISTS lots (
    seq INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, remaining INTEGER NOT NULL,
    expires_at TEXT, created_at TEXT NOT NULL, CHECK (remaining >= 0));
CREATE INDEX IF NOT EXISTS lots_customer ON lots(customer_id) WHERE remaining > 0;
CREATE INDEX IF NOT EXISTS lots_expiry ON lots(expires_at) WHERE remaining > 0;
CREATE TABLE IF NOT EXISTS transactions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL, type TEXT NOT NULL, points INTEGER NOT NULL,
    balance_after INTEGER NOT NULL, reason TEXT, metadata TEXT NOT NULL DEFAULT '{}',
    expires_at TEXT, redemption_id TEXT, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS transactions_customer ON transactions(customer_id, seq);
CREATE TABLE IF NOT EXISTS rewards (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    points_cost INTEGER NOT NULL, discount_amount INTEGER NOT NULL, currency TEXT NOT NULL,
    tier_required TEXT, active INTEGER NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS redemptions (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL,
    reward_id TEXT NOT NULL, points INTEGER NOT NULL, code TEXT NOT NULL UNIQUE,
    discount_amount INTEGER NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL,
    transaction_id TEXT, balance_after INTEGER, terminal_id TEXT, occurred_at TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, used_at TEXT, voided_at TEXT,
    metadata TEXT NOT NULL DEFAULT '{}');
CREATE INDEX IF NOT EXISTS redemptions_created ON redemptions(created_at, seq);
CREATE INDEX IF NOT EXISTS redemptions_updated ON redemptions(updated_at, seq);
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
    body TEXT NOT NULL, created_at TEXT NOT NULL);
"""


class LedgerError(Exception):
    """A refusal of the contract's table: HTTP status, machine code, message, param."""

    def __init__(self, status: int, code: str, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.param = param


def format_ts(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_ts(text: str) -> datetime:
    """RFC 3339 with a time zone; raises ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", text):
        raise ValueError(
            "must be an RFC 3339 timestamp with a time zone, e.g. 2025-12-31T23:59:59Z"
        )
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


class Clock:
    """Wall clock with an adjustable offset (the sandbox's test clock), whole seconds."""

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self._frozen: datetime | None = None

    def now(self) -> datetime:
        base = self._frozen or datetime.now(UTC)
        return (base + self._offset).replace(microsecond=0)

    def advance(self, seconds: float) -> None:
        self._offset += timedelta(seconds=seconds)

    def set(self, when: datetime) -> None:
        self._offset = when - datetime.now(UTC)

    def freeze(self, when: datetime | None) -> None:
        self._frozen = when
        self._offset = timedelta(0)


def _row_json(value: str | None) -> dict[str, Any]:
    return json.loads(value) if value else {}


@dataclass(frozen=True, slots=True)
class Tier:
    id: str
    name: str
    min_points: int


class Ledger:
    """All state of one sandbox merchant. Thread-safe through one lock."""

    def __init__(
        self, path: str | Path, clock: Clock | None = None, rng: random.Random | None = None
    ) -> None:
        self.clock = clock or Clock()
        self.rng: random.Random = rng or secrets.SystemRandom()
        self.lock = threading.RLock()
        self.db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._tiers: list[Tier] | None = None

    def close(self) -> None:
        with self.lock:
            self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; expired lots are swept first, at the current time."""
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.sweep_expired()
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def _one(self, sql: str, *args: Any) -> sqlite3.Row | None:
        """The first row of a query, or None."""
        row: sqlite3.Row | None = self.db.execute(sql, args).fetchone()
        return row

    # ---------------------------------------------------------------- ids
    def new_id(self, prefix: str, length: int = 14) -> str:
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
        return prefix + "".join(self.rng.choice(alphabet) for _ in range(length))

    def new_code(self) -> str:
        return "REDEEM-" + "".join(self.rng.choice(CROCKFORD) for _ in range(8))

    # ---------------------------------------------------------------- meta
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # ---------------------------------------------------------------- tiers
    def tiers(self) -> list[Tier]:
        if self._tiers is None:
            rows = self.db.execute("SELECT id, name, min_points FROM tiers ORDER BY min_points")
            self._tiers = [Tier(r["id"], r["name"], r["min_points"]) for r in rows]
        return self._tiers

    def add_tier(self, tier_id: str, name: str, min_points: int) -> None:
        self.db.execute(
            "INSERT INTO tiers VALUES (?, ?, ?, ?)",
            (tier_id, name, min_points, format_ts(self.clock.now())),
        )
        self._tiers = None

    def tier_for(self, lifetime_points: int) -> Tier | None:
        found = None
        for tier in self.tiers():
            if lifetime_points >= tier.min_points:
                found = tier
        return found

    def tier_json(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM tiers ORDER BY min_points").fetchall()
        return [
            {
                "object": "tier",
                "id": r["id"],
                "name": r["name"],
                "min_points": r["min_points"],
                "created_at": r["created_at"],
            }
            for r in rows
        ]

    # ---------------------------------------------------------------- expiry
    def sweep_expired(self) -> None:
        """Expire every lot whose expiry has passed, each with an `expired` transaction."""
        now = format_ts(self.clock.now())
        rows = self.db.execute(
            "SELECT seq, customer_id, remaining, expires_at FROM lots "
            "WHERE remaining > 0 AND expires_at IS NOT NULL AND expires_at <= ? "
            "ORDER BY expires_at, seq",
            (now,),
        ).fetchall()
        for lot in rows:
            self.db.execute("UPDATE lots SET remaining = 0 WHERE seq = ?", (lot["seq"],))
            self._change_balance(
                lot["customer_id"],
                -lot["remaining"],
                "expired",
                reason="Points expired",
                at=lot["expires_at"],
            )

    # ---------------------------------------------------------------- customers
    def customer_row(self, customer_id: str) -> sqlite3.Row:
        row = self._one("SELECT * FROM customers WHERE id = ?", customer_id)
        if row is None:
            raise LedgerError(
                404, "customer_not_found", f"No customer with id {customer_id!r}.", "customer_id"
            )
        return row

    def customer_json(self, row: sqlite3.Row) -> dict[str, Any]:
        now = format_ts(self.clock.now())
        lots = self.db.execute(
            "SELECT remaining, expires_at FROM lots WHERE customer_id = ? AND remaining > 0 "
            "AND expires_at IS NOT NULL AND expires_at > ? ORDER BY expires_at, seq",
            (row["id"], now),
        ).fetchall()
        tier = self.tier_for(row["lifetime_points"])
        return {
            "object": "customer",
            "id": row["id"],
            "name": row["name"],
            "email": row["email"],
            "phone": row["phone"],
            "card_number": row["card_number"],
            "points_balance": row["points_balance"],
            "lifetime_points": row["lifetime_points"],
            "tier": None if tier is None else {"id": tier.id, "name": tier.name},
            "points_expiring": [
                {"points": lot["remaining"], "expires_at": lot["expires_at"]} for lot in lots
            ],
            "metadata": _row_json(row["metadata"]),
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
        }

    def create_customer(
        self,
        *,
        name: str,
        email: str | None = None,
        phone: str | None = None,
        card_number: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        customer_id: str | None = None,
    ) -> sqlite3.Row:
        for column, value in (("email", email), ("phone", phone), ("card_number", card_number)):
            if value is None:
                continue
            clash = self.db.execute(
                f"SELECT id FROM customers WHERE {column} = ? COLLATE NOCASE",  # noqa: S608
                (value,),
            ).fetchone()
            if clash is not None:
                raise LedgerError(
                    409,
                    "customer_exists",
                    f"Another customer already has this {column.replace('_', ' ')}.",
                    column,
                )
        now = format_ts(self.clock.now())
        cid = customer_id or self.new_id("cus_")
        self.db.execute(
            "INSERT INTO customers (id, name, name_fold, email, phone, card_number, metadata, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cid,
                name,
                name.casefold(),
                email,
                phone,
                card_number,
                json.dumps(dict(metadata or {})),
                now,
                now,
            ),
        )
        return self.customer_row(cid)

    def find_customers(
        self,
        query: str | None,
        updated_since: str | None,
        limit: int,
        after: tuple[str, int] | None,
    ) -> tuple[list[sqlite3.Row], bool]:
        """A page of customers, ordered by (updated_at, seq); `after` is the last key seen."""
        where: list[str] = []
        args: list[Any] = []
        if query:
            digits = re.sub(r"\D", "", query)
            phone_variants = {query}
            if len(digits) >= 7:
                phone_variants |= {"+" + digits, digits}
                if digits.startswith("0"):
                    phone_variants.add("+234" + digits[1:])
            escaped = query.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            placeholders = ", ".join("?" for _ in phone_variants)
            where.append(
                f"(id = ? OR card_number = ? COLLATE NOCASE OR email = ? COLLATE NOCASE "
                f"OR phone IN ({placeholders}) OR name_fold LIKE ? ESCAPE '\\' "
                f"OR name_fold LIKE ? ESCAPE '\\')"
            )
            args += [query, query, query, *phone_variants, escaped + "%", "% " + escaped + "%"]
        if updated_since:
            where.append("updated_at >= ?")
            args.append(updated_since)
        if after is not None:
            where.append("(updated_at > ? OR (updated_at = ? AND seq > ?))")
            args += [after[0], after[0], after[1]]
        sql = "SELECT * FROM customers"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY updated_at, seq LIMIT ?"
        rows = self.db.execute(sql, [*args, limit + 1]).fetchall()
        return rows[:limit], len(rows) > limit

    # ---------------------------------------------------------------- points
    def _change_balance(
        self,
        customer_id: str,
        points: int,
        tx_type: str,
        *,
        reason: str | None,
        metadata: Mapping[str, Any] | None = None,
        expires_at: str | None = None,
        redemption_id: str | None = None,
        at: str | None = None,
    ) -> sqlite3.Row:
        """Apply a signed change and write its one transaction with `balance_after`."""
        row = self.customer_row(customer_id)
        balance = row["points_balance"] + points
        lifetime = row["lifetime_points"] + (points if tx_type == "earned" else 0)
        now = format_ts(self.clock.now())
        self.db.execute(
            "UPDATE customers SET points_balance = ?, lifetime_points = ?, updated_at = ? "
            "WHERE id = ?",
            (balance, lifetime, now, customer_id),
        )
        txn_id = self.new_id("txn_")
        self.db.execute(
            "INSERT INTO transactions (id, customer_id, type, points, balance_after, reason, "
            "metadata, expires_at, redemption_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                txn_id,
                customer_id,
                tx_type,
                points,
                balance,
                reason,
                json.dumps(dict(metadata or {})),
                expires_at,
                redemption_id,
                at or now,
            ),
        )
        txn = self._one("SELECT * FROM transactions WHERE id = ?", txn_id)
        assert txn is not None
        return txn

    def _add_lot(self, customer_id: str, points: int, expires_at: str | None) -> None:
        self.db.execute(
            "INSERT INTO lots (customer_id, remaining, expires_at, created_at) VALUES (?,?,?,?)",
            (customer_id, points, expires_at, format_ts(self.clock.now())),
        )

    def _spend_lots(self, customer_id: str, points: int) -> None:
        """Take `points` from the lots that expire soonest (undated lots last)."""
        balance = self.customer_row(customer_id)["points_balance"]
        if points > balance:
            raise LedgerError(
                402,
                "insufficient_balance",
                f"Customer {customer_id} has {balance} points; {points} needed.",
                "points",
            )
        lots = self.db.execute(
            "SELECT seq, remaining FROM lots WHERE customer_id = ? AND remaining > 0 "
            "ORDER BY expires_at IS NULL, expires_at, seq",
            (customer_id,),
        ).fetchall()
        left = points
        for lot in lots:
            take = min(left, lot["remaining"])
            self.db.execute(
                "UPDATE lots SET remaining = remaining - ? WHERE seq = ?", (take, lot["seq"])
            )
            left -= take
            if left == 0:
                break
        if left:  # lots and balance disagree: a bug, never a customer's problem to see
            raise RuntimeError(f"lots of {customer_id} short by {left} points")

    def award(
        self,
        customer_id: str,
        points: int,
        *,
        reason: str | None,
        bonus: bool,
        metadata: Mapping[str, Any] | None,
        expires_at: str | None,
    ) -> sqlite3.Row:
        self.customer_row(customer_id)
        meta = dict(metadata or {})
        if bonus:
            meta["kind"] = "bonus"
        self._add_lot(customer_id, points, expires_at)
        return self._change_balance(
            customer_id, points, "earned", reason=reason, metadata=meta, expires_at=expires_at
        )

    def adjust(
        self,
        customer_id: str,
        points: int,
        *,
        reason: str,
        metadata: Mapping[str, Any] | None,
        redemption_id: str | None = None,
    ) -> sqlite3.Row:
        self.customer_row(customer_id)
        if points < 0:
            self._spend_lots(customer_id, -points)
        else:
            self._add_lot(customer_id, points, None)
        return self._change_balance(
            customer_id,
            points,
            "adjusted",
            reason=reason,
            metadata=metadata,
            redemption_id=redemption_id,
        )

    def transaction_json(self, row: sqlite3.Row) -> dict[str, Any]:
        return {
            "object": "points_transaction",
            "id": row["id"],
            "customer_id": row["customer_id"],
            "type": row["type"],
            "points": row["points"],
            "balance_after": row["balance_after"],
            "reason": row["reason"],
            "metadata": _row_json(row["metadata"]),
            "expires_at": row["expires_at"],
            "redemption_id": row["redemption_id"],
            "created_at": row["created_at"],
        }

    def list_transactions(
        self, customer_id: str, limit: int, order: str, after: int | None
    ) -> tuple[list[sqlite3.Row], bool]:
        self.customer_row(customer_id)
        op, direction = (">", "ASC") if order == "asc" else ("<", "DESC")
        sql = "SELECT * FROM transactions WHERE customer_id = ?"
        args: list[Any] = [customer_id]
        if after is not None:
            sql += f" AND seq {op} ?"
            args.append(after)
        sql += f" ORDER BY seq {direction} LIMIT ?"
        rows = self.db.execute(sql, [*args, limit + 1]).fetchall()
        return rows[:limit], len(rows) > limit

    # ---------------------------------------------------------------- rewards
    def reward_row(self, reward_id: str) -> sqlite3.Row:
        row = self._one("SELECT * FROM rewards WHERE id = ?", reward_id)
        if row is None:
            raise LedgerError(
                404, "reward_not_found", f"No reward with id {reward_id!r}.", "reward_id"
            )
        return row

    def add_reward(
        self,
        reward_id: str,
        name: str,
        points_cost: int,
        discount_amount: int,
        currency: str = "NGN",
        tier_required: str | None = None,
        active: bool = True,
    ) -> None:
        now = format_ts(self.clock.now())
        self.db.execute(
            "INSERT INTO rewards (id, name, points_cost, discount_amount, currency, "
            "tier_required, active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                reward_id,
                name,
                points_cost,
                discount_amount,
                currency,
                tier_required,
                int(active),
                now,
                now,
            ),
        )

    @staticmethod
    def reward_json(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "object": "reward",
            "id": row["id"],
            "name": row["name"],
            "points_cost": row["points_cost"],
            "discount_amount": row["discount_amount"],
            "currency": row["currency"],
            "tier_required": row["tier_required"],
            "active": bool(row["active"]),
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
        }

    def list_rewards(
        self,
        active: bool | None,
        updated_since: str | None,
        limit: int,
        after: tuple[str, int] | None,
    ) -> tuple[list[sqlite3.Row], bool]:
        where: list[str] = ["1"]
        args: list[Any] = []
        if active is not None:
            where.append("active = ?")
            args.append(int(active))
        if updated_since:
            where.append("updated_at >= ?")
            args.append(updated_since)
        if after is not None:
            where.append("(updated_at > ? OR (updated_at = ? AND seq > ?))")
            args += [after[0], after[0], after[1]]
        rows = self.db.execute(
            f"SELECT * FROM rewards WHERE {' AND '.join(where)} "  # noqa: S608
            "ORDER BY updated_at, seq LIMIT ?",
            [*args, limit + 1],
        ).fetchall()
        return rows[:limit], len(rows) > limit

    # ---------------------------------------------------------------- redemptions
    def redeem(
        self,
        customer_id: str,
        reward_id: str,
        points: int,
        *,
        code: str | None,
        occurred_at: str | None,
        terminal_id: str | None,
        metadata: Mapping[str, Any] | None,
    ) -> sqlite3.Row:
        customer = self.customer_row(customer_id)
        reward = self.reward_row(reward_id)
        if points != reward["points_cost"]:
            raise LedgerError(
                400,
                "invalid_request",
                f"points must equal the reward's cost ({reward['points_cost']}).",
                "points",
            )
        if not reward["active"]:
            raise LedgerError(
                422, "reward_unavailable", f"Reward {reward_id} is not active.", "reward_id"
            )
        if reward["tier_required"]:
            needed = next((t for t in self.tiers() if t.id == reward["tier_required"]), None)
            have = customer["lifetime_points"]
            if needed is not None and have < needed.min_points:
                raise LedgerError(
                    422,
                    "reward_unavailable",
                    f"Reward {reward_id} needs the {needed.name} tier.",
                    "reward_id",
                )
        if code is not None:
            taken = self.db.execute("SELECT id FROM redemptions WHERE code = ?", (code,)).fetchone()
            if taken is not None:
                raise LedgerError(
                    409, "code_taken", f"Code {code} already belongs to another redemption.", "code"
                )
        else:
            code = self.new_code()
            while self.db.execute("SELECT 1 FROM redemptions WHERE code = ?", (code,)).fetchone():
                code = self.new_code()
        self._spend_lots(customer_id, points)
        red_id = self.new_id("red_")
        txn = self._change_balance(
            customer_id,
            -points,
            "redeemed",
            reason=f"Redeemed: {reward['name']}",
            metadata={"reward_id": reward_id, "code": code},
            redemption_id=red_id,
        )
        now = format_ts(self.clock.now())
        self.db.execute(
            "INSERT INTO redemptions (id, customer_id, reward_id, points, code, discount_amount,"
            " currency, status, transaction_id, balance_after, terminal_id, occurred_at, "
            "created_at, updated_at, metadata) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                red_id,
                customer_id,
                reward_id,
                points,
                code,
                reward["discount_amount"],
                reward["currency"],
                "issued",
                txn["id"],
                txn["balance_after"],
                terminal_id,
                occurred_at or now,
                now,
                now,
                json.dumps(dict(metadata or {})),
            ),
        )
        return self.redemption_row(red_id)

    def redemption_row(self, id_or_code: str) -> sqlite3.Row:
        row = self._one(
            "SELECT * FROM redemptions WHERE id = ? OR code = ?", id_or_code, id_or_code.upper()
        )
        if row is None:
            raise LedgerError(
                404, "redemption_not_found", f"No redemption with id or code {id_or_code!r}."
            )
        return row

    def use_redemption(self, id_or_code: str) -> sqlite3.Row:
        row = self.redemption_row(id_or_code)
        if row["status"] != "issued":
            raise LedgerError(
                409,
                "redemption_not_usable",
                f"Redemption {row['code']} is {row['status']}; only an issued code can be used.",
            )
        now = format_ts(self.clock.now())
        self.db.execute(
            "UPDATE redemptions SET status = 'used', used_at = ?, updated_at = ? WHERE id = ?",
            (now, now, row["id"]),
        )
        return self.redemption_row(row["id"])

    def void_redemption(self, id_or_code: str, reason: str | None) -> sqlite3.Row:
        row = self.redemption_row(id_or_code)
        if row["status"] != "issued":
            raise LedgerError(
                409,
                "redemption_not_voidable",
                f"Redemption {row['code']} is {row['status']}; only an issued "
                "redemption can be voided.",
            )
        self.adjust(
            row["customer_id"],
            row["points"],
            reason=reason or f"Void of redemption {row['code']}",
            metadata={"voided_redemption": row["id"]},
            redemption_id=row["id"],
        )
        now = format_ts(self.clock.now())
        self.db.execute(
            "UPDATE redemptions SET status = 'void', voided_at = ?, updated_at = ? WHERE id = ?",
            (now, now, row["id"]),
        )
        return self.redemption_row(row["id"])

    @staticmethod
    def redemption_json(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "object": "redemption",
            "id": row["id"],
            "customer_id": row["customer_id"],
            "reward_id": row["reward_id"],
            "points": row["points"],
            "code": row["code"],
            "discount_amount": row["discount_amount"],
            "currency": row["currency"],
            "status": row["status"],
            "transaction_id": row["transaction_id"],
            "balance_after": row["balance_after"],
            "terminal_id": row["terminal_id"],
            "occurred_at": row["occurred_at"],
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
            "used_at": row["used_at"],
            "voided_at": row["voided_at"],
            "metadata": _row_json(row["metadata"]),
        }

    def list_redemptions(
        self,
        *,
        created_from: str | None,
        created_to: str | None,
        terminal_id: str | None,
        status: str | None,
        updated_since: str | None,
        limit: int,
        after: tuple[str, int] | None,
    ) -> tuple[list[sqlite3.Row], bool]:
        """Newest first by creation; with `updated_since`, oldest update first (delta pulls)."""
        where: list[str] = ["1"]
        args: list[Any] = []
        for clause, value in (
            ("created_at >= ?", created_from),
            ("created_at < ?", created_to),
            ("terminal_id = ?", terminal_id),
            ("status = ?", status),
            ("updated_at >= ?", updated_since),
        ):
            if value is not None:
                where.append(clause)
                args.append(value)
        if updated_since is not None:
            key, order = "updated_at", "ASC"
            if after is not None:
                where.append("(updated_at > ? OR (updated_at = ? AND seq > ?))")
                args += [after[0], after[0], after[1]]
        else:
            key, order = "created_at", "DESC"
            if after is not None:
                where.append("(created_at < ? OR (created_at = ? AND seq < ?))")
                args += [after[0], after[0], after[1]]
        rows = self.db.execute(
            f"SELECT * FROM redemptions WHERE {' AND '.join(where)} "  # noqa: S608
            f"ORDER BY {key} {order}, seq {order} LIMIT ?",
            [*args, limit + 1],
        ).fetchall()
        return rows[:limit], len(rows) > limit

    # ---------------------------------------------------------------- idempotency
    def idempotent_answer(self, key: str) -> sqlite3.Row | None:
        cutoff = format_ts(self.clock.now() - timedelta(hours=24))
        self.db.execute("DELETE FROM idempotency WHERE created_at < ?", (cutoff,))
        return self._one("SELECT * FROM idempotency WHERE key = ?", key)

    def store_answer(self, key: str, request_hash: str, status: int, body: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO idempotency VALUES (?, ?, ?, ?, ?)",
            (key, request_hash, status, body, format_ts(self.clock.now())),
        )
