"""Find a customer: one search field for typing and for a card scanner's keyboard wedge
(card number + Enter), answered from the local cache as the cashier types.

A search runs a short pause after the last typed key (longer than the gap between a
scanner's keys, so a scan's burst starts no search of its own: its Enter searches once, at
once). The query and the cells' texts (phone and number formatting) are made on the
runner's local lane; this thread only puts the texts in the table, whose fitted columns
are sized once per fill (`fit_columns`), never per cell."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...config import ScannerSettings
from ...domain import phones
from ...domain.models import CustomerInfo
from ...i18n.formats import number
from ...services import ServiceError, lookup
from ..bridge import Lane, ServiceRunner
from ..i18n import tr

TYPING_PAUSE_MS = 40  # after the last typed key (a fast typist's keys are ~80 ms apart)
SCAN_MARGIN_MS = 10  # the pause is at least a scanner's gap between keys plus this
FITTED = (1, 3, 4)  # phone, tier, points: as wide as their longest text; name and email stretch
FIT_GAP_CHARS = 3  # and this much wider (in average characters), to part them from the next


def typing_pause_ms(scanner_gap_ms: int) -> int:
    """The pause before a typed search: short, yet longer than the scanner's gap between
    keys, so a scan's burst of keys (then Enter) never searches per character."""
    return max(TYPING_PAUSE_MS, scanner_gap_ms + SCAN_MARGIN_MS)


@dataclass(frozen=True, slots=True)
class Found:
    """A search's answer, its cells' texts made on the lookup's lane."""

    customers: list[CustomerInfo]
    cells: list[tuple[str, ...]]


def found(customers: list[CustomerInfo]) -> Found:
    return Found(
        customers,
        [
            (
                c.name,
                phones.shown(c.phone, "") if c.phone else "",  # +234 803 ...
                c.email or "",
                c.tier_name or "",
                number(c.points_balance),
            )
            for c in customers
        ],
    )


class ResultsTable(QTableWidget):
    """The results. Its fitted columns are sized by `fit()` (after each fill) and again
    when its font or style changes (the theme applied anew at another scale)."""

    def fit(self) -> None:
        gap = self.fit_gap()
        for column in FITTED:
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, self.columnWidth(column) + gap)

    def fit_gap(self) -> int:
        """Room a fitted column keeps after its longest text: without it a phone number
        ran into the email next to it."""
        return round(self.fontMetrics().averageCharWidth() * FIT_GAP_CHARS)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _RESTYLED:
            self.fit()


_RESTYLED = (QEvent.Type.FontChange, QEvent.Type.StyleChange)


class LookupView(QWidget):
    customer_chosen = Signal(str)
    shown_customers = Signal(int)  # how many rows are on screen (for readiness)

    def __init__(self, runner: ServiceRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._asked = 0  # sequence of lookups: a late answer to an old query is dropped
        self._open_when_found = False
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            tr("Scan a loyalty card, or type a name, phone, email or id")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Customer search"))
        self.heading = QLabel(tr("Recently active customers"))
        self.heading.setObjectName("sectionTitle")
        self.results = ResultsTable(0, 5)
        self.results.setAccessibleName(tr("Customers"))
        self.results.setHorizontalHeaderLabels(
            [tr("Name"), tr("Phone"), tr("Email"), tr("Tier"), tr("Points")]
        )
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().setVisible(False)
        self.results.setShowGrid(False)
        self.results.setAlternatingRowColors(True)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Sized by fit_columns() after each fill: ResizeToContents would measure every
        # row of the column again on each cell written (~23 ms a keystroke instead of 1).
        for column in FITTED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.results.verticalHeader().setDefaultSectionSize(44)
        self.hint = QLabel("")
        self.hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(12)
        layout.addWidget(self.search)
        layout.addWidget(self.heading)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(typing_pause_ms(ScannerSettings().max_gap_ms))
        self._timer.timeout.connect(self.run_query)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.search.returnPressed.connect(self.on_enter)
        self.results.activated.connect(lambda index: self._choose_row(index.row()))
        self.results.cellClicked.connect(lambda row, _: self._choose_row(row))
        self.search.installEventFilter(self)
        self.fit_columns()  # the headers' own widths, until the first answer

    def set_scanner_gap(self, gap_ms: int) -> None:
        """The scanner's most time between keys ([scanner] max_gap_ms): see typing_pause_ms."""
        self._timer.setInterval(typing_pause_ms(gap_ms))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.results.rowCount()
        ):
            self.results.setFocus()
            self.results.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def reset(self) -> None:
        self.search.clear()
        self.run_query()
        self.focus_search()

    def on_enter(self) -> None:
        """Enter (typed, or the end of a card scan): open the match at once if there is
        exactly one or an exact one; otherwise show the list."""
        self._timer.stop()
        self._open_when_found = True
        self.run_query()

    def run_query(self) -> None:
        text = self.search.text().strip()
        self._asked += 1
        asked = self._asked
        if not text:
            self.runner.submit(
                lambda t: found(lookup.recent(t, 12)),
                lambda answer: self._show(asked, answer, recent=True),
                lane=Lane.LOCAL,
            )
            return
        self.runner.submit(
            lambda t: found(lookup.find(t, text, 30)),
            lambda answer: self._show(asked, answer, recent=False),
            lambda error: self._failed(asked, error),
            lane=Lane.LOCAL,
        )

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked != self._asked:
            return
        self.hint.setText(
            error.message
            if isinstance(error, ServiceError)
            else tr("The search failed; try again.")
        )

    def _show(self, asked: int, answer: Found, *, recent: bool) -> None:
        if asked != self._asked:
            return  # the cashier has typed more since
        found = answer.customers
        self.heading.setText(tr("Recently active customers") if recent else tr("Customers found"))
        self.fill(answer)
        if recent:
            self.hint.setText(
                ""
                if found
                else tr("No customers on this terminal yet: they arrive with the first sync.")
            )
        else:
            self.hint.setText(
                tr("No customer matches. Check the spelling, or enrol them (F7).")
                if not found
                else tr("↓ to choose, Enter to open")
            )
        if self._open_when_found and not recent:
            self._open_when_found = False
            text = self.search.text().strip().casefold()
            exact = [
                c
                for c in found
                if text
                in {c.id.casefold(), (c.card_number or "").casefold(), (c.email or "").casefold()}
            ]
            if len(exact) == 1 or len(found) == 1:
                self.customer_chosen.emit((exact or found)[0].id)
                return
        self._open_when_found = False
        self.shown_customers.emit(len(found))

    def fill(self, answer: Found) -> None:
        """The rows into the table, then the fitted columns sized once."""
        table = self.results
        table.setRowCount(len(answer.customers))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, (customer, cells) in enumerate(zip(answer.customers, answer.cells, strict=True)):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, customer.id)
                if column == 4:
                    item.setTextAlignment(right)
                table.setItem(row, column, item)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Phone, tier and points as wide as their longest text or their heading."""
        self.results.fit()

    def _choose_row(self, row: int) -> None:
        item = self.results.item(row, 0)
        if item is not None:
            self.customer_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
