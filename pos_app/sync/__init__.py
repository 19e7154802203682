"""The sync engine (engine.py): pushes the outbox (push.py, recording.py, abandoned.py),
pulls the cache (pull.py), publishes connectivity (connectivity.py)."""

from .engine import SyncEngine
from .events import (
    Connectivity,
    ConnectivityChanged,
    EventBus,
    QueueChanged,
    SyncFinished,
    SyncNowDone,
)
from .outcomes import PushOutcome, SyncReport

__all__ = [
    "Connectivity",
    "ConnectivityChanged",
    "EventBus",
    "PushOutcome",
    "QueueChanged",
    "SyncEngine",
    "SyncFinished",
    "SyncNowDone",
    "SyncReport",
]
