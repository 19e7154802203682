"""Dialogs: confirm a redemption, award points, enrol a customer, first-run setup."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..domain import phones
from ..domain.money import format_money
from ..services import points, validate
from ..services.errors import BadInput
from .answers import (
    AdjustAnswer,
    ApprovalAnswer,
    AwardAnswer,
    EnrolAnswer,
    EnrolQuestion,
    RedeemQuestion,
)
from .touch import date_picker


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
        title = QLabel(
            f"Redeem <b>{html.escape(q.reward_name)}</b> for <b>{html.escape(q.customer_name)}</b>?"
        )
        title.setObjectName("dialogTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        form = QFormLayout()
        form.addRow("Worth:" if q.item else "Discount:", QLabel(f"<b>{q.discount}</b>"))
        form.addRow("Points:", QLabel(f"{q.points:,}"))
        form.addRow("Balance now:", QLabel(f"{q.balance_before:,}"))
        form.addRow("Balance after:", QLabel(f"<b>{q.balance_after:,}</b>"))
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Redeem"))
        self.setMinimumWidth(420)

    @classmethod
    def ask(cls, parent: QWidget, question: RedeemQuestion) -> bool:
        return cls(parent, question).exec() == QDialog.DialogCode.Accepted


class FieldProblem(QLabel):
    """What is wrong with one field, in plain words, right under it. Hidden while there is
    nothing to say; it wraps (never cut off) and goes as soon as the field is changed."""

    def __init__(self, field: QWidget) -> None:
        super().__init__()
        self.field = field
        self.setObjectName("problem")
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        # A screen reader reads it with the field.
        self.field.setAccessibleDescription(text)


def _with_problem(field: QWidget) -> tuple[QWidget, FieldProblem]:
    """The field with its problem line under it, as one form row."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    problem = FieldProblem(field)
    column.addWidget(problem)
    return box, problem


def _fit(dialog: QDialog) -> None:
    """Grow the dialog to what its (wrapped) lines now need: no problem text cut off."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    if not dialog.isVisible() or not layout.hasHeightForWidth():
        dialog.adjustSize()
        return
    # Wrapped lines: the height they need at the dialog's width (adjustSize would take
    # the narrower hint's width, and leave a gap or cut a line).
    # The layout's own minimum guesses a narrower width for wrapped lines (too tall): the
    # dialog's minimum is set here instead, to what its lines need at its width.
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    width = dialog.width()
    height = layout.totalHeightForWidth(width)
    dialog.setMinimumHeight(height)
    dialog.resize(width, height)


def _first_problem(problems: list[FieldProblem]) -> FieldProblem | None:
    return next((p for p in problems if p.text()), None)


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
        amount_row, self.amount_problem = _with_problem(self.amount)
        reason_row, self.reason_problem = _with_problem(self.reason)
        form = QFormLayout()
        form.addRow(self.by_purchase)
        form.addRow(self.by_points)
        form.addRow("Amount:", amount_row)
        form.addRow("", self.preview)
        form.addRow("Reason:", reason_row)
        form.addRow(self.bonus)
        form.addRow(self.expires, self.expiry_date)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Award"))
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
            _fit(self)

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
        first = _first_problem([self.amount_problem, self.reason_problem])
        if first is not None:
            first.field.setFocus()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, customer_name: str, naira_per_point: int) -> AwardAnswer | None:
        dialog = cls(parent, customer_name, naira_per_point)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class EnrolDialog(QDialog):
    """Each field is checked where it is typed; the form never closes with a problem, and
    opens again as typed when the backend refuses it (a phone number already taken)."""

    FIELDS = ("name", "phone", "email", "card_number")

    def __init__(self, parent: QWidget, question: EnrolQuestion | None = None) -> None:
        super().__init__(parent)
        self.question = question or EnrolQuestion()
        self.region = self.question.phone_region
        self.setWindowTitle("Enrol a new customer")
        layout = QVBoxLayout(self)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(f"e.g. {phones.example(self.region)}")
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.email = QLineEdit()
        self.email.setPlaceholderText("e.g. ada@example.com")
        self.email.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.card = QLineEdit()
        self.card.setPlaceholderText("scan the new card")
        self.phone_saved_as = QLabel()  # "Saved as +234 803 123 4567"
        self.phone_saved_as.setObjectName("hint")
        self.phone_saved_as.hide()
        self.problems: dict[str, FieldProblem] = {}
        form = QFormLayout()
        for key, label, edit in (
            ("name", "Name:", self.name),
            ("phone", "Phone:", self.phone),
            ("email", "Email:", self.email),
            ("card_number", "Card number:", self.card),
        ):
            edit.setAccessibleName(label.rstrip(":"))
            row, self.problems[key] = _with_problem(edit)
            if key == "phone":
                row.layout().addWidget(self.phone_saved_as)  # type: ignore[union-attr]
            form.addRow(label, row)
            edit.textChanged.connect(lambda _, k=key: self._changed(k))
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Enrol"))
        self.setMinimumWidth(500)
        typed = self.question.typed
        if typed is not None:
            self.name.setText(typed.name)
            self.phone.setText(typed.phone)
            self.email.setText(typed.email)
            self.card.setText(typed.card_number)
        for key, text in self.question.problems.items():
            if key in self.problems:
                self.problems[key].say(text)
        self.phone.editingFinished.connect(self._phone_done)
        self._phone_done()
        _fit(self)
        self.first_to_fill().setFocus()

    def edits(self) -> dict[str, QLineEdit]:
        return dict(zip(self.FIELDS, (self.name, self.phone, self.email, self.card), strict=True))

    def first_to_fill(self) -> QLineEdit:
        """The first field with a problem, else the first empty one (the name)."""
        edits = self.edits()
        first = _first_problem(list(self.problems.values()))
        if first is not None and isinstance(first.field, QLineEdit):
            return first.field
        return next((e for e in edits.values() if not e.text().strip()), self.name)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.first_to_fill().setFocus()
        _fit(self)

    def _changed(self, key: str) -> None:
        if self.problems[key].text():
            self.problems[key].say("")
            _fit(self)
        if key == "phone":
            self._saved_as("")

    def _saved_as(self, text: str) -> None:
        self.phone_saved_as.setText(text)
        self.phone_saved_as.setVisible(bool(text))
        _fit(self)

    def _phone_done(self) -> None:
        """Once the phone is typed: how it will be stored, or what is wrong with it."""
        text = self.phone.text().strip()
        if not text or self.problems["phone"].text():
            self._saved_as("")
            return
        try:
            e164 = validate.phone(text, self.region)
        except BadInput as error:
            self._saved_as("")
            self.problems["phone"].say(error.message)
            _fit(self)
            return
        if e164 is not None:
            self._saved_as(f"Saved as {phones.shown(e164, '')}")

    def typed(self) -> EnrolAnswer:
        return EnrolAnswer(
            self.name.text().strip(),
            self.phone.text().strip(),
            self.email.text().strip(),
            self.card.text().strip(),
        )

    def accept(self) -> None:
        typed = self.typed()
        found = points.enrol_problems(
            typed.name,
            email=typed.email,
            phone=typed.phone,
            card_number=typed.card_number,
            region=self.region,
        )
        for key, problem in self.problems.items():
            problem.say(found.get(key, ""))
        _fit(self)
        if found:
            self.first_to_fill().setFocus()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, question: EnrolQuestion | None = None) -> EnrolAnswer | None:
        d = cls(parent, question)
        if d.exec() != QDialog.DialogCode.Accepted:
            return None
        return d.typed()


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
        from .views.signin import Keypad, digits_only

        self.setWindowTitle("Manager approval")
        layout = QVBoxLayout(self)
        title = QLabel(f"A manager must approve: <b>{html.escape(what)}</b>")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.manager = QComboBox()
        self.manager.setAccessibleName("Manager")
        self.manager.setEditable(not managers)
        self.manager.addItems(managers)
        self.manager.setAccessibleName("Manager")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName("Manager's PIN")
        digits_only(self.pin)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why (kept in the audit log)")
        self.reason.setAccessibleName("Reason")
        manager_row, self.manager_problem = _with_problem(self.manager)
        reason_row, self.reason_problem = _with_problem(self.reason)
        pin_row, self.pin_problem = _with_problem(self.pin)
        form = QFormLayout()
        form.addRow("Manager:", manager_row)
        form.addRow("Reason:", reason_row)
        form.addRow("PIN:", pin_row)
        layout.addLayout(form)
        keypad = Keypad(self.pin, self.accept)
        keypad.enter.setText("Approve")
        layout.addWidget(keypad)
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.rejected.connect(self.reject)
        layout.addWidget(cancel)
        self.setMinimumWidth(440)
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
            _fit(self)

    def first_to_fill(self) -> QWidget:
        """The first field with a problem, else the first empty one (a manager is chosen
        already when there are names to choose from: then the reason)."""
        first = _first_problem([self.manager_problem, self.reason_problem, self.pin_problem])
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
            "" if self.manager.currentText().strip() else "Type the manager's name."
        )
        try:
            validate.reason(self.reason.text(), required=True)
            self.reason_problem.say("")
        except BadInput as error:
            self.reason_problem.say(
                "Say why: it goes into the audit log."
                if not self.reason.text().strip()
                else error.message
            )
        self.pin_problem.say("" if self.pin.text() else "The manager types their PIN.")
        _fit(self)
        if _first_problem([self.manager_problem, self.reason_problem, self.pin_problem]):
            self.first_to_fill().setFocus()
            return
        super().accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        what: str,
        managers: list[str],
        *,
        typed: ApprovalAnswer | None = None,
        problem: tuple[str, str] = ("", ""),
    ) -> ApprovalAnswer | None:
        d = cls(parent, what, managers, typed=typed, problem=problem)
        if d.exec() != QDialog.DialogCode.Accepted:
            return None
        return ApprovalAnswer(
            d.manager.currentText().strip(), d.pin.text(), d.reason.text().strip()
        )


class AdjustDialog(QDialog):
    """Points to add or (with -) take away, and why; checked as typed, and before closing."""

    def __init__(self, parent: QWidget, customer_name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Adjust {customer_name}'s points")
        layout = QVBoxLayout(self)
        self.points = QLineEdit()
        self.points.setPlaceholderText("e.g. -50 or 120")
        self.points.setAccessibleName("Points to add or take away")
        self.points.setValidator(
            QRegularExpressionValidator(QRegularExpression("[+\\-]?[0-9,]{0,15}"), self.points)
        )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. Card scanned twice")
        self.reason.setAccessibleName("Reason")
        points_row, self.points_problem = _with_problem(self.points)
        reason_row, self.reason_problem = _with_problem(self.reason)
        form = QFormLayout()
        form.addRow("Points (+ or -):", points_row)
        form.addRow("Reason:", reason_row)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Continue"))
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
            _fit(self)

    def points_problem_text(self) -> str:
        text = self.points.text().strip()
        if not text.lstrip("+-"):
            return "Type how many points to add, or - and how many to take away (e.g. -50)."
        try:
            validate.points(text, allow_negative=True)
        except BadInput as error:
            if "not be 0" in error.message:
                return "Type a number other than 0."
            if "at most" in error.message:
                return f"One adjustment is at most {validate.MAX_POINTS:,} points either way."
            return "Type a whole number of points, with - to take points away."
        return ""

    def _points_changed(self) -> None:
        text = self.points.text().strip()
        # As typed: only what is already certain ("0", too many); "-" alone is on its way.
        problem = self.points_problem_text() if text.lstrip("+-") else ""
        self._say(self.points_problem, problem)

    def reason_problem_text(self) -> str:
        if not self.reason.text().strip():
            return "Say why: it goes into the audit log."
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
        first = _first_problem([self.points_problem, self.reason_problem])
        if first is not None:
            first.field.setFocus()
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
