"""A LoyalPro-compatible backend (docs/API.md) for development, demos and tests.

Every name here is imported from its module when first asked for (pos_app/lazy.py): the
demo's backend process (child.py) binds its socket and tells the window its address
before it loads the web stack (FastAPI, pydantic, uvicorn) that `SandboxServer` brings."""

from typing import TYPE_CHECKING

from ..lazy import exports

if TYPE_CHECKING:
    from .address import DEFAULT_API_KEY
    from .faults import FaultState
    from .ledger import Ledger
    from .server import SandboxServer, open_ledger

_HOMES = {
    "address": ("DEFAULT_API_KEY",),
    "faults": ("FaultState",),
    "ledger": ("Ledger",),
    "server": ("SandboxServer", "open_ledger"),
}
__getattr__ = exports(__name__, _HOMES)

__all__ = ["DEFAULT_API_KEY", "FaultState", "Ledger", "SandboxServer", "open_ledger"]
