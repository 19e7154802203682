"""The customer display (issue 13, item 2) against the real sandbox: a real flow at the
counter (lookup, open a customer, redeem, award, return, another customer, lock, the
timeout) and what the second window shows at each step; a chosen screen that is not
connected; the doctor's Qt probe. The timeout runs on a clock the test moves: no sleeps."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from support.gui_helpers import (
    ADA,
    CASHIER,
    CASHIER_PIN,
    Gui,
    button_for,
    open_ada,
    sign_in,
    signed_in,
    window,
)

from pos_app.config import DisplaySettings
from pos_app.sandbox import SandboxServer
from pos_app.sandbox.seed import FIRST
from pos_app.services import lookup
from pos_app.services.customer_display import State
from pos_app.services.display_check import probe_screens
from pos_app.ui.answers import AwardAnswer, ReturnAnswer, SaleAnswer
from pos_app.ui.customer_display import CustomerDisplayWindow

ON_SCREEN_1 = DisplaySettings(screen="1", idle_seconds=30, store_name="Ikeja City Mall")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _display(g: Gui) -> CustomerDisplayWindow:
    shown = g.window.display.display
    assert shown is not None
    return shown


def _idle(shown: CustomerDisplayWindow) -> bool:
    return shown.words().startswith("Ikeja City Mall\nScan your card")


def _said(g: Gui) -> int:
    return len(g.prompts.infos) + len(g.prompts.errors)


def _another_customer(g: Gui) -> tuple[str, str]:
    with g.make_terminal() as t:
        found = [c for name in FIRST[1:4] for c in lookup.find(t, name, limit=5)]
    other = next(c for c in found if c.id != ADA and "Ada" not in c.name)
    return other.id, other.name


def test_the_display_follows_the_counter_and_never_keeps_a_customer(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with signed_in(qtbot, sandbox, tmp_path / "terminal", display=ON_SCREEN_1) as g:
        w, feed = g.window, g.window.display
        shown = _display(g)
        clock = Clock()
        feed.core.clock = clock
        assert shown.isVisible() and shown.isFullScreen()
        # The customer cannot control it: no focus, no input, no closing from there.
        assert shown.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
        assert shown.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        assert shown.focusPolicy() is Qt.FocusPolicy.NoFocus
        assert QApplication.focusWidget() is None or QApplication.focusWidget().window() is w
        shown.close()
        assert shown.isVisible()
        # Idle: the store's name and the prompt.
        assert _idle(shown), shown.words()

        # Lookup, then Ada opened: her first name, balance, tier and progress; no history.
        open_ada(qtbot, g)
        qtbot.waitUntil(lambda: "Hello Ada" in shown.words(), timeout=10000)
        balance = w.customer.current.view.projected_balance  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: " to " in shown.words() or "top tier" in shown.words())
        words = shown.words()
        assert f"{balance:,} points" in words and "Tier: " in words, words
        assert "Obi" not in words and "Purchase" not in words and "Promotional" not in words
        assert shown.bar.isVisibleTo(shown)
        assert QApplication.focusWidget() is None or QApplication.focusWidget().window() is w

        # A redemption: the code big and as a QR for the customer's phone.
        button_for(g, "rwd_drink150").click()
        qtbot.waitUntil(lambda: feed.core.state is State.CODE, timeout=15000)
        code = w.code.code.text()
        assert code.startswith("REDEEM-") and code in shown.words()
        assert shown.qr.isVisibleTo(shown) and shown.qr._text == code
        assert "Free soft drink" in shown.words()
        # Done: back to lookup, and the display is idle at once.
        w.code_done()
        assert _idle(shown) and not shown.qr.isVisibleTo(shown)

        # An award for a sale: the points earned and the new balance.
        open_ada(qtbot, g)
        qtbot.waitUntil(lambda: "Hello Ada" in shown.words(), timeout=10000)
        before = _said(g)
        g.prompts.award_answer = AwardAnswer(
            0, "", False, None, SaleAnswer("ORD-D-1", 12_500, "NGN")
        )
        w.award()
        qtbot.waitUntil(lambda: _said(g) > before, timeout=10000)
        awarded = g.prompts.infos[-1][1]
        assert feed.core.state is State.POINTS, g.prompts.errors
        words = shown.words()
        assert words.startswith("Points earned\n+125\nNew balance: "), words
        new_balance = words.split("New balance: ")[1].removesuffix(" points")
        assert f"New balance: {new_balance}." in awarded, (words, awarded)

        # A return: the points taken back and the new balance.
        before = _said(g)
        g.prompts.return_answers = [ReturnAnswer("ORD-D-1", 2_500, "Damaged")]
        w.take_return()
        qtbot.waitUntil(lambda: _said(g) > before, timeout=10000)
        said = g.prompts.infos[-1][1]
        words = shown.words()
        assert words.startswith("Points taken back\n\N{MINUS SIGN}25\nNew balance: "), words
        new_balance = words.split("New balance: ")[1].removesuffix(" points")
        assert f"New balance: {new_balance}." in said, (words, said)

        # The timeout: armed for the idle seconds, and idle once they have passed.
        assert feed.timer.isActive() and 29_000 < feed.timer.interval() <= 30_001
        clock.now += 29
        feed.check_timeout()
        assert not _idle(shown)
        clock.now += 1
        feed.check_timeout()
        assert _idle(shown) and not feed.timer.isActive()

        # Another customer: nothing of Ada stays, not even while the other one loads.
        open_ada(qtbot, g)
        qtbot.waitUntil(lambda: "Hello Ada" in shown.words(), timeout=10000)
        other_id, other_name = _another_customer(g)
        w.open_customer(other_id)
        assert _idle(shown) and "Ada" not in shown.words()
        first = other_name.split()[0]
        qtbot.waitUntil(lambda: f"Hello {first}" in shown.words(), timeout=10000)
        assert "Ada" not in shown.words()

        # Back to lookup: idle at once; a late answer for the customer left changes nothing.
        w.go_lookup()
        assert _idle(shown)
        w.customer.loaded.emit()
        assert _idle(shown)

        # The till locks (Switch user): idle at once, and so it stays.
        w.open_customer(other_id)
        qtbot.waitUntil(lambda: f"Hello {first}" in shown.words(), timeout=10000)
        w.switch_button.click()
        assert w.locked and _idle(shown)
        sign_in(qtbot, g, CASHIER, CASHIER_PIN)
        assert _idle(shown)
        # The auto-lock too.
        open_ada(qtbot, g)
        qtbot.waitUntil(lambda: "Hello Ada" in shown.words(), timeout=10000)
        w.idle.timeout.emit()
        assert w.locked and _idle(shown)

        # The customer's screen is unplugged: the display hides (Qt would otherwise move
        # it, full screen, onto the cashier's screen) and says so once.
        assert feed.placed_on is not None
        feed.screen_removed(feed.placed_on)
        assert shown.isHidden() and "disconnected" in w.status.currentMessage()
        sign_in(qtbot, g, CASHIER, CASHIER_PIN)
        open_ada(qtbot, g)
        assert shown.isHidden()


def test_a_chosen_screen_that_is_not_connected_is_said_once_and_the_till_works(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    missing = DisplaySettings(screen="HDMI-9")
    with window(qtbot, sandbox, tmp_path / "terminal", display=missing) as g:
        feed = g.window.display
        assert feed.display is None
        assert feed.problem == (
            "Customer display: screen HDMI-9 is not connected; the till works without it."
        )
        assert g.window.status.currentMessage() == feed.problem
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, CustomerDisplayWindow)]
        assert not [w for w in shown if w.isVisible()]
        sign_in(qtbot, g, CASHIER, CASHIER_PIN)
        open_ada(qtbot, g)
        feed.leave()  # nothing to paint: no crash


def test_no_display_chosen_makes_no_window(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with window(qtbot, sandbox, tmp_path / "terminal") as g:
        assert g.window.display.display is None and g.window.display.problem == ""


def test_the_doctors_qt_probe_lists_the_screens() -> None:
    found = probe_screens(10, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert len(found) == 1 and found[0].width > 0
