"""Who is at the till: sign-in, switching user, the auto-lock, and the session number
that keeps an answer given in one session from being acted on in another."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from ..services import staff
from .bridge import Lane
from .i18n import role_name
from .screens import showing, when_built

if TYPE_CHECKING:
    from .main_window import MainWindow


# Every event of the application passes the filter: the types are looked up once.
_ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)


class Session(QObject):
    def __init__(self, window: MainWindow, *, require_sign_in: bool, lock_after_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.require_sign_in = require_sign_in
        self.member: staff.StaffMember | None = None
        self.operator = "system"
        # A new number at every sign-in and every lock: an answer given in one session
        # (a dialog, a manager's approval) is never acted on in another.
        self.number = 0
        self.managers: list[str] = []
        # Auto-lock: no key, click or touch for a while locks the till.
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(lock_after_ms)
        self.idle.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.require_sign_in and self.member is None

    def still(self, number: int) -> bool:
        """The person who started an action is still the one signed in."""
        return number == self.number and not self.locked

    def start(self) -> None:
        if self.require_sign_in:
            self.lock()
        else:
            self._unlocked()

    def lock(self) -> None:
        """Back to the sign-in screen (switch user, or idle too long)."""
        if not self.require_sign_in:
            return
        w = self.window
        self.number += 1
        self.member = None
        self.operator = "system"
        when_built(w, "verify", lambda view: setattr(view, "operator", None))
        self.idle.stop()
        self.close_dialogs()
        w.notice.clear()  # nothing one person was told stays for the next
        w.signin.forget()  # nobody's name stays chosen for the next person
        for button in w.nav_buttons:
            button.hide()
        w.person.setText("")
        if showing(w, "code"):
            return  # a code on screen stays until Done: then the sign-in screen
        w.stack.setCurrentWidget(w.signin)
        w.signin.refresh()

    def close_dialogs(self) -> None:
        """Every question the window has open is closed unanswered (its exec() loop returns
        Rejected), and its buttons are dead: nothing it was about to do happens."""
        for dialog in reversed(self.window.findChildren(QDialog)):  # the innermost first
            if dialog.isVisible():
                dialog.setEnabled(False)
                dialog.reject()

    def signed_in(self, member: staff.StaffMember) -> None:
        w = self.window
        self.number += 1
        self.member = member
        self.operator = member.name
        when_built(w, "verify", lambda view: setattr(view, "operator", member.name))
        w.person.setText(f"{member.name} · {role_name(member.role)}")
        self._unlocked()
        w.redeeming.show_next_recovered()
        w.runner.submit(
            lambda t: [m.name for m in staff.list_staff(t) if m.is_manager and m.active],
            self._set_managers,
            lane=Lane.LOCAL,
        )

    def _set_managers(self, names: list[str]) -> None:
        self.managers = names

    def _unlocked(self) -> None:
        w = self.window
        for button in w.nav_buttons:
            button.setVisible(
                self.require_sign_in or button not in (w.manager_button, w.switch_button)
            )
        w.manager_button.setVisible(self.member is not None and self.member.is_manager)
        if self.require_sign_in:
            self.idle.start()
        if not showing(w, "code"):
            w.stack.setCurrentWidget(w.lookup)
            w.lookup.reset()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.member is not None and event.type() in _ACTIVITY:
            self.idle.start()
        return False

    def end(self) -> None:
        """The window closes: no more idle watching."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.idle.stop()
