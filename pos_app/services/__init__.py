"""Use cases shared by the command line and the GUI. No Qt here.

The store's failures are named here too: ui/ and cli/ reach the store only through
services, and still tell a full disk or a broken database apart."""

from ..store import DatabaseTooNew, DiskFull, StoreError, is_disk_full
from .errors import BackendUnavailable, BadInput, DiskFullError, Refused, ServiceError
from .terminal import Terminal

__all__ = [
    "BackendUnavailable",
    "BadInput",
    "DatabaseTooNew",
    "DiskFull",
    "DiskFullError",
    "Refused",
    "ServiceError",
    "StoreError",
    "Terminal",
    "is_disk_full",
]
