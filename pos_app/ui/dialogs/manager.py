"""What a manager types: an approval (name, PIN on a keypad, reason), and a points
adjustment."""

from __future__ import annotations

import html

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...i18n.formats import number
from ...services import validate
from ...services.errors import BadInput
from ..answers import (
    AdjustAnswer,
    ApprovalAnswer,
)
from ..i18n import tr
from .forms import FieldProblem, buttons, first_problem, fit, shown, tall_enough, with_problem


class ApprovalDialog(QDialog):
    """A manager approves at the counter: who, their PIN (keypad), and why."""

    def __init__(
        self,
        parent: QWidget,
        what: str,
        managers: list[str],
        *,
        typed: ApprovalAnswer | None = None,
        problem: tuple[str, str] = ("", ""),
    ) -> None:
        super().__init__(parent)
        from ..views.signin import Keypad, digits_only

        self.setWindowTitle(tr("Manager approval"))
        layout = QVBoxLayout(self)
        title = QLabel(tr("A manager must approve: <b>{what}</b>").format(what=html.escape(what)))
        title.setWordWrap(True)
        layout.addWidget(title)
        self.manager = QComboBox()
        self.manager.setEditable(not managers)
        self.manager.addItems(managers)
        self.manager.setAccessibleName(tr("Manager"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(tr("Manager's PIN"))
        digits_only(self.pin)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Why (kept in the audit log)"))
        self.reason.setAccessibleName(tr("Reason"))
        manager_row, self.manager_problem = with_problem(self.manager)
        reason_row, self.reason_problem = with_problem(self.reason)
        pin_row, self.pin_problem = with_problem(self.pin)
        form = QFormLayout()
        form.addRow(tr("Manager:"), manager_row)
        form.addRow(tr("Reason:"), reason_row)
        form.addRow(tr("PIN:"), pin_row)
        layout.addLayout(form)
        keypad = Keypad(self.pin, self.accept)
        keypad.enter.setText(tr("Approve"))
        layout.addWidget(keypad)
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.rejected.connect(self.reject)
        layout.addWidget(cancel)
        self.setMinimumWidth(max(440, self.fontMetrics().averageCharWidth() * 52))
        self.manager.currentTextChanged.connect(lambda _: self._clear(self.manager_problem))
        self.reason.textChanged.connect(lambda _: self._clear(self.reason_problem))
        self.pin.textChanged.connect(lambda _: self._clear(self.pin_problem))
        if typed is not None:  # asked again: the name and reason as typed, never the PIN
            if self.manager.findText(typed.manager) >= 0:
                self.manager.setCurrentText(typed.manager)
            elif self.manager.isEditable():
                self.manager.setEditText(typed.manager)
            self.reason.setText(typed.reason)
        field, words = problem
        if words:
            (self.manager_problem if field == "manager" else self.pin_problem).say(words)
        self.first_to_fill().setFocus()

    def _clear(self, problem: FieldProblem) -> None:
        if problem.text():
            problem.say("")
            fit(self)

    def first_to_fill(self) -> QWidget:
        """The first field with a problem, else the first empty one (a manager is chosen
        already when there are names to choose from: then the reason)."""
        first = first_problem([self.manager_problem, self.reason_problem, self.pin_problem])
        if first is not None:
            return first.field
        if not self.manager.currentText().strip():
            return self.manager
        return self.reason if not self.reason.text().strip() else self.pin

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        tall_enough(self)  # the keypad is never squeezed, even on a 1024x768 screen
        self.first_to_fill().setFocus()

    def accept(self) -> None:
        if self.focusWidget() is self.reason and self.reason.text().strip() and not self.pin.text():
            self.pin.setFocus()  # Enter after the reason: on to the PIN, nothing to fix yet
            return
        self.manager_problem.say(
            "" if self.manager.currentText().strip() else tr("Type the manager's name.")
        )
        try:
            validate.reason(self.reason.text(), required=True)
            self.reason_problem.say("")
        except BadInput as error:
            self.reason_problem.say(
                tr("Say why: it goes into the audit log.")
                if not self.reason.text().strip()
                else error.message
            )
        self.pin_problem.say("" if self.pin.text() else tr("The manager types their PIN."))
        fit(self)
        if first_problem([self.manager_problem, self.reason_problem, self.pin_problem]):
            self.first_to_fill().setFocus()
            return
        super().accept()

    def answer(self) -> ApprovalAnswer:
        """What was typed (`Prompts.approve` opens the dialog)."""
        return ApprovalAnswer(
            self.manager.currentText().strip(), self.pin.text(), self.reason.text().strip()
        )


class AdjustDialog(QDialog):
    """Points to add or (with -) take away, and why; checked as typed, and before closing."""

    def __init__(self, parent: QWidget, customer_name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Adjust {name}'s points").format(name=customer_name))
        layout = QVBoxLayout(self)
        self.points = QLineEdit()
        self.points.setPlaceholderText(tr("e.g. -50 or 120"))
        self.points.setAccessibleName(tr("Points to add or take away"))
        self.points.setValidator(
            QRegularExpressionValidator(QRegularExpression("[+\\-]?[0-9,]{0,15}"), self.points)
        )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("e.g. Card scanned twice"))
        self.reason.setAccessibleName(tr("Reason"))
        points_row, self.points_problem = with_problem(self.points)
        reason_row, self.reason_problem = with_problem(self.reason)
        form = QFormLayout()
        form.addRow(tr("Points (+ or -):"), points_row)
        form.addRow(tr("Reason:"), reason_row)
        layout.addLayout(form)
        layout.addWidget(buttons(self, tr("Continue")))
        self.setMinimumWidth(460)
        self.points.textChanged.connect(self._points_changed)
        self.reason.textChanged.connect(lambda _: self._say(self.reason_problem, ""))
        self.points.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.points.setFocus()

    def _say(self, problem: FieldProblem, text: str) -> None:
        if problem.text() != text:
            problem.say(text)
            fit(self)

    def points_problem_text(self) -> str:
        text = self.points.text().strip()
        if not text.lstrip("+-"):
            return tr("Type how many points to add, or - and how many to take away (e.g. -50).")
        try:
            validate.points(text, allow_negative=True)
        except BadInput as error:
            if error.code == "points_zero":
                return tr("Type a number other than 0.")
            if error.code == "points_too_large":
                return tr("One adjustment is at most {n} points either way.").format(
                    n=number(validate.MAX_POINTS)
                )
            return tr("Type a whole number of points, with - to take points away.")
        return ""

    def _points_changed(self) -> None:
        text = self.points.text().strip()
        # As typed: only what is already certain ("0", too many); "-" alone is on its way.
        problem = self.points_problem_text() if text.lstrip("+-") else ""
        self._say(self.points_problem, problem)

    def reason_problem_text(self) -> str:
        if not self.reason.text().strip():
            return tr("Say why: it goes into the audit log.")
        try:
            validate.reason(self.reason.text(), required=True)
        except BadInput as error:
            return error.message
        return ""

    def answer(self) -> AdjustAnswer | None:
        if self.points_problem_text() or self.reason_problem_text():
            return None
        value = validate.points(self.points.text(), allow_negative=True)
        return AdjustAnswer(value, self.reason.text().strip())

    def accept(self) -> None:
        self._say(self.points_problem, self.points_problem_text())
        self._say(self.reason_problem, self.reason_problem_text())
        first = first_problem([self.points_problem, self.reason_problem])
        if first is not None:
            first.field.setFocus()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, customer_name: str) -> AdjustAnswer | None:
        d = cls(parent, customer_name)
        return d.answer() if shown(d) == QDialog.DialogCode.Accepted else None
