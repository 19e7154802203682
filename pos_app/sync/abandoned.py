"""A redemption abandoned at the counter (the cashier was told no code was issued) whose
request may have reached the backend is never sent again: the pusher asks the backend
whether it was applied (`GET /v1/redemptions/{code}`), voids it there if so, and cancels
it for good once the backend can no longer apply it."""

from __future__ import annotations

from datetime import timedelta

from ..api import ApiError, LoyaltyClient, NotFound, TransientError
from ..domain.models import OutboxEntry, OutboxState
from ..domain.operations import Redeem
from ..i18n import N_
from ..store import outbox
from .connectivity import PAUSED_RETRY_SECONDS, ConnectivityWatch
from .outcomes import PushOutcome
from .recording import Recorder
from .verdicts import NOT_LOYALPRO, Misconfiguration

# Stored in the outbox (stable English); shown through _().
NOT_APPLIED_YET = N_("Cancelled at the counter; the loyalty service has not applied it.")

ABANDON_GRACE = timedelta(minutes=2)
"""How long after an abandoned redemption was last sent the backend may still apply it (a
request held in a slow server or a proxy). Until then, "no such redemption" only means
"not yet", so the engine keeps asking; after it, the redemption is cancelled for good. An
application later still (beyond any sane timeout) is caught by the delta pull of
redemptions, which voids it."""


def learn_fate(
    c: LoyaltyClient, entry: OutboxEntry, record: Recorder, watch: ConnectivityWatch
) -> PushOutcome:
    """An abandoned redemption (the cashier was told no code was issued) whose request
    may have reached the backend. Sending it again would apply it, so ask instead:
    found, it was applied and is voided; not found, it was not applied (yet)."""
    p = entry.operation
    assert isinstance(p, Redeem)
    code = p.code
    try:
        found = c.get_redemption(code)
    except ApiError as error:
        if isinstance(error, NotFound) and error.code == "redemption_not_found":
            watch.note(None)
            return _not_applied_yet(entry, record)
        wrong = watch.note(error)
        if wrong is None and not isinstance(error, TransientError):
            wrong = Misconfiguration("misconfigured", f"{NOT_LOYALPRO} ({error.code}).")
        if wrong is not None:
            return record.paused(entry, error, wrong)
        return record.failure(entry, error)
    watch.note(None)
    ours = (found.customer_id, found.reward_id, found.points) == (
        p.customer_id,
        p.reward_id,
        p.points,
    )
    if not ours:  # the code is another redemption's: this one was refused (code_taken)
        return record.cancel_for_good(entry, "the code belongs to another redemption")
    record.success(entry, found)
    return PushOutcome(OutboxState.DONE, result=found)


def _not_applied_yet(entry: OutboxEntry, record: Recorder) -> PushOutcome:
    """The backend has no such redemption: ask again until the grace period after
    the last send has passed, then cancel for good (nothing was ever applied)."""
    now = record.clock()
    last_sent = entry.abandoned_at
    if last_sent is None:  # abandoned by an older version, which re-sent it: count from now
        with record.db.transaction() as conn:
            outbox.mark_abandoned(conn, entry.id, now)
        last_sent = now
    if now - last_sent >= ABANDON_GRACE:
        return record.cancel_for_good(entry, "the loyalty service never applied it")
    with record.db.transaction() as conn:
        if outbox.is_pending(conn, entry.id):
            outbox.mark_attempt(
                conn,
                entry.id,
                now=now,
                maybe_delivered=True,
                next_attempt_at=min(
                    last_sent + ABANDON_GRACE, now + timedelta(seconds=PAUSED_RETRY_SECONDS)
                ),
                error_code="not_applied_yet",
                error=NOT_APPLIED_YET,
            )
    return PushOutcome(OutboxState.PENDING, waiting=True)
