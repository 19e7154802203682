"""Pushes the outbox and pulls the cache. Plain Python with its own database connection
and its own `LoyaltyClient`: the CLI runs it in the foreground, the GUI in a worker thread.

Push: each customer's operations strictly in order; transport errors, 5xx, 429 and
`idempotency_in_progress` are retried with the operation's own key after capped, jittered
backoff; every other refusal is final and kept (a conflict if its outcome had been handed
out, else a refusal someone was told about). One poison operation never blocks the rest.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..api import ApiError, LoyaltyClient, NetworkError, ProtocolError, RateLimited, TransientError
from ..api import models as api
from ..domain.models import OperationKind, OutboxEntry, OutboxState, RedemptionStatus
from ..domain.timefmt import to_db
from ..store import Database, DiskFull, audit, cache, outbox, redemptions, settings
from . import mapping
from .backoff import retry_delay
from .events import Connectivity, ConnectivityChanged, EventBus, QueueChanged, SyncFinished

log = logging.getLogger(__name__)

PULL_PAGE = 100
FIRST_REDEMPTION_WINDOW = timedelta(days=7)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


_PUSH_LOCKS: dict[str, threading.Lock] = {}
_PUSH_LOCKS_GUARD = threading.Lock()


def _push_lock_for(db_path: str) -> threading.Lock:
    """One pusher at a time per database in this process (the GUI runs a counter engine and
    a sync engine on the same file); across processes, `_still_pending` and the idempotency
    keys keep an answer from being applied twice."""
    with _PUSH_LOCKS_GUARD:
        return _PUSH_LOCKS.setdefault(db_path, threading.Lock())


def _still_pending(conn: sqlite3.Connection, entry_id: int) -> bool:
    row = conn.execute("SELECT state FROM outbox WHERE id = ?", (entry_id,)).fetchone()
    return row is not None and row[0] == OutboxState.PENDING.value


class _Payload:
    """Typed reads of an outbox payload (JSON written by this program's services)."""

    def __init__(self, values: dict[str, object]) -> None:
        self.values = values

    def text(self, name: str) -> str:
        return str(self.values[name])

    def optional_text(self, name: str) -> str | None:
        value = self.values.get(name)
        return None if value is None else str(value)

    def integer(self, name: str) -> int:
        value = self.values[name]
        if not isinstance(value, int):
            raise ValueError(f"outbox payload {name} is not an integer")
        return value

    def time(self, name: str) -> datetime | None:
        value = self.values.get(name)
        return None if value is None else datetime.fromisoformat(str(value))

    def metadata(self) -> dict[str, api.MetadataValue] | None:
        value = self.values.get("metadata")
        return dict(value) if isinstance(value, dict) and value else None


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


def _unrecorded_failure(entry: OutboxEntry, error: ApiError) -> PushOutcome:
    """A refusal or a failed attempt the full disk kept this terminal from recording. The
    row stays pending and the next push asks again with the same key; the outcome says
    whether the answer was final (REFUSED: the backend applied nothing) or not."""
    final = not (error.retryable or isinstance(error, ProtocolError))
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
        self._push_lock = _push_lock_for(str(db.path))
        self._wake = threading.Event()

    # ------------------------------------------------------------ connectivity
    def _note(self, error: ApiError | None) -> None:
        if error is None:
            state, detail = Connectivity.ONLINE, "The loyalty service answers."
        elif isinstance(error, NetworkError):
            state, detail = Connectivity.OFFLINE, error.message
        elif isinstance(error, TransientError | ProtocolError):
            state, detail = Connectivity.DEGRADED, error.message
        else:  # a final refusal is still an answer: the backend is there
            state, detail = Connectivity.ONLINE, "The loyalty service answers."
        if state != self.connectivity:
            self.connectivity = state
            self.bus.publish(ConnectivityChanged(state, detail))

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
        try:
            result = self._send(api_client, entry)
        except ApiError as error:
            self._note(error)
            try:
                return self._record_failure(entry, error)
            except DiskFull:
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
        p = _Payload(entry.payload)
        key = entry.idempotency_key
        if entry.kind is OperationKind.REDEEM:
            return c.redeem_points(
                customer_id=p.text("customer_id"),
                reward_id=p.text("reward_id"),
                points=p.integer("points"),
                code=p.text("code"),
                occurred_at=p.time("occurred_at"),
                terminal_id=self.terminal_id,
                metadata=p.metadata(),
                idempotency_key=key,
            )
        if entry.kind is OperationKind.AWARD:
            return c.award_points(
                customer_id=p.text("customer_id"),
                points=p.integer("points"),
                reason=p.optional_text("reason"),
                type=api.AwardType(p.optional_text("type") or "earned"),
                metadata=p.metadata(),
                expires_at=p.time("expires_at"),
                idempotency_key=key,
            )
        if entry.kind is OperationKind.ADJUST:
            return c.adjust_points(
                customer_id=p.text("customer_id"),
                points=p.integer("points"),
                reason=p.text("reason"),
                metadata=p.metadata(),
                idempotency_key=key,
            )
        if entry.kind is OperationKind.USE:
            return c.use_redemption(p.text("code"), idempotency_key=key)
        if entry.kind is OperationKind.VOID:
            return c.void_redemption(
                p.text("code"), reason=p.optional_text("reason"), idempotency_key=key
            )
        raise ValueError(f"unknown operation kind {entry.kind}")

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
                    if entry.payload.get("abandon"):
                        # Applied although the counter gave up on it: give the points back.
                        outbox.enqueue(
                            conn,
                            OperationKind.VOID,
                            {
                                "code": result.code,
                                "reason": "Abandoned at the counter: no answer from "
                                "the loyalty service in time",
                            },
                            customer_id=result.customer_id,
                            now=now,
                            operator="system",
                            redemption_code=result.code,
                            handed_out=True,
                        )
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
                cache.set_balance(conn, result.customer_id, result.balance_after, result.created_at)
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
            # An answer that is not the contract may hide an applied request: keep the
            # operation and ask again with its key, as after a lost answer.
            if error.retryable or isinstance(error, ProtocolError):
                retry_after = error.retry_after if isinstance(error, RateLimited) else None
                delay = retry_delay(entry.attempts + 1, retry_after, rng=self.rng)
                sent = getattr(error, "request_sent", True)
                outbox.mark_attempt(
                    conn,
                    entry.id,
                    now=now,
                    maybe_delivered=sent,
                    next_attempt_at=now + timedelta(seconds=delay),
                    error_code=error.code,
                    error=error.message,
                )
                return PushOutcome(OutboxState.PENDING, error)
            abandoned = bool(entry.payload.get("abandon"))
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
                if (
                    customer_id is not None
                    and entry.customer_id != customer_id
                    and entry.id != last_entry_id
                ):
                    continue
                outcome = self.push_entry(entry, client)
                if outcome.state is OutboxState.PENDING:
                    return outcome if entry.id == last_entry_id else None
                if entry.id == last_entry_id:
                    return outcome
        return None

    def push(self, *, ignore_backoff: bool = False, deadline: float | None = None) -> SyncReport:
        """Push what is due, each customer's operations in order, until nothing more is.
        Each operation is tried at most once per call; `ignore_backoff` (a person asked:
        "sync now") tries every pending one whatever its backoff timer says."""
        report = SyncReport()
        attempted: set[int] = set()
        with self._push_lock:
            while deadline is None or time.monotonic() < deadline:
                now = self.clock()
                batch = [
                    e
                    for e in outbox.due(self.db.conn, None)  # the head of each lane
                    if e.id not in attempted
                    and (ignore_backoff or e.next_attempt_at is None or e.next_attempt_at <= now)
                ]
                if not batch:
                    break
                for entry in batch:
                    attempted.add(entry.id)
                    outcome = self.push_entry(entry)
                    if outcome.error is None or not outcome.error.retryable:
                        report.reached_backend = True
                    if outcome.state is OutboxState.DONE:
                        report.pushed += 1
                    elif outcome.state is OutboxState.CONFLICT:
                        report.conflicts += 1
                    elif outcome.state is OutboxState.REFUSED:
                        report.refused += 1
                    else:
                        report.retrying += 1
                        if outcome.error is not None:
                            report.errors.append(outcome.error.message)
                        if isinstance(outcome.error, NetworkError):
                            # The backend is unreachable: the rest would fail the same way.
                            self.publish_queue()
                            return report
                self.publish_queue()
        return report

    # ------------------------------------------------------------ pull
    def pull(self) -> SyncReport:
        """Refresh tiers, rewards, customers and redemptions from their cursors."""
        report = SyncReport()
        try:
            self._pull_catalogue()
            report.pulled_customers = self._pull_customers()
            report.pulled_redemptions = self._pull_redemptions()
        except ApiError as error:
            self._note(error)
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
            lambda conn, r, now: redemptions.upsert_remote(conn, mapping.remote_redemption(r)),
        )

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
    def sync_once(self, *, ignore_backoff: bool = True) -> SyncReport:
        """Push what is due (everything, if a person asked), then pull."""
        pushed = self.push(ignore_backoff=ignore_backoff)
        pulled = self.pull()
        pushed.pulled_customers = pulled.pulled_customers
        pushed.pulled_redemptions = pulled.pulled_redemptions
        pushed.errors += pulled.errors
        pushed.reached_backend = pushed.reached_backend or pulled.reached_backend
        if pulled.reached_backend:
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
                    self.sync_once(ignore_backoff=True)
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
            self._wake.wait(
                idle_wait if self.connectivity is Connectivity.ONLINE else min(15.0, idle_wait * 5)
            )
            self._wake.clear()
