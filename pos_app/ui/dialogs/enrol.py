"""Enrol a customer: name, phone, email, card, each checked as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain import phones
from ...services import points, validate
from ...services.errors import BadInput
from ..answers import (
    EnrolAnswer,
    EnrolQuestion,
)
from ..i18n import tr
from .forms import FieldProblem, buttons, first_problem, fit, shown, with_problem


class EnrolDialog(QDialog):
    """Each field is checked where it is typed; the form never closes with a problem, and
    opens again as typed when the backend refuses it (a phone number already taken)."""

    FIELDS = ("name", "phone", "email", "card_number")

    def __init__(self, parent: QWidget, question: EnrolQuestion | None = None) -> None:
        super().__init__(parent)
        self.question = question or EnrolQuestion()
        self.region = self.question.phone_region
        self.setWindowTitle(tr("Enrol a new customer"))
        layout = QVBoxLayout(self)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(
            tr("e.g. {example}").format(example=phones.example(self.region))
        )
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.email = QLineEdit()
        self.email.setPlaceholderText(tr("e.g. {example}").format(example="ada@example.com"))
        self.email.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.card = QLineEdit()
        self.card.setPlaceholderText(tr("scan the new card"))
        self.phone_saved_as = QLabel()  # "Saved as +234 803 123 4567"
        self.phone_saved_as.setObjectName("hint")
        self.phone_saved_as.hide()
        self.problems: dict[str, FieldProblem] = {}
        form = QFormLayout()
        for key, label, name, edit in (
            ("name", tr("Name:"), tr("Name"), self.name),
            ("phone", tr("Phone:"), tr("Phone"), self.phone),
            ("email", tr("Email:"), tr("Email"), self.email),
            ("card_number", tr("Card number:"), tr("Card number"), self.card),
        ):
            edit.setAccessibleName(name)
            row, self.problems[key] = with_problem(edit)
            if key == "phone":
                row.layout().addWidget(self.phone_saved_as)  # type: ignore[union-attr]
            form.addRow(label, row)
            edit.textChanged.connect(lambda _, k=key: self._changed(k))
        layout.addLayout(form)
        layout.addWidget(buttons(self, tr("Enrol")))
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
        fit(self)
        self.first_to_fill().setFocus()

    def edits(self) -> dict[str, QLineEdit]:
        return dict(zip(self.FIELDS, (self.name, self.phone, self.email, self.card), strict=True))

    def first_to_fill(self) -> QLineEdit:
        """The first field with a problem, else the first empty one (the name)."""
        edits = self.edits()
        first = first_problem(list(self.problems.values()))
        if first is not None and isinstance(first.field, QLineEdit):
            return first.field
        return next((e for e in edits.values() if not e.text().strip()), self.name)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.first_to_fill().setFocus()
        fit(self)

    def _changed(self, key: str) -> None:
        if self.problems[key].text():
            self.problems[key].say("")
            fit(self)
        if key == "phone":
            self._saved_as("")

    def _saved_as(self, text: str) -> None:
        self.phone_saved_as.setText(text)
        self.phone_saved_as.setVisible(bool(text))
        fit(self)

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
            fit(self)
            return
        if e164 is not None:
            self._saved_as(tr("Saved as {phone}").format(phone=phones.shown(e164, "")))

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
        fit(self)
        if found:
            self.first_to_fill().setFocus()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget, question: EnrolQuestion | None = None) -> EnrolAnswer | None:
        d = cls(parent, question)
        if shown(d) != QDialog.DialogCode.Accepted:
            return None
        return d.typed()
