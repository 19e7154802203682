"""The append-only audit log. Each entry is chained to the one before it by a SHA-256 hash,
so an edited or deleted entry is detected (`verify`). Triggers refuse UPDATE and DELETE."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.timefmt import to_db

GENESIS = "0" * 64
# Never let a secret into the log, whatever a caller passes in `details`.
_SECRET_KEYS = {"pin", "api_key", "apikey", "secret", "password", "authorization", "token"}


def _digest(
    prev_hash: str, at: str, actor: str, action: str, subject: str | None, details: str
) -> str:
    material = json.dumps(
        [prev_hash, at, actor, action, subject, details], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(material.encode()).hexdigest()


def _secret(key: str) -> bool:
    """pin, manager_pin, PIN, api_key, apiKey...; not 'shipping' or 'points'."""
    name = re.sub(r"([a-z])([A-Z])", r"\1_\2", key).casefold()
    parts = set(re.split(r"[^a-z0-9]+", name))
    return name in _SECRET_KEYS or bool(parts & _SECRET_KEYS) or {"api", "key"} <= parts


def _scrub(value: Any) -> Any:
    """Redact secrets at any depth: a key that names one (pin, manager_pin, api_key...)."""
    if isinstance(value, dict):
        return {k: "[redacted]" if _secret(str(k)) else _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    return value


def append(
    conn: sqlite3.Connection,
    *,
    now: datetime,
    actor: str,
    action: str,
    subject: str | None = None,
    details: dict[str, Any] | None = None,
) -> str:
    """Add an entry inside the caller's transaction; returns its hash."""
    last = conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    prev_hash = last[0] if last else GENESIS
    at = to_db(now)
    body = json.dumps(
        _scrub(details or {}), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    digest = _digest(prev_hash, at, actor, action, subject, body)
    cur = conn.execute(
        "INSERT INTO audit (at, actor, action, subject, details, prev_hash, hash) "
        "VALUES (?,?,?,?,?,?,?)",
        (at, actor, action, subject, body, prev_hash, digest),
    )
    # The head of the chain, kept beside it, so removing the newest entries shows too.
    conn.execute(
        "INSERT OR REPLACE INTO settings VALUES ('audit_head', ?)", (f"{cur.lastrowid}:{digest}",)
    )
    return digest


@dataclass(frozen=True, slots=True)
class AuditProblem:
    seq: int
    problem: str


def verify(conn: sqlite3.Connection) -> list[AuditProblem]:
    """Every break in the chain: an entry whose hash does not match its content, or whose
    link does not match the entry before it (an edit, a deletion or an insertion)."""
    problems: list[AuditProblem] = []
    prev_hash, prev_seq = GENESIS, 0
    for row in conn.execute("SELECT * FROM audit ORDER BY seq"):
        if row["prev_hash"] != prev_hash:
            problems.append(
                AuditProblem(
                    row["seq"],
                    "does not follow the entry before it "
                    f"(#{prev_seq}): an entry was removed or changed",
                )
            )
        expected = _digest(
            row["prev_hash"], row["at"], row["actor"], row["action"], row["subject"], row["details"]
        )
        if row["hash"] != expected:
            problems.append(
                AuditProblem(row["seq"], "content does not match its hash: the entry was edited")
            )
        prev_hash, prev_seq = row["hash"], row["seq"]
    head = conn.execute("SELECT value FROM settings WHERE key = 'audit_head'").fetchone()
    if head is not None and head[0] != f"{prev_seq}:{prev_hash}":
        problems.append(
            AuditProblem(
                prev_seq,
                "the log ends before its recorded head "
                f"(#{str(head[0]).split(':')[0]}): the newest entries "
                "were removed or replaced",
            )
        )
    return problems


def entries(conn: sqlite3.Connection, limit: int = 100) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM audit ORDER BY seq DESC LIMIT ?", (limit,)).fetchall()
