"""The audit log for people: list, export, verify."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..store import audit
from .terminal import Terminal

FIELDS = ("seq", "at", "actor", "action", "subject", "details", "prev_hash", "hash")


def entries(t: Terminal, limit: int = 100) -> list[dict[str, Any]]:
    return [{key: row[key] for key in FIELDS} for row in audit.entries(t.db.conn, limit)]


def verify(t: Terminal) -> list[audit.AuditProblem]:
    return audit.verify(t.db.conn)


def export(t: Terminal, fmt: str) -> str:
    """The whole log, oldest first, as CSV or JSON lines (with the hashes, so an exported
    copy can be checked against the terminal's)."""
    rows = [
        {key: row[key] for key in FIELDS}
        for row in t.db.conn.execute("SELECT * FROM audit ORDER BY seq")
    ]
    if fmt == "json":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
