"""Sign-in at the counter: choose your name, type your PIN on the keypad (or keyboard).
On a terminal with no accounts yet, it asks for the first manager instead.

A PIN is 4-8 digits, and the PIN field takes nothing else. A loyalty card or a code scanned
at this screen (a keyboard-wedge scanner types its characters in a burst, then Enter) is
recognised and is never a PIN attempt, so it never counts towards anyone's lock-out."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QGraphicsOpacityEffect,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...services import ServiceError, staff
from ..bridge import Lane, ServiceRunner
from ..i18n import QT_TRANSLATE_NOOP, role_name, tr

PIN_MAX = 8
# Keys closer together than this, on average, were typed by a scanner, not a person (a
# fast typist's keys are about 80 ms apart; a wedge scanner's 1-5 ms).
SCAN_KEY_GAP = 0.025
SCAN_MIN_KEYS = 4
SCANNED = QT_TRANSLATE_NOOP("", "That looked like a card scan: sign in first.")
CHECKING = QT_TRANSLATE_NOOP("", "Checking…")


def digits_only(field: QLineEdit) -> None:
    """A PIN field: up to 8 ASCII digits, nothing else ever reaches it."""
    field.setValidator(QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_MAX}}}")))
    field.setMaxLength(PIN_MAX)
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)


class ScanDetector(QObject):
    """Watches the keys typed into a PIN field since it was last submitted or cleared.

    A burst is a scan, not a PIN: any key that is not a digit (the key never reaches the
    field), more keys than a PIN has, or keys that come faster than a person types. The
    clock is injectable so the timing rule is tested without sleeping."""

    def __init__(self, field: QLineEdit, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(field)
        self.clock = clock
        self.times: list[float] = []
        self.foreign = False  # a key that is not a digit
        field.installEventFilter(self)

    def reset(self) -> None:
        self.times.clear()
        self.foreign = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False  # the field's returnPressed submits, and asks `scanned()` first
        text = event.text()
        if not text or not text.isprintable():
            return False  # backspace, arrows, tab...
        self.times.append(self.clock())
        if not (text.isdigit() and text.isascii()):
            self.foreign = True
            return True  # swallowed: a letter never reaches the PIN field
        return False

    def scanned(self) -> bool:
        n = len(self.times)
        if self.foreign or n > PIN_MAX:
            return True
        return n >= SCAN_MIN_KEYS and (self.times[-1] - self.times[0]) / (n - 1) < SCAN_KEY_GAP


class Keypad(QWidget):
    """0-9, clear and back: large keys for a touch screen, typing into a PIN field."""

    def __init__(self, target: QLineEdit, on_enter: object) -> None:
        super().__init__()
        self.target = target
        grid = QGridLayout(self)
        grid.setSpacing(8)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "⌫"]
        for index, label in enumerate(keys):
            button = QPushButton(tr("Clear") if label == "Clear" else label)
            button.setObjectName("key")
            button.setMinimumSize(88, 60)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, key=label: self.press(key))
            # What a screen reader says: a word, not the symbol.
            spoken = {"⌫": tr("Delete last digit"), "Clear": tr("Clear")}
            button.setAccessibleName(spoken.get(label, label))
            grid.addWidget(button, index // 3, index % 3)
        enter = QPushButton(tr("Sign in"))
        enter.setObjectName("primary")
        enter.setMinimumHeight(60)
        enter.clicked.connect(on_enter)
        grid.addWidget(enter, 4, 0, 1, 3)
        self.enter = enter

    def press(self, key: str) -> None:
        if key == "Clear":
            self.target.clear()
        elif key == "⌫":
            self.target.backspace()
        elif len(self.target.text()) < 8:
            self.target.insert(key)


class SignInView(QWidget):
    signed_in = Signal(object)  # staff.StaffMember

    def __init__(self, runner: ServiceRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.chosen = ""
        self.title = QLabel(tr("Who is at the till?"))
        self.title.setObjectName("sectionTitle")
        self.names_box = QWidget()
        self.names = QVBoxLayout(self.names_box)
        self.names.setSpacing(8)
        self.names.setContentsMargins(0, 0, 0, 0)
        # First run: the first manager's account.
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(tr("Your name"))
        self.new_name.setAccessibleName(tr("Your name"))
        self.new_name.hide()
        self.pin = QLineEdit()
        self.pin.setObjectName("search")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(tr("PIN"))
        self.pin.setAccessibleName(tr("PIN"))
        digits_only(self.pin)
        self.scan = ScanDetector(self.pin)
        self.pin.textChanged.connect(lambda text: None if text else self.scan.reset())
        self.pin.returnPressed.connect(self.submit)
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again.setPlaceholderText(tr("The same PIN again"))
        self.pin_again.setAccessibleName(tr("The same PIN again"))
        digits_only(self.pin_again)
        self.pin_again.hide()
        self.message = QLabel()
        self.message.setObjectName("problem")
        self.message.setWordWrap(True)
        # While a PIN is checked (about 0.4 s of scrypt): "Checking…", the keys and names
        # are dead and a second Enter is no second attempt.
        self.checking = QLabel(tr(CHECKING))
        self.checking.setObjectName("checking")
        self.checking.setAccessibleName(tr("Checking the PIN"))
        self.checking.hide()
        self.busy = False
        self.keypad = Keypad(self.pin, self.submit)
        self.keypad_dim = QGraphicsOpacityEffect(self.keypad)
        self.keypad_dim.setOpacity(0.4)
        self.keypad_dim.setEnabled(False)
        self.keypad.setGraphicsEffect(self.keypad_dim)
        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("hint")
        self.demo_hint.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.names_box)
        left.addWidget(self.new_name)
        left.addStretch(1)
        left.addWidget(self.demo_hint)
        right = QVBoxLayout()
        right.setSpacing(12)  # not the row's 48: the first run fits 1024x768 with a taskbar
        right.addWidget(self.pin)
        right.addWidget(self.pin_again)
        right.addWidget(self.checking)
        right.addWidget(self.message)
        right.addWidget(self.keypad, 1)
        row = QHBoxLayout(self)
        row.setContentsMargins(48, 20, 48, 16)
        row.setSpacing(48)
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        self.first_run = False

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.checking.setVisible(busy)
        if busy:
            self.message.setText("")
        for widget in (self.keypad, self.names_box, self.new_name):
            widget.setEnabled(not busy)
        # Dimmed as well as disabled: in the dark theme a disabled key looks much like a
        # live one.
        self.keypad_dim.setEnabled(busy)
        # Read-only, not disabled: the field keeps the focus (and the Enter key).
        for field in (self.pin, self.pin_again):
            field.setReadOnly(busy)

    def forget(self) -> None:
        """Switch user or a lock: nobody is chosen, nothing typed is kept."""
        self.chosen = ""
        self.pin.clear()
        self.pin_again.clear()
        self.scan.reset()
        self.message.setText("")
        for button in self.names_box.findChildren(QPushButton):
            button.setChecked(False)

    def refresh(self) -> None:
        self.pin.clear()
        self.pin_again.clear()
        self.scan.reset()
        self.runner.submit(staff.list_staff, self._show_staff, lane=Lane.LOCAL)

    def _show_staff(self, members: list[staff.StaffMember]) -> None:
        while self.names.count():
            item = self.names.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        active = [m for m in members if m.active]
        self.first_run = not members
        self.new_name.setVisible(self.first_run)
        self.pin_again.setVisible(self.first_run)
        self.names_box.setVisible(not self.first_run)
        if self.first_run:
            self.title.setText(tr("Set up the first manager's account"))
            self.keypad.enter.setText(tr("Create and sign in"))
            self.message.setText("")
            self.new_name.setFocus()
            return
        self.title.setText(tr("Who is at the till?"))
        self.keypad.enter.setText(tr("Sign in"))
        for member in active:
            button = QPushButton(f"{member.name}   ·   {role_name(member.role)}")
            button.setObjectName("staffName")
            button.setCheckable(True)
            button.setMinimumHeight(56)
            button.clicked.connect(lambda _=False, name=member.name: self.choose(name))
            self.names.addWidget(button)
        if self.chosen not in {m.name for m in active}:
            self.chosen = ""  # never preselected: each person touches their own name
        if self.chosen:
            self.choose(self.chosen)
        self.pin.setFocus()

    def choose(self, name: str) -> None:
        self.chosen = name
        for button in self.names_box.findChildren(QPushButton):
            button.setChecked(button.text().split("   ·   ")[0] == name)
        self.message.setText("")
        self.pin.setFocus()

    def submit(self) -> None:
        if self.busy:  # a PIN is being checked: a second Enter is not a second attempt
            return
        if self.scan.scanned():
            self.scan.reset()
            self.pin.clear()
            self.pin_again.clear()
            self.message.setText(tr(SCANNED))
            self.pin.setFocus()
            return
        self.scan.reset()
        pin = self.pin.text()
        if self.first_run:
            name, again = self.new_name.text(), self.pin_again.text()
            if pin != again:
                self.message.setText(tr("The two PINs differ; type them again."))
                self.pin.clear()
                self.pin_again.clear()
                return
            self.set_busy(True)
            self.runner.submit(
                lambda t: staff.add_staff(t, name, "manager", pin, actor="first-run setup"),
                lambda _: self._sign_in(name, pin),
                self._failed,
            )
            return
        if not self.chosen:
            self.message.setText(tr("Touch your name first."))
            return
        self._sign_in(self.chosen, pin)

    def _sign_in(self, name: str, pin: str) -> None:
        self.set_busy(True)
        self.runner.submit(
            lambda t: staff.sign_in(t, name, pin), self._done, self._failed, lane=Lane.LOCAL
        )

    def _done(self, member: staff.StaffMember) -> None:
        self.set_busy(False)
        self.pin.clear()
        self.pin_again.clear()
        self.message.setText("")
        self.signed_in.emit(member)

    def _failed(self, error: BaseException) -> None:
        self.set_busy(False)
        self.pin.clear()
        self.pin.setFocus()
        self.message.setText(
            error.message if isinstance(error, ServiceError) else tr("Sign-in failed; try again.")
        )
