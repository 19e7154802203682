"""The sync engine (engine.py): pushes the outbox (push.py, recording.py, abandoned.py),
pulls the cache (pull.py), publishes connectivity (connectivity.py)."""

from typing import TYPE_CHECKING, Any

from .events import (
    Connectivity,
    ConnectivityChanged,
    EventBus,
    QueueChanged,
    SyncFinished,
    SyncNowDone,
)
from .outcomes import PushOutcome, SyncReport

if TYPE_CHECKING:
    from .engine import SyncEngine


def __getattr__(name: str) -> Any:
    """`SyncEngine` is imported when first asked for: the engine brings the API client and
    httpx, which a command that only reads the queue or the cache (and the GUI's events,
    pos_app.sync.events) does not need."""
    if name == "SyncEngine":
        from .engine import SyncEngine

        return SyncEngine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
