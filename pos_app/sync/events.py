"""Events the engine publishes. Subscribers are called on the engine's thread: the GUI's
adapter re-emits them as Qt signals, the one place where threads are crossed."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

log = logging.getLogger(__name__)


class Connectivity(StrEnum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    DEGRADED = "degraded"  # the backend answers, but with errors, rate limits or slowly
    OFFLINE = "offline"  # the backend cannot be reached
    # The backend answers but refuses this terminal: wrong key, wrong URL, or not the
    # contract. Nothing is sent until it is fixed, and nothing becomes a conflict meanwhile.
    MISCONFIGURED = "misconfigured"


@dataclass(frozen=True, slots=True)
class ConnectivityChanged:
    state: Connectivity
    detail: str


@dataclass(frozen=True, slots=True)
class QueueChanged:
    pending: int
    conflicts: int


@dataclass(frozen=True, slots=True)
class SyncFinished:
    at: datetime
    pushed: int
    pulled: int


@dataclass(frozen=True, slots=True)
class SyncNowDone:
    """A person's "sync now" ended: what was sent, what still waits, and, when it could not
    finish, why (plain words; empty when it did)."""

    pushed: int
    pending: int
    conflicts: int
    problem: str


Event = ConnectivityChanged | QueueChanged | SyncFinished | SyncNowDone


class EventBus:
    def __init__(self) -> None:
        self._subscribers: list[Callable[[Event], None]] = []
        self._lock = threading.Lock()

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Returns a function that unsubscribes."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, event: Event) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(event)
            except Exception:  # a broken listener must not stop the sync
                log.exception("event subscriber failed on %s", type(event).__name__)
