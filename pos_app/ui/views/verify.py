"""Checkout side: scan or type a REDEEM code, see what it is worth, mark it used once.

A code that must not be accepted (used, void, or otherwise not usable) says so across the
whole screen, with its amount struck through and, for a used or void code, when, where and
by whom, as far as this terminal knows. Mark used has one key, F10, which does nothing
unless the code on screen is valid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.models import Origin, RedemptionStatus, Source
from ...i18n.formats import number
from ...services import ServiceError, describe
from ..bridge import ServiceRunner
from ..changes import Changed
from ..fmt import datetime_text
from ..i18n import tr

if TYPE_CHECKING:  # the codes' service (and the API's models under it): at a first check
    from ...services import codes

USE_KEY = "F10"


def _why(status: codes.CodeStatus) -> str:
    """Why a code must not be accepted, in one line."""
    r = status.redemption
    if r.status is RedemptionStatus.USED:
        return tr("{code} was already used").format(code=r.code)
    if r.status is RedemptionStatus.VOID:
        return tr("{code} is void: its points went back to the customer").format(code=r.code)
    return tr("{code} is {status}").format(code=r.code, status=status.description)


def reward_words(status: codes.CodeStatus) -> describe.RewardWords:
    """What the customer gets: an item says what it is, with its value second ("Free soft
    drink", "worth ₦500"); a discount is its amount ("₦1,000 off")."""
    r = status.redemption
    return describe.reward_words(status.reward_name, r.discount_amount, r.currency)


def reward_text(status: codes.CodeStatus) -> str:
    return reward_words(status).headline


def settled_text(status: codes.CodeStatus) -> str:
    """ "Used 26 Nov 2026 14:20 at this till (till-1) by Chidi": only what is known."""
    from ...services import codes

    return codes.settled_text(status, datetime_text)


class VerifyView(QWidget):
    back_requested = Signal()
    void_requested = Signal(str)
    reprint_requested = Signal(str)  # the slip of a code issued here (ui/flows/printing.py)
    checked = Signal(object)  # CodeStatus or an error

    def __init__(self, runner: ServiceRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.current: codes.CodeStatus | None = None
        self.operator: str | None = None  # who is signed in (the window sets it); None: locked
        title = QLabel(tr("Check a redemption code"))
        title.setObjectName("sectionTitle")
        self.input = QLineEdit()
        self.input.setObjectName("search")
        self.input.setPlaceholderText(tr("Scan the code, or type REDEEM-…"))
        self.input.setAccessibleName(tr("Redemption code"))
        self.input.returnPressed.connect(self.check)
        self.verdict = QLabel()
        self.verdict.setObjectName("banner")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setWordWrap(True)
        self.verdict.hide()
        # DO NOT ACCEPT: the whole width, white on red in both themes.
        self.stop = QFrame()
        self.stop.setObjectName("doNotAccept")
        self.stop_title = QLabel(tr("DO NOT ACCEPT"))
        self.stop_title.setObjectName("doNotAcceptTitle")
        self.stop_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stop_why = QLabel()
        self.stop_why.setObjectName("doNotAcceptWhy")
        self.stop_why.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stop_why.setWordWrap(True)
        stop_layout = QVBoxLayout(self.stop)
        stop_layout.setContentsMargins(16, 12, 16, 12)
        stop_layout.setSpacing(2)
        stop_layout.addWidget(self.stop_title)
        stop_layout.addWidget(self.stop_why)
        self.stop.setAccessibleName(tr("Do not accept this code"))
        self.stop.hide()
        self.settled = QLabel()
        self.settled.setObjectName("settled")
        self.settled.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.settled.setWordWrap(True)
        self.settled.hide()
        self.customer = QLabel()
        self.customer.setObjectName("verifyCustomer")
        self.customer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.customer.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("discount")
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setWordWrap(True)
        self.more = QLabel()
        self.more.setObjectName("hint")
        self.more.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more.setWordWrap(True)
        self.check_button = QPushButton(tr("Check  (Enter)"))
        self.check_button.setAccessibleName(tr("Check the code"))
        self.check_button.clicked.connect(lambda: self.check())
        self.use_button = QPushButton(tr("Mark used and give the reward  (F10)"))
        self.use_button.setObjectName("primary")
        self.use_button.setAccessibleName(tr("Mark used and give the reward"))
        self.use_button.clicked.connect(self.use)
        self.use_button.setEnabled(False)
        # One key marks a valid code used, wherever the focus is on this screen; it does
        # nothing unless the code on screen is valid (see use_key).
        self.use_shortcut = QShortcut(QKeySequence(USE_KEY), self)
        self.use_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.use_shortcut.activated.connect(self.use_key)
        self.void_button = QPushButton(tr("Void (manager)"))
        self.void_button.setAccessibleName(tr("Void this code (a manager approves)"))
        self.void_button.clicked.connect(
            lambda: self.current and self.void_requested.emit(self.current.redemption.code)
        )
        self.void_button.setEnabled(False)
        # The slip of a code issued at this terminal, printed again (Ctrl+P: keys.py).
        self.reprint_button = QPushButton(tr("Reprint slip  (Ctrl+P)"))
        self.reprint_button.setAccessibleName(tr("Reprint slip"))
        self.reprint_button.clicked.connect(self.reprint)
        self.reprint_button.hide()
        back = QPushButton(tr("Back  (Esc)"))
        back.setAccessibleName(tr("Back"))
        back.clicked.connect(self.back_requested)
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.check_button)
        actions = QHBoxLayout()
        actions.addWidget(back)
        actions.addStretch(1)
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.void_button)
        actions.addWidget(self.use_button)
        buttons = (self.check_button, self.use_button, self.void_button, self.reprint_button, back)
        for button in buttons:
            button.setMinimumHeight(52)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 16)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.stop)
        layout.addWidget(self.settled)
        layout.addWidget(self.customer)
        layout.addWidget(self.details)
        layout.addWidget(self.more)
        layout.addStretch(1)
        layout.addLayout(actions)

    def reset(self) -> None:
        self.input.clear()
        self._clear()
        self.input.setFocus()

    def _clear(self) -> None:
        self.verdict.hide()
        self.stop.hide()
        self.settled.clear()
        self.settled.hide()
        self.customer.clear()
        self.details.clear()
        self._strike(False)
        self.more.clear()
        self.use_button.setEnabled(False)
        self.void_button.setEnabled(False)
        self.use_button.show()
        self.void_button.show()
        self.reprint_button.hide()
        self.current = None

    def check(self, code: str | None = None) -> None:
        text = self.input.text() if code is None else code
        self.use_button.setEnabled(False)
        self.void_button.setEnabled(False)
        from ...services import codes

        self.runner.submit(lambda t: codes.verify(t, text), self._show, self._failed)

    def on_changed(self, change: Changed) -> None:
        """An operation changed the code being checked (it was voided): check it again."""
        if (
            change.code is not None
            and self.current is not None
            and self.current.redemption.code == change.code
        ):
            self.check()

    @property
    def reprintable(self) -> bool:
        """The code on screen was issued here and may still be handed over: its slip can
        be printed again (a spent or refused code's cannot)."""
        c = self.current
        return c is not None and c.usable and c.redemption.origin is Origin.LOCAL

    def reprint(self) -> None:
        if self.reprintable and self.current is not None:
            self.reprint_requested.emit(self.current.redemption.code)

    def use_key(self) -> None:
        """F10: mark the code on screen used, only if it is on screen (not behind the lock
        screen), valid and ready."""
        if (
            self.isVisible()
            and self.use_button.isEnabled()
            and self.current is not None
            and self.current.usable
        ):
            self.use()

    def use(self) -> None:
        operator = self.operator
        if self.current is None or not self.current.usable or operator is None:
            return
        code = self.current.redemption.code
        self.use_button.setEnabled(False)
        self.void_button.setEnabled(False)
        from ...services import codes

        self.runner.submit(
            lambda t: codes.use(t, code, operator=operator),
            self._used,
            lambda error: self._use_failed(code, error),
        )

    def _verdict(self, text: str, state: str) -> None:
        self.stop.hide()
        self.verdict.setText(text)
        self.verdict.setProperty("state", state)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.verdict.show()

    def _do_not_accept(self, status: codes.CodeStatus) -> None:
        self.verdict.hide()
        self.stop_why.setText(_why(status))
        self.stop.show()
        text = settled_text(status)
        self.settled.setText(text)
        self.settled.setVisible(bool(text))

    def _strike(self, on: bool) -> None:
        """A code that must not be accepted keeps its amount on screen, struck through."""
        self.details.setProperty("spent", "true" if on else "false")
        self.details.style().unpolish(self.details)
        self.details.style().polish(self.details)
        font = self.details.font()
        font.setStrikeOut(on)
        self.details.setFont(font)

    def _describe(self, status: codes.CodeStatus, *, giving: bool) -> None:
        r = status.redemption
        name = status.customer_name
        if not name:
            self.customer.setText("")
        elif giving:
            self.customer.setText(tr("For {name}").format(name=name))
        else:
            self.customer.setText(tr("Issued to {name}").format(name=name))
        self.customer.setVisible(bool(status.customer_name))
        words = reward_words(status)
        self.details.setText(words.headline)
        self._strike(not status.usable)
        parts = [words.detail] if words.detail else []
        parts.append(tr("{n} points", "", r.points).format(n=number(r.points)))
        if not status.customer_name:
            parts.append(tr("customer {id}").format(id=r.customer_id))
        if status.source is Source.CACHE:
            parts.append(tr("checked on this terminal only (offline)"))
        self.more.setText("  ·  ".join(parts))

    def _show(self, status: codes.CodeStatus) -> None:
        self.current = status
        r = status.redemption
        if status.usable:
            self.settled.hide()
            self._verdict(
                tr("{code}: {status}").format(code=r.code, status=status.description),
                "confirmed",
            )
        else:
            self._do_not_accept(status)
        self._describe(status, giving=status.usable)
        # A code not to accept offers no way to accept it: its buttons go, not just grey.
        for button in (self.use_button, self.void_button):
            button.setEnabled(status.usable)
            button.setVisible(status.usable)
        self.reprint_button.setVisible(self.reprintable)
        self.checked.emit(status)

    def _used(self, status: codes.CodeStatus) -> None:
        self.current = status
        r = status.redemption
        self.settled.hide()
        self._verdict(
            tr("{code} is now used: give {reward}").format(code=r.code, reward=reward_text(status)),
            "used",
        )
        self._describe(status, giving=True)
        self._strike(False)  # just used here: this is what to give now
        # done: nothing left to press (a used code's slip is not printed again)
        for button in (self.use_button, self.void_button, self.reprint_button):
            button.setEnabled(False)
            button.setVisible(False)
        self.reprint_button.setEnabled(True)
        self.checked.emit(status)

    def _use_failed(self, code: str, error: BaseException) -> None:
        self._failed(error)
        if isinstance(error, ServiceError) and error.code == "redemption_not_usable":
            # Spent since it was checked (at another till, a moment ago): check it again,
            # so the screen says DO NOT ACCEPT with when and where, not just a refusal.
            self.check(code)

    def _failed(self, error: BaseException) -> None:
        message = (
            error.message
            if isinstance(error, ServiceError)
            else tr("Something went wrong; the code was not changed.")
        )
        self._clear()
        self._verdict(message, "refused")
        self.checked.emit(error)
