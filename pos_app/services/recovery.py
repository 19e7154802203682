"""The codes this terminal made, after the redemption path (redeem.py): whether a code
reached the customer (`mark_shown`), the ones that may never have (`unshown`, for crash
recovery), and a code's local status for the code screen."""

from __future__ import annotations

from ..domain.models import LocalRedemption, Origin, RedemptionStatus
from ..i18n import _
from ..store import DiskFull, redemptions
from . import validate
from .errors import Refused
from .terminal import Terminal


def status_of(t: Terminal, code: str) -> RedemptionStatus | None:
    """A code's local status as the code screen shows it (confirmed, offline, conflict,
    ...), or None when this till does not know the code."""
    red = redemptions.get(t.db.conn, code)
    return None if red is None else red.status


def mark_shown(t: Terminal, code: str) -> bool:
    """The code reached the customer (printed, displayed): it is no longer 'unshown'.
    False if a full disk kept this from being recorded: the code was shown all the same,
    and crash recovery may list it again later ("may never have been shown")."""
    try:
        with t.db.transaction() as conn:
            redemptions.mark_shown(conn, code, t.clock())
    except DiskFull:
        return False
    return True


def made_here(t: Terminal, code: str) -> LocalRedemption:
    """A redemption this terminal made (crash recovery shows its code again)."""
    canonical = validate.code(code)
    found = redemptions.get(t.db.conn, canonical)
    if found is None or found.origin is not Origin.LOCAL:
        raise Refused(
            _("{canonical} was not made at this terminal.").format(canonical=canonical),
            "redemption_not_found",
        )
    return found


def unshown(t: Terminal) -> list[LocalRedemption]:
    """Crash recovery: committed redemptions whose code may never have been shown."""
    return redemptions.unshown(t.db.conn)
