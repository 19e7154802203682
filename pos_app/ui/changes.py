"""What an operation changed, as its result says, for the screens to refresh themselves.

A flow publishes one `Changed` per finished operation; each screen that shows some of it
(the customer on screen, the code being checked, the conflicts list, the status bar's
queue) is subscribed by the main window and decides for itself whether to re-read. A flow
never hand-codes another screen's follow-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QObject, Signal


class Result(Protocol):
    """A service's typed result that names what it touched (RedeemResult, AwardResult,
    approvals.QueuedResult)."""

    @property
    def customer_id(self) -> str | None: ...

    @property
    def code(self) -> str | None: ...


@dataclass(frozen=True)
class Changed:
    """An operation was recorded (queued or confirmed): the local queue changed, and so
    did whatever is named here."""

    customer_id: str | None = None  # their balance and history
    code: str | None = None  # this redemption's status
    conflicts: bool = False  # the list of refused operations
    # The operation's own result (a RedeemResult, an AwardResult, a ReturnResult...): what
    # its slip prints (ui/flows/printing.py). Not part of what changed.
    result: object = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, result: Result) -> Changed:
        """What `result` says its operation changed: the one way a flow builds a change."""
        return cls(customer_id=result.customer_id, code=result.code, result=result)

    @classmethod
    def conflict_resolved(cls) -> Changed:
        """A manager closed a conflict: the list of refused operations changed."""
        return cls(conflicts=True)


class Changes(QObject):
    """Where flows tell what changed; screens listen."""

    changed = Signal(object)  # Changed

    def publish(self, change: Changed) -> None:
        self.changed.emit(change)
