"""Operations the loyalty service refused after they were handed out, to resolve."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....i18n.formats import number
from ....services import syncing
from ...bridge import Lane, ServiceRunner
from ...changes import Changed
from ...fmt import datetime_text
from ...i18n import tr
from .tables import data_table, fill


class ConflictsTab(QWidget):
    resolve_requested = Signal(int, str)  # outbox id, resolution

    def __init__(self, runner: ServiceRunner) -> None:
        super().__init__()
        self.runner = runner
        self.rows: list[syncing.Conflict] = []
        intro = QLabel(
            tr(
                "Operations the loyalty service refused after they were handed out. "
                "Retry when something changed, accept the loss (it is recorded), or "
                "void the local record. Each needs a manager's PIN."
            )
        )
        intro.setWordWrap(True)
        self.table = data_table(
            [
                "#",
                tr("Customer"),
                tr("Cashier"),
                tr("Time"),
                tr("Code"),
                tr("Points"),
                tr("Refused because"),
            ],
            6,
            tr("Conflicts"),
        )
        self.empty = QLabel(tr("No conflicts."))
        self.empty.setObjectName("hint")
        buttons = QHBoxLayout()
        for label, resolution in (
            (tr("Retry"), "retry"),
            (tr("Accept the loss"), "accept_loss"),
            (tr("Void the local record"), "void_local"),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, r=resolution: self._request(r))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

    def load(self) -> None:
        self.runner.submit(syncing.conflicts, self.show_conflicts, lane=Lane.LOCAL)

    def on_changed(self, change: Changed) -> None:
        """An operation resolved a conflict: the list is read again."""
        if change.conflicts:
            self.load()

    def show_conflicts(self, found: list[syncing.Conflict]) -> None:
        self.rows = found
        self.empty.setVisible(not found)
        fill(
            self.table,
            [
                [
                    str(c.entry.id),
                    c.customer_name or c.entry.customer_id or "",
                    c.entry.operator or "",
                    datetime_text(c.entry.created_at),
                    c.entry.redemption_code or c.entry.kind.value,
                    "" if c.points is None else number(c.points),
                    c.entry.last_error or "",
                ]
                for c in found
            ],
            {0, 5},
        )
        if found:
            self.table.selectRow(0)

    def _request(self, resolution: str) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            self.resolve_requested.emit(self.rows[row].entry.id, resolution)
