"""A customer's points history as a table: a loading row while it comes, then one row per
transaction labelled (bonus, sale ORDER, return ORDER, ...), the ones waiting to sync in
italics and marked; and the filter by label."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from ...domain.progress import Label
from ...i18n.formats import number, signed
from ...services import describe, history
from ..fmt import date_text, datetime_text
from ..i18n import tr


def loading_history() -> str:
    return tr("Loading history…")


def waiting() -> str:
    """A line waiting to sync: short, the reason keeps its room at 1024 px."""
    return tr("waiting", "to sync")


def filters() -> tuple[tuple[str, Label | None], ...]:
    """The filter's choices, in the order a cashier looks for them (None: every line)."""
    return (
        (tr("All types"), None),
        (tr("Sales"), Label.SALE),
        (tr("Bonuses"), Label.BONUS),
        (tr("Returns"), Label.RETURN),
        (tr("Redemptions"), Label.REDEMPTION),
        (tr("Adjustments"), Label.ADJUSTMENT),
        (tr("Expiries"), Label.EXPIRY),
        (tr("Other awards"), Label.AWARD),
    )


def label_words(label: Label | None) -> str:
    """A type of history line as a word in a sentence: "sale", "bonus"."""
    words = {
        Label.SALE: tr("sale", "history line"),
        Label.BONUS: tr("bonus", "history line"),
        Label.RETURN: tr("return", "history line"),
        Label.REDEMPTION: tr("redemption", "history line"),
        Label.ADJUSTMENT: tr("adjustment", "history line"),
        Label.EXPIRY: tr("expiry", "history line"),
        Label.AWARD: tr("award", "history line"),
    }
    return "" if label is None else words[label]


def line_label(line: history.HistoryLine) -> str:
    """ "Sale order_12345", "Bonus", "Return order_12345", "Redemption", ..."""
    text = line.label_text
    return text[:1].upper() + text[1:]


class HistoryFilter(QComboBox):
    """Which lines the history shows: all, or one label (works offline: the terminal's copy
    is labelled too)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(tr("History type"))
        self.setToolTip(tr("Show only one type of history line"))
        for words, label in filters():
            self.addItem(words, None if label is None else label.value)

    @property
    def label(self) -> Label | None:
        value = self.currentData()
        return None if value is None else Label(value)

    def choose(self, label: Label | None) -> None:
        self.setCurrentIndex(self.findData(None if label is None else label.value))


class HistoryTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, 5)
        self.setAccessibleName(tr("History"))
        self.setHorizontalHeaderLabels(
            [tr("When"), tr("What"), tr("Points"), tr("Balance"), tr("Reason")]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A long reason wraps onto a second line rather than being cut (1024 px wide).
        self.setWordWrap(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h = self.horizontalHeader()
        for column in (0, 1, 2, 3):
            h.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # A column that grows (a longer date, in French) narrows the reasons: their rows
        # grow with them, never left a line short.
        h.sectionResized.connect(lambda *_: self.resizeRowsToContents())

    @property
    def placeholder(self) -> bool:
        """The table shows its loading row, not history."""
        item = self.item(0, 0) if self.rowCount() == 1 else None
        return item is not None and item.text() == loading_history()

    def show_loading(self) -> None:
        self.clearSpans()
        self.setRowCount(1)
        item = QTableWidgetItem(loading_history())
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        font = item.font()
        font.setItalic(True)
        item.setFont(font)
        self.setItem(0, 0, item)
        self.setSpan(0, 0, 1, self.columnCount())
        self.setRowHeight(0, 64)

    def clear_rows(self) -> None:
        self.clearSpans()
        self.setRowCount(0)

    def append(self, lines: Iterable[history.HistoryLine]) -> None:
        """One row per transaction, after the rows already shown."""
        for line in lines:
            row = self.rowCount()
            self.insertRow(row)
            when = date_text(line.at, "d MMM yyyy")
            cells = [
                when,
                line_label(line),
                signed(line.points),
                waiting()
                if not line.synced
                else ""
                if line.balance_after is None
                else number(line.balance_after),
                describe.money_text(line.reason or ""),  # "Redeemed: ₦1,000 off"
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    f"{datetime_text(line.at, long=True)}"
                    f"\n{cells[4]}" + ("" if line.synced else "\n" + tr("Waiting to sync"))
                )
                if column in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if not line.synced:
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)
                self.setItem(row, column, item)
