"""Events the engine publishes. Subscribers are called on the engine's thread: the GUI's
adapter re-emits them as Qt signals, the one place where threads are crossed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

# The bus lives in bus.py: every terminal makes one, and it needs none of these classes.
from .bus import EventBus as EventBus


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
