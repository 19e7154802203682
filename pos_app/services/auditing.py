"""The audit log for people: list, export, verify."""

from __future__ import annotations

import csv
import io
import json

from ..domain.models import AUDIT_FIELDS, AuditEntry
from ..i18n import _
from ..store import audit
from ..store.audit import AuditProblem as AuditProblem
from . import describe
from .errors import BadInput
from .terminal import Terminal

FIELDS = AUDIT_FIELDS


def entries(t: Terminal, limit: int = 100) -> list[AuditEntry]:
    """The newest entries first, each with its fields as stored (`--json` writes them
    field by field, in this order)."""
    return audit.entries(t.db.conn, limit)


def described(t: Terminal, limit: int = 100) -> list[describe.AuditLine]:
    """The newest entries first, each as a sentence that names the people, customers and
    codes ("Maryam approved an adjustment of −50 points for Ada Obi: returned item")."""
    return describe.audit_lines(t.db.conn, audit.entries(t.db.conn, limit))


def verify(t: Terminal, heads: list[str] | tuple[str, ...] = ()) -> list[audit.AuditProblem]:
    """The chain, then every anchor available: SQLite's counter, the anchor file beside
    the database, and any heads given (from an end-of-day report, or the `audit_head` the
    backend received with an operation). Each problem names the anchor that disagrees."""
    anchors: list[audit.Anchor] = []
    for text in heads:
        given = audit.parse_head(text, f"the head {text.strip()[:80]}")
        if given is None:
            raise BadInput(
                _("{value} is not an audit head; they look like 123:3fa4...").format(
                    value=repr(text.strip()[:80])
                )
            )
        anchors.append(given)
    problems: list[audit.AuditProblem] = []
    found = audit.read_anchor(t.config.data_dir)
    if isinstance(found, audit.Anchor):
        anchors.append(found)
    elif isinstance(found, str):
        problems.append(audit.AuditProblem(0, found))
    elif audit.was_anchored(t.db.conn):
        problems.append(
            audit.AuditProblem(
                0,
                _("the anchor file {anchor_file} this terminal wrote has been removed").format(
                    anchor_file=audit.ANCHOR_FILE
                ),
            )
        )
    return audit.verify(t.db.conn, anchors) + problems


def head(t: Terminal) -> str | None:
    """`SEQ:HASH` of the newest entry: printed on reports, sent to the backend."""
    return audit.head(t.db.conn)


def export(t: Terminal, fmt: str) -> str:
    """The whole log, oldest first, as CSV or JSON lines (with the hashes, so an exported
    copy can be checked against the terminal's)."""
    rows = [entry.as_json() for entry in audit.all_entries(t.db.conn)]
    if fmt == "json":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
