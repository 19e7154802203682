"""Pay with points on the cashier's screen (real widgets, the real sandbox): the card says
the rate; the cashier types points, the confirmation shows them snapped to the step with
their discount and the balance after, and the code carries the discount."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.gui_helpers import (
    CASHIER,
    CASHIER_PIN,
    PAY_POINTS_OFFLINE,
    Gui,
    button_for,
    open_ada,
    sign_in,
    wait_synced,
    window,
)
from support.terminal_helpers import backend_redemptions_with_code

from pos_app.sandbox import SandboxServer
from pos_app.ui.dialogs.pay_points import PayPointsDialog

POINTS = "rwd_points"
RULE = {"discount_per_point": 5, "min_points": 100, "max_points": 10000, "step": 10}


@pytest.fixture
def gui(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> Iterator[Gui]:
    """The cashier signed in after the first sync, with the demo's rwd_points offered."""
    ledger = sandbox.ledger
    if ledger.rewards.lookup(POINTS) is None:  # demo data from before v1.1's catalogue
        with ledger.lock, ledger.transaction():
            ledger.rewards.add(POINTS, "Pay with points", 0, 0, per_point=RULE)
    with window(qtbot, sandbox, tmp_path / "terminal") as g:
        sign_in(qtbot, g, CASHIER, CASHIER_PIN)
        wait_synced(qtbot, g)
        yield g


def test_pay_with_points_from_the_card(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    card = button_for(gui, POINTS)
    assert card.isEnabled()
    assert "Pay with points: ₦5 a point" in card.accessibleName()
    gui.prompts.pay_points_answer = 257  # typed off the step: snapped down to 250
    card.click()
    qtbot.waitUntil(lambda: bool(gui.prompts.asked), timeout=10000)
    assert gui.prompts.pay_points_asked[-1] == ("Pay with points: ₦5 a point", 100, 500, 10)
    assert gui.prompts.pay_points_questions[-1].cap is None  # online: no offline cap
    question = gui.prompts.asked[-1]
    assert (question.points, question.discount, question.balance_after) == (250, "₦1,250", 250)
    qtbot.waitUntil(lambda: gui.window.stack.currentWidget() is gui.window.code, timeout=10000)
    code = gui.window.code.code.text()
    assert gui.window.code.discount.text() == "₦1,250 off"
    found = backend_redemptions_with_code(gui.sandbox, code)
    assert len(found) == 1 and (found[0].points, found[0].discount_amount) == (250, 1250)


def test_cancelled_points_prompt_redeems_nothing(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    gui.prompts.pay_points_answer = None
    button_for(gui, POINTS).click()
    qtbot.waitUntil(lambda: bool(gui.prompts.pay_points_asked), timeout=10000)
    assert gui.prompts.asked == []
    assert gui.window.stack.currentWidget() is gui.window.customer


def test_pay_with_points_by_the_amount_to_cover(qtbot: Any, gui: Gui) -> None:
    """₦1,234 to cover: 240 points (₦1,200, on the step); the customer pays the other ₦34."""
    open_ada(qtbot, gui)
    gui.prompts.pay_points_answer, gui.prompts.pay_points_by_amount = 1234, True
    button_for(gui, POINTS).click()
    qtbot.waitUntil(lambda: gui.window.stack.currentWidget() is gui.window.code, timeout=10000)
    question = gui.prompts.asked[-1]
    assert (question.points, question.discount, question.balance_after) == (240, "₦1,200", 260)
    found = backend_redemptions_with_code(gui.sandbox, gui.window.code.code.text())
    assert (found[0].points, found[0].discount_amount) == (240, 1200)


def test_offline_the_policy_caps_the_points(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """Offline, the prompt's most is the offline policy's cap: 450 asked, 200 spent."""
    if sandbox.ledger.rewards.lookup(POINTS) is None:
        with sandbox.ledger.lock, sandbox.ledger.transaction():
            sandbox.ledger.rewards.add(POINTS, "Pay with points", 0, 0, per_point=RULE)
    data_dir = tmp_path / "terminal"
    data_dir.mkdir()
    (data_dir / "config.toml").write_text("[offline_policy]\nmax_points_per_redemption = 200\n")
    with window(qtbot, sandbox, data_dir) as g:
        sign_in(qtbot, g, CASHIER, CASHIER_PIN)
        wait_synced(qtbot, g)
        open_ada(qtbot, g)
        sandbox.faults.update(outage=True)
        g.window.sync_now()
        qtbot.waitUntil(lambda: g.window.status.state == "offline", timeout=15000)
        g.prompts.pay_points_answer = 457
        button_for(g, POINTS).click()
        qtbot.waitUntil(lambda: bool(g.prompts.asked), timeout=10000)
        asked = g.prompts.pay_points_questions[-1]
        assert (asked.low, asked.high, asked.cap) == (100, 200, 200)
        assert (g.prompts.asked[-1].points, g.prompts.asked[-1].discount) == (200, "₦1,000")
        qtbot.waitUntil(lambda: g.window.stack.currentWidget() is g.window.code, timeout=20000)
        assert g.window.code.banner.text().startswith("OFFLINE")
        sandbox.faults.update(outage=False)


def test_the_prompt_shows_both_figures_snapped_and_the_balance_after(qtbot: Any) -> None:
    """The real dialog: by amount, then switched to points; snapped, capped, explained."""
    dialog = PayPointsDialog(None, PAY_POINTS_OFFLINE)
    qtbot.addWidget(dialog)
    assert "Offline: at most 500 points now" in dialog.limits.text()
    assert "Balance: 2,450 points" in dialog.limits.text()
    qtbot.keyClicks(dialog.typed, "1234")
    assert dialog.quote is not None and (dialog.quote.points, dialog.quote.discount) == (240, 1200)
    assert dialog.figures.text() == "240 points = ₦1,200 off"
    assert dialog.note.text() == "The customer pays the other ₦34 another way."
    assert dialog.after.text() == "Balance after: 2,210 points"
    dialog.by_points.setChecked(True)  # the same digits, now points: capped offline at 500
    assert dialog.quote is not None and dialog.quote.points == 500
    assert dialog.figures.text() == "500 points = ₦2,500 off"
    assert dialog.note.text() == "Not 1,234: steps of 10, from 100 to 500."
    dialog.typed.setText("40")  # points under the smallest: raised to it, and said
    assert dialog.quote is not None and dialog.quote.points == 100
    assert dialog.note.text().startswith("Not 40:")
    dialog.by_amount.setChecked(True)  # ₦40 is less than the smallest payment (₦500)
    assert dialog.quote is None and "smallest payment with points" in dialog.problem.text()
