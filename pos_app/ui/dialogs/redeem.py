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

from ...i18n.formats import number
from ..answers import (
    RedeemQuestion,
)
from ..i18n import tr
from .forms import buttons, shown


class ConfirmRedeemDialog(QDialog):
    def __init__(self, parent: QWidget, q: RedeemQuestion) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Confirm redemption"))
        layout = QVBoxLayout(self)
        title = QLabel(
            tr("Redeem <b>{reward}</b> for <b>{name}</b>?").format(
                reward=html.escape(q.reward_name), name=html.escape(q.customer_name)
            )
        )
        title.setObjectName("dialogTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        form = QFormLayout()
        discount = QLabel(f"<b>{html.escape(q.discount)}</b>")
        form.addRow(tr("Worth:") if q.item else tr("Discount:"), discount)
        form.addRow(tr("Points:"), QLabel(number(q.points)))
        form.addRow(tr("Balance now:"), QLabel(number(q.balance_before)))
        form.addRow(tr("Balance after:"), QLabel(f"<b>{number(q.balance_after)}</b>"))
        layout.addLayout(form)
        layout.addWidget(buttons(self, tr("Redeem")))
        self.setMinimumWidth(420)

    @classmethod
    def ask(cls, parent: QWidget, question: RedeemQuestion) -> bool:
        return shown(cls(parent, question)) == QDialog.DialogCode.Accepted
