"""The append-only audit log. Each entry is chained to the one before it by a SHA-256 hash,
so an edited or deleted entry is detected (`verify`). Triggers refuse UPDATE and DELETE.

Someone who can write the database can drop the triggers, cut the newest entries and fix
`settings.audit_head`, or rewrite the whole chain (the hash has no key). So the head is also
anchored where the database alone cannot rewrite it, and `verify` compares with each:
- SQLite's own counter for the table (`sqlite_sequence`, AUTOINCREMENT): it remembers the
  highest number ever given, so removed newest entries show (unless it is edited too);
- a file beside the database (`audit-anchor`, owner-only), written when a terminal closes;
- heads printed on end-of-day reports and sent to the backend in each operation's
  metadata (`audit_head`), which `pos-app audit verify --head SEQ:HASH` checks."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..domain.models import AUDIT_FIELDS, AuditEntry
from ..domain.timefmt import to_db
from ..files import write_private
from ..i18n import _

GENESIS = "0" * 64
ANCHOR_FILE = "audit-anchor"
_HEAD_RE = re.compile(r"^#?([0-9]{1,18}):([0-9a-f]{64})$")
# Never let a secret into the log, whatever a caller passes in `details`.
_SECRET_KEYS = {"pin", "api_key", "apikey", "secret", "password", "authorization", "token"}


# Built once: `json.dumps` with options builds an encoder on every call (same output).
_MATERIAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_BODY = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def _digest(
    prev_hash: str, at: str, actor: str, action: str, subject: str | None, details: str
) -> str:
    material = _MATERIAL([prev_hash, at, actor, action, subject, details])
    import hashlib  # here: a command that appends nothing never starts OpenSSL

    return hashlib.sha256(material.encode()).hexdigest()


@lru_cache(maxsize=1024)  # the same few keys in every entry: no regexes per entry
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


@dataclass(frozen=True, slots=True)
class Draft:
    """An entry made ready outside the transaction (its time as text, its details
    scrubbed): what `add` then does under the write lock is only what depends on the log
    itself (the link to the head, the hash) and on the rows written with it."""

    at: str
    actor: str
    action: str
    subject: str | None
    details: dict[str, Any]


def draft(
    *,
    now: datetime,
    actor: str,
    action: str,
    subject: str | None = None,
    details: dict[str, Any] | None = None,
) -> Draft:
    return Draft(to_db(now), actor, action, subject, _scrub(details or {}))


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
    return add(conn, draft(now=now, actor=actor, action=action, subject=subject, details=details))


def add(conn: sqlite3.Connection, entry: Draft, **more: Any) -> str:
    """Add a drafted entry, with `more` details (scrubbed too), inside the caller's
    transaction; returns its hash."""
    last = conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    prev_hash = last[0] if last else GENESIS
    body = _BODY({**entry.details, **_scrub(more)} if more else entry.details)
    digest = _digest(prev_hash, entry.at, entry.actor, entry.action, entry.subject, body)
    cur = conn.execute(
        "INSERT INTO audit (at, actor, action, subject, details, prev_hash, hash) "
        "VALUES (?,?,?,?,?,?,?)",
        (entry.at, entry.actor, entry.action, entry.subject, body, prev_hash, digest),
    )
    # The head of the chain, kept beside it, so removing the newest entries shows too.
    # Updated in place (REPLACE would delete the row and insert it again: its key index
    # rewritten on every entry, one more page for every commit to write and sync).
    conn.execute(
        "INSERT INTO settings VALUES ('audit_head', ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (f"{cur.lastrowid}:{digest}",),
    )
    return digest


@dataclass(frozen=True, slots=True)
class AuditProblem:
    seq: int
    problem: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """A head recorded outside the chain: entry `seq` had hash `hash`, says `source`."""

    source: str
    seq: int
    hash: str


def parse_head(text: str, source: str) -> Anchor | None:
    """`SEQ:HASH` (as printed on reports and sent as metadata), or None if it is not one."""
    found = _HEAD_RE.match(text.strip().lower())
    return None if found is None else Anchor(source, int(found[1]), found[2])


def head(conn: sqlite3.Connection) -> str | None:
    """`SEQ:HASH` of the newest entry, or None for an empty log."""
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return None if row is None else f"{row[0]}:{row[1]}"


def verify(
    conn: sqlite3.Connection, anchors: list[Anchor] | tuple[Anchor, ...] = ()
) -> list[AuditProblem]:
    """Every break in the chain: an entry whose hash does not match its content, or whose
    link does not match the entry before it (an edit, a deletion or an insertion); then
    every anchor that disagrees with the chain, named."""
    problems: list[AuditProblem] = []
    prev_hash, prev_seq = GENESIS, 0
    hashes: dict[int, str] = {}
    for row in conn.execute("SELECT * FROM audit ORDER BY seq"):
        if row["prev_hash"] != prev_hash:
            problems.append(
                AuditProblem(
                    row["seq"],
                    _(
                        "does not follow the entry before it (#{seq}): an entry was removed "
                        "or changed"
                    ).format(seq=prev_seq),
                )
            )
        expected = _digest(
            row["prev_hash"], row["at"], row["actor"], row["action"], row["subject"], row["details"]
        )
        if row["hash"] != expected:
            problems.append(
                AuditProblem(row["seq"], _("content does not match its hash: the entry was edited"))
            )
        prev_hash, prev_seq = row["hash"], row["seq"]
        hashes[prev_seq] = prev_hash
    head_row = conn.execute("SELECT value FROM settings WHERE key = 'audit_head'").fetchone()
    if head_row is not None and head_row[0] != f"{prev_seq}:{prev_hash}":
        problems.append(
            AuditProblem(
                prev_seq,
                _(
                    "the log ends before its recorded head (#{seq}): the newest entries "
                    "were removed or replaced"
                ).format(seq=str(head_row[0]).split(":")[0]),
            )
        )
    problems += _sequence_problems(conn, prev_seq)
    for anchor in anchors:
        problems += _anchor_problems(anchor, hashes, prev_seq)
    return problems


def _sequence_problems(conn: sqlite3.Connection, last: int) -> list[AuditProblem]:
    """SQLite's AUTOINCREMENT counter never goes back: entries numbered above the newest
    one left were written and then removed."""
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    if row is None:
        if last == 0:
            return []
        return [AuditProblem(last, _("SQLite's counter for the log (sqlite_sequence) was removed"))]
    if int(row[0]) > last:
        return [
            AuditProblem(
                last,
                _(
                    "SQLite's counter (sqlite_sequence) says entry #{seq} was written, but the "
                    "log ends at #{last}: the newest entries were removed"
                ).format(seq=row[0], last=last),
            )
        ]
    return []


def _anchor_problems(anchor: Anchor, hashes: dict[int, str], last: int) -> list[AuditProblem]:
    if anchor.seq == 0:
        return []
    if anchor.seq > last:
        return [
            AuditProblem(
                last,
                _(
                    "{source} says entry #{seq} was written, but the log ends at #{last}: "
                    "the newest entries were removed"
                ).format(source=anchor.source, seq=anchor.seq, last=last),
            )
        ]
    if hashes.get(anchor.seq) != anchor.hash:
        return [
            AuditProblem(
                anchor.seq,
                _(
                    "{source} recorded another hash for entry #{seq}: the log up to it was "
                    "removed, rewritten or had entries inserted"
                ).format(source=anchor.source, seq=anchor.seq),
            )
        ]
    return []


def read_anchor(data_dir: Path) -> Anchor | str | None:
    """The anchor file's head; None if there is none; a message if it is unreadable."""
    path = data_dir / ANCHOR_FILE
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        return _("the anchor file {file} cannot be read ({problem})").format(
            file=path, problem=error
        )
    found = parse_head(text, _("the anchor file {file}").format(file=ANCHOR_FILE))
    if found is None:
        return _("the anchor file {file} is not a head (SEQ:HASH)").format(file=path)
    return found


def stale_anchor(conn: sqlite3.Connection, data_dir: Path) -> str | None:
    """The head to write to the anchor file, or None if the file already has it, or if
    the log no longer agrees with it: then the file is evidence, and is never moved on to
    bless a log that was cut or rewritten (`audit verify` will say so)."""
    current = head(conn)
    if current is None:
        return None
    previous = read_anchor(data_dir)
    if isinstance(previous, str):
        return None  # unreadable: keep it for whoever investigates
    if previous is not None:
        if f"{previous.seq}:{previous.hash}" == current:
            return None
        row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (previous.seq,)).fetchone()
        if row is None or row[0] != previous.hash:
            return None
    return current


def write_anchor(conn: sqlite3.Connection, data_dir: Path) -> None:
    """Record the newest committed entry in the anchor file (owner-only, fsynced: one
    small write and two fsyncs per command that added to the log; nothing otherwise).
    Call inside a transaction, after the entries it anchors were committed."""
    current = stale_anchor(conn, data_dir)
    if current is None:
        return
    write_private(data_dir / ANCHOR_FILE, f"{current}\n".encode("ascii"), durable=True)
    conn.execute("INSERT OR REPLACE INTO settings VALUES ('audit_anchored', '1')")


def head_metadata(conn: sqlite3.Connection) -> dict[str, str]:
    """`{"audit_head": "SEQ:HASH"}` for an operation's metadata: the backend keeps a copy
    of this terminal's head that nobody at the terminal can rewrite."""
    current = head(conn)
    return {} if current is None else {"audit_head": current}


def was_anchored(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute("SELECT 1 FROM settings WHERE key = 'audit_anchored'").fetchone() is not None
    )


def _entry(row: sqlite3.Row) -> AuditEntry:
    return AuditEntry(*(row[key] for key in AUDIT_FIELDS))


def entries(conn: sqlite3.Connection, limit: int = 100) -> list[AuditEntry]:
    """The newest `limit` entries, newest first."""
    rows = conn.execute("SELECT * FROM audit ORDER BY seq DESC LIMIT ?", (limit,))
    return [_entry(r) for r in rows]


def all_entries(conn: sqlite3.Connection) -> list[AuditEntry]:
    """The whole log, oldest first."""
    return [_entry(r) for r in conn.execute("SELECT * FROM audit ORDER BY seq")]


def actions_between(
    conn: sqlite3.Connection, action: str, start: datetime, end: datetime
) -> list[AuditEntry]:
    """The entries of one action made in [start, end), oldest first."""
    rows = conn.execute(
        "SELECT * FROM audit WHERE action = ? AND at >= ? AND at < ? ORDER BY seq",
        (action, to_db(start), to_db(end)),
    )
    return [_entry(r) for r in rows]


def points_awarded_by(conn: sqlite3.Connection, actor: str, *, since: datetime) -> int:
    """The points of every award `actor` made since `since` (approved or not) that the
    backend applied or may still apply: its outbox row is done or pending. An award the
    backend refused (or a conflict: refused after it was handed out) never happened."""
    row = conn.execute(
        "SELECT COALESCE(SUM(json_extract(a.details, '$.points')), 0) FROM audit a "
        "LEFT JOIN outbox o ON o.id = json_extract(a.details, '$.outbox_id') "
        "WHERE a.action = 'award.created' AND a.actor = ? AND a.at >= ? "
        "AND (o.id IS NULL OR o.state IN ('pending', 'done'))",
        (actor, to_db(since)),
    ).fetchone()
    return int(row[0])


def latest_details(conn: sqlite3.Connection, action: str, subject: str) -> dict[str, Any] | None:
    """The details of the newest entry for this action and subject, if there is one."""
    row = conn.execute(
        "SELECT details FROM audit WHERE action = ? AND subject = ? ORDER BY seq DESC LIMIT 1",
        (action, subject),
    ).fetchone()
    if row is None:
        return None
    details = json.loads(row["details"])
    return details if isinstance(details, dict) else None
