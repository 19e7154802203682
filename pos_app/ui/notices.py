"""Feedback that does not get in the way: one notice in the window, under the header.

It replaces the modal OK boxes that followed every award, adjustment and void. It sits in
the window's layout (between the header and the screen), so it never covers the status bar,
a code or a button; it never takes the focus, so whatever the cashier types next still goes
where it was going.

- A result ("Points awarded") fades by itself after a few seconds.
- A problem ("Points were not awarded") stays until it is dismissed (its Dismiss button, or
  Esc), until the next notice replaces it, until the screen changes (the next action), or
  until the till locks: nothing one person was told stays for the next.
- Either goes when the screen changes, so it is never read as being about the next
  customer or code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .i18n import tr

if TYPE_CHECKING:  # the fading and the screen reader's alert: made when first needed
    from PySide6.QtCore import QPropertyAnimation

SUCCESS_MS = 5000  # how long a result stays before it fades
SUCCESS_MS_PER_CHAR = 60  # ...longer for a longer text, so it can be read
SUCCESS_MS_MAX = 10000
FADE_MS = 400


SIGNS = {"success": "\u2713", "error": "!"}  # ✓ and !


def reading_time(text: str) -> int:
    return min(SUCCESS_MS_MAX, max(SUCCESS_MS, len(text) * SUCCESS_MS_PER_CHAR))


class Notice(QFrame):
    """`success(title, text)` fades by itself; `error(title, text)` stays until dismissed."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setProperty("kind", "success")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.kind = ""
        # How long a result stays; a setting of this widget (tests make it short).
        self.success_ms: int | None = None
        # A sign as well as a colour: a result and a problem differ without colour vision.
        self.sign = QLabel()
        self.sign.setObjectName("noticeSign")
        self.sign.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sign.setFixedWidth(36)
        self.title = QLabel()
        self.title.setObjectName("noticeTitle")
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("noticeText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        for label in (self.title, self.text):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = QPushButton(tr("Dismiss"))
        self.close_button.setObjectName("noticeDismiss")
        self.close_button.setToolTip(tr("Dismiss (Esc)"))
        self.close_button.setAccessibleName(tr("Dismiss this message"))
        self.close_button.setMinimumSize(96, 44)
        # Reachable by Tab and by touch, but a notice never pulls the focus to itself.
        self.close_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.close_button.clicked.connect(self.dismiss)

        words = QVBoxLayout()
        words.setSpacing(2)
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(self.title)
        words.addWidget(self.text)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 16, 8)
        row.setSpacing(16)
        row.addWidget(self.sign, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(words, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.fade)
        self.opacity = QGraphicsOpacityEffect(self)
        self.opacity.setOpacity(1.0)
        self.setGraphicsEffect(self.opacity)
        self.fading: QPropertyAnimation | None = None  # made at the first fade
        self.hide()

    # ---------------------------------------------------------------- showing
    def success(self, title: str, text: str) -> None:
        self._show("success", title, text)
        self.timer.start(
            self.success_ms if self.success_ms is not None else reading_time(title + text)
        )

    def error(self, title: str, text: str) -> None:
        self._show("error", title, text)

    def _show(self, kind: str, title: str, text: str) -> None:
        self.timer.stop()
        if self.fading is not None:
            self.fading.stop()
        self.opacity.setOpacity(1.0)
        self.kind = kind
        self.setProperty("kind", kind)
        self.close_button.setProperty("kind", kind)
        self.sign.setText(SIGNS[kind])
        text = "\n".join(line for line in text.splitlines() if line.strip())
        for widget in (self, self.sign, self.title, self.text, self.close_button):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.title.setText(title)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        spoken = tr("Problem: {title}. {text}") if kind == "error" else tr("Done: {title}. {text}")
        spoken = spoken.format(title=title, text=text).strip()
        self.setAccessibleName(spoken)
        self.setToolTip("")
        self.show()
        # Screen readers announce it without the focus moving.
        from PySide6.QtGui import QAccessible, QAccessibleEvent  # Qt makes them when asked

        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    # ---------------------------------------------------------------- going away
    def fade(self) -> None:
        if self.isHidden():
            return
        if self.underMouse() or self.close_button.hasFocus():
            self.timer.start(1000)  # being read (or about to be dismissed): not yet
            return
        if self.fading is None:
            from PySide6.QtCore import QEasingCurve, QPropertyAnimation

            self.fading = QPropertyAnimation(self.opacity, b"opacity", self)
            self.fading.setDuration(FADE_MS)
            self.fading.setStartValue(1.0)
            self.fading.setEndValue(0.0)
            self.fading.setEasingCurve(QEasingCurve.Type.InQuad)
            self.fading.finished.connect(self._faded)
        self.fading.start()

    def _faded(self) -> None:
        if self.opacity.opacity() <= 0.0:
            self._hide()

    def dismiss(self) -> None:
        """Dismiss button or Esc: gone at once."""
        if not self.isHidden():
            self._hide()
            self.dismissed.emit()

    def clear(self) -> None:
        """The next screen, or a lock."""
        if not self.isHidden():
            self._hide()

    def _hide(self) -> None:
        self.timer.stop()
        if self.fading is not None:
            self.fading.stop()
        self.opacity.setOpacity(1.0)
        self.kind = ""
        self.hide()

    @property
    def showing_error(self) -> bool:
        return not self.isHidden() and self.kind == "error"


def notice_of(widget: QWidget | None) -> Notice | None:
    """The notice of the window `widget` is in (or of the window behind a dialog)."""
    while widget is not None:
        found = widget.window().findChild(Notice, "notice")
        if isinstance(found, Notice):
            return found
        widget = widget.window().parentWidget()
    return None
