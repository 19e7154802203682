"""Screens learn what an operation changed from its result (ui/changes.py) and refresh
themselves: the customer on screen reads their balance and history again when a change
names them, and only then."""

from __future__ import annotations

from typing import Any

from support.gui_helpers import ADA, Gui, open_ada

from pos_app.ui.changes import Changed


def test_a_change_refreshes_the_customer_on_screen_and_nothing_else(qtbot: Any, gui: Gui) -> None:
    window = gui.window
    customer = window.customer
    open_ada(qtbot, gui)
    qtbot.waitUntil(lambda: not customer.history_placeholder and customer.history.rowCount() > 0)
    qtbot.waitUntil(lambda: customer.history_note.text() == "")

    window.changes.publish(Changed(customer_id="cus_somebody_else"))
    window.changes.publish(Changed(code="NOT-ON-SCREEN"))
    assert customer.history_note.text() == ""  # not about Ada: nothing re-read

    window.changes.publish(Changed(customer_id=ADA))
    assert customer.history_note.text() == "Updating history…"  # re-read at once
    qtbot.waitUntil(lambda: customer.history_note.text() == "", timeout=10000)

    window.go_lookup()  # Ada is no longer on screen: opening her again reads her anew
    window.changes.publish(Changed(customer_id=ADA))
    assert customer.history_note.text() == ""
