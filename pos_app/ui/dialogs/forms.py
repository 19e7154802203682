"""The parts every form dialog is made of: OK/Cancel buttons, a field with its problem
line under it, figures as plain text (one, or rows of them), and growing to fit what
wrapped lines need."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr


def buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
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
        button.setIcon(QIcon())  # words only (see `shown`)
    return box


def plain(text: str = "", *, style: str = "", name: str = "") -> QLabel:
    """A figure or a line of words as it is: never read as rich text (order numbers and
    reasons are typed, or come from the backend), wrapped rather than cut off. `style` is
    its object name for the theme, `name` what a screen reader calls it."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if style:
        label.setObjectName(style)
    if name:
        label.setAccessibleName(name)
    return label


def figure_rows(
    rows: Sequence[tuple[str, str]], styles: dict[str, str] | None = None
) -> QGridLayout:
    """Figures as rows of "What:  value" (a return's: the sale, what it earned, what was
    taken back...); each value is named for a screen reader by its label, and `styles`
    gives some of them an object name ({"Takes back": "takesBack"})."""
    grid = QGridLayout()
    for row, (what, value) in enumerate(rows):
        grid.addWidget(plain(tr("{what}:").format(what=what)), row, 0)
        grid.addWidget(plain(value, style=(styles or {}).get(what, ""), name=what), row, 1)
    grid.setColumnStretch(1, 1)
    return grid


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


def with_problem(field: QWidget) -> tuple[QWidget, FieldProblem]:
    """The field with its problem line under it, as one form row."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    problem = FieldProblem(field)
    column.addWidget(problem)
    return box, problem


def fit(dialog: QDialog) -> None:
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


def shown(dialog: QDialog) -> int:
    """`dialog.exec()`, and the dialog deleted afterwards (once its caller has read it and
    returned to the event loop): a closed dialog would otherwise stay in the window,
    hidden, with the customer's figures in it, and one more for every use.
    Its buttons are words only: a desktop theme's stock icons (a check mark, a cross) were
    squeezed against the words, and the till's other buttons have none."""
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            button.setIcon(QIcon())
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def first_problem(problems: list[FieldProblem]) -> FieldProblem | None:
    return next((p for p in problems if p.text()), None)


def say(dialog: QDialog, problem: FieldProblem, text: str) -> None:
    """`text` under its field (empty: the field is fine), the dialog refitted if it changed."""
    if problem.text() != text:
        problem.say(text)
        fit(dialog)


def all_fine(dialog: QDialog, problems: list[tuple[FieldProblem, str]]) -> bool:
    """Each problem said under its field and the first field focused; True when there is
    none, for `accept` to go on."""
    for problem, text in problems:
        say(dialog, problem, text)
    first = first_problem([problem for problem, _ in problems])
    if first is not None:
        first.field.setFocus()
    return first is None


def tall_enough(dialog: QDialog) -> None:
    """A dialog is opened no taller than 2/3 of the screen unless its minimum says more, and
    that minimum leaves out the second line of a wrapped title: on a 1024x768 screen the
    approval keypad came out 19 px short, its keys below their size. Grow to fit."""
    layout = dialog.layout()
    if layout is not None and layout.hasHeightForWidth():
        need = layout.totalHeightForWidth(dialog.width())
        if dialog.height() < need:
            dialog.resize(dialog.width(), need)
