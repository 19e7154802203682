"""Keyboard-wedge barcode scanners: a scanner types a card number, a code or an order number
as a burst of keys (1-5 ms apart), then its suffix (Enter by default). One event filter on
the application tells a burst from a person typing (a fast typist's keys are ~80 ms apart)
and hands the scanned text to the window it was typed into, whatever had the focus there:
the window's `take_scan(text)` puts it in the right field and acts (main_window.py routes
it to the screen showing; the award and return dialogs fill their order field).

The keys of a burst reach the focused widget as they come (a person's typing is never held
back); once the suffix shows the burst was a scan, a line edit that took those keys gets
its text back as it was, the suffix key is swallowed and the scan is handed over. The
sign-in screen's PIN field has its own rule (views/signin.py): while the till is locked
this filter stands aside. The clock is injectable, so tests drive it without sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from ..config import ScannerSettings
from .screens import showing

if TYPE_CHECKING:
    from .main_window import MainWindow

MIN_KEYS = 4  # a shorter burst is not taken for a scan (card numbers are 4+ characters)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Every event of the application passes this filter: the types it acts on are looked up
# once (PySide makes a new enum member at each `QEvent.Type.X`), not on each event.
_KEYS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)


@dataclass
class _Snapshot:
    field: QLineEdit | None
    text: str = ""
    cursor: int = 0

    def restore(self) -> None:
        if self.field is not None:
            self.field.setText(self.text)
            self.field.setCursorPosition(self.cursor)


def scan_text(chars: str, settings: ScannerSettings) -> str | None:
    """The code in a burst of characters (suffix characters included, if the suffix is
    characters), without the prefix and suffix; None if it is not a scan's shape."""
    if settings.suffix not in ("Enter", "Tab"):
        if not chars.endswith(settings.suffix):
            return None
        chars = chars[: -len(settings.suffix)]
    if settings.prefix:
        if not chars.startswith(settings.prefix):
            return None
        chars = chars[len(settings.prefix) :]
    text = chars.strip()
    return text if len(text) >= 1 else None


class ScanCatcher(QObject):
    """Installed on the application for one main window: bursts typed into that window or
    its dialogs become `take_scan(text)` calls on that window or dialog."""

    def __init__(
        self,
        window: QWidget,
        settings: ScannerSettings | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        standing_aside: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings or ScannerSettings()
        self.clock = clock
        self.standing_aside = standing_aside  # e.g. the till is locked: the PIN's own rule
        self.chars = ""
        self.times: list[float] = []
        self.snapshot = _Snapshot(None)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def detach(self) -> None:
        """The window closes: its keys are no longer watched (nor every other event)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def configure(self, settings: ScannerSettings) -> None:
        self.settings = settings
        self.reset()

    def reset(self) -> None:
        self.chars = ""
        self.times.clear()
        self.snapshot = _Snapshot(None)

    # ---------------------------------------------------------------- the rule
    @property
    def gap(self) -> float:
        return self.settings.max_gap_ms / 1000

    def _fast(self, now: float) -> bool:
        """The burst so far, and a key now, all came closer together than a person types."""
        stamps = [*self.times, now]
        return len(self.times) >= MIN_KEYS and all(b - a <= self.gap for a, b in pairwise(stamps))

    def _ends(self, event: QKeyEvent) -> bool:
        suffix = self.settings.suffix
        if suffix == "Enter":
            return event.key() in _ENTER
        if suffix == "Tab":
            return event.key() == Qt.Key.Key_Tab
        return False

    # ---------------------------------------------------------------- the keys
    def _mine(self, watched: QObject) -> QWidget | None:
        """The widget a key event is first delivered to, in this window or one of its
        dialogs (Qt passes a key a widget ignores on to its parents: seen once here)."""
        if not isinstance(watched, QWidget):
            return None
        top = watched.window()
        if top.focusWidget() is not watched and not (watched is top and top.focusWidget() is None):
            return None
        owner: QObject | None = top
        while owner is not None and owner is not self.window:
            owner = owner.parent()
        return watched if owner is self.window else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _KEYS:
            return False
        if not isinstance(event, QKeyEvent) or self.standing_aside():
            return False
        widget = self._mine(watched)
        if widget is None:
            return False
        now = self.clock()
        if self._ends(event):
            if not self._fast(now):
                if kind == QEvent.Type.KeyPress:
                    self.reset()
                return False
            if kind == QEvent.Type.ShortcutOverride:
                if not hasattr(widget.window(), "take_scan"):
                    return False
                event.accept()  # no shortcut takes the scan's Enter (the KeyPress follows)
                return True
            return self._scanned(widget, self.chars)
        text = event.text()
        if kind != QEvent.Type.KeyPress or not text or not text.isprintable():
            return False
        if event.isAutoRepeat():
            self.reset()
            return False
        if not self.times or now - self.times[-1] > self.gap:
            self.reset()
            self.snapshot = (
                _Snapshot(widget, widget.text(), widget.cursorPosition())
                if (isinstance(widget, QLineEdit))
                else _Snapshot(None)
            )
        self.chars += text
        self.times.append(now)
        suffix = self.settings.suffix
        characters_end = suffix not in ("Enter", "Tab") and self.chars.endswith(suffix)
        if characters_end and len(self.times) > MIN_KEYS and self._fast_so_far():
            return self._scanned(widget, self.chars)
        return False

    def _fast_so_far(self) -> bool:
        t = self.times
        return all(b - a <= self.gap for a, b in pairwise(t))

    def _scanned(self, widget: QWidget, chars: str) -> bool:
        """A burst ended: the field it typed into as it was, the code to the window."""
        text = scan_text(chars, self.settings)
        snapshot = self.snapshot
        self.reset()
        take = getattr(widget.window(), "take_scan", None)
        if text is None or take is None:  # a window that takes no scan: typing as typed
            return False
        snapshot.restore()
        take(text)
        return True


def route_scan(w: MainWindow, text: str) -> None:
    """A scan in the main window, whatever had the focus: on the checkout screen (F4) a
    code is checked; on the lookup and a customer's screen it is a card (or a code)
    looked up, and one customer found opens at once; the code screen (finish with the
    code first) and the sign-in screen (its own rule) take none."""
    if showing(w, "verify"):
        w.verify.input.setText(text)
        w.verify.input.setFocus()
        w.verify.check()
        return
    if showing(w, "code") or w.stack.currentWidget() is w.signin:
        return
    if w.stack.currentWidget() is not w.lookup:
        w.stack.setCurrentWidget(w.lookup)
    w.lookup.search.setText(text)
    w.lookup.search.setFocus()
    w.lookup.on_enter()


__all__ = ["MIN_KEYS", "ScanCatcher", "route_scan", "scan_text"]
