"""A code screen that stays true (issue 9, item 6), with real widgets and the real sandbox.

- An offline code on screen turns CONFIRMED when a sync confirms it.
- An offline code the backend refuses later says so, and what to do.
- The code screen's keys (Ctrl+C, Enter, Ctrl+P) work wherever the focus is on that screen,
  and only there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from support.gui_helpers import (
    ADA,
    Gui,
    button_for,
    open_ada,
)
from support.terminal_helpers import backend, backend_redemptions_with_code, key


def offline_code(qtbot: Any, g: Gui) -> str:
    """A code handed out during an outage, on screen at 1024x768."""
    g.window.resize(1024, 768)
    qtbot.waitUntil(lambda: g.window.status.state == "online", timeout=10000)
    open_ada(qtbot, g)
    g.sandbox.faults.update(outage=True)
    button_for(g, "rwd_xyz789").click()
    qtbot.waitUntil(lambda: g.window.stack.currentWidget() is g.window.code, timeout=15000)
    assert g.window.code.banner.text().startswith("OFFLINE")
    return g.window.code.code.text()


def sync_now(g: Gui) -> None:
    """The outage ends and the cashier presses the status bar's Sync now."""
    g.sandbox.faults.update(outage=False)
    g.window.status.sync_button.click()


def test_an_offline_code_turns_confirmed_on_screen_when_the_sync_confirms_it(
    qtbot: Any,
    gui: Gui,
    tmp_path: Path,
) -> None:
    code_view = gui.window.code
    code = offline_code(qtbot, gui)
    assert "(projected)" in code_view.what.text()
    sync_now(gui)
    qtbot.waitUntil(lambda: code_view.banner.text() == "CONFIRMED", timeout=15000)
    assert code_view.banner.property("state") == "confirmed"
    assert "(projected)" not in code_view.what.text()
    assert not code_view.refused.isVisible()
    assert gui.window.stack.currentWidget() is code_view  # still the same code, on screen
    assert code_view.code.text() == code
    assert len(backend_redemptions_with_code(gui.sandbox, code)) == 1
    assert gui.window.grab().save(str(tmp_path / "code-confirmed-after-offline.png"))


def test_an_offline_code_refused_later_says_so_and_what_to_do(
    qtbot: Any,
    gui: Gui,
    tmp_path: Path,
) -> None:
    code_view = gui.window.code
    gui.window.resize(1024, 768)
    qtbot.waitUntil(lambda: gui.window.status.state == "online", timeout=10000)
    open_ada(qtbot, gui)  # this till knows 500 points
    with backend(gui.sandbox) as c:  # ...then they are spent at another till
        c.redeem_points(customer_id=ADA, reward_id="rwd_off2500", points=450, idempotency_key=key())
    gui.sandbox.faults.update(outage=True)
    button_for(gui, "rwd_xyz789").click()
    qtbot.waitUntil(lambda: gui.window.stack.currentWidget() is code_view, timeout=15000)
    assert code_view.banner.text().startswith("OFFLINE")
    code = code_view.code.text()
    sync_now(gui)
    qtbot.waitUntil(lambda: code_view.banner.property("state") == "refused", timeout=15000)
    assert code_view.banner.text().startswith("REFUSED")
    note = code_view.refused.text()
    assert code_view.refused.isVisible()
    assert "refused this code" in note and "Do not give the discount" in note
    assert "manager" in note
    assert code_view.discount.font().strikeOut()
    assert "balance after" not in code_view.what.text()
    assert code_view.code.text() == code
    # Nothing left to scan or print for the customer; Ctrl+P prints nothing.
    assert not code_view.qr.isVisible() and not code_view.barcode.isVisible()
    assert not code_view.print_button.isVisible()
    gui.prompts.save_to = str(tmp_path / "slip.pdf")
    gui.window.print_slip()
    assert not (tmp_path / "slip.pdf").exists()
    assert gui.window.grab().save(str(tmp_path / "code-refused.png"))


def test_the_code_screens_keys_work_wherever_the_focus_is(
    qtbot: Any,
    gui: Gui,
    tmp_path: Path,
) -> None:
    window = gui.window
    open_ada(qtbot, gui)
    button_for(gui, "rwd_xyz789").click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code, timeout=15000)
    code = window.code.code.text()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    elsewhere = window.status.sync_button  # focus outside the code view itself
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    QApplication.clipboard().setText("")
    qtbot.keyClick(elsewhere, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == code
    gui.prompts.save_to = str(tmp_path / "slip.pdf")
    qtbot.keyClick(elsewhere, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert (tmp_path / "slip.pdf").stat().st_size > 0
    qtbot.keyClick(elsewhere, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.lookup
    # Elsewhere the keys are the ordinary ones: Ctrl+C copies from a field, Enter searches.
    assert not any(s.isEnabled() for s in window.code_shortcuts)
    search = window.lookup.search
    search.setText("ada")
    search.selectAll()
    qtbot.keyClick(search, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "ada"
