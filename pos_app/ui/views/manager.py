"""The manager's view: the day's report (with export), the conflicts to resolve, and the
audit log (with verification and export)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.money import format_money
from ...files import write_private
from ...render import report as render_report
from ...services import ServiceError, auditing, describe, report, syncing
from ..bridge import ServiceRunner
from ..changes import Changed
from ..fmt import datetime_text
from ..touch import date_picker


def _table(headers: list[str], stretch: int, name: str = "") -> QTableWidget:
    """A read-only table; `name` is what a screen reader calls it."""
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    table.verticalHeader().setDefaultSectionSize(44)  # a row is a touch target
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    # The stretching column's long text wraps, and its row grows to show it whole.
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        header.setSectionResizeMode(
            column,
            QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QHeaderView.ResizeMode.ResizeToContents,
        )
    return table


def _fill(table: QTableWidget, rows: list[list[str]], right: Collection[int] = ()) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class _Note(QLabel):
    """A message that takes no room while it has nothing to say (the report fits the
    height of a 1024x768 screen with a taskbar)."""

    def __init__(self) -> None:
        super().__init__()
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


class HourChart(QWidget):
    """Redemptions per hour as bars, painted; no charting library needed for 24 bars."""

    def __init__(self) -> None:
        super().__init__()
        self.counts = [0] * 24
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Redemptions by hour")

    def minimumSizeHint(self) -> QSize:
        # Room for a count above the bars and the hours below, in the type's size (which
        # grows with the screen), and the bars between.
        return QSize(240, 3 * self.fontMetrics().height() + 36)

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def set_counts(self, counts: list[int]) -> None:
        self.counts = counts
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        line = self.fontMetrics().height()
        area = QRectF(self.rect()).adjusted(8, line + 6, -8, -(line + 6))
        peak = max(self.counts) or 1
        bar = area.width() / 24
        text = self.palette().windowText().color()
        painter.setPen(text)
        # Bars 3:1 or more on the window: the brand green is too dark on the dark theme's.
        dark = self.palette().window().color().lightness() < 128
        green = QColor("#3fb950" if dark else "#1f7a4d")
        for hour, count in enumerate(self.counts):
            height = area.height() * count / peak
            x = area.left() + hour * bar
            if count:
                painter.fillRect(QRectF(x + 2, area.bottom() - height, bar - 4, height), green)
                painter.drawText(
                    QRectF(x - bar, area.bottom() - height - line - 2, bar * 3, line),
                    Qt.AlignmentFlag.AlignCenter,
                    str(count),
                )
            if hour % 3 == 0:
                painter.drawText(
                    QRectF(x, area.bottom() + 4, bar * 3, line),
                    Qt.AlignmentFlag.AlignLeft,
                    f"{hour:02d}:00",
                )
        painter.end()


class ReportTab(QWidget):
    def __init__(self, runner: ServiceRunner, ask_path: object) -> None:
        super().__init__()
        self.runner = runner
        self.ask_path = ask_path
        self.data: dict[str, object] | None = None
        today = QDate.currentDate()
        self.date_from = QDateEdit(today)
        self.date_to = QDateEdit(today)
        for edit, name in ((self.date_from, "Report from"), (self.date_to, "Report to")):
            date_picker(edit, name)
            edit.setDisplayFormat("d MMM yyyy")
        self.scope = QComboBox()
        self.scope.addItem("This terminal", "terminal")
        self.scope.addItem("Whole store (online)", "store")
        self.scope.setAccessibleName("Report for")
        show = QPushButton("Show")
        show.setObjectName("primary")
        show.clicked.connect(self.load)
        self.csv_button = QPushButton("Export CSV")
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button = QPushButton("End-of-day slip (PDF)")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        controls = QHBoxLayout()
        for widget in (
            QLabel("From"),
            self.date_from,
            QLabel("to"),
            self.date_to,
            self.scope,
            show,
        ):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.totals = QLabel()
        self.totals.setObjectName("reportTotals")
        self.totals.setWordWrap(True)
        self.message = _Note()
        self.message.setObjectName("problem")
        self.by_reward = _table(
            ["Reward", "Redemptions", "Points", "Value"], 0, "Redemptions by reward"
        )
        self.by_cashier = _table(
            ["Cashier", "Redemptions", "Points", "Value"], 0, "Redemptions by cashier"
        )
        self.chart = HourChart()
        tables = QHBoxLayout()
        tables.addWidget(self.by_reward, 1)  # halves: at 1024 px each has its four columns
        tables.addWidget(self.by_cashier, 1)
        # The exports share the message's line: with 44 px drop-down buttons the choices
        # and the exports no longer fit one 1024 px row.
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.csv_button)
        message_row.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(message_row)
        layout.addWidget(self.totals)
        layout.addLayout(tables, 1)
        self.large = LargeAwards()  # who gave and who approved the day's large awards
        layout.addWidget(self.large)
        layout.addWidget(QLabel("Redemptions by hour"))
        layout.addWidget(self.chart, 1)  # shares a tall screen with the tables

    def load(self) -> None:
        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        scope = str(self.scope.currentData())
        assert isinstance(first, date) and isinstance(last, date)
        self.message.setText("Loading…")
        self.runner.submit(
            lambda t: report.daily(t, date_from=first, date_to=last, scope=scope).as_json(),
            self.show_report,
            self.failed,
            lane="local" if scope == "terminal" else "remote",
        )

    def failed(self, error: BaseException) -> None:
        self.message.setText(
            error.message if isinstance(error, ServiceError) else "The report could not be made."
        )

    def show_report(self, data: dict[str, object]) -> None:
        self.data = data
        self.message.setText("")
        cur = str(data["currency"])
        rows = render_report.summary_rows(data)
        self.totals.setText("   ·   ".join(f"{label}: <b>{value}</b>" for label, value in rows))
        for table, key in ((self.by_reward, "by_reward"), (self.by_cashier, "by_cashier")):
            lines = data[key]
            assert isinstance(lines, list)
            _fill(
                table,
                [
                    [
                        describe.money_text(str(x["label"])),  # "₦1,000 off"
                        f"{x['count']:,}",
                        f"{x['points']:,}",
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
            self.message.setText("Show a report first.")
            return
        name = f"redemptions-{self.data['date_from']}" + (
            "" if self.data["date_from"] == self.data["date_to"] else f"-{self.data['date_to']}"
        )
        path = self.ask_path(self, f"{name}.{fmt}", fmt)  # type: ignore[operator]
        if not path:
            return
        data = self.data

        def write(_: object) -> str:
            if fmt == "csv":
                write_private(Path(path), render_report.to_csv(data).encode())
            else:
                render_report.to_pdf(data, Path(path))
            return str(path)

        self.runner.submit(
            write,
            lambda saved: self.message.setText(f"Saved {saved}"),
            lambda error: self.message.setText(f"Not saved: {error}"),
            lane="local",
        )


class LargeAwards(QWidget):
    """The report's awards over the per-award limit or approved by a manager, with who
    gave and who approved them (as the PDF, the CSV and `pos-app report daily` list them).
    Compact: one line when there are none, and up to `ROWS` rows before it scrolls."""

    ROWS = 4

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.table = _table(["Time", "Customer", "Points", "Given by", "Approved by", "Reason"], 5)
        self.table.setAccessibleName("Large awards")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.show_awards([], False)

    def show_awards(self, awards: object, days: bool) -> None:
        rows = awards if isinstance(awards, list) else []
        _fill(
            self.table,
            [
                [
                    str(a["at"])[:16].replace("T", " ") if days else str(a["at"])[11:16],
                    str(a["customer"]),
                    f"{int(a['points']):,}",
                    str(a["given_by"]),
                    str(a["approved_by"] or "nobody"),
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
        what = "Large awards (over the limit, or approved by a manager)"
        self.title.setText(f"{what}: {len(rows)}" if rows else f"{what}: none")
        self.table.setVisible(bool(rows))
        if rows:
            self.table.resizeRowsToContents()
            shown = range(min(len(rows), self.ROWS))
            self.table.setFixedHeight(
                self.table.horizontalHeader().sizeHint().height()
                + sum(self.table.rowHeight(r) for r in shown)
                + 2 * self.table.frameWidth()
            )


class ConflictsTab(QWidget):
    resolve_requested = Signal(int, str)  # outbox id, resolution

    def __init__(self, runner: ServiceRunner) -> None:
        super().__init__()
        self.runner = runner
        self.rows: list[syncing.Conflict] = []
        intro = QLabel(
            "Operations the loyalty service refused after they were handed out. "
            "Retry when something changed, accept the loss (it is recorded), or "
            "void the local record. Each needs a manager's PIN."
        )
        intro.setWordWrap(True)
        self.table = _table(
            ["#", "Customer", "Cashier", "Time", "Code", "Points", "Refused because"],
            6,
            "Conflicts",
        )
        self.empty = QLabel("No conflicts.")
        self.empty.setObjectName("hint")
        buttons = QHBoxLayout()
        for label, resolution in (
            ("Retry", "retry"),
            ("Accept the loss", "accept_loss"),
            ("Void the local record", "void_local"),
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
        self.runner.submit(syncing.conflicts, self.show_conflicts, lane="local")

    def on_changed(self, change: Changed) -> None:
        """An operation resolved a conflict: the list is read again."""
        if change.conflicts:
            self.load()

    def show_conflicts(self, found: list[syncing.Conflict]) -> None:
        self.rows = found
        self.empty.setVisible(not found)
        _fill(
            self.table,
            [
                [
                    str(c.entry.id),
                    c.customer_name or c.entry.customer_id or "",
                    c.entry.operator or "",
                    datetime_text(c.entry.created_at),
                    c.entry.redemption_code or c.entry.kind.value,
                    "" if c.points is None else f"{c.points:,}",
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


class AuditTab(QWidget):
    def __init__(self, runner: ServiceRunner, ask_path: object) -> None:
        super().__init__()
        self.runner = runner
        self.ask_path = ask_path
        self.state = QLabel()
        self.state.setObjectName("banner")
        self.state.hide()
        self.table = _table(["#", "When", "What happened"], 2, "Audit log")
        verify = QPushButton("Verify the chain")
        verify.clicked.connect(self.verify)
        export = QPushButton("Export CSV")
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
        self.runner.submit(lambda t: auditing.described(t, 300), self.show_entries, lane="local")

    def show_entries(self, lines: list[describe.AuditLine]) -> None:
        _fill(self.table, [[str(e.seq), datetime_text(e.at), e.text] for e in lines], {0})

    def verify(self) -> None:
        def done(problems: list[auditing.AuditProblem]) -> None:
            self.state.setText(
                "The audit log is intact."
                if not problems
                else f"The audit log was altered: {len(problems)} problem(s), "
                f"first at entry #{problems[0].seq}."
            )
            self.state.setProperty("state", "confirmed" if not problems else "refused")
            self.state.style().unpolish(self.state)
            self.state.style().polish(self.state)
            self.state.show()

        self.runner.submit(auditing.verify, done, lane="local")

    def export(self) -> None:
        path = self.ask_path(self, "audit-log.csv", "csv")  # type: ignore[operator]
        if path:
            self.runner.submit(
                lambda t: write_private(Path(path), auditing.export(t, "csv").encode()),
                lambda _: None,
                lane="local",
            )


class ManagerView(QWidget):
    back_requested = Signal()

    def __init__(self, runner: ServiceRunner, ask_path: object) -> None:
        super().__init__()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Manager")
        self.report = ReportTab(runner, ask_path)
        self.conflicts = ConflictsTab(runner)
        self.audit = AuditTab(runner, ask_path)
        self.tabs.addTab(self.report, "Today's redemptions")
        self.tabs.addTab(self.conflicts, "Conflicts")
        self.tabs.addTab(self.audit, "Audit log")
        back = QPushButton("Back  (Esc)")
        back.clicked.connect(self.back_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 8)  # fits a 1024x680 window with the report full
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)

    def open(self, tab: str = "report") -> None:
        self.tabs.setCurrentWidget(
            {"report": self.report, "conflicts": self.conflicts, "audit": self.audit}[tab]
        )
        self.report.load()
        self.conflicts.load()
        self.audit.load()
