"""Award points: a purchase amount or a bonus, a reason, an expiry."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.money import format_money
from ...services import validate
from ...services.errors import BadInput
from ..answers import (
    AwardAnswer,
)
from ..touch import date_picker
from .forms import FieldProblem, buttons, first_problem, fit, with_problem


class AwardDialog(QDialog):
    """Points directly, or a purchase amount converted at the terminal's earn rate. Every
    limit is checked as it is typed, and again before the dialog closes."""

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
        # Digits (and the thousands commas people type); letters never reach the field.
        self.amount.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9][0-9,]{0,15}"), self.amount)
        )
        self.amount.setAccessibleName("Amount")
        self.reason = QLineEdit("Purchase")
        self.reason.setAccessibleName("Reason")
        self.bonus = QCheckBox("Bonus (not a purchase)")
        self.expires = QCheckBox("Points expire on")
        self.expiry_date = date_picker(QDateEdit(QDate.currentDate().addMonths(6)), "Expiry date")
        self.expiry_date.setMinimumDate(QDate.currentDate())
        self.expiry_date.setEnabled(False)
        self.expires.toggled.connect(self.expiry_date.setEnabled)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.hide()
        amount_row, self.amount_problem = with_problem(self.amount)
        reason_row, self.reason_problem = with_problem(self.reason)
        form = QFormLayout()
        form.addRow(self.by_purchase)
        form.addRow(self.by_points)
        form.addRow("Amount:", amount_row)
        form.addRow("", self.preview)
        form.addRow("Reason:", reason_row)
        form.addRow(self.bonus)
        form.addRow(self.expires, self.expiry_date)
        layout.addLayout(form)
        layout.addWidget(buttons(self, "Award"))
        self.amount.textChanged.connect(self._update_preview)
        self.by_points.toggled.connect(self._update_preview)
        self.reason.textChanged.connect(lambda _: self._say(self.reason_problem, ""))
        self.setMinimumWidth(460)
        self.amount.setFocus()  # the first thing to fill in: typed digits land there

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.amount.setFocus()

    def _say(self, problem: FieldProblem, text: str) -> None:
        if problem.text() != text:
            problem.say(text)
            fit(self)

    def points(self) -> int | None:
        text = self.amount.text().strip().replace(",", "")
        if not text.isdigit() or not text.isascii():
            return None
        value = int(text)
        return value if self.by_points.isChecked() else value // self.naira_per_point

    def amount_problem_text(self) -> str:
        """What is wrong with the amount, in words ("" when nothing is)."""
        text = self.amount.text().strip().replace(",", "")
        value = self.points()
        least = format_money(self.naira_per_point, "NGN")
        if not text:
            return (
                "Type how many points to give."
                if self.by_points.isChecked()
                else f"Type the purchase amount in naira (at least {least})."
            )
        if value is None:
            return "Type digits only."
        if value <= 0:
            return (
                "Type at least 1 point."
                if self.by_points.isChecked()
                else f"A purchase under {least} earns no points."
            )
        if value > validate.MAX_POINTS:
            most = (
                f"{validate.MAX_POINTS:,} points"
                if self.by_points.isChecked()
                else format_money(validate.MAX_POINTS * self.naira_per_point, "NGN")
            )
            return f"That is more than one award can give: at most {most}."
        return ""

    def _update_preview(self) -> None:
        value = self.points()
        problem = self.amount_problem_text() if self.amount.text().strip() else ""
        self.preview.setText("" if value is None or problem else f"{value:,} points")
        self.preview.setVisible(bool(self.preview.text()))
        self._say(self.amount_problem, problem)

    def _expiry(self) -> datetime | None:
        if not self.expires.isChecked():
            return None
        chosen = self.expiry_date.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        return datetime.combine(day, time(23, 59, 59)).astimezone(UTC)

    def answer(self) -> AwardAnswer | None:
        value = self.points()
        if value is None or self.amount_problem_text():
            return None
        try:
            reason = validate.reason(self.reason.text(), required=False) or ""
        except BadInput:
            return None
        return AwardAnswer(value, reason, self.bonus.isChecked(), self._expiry())

    def accept(self) -> None:
        self._say(self.amount_problem, self.amount_problem_text())
        try:
            validate.reason(self.reason.text(), required=False)
            reason_problem = ""
        except BadInput as error:
            reason_problem = error.message
        self._say(self.reason_problem, reason_problem)
        first = first_problem([self.amount_problem, self.reason_problem])
        if first is not None:
            first.field.setFocus()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, customer_name: str, naira_per_point: int) -> AwardAnswer | None:
        dialog = cls(parent, customer_name, naira_per_point)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
