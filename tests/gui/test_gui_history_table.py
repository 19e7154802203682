"""The customer's History table keeps its columns' texts apart: the balance, a number set
to the right of its column, no longer ran into the reason next to it ("650 Birthday"),
with the app's own style applied, light and dark."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtGui import QImage

from pos_app.domain.progress import Label
from pos_app.services.history import HistoryLine
from pos_app.ui.theme import apply_theme
from pos_app.ui.views.history import REASON, WHAT, HistoryTable

AT = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
LINES = (
    HistoryLine("earn", 50, 650, "Birthday", AT, True, Label.BONUS),
    HistoryLine("earn", 100, 600, "Purchase", AT, True, Label.SALE, "order_12345"),
    HistoryLine("redeem", -150, 10_300, "Redeemed: Free soft drink", AT, True, Label.REDEMPTION),
    HistoryLine("earn", 20, None, "Purchase", AT, False, Label.SALE, "order_9"),
)


@pytest.fixture(params=[False, True], ids=["light", "dark"])
def styled(qapp: Any, request: pytest.FixtureRequest) -> Iterator[None]:
    apply_theme(qapp, dark=request.param, scale=1.0)
    try:
        yield
    finally:
        apply_theme(qapp, dark=False, scale=1.0)


def _ink(image: QImage, left: int, right: int, top: int, bottom: int) -> list[int]:
    """The x of every pixel column between left and right that has text on it: a pixel
    unlike the row's background (taken at the row's first pixel)."""
    ground = image.pixelColor(left + 1, (top + bottom) // 2)
    inked = []
    for x in range(left, right):
        for y in range(top + 2, bottom - 2):
            colour = image.pixelColor(x, y)
            if abs(colour.lightness() - ground.lightness()) > 60:
                inked.append(x)
                break
    return inked


def test_the_texts_of_neighbouring_columns_stay_apart(qtbot: Any, styled: None) -> None:
    """What a person sees: between the last inked pixel of a cell and the first of the
    cell to its right, one and a half average characters of blank."""
    table = HistoryTable()
    qtbot.addWidget(table)
    table.resize(900, 400)
    table.append(LINES)
    table.show()
    qtbot.waitExposed(table)
    image = table.viewport().grab().toImage()
    blank = 3 * table.fontMetrics().averageCharWidth() // 2
    close = []
    for row in range(table.rowCount()):
        top, height = table.rowViewportPosition(row), table.rowHeight(row)
        for column in range(table.columnCount() - 1):
            here = table.columnViewportPosition(column)
            there = table.columnViewportPosition(column + 1)
            end = there + table.columnWidth(column + 1)
            mine = _ink(image, here, there, top, top + height)
            theirs = _ink(image, there, end, top, top + height)
            if not mine or not theirs:
                continue  # an empty cell (a line waiting to sync has no balance yet)
            apart = theirs[0] - mine[-1] - 1
            if apart < blank:
                close.append(
                    f"{table.item(row, column).text()!r} and "
                    f"{table.item(row, column + 1).text()!r}: {apart} px"
                )
    assert not close, f"texts closer than {blank} px: {close}"


@pytest.mark.parametrize("width", [460, 560, 900])
def test_a_narrow_table_wraps_what_before_it_cuts_a_reasons_word(
    qtbot: Any, styled: None, width: int
) -> None:
    """On a 1024 px screen the history is about 540 px wide: the reason keeps room for its
    longest word ("Promotional"), and "Sale order_12345" wraps rather than squeeze it."""
    table = HistoryTable()
    qtbot.addWidget(table)
    table.resize(width, 400)
    table.append(
        (
            *LINES,
            HistoryLine("earn", 200, 500, "Promotional Campaign", AT, True),
            # French money: no-break spaces hold "1 000 NGN" on one line.
            HistoryLine("redeem", -200, 450, "Redeemed: 1\u202f000\xa0NGN off", AT, True),
        )
    )
    table.show()
    qtbot.waitExposed(table)
    metrics = table.fontMetrics()
    longest = max(
        metrics.horizontalAdvance(word)
        for row in range(table.rowCount())
        for word in table.item(row, REASON).text().split(" ")
    )
    assert table.columnWidth(REASON) > longest
    heading = table.horizontalHeader().sectionSizeFromContents(WHAT).width()
    assert table.columnWidth(WHAT) >= heading
    assert not table.horizontalScrollBar().isVisible()
    for row in range(table.rowCount()):  # a wrapped row is as tall as its lines
        assert table.rowHeight(row) >= table.sizeHintForRow(row)
