"""Take back a return at the counter (ISSUE11 #3, #8): the figures before confirming agree
with the backend's answer, offline it is queued and synced, more than the sale is refused
under the amount, and a v1-only backend is said plainly; against the real sandbox."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton
from support.gui_helpers import ADA, CASHIER, CASHIER_PIN, Gui, open_ada, signed_in
from support.sandbox_v11 import balance, history, http
from support.terminal_helpers import backend, key

from pos_app.sandbox import SandboxServer
from pos_app.ui.answers import AwardAnswer, ReturnAnswer, SaleAnswer
from pos_app.ui.dialogs import ReturnConfirmDialog, ReturnDialog
from pos_app.ui.flows.returns import not_offered
from pos_app.ui.prompts import Prompts


def _said(g: Gui) -> int:
    return len(g.prompts.infos) + len(g.prompts.errors)


def _award_sale(qtbot: Any, g: Gui, order: str, amount: int) -> None:
    before = _said(g)
    g.prompts.award_answer = AwardAnswer(0, "", False, None, SaleAnswer(order, amount, "NGN"))
    g.window.award()
    qtbot.waitUntil(lambda: _said(g) > before, timeout=10000)
    assert g.prompts.infos and "points awarded" in g.prompts.infos[-1][1], g.prompts.errors


def _take_return(qtbot: Any, g: Gui, *answers: ReturnAnswer | None) -> tuple[str, str]:
    """Answers the return dialog with `answers` in turn (a refusal under a field asks
    again); returns what the window said at the end ("" when it asked again instead)."""
    before, asked = _said(g), len(g.prompts.returns_asked)
    g.prompts.return_answers = list(answers)
    g.window.take_return()
    qtbot.waitUntil(
        lambda: _said(g) > before or len(g.prompts.returns_asked) == asked + len(answers),
        timeout=10000,
    )
    if len(answers) == 1:
        qtbot.waitUntil(lambda: _said(g) > before, timeout=10000)
    return (g.prompts.infos + g.prompts.errors)[-1] if _said(g) > before else ("", "")


def test_a_return_online_shows_the_figures_the_backend_then_takes_back(
    qtbot: Any, gui: Gui
) -> None:
    open_ada(qtbot, gui)
    _award_sale(qtbot, gui, "ORD-R-1", 12_500)  # 125 points: balance 625
    _, said = _take_return(qtbot, gui, ReturnAnswer("ORD-R-1", 2_500, "Damaged"))
    [plan] = gui.prompts.returns_confirmed
    assert plan.figures is not None
    f = plan.figures
    assert (f.sale_amount, f.earned, f.taken_back_before, f.returned, f.takes_back) == (
        12_500,
        125,
        0,
        2_500,
        25,
    )
    assert said == "Order ORD-R-1: 25 points taken back. New balance: 600.", said
    with http(gui.sandbox) as c:
        assert balance(c, ADA)["points_balance"] == 600
        [back] = [t for t in history(c, ADA) if t["metadata"].get("kind") == "return"]
    assert back["points"] == -25 or abs(back["points"]) == f.takes_back

    # A second part of the same sale: what was already taken back is shown.
    _, said = _take_return(qtbot, gui, ReturnAnswer("ORD-R-1", 5_000, ""))
    f = gui.prompts.returns_confirmed[-1].figures
    assert f is not None and (f.returned_before, f.taken_back_before, f.takes_back) == (
        2_500,
        25,
        50,
    )
    assert said == "Order ORD-R-1: 50 points taken back. New balance: 550.", said
    # The customer screen re-read what changed.
    qtbot.waitUntil(lambda: "550" in gui.window.customer.balance.text(), timeout=10000)


def test_more_than_the_sale_is_refused_under_the_amount(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    _award_sale(qtbot, gui, "ORD-R-2", 10_000)
    _take_return(qtbot, gui, ReturnAnswer("ORD-R-2", 10_001, ""), None)
    again = gui.prompts.returns_asked[-1]
    assert again.typed == ReturnAnswer("ORD-R-2", 10_001, "")
    assert "at most 10,000 can be returned" in again.problems["amount"], again.problems
    assert gui.prompts.returns_confirmed == [] and gui.prompts.errors == []
    # The dialog shows it under the amount, as typed.
    dialog = ReturnDialog(gui.window, again)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.amount_problem.isVisible() and "at most" in dialog.amount_problem.text()
    assert dialog.amount.text() == "10001"
    with http(gui.sandbox) as c:
        assert balance(c, ADA)["points_balance"] == 600


def test_a_return_offline_is_queued_then_synced(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    _award_sale(qtbot, gui, "ORD-R-3", 20_000)  # 200 points: 700
    gui.sandbox.faults.update(outage=True)
    try:
        _, said = _take_return(qtbot, gui, ReturnAnswer("ORD-R-3", 5_000, ""))
    finally:
        gui.sandbox.faults.update(outage=False)
    assert "queued offline: it takes back 50 points" in said, said
    with http(gui.sandbox) as c:
        assert balance(c, ADA)["points_balance"] == 700
    gui.window.sync_now()
    with http(gui.sandbox) as c:
        qtbot.waitUntil(lambda: balance(c, ADA)["points_balance"] == 650, timeout=15000)
    qtbot.waitUntil(
        lambda: (
            ("Return synced", "Return on order ORD-R-3 synced: 50 points taken back.")
            in gui.prompts.infos
        ),
        timeout=15000,
    )


def test_returns_without_a_customer_find_them_by_the_order(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    _award_sale(qtbot, gui, "ORD-R-4", 10_000)
    gui.window.go_lookup()
    qtbot.waitUntil(lambda: gui.window.stack.currentWidget() is gui.window.lookup)
    _, said = _take_return(qtbot, gui, ReturnAnswer("ORD-R-4", 10_000, ""))
    assert gui.prompts.returns_asked[-1].customer_name is None
    assert gui.prompts.returns_confirmed[-1].customer_id == ADA
    assert said == "Order ORD-R-4: 100 points taken back. New balance: 500.", said


def test_a_v1_only_backend_takes_nothing_back_and_says_why(
    qtbot: Any, seeded_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "v1.db"
    shutil.copy(seeded_template, db)
    with (
        SandboxServer(db, api_version="1") as old,
        signed_in(qtbot, old, tmp_path / "terminal", CASHIER, CASHIER_PIN) as g,
    ):
        open_ada(qtbot, g)
        _award_sale(qtbot, g, "ORD-V1", 10_000)  # awards still work (local order guard)
        title, said = _take_return(qtbot, g, ReturnAnswer("ORD-V1", 5_000, ""))
        assert said == not_offered() and title == "Nothing was taken back", (title, said)
        assert said.startswith("Returns need a newer loyalty backend (LoyalPro API v1.1)")
        with http(old) as c:
            assert balance(c, ADA)["points_balance"] == 600


def test_a_shortfall_is_said_plainly(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    _award_sale(qtbot, gui, "ORD-R-5", 50_000)  # 500 points: 1,000
    with backend(gui.sandbox) as c:
        for _ in range(2):  # the customer spends 900 of them at another till
            c.redeem_points(
                customer_id=ADA, reward_id="rwd_off2500", points=450, idempotency_key=key()
            )
    _, said = _take_return(qtbot, gui, ReturnAnswer("ORD-R-5", 50_000, ""))
    assert said == (
        "Order ORD-R-5: 100 points taken back. New balance: 0. 400 points could not be "
        "taken back: the customer had already spent them (listed for the manager)."
    ), said


def test_a_queued_returns_shortfall_is_said_when_it_syncs(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    _award_sale(qtbot, gui, "ORD-R-6", 50_000)  # 500 points: 1,000
    with backend(gui.sandbox) as c:
        for _ in range(2):  # spent at another till
            c.redeem_points(
                customer_id=ADA, reward_id="rwd_off2500", points=450, idempotency_key=key()
            )
    gui.sandbox.faults.update(outage=True)
    try:
        _, said = _take_return(qtbot, gui, ReturnAnswer("ORD-R-6", 50_000, ""))
    finally:
        gui.sandbox.faults.update(outage=False)
    assert "queued offline: it takes back 500 points" in said, said
    gui.window.sync_now()
    qtbot.waitUntil(
        lambda: (
            (
                "Return synced",
                "Return on order ORD-R-6 synced: 100 points taken back. 400 points could not be "
                "taken back: the customer had already spent them (listed for the manager).",
            )
            in gui.prompts.infos
        ),
        timeout=15000,
    )


def _primary(dialog: QDialog) -> QPushButton:
    """The dialog's main button (Continue, Take back)."""
    return next(b for b in dialog.findChildren(QPushButton) if b.objectName() == "primary")


def test_the_return_button_takes_a_return_through_the_real_dialogs(qtbot: Any, gui: Gui) -> None:
    """The cashier clicks Return on the customer screen, types the order and the amount,
    reads the figures, confirms; the points are taken back at the backend and the balance
    after is said and shown."""
    open_ada(qtbot, gui)
    _award_sale(qtbot, gui, "ORD-R-CLICK", 12_500)  # 125 points: balance 625
    gui.window.prompts = Prompts()  # the real dialogs from here on
    figures: dict[str, str] = {}
    seen: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ReturnDialog) and "form" not in seen:
            seen.append("form")
            assert dialog.windowTitle() == "Take back a return for Ada Obi"
            dialog.order.setText("ORD-R-CLICK")
            dialog.amount.setText("2,500")
            dialog.reason.setText("Damaged")
            qtbot.mouseClick(_primary(dialog), Qt.MouseButton.LeftButton)
        elif isinstance(dialog, ReturnConfirmDialog) and "figures" not in seen:
            seen.append("figures")
            for label in dialog.findChildren(QLabel):
                if label.accessibleName() and label.isVisible():
                    figures[label.accessibleName()] = label.text()
            qtbot.mouseClick(_primary(dialog), Qt.MouseButton.LeftButton)

    driver = QTimer()
    driver.setInterval(20)
    driver.timeout.connect(drive)
    driver.start()
    try:
        button = gui.window.customer.return_button
        assert button.isVisible() and button.isEnabled()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # returns when the form closes
        notice = gui.window.notice
        qtbot.waitUntil(lambda: "taken back" in notice.text.text(), timeout=10000)
    finally:
        driver.stop()
    assert seen == ["form", "figures"]
    assert figures == {
        "Sale": "\u20a612,500",
        "The sale earned": "125 points",
        "Already taken back": "nothing yet",
        "This return": "\u20a62,500",
        "Takes back": "25 points",
    }, figures
    assert notice.title.text() == "Return taken back"
    assert notice.text.text() == "Order ORD-R-CLICK: 25 points taken back. New balance: 600."
    with http(gui.sandbox) as c:
        assert balance(c, ADA)["points_balance"] == 600
        [back] = [t for t in history(c, ADA) if t["metadata"].get("kind") == "return"]
    assert back["metadata"]["order_id"] == "ORD-R-CLICK"
    qtbot.waitUntil(lambda: gui.window.customer.balance.text() == "600 pts", timeout=10000)
