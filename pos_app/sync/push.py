"""Pushing the outbox: each customer's operations strictly in order; transport errors,
5xx, 429 and `idempotency_in_progress` are retried with the operation's own key after
capped, jittered backoff; every other refusal about the operation is final and kept (a
conflict if its outcome had been handed out, else a refusal someone was told about). One
poison operation never blocks the rest. A failure that says the backend is misconfigured
for this terminal (see `verdicts`) is no verdict on any operation: the queue pauses and
everything stays pending.

One pusher at a time per database in a process: the `lock` is made once by whoever opens
the terminals of a process (the GUI runs a counter and a sync worker on one file) and
passed to each. Across processes, the pending check before each write and the
idempotency keys keep an answer from being applied twice.

A round (`push`) writes the applied operations down in batches (`RECORD_BATCH`,
`RECORD_SECONDS`), one durable commit for many, rather than one commit per answer before
the next request. Safe because an answer not yet written down is not lost: its row is
still pending, so a crash (or the counter pushing the same lane meanwhile) sends its key
again, and the backend answers with the stored result without applying it twice. Each
batch holds at most one operation per customer (a round sends only each lane's head),
and it is written before any refusal or failure is, and before the round ends.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .. import logs
from ..api import ApiError, LoyaltyClient, NetworkError, RateLimited
from ..domain.models import OutboxEntry, OutboxState
from ..store import Database, DiskFull, outbox
from .abandoned import learn_fate
from .connectivity import ConnectivityWatch
from .outcomes import PushOutcome, SyncReport
from .recording import Recorder, unrecorded_failure

log = logging.getLogger(__name__)

TRIES_PER_CALL = 5
"""How often one push call tries one operation. A person's "sync now" retries an answer
lost in transit at once instead of leaving it for the next round; a handful of tries
(and a whole pass over the queue without progress) tells a lost answer from a backend
that is failing."""

RECORD_BATCH = 64
"""A round writes down at most this many applied operations per commit..."""
RECORD_SECONDS = 0.25
"""...and holds an applied operation unwritten for at most about this long."""


class Pusher:
    def __init__(
        self,
        db: Database,
        client: LoyaltyClient,
        *,
        terminal_id: str,
        lock: threading.Lock,
        watch: ConnectivityWatch,
        record: Recorder,
        publish_queue: Callable[[], None],
        clock: Callable[[], datetime],
    ) -> None:
        self.db = db
        self.client = client
        self.terminal_id = terminal_id
        self.lock = lock
        self.watch = watch
        self.record = record
        self.publish_queue = publish_queue
        self.clock = clock
        # Set: a round ends after the operation in hand (each is recorded with its answer,
        # so the next round goes on from there). The engine's run_forever sets it.
        self.stop: threading.Event | None = None

    def push_entry(
        self,
        entry: OutboxEntry,
        client: LoyaltyClient | None = None,
        held: _Held | None = None,
    ) -> PushOutcome:
        """Send one operation and record what became of it, in one transaction; with
        `held` (a round), an applied operation is added to it instead, to be written down
        with others (`_write_held`), and what it holds is written before any other answer."""
        with logs.context(
            terminal=self.terminal_id,
            operator=entry.operator,
            operation=entry.idempotency_key,
        ):
            log.info(
                "sending %s (outbox %d, try %d)", entry.kind.value, entry.id, entry.attempts + 1
            )
            outcome = self._push_entry(entry, client, held)
            if outcome.error is not None:
                log.info(
                    "%s: %s, %s (%s)",
                    entry.kind.value,
                    "kept pending" if outcome.state is OutboxState.PENDING else outcome.state.value,
                    type(outcome.error).__name__,
                    outcome.error.code,
                )
            else:
                log.info("%s: %s", entry.kind.value, outcome.state.value)
            return outcome

    def _push_entry(
        self, entry: OutboxEntry, client: LoyaltyClient | None, held: _Held | None
    ) -> PushOutcome:
        api_client = client or self.client
        if entry.abandoned:
            self._write_held(held)  # answers are written down in the order they came
            return learn_fate(api_client, entry, self.record, self.watch)
        try:
            result = self._send(api_client, entry)
        except ApiError as error:
            self._write_held(held)
            wrong = self.watch.note(error, entry.operation.carried())
            try:
                if wrong is not None:
                    return self.record.paused(entry, error, wrong)
                return self.record.failure(entry, error)
            except DiskFull:
                if wrong is not None:
                    return PushOutcome(OutboxState.PENDING, error, paused=wrong, recorded=False)
                return unrecorded_failure(entry, error)
        self.watch.note(None)
        if held is not None:
            held.add(entry, result)
            return PushOutcome(OutboxState.DONE, result=result)
        try:
            self.record.success(entry, result)
        except DiskFull:
            log.warning(
                "operation %s applied by the backend; the disk is full: recorded later "
                "by replaying its key",
                entry.id,
            )
            return PushOutcome(OutboxState.DONE, result=result, recorded=False)
        return PushOutcome(OutboxState.DONE, result=result)

    def _write_held(self, held: _Held | None) -> None:
        """Write down the applied operations `held` holds, in one transaction (the caller
        holds the push lock). On a full disk they stay pending and the round ends (every
        further answer would go unwritten too, and the next pass would only send the same
        keys again): the next push replays their keys, records the stored answers and
        counts them then, once."""
        if held is None or not held.answers:
            return
        answers, held.answers = held.answers, []
        try:
            self.record.successes(answers)
        except DiskFull:
            held.unwritten += [entry.id for entry, _ in answers]
            log.warning(
                "%d operations applied by the backend; the disk is full: recorded later "
                "by replaying their keys",
                len(answers),
            )

    def _send(self, c: LoyaltyClient, entry: OutboxEntry) -> Any:
        return entry.operation.send(c, key=entry.idempotency_key, terminal_id=self.terminal_id)

    def push_lane(
        self, customer_id: str | None, last_entry_id: int, client: LoyaltyClient | None = None
    ) -> PushOutcome | None:
        """Push this customer's pending operations up to and including `last_entry_id`, in
        order, ignoring backoff (a person is waiting). Stops at the first that must wait;
        returns the outcome of `last_entry_id`, or None if it was not reached."""
        with self.lock:
            after = 0
            while True:
                # One lane entry at a time, by index: the rest of the queue is never read.
                entry = outbox.next_in_lane(self.db.conn, customer_id, after, last_entry_id)
                if entry is None:
                    entry = outbox.get(self.db.conn, last_entry_id)
                    if entry is None or entry.state is not OutboxState.PENDING:
                        return None
                after = entry.id
                outcome = self.push_entry(entry, client)
                if outcome.state is OutboxState.PENDING:
                    # A misconfiguration is the answer for the whole lane.
                    return outcome if entry.id == last_entry_id or outcome.paused else None
                if entry.id == last_entry_id:
                    return outcome

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
        held = _Held()
        try:
            return self._push_rounds(report, held, ignore_backoff, deadline)
        finally:
            with self.lock:
                self._write_held(held)  # (already empty unless an error ended the round)

    def _push_rounds(
        self, report: SyncReport, held: _Held, ignore_backoff: bool, deadline: float | None
    ) -> SyncReport:
        tries: Counter[int] = Counter()
        waiting: set[int] = set()
        failures_in_a_row = 0
        asked_to_wait = 0.0  # the longest Retry-After of the pass
        while not self._over(deadline):
            batch = self._due(tries, ignore_backoff)
            if not batch or failures_in_a_row >= max(TRIES_PER_CALL, len(batch)):
                break  # done, or a whole pass (and more) without progress
            if failures_in_a_row and ignore_backoff:
                _pause_before_retry(failures_in_a_row, asked_to_wait, deadline, self.stop)
            asked_to_wait = 0.0
            for entry in batch:
                if self._over(deadline):
                    break
                tries[entry.id] += 1
                with self.lock:
                    if not outbox.is_pending(self.db.conn, entry.id):
                        continue  # the counter pushed it meanwhile
                    outcome = self.push_entry(entry, held=held)
                    if held.full():
                        self._write_held(held)
                report.count(outcome)
                if held.unwritten:
                    # A full disk: the next pass would only send the same keys again.
                    return self._end_push(report, waiting, held)
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
                        return self._end_push(report, waiting, held)
            with self.lock:
                self._write_held(held)  # before the next pass reads the lanes' heads
            if held.unwritten:
                break
            self.publish_queue()
        return self._end_push(report, waiting, held)

    def _over(self, deadline: float | None) -> bool:
        """The round must end: its time is up, or the terminal is closing."""
        return past(deadline) or (self.stop is not None and self.stop.is_set())

    def _due(self, tries: Counter[int], ignore_backoff: bool) -> list[OutboxEntry]:
        """The head of each lane that may be tried now (again)."""
        now = self.clock()
        return [
            e
            for e in outbox.due(self.db.conn, None)
            if tries[e.id] < TRIES_PER_CALL
            and (ignore_backoff or e.next_attempt_at is None or e.next_attempt_at <= now)
        ]

    def _end_push(self, report: SyncReport, still_pending: set[int], held: _Held) -> SyncReport:
        with self.lock:
            self._write_held(held)
        # Answers a full disk kept from being written are still pending here: the next
        # push replays their keys and counts them then (counted now, they would be twice).
        report.pushed -= len(held.unwritten)
        report.retrying = len(still_pending | set(held.unwritten))
        if report.pushed or report.refused or report.conflicts or report.retrying:
            with logs.context(terminal=self.terminal_id):
                log.info(
                    "push round: %d applied, %d refused, %d conflicts, %d still pending%s",
                    report.pushed,
                    report.refused,
                    report.conflicts,
                    report.retrying,
                    " (backend unreachable)" if report.unreachable else "",
                )
        self.publish_queue()
        return report


class _Held:
    """Applied operations a round has not written down yet (see the module's doc)."""

    def __init__(self) -> None:
        self.answers: list[tuple[OutboxEntry, Any]] = []
        self._since = 0.0
        # The outbox ids of answers a full disk kept from being written: still pending.
        self.unwritten: list[int] = []

    def add(self, entry: OutboxEntry, result: Any) -> None:
        if not self.answers:
            self._since = time.monotonic()
        self.answers.append((entry, result))

    def full(self) -> bool:
        return len(self.answers) >= RECORD_BATCH or (
            bool(self.answers) and time.monotonic() - self._since >= RECORD_SECONDS
        )


def past(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


def _unreachable(error: ApiError | None) -> bool:
    """No connection could be made at all, or the backend did not answer within a call's
    whole time budget (hanging or trickling): the next request would fail the same way,
    so one call's budget, not one per pending operation, is what "sync now" costs. An
    answer lost to a closed connection is not this: the round goes on past it."""
    return isinstance(error, NetworkError) and (not error.request_sent or error.timed_out)


def _pause_before_retry(
    failures_in_a_row: int,
    asked_to_wait: float,
    deadline: float | None,
    stop: threading.Event | None = None,
) -> None:
    """A short, growing pause before trying failed operations again within one call, so a
    struggling backend is not hammered (longer if it asked, up to 5 s); never past the
    call's deadline; a stop (the terminal closing) ends it."""
    delay = max(min(0.1 * failures_in_a_row, 2.0), min(asked_to_wait, 5.0))
    if deadline is not None:
        delay = min(delay, max(0.0, deadline - time.monotonic()))
    if stop is not None:
        stop.wait(delay)
    else:
        time.sleep(delay)
