"""Keyboard-wedge barcode scanners (ISSUE13 #5): a burst of keys ended by the scanner's
suffix lands in the right field of each screen, whatever has the focus, and acts; a
configured prefix and suffix are stripped; a person typing is never taken for a scan; the
sign-in screen's PIN keeps its own rule. Keys carry explicit times (a fake clock): no sleeps."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from support.gui_helpers import ADA, Gui, open_ada, window

from pos_app.config import ScannerSettings
from pos_app.sandbox import SandboxServer
from pos_app.services import redeem
from pos_app.ui.answers import ReturnQuestion
from pos_app.ui.dialogs import AwardDialog, ReturnDialog
from pos_app.ui.scanner import scan_text
from pos_app.ui.views.signin import SCANNED

ADA_CARD = "LP0000123456"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _clock(g: Gui) -> Clock:
    clock = Clock()
    g.window.scanner.clock = clock
    return clock


def keys(
    top: QWidget,
    clock: Clock,
    text: str,
    *,
    gap_ms: float = 2,
    end: Qt.Key | None = Qt.Key.Key_Return,
) -> None:
    """Types `text` into whatever has the focus in `top`, `gap_ms` apart, then `end`."""
    for char in text:
        clock.now += gap_ms / 1000
        QTest.keyClick(top.focusWidget() or top, char)
    if end is not None:
        clock.now += gap_ms / 1000
        QTest.keyClick(top.focusWidget() or top, end)


def _award_dialog(qtbot: Any, g: Gui) -> AwardDialog:
    g.prompts.award_answer = None
    g.window.award()
    dialog = AwardDialog(g.window, g.prompts.award_questions[-1])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_scan_text_strips_the_prefix_and_a_character_suffix() -> None:
    assert scan_text("ORD-1", ScannerSettings()) == "ORD-1"
    assert scan_text("]C1ORD-1", ScannerSettings(prefix="]C1")) == "ORD-1"
    assert scan_text("ORD-1", ScannerSettings(prefix="]C1")) is None  # not the scanner's
    assert scan_text("ORD-1#", ScannerSettings(suffix="#")) == "ORD-1"


def test_lookup_a_card_scanned_with_the_focus_on_a_button_opens_the_customer(
    qtbot: Any, gui: Gui
) -> None:
    w = gui.window
    clock = _clock(gui)
    w.go_lookup()
    w.find_button.setFocus()
    keys(w, clock, ADA_CARD)
    assert w.lookup.search.text() == ADA_CARD
    qtbot.waitUntil(
        lambda: (
            w.stack.currentWidget() is w.customer
            and w.customer.current is not None
            and w.customer.current.view.customer.id == ADA
        ),
        timeout=10000,
    )


def test_customer_screen_a_card_scanned_on_the_history_opens_that_customer(
    qtbot: Any, gui: Gui
) -> None:
    w = gui.window
    open_ada(qtbot, gui)
    w.customer.history.setFocus()
    w.lookup.search.setText("someone else")
    keys(w, _clock(gui), ADA_CARD)
    assert w.lookup.search.text() == ADA_CARD
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.customer, timeout=10000)


def test_checkout_a_code_scanned_with_the_focus_on_a_button_is_checked(
    qtbot: Any, gui: Gui
) -> None:
    with gui.make_terminal() as t:
        code = redeem.redeem(t, ADA, "rwd_drink150").code
        redeem.mark_shown(t, code)
    w = gui.window
    w.go_verify()
    w.verify.check_button.setFocus()
    keys(w, _clock(gui), code)
    assert w.verify.input.text() == code
    qtbot.waitUntil(lambda: w.verify.current is not None, timeout=10000)


def test_award_a_scan_on_the_amount_field_fills_the_order_not_the_amount(
    qtbot: Any, gui: Gui
) -> None:
    open_ada(qtbot, gui)
    dialog = _award_dialog(qtbot, gui)
    dialog.amount.setText("12")
    dialog.amount.setFocus()
    keys(dialog, _clock(gui), "ORD-5501")
    assert dialog.order.text() == "ORD-5501"
    assert dialog.amount.text() == "12"  # as it was: the scan's digits taken back out
    assert dialog.focusWidget() is dialog.amount
    assert dialog.isVisible()  # the scanner's Enter did not close the dialog


def test_returns_a_scan_on_a_button_fills_the_order(qtbot: Any, gui: Gui) -> None:
    dialog = ReturnDialog(gui.window, ReturnQuestion("Ada Obi"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.amount.setFocus()
    keys(dialog, _clock(gui), "ORD-77")
    assert dialog.order.text() == "ORD-77"
    assert dialog.amount.text() == ""
    assert dialog.isVisible()


def test_a_configured_prefix_and_tab_suffix_are_stripped(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    gui.window.scanner.configure(ScannerSettings(prefix="]C1", suffix="Tab"))
    dialog = _award_dialog(qtbot, gui)
    dialog.amount.setFocus()
    keys(dialog, _clock(gui), "]C1ORD-9", end=Qt.Key.Key_Tab)
    assert dialog.order.text() == "ORD-9"
    assert dialog.focusWidget() is dialog.amount  # the Tab was the scanner's, not a move


def test_a_character_suffix_ends_a_scan(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    gui.window.scanner.configure(ScannerSettings(suffix="#"))
    dialog = _award_dialog(qtbot, gui)
    dialog.amount.setFocus()
    keys(dialog, _clock(gui), "ORD-10#", end=None)
    assert dialog.order.text() == "ORD-10"


def test_slow_typing_is_never_a_scan(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    dialog = _award_dialog(qtbot, gui)
    dialog.amount.setFocus()
    keys(dialog, _clock(gui), "12500", gap_ms=90, end=None)
    assert dialog.amount.text() == "12500"
    assert dialog.order.text() == ""
    w = gui.window
    w.go_lookup()
    keys(w, _clock(gui), "Ada", gap_ms=120, end=None)
    assert w.lookup.search.text() == "Ada"


def test_sign_in_the_pin_keeps_its_own_rule(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Any
) -> None:
    with window(qtbot, sandbox, tmp_path / "t") as g:
        w = g.window
        assert w.locked and w.stack.currentWidget() is w.signin
        w.signin.pin.setFocus()
        keys(w, _clock(g), ADA_CARD)
        assert w.signin.message.text() == SCANNED
        assert w.lookup.search.text() == ""
        assert w.stack.currentWidget() is w.signin
