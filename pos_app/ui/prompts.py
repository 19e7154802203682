"""Every question the GUI asks a person, behind one plain-Python seam. The real `Prompts`
opens dialogs; tests hand the main window a scripted one instead of clicking through modal
loops (and never patch Qt objects)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from .answers import AwardAnswer, EnrolAnswer, RedeemQuestion
from .dialogs import AwardDialog, ConfirmRedeemDialog, EnrolDialog


class Prompts:
    def confirm_redeem(self, parent: QWidget, question: RedeemQuestion) -> bool:
        return ConfirmRedeemDialog.ask(parent, question)

    def award(
        self, parent: QWidget, customer_name: str, naira_per_point: int
    ) -> AwardAnswer | None:
        return AwardDialog.ask(parent, customer_name, naira_per_point)

    def enrol(self, parent: QWidget) -> EnrolAnswer | None:
        return EnrolDialog.ask(parent)

    def error(self, parent: QWidget, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
        )
        box.exec()

    def info(self, parent: QWidget, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, parent
        )
        box.exec()
