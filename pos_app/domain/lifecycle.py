"""A redemption's lifecycle: which status may follow which, in one table.

    pending ──▶ confirmed ──▶ used / void
       │  └──▶ offline ──▶ confirmed, conflict, used, void
       ├──▶ rejected                      (refused before it was handed out: final)
       └──▶ cancelled ──▶ void / used     (only as the backend's facts, after a pull)

A code handed out offline may be used or voided at the counter before the backend refuses
the redemption itself, so `used` and `void` may still become `conflict`; a manager's
retry turns a conflict back into `offline`, and `void_local` voids it. The backend's
`used` and `void` are facts a pull takes over from any status but `rejected` (a refused
redemption never reached the backend).

Restating a status (the same status again, to record the backend's id or balance) is not
a transition and is always allowed. The store refuses anything else not in the table.
"""

from __future__ import annotations

from collections.abc import Mapping

from .models import RedemptionStatus

_S = RedemptionStatus

#: status -> the statuses it may become.
TRANSITIONS: Mapping[RedemptionStatus, frozenset[RedemptionStatus]] = {
    _S.PENDING: frozenset({_S.CONFIRMED, _S.OFFLINE, _S.REJECTED, _S.CANCELLED, _S.USED, _S.VOID}),
    _S.OFFLINE: frozenset({_S.CONFIRMED, _S.CONFLICT, _S.USED, _S.VOID}),
    _S.CONFIRMED: frozenset({_S.USED, _S.VOID}),
    _S.CONFLICT: frozenset({_S.OFFLINE, _S.USED, _S.VOID}),
    _S.USED: frozenset({_S.CONFLICT, _S.VOID}),
    _S.VOID: frozenset({_S.CONFLICT, _S.USED}),
    _S.CANCELLED: frozenset({_S.USED, _S.VOID}),
    _S.REJECTED: frozenset(),
}


class IllegalTransition(ValueError):
    """A status change the lifecycle does not allow (a bug, never a customer's doing)."""

    def __init__(self, code: str, old: RedemptionStatus, new: RedemptionStatus) -> None:
        super().__init__(f"redemption {code} cannot go from {old.value} to {new.value}")
        self.code = code
        self.old = old
        self.new = new


def may_become(old: RedemptionStatus, new: RedemptionStatus) -> bool:
    """True if a redemption in `old` may be set to `new` (restating `old` included)."""
    return new is old or new in TRANSITIONS[old]


def check(code: str, old: RedemptionStatus, new: RedemptionStatus) -> None:
    """Raise IllegalTransition unless `old` may become `new`."""
    if not may_become(old, new):
        raise IllegalTransition(code, old, new)
