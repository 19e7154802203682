"""Hand-outs a full disk kept from being recorded (services/redeem.py, step 5): the code
(or an award's points) was given to the customer, but the record saying so could not be
written. Nothing can be written meanwhile, so this process keeps what it owes and records
it, exactly as it would have been at the time, once the disk has room: before its next
operation or sync, and when the terminal closes. Until then the daily report would not
count the code as handed out, and a refusal on sync would not be a conflict for a manager.

A process that ends while the disk is still full cannot keep it: crash recovery lists
such a code ('pos-app recovery list'), as any code that may not have been shown."""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.models import RedemptionStatus
from ..store import DiskFull, audit

if TYPE_CHECKING:
    from .staff import Approval
    from .terminal import Terminal

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Owed:
    """One hand-out to record: outbox row `entry_id`, handed out at `at` by `operator`;
    `code` for a redemption given offline (None: an award's or adjustment's outcome)."""

    entry_id: int
    at: datetime
    operator: str
    code: str | None = None
    points: int = 0
    reason: str = "no_answer"
    override: Approval | None = None  # a manager's approval past the offline rule `rule`
    rule: str = ""


_owed: dict[Path, list[Owed]] = {}  # by database file: every terminal of this process
_lock = threading.Lock()


def record(t: Terminal, owed: Owed) -> bool:
    """Record `owed` now, or keep it for later if the disk is still full (False)."""
    try:
        with t.db.transaction() as conn:
            write(conn, owed)
    except DiskFull:
        with _lock:
            _owed.setdefault(t.db.path, []).append(owed)
        log.warning("disk full: outbox %d handed out, recorded once there is room", owed.entry_id)
        return False
    return True


def settle(t: Terminal) -> None:
    """Record what this process owes for `t`'s database, if the disk has room now (kept
    for the next try if it has not, or if anything else went wrong)."""
    with _lock:
        due = _owed.pop(t.db.path, [])
    if not due:
        return
    try:
        with t.db.transaction() as conn:
            for owed in due:
                write(conn, owed)
    except BaseException as error:
        with _lock:
            _owed[t.db.path] = due + _owed.get(t.db.path, [])
        if isinstance(error, DiskFull):
            return
        raise
    log.info("recorded %d hand-out(s) the full disk had kept back", len(due))


def write(conn: sqlite3.Connection, owed: Owed) -> None:
    """Record the hand-out in this transaction (as the counter does when it can)."""
    # Here, not at the top: every terminal imports this module (to settle when it closes),
    # and most never owe anything; the outbox brings the operations' classes.
    from ..store import outbox, redemptions

    outbox.set_handed_out(conn, owed.entry_id, owed.at)
    if owed.code is None:
        return
    current = redemptions.get(conn, owed.code)
    if current is None:
        return
    if current.status is RedemptionStatus.PENDING:
        redemptions.set_status(conn, owed.code, RedemptionStatus.OFFLINE, now=owed.at)
    redemptions.mark_issued_offline(conn, owed.code)
    if owed.override is not None and owed.rule:
        audit.append(
            conn,
            now=owed.at,
            actor=owed.override.manager,
            action="redeem.offline_override",
            subject=owed.code,
            details={"rule": owed.rule, "reason": owed.override.reason, "cashier": owed.operator},
        )
    audit.append(
        conn,
        now=owed.at,
        actor=owed.operator,
        action="redeem.offline",
        subject=owed.code,
        details={"points": owed.points, "reason": owed.reason},
    )
