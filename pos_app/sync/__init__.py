"""The sync engine (engine.py): pushes the outbox (push.py, recording.py, abandoned.py),
pulls the cache (pull.py), publishes connectivity (connectivity.py).

Every name here is imported from its module when first asked for (`__getattr__`): the
engine brings the API client and httpx, and the outcomes the API's errors, which a command
that only reads the queue or the cache (and pos_app.sync.events, which every terminal
imports) does not need."""

import importlib
from typing import TYPE_CHECKING, Any

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

_HOMES = {"PushOutcome": "outcomes", "SyncReport": "outcomes", "SyncEngine": "engine"}


def __getattr__(name: str) -> Any:
    if name in __all__:
        value = getattr(importlib.import_module(f"{__name__}.{_HOMES.get(name, 'events')}"), name)
        globals()[name] = value
        return value
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
