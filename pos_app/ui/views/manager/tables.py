"""The tables and notes the manager's tabs are made of."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ....files import write_private
from ...bridge import Lane, ServiceRunner
from ...i18n import tr

# Where to save an export (the dialog's parent, a suggested file name, "csv" or "pdf"):
# the window asks the person; None when they cancel or the till locked meanwhile.
AskPath = Callable[[QWidget, str, str], str | None]


def save_export(
    runner: ServiceRunner,
    message: QLabel,
    path: str,
    fmt: str,
    data: dict[str, Any],
    render: ModuleType,
) -> None:
    """Write a tab's figures to `path` as CSV (owner-only) or PDF through `render` (a
    module with `to_csv` and `to_pdf`), off the UI thread, and say how it went."""

    def write(_: object) -> str:
        if fmt == "csv":
            write_private(Path(path), render.to_csv(data).encode())
        else:
            render.to_pdf(data, Path(path))
        return path

    runner.submit(
        write,
        lambda saved: message.setText(tr("Saved {path}").format(path=saved)),
        lambda error: message.setText(tr("Not saved: {error}").format(error=error)),
        lane=Lane.LOCAL,
    )


def data_table(headers: list[str], stretch: int, name: str = "") -> QTableWidget:
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


def fill(table: QTableWidget, rows: list[list[str]], right: Collection[int] = ()) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class Note(QLabel):
    """A message that takes no room while it has nothing to say (the report fits the
    height of a 1024x768 screen with a taskbar)."""

    def __init__(self) -> None:
        super().__init__()
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))
