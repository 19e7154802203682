"""Confirm a redemption: the reward, its worth and the balance before and after."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..answers import (
    RedeemQuestion,
)
from .forms import buttons, shown


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
        layout.addWidget(buttons(self, "Redeem"))
        self.setMinimumWidth(420)

    @classmethod
    def ask(cls, parent: QWidget, question: RedeemQuestion) -> bool:
        return shown(cls(parent, question)) == QDialog.DialogCode.Accepted
