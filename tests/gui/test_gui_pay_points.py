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
    Gui,
    button_for,
    open_ada,
    sign_in,
    wait_synced,
    window,
)
from support.terminal_helpers import backend_redemptions_with_code

from pos_app.sandbox import SandboxServer

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
    assert gui.prompts.pay_points_asked[-1] == ("Pay with points: ₦5 a point", 100, 500, 10)
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
    assert gui.prompts.asked == []
    assert gui.window.stack.currentWidget() is gui.window.customer
