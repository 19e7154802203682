"""Sync as a person asks for it: sync now, the queue's status, the conflicts."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from ..api import ApiError
from ..domain.jsonable import NOT_JSON
from ..domain.models import OutboxEntry
from ..domain.timefmt import from_db
from ..store import outbox, redemptions, settings
from ..sync.verdicts import misconfiguration
from .backend import paused as paused_error
from .terminal import Terminal

if TYPE_CHECKING:  # what sync_once returns: the engine makes it
    from ..sync import SyncReport


def sync_once(t: Terminal, *, budget: float | None = None) -> SyncReport:
    """Try every pending operation now (ignoring backoff, going on past a lost answer and
    trying it again), then pull the cache; all within `budget` seconds (None: the sync
    engine's SYNC_NOW_BUDGET_SECONDS). Hand-outs a full disk kept back (services/owed.py)
    are recorded first, before their operations sync."""
    from ..sync.engine import SYNC_NOW_BUDGET_SECONDS  # the engine: only to sync (httpx)

    seconds = SYNC_NOW_BUDGET_SECONDS if budget is None else budget
    return t.engine.sync_once(ignore_backoff=True, deadline=time.monotonic() + seconds)


def paused_exit(code: str | None, reason: str) -> tuple[int, str]:
    """The exit status and the words for a paused queue: 2 and what to do for a refused
    key, 4 for a backend URL that does not answer as the service should."""
    error = paused_error(code, reason)
    return error.exit_code, error.message


@dataclass(frozen=True, slots=True)
class QueueStatus:
    pending: int
    conflicts: int
    online: bool | None  # None: no backend configured
    last_sync: datetime | None
    terminal_id: str
    # The backend answers but refuses this terminal (plain words), and "unauthorized"
    # (the key) or "misconfigured" (the URL, a proxy): the queue is paused.
    paused: str | None = None
    paused_code: str | None = field(default=None, metadata=NOT_JSON)


def status(t: Terminal, *, probe: bool = True) -> QueueStatus:
    counts = outbox.counts(t.db.conn)
    online: bool | None = None
    paused = paused_code = None
    if t.has_backend and probe:
        try:
            t.probe_client.list_tiers()
            online = True
        except ApiError as error:
            online = False
            wrong = misconfiguration(error)
            if wrong is not None:
                paused, paused_code = wrong.reason, wrong.code
    last = settings.get(t.db.conn, "last_sync")
    return QueueStatus(
        counts["pending"],
        counts["conflict"],
        online,
        from_db(last) if last else None,
        t.terminal_id,
        paused,
        paused_code,
    )


@dataclass(frozen=True, slots=True)
class Conflict:
    entry: OutboxEntry
    customer_name: str | None
    points: int | None

    def as_json(self) -> dict[str, object]:
        e = self.entry
        return {
            "id": e.id,
            "kind": e.kind.value,
            "customer_id": e.customer_id,
            "customer_name": self.customer_name,
            "code": e.redemption_code,
            "points": self.points,
            "operator": e.operator,
            "created_at": e.created_at.isoformat(),
            "error_code": e.last_error_code,
            "reason": e.last_error,
        }


def conflicts(t: Terminal) -> list[Conflict]:
    found = []
    for entry in outbox.conflicts(t.db.conn):
        red = redemptions.get(t.db.conn, entry.redemption_code) if entry.redemption_code else None
        raw = entry.payload.get("points")
        found.append(
            Conflict(
                entry,
                red.customer_name if red else None,
                int(raw) if isinstance(raw, int) else None,
            )
        )
    return found
