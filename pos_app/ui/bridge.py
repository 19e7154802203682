"""Where threads are crossed, and only here.

`ServiceRunner` runs service calls on one worker thread with its own `Terminal` (its own
database connection) and delivers each result or error back on the GUI thread.
`SyncWorker` runs the sync engine in another thread with another `Terminal`; its events are
re-emitted as Qt signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ..config import Config
from ..services import Terminal
from ..sync.events import ConnectivityChanged, Event, QueueChanged, SyncFinished, SyncNowDone

if TYPE_CHECKING:  # the engine (and the API client, httpx) load on the sync thread, once it runs
    from ..sync import SyncEngine

log = logging.getLogger(__name__)
T = TypeVar("T")


def _nothing() -> None:
    """What starts a lane's thread."""


class Lane(StrEnum):
    """A `ServiceRunner` lane: one worker thread with its own `Terminal`."""

    LOCAL = "local"  # what the cache answers: lookups as the cashier types stay instant
    REMOTE = "remote"  # what a person waits for from the backend (redeem, award, a code)
    REFRESH = "refresh"  # fresher data read in the background (a balance, a history)
    PRINT = "print"  # the receipt printer: one that hangs (to its timeout) delays no sale


class ServiceRunner(QObject):
    """`submit(work, on_done, on_error, lane=...)`: `work(terminal)` runs on the lane's
    thread; `on_done(result)` or `on_error(exception)` runs on the GUI thread.

    Four lanes (`Lane`), each one thread with its own `Terminal`, so a slow backend
    delays neither lookups nor a redemption, and a receipt printer that does not answer
    delays nothing but the next slip. Work in one lane runs in order.
    """

    _delivered = Signal(object)

    def __init__(
        self, make_terminal: Callable[[], Terminal], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._make_terminal = make_terminal
        self._terminals: dict[Lane, Terminal] = {}
        self._pools = {
            lane: ThreadPoolExecutor(max_workers=1, thread_name_prefix=lane) for lane in Lane
        }
        self._delivered.connect(self._on_delivered)
        self._closed = False
        # The lanes' threads are started by a helper thread, never by a `submit` here:
        # starting a thread waits until it runs, which kept the first redemption's click
        # on this thread for 25 ms on a busy till (tests/perf/gui.py).
        threading.Thread(target=self._start_lanes, name="lanes", daemon=True).start()

    def submit(
        self,
        work: Callable[[Terminal], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        lane: Lane = Lane.REMOTE,
    ) -> None:
        if self._closed:
            return

        def run() -> None:
            try:
                terminal = self._terminals.get(lane)
                if terminal is None:
                    terminal = self._terminals[lane] = self._make_terminal()
                result: Any = work(terminal)
            except BaseException as error:  # delivered to the GUI, which decides what to show
                self._delivered.emit((on_error, error, True))
            else:
                self._delivered.emit((on_done, result, False))

        self._pools[lane].submit(run)

    def _start_lanes(self) -> None:
        for pool in self._pools.values():
            try:
                pool.submit(_nothing)
            except RuntimeError:  # shut down already
                return

    def reconfigure(self, change: Callable[[Config], Config]) -> None:
        """Settings that apply live (the settings screen): each lane's terminal takes
        `change(config)` on its own thread, after the work already queued; a terminal made
        later starts with it too."""
        make = self._make_terminal

        def remade() -> Terminal:
            terminal = make()
            terminal.config = change(terminal.config)
            return terminal

        self._make_terminal = remade

        def apply(lane: Lane) -> None:
            terminal = self._terminals.get(lane)
            if terminal is not None:
                terminal.config = change(terminal.config)

        if not self._closed:
            for lane, pool in self._pools.items():
                pool.submit(apply, lane)

    def _on_delivered(self, item: tuple[Callable[[Any], None] | None, Any, bool]) -> None:
        callback, value, failed = item
        if callback is not None:
            callback(value)
        elif failed:
            log.error("unhandled error in a service call", exc_info=value)

    def shutdown(self) -> None:
        """Close each lane's terminal on its own thread; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        for lane, pool in self._pools.items():
            terminal = self._terminals.get(lane)
            if terminal is not None:
                pool.submit(terminal.close)
            pool.shutdown(wait=True)


class SyncBridge(QObject):
    """The sync engine's events as Qt signals (emitted from the sync thread, delivered on
    the GUI thread by Qt's queued connections)."""

    connectivity_changed = Signal(str, str)  # state, detail
    queue_changed = Signal(int, int)  # pending, conflicts
    synced = Signal(object)  # datetime of the last successful sync
    sync_now_done = Signal(object)  # SyncNowDone: how a person's "sync now" went

    def forward(self, event: Event) -> None:
        if isinstance(event, ConnectivityChanged):
            self.connectivity_changed.emit(event.state.value, event.detail)
        elif isinstance(event, QueueChanged):
            self.queue_changed.emit(event.pending, event.conflicts)
        elif isinstance(event, SyncFinished):
            self.synced.emit(event.at)
        elif isinstance(event, SyncNowDone):
            self.sync_now_done.emit(event)


class SyncWorker:
    """The sync engine in its own thread, with its own terminal.

    `stop()` ends it promptly: a worker asleep between cycles wakes at once, and one in a
    cycle ends it at the next step that is safe to end on (between two pulled pages, each
    committed with its cursor; between two pushed operations, each recorded with its
    answer), so closing the window waits for one request at most, never for a whole pull
    or for the worker's timeout. Nothing is built on the caller's thread."""

    def __init__(
        self, make_terminal: Callable[[], Terminal], bridge: SyncBridge, *, pull_every: float = 60.0
    ) -> None:
        self._make_terminal = make_terminal
        self._bridge = bridge
        self._pull_every = pull_every
        self._stop = threading.Event()
        self._sync_now = threading.Event()
        self._engine: SyncEngine | None = None  # set by the worker thread once it runs
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
        self._started = False

    def start(self) -> None:
        """Start the thread (once; never after `stop`)."""
        if self._started or self._stop.is_set():
            return
        self._started = True
        self._thread.start()

    def _run(self) -> None:
        try:
            terminal = self._make_terminal()
        except Exception:
            log.exception("the sync worker cannot start")
            return
        terminal.bus.subscribe(self._bridge.forward)
        try:
            if terminal.has_backend and not self._stop.is_set():
                engine = self._engine = terminal.engine  # its client and engine: built here
                engine.run_forever(self._stop, pull_every=self._pull_every, sync_now=self._sync_now)
        finally:
            terminal.close()

    def sync_now(self) -> None:
        self._sync_now.set()
        self.wake()

    def wake(self) -> None:
        engine = self._engine
        if engine is not None:
            engine.wake()

    def stop(self, timeout: float = 10.0) -> None:
        """End the worker and wait for it (its terminal closed) up to `timeout` seconds:
        that long only if a request in flight hangs to its own time limit."""
        self._stop.set()
        self.wake()
        if self._started:
            self._thread.join(timeout)
