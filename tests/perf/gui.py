"""The cashier's screen, offscreen, on the sandbox: the longest event-loop stall a 10 ms
heartbeat sees during a 100k pull, a redemption on a backend 2 s slow, and typing a search;
and the time from each typed key to its result on screen (the typing pause included)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from support.counter_window import counter_window
from support.gui_helpers import ScriptedPrompts

from pos_app.ui.bridge import SyncBridge, SyncWorker
from pos_app.ui.main_window import MainWindow

from .backend import Backend
from .data import API_KEY
from .timing import Figure, Plan, median

ADA, REWARD = "cus_abc123", "rwd_xyz789"  # the sandbox seed's customer and reward
_dirs = itertools.count()


class Heartbeat:
    """A 10 ms timer on the GUI thread: the longest gap between two ticks, less 10 ms."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self._last) * 1000 - 10)
        self._last = now

    def start(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.longest


def wait_until(done: Callable[[], bool], timeout_s: float = 300) -> None:
    """Run the event loop until `done()` (checked every 5 ms), or fail after the timeout."""
    limit = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > limit:
            raise TimeoutError("the screen did not get there")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _window(data_dir: Path, backend: Backend) -> tuple[MainWindow, SyncWorker, SyncBridge]:
    window, worker, bridge = counter_window(
        data_dir, backend.url, API_KEY, prompts=ScriptedPrompts(), require_sign_in=False
    )
    window.resize(1366, 768)
    return window, worker, bridge


def _show(window: MainWindow) -> None:
    """Show the window and let its first paint and the events it set off pass (each
    figure's heartbeat starts on a window already on screen, as at the counter)."""
    window.show()
    if not QTest.qWaitForWindowExposed(window, 10_000):
        raise TimeoutError("the window was not shown")
    settled = time.perf_counter() + 0.2
    wait_until(lambda: time.perf_counter() > settled)


def _close(window: MainWindow) -> None:
    window.kiosk.allow_close()
    window.close()
    wait_until(lambda: not window.isVisible())


def figures(plan: Plan, work: Path, backend: Backend, customers: int) -> list[Figure]:
    QApplication.instance() or QApplication([])
    beat = Heartbeat()
    pulls, slow, typing, keys = [], [], [], []
    for _ in range(plan.runs):
        data_dir = work / f"gui-{next(_dirs)}"  # pulled into by the first, used by the rest
        pulls.append(_stall_during_pull(data_dir, backend, beat))
        stall, worst_key = _typing(data_dir, backend, beat, customers)
        typing.append(stall)
        keys.append(worst_key)
        slow.append(_stall_during_slow_redemption(data_dir, backend, beat))
    return [
        Figure(f"GUI stall, pull of {customers} customers", median(pulls), "ms", None, "<= 30 ms"),
        Figure("GUI stall, redemption on a 2 s backend", median(slow), "ms", None, "<= 30 ms"),
        Figure("GUI stall, typing a search", median(typing), "ms", None, "<= 30 ms"),
        Figure("result after a typed key (slowest)", median(keys), "ms", None, "<= 100 ms"),
    ]


def _stall_during_pull(data_dir: Path, backend: Backend, beat: Heartbeat) -> float:
    """From an empty cache: the window opens, its sync worker pulls every customer."""
    window, worker, bridge = _window(data_dir, backend)
    synced: list[object] = []
    bridge.synced.connect(synced.append)
    _show(window)  # the window's first paint is the start-up's, not the pull's
    beat.start()
    worker.start()
    wait_until(lambda: bool(synced))
    stall = beat.stop()
    _close(window)
    return stall


def _stall_during_slow_redemption(data_dir: Path, backend: Backend, beat: Heartbeat) -> float:
    window, worker, _ = _window(data_dir, backend)
    worker.start()
    _show(window)
    headers = {"Authorization": f"Bearer {API_KEY}", "Idempotency-Key": f"perf-{time.time()}"}
    httpx.post(
        f"{backend.url}/v1/points/award",
        headers=headers,
        json={"customer_id": ADA, "points": 200, "type": "bonus"},
    ).raise_for_status()
    window.open_customer(ADA)
    wait_until(
        lambda: (
            window.customer.current is not None and window.customer.current.view.source == "backend"
        )
    )
    backend.faults(latency_ms=2000)
    try:
        button = next(b for b in window.customer.reward_buttons() if b.reward_id == REWARD)
        beat.start()
        button.click()
        wait_until(lambda: window.stack.currentWidget() is window.code)
        stall = beat.stop()
    finally:
        backend.faults(latency_ms=0)
    _close(window)
    return stall


def _more_than(shown: list[int], before: int) -> bool:
    return len(shown) > before


def _typing(
    data_dir: Path, backend: Backend, beat: Heartbeat, customers: int
) -> tuple[float, float]:
    """Type a customer's name a key at a time; each key waits for its own result."""
    window, worker, _ = _window(data_dir, backend)
    worker.start()  # as at the counter (the cache is up to date: it has nothing to pull)
    _show(window)
    lookup = window.lookup
    shown: list[int] = []
    lookup.shown_customers.connect(shown.append)
    text = f"Perf Customer {customers // 2}"
    lookup.search.setFocus()
    beat.start()
    worst = 0.0
    for key in text:
        before = len(shown)
        start = time.perf_counter()
        QTest.keyClicks(lookup.search, key)
        wait_until(partial(_more_than, shown, before), 30)
        worst = max(worst, (time.perf_counter() - start) * 1000)
    stall = beat.stop()
    _close(window)
    return stall, worst
