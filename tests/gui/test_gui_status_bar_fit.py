"""The status bar keeps "Sync now" on a 1024 px screen, in French, with the demo's outage
switch, a queue and conflicts showing: the terminal's id gives way ("Terminal term_87…",
whole in its tooltip) rather than push the button off the window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from test_gui_fit_french import french  # noqa: F401 (autouse: the terminal in French)

from pos_app.sync.events import Connectivity
from pos_app.ui.status_bar import TerminalStatusBar
from pos_app.ui.theme import apply_theme, ui_scale

TERMINAL = "term_87cf071de9"


@pytest.fixture(params=[QSize(1024, 768), QSize(1366, 768)], ids=["1024", "1366"])
def screen(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[QSize]:
    apply_theme(qapp, dark=False, scale=ui_scale(request.param))
    try:
        yield request.param
    finally:
        apply_theme(qapp, dark=False, scale=1.0)


def _inside(widget: QWidget, window: QWidget) -> bool:
    box = widget.geometry()
    box.moveTopLeft(widget.mapTo(window, widget.rect().topLeft()))
    return window.rect().contains(box)


@pytest.mark.parametrize("conflicts", [0, 3])
def test_sync_now_stays_on_a_french_screen(qtbot: Any, screen: QSize, conflicts: int) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = TerminalStatusBar(TERMINAL)
    window.setStatusBar(bar)
    window.setCentralWidget(QWidget())
    bar.add_outage_switch(lambda _on: None)
    bar.set_connectivity(Connectivity.ONLINE, "")
    bar.set_queue(12, conflicts)
    bar.set_synced(datetime(2026, 11, 27, 10, 16, tzinfo=UTC))
    window.resize(screen)
    window.show()
    qtbot.waitExposed(window)
    assert window.minimumSizeHint().width() <= screen.width(), "the bar widens the window"
    qtbot.waitUntil(lambda: window.size() == screen)
    for widget in (bar.sync_button, bar.last_sync, bar.terminal, bar.pending):
        assert _inside(widget, window), f"{widget.text()!r} is cut off at {screen.width()} px"
    assert bar.terminal.text() == f"Terminal {TERMINAL}"  # whole, for its tooltip and reader
    assert TERMINAL in bar.terminal.toolTip()
