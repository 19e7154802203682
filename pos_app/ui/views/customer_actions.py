"""The bottom of the customer screen: Back on the left; Adjust (manager), Return (F3) and
Award (F6) on the right. CustomerView turns each button into its own signal."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton

from ..i18n import tr


class CustomerActions(QHBoxLayout):
    def __init__(self) -> None:
        super().__init__()
        self.award_button = QPushButton(tr("Award points  (F6)"))
        self.return_button = QPushButton(tr("Return  (F3)"))
        self.return_button.setAccessibleName(tr("Take back a return"))
        self.adjust_button = QPushButton(tr("Adjust points (manager)"))
        self.back_button = QPushButton(tr("Back  (Esc)"))
        self.addWidget(self.back_button)
        self.addStretch(1)
        for button in (self.adjust_button, self.return_button, self.award_button):
            self.addWidget(button)

    def set_busy(self, busy: bool) -> None:
        """While an operation is being confirmed, no second one starts."""
        for button in (self.award_button, self.return_button, self.back_button):
            button.setEnabled(not busy)
