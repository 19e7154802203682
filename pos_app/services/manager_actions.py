"""What a manager does to the till itself, after approving it with their PIN: leave kiosk
mode, close the app, open the settings. Each is one audit entry under the manager's name,
with who was signed in and why (the approval itself is audited by staff.approve)."""

from __future__ import annotations

from ..store import audit
from . import words
from .staff import Approval
from .terminal import Terminal

# The approval's action (what the manager is asked to approve) -> the audit entry's kind.
AUDITED = {
    "leave_kiosk": "kiosk.left",
    "close_app": "app.closed_by_manager",
    "open_settings": "settings.opened",
}


def record(t: Terminal, approval: Approval, *, operator: str) -> str:
    """The audit entry for an approved action on the till; returns its kind."""
    kind = AUDITED[approval.action]
    with t.db.transaction() as conn:
        audit.append(
            conn,
            now=t.clock(),
            actor=approval.manager,
            action=kind,
            subject=t.terminal_id,
            details={"operator": operator, "reason": approval.reason},
        )
    return kind


def by_signed_in(t: Terminal, manager: str, action: str, operator: str) -> str:
    """The audit entry for an action a signed-in manager takes themself (no PIN asked
    again: they signed in with it); returns its kind."""
    kind = AUDITED[action]
    with t.db.transaction() as conn:
        audit.append(
            conn,
            now=t.clock(),
            actor=manager,
            action=kind,
            subject=t.terminal_id,
            details={"operator": operator, "reason": words.MANAGER_SIGNED_IN},
        )
    return kind


def entered_kiosk(t: Terminal, *, operator: str) -> None:
    """Back into kiosk mode (no PIN needed: it only locks the till down)."""
    with t.db.transaction() as conn:
        audit.append(
            conn, now=t.clock(), actor=operator, action="kiosk.entered", subject=t.terminal_id
        )
