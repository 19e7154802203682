"""Pushes the outbox and pulls the cache. Plain Python with its own database connection
and its own `LoyaltyClient`: the CLI runs it in the foreground, the GUI in a worker thread.

Push: each customer's operations strictly in order; transport errors, 5xx, 429 and
`idempotency_in_progress` are retried with the operation's own key after capped, jittered
backoff; every other refusal about the operation is final and kept (a conflict if its
outcome had been handed out, else a refusal someone was told about). One poison operation
never blocks the rest. A failure that says the backend is misconfigured for this terminal
(see `verdicts`) is no verdict on any operation: the queue pauses, everything stays
pending, and `run_forever` asks again every `PAUSED_RETRY_SECONDS`.

A redemption abandoned at the counter is never sent again: the engine asks the backend
whether it was applied (`GET /v1/redemptions/{code}`) and voids it there if so.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..api import (
    ApiError,
    LoyaltyClient,
    NetworkError,
    NotFound,
    RateLimited,
    TransientError,
)
from ..api import models as api
from ..domain.models import OperationKind, OutboxEntry, OutboxState, RedemptionStatus
from ..domain.operations import Redeem, Void
from ..domain.timefmt import to_db
from ..store import Database, DiskFull, audit, cache, outbox, redemptions, settings
from . import mapping
from .backoff import retry_delay
from .events import (
    Connectivity,
    ConnectivityChanged,
    EventBus,
    QueueChanged,
    SyncFinished,
    SyncNowDone,
)
from .verdicts import NOT_LOYALPRO, Misconfiguration, certainly_not_applied, misconfiguration

log = logging.getLogger(__name__)

PULL_PAGE = 100
FIRST_REDEMPTION_WINDOW = timedelta(days=7)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

PAUSED_RETRY_SECONDS = 30.0
"""While the backend refuses this terminal (a wrong key, a wrong URL), `run_forever` asks
again this often: slowly, since every request would be refused the same way, but without
a person, so that a fixed key (or a finished rotation) resumes syncing by itself."""

TRIES_PER_CALL = 5
"""How often one push call tries one operation. A person's "sync now" retries an answer
lost in transit at once instead of leaving it for the next round; a handful of tries
(and a whole pass over the queue without progress) tells a lost answer from a backend
that is failing."""

SYNC_NOW_BUDGET_SECONDS = 90.0
"""A person's "sync now" tries every pending operation (and retries lost answers) within
this wall-clock time, then reports what is left, rather than holding the terminal."""

ABANDON_GRACE = timedelta(minutes=2)
"""How long after an abandoned redemption was last sent the backend may still apply it (a
request held in a slow server or a proxy). Until then, "no such redemption" only means
"not yet", so the engine keeps asking; after it, the redemption is cancelled for good. An
application later still (beyond any sane timeout) is caught by the delta pull of
redemptions, which voids it."""

ABANDON_VOID_REASON = (
    "Cancelled at the counter (no answer in time), but the loyalty service applied it: "
    "points given back. The API returns voided points as a new lot with no expiry date, "
    "so their original expiry dates cannot be kept."
)


_PUSH_LOCKS: dict[str, threading.Lock] = {}
_PUSH_LOCKS_GUARD = threading.Lock()


def _push_lock_for(db_path: str) -> threading.Lock:
    """One pusher at a time per database in this process (the GUI runs a counter engine and
    a sync engine on the same file); across processes, `_still_pending` and the idempotency
    keys keep an answer from being applied twice."""
    with _PUSH_LOCKS_GUARD:
        return _PUSH_LOCKS.setdefault(db_path, threading.Lock())


def _queue_abandon_void(
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


def _still_pending(conn: sqlite3.Connection, entry_id: int) -> bool:
    row = conn.execute("SELECT state FROM outbox WHERE id = ?", (entry_id,)).fetchone()
    return row is not None and row[0] == OutboxState.PENDING.value


@dataclass(frozen=True, slots=True)
class PushOutcome:
    """What became of one attempt: done, refused/conflict (final), or retry later.

    `recorded` False: the disk was full, so this terminal could not record the answer.
    `state` is then what the backend said (DONE: it applied the operation), while the
    outbox row stays pending with its idempotency key: the next push replays the same
    key, the backend answers again without applying it twice, and that answer is
    recorded once there is space."""

    state: OutboxState
    error: ApiError | None = None
    result: Any = None
    # The backend refused this terminal, not the operation: the queue pauses.
    paused: Misconfiguration | None = None
    # Pending on purpose (an abandoned redemption's fate is not known yet): ask later.
    waiting: bool = False
    # False: the answer could not be written down (a full disk); the next push replays it.
    recorded: bool = True


@dataclass
class SyncReport:
    pushed: int = 0
    conflicts: int = 0
    refused: int = 0
    retrying: int = 0
    pulled_customers: int = 0
    pulled_redemptions: int = 0
    errors: list[str] = field(default_factory=list)
    reached_backend: bool = False
    # Why the round stopped with everything kept pending: the backend refuses this
    # terminal (plain words for the cashier); `paused_code` is "unauthorized" for the key.
    paused: str | None = None
    paused_code: str | None = None
    # The push ended early because the backend cannot be reached or does not answer in
    # time: a pull now would only wait out another budget.
    unreachable: bool = False

    def pause(self, wrong: Misconfiguration) -> None:
        self.paused, self.paused_code = wrong.reason, wrong.code


def _unrecorded_failure(entry: OutboxEntry, error: ApiError) -> PushOutcome:
    """A refusal or a failed attempt the full disk kept this terminal from recording. The
    row stays pending and the next push asks again with the same key; the outcome says
    whether the answer was final (REFUSED: the backend applied nothing) or not."""
    final = not error.retryable
    log.warning("operation %s: %s; the disk is full: not recorded", entry.id, error.code)
    return PushOutcome(OutboxState.REFUSED if final else OutboxState.PENDING, error, recorded=False)


class SyncEngine:
    def __init__(
        self,
        db: Database,
        client: LoyaltyClient,
        *,
        terminal_id: str,
        bus: EventBus | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
    ) -> None:
        self.db = db
        self.client = client
        self.terminal_id = terminal_id
        self.bus = bus or EventBus()
        self.clock = clock
        self.rng = rng or random.Random()
        self.connectivity = Connectivity.UNKNOWN
        self._detail = ""
        self._push_lock = _push_lock_for(str(db.path))
        self._wake = threading.Event()

    # ------------------------------------------------------------ connectivity
    def _note(
        self, error: ApiError | None, carried: frozenset[str] | None = None
    ) -> Misconfiguration | None:
        """Publish what `error` says about the backend; returns the misconfiguration it
        reveals, if any (`carried`: the fields the failed request sent)."""
        wrong = None if error is None else misconfiguration(error, carried)
        if error is None:
            state, detail = Connectivity.ONLINE, "The loyalty service answers."
        elif wrong is not None:
            state, detail = Connectivity.MISCONFIGURED, wrong.reason
        elif isinstance(error, NetworkError):
            state, detail = Connectivity.OFFLINE, error.message
        elif isinstance(error, TransientError):
            state, detail = Connectivity.DEGRADED, error.message
        else:  # a final refusal is still an answer: the backend is there
            state, detail = Connectivity.ONLINE, "The loyalty service answers."
        if state != self.connectivity or (wrong is not None and detail != self._detail):
            self.connectivity, self._detail = state, detail
            self.bus.publish(ConnectivityChanged(state, detail))
        return wrong

    def publish_queue(self) -> None:
        counts = outbox.counts(self.db.conn)
        self.bus.publish(QueueChanged(counts["pending"], counts["conflict"]))

    def wake(self) -> None:
        """Something was queued: let a waiting `run_forever` push it now."""
        self._wake.set()

    # ------------------------------------------------------------ push
    def push_entry(self, entry: OutboxEntry, client: LoyaltyClient | None = None) -> PushOutcome:
        """Send one operation and record what became of it, in one transaction."""
        api_client = client or self.client
        if entry.abandoned:
            return self._learn_fate(api_client, entry)
        try:
            result = self._send(api_client, entry)
        except ApiError as error:
            wrong = self._note(error, entry.operation.carried())
            try:
                if wrong is not None:
                    return self._record_paused(entry, error, wrong)
                return self._record_failure(entry, error)
            except DiskFull:
                if wrong is not None:
                    return PushOutcome(OutboxState.PENDING, error, paused=wrong, recorded=False)
                return _unrecorded_failure(entry, error)
        self._note(None)
        try:
            self._record_success(entry, result)
        except DiskFull:
            log.warning(
                "operation %s applied by the backend; the disk is full: recorded later "
                "by replaying its key",
                entry.id,
            )
            return PushOutcome(OutboxState.DONE, result=result, recorded=False)
        return PushOutcome(OutboxState.DONE, result=result)

    def _send(self, c: LoyaltyClient, entry: OutboxEntry) -> Any:
        return entry.operation.send(c, key=entry.idempotency_key, terminal_id=self.terminal_id)

    def _record_success(self, entry: OutboxEntry, result: Any) -> None:
        now = self.clock()
        with self.db.transaction() as conn:
            if not _still_pending(conn, entry.id):
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
                    if entry.abandoned:
                        # Applied although the counter gave up on it: give the points back.
                        if result.status is api.RedemptionStatus.ISSUED:
                            _queue_abandon_void(conn, result.code, result.customer_id, now)
                        redemptions.set_status(
                            conn,
                            result.code,
                            RedemptionStatus.CANCELLED,
                            now=now,
                            remote_id=result.id,
                            balance_after=result.balance_after,
                        )
                    elif local is not None and local.status in (
                        RedemptionStatus.PENDING,
                        RedemptionStatus.OFFLINE,
                    ):
                        redemptions.set_status(
                            conn,
                            result.code,
                            RedemptionStatus.CONFIRMED,
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
            audit.append(
                conn,
                now=now,
                actor="system",
                action=f"sync.{entry.kind.value}.done",
                subject=entry.redemption_code or entry.customer_id,
                details={"outbox_id": entry.id, "attempts": entry.attempts + 1},
            )

    def _record_failure(self, entry: OutboxEntry, error: ApiError) -> PushOutcome:
        now = self.clock()
        with self.db.transaction() as conn:
            if not _still_pending(conn, entry.id):
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
            audit.append(
                conn,
                now=now,
                actor="system",
                action=f"sync.{entry.kind.value}.{state.value}",
                subject=entry.redemption_code or entry.customer_id,
                details={"outbox_id": entry.id, "code": error.code, "message": error.message},
            )
        log.warning(
            "operation %s (%s) %s by the backend: %s", entry.id, entry.kind, state.value, error.code
        )
        return PushOutcome(state, error)

    def _record_paused(
        self, entry: OutboxEntry, error: ApiError, wrong: Misconfiguration
    ) -> PushOutcome:
        """The backend refused this terminal: the operation stays pending, untouched but
        for what was said (and, for an answer that is not the contract, that it may have
        been applied)."""
        with self.db.transaction() as conn:
            if _still_pending(conn, entry.id):
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

    # ------------------------------------------------------------ abandoned redemptions
    def _learn_fate(self, c: LoyaltyClient, entry: OutboxEntry) -> PushOutcome:
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
                self._note(None)
                return self._not_applied_yet(entry)
            wrong = self._note(error)
            if wrong is None and not isinstance(error, TransientError):
                wrong = Misconfiguration("misconfigured", f"{NOT_LOYALPRO} ({error.code}).")
            if wrong is not None:
                return self._record_paused(entry, error, wrong)
            return self._record_failure(entry, error)
        self._note(None)
        ours = (found.customer_id, found.reward_id, found.points) == (
            p.customer_id,
            p.reward_id,
            p.points,
        )
        if not ours:  # the code is another redemption's: this one was refused (code_taken)
            return self._cancel_for_good(entry, "the code belongs to another redemption")
        self._record_success(entry, found)
        return PushOutcome(OutboxState.DONE, result=found)

    def _not_applied_yet(self, entry: OutboxEntry) -> PushOutcome:
        """The backend has no such redemption: ask again until the grace period after
        the last send has passed, then cancel for good (nothing was ever applied)."""
        now = self.clock()
        last_sent = entry.abandoned_at
        if last_sent is None:  # abandoned by an older version, which re-sent it: count from now
            with self.db.transaction() as conn:
                outbox.mark_abandoned(conn, entry.id, now)
            last_sent = now
        if now - last_sent >= ABANDON_GRACE:
            return self._cancel_for_good(entry, "the loyalty service never applied it")
        with self.db.transaction() as conn:
            if _still_pending(conn, entry.id):
                outbox.mark_attempt(
                    conn,
                    entry.id,
                    now=now,
                    maybe_delivered=True,
                    next_attempt_at=min(
                        last_sent + ABANDON_GRACE, now + timedelta(seconds=PAUSED_RETRY_SECONDS)
                    ),
                    error_code="not_applied_yet",
                    error="Cancelled at the counter; the loyalty service has not applied it.",
                )
        return PushOutcome(OutboxState.PENDING, waiting=True)

    def _cancel_for_good(self, entry: OutboxEntry, why: str) -> PushOutcome:
        now = self.clock()
        with self.db.transaction() as conn:
            if not _still_pending(conn, entry.id):
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

    def push_lane(
        self, customer_id: str | None, last_entry_id: int, client: LoyaltyClient | None = None
    ) -> PushOutcome | None:
        """Push this customer's pending operations up to and including `last_entry_id`, in
        order, ignoring backoff (a person is waiting). Stops at the first that must wait;
        returns the outcome of `last_entry_id`, or None if it was not reached."""
        with self._push_lock:
            for entry in outbox.pending(self.db.conn):
                if entry.id > last_entry_id:
                    break
                if entry.id != last_entry_id and (
                    (customer_id is not None and entry.customer_id != customer_id)
                    or entry.abandoned  # not in the lane: see `outbox.due`
                ):
                    continue
                outcome = self.push_entry(entry, client)
                if outcome.state is OutboxState.PENDING:
                    # A misconfiguration is the answer for the whole lane.
                    return outcome if entry.id == last_entry_id or outcome.paused else None
                if entry.id == last_entry_id:
                    return outcome
        return None

    def push(self, *, ignore_backoff: bool = False, deadline: float | None = None) -> SyncReport:
        """Push what is due, each customer's operations in order, until nothing more is.

        A transport error on one operation does not end the round: the other customers'
        operations go on. When a person asked ("sync now", `ignore_backoff`: every pending
        operation whatever its backoff timer says) an operation whose answer was lost is
        tried again within this call, up to `TRIES_PER_CALL` times, while the round still
        makes progress. Only a backend that cannot be reached at all, or one that refuses
        this terminal (the queue pauses), ends the round early. `deadline`
        (`time.monotonic()`) bounds the whole call. The push lock is held one operation at
        a time, so a long "sync now" never keeps a redemption at the counter waiting."""
        report = SyncReport()
        tries: Counter[int] = Counter()
        waiting: set[int] = set()
        failures_in_a_row = 0
        asked_to_wait = 0.0  # the longest Retry-After of the pass
        while not _past(deadline):
            batch = self._due(tries, ignore_backoff)
            if not batch or failures_in_a_row >= max(TRIES_PER_CALL, len(batch)):
                break  # done, or a whole pass (and more) without progress
            if failures_in_a_row and ignore_backoff:
                _pause_before_retry(failures_in_a_row, asked_to_wait, deadline)
            asked_to_wait = 0.0
            for entry in batch:
                if _past(deadline):
                    break
                tries[entry.id] += 1
                with self._push_lock:
                    if not _still_pending(self.db.conn, entry.id):
                        continue  # the counter pushed it meanwhile
                    outcome = self.push_entry(entry)
                self._count(report, outcome)
                if outcome.waiting:
                    tries[entry.id] = TRIES_PER_CALL  # its fate is asked later, not now
                    waiting.add(entry.id)
                elif outcome.state is not OutboxState.PENDING:
                    failures_in_a_row = 0
                    waiting.discard(entry.id)
                else:
                    failures_in_a_row += 1
                    waiting.add(entry.id)
                    if isinstance(outcome.error, RateLimited) and outcome.error.retry_after:
                        asked_to_wait = max(asked_to_wait, outcome.error.retry_after)
                    if outcome.paused is not None or _unreachable(outcome.error):
                        # Every other request would fail the same way.
                        report.unreachable = outcome.paused is None
                        return self._end_push(report, waiting)
            self.publish_queue()
        return self._end_push(report, waiting)

    def _due(self, tries: Counter[int], ignore_backoff: bool) -> list[OutboxEntry]:
        """The head of each lane that may be tried now (again)."""
        now = self.clock()
        return [
            e
            for e in outbox.due(self.db.conn, None)
            if tries[e.id] < TRIES_PER_CALL
            and (ignore_backoff or e.next_attempt_at is None or e.next_attempt_at <= now)
        ]

    def _end_push(self, report: SyncReport, still_pending: set[int]) -> SyncReport:
        report.retrying = len(still_pending)
        self.publish_queue()
        return report

    @staticmethod
    def _count(report: SyncReport, outcome: PushOutcome) -> None:
        if outcome.error is None or not outcome.error.retryable:
            report.reached_backend = True
        if outcome.state is OutboxState.DONE:
            report.pushed += 1
        elif outcome.state is OutboxState.CONFLICT:
            report.conflicts += 1
        elif outcome.state is OutboxState.REFUSED:
            report.refused += 1
        if outcome.paused is not None:
            report.pause(outcome.paused)
        elif outcome.error is not None and outcome.error.message not in report.errors:
            report.errors.append(outcome.error.message)

    # ------------------------------------------------------------ pull
    def pull(self) -> SyncReport:
        """Refresh tiers, rewards, customers and redemptions from their cursors."""
        report = SyncReport()
        try:
            self._pull_catalogue()
            report.pulled_customers = self._pull_customers()
            report.pulled_redemptions = self._pull_redemptions()
        except ApiError as error:
            wrong = self._note(error)
            if wrong is not None:
                report.pause(wrong)
                report.reached_backend = True
            else:
                report.errors.append(error.message)
            return report
        self._note(None)
        report.reached_backend = True
        return report

    def pull_catalogue_quietly(self, client: LoyaltyClient | None = None) -> ApiError | None:
        """Refresh tiers and rewards now; the error if the backend did not give them."""
        try:
            self._pull_catalogue(client)
        except ApiError as error:
            self._note(error)
            return error
        self._note(None)
        return None

    def _pull_catalogue(self, client: LoyaltyClient | None = None) -> None:
        c = client or self.client
        tiers = [mapping.tier(t) for t in c.iter_all(c.list_tiers)]
        rewards = list(c.iter_all(c.list_rewards, limit=PULL_PAGE))
        now = self.clock()
        with self.db.transaction() as conn:
            cache.replace_tiers(conn, tiers)
            cache.replace_rewards(
                conn,
                [mapping.reward(r) for r in rewards],
                now,
                {r.id: r.updated_at for r in rewards},
            )
            cache.set_cursor(conn, "rewards", None, now)

    def _pull_customers(self) -> int:
        return self._delta_pull(
            "customers",
            self.client.list_customers,
            EPOCH,
            lambda conn, c, now: cache.upsert_customer(conn, mapping.customer(c, now)),
        )

    def _pull_redemptions(self) -> int:
        return self._delta_pull(
            "redemptions",
            self.client.list_redemptions,
            self.clock() - FIRST_REDEMPTION_WINDOW,
            self._keep_redemption,
        )

    @staticmethod
    def _keep_redemption(conn: sqlite3.Connection, r: api.Redemption, now: datetime) -> None:
        """Take a pulled redemption. The safety net of abandoned redemptions: one this
        terminal cancelled that the backend has issued after all (applied later than the
        grace period allowed for) is voided there, so the customer gets the points back."""
        local = redemptions.get(conn, r.code)
        redemptions.upsert_remote(conn, mapping.remote_redemption(r))
        if (
            local is not None
            and local.origin == "local"
            and local.status is RedemptionStatus.CANCELLED
            and r.status is api.RedemptionStatus.ISSUED
            and (r.customer_id, r.reward_id, r.points)
            == (local.customer_id, local.reward_id, local.points)
            and not outbox.redeem_pending(conn, r.code)  # its fate is being asked already
        ):
            _queue_abandon_void(conn, r.code, r.customer_id, now)

    def _delta_pull(
        self,
        resource: str,
        list_page: Callable[..., api.Page[Any]],
        first_since: datetime,
        keep: Callable[[sqlite3.Connection, Any, datetime], None],
    ) -> int:
        """Everything changed since the resource's cursor, page by page; each page and the
        cursor it advances are committed together, so an interrupted pull resumes."""
        known = cache.get_cursor(self.db.conn, resource)
        since = (
            datetime.fromisoformat(known[0].replace("Z", "+00:00"))
            if known and known[0]
            else first_since
        )
        count = 0
        cursor: str | None = None
        while True:
            page = list_page(updated_since=since, limit=PULL_PAGE, cursor=cursor)
            now = self.clock()
            with self.db.transaction() as conn:
                newest = since
                for item in page.data:
                    keep(conn, item, now)
                    newest = max(newest, item.updated_at)
                cache.set_cursor(conn, resource, to_db(newest), now)
            count += len(page.data)
            if not page.has_more or page.next_cursor is None:
                return count
            cursor = page.next_cursor

    # ------------------------------------------------------------ whole syncs
    def sync_once(
        self, *, ignore_backoff: bool = True, deadline: float | None = None
    ) -> SyncReport:
        """Push what is due (everything, if a person asked), then pull; a paused push
        (the backend refuses this terminal) skips the pull, which would be refused too, and
        so do a push that found the backend unreachable or too slow and one that used up
        the call's `deadline` (the next sync pulls)."""
        pushed = self.push(ignore_backoff=ignore_backoff, deadline=deadline)
        if pushed.paused is not None:
            return pushed
        if pushed.unreachable:
            self.publish_queue()
            return pushed
        if _past(deadline):
            pushed.errors.append("Out of time: the cache is refreshed at the next sync.")
            return pushed
        pulled = self.pull()
        if pulled.paused is not None:
            pushed.paused, pushed.paused_code = pulled.paused, pulled.paused_code
        pushed.pulled_customers = pulled.pulled_customers
        pushed.pulled_redemptions = pulled.pulled_redemptions
        pushed.errors += pulled.errors
        pushed.reached_backend = pushed.reached_backend or pulled.reached_backend
        if pulled.reached_backend and pulled.paused is None:
            now = self.clock()
            with self.db.transaction() as conn:
                settings.put(conn, "last_sync", to_db(now))
            self.bus.publish(
                SyncFinished(
                    now, pushed.pushed, pulled.pulled_customers + pulled.pulled_redemptions
                )
            )
        self.publish_queue()
        return pushed

    def run_forever(
        self,
        stop: threading.Event,
        *,
        pull_every: float = 60.0,
        idle_wait: float = 1.0,
        sync_now: threading.Event | None = None,
    ) -> None:
        """Push as operations fall due and pull every `pull_every` seconds, until `stop`.
        Setting `sync_now` (then `wake()`) asks for a person's "sync now"."""
        last_pull = float("-inf")
        while not stop.is_set():
            try:
                if sync_now is not None and sync_now.is_set():
                    sync_now.clear()
                    try:
                        report = self.sync_once(
                            ignore_backoff=True,
                            deadline=time.monotonic() + SYNC_NOW_BUDGET_SECONDS,
                        )
                    except Exception as error:
                        self._sync_now_done(None, disk_full=isinstance(error, DiskFull))
                        raise
                    self._sync_now_done(report)
                    last_pull = time.monotonic()
                elif (
                    time.monotonic() - last_pull >= pull_every
                    or self.connectivity is not Connectivity.ONLINE
                ):
                    self.sync_once(ignore_backoff=False)
                    last_pull = time.monotonic()
                else:
                    self.push()
            except DiskFull:  # an operating condition, not a bug: no traceback
                log.warning(
                    "the disk is full: the sync paused; what the loyalty service applied "
                    "stays queued and is recorded when space allows"
                )
            except Exception:  # never let the worker die: log and try again later
                log.exception("sync cycle failed")
            if stop.is_set():
                break
            self._wake.wait(self._idle_wait(idle_wait))
            self._wake.clear()

    def _sync_now_done(self, report: SyncReport | None, *, disk_full: bool = False) -> None:
        """Tell whoever asked for "sync now" how it went (`None`: it failed on an error)."""
        try:
            counts = outbox.counts(self.db.conn)
        except sqlite3.Error:
            counts = {}
        if disk_full:
            problem = (
                "This terminal's disk is full, so the sync paused; nothing is lost. "
                "Tell your manager."
            )
        elif report is None:
            problem = "The sync stopped on an error; it tries again by itself."
        elif report.paused is not None:
            problem = report.paused
        elif report.unreachable or not report.reached_backend:
            problem = "The loyalty service cannot be reached."
        else:
            problem = report.errors[0] if report.errors else ""
        self.bus.publish(
            SyncNowDone(
                report.pushed if report is not None else 0,
                counts.get("pending", 0),
                counts.get("conflict", 0),
                problem,
            )
        )

    def _idle_wait(self, idle_wait: float) -> float:
        """Seconds until the next cycle: soon when online, slower when the backend is in
        trouble, slowest when it refuses this terminal (asking again changes nothing until
        a person fixes the key or the URL)."""
        if self.connectivity is Connectivity.ONLINE:
            return idle_wait
        if self.connectivity is Connectivity.MISCONFIGURED:
            return PAUSED_RETRY_SECONDS
        return min(15.0, idle_wait * 5)


def _past(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


def _unreachable(error: ApiError | None) -> bool:
    """No connection could be made at all, or the backend did not answer within a call's
    whole time budget (hanging or trickling): the next request would fail the same way,
    so one call's budget, not one per pending operation, is what "sync now" costs. An
    answer lost to a closed connection is not this: the round goes on past it."""
    return isinstance(error, NetworkError) and (not error.request_sent or error.timed_out)


def _pause_before_retry(
    failures_in_a_row: int, asked_to_wait: float, deadline: float | None
) -> None:
    """A short, growing pause before trying failed operations again within one call, so a
    struggling backend is not hammered (longer if it asked, up to 5 s); never past the
    call's deadline."""
    delay = max(min(0.1 * failures_in_a_row, 2.0), min(asked_to_wait, 5.0))
    if deadline is not None:
        delay = min(delay, max(0.0, deadline - time.monotonic()))
    time.sleep(delay)
