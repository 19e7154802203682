"""Program analytics: the backend's points figures by period (services/analytics.py) as a
chart and a table in the store's time zone, the liability and what expires soon, the top
rewards and the awards above the limit, with the same CSV and PDF as
`pos-app report analytics`. A v1-only backend is said so plainly, never shown as zeros."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....domain.jsonable import jsonable
from ....domain.liability import value_note
from ....domain.money import format_money, money_text
from ....i18n.formats import number
from ....render import analytics as render_analytics
from ....services import BackendUnavailable, ServiceError, analytics, report
from ...bridge import Lane, ServiceRunner
from ...i18n import tr
from ...touch import date_picker
from .chart import PeriodChart
from .report import LargeAwards
from .tables import AskPath, Note, data_table, fill, save_export

DAYS = 30  # the default range: the last 30 days, today included


def not_offered() -> str:
    return tr("This loyalty backend does not offer analytics (it needs LoyalPro API v1.1)")


def offline() -> str:
    return tr("Analytics need the loyalty backend; try again when online.")


def headers() -> list[tuple[str, str]]:
    """One word a head, so that the ten columns fit 1024 px; the whole name its tooltip."""
    return [
        (tr("Period"), tr("The period's first day, in the store's time zone")),
        (tr("Earned"), tr("Points earned, bonus included")),
        (tr("Bonus"), tr("Of the points earned, bonus points")),
        (tr("Redeemed"), tr("Points redeemed")),
        (tr("Expired"), tr("Points expired")),
        (tr("Adjusted"), tr("Points adjusted by hand (returns not included)")),
        (tr("Returned"), tr("Points taken back for returned purchases")),
        (tr("Redeems", "column: redemptions"), tr("Redemptions")),
        (tr("Discounts"), tr("Discount total of the redemptions")),
        (tr("Customers"), tr("Customers active in the period")),
    ]


FIGURES = (
    "earned",
    "bonus",
    "redeemed",
    "expired",
    "adjusted",
    "returned",
    "redemptions",
)


def period_label(start: str, interval: str, year: bool = True) -> str:
    """A period by its first day in the store's zone: "2 Mar 2026", "week of 2 Mar 2026",
    "Mar 2026"; days and weeks without the year when the whole range is in one year."""
    day = date.fromisoformat(start)
    locale, qday = QLocale(), QDate(day.year, day.month, day.day)
    text = locale.toString(qday, "d MMM yyyy" if year else "d MMM")
    if interval == "week":
        return tr("week of {day}").format(day=text)
    return locale.toString(qday, "MMM yyyy") if interval == "month" else text


def _settings(t: Any) -> tuple[date, str | None]:
    """Today in the store's time zone, and the store this terminal belongs to (if any)."""
    now: datetime = t.clock()
    return now.astimezone(report.store_zone(t)).date(), t.config.store_id


class AnalyticsTab(QWidget):
    def __init__(self, runner: ServiceRunner, ask_path: AskPath) -> None:
        super().__init__()
        self.runner = runner
        self.ask_path = ask_path
        self.data: dict[str, Any] | None = None
        self.busy = False
        self.prepared = False
        self.asked = False  # for the settings, once
        self.no_store = ""  # said beside the scope when config.toml names no store
        self.pending = False  # a refresh asked for before the settings came
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(1 - DAYS))
        self.date_to = QDateEdit(today)
        for edit, name in (
            (self.date_from, tr("Analytics from")),
            (self.date_to, tr("Analytics to")),
        ):
            date_picker(edit, name)
            edit.setDisplayFormat("d MMM yyyy")
        self.interval = QComboBox()
        for text, value in (
            (tr("By day"), "day"),
            (tr("By week"), "week"),
            (tr("By month"), "month"),
        ):
            self.interval.addItem(text, value)
        self.interval.setAccessibleName(tr("Analytics interval"))
        self.scope = QComboBox()
        self.scope.setAccessibleName(tr("Analytics for"))
        self.scope.addItem(tr("Whole merchant"), analytics.AnalyticsScope.MERCHANT)
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.setObjectName("primary")
        self.refresh_button.setAccessibleName(tr("Refresh analytics"))
        self.refresh_button.clicked.connect(self.refresh)
        self.csv_button = QPushButton(tr("Export CSV"))
        self.csv_button.setAccessibleName(tr("Export analytics as CSV"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button = QPushButton(tr("Export PDF"))
        self.pdf_button.setAccessibleName(tr("Export analytics as PDF"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        controls = QHBoxLayout()
        for widget in (
            QLabel(tr("From", "dates")),
            self.date_from,
            QLabel(tr("to", "dates")),
            self.date_to,
            self.interval,
            self.scope,
            self.refresh_button,
        ):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.message = Note()
        self.message.setObjectName("problem")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.scope_note = Note()
        self.scope_note.setWordWrap(True)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 2)
        message_row.addWidget(self.scope_note, 2)
        message_row.addStretch(1)
        message_row.addWidget(self.csv_button)
        message_row.addWidget(self.pdf_button)
        self.summary = QLabel()
        self.summary.setObjectName("analyticsSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # reward names from the backend
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(tr("Analytics summary"))
        self.chart = PeriodChart()
        heads = headers()
        self.table = data_table([h for h, _ in heads], 0, tr("Analytics by period"))
        for column, (_, whole) in enumerate(heads):
            head = self.table.horizontalHeaderItem(column)
            if head is not None:
                head.setToolTip(whole)
        self.large = LargeAwards()
        self.content = QWidget()
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()  # the chart beside the figures: the table keeps rows at 768 px
        top.addWidget(self.chart, 3)
        top.addWidget(self.summary, 2, Qt.AlignmentFlag.AlignTop)
        body.addLayout(top, 2)
        body.addWidget(self.table, 3)
        body.addWidget(self.large)
        self.content.hide()  # nothing, not zeros, until the backend has answered
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(message_row)
        layout.addWidget(self.content, 1)
        self._set_busy(False)

    # ------------------------------------------------------------ the request
    def prepare(self) -> None:
        """Ask the terminal (off the UI thread) for today in the store's zone and its store:
        the defaults, and whether "This store" can be offered."""
        if self.prepared or self.asked:
            return
        self.asked = True
        self.runner.submit(_settings, self._prepared, lambda _: None, lane=Lane.LOCAL)

    def _prepared(self, settings: tuple[date, str | None]) -> None:
        today, store_id = settings
        self.prepared = True
        last = QDate(today.year, today.month, today.day)
        self.date_to.setDate(last)
        self.date_from.setDate(last.addDays(1 - DAYS))
        self.scope.clear()
        if store_id:
            self.scope.addItem(
                tr("This store ({store})").format(store=store_id), analytics.AnalyticsScope.STORE
            )
            self.no_store = ""
        else:
            self.no_store = tr(" (no store_id in config.toml: the whole merchant only)")
            self.scope_note.setText(tr("No store_id in config.toml: the whole merchant only."))
        self.scope.addItem(tr("Whole merchant"), analytics.AnalyticsScope.MERCHANT)
        if self.pending:
            self.pending = False
            self.refresh()

    def refresh(self) -> None:
        if self.busy:
            return
        if not self.prepared:
            self.pending = True
            self.prepare()
            return
        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        interval = str(self.interval.currentData())
        scope = str(self.scope.currentData())
        self._set_busy(True)
        self.message.setText(tr("Loading…"))
        self.runner.submit(
            lambda t: jsonable(
                analytics.analytics(
                    t, date_from=first, date_to=last, interval=interval, scope=scope
                )
            ),
            self.show_report,
            self.failed,
            lane=Lane.REMOTE,
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.setProperty("busy", busy)
        for widget in (self.refresh_button, self.interval, self.scope):
            widget.setEnabled(not busy)
        for widget in (self.csv_button, self.pdf_button):
            widget.setEnabled(not busy and self.data is not None)
        self.refresh_button.setText(tr("Loading…") if busy else tr("Refresh"))

    def failed(self, error: BaseException) -> None:
        self.data = None
        self.content.hide()  # never zeros where the backend did not answer
        self._set_busy(False)
        if isinstance(error, analytics.AnalyticsNotOffered):
            self.message.setText(not_offered())
        elif isinstance(error, BackendUnavailable):
            self.message.setText(offline())
        elif isinstance(error, ServiceError):
            self.message.setText(error.message)
        else:
            self.message.setText(tr("The analytics could not be made."))

    # ------------------------------------------------------------ the answer
    def show_report(self, data: dict[str, Any]) -> None:
        self.data = data
        self._set_busy(False)
        self.message.setText("")
        cur = str(data["currency"])
        periods = data["periods"]
        years = str(data["date_from"])[:4] != str(data["date_to"])[:4]
        labels = [period_label(str(p["start"]), str(data["interval"]), years) for p in periods]
        fill(
            self.table,
            [
                [label]
                + [number(int(p[key])) for key in FIGURES]
                + [format_money(int(p["discount_total"]), cur), number(int(p["customers_active"]))]
                for label, p in zip(labels, periods, strict=True)
            ],
            set(range(1, self.table.columnCount())),
        )
        self.chart.set_periods(labels, periods)
        self.summary.setText(summary_text(data))
        where = (
            tr("Store {store}").format(store=data["store_id"])
            if data["scope"] == "store"
            else tr("Whole merchant")
        )
        self.scope_note.setText(
            tr("{where}, days in {zone}{no_store}").format(
                where=where, zone=data["timezone"], no_store=self.no_store
            )
        )
        self.large.show_awards(data.get("large_awards"), True)
        self.content.show()
        self._fit_summary()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_summary()

    def _fit_summary(self) -> None:
        """The figures whole at any width: their wrapped height, taken from the table's."""
        width = self.summary.width()
        if width > 0 and self.summary.heightForWidth(width) > 0:
            self.summary.setMinimumHeight(self.summary.heightForWidth(width))

    # ------------------------------------------------------------ the exports
    def export(self, fmt: str) -> None:
        if self.data is None:
            self.message.setText(tr("Refresh the analytics first."))
            return
        data = self.data
        name = f"analytics-{data['date_from']}-{data['date_to']}-{data['interval']}"
        path = self.ask_path(self, f"{name}.{fmt}", fmt)
        if not path:
            return
        save_export(self.runner, self.message, path, fmt, data, render_analytics)


def summary_text(data: dict[str, Any]) -> str:
    """The figures beside the periods, as plain text (reward names come from the backend)."""
    cur = str(data["currency"])
    totals = data["totals"]
    value = (
        tr("worth {value} ({note})").format(
            value=format_money(int(data["outstanding_value"]), cur),
            note=value_note(data["value_note"]),
        )
        if data["outstanding_value"] is not None
        else value_note(str(data["value_note"]))
    )
    soon = data["expiring"]
    expiring = (
        tr("Expiring within {days} days: {points}").format(
            days=" / ".join(number(int(e["within_days"])) for e in soon),
            points=" / ".join(number(int(e["points"])) for e in soon),
        )
        if soon
        else tr("Expiring: none")
    )
    top = ", ".join(
        f"{money_text(str(r['name']))} ({number(int(r['redemptions']))})"
        for r in data["top_rewards"]
    )
    return "\n".join(
        (
            tr("Redemptions: {n}, discounts {amount}").format(
                n=number(int(totals["redemptions"])),
                amount=format_money(int(totals["discount_total"]), cur),
            ),
            tr("Outstanding now (whole merchant): {points} points, {value}").format(
                points=number(int(data["outstanding_points"])), value=value
            ),
            expiring,
            tr("Top rewards: {rewards}").format(rewards=top or tr("none", "rewards")),
        )
    )
