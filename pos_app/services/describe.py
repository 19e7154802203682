"""One way to show things, for the screen, the slip and the command line alike: money as
`₦1,000` (also inside reward names from the backend, such as "NGN 1,000 off"), an item
reward as the item it is, with its value second, and each audit entry as a sentence that
names the people ("Maryam approved an adjustment of −50 points for Ada Obi: returned item").

No Qt here: the GUI and the command line show the same words."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.models import AuditEntry
from ..domain.money import RewardWords, money_codes, money_text, reward_words
from ..domain.timefmt import from_db
from ..i18n import _
from .audit_words import Names, as_int, audit_sentence, points_text, signed_points

__all__ = [
    "AuditLine",
    "Names",
    "RewardWords",
    "audit_lines",
    "audit_sentence",
    "money_codes",
    "money_text",
    "points_text",
    "reward_words",
    "settled_text",
    "signed_points",
]

# ---------------------------------------------------------------- used or void codes


def settled_text(
    *,
    void: bool,
    at: datetime | None,
    here: bool,
    terminal_id: str | None,
    by: str | None,
    approved_by: str | None,
    when: Callable[[datetime], str],
) -> str:
    """ "Used 26 Nov 2026 14:20 at this till (till-1) by Chidi": only what is known."""
    parts = [_("Voided") if void else _("Used")]
    if at is not None:
        parts.append(when(at))
    if not here:
        parts.append(_("at another till"))
    elif terminal_id:
        parts.append(_("at this till ({terminal})").format(terminal=terminal_id))
    else:
        parts.append(_("at this till"))
    if by:
        parts.append(_("by {name}").format(name=by))
    text = " ".join(parts)
    if approved_by:
        text += "\n" + _("approved by {name}").format(name=approved_by)
    return text


# ---------------------------------------------------------------- the audit log


@dataclass(frozen=True, slots=True)
class AuditLine:
    seq: int
    at: datetime
    actor: str
    text: str


def _details(entry: AuditEntry) -> dict[str, Any]:
    try:
        details = json.loads(entry.details or "{}")
    except ValueError:
        return {}
    return details if isinstance(details, dict) else {}


def audit_lines(conn: sqlite3.Connection, entries: Sequence[AuditEntry]) -> list[AuditLine]:
    """Audit entries as sentences."""
    parsed = [(entry, _details(entry)) for entry in entries]
    known = Names.from_db(
        conn,
        {entry.subject for entry, _ in parsed if entry.subject},
        {as_int(d.get("outbox_id")) for _entry, d in parsed if d.get("outbox_id") is not None},
    )
    return [
        AuditLine(
            entry.seq,
            from_db(entry.at),
            entry.actor,
            audit_sentence(entry.actor, entry.action, entry.subject, details, known),
        )
        for entry, details in parsed
    ]
