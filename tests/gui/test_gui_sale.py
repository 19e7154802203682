"""Award a sale at the counter (ISSUE11 #2): the order and amount, the points from [earn]
with the customer's tier multiplier shown as typed, once per order (under the order field,
from the local index), a bonus with a reason; against the real sandbox."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from support.gui_helpers import (
    ADA,
    CASHIER,
    CASHIER_PIN,
    Gui,
    open_ada,
    signed_in,
)
from support.sandbox_v11 import balance, history, http, sale

from pos_app.sandbox import SandboxServer
from pos_app.ui.answers import AwardAnswer, SaleAnswer
from pos_app.ui.dialogs import AwardDialog


def said_under(dialog: AwardDialog, problem: Any) -> str:
    return str(problem.text()) if problem.isVisible() else ""


def _award_sale(qtbot: Any, g: Gui, order: str, amount: int) -> str:
    before = len(g.prompts.infos) + len(g.prompts.errors)
    g.prompts.award_answer = AwardAnswer(0, "", False, None, SaleAnswer(order, amount, "NGN"))
    g.window.award()
    qtbot.waitUntil(lambda: len(g.prompts.infos) + len(g.prompts.errors) > before, timeout=10000)
    said = (g.prompts.infos + g.prompts.errors)[-1]
    return said[1]


def _dialog(qtbot: Any, g: Gui) -> AwardDialog:
    """The award dialog as the flow opens it (its question: the earn rules, the tier, the
    order check), for a person to type into."""
    g.prompts.award_answer = None
    g.window.award()
    question = g.prompts.award_questions[-1]
    dialog = AwardDialog(g.window, question)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_sale_earns_once_and_the_second_time_is_said_under_the_order(
    qtbot: Any, gui: Gui
) -> None:
    open_ada(qtbot, gui)
    said = _award_sale(qtbot, gui, "ORD-G-1", 12_500)
    assert said == "125 points awarded. New balance: 625.", said
    assert "Order ORD-G-1, ₦12,500 at 1 point per ₦100" in gui.prompts.awards_confirmed[-1]
    with http(gui.sandbox) as c:
        assert balance(c, ADA)["points_balance"] == 625
        [txn] = [t for t in history(c, ADA) if t["metadata"].get("order_id") == "ORD-G-1"]
        assert (txn["points"], txn["metadata"]["amount"]) == (125, 12_500)

    dialog = _dialog(qtbot, gui)
    qtbot.keyClicks(dialog.order, "ORD-G-1")
    qtbot.waitUntil(
        lambda: "already earned 125 points" in said_under(dialog, dialog.order_problem),
        timeout=5000,
    )
    qtbot.keyClicks(dialog.amount, "12500")
    dialog.accept()
    assert dialog.isVisible() and dialog.answer() is None  # refused where typed
    qtbot.keyClicks(dialog.order, "2")  # ORD-G-12: a new order, the note goes
    qtbot.waitUntil(lambda: said_under(dialog, dialog.order_problem) == "", timeout=5000)
    dialog.reject()

    # Awarded anyway (another path to the flow): refused by the local index, nothing sent.
    said = _award_sale(qtbot, gui, "ORD-G-1", 12_500)
    assert "already earned 125 points" in said and "nothing was awarded" in said, said
    with http(gui.sandbox) as c:
        assert balance(c, ADA)["points_balance"] == 625


def test_another_tills_award_of_the_order_is_refused_with_when_and_how_many(
    qtbot: Any, gui: Gui
) -> None:
    open_ada(qtbot, gui)
    with http(gui.sandbox) as c:
        assert sale(c, ADA, "ORD-G-ELSEWHERE", 80, 8_000).status_code == 200
    said = _award_sale(qtbot, gui, "ORD-G-ELSEWHERE", 8_000)
    assert gui.prompts.errors and "80 points" in said, said
    with http(gui.sandbox) as c:
        assert balance(c, ADA)["points_balance"] == 580


def test_the_points_preview_follows_the_tier_multiplier(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    data = tmp_path / "terminal"
    data.mkdir()
    (data / "config.toml").write_text(
        "[earn.NGN]\npoints = 1\nper = 100\n[earn.tiers]\ntier_silver = 2\n", encoding="utf-8"
    )
    with signed_in(qtbot, sandbox, data, CASHIER, CASHIER_PIN) as g:
        open_ada(qtbot, g)
        assert g.window.customer.current is not None
        assert g.window.customer.current.view.customer.tier_id == "tier_silver"
        dialog = _dialog(qtbot, g)
        qtbot.keyClicks(dialog.order, "ORD-G-TIER")
        qtbot.keyClicks(dialog.amount, "12500")
        assert dialog.preview.text() == "\u20a612,500 \u2192 250 points"
        assert "x 2 for Silver" in " ".join(
            label.text() for label in dialog.findChildren(type(dialog.preview))
        )
        dialog.reject()
        said = _award_sale(qtbot, g, "ORD-G-TIER", 12_500)
        assert said == "250 points awarded. New balance: 750.", said
        assert "x 2 (Silver)" in g.prompts.awards_confirmed[-1]


def test_a_bonus_without_a_sale_carries_its_reason(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    dialog = _dialog(qtbot, gui)
    dialog.by_points.setChecked(True)
    qtbot.keyClicks(dialog.points_field, "150")
    dialog.accept()
    assert dialog.isVisible()  # a bonus needs its reason
    assert said_under(dialog, dialog.reason_problem) != ""
    qtbot.keyClicks(dialog.reason, "Birthday bonus")
    dialog.accept()
    answer = dialog.answer()
    assert answer is not None and answer.sale is None and answer.bonus
    gui.prompts.award_answer = answer
    gui.window.award()
    qtbot.waitUntil(lambda: gui.prompts.infos != [], timeout=10000)
    assert gui.prompts.infos[-1][1] == "150 points awarded. New balance: 650."
    with http(gui.sandbox) as c:
        last = history(c, ADA)[-1]
    assert last["points"] == 150 and last["metadata"].get("kind") == "bonus"
    assert last["reason"] == "Birthday bonus" or last["metadata"].get("reason") == (
        "Birthday bonus"
    )


def test_a_rotated_key_is_said_for_what_it_is_not_as_offline() -> None:
    """A sale award or a return queued because the backend refuses this terminal's key
    says the setup is wrong and that the work is kept, never "offline"."""
    from dataclasses import replace

    from pos_app.domain.models import Outcome
    from pos_app.services.backend import KEY_REFUSED
    from pos_app.services.points import AwardResult
    from pos_app.services.returns import ReturnResult
    from pos_app.ui.flows.award import awarded_text
    from pos_app.ui.flows.returns import returned_text

    award = AwardResult("cus_1", 120, Outcome.OFFLINE, None, order_id="o-1", paused=KEY_REFUSED)
    said = awarded_text(award)
    assert "kept in the queue, not yet sent" in said and KEY_REFUSED in said
    assert "offline" not in said
    back = ReturnResult("cus_1", "o-1", 5000, Outcome.OFFLINE, None, None, None, 50)
    assert "queued offline" in returned_text(back)
    said = returned_text(replace(back, paused=KEY_REFUSED))
    assert "kept in the queue, not yet sent" in said and KEY_REFUSED in said
    assert "offline" not in said and "50 points" in said
