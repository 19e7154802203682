"""The returns made at this terminal (services/returns_list.py): when, the order, whose,
the amount returned, the points taken back and any shortfall (points the customer had
already spent, written off), and whether each is queued, settled or refused; the count of
shortfalls above the table, a "shortfalls only" filter, and CSV export (owner-only).

The filter starts off: the tab is the list of returns, and a queued one (whose shortfall
is not known until it syncs) or a refused one must not be out of sight. The count line
names the shortfalls whatever the filter shows, so none is ever hidden."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....domain.money import format_money
from ....render import returns as render_returns
from ....services import returns_list
from ....services.returns_list import ReturnLine, ReturnsList, ReturnState
from ...bridge import Lane, ServiceRunner
from ...changes import Changed
from ...fmt import datetime_text
from .tables import AskPath, Note, data_table, fill, save_export

HEADERS = ["Time", "Order", "Customer", "Returned", "Taken back", "Shortfall", "State"]
TIPS = [
    "When the return was taken, in local time",
    "The order number of the original sale",
    "Whose points",
    "The amount returned",
    "Points taken back from the customer (expected: this terminal's figure, until it syncs)",
    "Points the customer had already spent: written off, not recovered",
    "queued: waits to sync; settled: the loyalty service took the points back; "
    "refused: nothing was taken back (see Conflicts)",
]
INTRO = (
    "A shortfall is the part of a return's points the customer had already spent: written "
    "off, not recovered."
)
STATE_WORDS = {
    ReturnState.QUEUED: "queued",
    ReturnState.SETTLED: "settled",
    ReturnState.REFUSED: "refused",
}


def cells(line: ReturnLine) -> list[str]:
    """A return's row, as the manager reads it."""
    amount = (
        format_money(line.returned_amount, line.currency)
        if line.currency
        else f"{line.returned_amount:,}"
    )
    if line.state is ReturnState.SETTLED:
        taken = f"{line.points_reversed or 0:,}"
        short = f"{line.points_shortfall:,}" if line.points_shortfall else "none"
    elif line.state is ReturnState.QUEUED:
        taken = f"{line.points_expected:,} expected"
        short = "after sync"
    else:
        taken, short = "nothing", ""
    return [
        datetime_text(line.created_at),
        line.order_id,
        line.customer,
        amount,
        taken,
        short,
        STATE_WORDS[line.state],
    ]


class ReturnsTab(QWidget):
    def __init__(self, runner: ServiceRunner, ask_path: AskPath) -> None:
        super().__init__()
        self.runner = runner
        self.ask_path = ask_path
        self.data: ReturnsList | None = None
        self.loaded = False  # read once the manager's view opened; kept fresh after
        self.count = QLabel("Loading…")
        self.count.setObjectName("sectionTitle")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setWordWrap(True)
        self.count.setAccessibleName("Shortfalls")
        self.shortfalls_only = QCheckBox("Shortfalls only")
        self.shortfalls_only.setAccessibleName("Show only returns with a shortfall")
        self.shortfalls_only.toggled.connect(lambda _: self.load())
        self.csv_button = QPushButton("Export CSV")
        self.csv_button.setAccessibleName("Export returns as CSV")
        self.csv_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.shortfalls_only)
        top.addWidget(self.csv_button)
        self.intro = QLabel(INTRO)
        self.intro.setObjectName("hint")
        self.intro.setWordWrap(True)
        self.message = Note()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.table = data_table(HEADERS, 2, "Returns")
        for column, tip in enumerate(TIPS):
            head = self.table.horizontalHeaderItem(column)
            if head is not None:
                head.setToolTip(tip)
        self.empty = QLabel("No returns on this terminal.")
        self.empty.setObjectName("hint")
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

    def load(self) -> None:
        self.loaded = True
        only = self.shortfalls_only.isChecked()
        self.runner.submit(
            lambda t: returns_list.returns_list(t, shortfalls_only=only),
            self.show_returns,
            lane=Lane.LOCAL,
        )

    def on_changed(self, change: Changed) -> None:
        """An operation for a customer (a return among them) or a conflict resolved."""
        if self.loaded and (change.customer_id is not None or change.conflicts):
            self.load()

    def on_synced(self, *_: object) -> None:
        """A sync may have settled (or refused) a queued return."""
        if self.loaded:
            self.load()

    def show_returns(self, listed: ReturnsList) -> None:
        if listed.shortfalls_only != self.shortfalls_only.isChecked():
            return  # the filter changed meanwhile: its own answer follows
        self.data = listed
        self.count.setText(listed.count_text)
        self.intro.setText(f"{INTRO} {listed.queued_text}".strip())
        self.empty.setText(
            "No return with a shortfall."
            if listed.shortfalls_only
            else "No returns on this terminal."
        )
        self.empty.setVisible(not listed.lines)
        fill(self.table, [cells(line) for line in listed.lines], {3, 4, 5})
        bold = QFont()  # bold only: the size stays the table's (scaled with the screen)
        bold.setBold(True)
        for row, line in enumerate(listed.lines):
            item = self.table.item(row, 5)
            if line.points_shortfall and item is not None:
                item.setFont(bold)

    def export(self) -> None:
        if self.data is None:
            return
        name = "return-shortfalls.csv" if self.data.shortfalls_only else "returns.csv"
        path = self.ask_path(self, name, "csv")
        if path:
            data = returns_list.export_data(self.data)
            save_export(self.runner, self.message, path, "csv", data, render_returns)
