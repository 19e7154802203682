"""Small adjustments that the stylesheet cannot make, for touch and contrast."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QScroller, QWidget

if TYPE_CHECKING:  # the manager's screens' date boxes: their classes (and enums) on use
    from PySide6.QtWidgets import QDateEdit


def date_picker(edit: QDateEdit, name: str) -> QDateEdit:
    """A date box with a calendar that opens from a 44 px button (style.qss sizes the
    calendar's keys and days), whose weekends are in the text colour: Qt's pure red was
    4.0:1 on white and 3.2:1 on the dark theme's fields."""
    from PySide6.QtGui import QTextCharFormat

    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    calendar = edit.calendarWidget()
    for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
        calendar.setWeekdayTextFormat(day, QTextCharFormat())
    return edit


def touch_scrolling(root: QWidget) -> None:
    """A finger drags every list and table in `root` (kinetic scrolling): their scroll bars
    are narrower than a fingertip. A mouse clicks and selects as before."""
    for area in root.findChildren(QAbstractScrollArea):
        QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
