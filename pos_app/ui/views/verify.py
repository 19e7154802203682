"""Checkout side: scan or type a REDEEM code, see what it is worth, mark it used once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain.money import format_money
from ...services import ServiceError, codes
from ..bridge import ServiceRunner


class VerifyView(QWidget):
    back_requested = Signal()
    void_requested = Signal(str)
    checked = Signal(object)  # CodeStatus or an error

    def __init__(self, runner: ServiceRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.current: codes.CodeStatus | None = None
        self.operator: str | None = None  # who is signed in (the window sets it); None: locked
        title = QLabel("Check a redemption code")
        title.setObjectName("sectionTitle")
        self.input = QLineEdit()
        self.input.setObjectName("search")
        self.input.setPlaceholderText("Scan the code, or type REDEEM-…")
        self.input.returnPressed.connect(self.check)
        self.verdict = QLabel()
        self.verdict.setObjectName("banner")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.hide()
        self.details = QLabel()
        self.details.setObjectName("discount")
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more = QLabel()
        self.more.setObjectName("hint")
        self.more.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.check_button = QPushButton("Check")
        self.check_button.clicked.connect(self.check)
        self.use_button = QPushButton("Mark used and give the discount")
        self.use_button.setObjectName("primary")
        self.use_button.clicked.connect(self.use)
        self.use_button.setEnabled(False)
        self.void_button = QPushButton("Void (manager)")
        self.void_button.clicked.connect(
            lambda: self.current and self.void_requested.emit(self.current.redemption.code)
        )
        self.void_button.setEnabled(False)
        back = QPushButton("Back  (Esc)")
        back.clicked.connect(self.back_requested)
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.check_button)
        actions = QHBoxLayout()
        actions.addWidget(back)
        actions.addStretch(1)
        actions.addWidget(self.void_button)
        actions.addWidget(self.use_button)
        for button in (self.check_button, self.use_button, back):
            button.setMinimumHeight(52)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 16)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details)
        layout.addWidget(self.more)
        layout.addStretch(1)
        layout.addLayout(actions)

    def reset(self) -> None:
        self.input.clear()
        self.verdict.hide()
        self.details.clear()
        self.more.clear()
        self.use_button.setEnabled(False)
        self.void_button.setEnabled(False)
        self.current = None
        self.input.setFocus()

    def check(self) -> None:
        text = self.input.text()
        self.use_button.setEnabled(False)
        self.runner.submit(lambda t: codes.verify(t, text), self._show, self._failed)

    def use(self) -> None:
        operator = self.operator
        if self.current is None or operator is None:
            return
        code = self.current.redemption.code
        self.use_button.setEnabled(False)
        self.runner.submit(
            lambda t: codes.use(t, code, operator=operator), self._used, self._failed
        )

    def _verdict(self, text: str, state: str) -> None:
        self.verdict.setText(text)
        self.verdict.setProperty("state", state)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.verdict.show()

    def _show(self, status: codes.CodeStatus) -> None:
        self.current = status
        r = status.redemption
        self._verdict(
            f"{r.code}: {status.description}", "confirmed" if status.usable else "refused"
        )
        self.details.setText(f"{format_money(r.discount_amount, r.currency)} off")
        self.more.setText(
            f"{r.points:,} points  ·  customer {r.customer_id}"
            + ("  ·  checked on this terminal only (offline)" if status.source == "cache" else "")
        )
        self.use_button.setEnabled(status.usable)
        self.void_button.setEnabled(status.usable)
        self.checked.emit(status)

    def _used(self, status: codes.CodeStatus) -> None:
        self.current = status
        r = status.redemption
        self._verdict(
            f"{r.code} is now used: give {format_money(r.discount_amount, r.currency)} off", "used"
        )
        self.use_button.setEnabled(False)
        self.checked.emit(status)

    def _failed(self, error: BaseException) -> None:
        self.current = None
        message = (
            error.message
            if isinstance(error, ServiceError)
            else "Something went wrong; the code was not changed."
        )
        self._verdict(message, "refused")
        self.details.clear()
        self.more.clear()
        self.checked.emit(error)
