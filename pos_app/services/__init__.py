"""Use cases shared by the command line and the GUI. No Qt here."""

from .errors import BackendUnavailable, BadInput, DiskFullError, Refused, ServiceError
from .terminal import Terminal

__all__ = [
    "BackendUnavailable",
    "BadInput",
    "DiskFullError",
    "Refused",
    "ServiceError",
    "Terminal",
]
