"""Every question the GUI asks a person, behind one plain-Python seam. The real `Prompts`
opens dialogs; tests hand the main window a scripted one instead of clicking through modal
loops (and never patch Qt objects)."""

from __future__ import annotations

from abc import abstractmethod
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QDialog, QWidget

from . import dialogs  # each dialog's module loads when first asked for (dialogs/)
from .i18n import tr
from .notices import notice_of

# Loaded when first asked for, not at start-up: the boxes' classes (Qt makes each when first
# imported), and the answers' dataclasses (with the first question, ui/flows).
if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from ..domain.pay_with_points import Quote
    from ..services.redeem import RedeemResult
    from ..services.returns import ReturnPlan
    from .answers import (
        AdjustAnswer,
        ApprovalAnswer,
        AwardAnswer,
        AwardQuestion,
        EnrolAnswer,
        EnrolQuestion,
        PayPointsQuestion,
        RedeemQuestion,
        ReturnAnswer,
        ReturnQuestion,
    )


class PromptsProtocol(Protocol):
    """Every question the window asks a person. `Prompts` asks with dialogs; the tests'
    `ScriptedPrompts` answers from a script. Both derive from this, so a question added
    here and not to either is an abstract method left (mypy says so, and the class
    cannot be made)."""

    @abstractmethod
    def confirm_redeem(self, parent: QWidget, question: RedeemQuestion) -> bool: ...

    @abstractmethod
    def award(self, parent: QWidget, question: AwardQuestion) -> AwardAnswer | None: ...

    @abstractmethod
    def take_return(self, parent: QWidget, question: ReturnQuestion) -> ReturnAnswer | None: ...

    @abstractmethod
    def confirm_return(self, parent: QWidget, plan: ReturnPlan, currency: str) -> bool: ...

    @abstractmethod
    def pay_points(self, parent: QWidget, question: PayPointsQuestion) -> Quote | None: ...

    @abstractmethod
    def confirm_award(self, parent: QWidget, text: str) -> bool: ...

    @abstractmethod
    def enrol(self, parent: QWidget, question: EnrolQuestion) -> EnrolAnswer | None: ...

    @abstractmethod
    def error(self, parent: QWidget, title: str, message: str) -> None: ...

    @abstractmethod
    def info(self, parent: QWidget, title: str, message: str) -> None: ...

    @abstractmethod
    def approve(
        self,
        parent: QWidget,
        what: str,
        managers: list[str],
        *,
        typed: ApprovalAnswer | None = None,
        problem: tuple[str, str] = ("", ""),
    ) -> ApprovalAnswer | None: ...

    @abstractmethod
    def adjust(self, parent: QWidget, customer_name: str) -> AdjustAnswer | None: ...

    @abstractmethod
    def offer_override(self, parent: QWidget, message: str) -> bool: ...

    @abstractmethod
    def save_path(self, parent: QWidget, suggested: str, fmt: str) -> str | None: ...

    @abstractmethod
    def print_slip(
        self, parent: QWidget, result: RedeemResult, terminal_id: str, when: datetime
    ) -> bool: ...


class Prompts(PromptsProtocol):
    """The questions asked with the real dialogs."""

    def confirm_redeem(self, parent: QWidget, question: RedeemQuestion) -> bool:
        return dialogs.ConfirmRedeemDialog.ask(parent, question)

    def award(self, parent: QWidget, question: AwardQuestion) -> AwardAnswer | None:
        """A sale (order number, amount) or a bonus with a reason; None: cancelled."""
        return dialogs.AwardDialog.ask(parent, question)

    def take_return(self, parent: QWidget, question: ReturnQuestion) -> ReturnAnswer | None:
        """The order number and the amount returned; None: cancelled."""
        return dialogs.ReturnDialog.ask(parent, question)

    def confirm_return(self, parent: QWidget, plan: ReturnPlan, currency: str) -> bool:
        """The return's figures (what the sale earned, taken back before, this return)."""
        return dialogs.ReturnConfirmDialog.ask(
            parent, plan.order_id, plan.returned_amount, plan.figures, currency
        )

    def pay_points(self, parent: QWidget, question: PayPointsQuestion) -> Quote | None:
        """The amount to cover or the points, shown both ways, snapped to the step, within
        the limits, with the balance after; None: cancelled."""
        from .dialogs.pay_points import PayPointsDialog

        return PayPointsDialog.ask(parent, question)

    def confirm_award(self, parent: QWidget, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        question = QMessageBox.Icon.Question
        title, ask = tr("Award points"), tr("Award {points}?").format(points=text)
        return _yes(parent, question, title, ask, tr("Award"), default=True)

    def enrol(self, parent: QWidget, question: EnrolQuestion) -> EnrolAnswer | None:
        """The enrolment form: empty, or as typed with what to fix next to each field."""
        return dialogs.EnrolDialog.ask(parent, question)

    def error(self, parent: QWidget, title: str, message: str) -> None:
        """A problem: in the window's notice (it stays until dismissed), never a modal box
        where the window has one."""
        _tell(parent, title, message, problem=True)

    def info(self, parent: QWidget, title: str, message: str) -> None:
        """A result: in the window's notice, which fades by itself."""
        _tell(parent, title, message, problem=False)

    def approve(
        self,
        parent: QWidget,
        what: str,
        managers: list[str],
        *,
        typed: ApprovalAnswer | None = None,
        problem: tuple[str, str] = ("", ""),
    ) -> ApprovalAnswer | None:
        """A manager's name, PIN and reason; again as typed (never the PIN) when the last
        try was refused, with `problem` = (field, words) next to that field: ("pin",
        "Wrong PIN. 4 more tries before the account locks.")."""
        d = dialogs.ApprovalDialog(parent, what, managers, typed=typed, problem=problem)
        return d.answer() if _shown(d) == QDialog.DialogCode.Accepted else None

    def adjust(self, parent: QWidget, customer_name: str) -> AdjustAnswer | None:
        return dialogs.AdjustDialog.ask(parent, customer_name)

    def offer_override(self, parent: QWidget, message: str) -> bool:
        text = message + "\n\n" + tr("A manager can approve this redemption offline.")
        from PySide6.QtWidgets import QMessageBox

        warning = QMessageBox.Icon.Warning
        title, yes = tr("No code was issued"), tr("Manager override…")
        return _yes(parent, warning, title, text, yes)

    def save_path(self, parent: QWidget, suggested: str, fmt: str) -> str | None:
        kind = tr("{format} files").format(format=fmt.upper())
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(parent, tr("Save"), suggested, f"{kind} (*.{fmt})")
        return path or None

    def print_slip(
        self, parent: QWidget, result: RedeemResult, terminal_id: str, when: datetime
    ) -> bool:
        """The system's print dialog (which can also print to a PDF file)."""
        from .printing import print_slip

        return print_slip(parent, result, terminal_id, when)


def _yes(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    yes: str,
    *,
    default: bool = False,
) -> bool:
    """A box with Cancel and `yes` (the default button if asked): True when `yes` was
    pressed."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Cancel, parent)
    button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    if default:
        box.setDefaultButton(button)
    _shown(box)
    return box.clickedButton() is button


def _tell(parent: QWidget, title: str, message: str, *, problem: bool) -> None:
    """A problem or a result in the window's notice; a modal box only where there is none."""
    notice = notice_of(parent)
    if notice is not None:
        (notice.error if problem else notice.success)(title, message)
        return
    from PySide6.QtWidgets import QMessageBox

    icon = QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information
    _shown(QMessageBox(icon, title, message, QMessageBox.StandardButton.Ok, parent))


def _shown(dialog: QDialog) -> int:
    """`dialogs.forms.shown` (loaded with the first box shown)."""
    from .dialogs.forms import shown

    return shown(dialog)
