"""The sync engine: pushes the outbox, pulls the cache, publishes connectivity."""

from .engine import SyncEngine, SyncReport
from .events import (
    Connectivity,
    ConnectivityChanged,
    EventBus,
    QueueChanged,
    SyncFinished,
    SyncNowDone,
)

__all__ = [
    "Connectivity",
    "ConnectivityChanged",
    "EventBus",
    "QueueChanged",
    "SyncEngine",
    "SyncFinished",
    "SyncNowDone",
    "SyncReport",
]
