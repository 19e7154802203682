"""The one way an operation leaves the counter (redeem, award, adjust, use, void).

1. Record it: its own row change (`also`), its outbox row with a fresh idempotency key,
   and an audit entry, in one transaction. From here nothing can lose it.
2. Wake the background pusher, then push the customer's lane at once with the counter's
   client, whose budget is the online wait (`online_wait_seconds`).
3. Say what became of it: confirmed (the backend applied it), refused (with the backend's
   reason: nothing was applied), or queued (no answer in time: it syncs later).

A full disk after step 1 never turns "applied" into "failed": an answer the disk kept
from being recorded is still the answer (`recorded` False), and the outbox row, which
keeps its key, records the replayed answer at the next push.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .. import logs
from ..api import ApiError
from ..domain.models import OutboxState
from ..domain.operations import Operation
from ..store import audit, outbox
from ..sync.verdicts import Misconfiguration
from . import backend, owed
from .terminal import Terminal

log = logging.getLogger(__name__)


class Verdict(StrEnum):
    CONFIRMED = "confirmed"  # the backend applied it
    QUEUED = "queued"  # no answer in time: it is pushed again until it gets one
    REFUSED = "refused"  # the backend refused it: nothing was applied


@dataclass(frozen=True, slots=True)
class Submitted:
    """What became of a submitted operation while the person waited."""

    verdict: Verdict
    entry_id: int
    # CONFIRMED: the backend's answer (None if another pusher recorded it first).
    answer: Any = None
    # REFUSED: the backend's words and its refusal code (`insufficient_balance`, ...),
    # when it gave them.
    reason: str | None = None
    refusal_code: str | None = None
    # QUEUED: the last failure (None: no answer at all; REFUSED: the refusal, when this
    # push got it) and, if the backend refuses this
    # terminal rather than the operation, why.
    error: ApiError | None = None
    paused: Misconfiguration | None = None
    # False: a full disk kept the answer from being written down here (see above).
    recorded: bool = True


def submit(
    t: Terminal,
    operation: Operation,
    *,
    customer_id: str,
    operator: str,
    details: Mapping[str, object],
    also: Callable[[sqlite3.Connection, int], None] | None = None,
) -> Submitted:
    """Record `operation` (in `customer_id`'s lane, with `also(conn, outbox_id)` and an
    audit entry of `details` in the same transaction), push it, and say what became of it.
    Its metadata carries the audit log's newest committed head (store/audit.py
    `head_metadata`)."""
    owed.settle(t)  # hand-outs a full disk kept back: recorded before anything new
    now = t.clock()
    # Everything that does not need the write lock is made before it is taken, so the
    # transaction holds it only for the writes that must be one unit (and the read of the
    # chain's head the audit entry links to). The head carried in the metadata is the
    # newest committed one: any committed head is an anchor the backend can keep.
    stamped = operation.with_metadata(audit.head_metadata(t.db.conn))
    key = outbox.new_key()
    queued = outbox.row(stamped, customer_id=customer_id, now=now, operator=operator, key=key)
    entry = audit.draft(
        now=now,
        actor=operator,
        action=stamped.created_action,
        subject=stamped.redemption_code or customer_id,
        details=dict(details),
    )
    with t.db.transaction() as conn:
        entry_id = outbox.insert_row(conn, queued)
        if also is not None:
            also(conn, entry_id)
        audit.add(conn, entry, outbox_id=entry_id)
    with logs.context(terminal=t.terminal_id, operator=operator, operation=key):
        log.info("%s recorded as outbox %d; pushing", stamped.kind.value, entry_id)
        submitted = _push(t, customer_id, entry_id)
        error = submitted.error
        why = submitted.refusal_code or (error.code if error is not None else None)
        shown = f" ({why})" if why and submitted.verdict is not Verdict.CONFIRMED else ""
        log.info("%s: %s%s", stamped.kind.value, submitted.verdict.value, shown)
        return submitted


def _push(t: Terminal, customer_id: str, entry_id: int) -> Submitted:
    t.engine.wake()
    outcome = t.engine.push_lane(customer_id, entry_id, t.counter_client)
    if outcome is not None and not outcome.recorded and outcome.state is not OutboxState.PENDING:
        # The backend answered; the disk is full. Applied must never read as failed.
        if outcome.state is OutboxState.DONE:
            return Submitted(Verdict.CONFIRMED, entry_id, outcome.result, recorded=False)
        error = outcome.error
        return Submitted(
            Verdict.REFUSED,
            entry_id,
            reason=error.message if error else None,
            refusal_code=error.code if error else None,
            recorded=False,
        )
    entry = outbox.get(t.db.conn, entry_id)
    assert entry is not None
    if entry.state is OutboxState.DONE:
        return Submitted(Verdict.CONFIRMED, entry_id, outcome.result if outcome else None)
    if entry.state is not OutboxState.PENDING:
        return Submitted(
            Verdict.REFUSED,
            entry_id,
            reason=entry.last_error,
            refusal_code=entry.last_error_code,
            error=outcome.error if outcome else None,
        )
    return Submitted(
        Verdict.QUEUED,
        entry_id,
        error=outcome.error if outcome else None,
        paused=outcome.paused if outcome else None,
        recorded=outcome is None or outcome.recorded,
    )


def setup_problem(submitted: Submitted) -> str | None:
    """What to tell the person about a queued operation the backend did not judge because
    it refuses this terminal (a rotated key, a wrong URL): the terminal's setup to fix,
    never a refusal of the operation, which stays queued. None: no such problem."""
    wrong = submitted.paused
    return None if wrong is None else backend.paused(wrong.code, wrong.reason).message


def hand_out(t: Terminal, submitted: Submitted) -> bool:
    """A queued operation whose outcome the counter gives now (points, a used code): if
    the backend later refuses it, that is a conflict for a manager. False if a full disk
    kept this from being recorded (the operation is queued all the same; it is recorded
    as handed out once the disk has room: services/owed.py)."""
    return owed.record(t, owed.Owed(submitted.entry_id, t.clock(), ""))
