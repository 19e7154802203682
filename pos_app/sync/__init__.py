"""The sync engine (engine.py): pushes the outbox (push.py, recording.py, abandoned.py),
pulls the cache (pull.py), publishes connectivity (connectivity.py).

Every name here is imported from its module when first asked for (`__getattr__`): the
engine brings the API client and httpx, and the outcomes the API's errors, which a command
that only reads the queue or the cache (and pos_app.sync.bus, which every terminal
imports) does not need."""

from typing import TYPE_CHECKING

from ..lazy import exports

if TYPE_CHECKING:
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

_HOMES = {
    "engine": ("SyncEngine",),
    "events": (
        "Connectivity",
        "ConnectivityChanged",
        "EventBus",
        "QueueChanged",
        "SyncFinished",
        "SyncNowDone",
    ),
    "outcomes": ("PushOutcome", "SyncReport"),
}

__getattr__ = exports(__name__, _HOMES)
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
