"""A LoyalPro-compatible backend (docs/API.md) for development, demos and tests."""

from .faults import FaultState
from .ledger import Ledger
from .server import DEFAULT_API_KEY, SandboxServer, open_ledger

__all__ = ["DEFAULT_API_KEY", "FaultState", "Ledger", "SandboxServer", "open_ledger"]
