"""What an operation changed, as its result says, for the screens to refresh themselves.

A flow publishes one `Changed` per finished operation; each screen that shows some of it
(the customer on screen, the code being checked, the conflicts list, the status bar's
queue) is subscribed by the main window and decides for itself whether to re-read. A flow
never hand-codes another screen's follow-up."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Changed:
    """An operation was recorded (queued or confirmed): the local queue changed, and so
    did whatever is named here."""

    customer_id: str | None = None  # their balance and history
    code: str | None = None  # this redemption's status
    conflicts: bool = False  # the list of refused operations


class Changes(QObject):
    """Where flows tell what changed; screens listen."""

    changed = Signal(object)  # Changed

    def publish(self, change: Changed) -> None:
        self.changed.emit(change)
