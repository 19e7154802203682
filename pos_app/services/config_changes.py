"""Changes to the terminal's set-up (a key of config.toml, the API key): a manager's,
proved with their PIN, and audited with the old and the new value (never a secret's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import audit
from ..store.db import DB_NAME
from . import staff
from .errors import BadInput, Refused
from .terminal import Terminal

ACTION = "config.changed"


def authorise(t: Terminal, manager: staff.Credentials | None) -> str:
    """The manager who makes the change (their PIN checked: a sign-in, audited, counted
    towards the lock-out)."""
    if manager is None:
        raise BadInput(
            "Changing a setting needs a manager: --manager NAME, their PIN on stdin "
            "(or typed at the prompt)."
        )
    if not staff.has_staff(t):
        raise Refused(
            "There is no manager on this terminal yet: add one first with 'pos-app staff "
            "add --name NAME --role manager' (the first account needs no approval).",
            "no_manager",
        )
    member = staff.sign_in(t, manager.name, manager.pin, purpose="approval")
    if not member.is_manager:
        raise Refused(f"{member.name} is not a manager.", "not_a_manager")
    return member.name


def record(t: Terminal, *, manager: str, operator: str, key: str, old: Any, new: Any) -> None:
    """The audit entry of one change (None: not set, the default)."""
    with t.db.transaction() as conn:
        audit.append(
            conn,
            now=t.clock(),
            actor=manager,
            action=ACTION,
            subject=key,
            details={"old": old, "new": new, "operator": operator},
        )


def has_database(data_dir: Path) -> bool:
    """Is there a terminal here already (staff to approve a change)? Asked before opening
    one, so a refused change creates no database either."""
    return (data_dir / DB_NAME).exists()
