"""Writing down what became of a pushed operation: each answer, with the outbox row, the
local redemption, the cached balance and an audit entry it changes, in one transaction.
Every write first checks the row is still pending: another pusher (another process on
the same database) may have recorded the same answer already."""

from __future__ import annotations

import logging
import random
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from ..api import ApiError, RateLimited
from ..api import models as api
from ..domain.models import OperationKind, OutboxEntry, OutboxState, RedemptionStatus
from ..domain.operations import Void
from ..i18n import N_
from ..store import Database, audit, cache, outbox, redemptions
from .backoff import retry_delay
from .outcomes import PushOutcome
from .verdicts import Misconfiguration, certainly_not_applied

log = logging.getLogger(__name__)

# Sent to the backend and stored (stable English); shown through _().
ABANDON_VOID_REASON = N_(
    "Cancelled at the counter (no answer in time), but the loyalty service applied it: "
    "points given back. The API returns voided points as a new lot with no expiry date, "
    "so their original expiry dates cannot be kept."
)


def queue_abandon_void(
    conn: sqlite3.Connection, code: str, customer_id: str, now: datetime
) -> None:
    """The backend applied a redemption this terminal cancelled: give the points back
    (once: a second void would only be refused)."""
    if outbox.has_void(conn, code):
        return
    outbox.add(
        conn,
        Void(code, ABANDON_VOID_REASON),
        customer_id=customer_id,
        now=now,
        operator="system",
        handed_out=True,
    )
    audit.append(
        conn,
        now=now,
        actor="system",
        action="sync.redeem.void_queued",
        subject=code,
        details={"why": "applied by the backend after it was cancelled at the counter"},
    )


def _audit_outcome(
    conn: sqlite3.Connection, now: datetime, entry: OutboxEntry, outcome: str, **details: Any
) -> None:
    """The system's audit entry for what became of a queued operation at the backend."""
    audit.append(
        conn,
        now=now,
        actor="system",
        action=f"sync.{entry.kind.value}.{outcome}",
        subject=entry.redemption_code or entry.customer_id,
        details={"outbox_id": entry.id, **details},
    )


def unrecorded_failure(entry: OutboxEntry, error: ApiError) -> PushOutcome:
    """A refusal or a failed attempt the full disk kept this terminal from recording. The
    row stays pending and the next push asks again with the same key; the outcome says
    whether the answer was final (REFUSED: the backend applied nothing) or not."""
    final = not error.retryable
    log.warning("operation %s: %s; the disk is full: not recorded", entry.id, error.code)
    return PushOutcome(OutboxState.REFUSED if final else OutboxState.PENDING, error, recorded=False)


def _discount_differs(
    conn: sqlite3.Connection, now: datetime, ours: int, result: api.Redemption
) -> None:
    """The backend's discount for a redemption differs from the one this terminal worked
    out (pay with points: points times the rate). The backend's books win; the difference
    is logged and audited for a manager."""
    log.warning(
        "redemption %s: the terminal worked out a discount of %s, the backend says %s",
        result.code, ours, result.discount_amount,
    )  # fmt: skip
    redemptions.set_discount(conn, result.code, result.discount_amount, now)
    audit.append(
        conn,
        now=now,
        actor="system",
        action="sync.redeem.discount_differs",
        subject=result.code,
        details={"terminal": ours, "backend": result.discount_amount},
    )


class Recorder:
    """Records the answers of one terminal's database, on its clock."""

    def __init__(self, db: Database, clock: Callable[[], datetime], rng: random.Random) -> None:
        self.db = db
        self.clock = clock
        self.rng = rng

    def success(self, entry: OutboxEntry, result: Any) -> None:
        self.successes([(entry, result)])

    def successes(self, answers: list[tuple[OutboxEntry, Any]]) -> None:
        """Record applied operations, each as `success` would, in one transaction (one
        durable commit for them all; a crash before it loses none of them: each stays
        pending, and the next push replays its key, which returns the stored answer)."""
        now = self.clock()
        with self.db.transaction() as conn:
            for entry, result in answers:
                self._success(conn, now, entry, result)

    def _success(
        self, conn: sqlite3.Connection, now: datetime, entry: OutboxEntry, result: Any
    ) -> None:
        if not outbox.is_pending(conn, entry.id):
            return  # another process recorded this answer first
        outbox.finish(
            conn,
            entry.id,
            OutboxState.DONE,
            now=now,
            result={"id": getattr(result, "id", None)},
        )
        if isinstance(result, api.Redemption):
            local = redemptions.get(conn, result.code)
            if entry.kind is OperationKind.REDEEM:
                settled = None
                if entry.abandoned:
                    # Applied although the counter gave up on it: give the points back.
                    if result.status is api.RedemptionStatus.ISSUED:
                        queue_abandon_void(conn, result.code, result.customer_id, now)
                    settled = RedemptionStatus.CANCELLED
                elif local is not None and local.status in (
                    RedemptionStatus.PENDING,
                    RedemptionStatus.OFFLINE,
                ):
                    settled = RedemptionStatus.CONFIRMED
                if local is not None and local.discount_amount != result.discount_amount:
                    _discount_differs(conn, now, local.discount_amount, result)
                if settled is not None:
                    redemptions.set_status(
                        conn,
                        result.code,
                        settled,
                        now=now,
                        remote_id=result.id,
                        balance_after=result.balance_after,
                    )
                if result.balance_after is not None:
                    cache.set_balance(
                        conn, result.customer_id, result.balance_after, result.created_at
                    )
            elif entry.kind is OperationKind.USE:
                redemptions.set_status(
                    conn, result.code, RedemptionStatus.USED, now=now, remote_id=result.id
                )
            elif (
                entry.kind is OperationKind.VOID
                and local is not None
                and local.status is not RedemptionStatus.CANCELLED
            ):
                redemptions.set_status(
                    conn, result.code, RedemptionStatus.VOID, now=now, remote_id=result.id
                )
        elif isinstance(result, api.PointsTransaction):
            earned = result.points if result.type.value == "earned" else 0
            cache.set_balance(
                conn, result.customer_id, result.balance_after, result.created_at, earned
            )
            if entry.kind is OperationKind.AWARD:
                from ..store import orders  # a sale's or a return's answer only

                orders.settle_order(conn, entry.id, result.id)
        elif isinstance(result, api.Return):
            from ..store import orders

            orders.settle_return(
                conn,
                entry.id,
                return_id=result.id,
                points_reversed=result.points_reversed,
                points_shortfall=result.points_shortfall,
                balance_after=result.balance_after,
            )
            cache.set_balance(conn, result.customer_id, result.balance_after, result.created_at)
        figures = (
            {
                "points_reversed": result.points_reversed,
                "points_shortfall": result.points_shortfall,
            }
            if isinstance(result, api.Return)
            else {}
        )
        _audit_outcome(conn, now, entry, "done", attempts=entry.attempts + 1, **figures)

    def failure(self, entry: OutboxEntry, error: ApiError) -> PushOutcome:
        now = self.clock()
        with self.db.transaction() as conn:
            if not outbox.is_pending(conn, entry.id):
                current = outbox.get(conn, entry.id)
                return PushOutcome(current.state if current else OutboxState.PENDING, error)
            # (An answer that is not the contract pauses the queue: see `_record_paused`.)
            if error.retryable:
                retry_after = error.retry_after if isinstance(error, RateLimited) else None
                delay = retry_delay(entry.attempts + 1, retry_after, rng=self.rng)
                outbox.mark_attempt(
                    conn,
                    entry.id,
                    now=now,
                    maybe_delivered=not certainly_not_applied(error),
                    next_attempt_at=now + timedelta(seconds=delay),
                    error_code=error.code,
                    error=error.message,
                )
                return PushOutcome(OutboxState.PENDING, error)
            abandoned = entry.abandoned
            state = (
                OutboxState.CONFLICT if entry.handed_out and not abandoned else OutboxState.REFUSED
            )
            outbox.finish(
                conn, entry.id, state, now=now, error_code=error.code, error=error.message
            )
            if entry.redemption_code and entry.kind is OperationKind.REDEEM and not abandoned:
                redemptions.set_status(
                    conn,
                    entry.redemption_code,
                    RedemptionStatus.CONFLICT
                    if state is OutboxState.CONFLICT
                    else RedemptionStatus.REJECTED,
                    now=now,
                    refusal_code=error.code,
                    refusal_message=error.message,
                )
            _audit_outcome(conn, now, entry, state.value, code=error.code, message=error.message)
        log.warning(
            "operation %s (%s) %s by the backend: %s", entry.id, entry.kind, state.value, error.code
        )
        return PushOutcome(state, error)

    def paused(self, entry: OutboxEntry, error: ApiError, wrong: Misconfiguration) -> PushOutcome:
        """The backend refused this terminal: the operation stays pending, untouched but
        for what was said (and, for an answer that is not the contract, that it may have
        been applied)."""
        with self.db.transaction() as conn:
            if outbox.is_pending(conn, entry.id):
                outbox.mark_paused(
                    conn,
                    entry.id,
                    now=self.clock(),
                    maybe_delivered=not certainly_not_applied(error),
                    error_code=error.code,
                    error=wrong.reason,
                )
        # Info, not a warning: the command or the status bar says it to the person once.
        log.info("sync paused, operation %s kept pending: %s", entry.id, wrong.reason)
        return PushOutcome(OutboxState.PENDING, error, paused=wrong)

    def cancel_for_good(self, entry: OutboxEntry, why: str) -> PushOutcome:
        now = self.clock()
        with self.db.transaction() as conn:
            if not outbox.is_pending(conn, entry.id):
                current = outbox.get(conn, entry.id)
                return PushOutcome(current.state if current else OutboxState.PENDING)
            outbox.finish(
                conn,
                entry.id,
                OutboxState.CANCELLED,
                now=now,
                error_code="not_applied",
                error=f"Cancelled at the counter; {why}.",
            )
            audit.append(
                conn,
                now=now,
                actor="system",
                action="sync.redeem.cancelled",
                subject=entry.redemption_code,
                details={"outbox_id": entry.id, "why": why},
            )
        return PushOutcome(OutboxState.CANCELLED)
