"""A redemption the backend did not answer in time (redeem.py, step 4): the offline
policy decides whether its code is handed out as "offline, will sync"; otherwise it is
cancelled, and if its request may have reached the backend, the sync engine learns its
fate (sync/abandoned.py) and voids it there if it was applied."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from ..domain.models import CustomerInfo, LocalRedemption, OutboxState, RedemptionStatus
from ..domain.offline_policy import OfflineDecision, decide_offline
from ..store import audit, cache, outbox, redemptions
from ..sync.verdicts import Misconfiguration
from .terminal import Terminal


def offline_decision(
    t: Terminal, red: LocalRedemption, projected_before: int, now: datetime
) -> OfflineDecision:
    """What the offline policy says about handing this redemption's code out unconfirmed."""
    customer = cache.get_customer(t.db.conn, red.customer_id)
    _pending, handed_out = outbox.pending_outgoing_points(t.db.conn, red.customer_id)
    return decide_offline(
        t.config.offline_policy,
        points=red.points,
        cached_at=known_as_of(t, customer),
        now=now,
        projected_balance=projected_before,
        pending_offline_points=handed_out,
    )


def cancel_misconfigured(
    t: Terminal, code: str, entry_id: int, wrong: Misconfiguration, operator: str
) -> None:
    """Cancel a redemption the backend could not judge (no code was handed out); one that
    may have reached the backend is followed up by the sync engine, as at a timeout."""
    now = t.clock()
    with t.db.transaction() as conn:
        current = redemptions.get(conn, code)
        latest = outbox.get(conn, entry_id)
        assert current is not None and latest is not None
        settled = current.status is not RedemptionStatus.PENDING
        if settled or latest.state is not OutboxState.PENDING:  # another pusher got there
            return
        cancel(conn, code, entry_id, now, operator, wrong.code, wrong.reason)


def cancel(
    conn: sqlite3.Connection,
    code: str,
    entry_id: int,
    now: datetime,
    operator: str,
    rule: str,
    reason: str,
) -> None:
    """No code was handed out: the redemption is cancelled. If its request may have
    reached the backend, the sync engine learns its fate (and voids it if it was applied);
    otherwise nothing more is ever sent. Part of the caller's transaction."""
    redemptions.set_status(
        conn, code, RedemptionStatus.CANCELLED, now=now, refusal_code=rule, refusal_message=reason
    )
    latest = outbox.get(conn, entry_id)
    assert latest is not None
    if latest.maybe_delivered:
        outbox.mark_abandoned(conn, entry_id, now)
    else:
        outbox.finish(conn, entry_id, OutboxState.CANCELLED, now=now, error_code=rule, error=reason)
    audit.append(
        conn, now=now, actor=operator, action="redeem.cancelled", subject=code,
        details={"rule": rule},
    )  # fmt: skip


def known_as_of(t: Terminal, customer: CustomerInfo | None) -> datetime | None:
    """How fresh this terminal's knowledge of the customer is: their own fetch, or the last
    complete delta pull of customers (which would have brought any change), if later."""
    if customer is None:
        return None
    cursor = cache.get_cursor(t.db.conn, "customers")
    return max(customer.cached_at, cursor[1]) if cursor else customer.cached_at
