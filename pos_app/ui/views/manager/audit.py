"""The audit log, its verification and its export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....files import write_private
from ....i18n.formats import number
from ....services import auditing, describe
from ...bridge import Lane, ServiceRunner
from ...fmt import datetime_text
from ...i18n import tr
from .tables import AskPath, data_table, fill


class AuditTab(QWidget):
    def __init__(self, runner: ServiceRunner, ask_path: AskPath) -> None:
        super().__init__()
        self.runner = runner
        self.ask_path = ask_path
        self.state = QLabel()
        self.state.setObjectName("banner")
        self.state.hide()
        self.table = data_table(["#", tr("When"), tr("What happened")], 2, tr("Audit log"))
        verify = QPushButton(tr("Verify the chain"))
        verify.clicked.connect(self.verify)
        export = QPushButton(tr("Export CSV"))
        export.clicked.connect(self.export)
        buttons = QHBoxLayout()
        buttons.addWidget(verify)
        buttons.addWidget(export)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        # Each entry is a sentence that names the people (built in the core, as the command
        # line prints it): no event keys, no JSON. A long one wraps; its row follows.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def load(self) -> None:
        self.runner.submit(lambda t: auditing.described(t, 300), self.show_entries, lane=Lane.LOCAL)

    def show_entries(self, lines: list[describe.AuditLine]) -> None:
        fill(self.table, [[str(e.seq), datetime_text(e.at), e.text] for e in lines], {0})

    def verify(self) -> None:
        def done(problems: list[auditing.AuditProblem]) -> None:
            n = len(problems)
            self.state.setText(
                tr("The audit log is intact.")
                if not problems
                else tr(
                    "The audit log was altered: {n} problem(s), first at entry #{seq}.", "", n
                ).format(n=number(n), seq=problems[0].seq)
            )
            self.state.setProperty("state", "confirmed" if not problems else "refused")
            self.state.style().unpolish(self.state)
            self.state.style().polish(self.state)
            self.state.show()

        self.runner.submit(auditing.verify, done, lane=Lane.LOCAL)

    def export(self) -> None:
        path = self.ask_path(self, "audit-log.csv", "csv")
        if path:
            self.runner.submit(
                lambda t: write_private(Path(path), auditing.export(t, "csv").encode()),
                lambda _: None,
                lane=Lane.LOCAL,
            )
