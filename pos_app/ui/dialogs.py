"""Dialogs: confirm a redemption, award points, enrol a customer, first-run setup."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.money import format_money
from .answers import AdjustAnswer, ApprovalAnswer, AwardAnswer, EnrolAnswer, RedeemQuestion


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName("primary")
    ok.setDefault(True)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    for button in box.buttons():
        button.setMinimumHeight(48)
    return box


class ConfirmRedeemDialog(QDialog):
    def __init__(self, parent: QWidget, q: RedeemQuestion) -> None:
        super().__init__(parent)
        self.setWindowTitle("Confirm redemption")
        layout = QVBoxLayout(self)
        title = QLabel(f"Redeem <b>{q.reward_name}</b> for <b>{q.customer_name}</b>?")
        title.setObjectName("dialogTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        form = QFormLayout()
        form.addRow("Discount:", QLabel(f"<b>{q.discount}</b>"))
        form.addRow("Points:", QLabel(f"{q.points:,}"))
        form.addRow("Balance now:", QLabel(f"{q.balance_before:,}"))
        form.addRow("Balance after:", QLabel(f"<b>{q.balance_after:,}</b>"))
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Redeem"))
        self.setMinimumWidth(420)

    @classmethod
    def ask(cls, parent: QWidget, question: RedeemQuestion) -> bool:
        return cls(parent, question).exec() == QDialog.DialogCode.Accepted


class AwardDialog(QDialog):
    """Points directly, or a purchase amount converted at the terminal's earn rate."""

    def __init__(self, parent: QWidget, customer_name: str, naira_per_point: int) -> None:
        super().__init__(parent)
        self.naira_per_point = naira_per_point
        self.setWindowTitle(f"Award points to {customer_name}")
        layout = QVBoxLayout(self)
        self.by_purchase = QRadioButton(
            f"Purchase amount (1 point per {format_money(naira_per_point, 'NGN')})"
        )
        self.by_points = QRadioButton("Points")
        self.by_purchase.setChecked(True)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("e.g. 10000")
        self.amount.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.reason = QLineEdit("Purchase")
        self.bonus = QCheckBox("Bonus (not a purchase)")
        self.expires = QCheckBox("Points expire on")
        self.expiry_date = QDateEdit(QDate.currentDate().addMonths(6))
        self.expiry_date.setCalendarPopup(True)
        self.expiry_date.setEnabled(False)
        self.expires.toggled.connect(self.expiry_date.setEnabled)
        self.preview = QLabel()
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        form = QFormLayout()
        form.addRow(self.by_purchase)
        form.addRow(self.by_points)
        form.addRow("Amount:", self.amount)
        form.addRow("Reason:", self.reason)
        form.addRow(self.bonus)
        form.addRow(self.expires, self.expiry_date)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, "Award"))
        for signal in (self.amount.textChanged, self.by_points.toggled):
            signal.connect(self._update_preview)
        self.setMinimumWidth(460)

    def points(self) -> int | None:
        text = self.amount.text().strip().replace(",", "")
        if not text.isdigit() or not text.isascii():
            return None
        value = int(text)
        return value if self.by_points.isChecked() else value // self.naira_per_point

    def _update_preview(self) -> None:
        value = self.points()
        self.preview.setText("" if value is None else f"{value:,} points")

    def answer(self) -> AwardAnswer | None:
        value = self.points()
        if value is None or value <= 0:
            return None
        expiry = None
        if self.expires.isChecked():
            chosen = self.expiry_date.date()
            day = date(chosen.year(), chosen.month(), chosen.day())
            expiry = datetime.combine(day, time(23, 59, 59)).astimezone(UTC)
        return AwardAnswer(value, self.reason.text().strip(), self.bonus.isChecked(), expiry)

    def accept(self) -> None:
        if self.answer() is None:
            self.problem.setText(
                "Type a whole amount above 0 (for a purchase, at least "
                f"{format_money(self.naira_per_point, 'NGN')})."
            )
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, customer_name: str, naira_per_point: int) -> AwardAnswer | None:
        dialog = cls(parent, customer_name, naira_per_point)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class EnrolDialog(QDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Enrol a new customer")
        layout = QVBoxLayout(self)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("+234…")
        self.email = QLineEdit()
        self.card = QLineEdit()
        self.card.setPlaceholderText("scan the new card")
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Phone:", self.phone)
        form.addRow("Email:", self.email)
        form.addRow("Card number:", self.card)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, "Enrol"))
        self.setMinimumWidth(460)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.problem.setText("The customer's name is needed.")
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget) -> EnrolAnswer | None:
        d = cls(parent)
        if d.exec() != QDialog.DialogCode.Accepted:
            return None
        return EnrolAnswer(
            d.name.text().strip(),
            d.phone.text().strip(),
            d.email.text().strip(),
            d.card.text().strip(),
        )


class SetupDialog(QDialog):
    """First run without configuration: which backend, which key, which terminal."""

    def __init__(self, backend_url: str = "", terminal_id: str = "") -> None:
        super().__init__()
        self.setWindowTitle("Set up this terminal")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Connect this terminal to your LoyalPro backend. The API key is kept "
            "in the system's keyring, never in a file."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.backend = QLineEdit(backend_url)
        self.backend.setPlaceholderText("https://api.loyalpro.example")
        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText("sk_live_…")
        self.terminal = QLineEdit(terminal_id)
        self.terminal.setPlaceholderText("e.g. till-3 (optional)")
        self.store = QLineEdit()
        self.store.setPlaceholderText("e.g. lagos-ikeja (optional)")
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Backend URL:", self.backend)
        form.addRow("API key:", self.api_key)
        form.addRow("Terminal id:", self.terminal)
        form.addRow("Store id:", self.store)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, "Save and start"))
        self.setMinimumWidth(520)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)


class ApprovalDialog(QDialog):
    """A manager approves at the counter: who, their PIN (keypad), and why."""

    def __init__(self, parent: QWidget, what: str, managers: list[str]) -> None:
        super().__init__(parent)
        from .views.signin import Keypad, digits_only

        self.setWindowTitle("Manager approval")
        layout = QVBoxLayout(self)
        title = QLabel(f"A manager must approve: <b>{html.escape(what)}</b>")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.manager = QComboBox()
        self.manager.setEditable(not managers)
        self.manager.addItems(managers)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        digits_only(self.pin)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why (kept in the audit log)")
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        form = QFormLayout()
        form.addRow("Manager:", self.manager)
        form.addRow("Reason:", self.reason)
        form.addRow("PIN:", self.pin)
        layout.addLayout(form)
        keypad = Keypad(self.pin, self.accept)
        keypad.enter.setText("Approve")
        layout.addWidget(keypad)
        layout.addWidget(self.problem)
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.rejected.connect(self.reject)
        layout.addWidget(cancel)
        self.setMinimumWidth(440)

    def accept(self) -> None:
        if not self.reason.text().strip():
            self.problem.setText("Say why: it goes into the audit log.")
            return
        if not self.pin.text():
            self.problem.setText("The manager's PIN is needed.")
            return
        super().accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        tall_enough(self)

    @classmethod
    def ask(cls, parent: QWidget, what: str, managers: list[str]) -> ApprovalAnswer | None:
        d = cls(parent, what, managers)
        if d.exec() != QDialog.DialogCode.Accepted:
            return None
        return ApprovalAnswer(
            d.manager.currentText().strip(), d.pin.text(), d.reason.text().strip()
        )


class AdjustDialog(QDialog):
    def __init__(self, parent: QWidget, customer_name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Adjust {customer_name}'s points")
        layout = QVBoxLayout(self)
        self.points = QLineEdit()
        self.points.setPlaceholderText("e.g. -50 or 120")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. Card scanned twice")
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        form = QFormLayout()
        form.addRow("Points (+ or -):", self.points)
        form.addRow("Reason:", self.reason)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, "Continue"))

    def answer(self) -> AdjustAnswer | None:
        text = self.points.text().strip().replace(",", "")
        body = text.lstrip("+-")
        if not body.isdigit() or not body.isascii() or int(body) == 0 or len(body) > 9:
            return None
        if not self.reason.text().strip():
            return None
        return AdjustAnswer(int(text), self.reason.text().strip())

    def accept(self) -> None:
        if self.answer() is None:
            self.problem.setText(
                "Type a whole number other than 0 (with - to take points away), and a reason."
            )
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, customer_name: str) -> AdjustAnswer | None:
        d = cls(parent, customer_name)
        return d.answer() if d.exec() == QDialog.DialogCode.Accepted else None


def tall_enough(dialog: QDialog) -> None:
    """A dialog is opened no taller than 2/3 of the screen unless its minimum says more, and
    that minimum leaves out the second line of a wrapped title: on a 1024x768 screen the
    approval keypad came out 19 px short, its keys below their size. Grow to fit."""
    layout = dialog.layout()
    if layout is not None and layout.hasHeightForWidth():
        need = layout.totalHeightForWidth(dialog.width())
        if dialog.height() < need:
            dialog.resize(dialog.width(), need)
