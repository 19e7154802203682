"""Take back a return: the original sale's order number and the amount returned, then
(ReturnConfirmDialog) what the sale earned, what was already taken back and what this
return takes back, before confirming."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.money import format_money
from ...domain.returns import ReturnFigures
from ...i18n.formats import number
from ...services import validate
from ...services.errors import BadInput
from ..answers import ReturnAnswer, ReturnQuestion
from ..i18n import tr
from .forms import (
    FieldProblem,
    all_fine,
    buttons,
    figure_rows,
    first_problem,
    fit,
    plain,
    say,
    shown,
)


def _points(n: int) -> str:
    return tr("{n} point(s)", "", n).format(n=number(n))


class ReturnDialog(QDialog):
    """The order and the amount returned, checked as typed; again as typed with the
    problem under its field when the terminal or the backend refused it."""

    def __init__(self, parent: QWidget, question: ReturnQuestion | None = None) -> None:
        super().__init__(parent)
        q = question or ReturnQuestion()
        self.currency = q.currency
        self.setWindowTitle(
            tr("Take back a return for {name}").format(name=q.customer_name)
            if q.customer_name
            else tr("Take back a return")
        )
        layout = QVBoxLayout(self)
        self.order = QLineEdit()
        self.order.setPlaceholderText(tr("The receipt's order number"))
        self.order.setValidator(
            QRegularExpressionValidator(QRegularExpression("[!-~][ -~]{0,63}"), self.order)
        )
        self.order.setAccessibleName(tr("Order number of the sale"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(tr("e.g. {example}").format(example="2500"))
        self.amount.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.amount.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9][0-9,]{0,15}"), self.amount)
        )
        self.amount.setAccessibleName(
            tr("Amount returned in {currency}").format(currency=self.currency)
        )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Optional, e.g. Damaged"))
        self.reason.setAccessibleName(tr("Reason for the return"))
        self.order_problem = FieldProblem(self.order)
        self.amount_problem = FieldProblem(self.amount)
        self.reason_problem = FieldProblem(self.reason)
        # Each label above its field: the problem lines under them wrap at the dialog's
        # whole width (a form's second column mis-measures wrapped lines).
        for text, problem in (
            (tr("Order number of the sale:"), self.order_problem),
            (
                tr("Amount returned ({currency}):").format(currency=self.currency),
                self.amount_problem,
            ),
            (tr("Reason (optional):"), self.reason_problem),
        ):
            label = QLabel(text)
            label.setBuddy(problem.field)
            layout.addWidget(label)
            layout.addWidget(problem.field)
            layout.addWidget(problem)
        layout.addStretch(1)
        layout.addWidget(buttons(self, tr("Continue")))
        self.order.textChanged.connect(lambda _: say(self, self.order_problem, ""))
        self.amount.textChanged.connect(lambda _: say(self, self.amount_problem, ""))
        self.reason.textChanged.connect(lambda _: say(self, self.reason_problem, ""))
        self.setMinimumWidth(max(520, self.fontMetrics().averageCharWidth() * 64))
        if q.typed is not None:
            self.order.setText(q.typed.order_id)
            self.amount.setText(f"{q.typed.amount}")
            self.reason.setText(q.typed.reason)
        for name, problem in (
            ("order", self.order_problem),
            ("amount", self.amount_problem),
            ("reason", self.reason_problem),
        ):
            if q.problems.get(name):
                problem.say(q.problems[name])
        fit(self)

    def take_scan(self, text: str) -> None:
        """A barcode scan (ui/scanner.py), whatever had the focus: the receipt's order
        number, into the order field; then the amount is next."""
        self.order.setText(text)
        self.amount.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first = first_problem([self.order_problem, self.amount_problem, self.reason_problem])
        (first.field if first is not None else self.order).setFocus()
        fit(self)

    def _problems(self) -> list[tuple[FieldProblem, str]]:
        found: list[tuple[FieldProblem, str]] = []
        for problem, check in (
            (self.order_problem, lambda: validate.order_id(self.order.text())),
            (
                self.amount_problem,
                lambda: validate.amount(self.amount.text(), what="The returned amount"),
            ),
            (self.reason_problem, lambda: validate.reason(self.reason.text(), required=False)),
        ):
            try:
                check()
                found.append((problem, ""))
            except BadInput as error:
                found.append((problem, error.message))
        return found

    def answer(self) -> ReturnAnswer | None:
        if any(text for _, text in self._problems()):
            return None
        amount = validate.amount(self.amount.text(), what="The returned amount")
        return ReturnAnswer(self.order.text().strip(), amount, self.reason.text().strip())

    def accept(self) -> None:
        if all_fine(self, self._problems()):
            super().accept()

    @classmethod
    def ask(cls, parent: QWidget, question: ReturnQuestion) -> ReturnAnswer | None:
        dialog = cls(parent, question)
        return dialog.answer() if shown(dialog) == QDialog.DialogCode.Accepted else None


class ReturnConfirmDialog(QDialog):
    """The figures of a return before it is made: the sale, what it earned, what earlier
    returns took back, and what this one takes back (None: the order earned at another
    till and the backend could not be asked: it works them out)."""

    def __init__(
        self, parent: QWidget, order_id: str, returned: int, figures: ReturnFigures | None,
        currency: str = "NGN",
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(tr("Return on order {order}").format(order=order_id))
        layout = QVBoxLayout(self)
        self.figures = figures
        if figures is None:
            layout.addWidget(
                plain(
                    tr(
                        "Return of {amount} on order {order}. This order did not earn on this "
                        "terminal: the loyalty service works out the points to take back."
                    ).format(amount=format_money(returned, currency), order=order_id)
                )
            )
        else:
            money = figures.currency or currency
            title = plain(
                tr("Order {order}: return of {amount}").format(
                    order=order_id, amount=format_money(returned, money)
                ),
                style="sectionTitle",
            )
            layout.addWidget(title)
            before = (
                tr(
                    "{n} point(s) (for {amount} returned before)", "", figures.taken_back_before
                ).format(
                    n=number(figures.taken_back_before),
                    amount=format_money(figures.returned_before, money),
                )
                if figures.returned_before
                else tr("nothing yet")
            )
            takes_back = tr("Takes back")
            rows = [
                (tr("Sale"), format_money(figures.sale_amount, money)),
                (tr("The sale earned"), _points(figures.earned)),
                (tr("Already taken back"), before),
                (tr("This return"), format_money(figures.returned, money)),
                (takes_back, _points(figures.takes_back)),
            ]
            layout.addLayout(figure_rows(rows, {takes_back: "takesBack"}))
        layout.addStretch(1)
        layout.addWidget(buttons(self, tr("Take back")))
        self.setMinimumWidth(max(480, self.fontMetrics().averageCharWidth() * 64))
        fit(self)

    @classmethod
    def ask(
        cls, parent: QWidget, order_id: str, returned: int, figures: ReturnFigures | None,
        currency: str = "NGN",
    ) -> bool:  # fmt: skip
        return (
            shown(cls(parent, order_id, returned, figures, currency)) == QDialog.DialogCode.Accepted
        )
