"""Pay with points: the cashier types the amount to cover or the points (a switch); the
dialog shows both, snapped to the step, within min/max, the balance and (offline) the
offline policy's cap, and the balance after, before the redemption is confirmed."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import pay_with_points as pwp
from ...domain.money import format_money
from ...i18n.formats import number
from ..answers import PayPointsQuestion
from ..i18n import tr
from .forms import FieldProblem, buttons, fit, shown, with_problem


def quote_for(q: PayPointsQuestion, typed: int, by_amount: bool) -> pwp.Quote | pwp.NoFit:
    """What `typed` (an amount to cover, or points) comes to: snapped down to the step and
    kept within min/max, the balance and the offline cap."""
    if by_amount:
        return pwp.from_amount(q.rule, typed, q.balance, q.cap)
    return pwp.from_points(q.rule, typed, q.balance, q.cap)


def limits_text(q: PayPointsQuestion) -> str:
    money = format_money(q.low * q.rule.discount_per_point, q.currency)
    most = format_money(q.high * q.rule.discount_per_point, q.currency)
    lines = [
        tr("{low} to {high} points ({money} to {most}), steps of {step}.").format(
            low=number(q.low), high=number(q.high), money=money, most=most, step=number(q.step)
        ),
        tr("Balance: {n} point(s).", "", q.balance).format(n=number(q.balance)),
    ]
    if q.cap is not None:
        lines.append(
            tr("Offline: at most {n} point(s) now (the offline policy).", "", q.cap).format(
                n=number(q.cap)
            )
        )
    return "\n".join(lines)


class PayPointsDialog(QDialog):
    def __init__(self, parent: QWidget | None, question: PayPointsQuestion) -> None:
        super().__init__(parent)
        self.question = q = question
        self.quote: pwp.Quote | None = None
        self.setWindowTitle(q.title)
        self.by_amount = QRadioButton(tr("Amount to cover"))
        self.by_amount.setAccessibleName(tr("Type the amount to cover"))
        self.by_points = QRadioButton(tr("Points"))
        self.by_points.setAccessibleName(tr("Type the points"))
        self.by_amount.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_amount)
        group.addButton(self.by_points)
        self.typed = QLineEdit()
        self.typed.setAccessibleName(tr("Amount or points"))
        self.typed.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.typed.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9][0-9,]{0,12}"), self.typed)
        )
        self.limits = QLabel(limits_text(q))
        self.limits.setObjectName("hint")
        self.limits.setTextFormat(Qt.TextFormat.PlainText)
        self.limits.setWordWrap(True)  # French runs longer: wrapped, never cut off
        self.figures = QLabel()
        self.figures.setObjectName("sectionTitle")  # the answer, in larger type
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        self.figures.setAccessibleName(tr("Points and discount"))
        self.note = QLabel()  # why the points differ from what was typed
        self.note.setObjectName("hint")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.after = QLabel()
        self.after.setTextFormat(Qt.TextFormat.PlainText)
        self.after.setAccessibleName(tr("Balance after"))
        row, self.problem = with_problem(self.typed)
        switch = QHBoxLayout()  # the switch: one row, either way in
        switch.addWidget(self.by_amount)
        switch.addWidget(self.by_points)
        switch.addStretch(1)
        self.field_label = QLabel()
        form = QFormLayout()
        form.addRow(switch)  # the whole width: both choices readable at any scale
        form.addRow(self.field_label, row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.limits)
        layout.addWidget(self.figures)
        layout.addWidget(self.note)
        layout.addWidget(self.after)
        layout.addWidget(buttons(self, tr("Use points")))
        self.typed.textChanged.connect(self.update_figures)
        self.by_points.toggled.connect(self.update_figures)
        self.setMinimumWidth(max(520, self.fontMetrics().averageCharWidth() * 64))
        self.update_figures()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.typed.setFocus()
        fit(self)

    def _value(self) -> int | None:
        text = self.typed.text().strip().replace(",", "")
        return int(text) if text.isdigit() and text.isascii() else None

    def update_figures(self) -> None:
        q, value = self.question, self._value()
        by_points = self.by_points.isChecked()
        amount = tr("Amount ({currency}):").format(currency=q.currency)
        self.field_label.setText(tr("Points:") if by_points else amount)
        example = "500" if by_points else "2500"
        self.typed.setPlaceholderText(tr("e.g. {example}").format(example=example))
        self.quote = None
        for label in (self.figures, self.note, self.after):
            label.setText("")
        if value is None:
            self._say(self.problem, "")
            return
        found = quote_for(q, value, self.by_amount.isChecked())
        if isinstance(found, pwp.NoFit):
            self._say(self.problem, found.reason)
            return
        self._say(self.problem, "")
        self.quote = found
        discount = format_money(found.discount, q.currency)
        note = ""
        if found.snapped and self.by_points.isChecked():
            note = tr("Not {value}: steps of {step}, from {low} to {high}.").format(
                value=number(value), step=number(q.step), low=number(q.low), high=number(q.high)
            )
        elif found.snapped:
            rest = format_money(max(0, value - found.discount), q.currency)
            note = tr("The customer pays the other {rest} another way.").format(rest=rest)
        self.figures.setText(
            tr("{n} point(s) = {discount} off", "", found.points).format(
                n=number(found.points), discount=discount
            )
        )
        self.note.setText(note)
        after = found.balance_after
        self.after.setText(tr("Balance after: {n} point(s)", "", after).format(n=number(after)))
        if self.isVisible():
            fit(self)  # a wrapped note takes its lines

    def _say(self, problem: FieldProblem, text: str) -> None:
        if problem.text() != text:
            problem.say(text)
            fit(self)

    def accept(self) -> None:
        if self.quote is None:
            if not self.problem.text():
                self._say(self.problem, tr("Type the amount to cover or the points."))
            self.typed.setFocus()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, question: PayPointsQuestion) -> pwp.Quote | None:
        dialog = cls(parent, question)
        return dialog.quote if shown(dialog) == QDialog.DialogCode.Accepted else None
