"""First-run setup: where the loyalty service is, and this terminal's name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ..i18n import tr
from .forms import buttons


class SetupDialog(QDialog):
    """First run without configuration: which backend, which key, which terminal."""

    def __init__(self, backend_url: str = "", terminal_id: str = "") -> None:
        super().__init__()
        self.setWindowTitle(tr("Set up this terminal"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Connect this terminal to your LoyalPro backend. The API key is kept "
                "in the system's keyring, never in a file."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.backend = QLineEdit(backend_url)
        self.backend.setPlaceholderText("https://api.loyalpro.example")  # i18n: not words
        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText("sk_live_…")  # i18n: not words
        self.terminal = QLineEdit(terminal_id)
        self.terminal.setPlaceholderText(tr("e.g. {example} (optional)").format(example="till-3"))
        self.store = QLineEdit()
        self.store.setPlaceholderText(tr("e.g. {example} (optional)").format(example="lagos-ikeja"))
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Backend URL:"), self.backend)
        form.addRow(tr("API key:"), self.api_key)
        form.addRow(tr("Terminal id:"), self.terminal)
        form.addRow(tr("Store id:"), self.store)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons(self, tr("Save and start")))
        self.setMinimumWidth(520)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
