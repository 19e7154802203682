"""Sign-in at the counter: choose your name, type your PIN on the keypad (or keyboard).
On a terminal with no accounts yet, it asks for the first manager instead."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
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
from ..bridge import ServiceRunner


class Keypad(QWidget):
    """0-9, clear and back: large keys for a touch screen, typing into a PIN field."""

    def __init__(self, target: QLineEdit, on_enter: object) -> None:
        super().__init__()
        self.target = target
        grid = QGridLayout(self)
        grid.setSpacing(8)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "⌫"]
        for index, label in enumerate(keys):
            button = QPushButton(label)
            button.setObjectName("key")
            button.setMinimumSize(88, 64)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, key=label: self.press(key))
            grid.addWidget(button, index // 3, index % 3)
        enter = QPushButton("Sign in")
        enter.setObjectName("primary")
        enter.setMinimumHeight(64)
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
        self.title = QLabel("Who is at the till?")
        self.title.setObjectName("sectionTitle")
        self.names_box = QWidget()
        self.names = QVBoxLayout(self.names_box)
        self.names.setSpacing(8)
        self.names.setContentsMargins(0, 0, 0, 0)
        # First run: the first manager's account.
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Your name")
        self.new_name.hide()
        self.pin = QLineEdit()
        self.pin.setObjectName("search")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("PIN")
        self.pin.setMaxLength(8)
        self.pin.returnPressed.connect(self.submit)
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again.setPlaceholderText("The same PIN again")
        self.pin_again.setMaxLength(8)
        self.pin_again.hide()
        self.message = QLabel()
        self.message.setObjectName("problem")
        self.message.setWordWrap(True)
        self.keypad = Keypad(self.pin, self.submit)
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
        right.addWidget(self.pin)
        right.addWidget(self.pin_again)
        right.addWidget(self.message)
        right.addWidget(self.keypad, 1)
        row = QHBoxLayout(self)
        row.setContentsMargins(48, 32, 48, 24)
        row.setSpacing(48)
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        self.first_run = False

    def refresh(self) -> None:
        self.pin.clear()
        self.pin_again.clear()
        self.runner.submit(staff.list_staff, self._show_staff, lane="local")

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
            self.title.setText("Set up the first manager's account")
            self.keypad.enter.setText("Create and sign in")
            self.message.setText("")
            self.new_name.setFocus()
            return
        self.title.setText("Who is at the till?")
        self.keypad.enter.setText("Sign in")
        for member in active:
            button = QPushButton(f"{member.name}   ·   {member.role}")
            button.setObjectName("staffName")
            button.setCheckable(True)
            button.setMinimumHeight(56)
            button.clicked.connect(lambda _=False, name=member.name: self.choose(name))
            self.names.addWidget(button)
        if self.chosen not in {m.name for m in active}:
            self.chosen = active[0].name if len(active) == 1 else ""
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
        pin = self.pin.text()
        if self.first_run:
            name, again = self.new_name.text(), self.pin_again.text()
            if pin != again:
                self.message.setText("The two PINs differ; type them again.")
                self.pin.clear()
                self.pin_again.clear()
                return
            self.runner.submit(
                lambda t: staff.add_staff(t, name, "manager", pin, actor="first-run setup"),
                lambda _: self._sign_in(name, pin),
                self._failed,
            )
            return
        if not self.chosen:
            self.message.setText("Touch your name first.")
            return
        self._sign_in(self.chosen, pin)

    def _sign_in(self, name: str, pin: str) -> None:
        self.runner.submit(
            lambda t: staff.sign_in(t, name, pin), self._done, self._failed, lane="local"
        )

    def _done(self, member: staff.StaffMember) -> None:
        self.pin.clear()
        self.pin_again.clear()
        self.message.setText("")
        self.signed_in.emit(member)

    def _failed(self, error: BaseException) -> None:
        self.pin.clear()
        self.message.setText(
            error.message if isinstance(error, ServiceError) else "Sign-in failed; try again."
        )
