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
from ....i18n.formats import number
from ....render import returns as render_returns
from ....services import returns_list
from ....services.returns_list import ReturnLine, ReturnsList, ReturnState
from ...bridge import Lane, ServiceRunner
from ...changes import Changed
from ...fmt import datetime_text
from ...i18n import tr
from .tables import AskPath, Note, data_table, fill, save_export


def headers() -> list[str]:
    return [
        tr("Time"),
        tr("Order"),
        tr("Customer"),
        tr("Returned", "amount"),
        tr("Taken back"),
        tr("Shortfall"),
        tr("State"),
    ]


def tips() -> list[str]:
    return [
        tr("When the return was taken, in local time"),
        tr("The order number of the original sale"),
        tr("Whose points"),
        tr("The amount returned"),
        tr(
            "Points taken back from the customer (expected: this terminal's figure, until it syncs)"
        ),
        tr("Points the customer had already spent: written off, not recovered"),
        tr(
            "queued: waits to sync; settled: the loyalty service took the points back; "
            "refused: nothing was taken back (see Conflicts)"
        ),
    ]


def intro() -> str:
    return tr(
        "A shortfall is the part of a return's points the customer had already spent: "
        "written off, not recovered."
    )


def state_words(state: ReturnState) -> str:
    return {
        ReturnState.QUEUED: tr("queued", "return state"),
        ReturnState.SETTLED: tr("settled", "return state"),
        ReturnState.REFUSED: tr("refused", "return state"),
    }[state]


def cells(line: ReturnLine) -> list[str]:
    """A return's row, as the manager reads it."""
    amount = (
        format_money(line.returned_amount, line.currency)
        if line.currency
        else number(line.returned_amount)
    )
    if line.state is ReturnState.SETTLED:
        taken = number(line.points_reversed or 0)
        short = number(line.points_shortfall) if line.points_shortfall else tr("none", "shortfall")
    elif line.state is ReturnState.QUEUED:
        taken = tr("{points} expected").format(points=number(line.points_expected))
        short = tr("after sync")
    else:
        taken, short = tr("nothing", "taken back"), ""
    return [
        datetime_text(line.created_at),
        line.order_id,
        line.customer,
        amount,
        taken,
        short,
        state_words(line.state),
    ]


class ReturnsTab(QWidget):
    def __init__(self, runner: ServiceRunner, ask_path: AskPath) -> None:
        super().__init__()
        self.runner = runner
        self.ask_path = ask_path
        self.data: ReturnsList | None = None
        self.loaded = False  # read once the manager's view opened; kept fresh after
        self.count = QLabel(tr("Loading…"))
        self.count.setObjectName("sectionTitle")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setWordWrap(True)
        self.count.setAccessibleName(tr("Shortfalls"))
        self.shortfalls_only = QCheckBox(tr("Shortfalls only"))
        self.shortfalls_only.setAccessibleName(tr("Show only returns with a shortfall"))
        self.shortfalls_only.toggled.connect(lambda _: self.load())
        self.csv_button = QPushButton(tr("Export CSV"))
        self.csv_button.setAccessibleName(tr("Export returns as CSV"))
        self.csv_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.shortfalls_only)
        top.addWidget(self.csv_button)
        self.intro = QLabel(intro())
        self.intro.setObjectName("hint")
        self.intro.setWordWrap(True)
        self.message = Note()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.table = data_table(headers(), 2, tr("Returns"))
        for column, tip in enumerate(tips()):
            head = self.table.horizontalHeaderItem(column)
            if head is not None:
                head.setToolTip(tip)
        self.empty = QLabel(tr("No returns on this terminal."))
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
        self.intro.setText(f"{intro()} {listed.queued_text}".strip())
        self.empty.setText(
            tr("No return with a shortfall.")
            if listed.shortfalls_only
            else tr("No returns on this terminal.")
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
