"""Kiosk mode (`kiosk = true` in config.toml, or `pos-app --kiosk`): the till fills the
screen with no window controls, and Alt+F4, the close button and Escape do not get a
cashier out of it. A manager leaves it or closes the app from the header's Till menu
(F10; Ctrl+Shift+K, Ctrl+Shift+Q), with their PIN, audited.

`needs_manager` is the one gate for whatever changes the till itself (leaving kiosk mode,
closing the app, opening the settings): a manager's name, PIN and reason, checked and
audited on the service thread, then the action."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QPushButton

from ..services import staff
from .bridge import Lane
from .i18n import QT_TRANSLATE_NOOP, tr

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)


def _manager_actions() -> ModuleType:
    """The managers' recorded actions (services/manager_actions.py): loaded at the first
    one, not at start-up."""
    from ..services import manager_actions

    return manager_actions


# Marked here, tr() where shown (the language is installed after import).
REFUSED_TITLE = QT_TRANSLATE_NOOP("", "Kiosk mode")
REFUSED = QT_TRANSLATE_NOOP(
    "", "This till is in kiosk mode: a manager can close it from the menu (Till, F10)."
)

# What the manager is asked to approve, by the approval's action (manager_actions.AUDITED).
WHAT = {
    "leave_kiosk": QT_TRANSLATE_NOOP("", "leaving kiosk mode (the window gets its title bar back)"),
    "close_app": QT_TRANSLATE_NOOP("", "closing the loyalty terminal"),
    "open_settings": QT_TRANSLATE_NOOP("", "opening the settings"),
}


def needs_manager(window: MainWindow, action: str, then: Callable[[staff.Approval], None]) -> None:
    """A manager approves `action` (a key of manager_actions.AUDITED) with their PIN; it is
    audited under their name, then `then` runs. A wrong PIN or a cashier's is asked again
    (the approval flow's rules) and audited as a failed approval; cancelled: nothing."""
    operator = window.operator
    session = window.session.number

    def approved(approval: staff.Approval) -> None:
        window.runner.submit(
            lambda t: _manager_actions().record(t, approval, operator=operator),
            lambda _kind: then(approval) if window.still(session) else None,
            lambda error: window.show_error(tr("Not done"), error),
            lane=Lane.LOCAL,
        )

    window.approvals.ask(action, window.terminal_id, tr(WHAT[action]), approved)


class Kiosk(QObject):
    """The window's kiosk state: on, left by a manager, or never set for this run."""

    def __init__(
        self, window: MainWindow, *, configured: bool, menu_button: QPushButton | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.configured = configured  # kiosk was asked for: the Till menu is there
        self.active = False
        self._closing = False  # a manager's close (or the system stopping the app)
        self.leave_action = self._action(tr("Leave kiosk mode"), "Ctrl+Shift+K", self.ask_leave)
        self.enter_action = self._action(tr("Back to kiosk mode"), "", self.enter_again)
        self.close_action = self._action(tr("Close the terminal"), "Ctrl+Shift+Q", self.ask_close)
        # Alt+F4 where no window manager takes it first (it then asks to close: refused).
        self.alt_f4 = self._action(tr("Close"), "Alt+F4", window.close)
        self.menu = QMenu(tr("Till"), window)
        self.menu.setAccessibleName(tr("Till menu"))
        for action in (self.leave_action, self.enter_action, self.close_action):
            self.menu.addAction(action)
        # Locked (switch user, idle) with the menu open: it goes with the person.
        window.stack.currentChanged.connect(lambda _: self.menu.hide() if window.locked else None)
        self.menu_button = menu_button
        if menu_button is not None:
            menu_button.setMenu(self.menu)
            self._action(tr("Till menu"), "F10", menu_button.showMenu)
        self._update()

    def add_action(self, name: str, keys: str, then: Callable[[], object]) -> QAction:
        """An action of the window that the Till menu offers too (the settings)."""
        action = self._action(name, keys, then)
        self.menu.insertAction(self.close_action, action)
        return action

    def _action(self, name: str, keys: str, then: Callable[[], object]) -> QAction:
        action = QAction(name, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # Nothing from the sign-in screen: whoever is at a locked till signs in first.
        action.triggered.connect(lambda: None if self.window.locked else then())
        self.window.addAction(action)
        return action

    def _update(self) -> None:
        self.leave_action.setVisible(self.active)
        self.leave_action.setEnabled(self.active)
        self.enter_action.setVisible(self.configured and not self.active)
        self.enter_action.setEnabled(self.configured and not self.active)
        self.close_action.setEnabled(self.configured)
        self.alt_f4.setEnabled(self.active)

    # ------------------------------------------------------------------ the window
    def enter(self) -> None:
        """Full screen, frameless (no title bar, no buttons); not on top of everything, so
        the till's own dialogs show over it."""
        log.info("kiosk mode on")
        self.active = True
        w = self.window
        w.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        # The whole screen even where no window manager makes it full screen (an X
        # session that runs only the till).
        screen = w.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            w.setGeometry(screen.geometry())
        w.showFullScreen()
        self._update()

    def leave(self) -> None:
        """A normal maximised window until restart, or until a manager goes back."""
        log.info("kiosk mode off (a manager left it)")
        self.active = False
        w = self.window
        w.setWindowFlag(Qt.WindowType.FramelessWindowHint, False)
        w.showMaximized()
        self._update()

    def keep_full_screen(self) -> None:
        """The window manager took it out of full screen (a minimise key): back, at once."""
        if self.active and not self.window.isFullScreen():
            QTimer.singleShot(0, self._refill)

    def _refill(self) -> None:
        if self.active and not self.window.isFullScreen():
            self.window.showFullScreen()

    def refuses(self, event: QCloseEvent) -> bool:
        """In kiosk mode a close nobody approved is refused, with a message."""
        if not self.active or self._closing:
            return False
        event.ignore()
        log.info("kiosk mode: a close was refused")
        self.window.notice.error(tr(REFUSED_TITLE), tr(REFUSED))
        return True

    def allow_close(self) -> None:
        """The next close goes through (a manager approved it, or the system is stopping
        the app: a signal, a log-out, --quit-after-ready)."""
        self._closing = True

    # ------------------------------------------------------------------ the actions
    def ask_leave(self) -> None:
        if self.active:
            needs_manager(self.window, "leave_kiosk", lambda _: self._left())

    def _left(self) -> None:
        self.leave()
        self.window.tell(tr("Kiosk mode"), tr("Kiosk mode is off until the app restarts."))

    def enter_again(self) -> None:
        if self.active or not self.configured:
            return
        operator = self.window.operator
        self.window.runner.submit(
            lambda t: _manager_actions().entered_kiosk(t, operator=operator),
            lambda _: None,
            lambda error: self.window.show_error(tr("Not recorded"), error),
            lane=Lane.LOCAL,
        )
        self.enter()

    def ask_close(self) -> None:
        needs_manager(self.window, "close_app", lambda _: self._close())

    def _close(self) -> None:
        self.allow_close()
        self.window.close()


def allow_every_close(app: QApplication) -> None:
    """The system stops the app (SIGTERM, a log-out): no kiosk window refuses."""
    for widget in app.topLevelWidgets():
        kiosk = getattr(widget, "kiosk", None)
        if isinstance(kiosk, Kiosk):
            kiosk.allow_close()
