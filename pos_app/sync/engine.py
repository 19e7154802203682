"""The sync engine: pushes the outbox (push.py), pulls the cache (pull.py) and publishes
what the backend's answers say about reaching it (connectivity.py). Plain Python with its
own database connection and its own `LoyaltyClient`: the CLI runs it in the foreground,
the GUI in a worker thread. While the backend refuses this terminal, `run_forever` asks
again every `PAUSED_RETRY_SECONDS`.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from ..api import ApiError, LoyaltyClient
from ..domain.models import OutboxEntry
from ..domain.timefmt import to_db
from ..i18n import N_, _
from ..store import Database, DiskFull, outbox, settings
from .connectivity import ConnectivityWatch
from .events import Connectivity, EventBus, QueueChanged, SyncFinished, SyncNowDone
from .outcomes import PushOutcome, SyncReport
from .pull import Puller
from .push import Pusher, past
from .recording import Recorder

# The report's errors stay English (logs, --json); shown through _() where people read them.
OUT_OF_TIME = N_("Out of time: the cache is refreshed at the next sync.")

log = logging.getLogger(__name__)

SYNC_NOW_BUDGET_SECONDS = 90.0
"""A person's "sync now" tries every pending operation (and retries lost answers) within
this wall-clock time, then reports what is left, rather than holding the terminal."""


class SyncEngine:
    def __init__(
        self,
        db: Database,
        client: LoyaltyClient,
        *,
        terminal_id: str,
        push_lock: threading.Lock,
        bus: EventBus | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
        before_push: Callable[[], None] | None = None,
    ) -> None:
        """`before_push`: run before each push of what is due (the terminal records there
        the hand-outs a full disk kept back, so that their refusals are conflicts)."""
        self._before_push = before_push
        self.db = db
        self.client = client
        self.terminal_id = terminal_id
        self.bus = bus or EventBus()
        self.clock = clock
        self._watch = ConnectivityWatch(self.bus)
        self._pusher = Pusher(
            db,
            client,
            terminal_id=terminal_id,
            lock=push_lock,
            watch=self._watch,
            record=Recorder(db, clock, rng or random.Random()),
            publish_queue=self.publish_queue,
            clock=clock,
        )
        self._puller = Puller(db, client, self._watch, clock)
        self._wake = threading.Event()

    @property
    def connectivity(self) -> Connectivity:
        return self._watch.state

    def publish_queue(self) -> None:
        counts = outbox.counts(self.db.conn)
        self.bus.publish(QueueChanged(counts["pending"], counts["conflict"]))

    def wake(self) -> None:
        """Something was queued: let a waiting `run_forever` push it now."""
        self._wake.set()

    def push_entry(self, entry: OutboxEntry, client: LoyaltyClient | None = None) -> PushOutcome:
        """Send one operation and record what became of it, in one transaction."""
        return self._pusher.push_entry(entry, client)

    def push_lane(
        self, customer_id: str | None, last_entry_id: int, client: LoyaltyClient | None = None
    ) -> PushOutcome | None:
        """Push a customer's operations up to `last_entry_id`, a person waiting (push.py)."""
        return self._pusher.push_lane(customer_id, last_entry_id, client)

    def push(self, *, ignore_backoff: bool = False, deadline: float | None = None) -> SyncReport:
        """Push what is due, each customer's operations in order (push.py)."""
        if self._before_push is not None:
            self._before_push()
        return self._pusher.push(ignore_backoff=ignore_backoff, deadline=deadline)

    def pull(self) -> SyncReport:
        """Refresh tiers, rewards, customers and redemptions from their cursors."""
        return self._puller.pull()

    def pull_catalogue_quietly(self, client: LoyaltyClient | None = None) -> ApiError | None:
        """Refresh tiers and rewards now; the error if the backend did not give them."""
        return self._puller.pull_catalogue_quietly(client)

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
        if self._closing():
            return pushed  # the next start pulls
        if past(deadline):
            pushed.errors.append(OUT_OF_TIME)
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
        # A stop also ends a cycle early, at a step that is safe to end on (pull.py, push.py).
        self._puller.stop = self._pusher.stop = stop
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
            problem = _(
                "This terminal's disk is full, so the sync paused; nothing is lost. "
                "Tell your manager."
            )
        elif report is None:
            problem = _("The sync stopped on an error; it tries again by itself.")
        elif report.paused is not None:
            problem = _(report.paused) if report.paused else ""  # English, as stored
        elif report.unreachable or not report.reached_backend:
            problem = _("The loyalty service cannot be reached.")
        else:
            problem = _(report.errors[0]) if report.errors and report.errors[0] else ""
        self.bus.publish(
            SyncNowDone(
                report.pushed if report is not None else 0,
                counts.get("pending", 0),
                counts.get("conflict", 0),
                problem,
            )
        )

    def _closing(self) -> bool:
        stop = self._puller.stop
        return stop is not None and stop.is_set()

    def _idle_wait(self, idle_wait: float) -> float:
        return self._watch.idle_wait(idle_wait)
