"""The award flow asks for a manager's approval when the service says a limit of
[award_limits] is passed (ISSUE9 #2), through the prompts seam."""

from __future__ import annotations

import json
from typing import Any

from support.gui_helpers import (
    MANAGER,
    MANAGER_PIN,
    Gui,
    open_ada,
)

from pos_app.ui.answers import ApprovalAnswer, AwardAnswer


def _awards(g: Gui) -> list[tuple[str, dict[str, Any]]]:
    with g.make_terminal() as t:
        rows = t.db.conn.execute(
            "SELECT actor, details FROM audit WHERE action = 'award.created' ORDER BY seq"
        ).fetchall()
    return [(r[0], json.loads(r[1])) for r in rows]


def test_a_large_award_asks_a_manager_and_records_the_approval(
    qtbot: Any,
    gui: Gui,
) -> None:
    open_ada(qtbot, gui)
    gui.prompts.award_answer = AwardAnswer(2000, "Bulk order", False, None)
    gui.prompts.approval = None  # the manager is not there: nothing is given
    gui.window.award()
    qtbot.waitUntil(lambda: gui.prompts.approvals_asked != [], timeout=10000)
    asked = gui.prompts.approvals_asked[-1]
    assert "2,000 points for Ada Obi, balance after 2,500" in asked, asked
    assert "per-award limit of 1,000" in asked, asked
    assert _awards(gui) == [] and gui.prompts.errors == []

    gui.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "bulk order, receipt seen")
    gui.window.award()
    qtbot.waitUntil(lambda: gui.prompts.infos != [], timeout=10000)
    assert "New balance: 2,500" in gui.prompts.infos[-1][1]
    assert len(gui.prompts.approvals_asked) == 2
    [(actor, details)] = _awards(gui)
    assert (actor, details["points"], details["approved_by"]) == ("Chidi", 2000, MANAGER)


def test_a_small_award_is_confirmed_with_the_balance_after_and_asks_no_manager(
    qtbot: Any,
    gui: Gui,
) -> None:
    open_ada(qtbot, gui)
    gui.prompts.award_answer = AwardAnswer(100, "Purchase", False, None)
    gui.prompts.confirm = False  # the cashier sees the figures and cancels: nothing given
    gui.window.award()
    qtbot.waitUntil(lambda: gui.prompts.awards_confirmed != [], timeout=10000)
    assert gui.prompts.awards_confirmed[-1] == "100 points for Ada Obi, balance after 600"
    assert _awards(gui) == []
    gui.prompts.confirm = True
    gui.window.award()
    qtbot.waitUntil(lambda: gui.prompts.infos != [], timeout=10000)
    assert gui.prompts.approvals_asked == [] and len(_awards(gui)) == 1
