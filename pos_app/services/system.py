"""Who a command acts as when nobody is named: `system` (scripts, the sync). A module of
its own: telling so needs none of the staff accounts' machinery (services/staff.py), which
a command run as `system` (most of them) then never imports."""

from __future__ import annotations

SYSTEM = "system"


def is_system(name: str | None) -> bool:
    """Nobody named, or `system` itself (in any case, spaces around it ignored)."""
    return name is None or name.strip().casefold() == SYSTEM
