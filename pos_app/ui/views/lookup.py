"""Find a customer: one search field for typing and for a card scanner's keyboard wedge
(card number + Enter), answered from the local cache as the cashier types."""

from __future__ import annotations

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

from ...domain import phones
from ...domain.models import CustomerInfo
from ...i18n.formats import number
from ...services import ServiceError, lookup
from ..bridge import Lane, ServiceRunner
from ..i18n import tr

TYPING_PAUSE_MS = 120


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
        self.results = QTableWidget(0, 5)
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
        for column in (1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
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
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_query)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.search.returnPressed.connect(self.on_enter)
        self.results.activated.connect(lambda index: self._choose_row(index.row()))
        self.results.cellClicked.connect(lambda row, _: self._choose_row(row))
        self.search.installEventFilter(self)

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
                lambda t: lookup.recent(t, 12),
                lambda found: self._show(asked, found, recent=True),
                lane=Lane.LOCAL,
            )
            return
        self.runner.submit(
            lambda t: lookup.find(t, text, 30),
            lambda found: self._show(asked, found, recent=False),
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

    def _show(self, asked: int, found: list[CustomerInfo], *, recent: bool) -> None:
        if asked != self._asked:
            return  # the cashier has typed more since
        self.heading.setText(tr("Recently active customers") if recent else tr("Customers found"))
        self.results.setRowCount(len(found))
        for row, customer in enumerate(found):
            cells = [
                customer.name,
                phones.shown(customer.phone, "") if customer.phone else "",  # +234 803 ...
                customer.email or "",
                customer.tier_name or "",
                number(customer.points_balance),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, customer.id)
                if column == 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.results.setItem(row, column, item)
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

    def _choose_row(self, row: int) -> None:
        item = self.results.item(row, 0)
        if item is not None:
            self.customer_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
