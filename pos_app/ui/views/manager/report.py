"""Today's redemptions: totals by reward and by cashier, the hour chart, the large
awards, and the export."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....domain.money import format_money
from ....i18n.formats import number
from ....render import report as render_report
from ....services import ServiceError, describe, report
from ...bridge import Lane, ServiceRunner
from ...i18n import tr
from ...touch import date_picker
from .chart import HourChart
from .tables import AskPath, Note, data_table, fill, save_export


class ReportTab(QWidget):
    def __init__(self, runner: ServiceRunner, ask_path: AskPath) -> None:
        super().__init__()
        self.runner = runner
        self.ask_path = ask_path
        self.data: dict[str, object] | None = None
        today = QDate.currentDate()
        self.date_from = QDateEdit(today)
        self.date_to = QDateEdit(today)
        for edit, name in ((self.date_from, tr("Report from")), (self.date_to, tr("Report to"))):
            date_picker(edit, name)
            edit.setDisplayFormat("d MMM yyyy")
        self.scope = QComboBox()
        self.scope.addItem(tr("This terminal"), report.ReportScope.TERMINAL.value)
        self.scope.addItem(tr("This store (online)"), report.ReportScope.STORE.value)
        self.scope.addItem(tr("Whole merchant (online)"), report.ReportScope.MERCHANT.value)
        self.scope.setAccessibleName(tr("Report for"))
        # Without store_id in config.toml there is no store to ask for: said, and the
        # merchant's report offered instead (set_store, once the config is read).
        self.store_note = QLabel()
        self.store_note.setObjectName("hint")
        self.store_note.setTextFormat(Qt.TextFormat.PlainText)
        self.store_note.hide()
        self.runner.submit(lambda t: t.config.store_id, self.set_store, lane=Lane.LOCAL)
        show = QPushButton(tr("Show", "report"))
        show.setObjectName("primary")
        show.clicked.connect(self.load)
        self.csv_button = QPushButton(tr("Export CSV"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button = QPushButton(tr("End-of-day slip (PDF)"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        controls = QHBoxLayout()
        for widget in (
            QLabel(tr("From", "dates")),
            self.date_from,
            QLabel(tr("to", "dates")),
            self.date_to,
            self.scope,
            show,
        ):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.totals = QLabel()
        self.totals.setObjectName("reportTotals")
        self.totals.setWordWrap(True)
        self.message = Note()
        self.message.setObjectName("problem")
        self.by_reward = data_table(
            [tr("Reward"), tr("Redemptions"), tr("Points"), tr("Value")],
            0,
            tr("Redemptions by reward"),
        )
        self.by_cashier = data_table(
            [tr("Cashier"), tr("Redemptions"), tr("Points"), tr("Value")],
            0,
            tr("Redemptions by cashier"),
        )
        self.chart = HourChart()
        tables = QHBoxLayout()
        tables.addWidget(self.by_reward, 1)  # halves: at 1024 px each has its four columns
        tables.addWidget(self.by_cashier, 1)
        # The exports share the message's line: with 44 px drop-down buttons the choices
        # and the exports no longer fit one 1024 px row.
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 2)
        message_row.addWidget(self.store_note)  # its own line would not fit 1024x680
        message_row.addStretch(1)  # with no message, the exports keep their own width
        message_row.addWidget(self.csv_button)
        message_row.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(message_row)
        layout.addWidget(self.totals)
        layout.addLayout(tables, 1)
        self.large = LargeAwards()  # who gave and who approved the day's large awards
        layout.addWidget(self.large)
        layout.addWidget(QLabel(tr("Redemptions by hour")))
        layout.addWidget(self.chart, 1)  # shares a tall screen with the tables

    def set_store(self, store_id: str | None) -> None:
        """The store this terminal belongs to (config.toml's store_id), or None: then
        "This store" cannot be chosen and the note says why."""
        index = self.scope.findData(report.ReportScope.STORE.value)
        model = self.scope.model()
        assert isinstance(model, QStandardItemModel)
        item = model.item(index)
        item.setEnabled(store_id is not None)
        item.setText(
            tr("This store, {store} (online)").format(store=store_id)
            if store_id
            else tr("This store (no store_id set)")
        )
        self.store_note.setText("" if store_id else tr("No store set for this terminal."))
        self.store_note.setToolTip(
            ""
            if store_id
            else tr(
                "No store is set for this terminal (store_id in config.toml), so a store's "
                "report cannot be asked for: choose the whole merchant, or this terminal."
            )
        )
        self.store_note.setVisible(not store_id)
        if not store_id and self.scope.currentIndex() == index:
            self.scope.setCurrentIndex(self.scope.findData(report.ReportScope.MERCHANT.value))

    def load(self) -> None:
        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        scope = report.ReportScope(self.scope.currentData())
        assert isinstance(first, date) and isinstance(last, date)
        self.message.setText(tr("Loading…"))
        self.runner.submit(
            lambda t: report.daily(t, date_from=first, date_to=last, scope=scope).as_json(),
            self.show_report,
            self.failed,
            lane=Lane.LOCAL if scope is report.ReportScope.TERMINAL else Lane.REMOTE,
        )

    def failed(self, error: BaseException) -> None:
        self.message.setText(
            error.message
            if isinstance(error, ServiceError)
            else tr("The report could not be made.")
        )

    def show_report(self, data: dict[str, object]) -> None:
        self.data = data
        self.message.setText("")
        cur = str(data["currency"])
        rows = render_report.summary_rows(data)
        said = tr("{label}: {value}")  # French spaces its colon
        self.totals.setText(
            "   ·   ".join(
                said.format(label=label, value=f"<b>{value}</b>") for label, value in rows
            )
        )
        for table, key in ((self.by_reward, "by_reward"), (self.by_cashier, "by_cashier")):
            lines = data[key]
            assert isinstance(lines, list)
            fill(
                table,
                [
                    [
                        describe.money_text(str(x["label"])),  # "₦1,000 off"
                        number(int(x["count"])),
                        number(int(x["points"])),
                        format_money(int(x["discount"]), cur),
                    ]
                    for x in lines
                ],
                {1, 2, 3},
            )
        self.large.show_awards(data.get("large_awards"), data["date_from"] != data["date_to"])
        hours = data["by_hour"]
        assert isinstance(hours, list)
        self.chart.set_counts([int(h["count"]) for h in hours])

    def export(self, fmt: str) -> None:
        if self.data is None:
            self.message.setText(tr("Show a report first."))
            return
        name = f"redemptions-{self.data['date_from']}" + (
            "" if self.data["date_from"] == self.data["date_to"] else f"-{self.data['date_to']}"
        )
        path = self.ask_path(self, f"{name}.{fmt}", fmt)
        if not path:
            return
        data = self.data
        save_export(self.runner, self.message, path, fmt, data, render_report)


class LargeAwards(QWidget):
    """The report's awards over the per-award limit or approved by a manager, with who
    gave and who approved them (as the PDF, the CSV and `pos-app report daily` list them).
    Compact: one line when there are none, and up to `ROWS` rows before it scrolls."""

    ROWS = 4

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.table = data_table(
            [
                tr("Time"),
                tr("Customer"),
                tr("Points"),
                tr("Given by"),
                tr("Approved by"),
                tr("Reason"),
            ],
            5,
        )
        self.table.setAccessibleName(tr("Large awards"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.show_awards([], False)

    def show_awards(self, awards: object, days: bool) -> None:
        rows = awards if isinstance(awards, list) else []
        fill(
            self.table,
            [
                [
                    str(a["at"])[:16].replace("T", " ") if days else str(a["at"])[11:16],
                    str(a["customer"]),
                    number(int(a["points"])),
                    str(a["given_by"]),
                    str(a["approved_by"] or tr("nobody")),
                    str(a.get("reason") or ""),
                ]
                for a in rows
            ],
            {2},
        )
        for row in range(self.table.rowCount()):  # a narrow screen elides: all of it here
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setToolTip(item.text())
        self.title.setText(
            tr("Large awards (over the limit, or approved by a manager): {n}").format(
                n=number(len(rows))
            )
            if rows
            else tr("Large awards (over the limit, or approved by a manager): none")
        )
        self.table.setVisible(bool(rows))
        if rows:
            self.table.resizeRowsToContents()
            shown = range(min(len(rows), self.ROWS))
            self.table.setFixedHeight(
                self.table.horizontalHeader().sizeHint().height()
                + sum(self.table.rowHeight(r) for r in shown)
                + 2 * self.table.frameWidth()
            )
