"""Award points: for a sale (the receipt's order number and amount; points from the earn
rate of config.toml [earn] with the customer's tier multiplier, shown as typed), or a bonus
with no sale (points and a reason)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import shiboken6
from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.earning import points_for
from ...domain.money import format_money
from ...i18n.formats import number
from ...services import validate
from ...services.errors import BadInput
from ..answers import AwardAnswer, AwardQuestion, SaleAnswer
from ..i18n import tr
from ..touch import date_picker
from .forms import FieldProblem, all_fine, buttons, fit, plain, say, shown, with_problem

_DIGITS = QRegularExpression("[0-9][0-9,]{0,15}")
_ORDER = QRegularExpression("[!-~][ -~]{0,63}")  # printable ASCII, as the contract


def _digits(field: QLineEdit, name: str) -> QLineEdit:
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    # Digits (and the thousands commas people type); letters never reach the field.
    field.setValidator(QRegularExpressionValidator(_DIGITS, field))
    field.setAccessibleName(name)
    return field


def _too_many() -> str:
    return tr("That is more than one award can give: at most {n} points.").format(
        n=number(validate.MAX_POINTS)
    )


def _number(field: QLineEdit) -> int | None:
    text = field.text().strip().replace(",", "")
    return int(text) if text.isdigit() and text.isascii() else None


class AwardDialog(QDialog):
    """Sale or bonus, switched at the top. Every field is checked as it is typed, and again
    before the dialog closes; an order that already earned here is said under its field."""

    def __init__(self, parent: QWidget, question: AwardQuestion | str) -> None:
        super().__init__(parent)
        q = question if isinstance(question, AwardQuestion) else AwardQuestion(question)
        self.question = q
        self.currency = q.earn.currency
        self.rate = q.earn.rate(self.currency)
        self.multiplier = q.earn.multiplier(q.tier_id)
        self._order_note = ""
        self.setWindowTitle(tr("Award points to {name}").format(name=q.customer_name))
        layout = QVBoxLayout(self)

        self.by_sale = QRadioButton(tr("Sale"))
        self.by_sale.setAccessibleName(tr("Award for a sale"))
        self.by_points = QRadioButton(tr("Bonus / no sale"))
        self.by_points.setAccessibleName(tr("Bonus points, no sale"))
        group = QButtonGroup(self)
        group.addButton(self.by_sale)
        group.addButton(self.by_points)
        self.by_sale.setChecked(True)
        switch = QHBoxLayout()
        switch.addWidget(self.by_sale)
        switch.addWidget(self.by_points)
        switch.addStretch(1)
        layout.addLayout(switch)

        # ---- a sale
        self.sale_box = QWidget()
        sale_form = QFormLayout(self.sale_box)
        sale_form.setContentsMargins(0, 0, 0, 0)
        self.order = QLineEdit()
        self.order.setPlaceholderText(tr("Scan or type the receipt's order number"))
        self.order.setValidator(QRegularExpressionValidator(_ORDER, self.order))
        self.order.setAccessibleName(tr("Order number"))
        self.amount = _digits(
            QLineEdit(), tr("Sale amount in {currency}").format(currency=self.currency)
        )
        self.amount.setPlaceholderText(tr("e.g. {example}").format(example="12500"))
        self.preview = plain(style="earnPreview", name=tr("Points for this sale"))  # ₦ → points
        self.preview.hide()
        order_row, self.order_problem = with_problem(self.order)
        amount_row, self.amount_problem = with_problem(self.amount)
        sale_form.addRow(tr("Order number:"), order_row)
        sale_form.addRow(tr("Amount ({currency}):").format(currency=self.currency), amount_row)
        sale_form.addRow("", self.preview)
        sale_form.addRow("", plain(self._rate_words(), style="hint"))

        # ---- a bonus, no sale
        self.bonus_box = QWidget()
        bonus_form = QFormLayout(self.bonus_box)
        bonus_form.setContentsMargins(0, 0, 0, 0)
        self.points_field = _digits(QLineEdit(), tr("Points"))
        self.points_field.setPlaceholderText(tr("e.g. {example}").format(example="200"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Why, e.g. Birthday bonus"))
        self.reason.setAccessibleName(tr("Reason"))
        self.expires = QCheckBox(tr("Points expire on"))
        self.expiry_date = date_picker(
            QDateEdit(QDate.currentDate().addMonths(6)), tr("Expiry date")
        )
        self.expiry_date.setMinimumDate(QDate.currentDate())
        self.expiry_date.setEnabled(False)
        self.expires.toggled.connect(self.expiry_date.setEnabled)
        points_row, self.points_problem = with_problem(self.points_field)
        reason_row, self.reason_problem = with_problem(self.reason)
        bonus_form.addRow(tr("Points:"), points_row)
        bonus_form.addRow(tr("Reason:"), reason_row)
        bonus_form.addRow(self.expires, self.expiry_date)
        self.bonus_box.hide()

        layout.addWidget(self.sale_box)
        layout.addWidget(self.bonus_box)
        layout.addStretch(1)
        layout.addWidget(buttons(self, tr("Award", "action")))
        self.order.textChanged.connect(self._order_changed)
        self.amount.textChanged.connect(self._update_preview)
        self.points_field.textChanged.connect(self._points_changed)
        self.reason.textChanged.connect(lambda _: say(self, self.reason_problem, ""))
        self.by_sale.toggled.connect(self._switched)
        self.setMinimumWidth(max(520, self.fontMetrics().averageCharWidth() * 64))
        self.order.setFocus()  # the first thing to fill in: a scanned receipt lands there

    # ---------------------------------------------------------------- showing
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._first_field().setFocus()

    def take_scan(self, text: str) -> None:
        """A barcode scan (ui/scanner.py), whatever had the focus: the receipt's order
        number, into the order field of a sale; then the amount is next."""
        self.by_sale.setChecked(True)
        self.order.setText(text)
        self.amount.setFocus()

    def _first_field(self) -> QLineEdit:
        return self.order if self.by_sale.isChecked() else self.points_field

    def _switched(self) -> None:
        sale = self.by_sale.isChecked()
        self.sale_box.setVisible(sale)
        self.bonus_box.setVisible(not sale)
        self._first_field().setFocus()
        fit(self)

    def _rate_words(self) -> str:
        if self.rate is None:
            return tr("No earn rate for {currency} in config.toml [earn].").format(
                currency=self.currency
            )
        rate = self.rate.describe(self.currency)
        if self.multiplier == 1:
            return tr("Earn rate: {rate}.").format(rate=rate)
        tier = self.question.tier_name or self.question.tier_id
        return tr("Earn rate: {rate}, x {multiplier} for {tier}.").format(
            rate=rate, multiplier=f"{float(self.multiplier):g}", tier=tier
        )

    # ---------------------------------------------------------------- a sale
    def _order_changed(self, text: str) -> None:
        self._order_note = ""
        say(self, self.order_problem, "")
        check = self.question.check_order
        if check is not None and text.strip():
            check(text.strip(), self._order_checked)

    def _order_checked(self, order: str, note: str) -> None:
        # The check ran off the UI thread: a lock or a sign-out may have closed and deleted
        # the dialog since, or the cashier typed on. Either way the answer is stale.
        if not shiboken6.isValid(self.order) or order != self.order.text().strip():
            return
        self._order_note = note
        say(self, self.order_problem, note)

    def sale_points(self) -> int | None:
        amount = _number(self.amount)
        if amount is None or self.rate is None:
            return None
        return points_for(amount, self.rate, self.multiplier)

    def order_problem_text(self) -> str:
        text = self.order.text()
        if not text.strip():
            return tr("Scan or type the receipt's order number.")
        try:
            validate.order_id(text)
        except BadInput as error:
            return error.message
        return self._order_note

    def amount_problem_text(self) -> str:
        """What is wrong with the sale's amount, in words ("" when nothing is)."""
        if self.rate is None:
            return self._rate_words()
        amount = _number(self.amount)
        least = format_money(-(-self.rate.per // self.rate.points), self.currency)
        if not self.amount.text().strip():
            return tr("Type the sale's amount in {currency}.").format(currency=self.currency)
        if amount is None:
            return tr("Type digits only.")
        got = self.sale_points() or 0
        if got <= 0:
            return tr("A sale under {least} earns no points.").format(least=least)
        if got > validate.MAX_POINTS:
            return _too_many()
        return ""

    def _update_preview(self) -> None:
        problem = self.amount_problem_text() if self.amount.text().strip() else ""
        got, amount = self.sale_points(), _number(self.amount)
        if got is None or amount is None or problem:
            self.preview.setText("")
        else:
            self.preview.setText(
                tr("{amount} \u2192 {n} point(s)", "", got).format(
                    amount=format_money(amount, self.currency), n=number(got)
                )
            )
        self.preview.setVisible(bool(self.preview.text()))
        say(self, self.amount_problem, problem)

    # ---------------------------------------------------------------- a bonus
    def _points_changed(self) -> None:
        problem = self.points_problem_text() if self.points_field.text().strip() else ""
        say(self, self.points_problem, problem)

    def points_problem_text(self) -> str:
        value = _number(self.points_field)
        if not self.points_field.text().strip():
            return tr("Type how many points to give.")
        if value is None:
            return tr("Type digits only.")
        if value <= 0:
            return tr("Type at least 1 point.")
        if value > validate.MAX_POINTS:
            return _too_many()
        return ""

    def reason_problem_text(self) -> str:
        try:
            validate.reason(self.reason.text(), required=True)
        except BadInput as error:
            return error.message
        return ""

    def _expiry(self) -> datetime | None:
        if not self.expires.isChecked():
            return None
        chosen = self.expiry_date.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        return datetime.combine(day, time(23, 59, 59)).astimezone(UTC)

    # ---------------------------------------------------------------- the answer
    def points(self) -> int | None:
        return self.sale_points() if self.by_sale.isChecked() else _number(self.points_field)

    def _problems(self) -> list[tuple[FieldProblem, str]]:
        if self.by_sale.isChecked():
            return [
                (self.order_problem, self.order_problem_text()),
                (self.amount_problem, self.amount_problem_text()),
            ]
        return [
            (self.points_problem, self.points_problem_text()),
            (self.reason_problem, self.reason_problem_text()),
        ]

    def answer(self) -> AwardAnswer | None:
        value = self.points()
        if value is None or any(text for _, text in self._problems()):
            return None
        if self.by_sale.isChecked():
            order, amount = self.order.text().strip(), _number(self.amount) or 0
            sale = SaleAnswer(order, amount, self.currency)
            return AwardAnswer(value, f"Purchase {order}", False, None, sale)
        return AwardAnswer(value, self.reason.text().strip(), True, self._expiry())

    def accept(self) -> None:
        if all_fine(self, self._problems()):
            super().accept()

    @classmethod
    def ask(cls, parent: QWidget, question: AwardQuestion) -> AwardAnswer | None:
        dialog = cls(parent, question)
        return dialog.answer() if shown(dialog) == QDialog.DialogCode.Accepted else None
