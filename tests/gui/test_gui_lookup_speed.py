"""What keeps the counter's screen quick (issue 14, the screen figures of tests/perf/gui.py),
checked by structure, never by timing: the lookup table sizes its fitted columns once per
fill, not on each cell; the search waits a short pause, longer than a scanner's gap between
keys, and a scan searches once; the service lanes' threads are running before any work is
submitted; the imports' objects are out of the garbage collector's full collections."""

from __future__ import annotations

import gc
import itertools
from datetime import UTC, datetime
from typing import Any

from PySide6.QtWidgets import QHeaderView
from support.gui_helpers import ADA, Gui
from test_gui_scanner import ADA_CARD, Clock, keys

from pos_app.domain.models import CustomerInfo
from pos_app.services import Terminal
from pos_app.services import lookup as lookup_service
from pos_app.ui.bridge import Lane, ServiceRunner
from pos_app.ui.collector import freeze_start_up
from pos_app.ui.views.lookup import FITTED, LookupView, found, typing_pause_ms

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _customer(i: int) -> CustomerInfo:
    return CustomerInfo(
        id=f"cus_{i:06d}",
        name=f"Customer {i}",
        email=f"c{i}@example.net",
        phone=f"+234803{i:07d}",
        card_number=f"LP{i:010d}",
        points_balance=i * 1000,
        lifetime_points=i * 1000,
        tier_id=None,
        tier_name="Gold" if i % 2 else "Silver",
        points_expiring=(),
        updated_at=NOW,
        cached_at=NOW,
    )


def _unused_terminal() -> Terminal:
    raise AssertionError("no work was submitted: no terminal is made")


def test_filling_the_results_sizes_the_fitted_columns_once_not_per_cell(
    qtbot: Any, monkeypatch: Any
) -> None:
    runner = ServiceRunner(_unused_terminal)
    view = LookupView(runner)
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.show()
    header = view.results.horizontalHeader()
    # ResizeToContents measures the whole column again on every cell written.
    assert all(
        header.sectionResizeMode(c) != QHeaderView.ResizeMode.ResizeToContents
        for c in range(view.results.columnCount())
    )
    fits = itertools.count()
    real = view.fit_columns
    monkeypatch.setattr(view, "fit_columns", lambda: (next(fits), real()))
    view.fill(found([_customer(i) for i in range(30)]))
    assert next(fits) == 1  # once for 30 rows of 5 cells
    assert view.results.rowCount() == 30
    gap = view.results.fontMetrics().averageCharWidth()
    for column in FITTED:  # and the fitted columns show their longest text whole, and a gap
        assert view.results.columnWidth(column) >= view.results.sizeHintForColumn(column) + gap
    font = view.results.font()  # the theme applied anew at a larger scale: fitted again
    font.setPointSizeF(font.pointSizeF() * 2)
    view.results.setFont(font)
    for column in FITTED:
        assert view.results.columnWidth(column) >= view.results.sizeHintForColumn(column)
    runner.shutdown()


def test_the_cells_texts_are_made_off_the_screen_thread() -> None:
    """The answer carries the formatted texts (phone, points), made on the lookup's lane."""
    answer = found([_customer(7)])
    name, phone, email, tier, points = answer.cells[0]
    assert (name, email, tier) == ("Customer 7", "c7@example.net", "Gold")
    assert phone != "+2348030000007" and phone.replace(" ", "").endswith("0000007")
    assert points == "7,000"


def test_the_typing_pause_outlasts_the_scanners_gap_between_keys(gui: Gui) -> None:
    assert typing_pause_ms(30) == 40  # the default scanner: a short pause
    assert typing_pause_ms(80) == 90  # a slower scanner: longer than its gap, still
    w = gui.window
    assert w.lookup._timer.interval() > w.scanner.settings.max_gap_ms


def test_a_scanned_card_searches_once(qtbot: Any, gui: Gui, monkeypatch: Any) -> None:
    w = gui.window
    asked: list[str] = []
    real = lookup_service.find

    def counted(t: Terminal, query: str, limit: int = 20) -> list[CustomerInfo]:
        asked.append(query)
        return real(t, query, limit)

    monkeypatch.setattr(lookup_service, "find", counted)
    clock = Clock()
    w.scanner.clock = clock
    w.go_lookup()
    w.lookup.search.setFocus()
    keys(w, clock, ADA_CARD)  # 12 keys 2 ms apart, then Enter
    qtbot.waitUntil(
        lambda: w.customer.current is not None and w.customer.current.view.customer.id == ADA,
        timeout=10000,
    )
    assert asked == [ADA_CARD]


def test_the_lanes_threads_run_before_any_work_is_submitted(qtbot: Any) -> None:
    """Starting a thread waits until it runs: never on the screen's thread at a click."""
    runner = ServiceRunner(_unused_terminal)
    try:
        qtbot.waitUntil(lambda: all(runner._pools[lane]._threads for lane in Lane))
    finally:
        runner.shutdown()


def test_the_imports_objects_are_frozen_once_a_window_is_built(gui: Gui) -> None:
    assert gc.get_freeze_count() > 10_000
    assert freeze_start_up() is False  # once per process
