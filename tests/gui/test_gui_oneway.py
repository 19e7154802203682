"""One way to show things on the screen (ISSUE9 #9), with real widgets against the real
sandbox: reward names from the backend ("NGN 1,000 off") in the one money form, an item
reward ("Free soft drink") as the item on the card, the confirmation, the code screen and
the slip, the manager's audit log in sentences, and large awards on the on-screen report."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QWidget
from support.gui_helpers import ADA, CASHIER, MANAGER, MANAGER_PIN, Gui, button_for, open_ada

from pos_app.services import points, redeem, staff
from pos_app.ui.answers import AdjustAnswer, ApprovalAnswer

DRINK = "rwd_drink150"  # "Free soft drink": 150 points, worth 500
RAW = re.compile(r"\b[a-z_]+\.[a-z_]+\b|[{}]|\b[a-z]+_[a-z_]+\b|\"")


def texts(widget: QWidget) -> list[str]:
    return [x.text() for x in widget.findChildren(QLabel) if x.isVisibleTo(widget) and x.text()]


def test_reward_cards_and_history_write_money_one_way_and_show_an_item_as_the_item(
    qtbot: Any, gui: Gui
) -> None:
    open_ada(qtbot, gui)
    off = button_for(gui, "rwd_xyz789")
    assert texts(off)[:2] == ["₦1,000 off", "200 pts"]  # not "NGN 1,000 off", said once
    drink = button_for(gui, DRINK)
    assert texts(drink)[:2] == ["Free soft drink", "150 pts  ·  worth ₦500"]
    for button in gui.window.customer.reward_buttons():
        shown = " ".join([*texts(button), button.accessibleName()])
        assert "NGN" not in shown, shown
    history = gui.window.customer.history
    qtbot.waitUntil(lambda: history.rowCount() >= 5, timeout=10000)
    reasons = [history.item(r, 4).text() for r in range(history.rowCount())]
    assert "Redeemed: ₦1,000 off" in reasons  # the backend says "Redeemed: NGN 1,000 off"
    assert not any("NGN" in x for x in reasons)


def test_an_item_is_the_item_on_the_confirmation_code_screen_and_slip(
    qtbot: Any, gui: Gui, tmp_path: Path
) -> None:
    open_ada(qtbot, gui)
    button_for(gui, DRINK).click()
    asked = gui.prompts.asked[-1]
    assert (asked.reward_name, asked.discount, asked.item) == ("Free soft drink", "₦500", True)
    qtbot.waitUntil(lambda: gui.window.stack.currentWidget() is gui.window.code, timeout=10000)
    code = gui.window.code
    assert code.discount.text() == "Free soft drink"  # the largest line: what to give
    assert code.what.text().startswith("worth ₦500  ·  Ada Obi  ·  150 points")
    assert not any("₦500 off" in x for x in texts(code))
    gui.prompts.save_to = str(tmp_path / "slip.pdf")
    shortcuts = {
        s.key().toString(QKeySequence.SequenceFormat.PortableText): s
        for s in gui.window.findChildren(QShortcut)
    }
    shortcuts["Ctrl+P"].activated.emit()
    qtbot.waitUntil(lambda: (tmp_path / "slip.pdf").exists(), timeout=10000)
    page = pypdf.PdfReader(str(tmp_path / "slip.pdf")).pages[0]
    # Words as extracted (pypdf separates them with tabs; NFKC undoes ligatures).
    slip = " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
    assert "Free soft drink" in slip and "worth ₦500" in slip and "₦500 off" not in slip


def test_a_discount_named_by_the_backend_is_written_one_way_at_the_checkout(
    qtbot: Any, gui: Gui
) -> None:
    with gui.make_terminal() as t:
        made = redeem.redeem(t, ADA, "rwd_silver500")  # "Silver weekend: NGN 3,000 off"
        redeem.mark_shown(t, made.code)
    gui.window.go_verify()
    view = gui.window.verify
    view.input.setText(made.code)
    view.check_button.click()
    qtbot.waitUntil(lambda: view.current is not None, timeout=10000)
    shown = texts(view)
    assert view.details.text() == "₦3,000 off"
    assert view.more.text().startswith("Silver weekend: ₦3,000 off  ·  500 points")
    assert not any("NGN" in x for x in shown), shown


def test_the_audit_log_on_screen_speaks_in_sentences(qtbot: Any, boss: Gui) -> None:
    open_ada(qtbot, boss)
    boss.prompts.adjust_answer = AdjustAnswer(-50, "returned item")
    boss.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "returned item")
    boss.window.adjust_points()
    with boss.make_terminal() as t:
        qtbot.waitUntil(
            lambda: (
                t.db.conn.execute(
                    "SELECT count(*) FROM audit WHERE action = 'adjust.created'"
                ).fetchone()[0]
                == 1
            ),
            timeout=10000,
        )
    boss.window.open_manager("audit")
    tab = boss.window.manager_view.audit
    qtbot.waitUntil(lambda: tab.table.rowCount() > 5, timeout=10000)
    headers = [tab.table.horizontalHeaderItem(c).text() for c in range(tab.table.columnCount())]
    assert headers == ["#", "When", "What happened"]
    rows = [
        [tab.table.item(r, c).text() for c in range(tab.table.columnCount())]
        for r in range(tab.table.rowCount())
    ]
    said = [row[2] for row in rows]
    assert "Maryam approved an adjustment of −50 points for Ada Obi: returned item" in said
    assert "Maryam signed in" in said
    for seq, when, what in rows:
        assert seq.isdigit() and "T" not in when and "Z" not in when, (seq, when)
        assert not RAW.search(what), what
        assert "system" not in what, what


def test_the_report_on_screen_lists_large_awards_with_giver_and_approver(
    qtbot: Any, boss: Gui
) -> None:
    with boss.make_terminal() as t:
        ok = staff.approve(t, MANAGER, MANAGER_PIN, action="award", subject=ADA, reason="bulk")
        points.award(t, ADA, 1500, "Bulk order", operator=CASHIER, approval=ok)
        points.award(t, ADA, 10, "Visit", operator=CASHIER)  # small: not listed
        redeem.redeem(t, ADA, DRINK, operator=CASHIER)
    boss.window.open_manager("report")
    tab = boss.window.manager_view.report
    qtbot.waitUntil(lambda: tab.data is not None, timeout=10000)
    large = tab.large
    assert large.table.isVisibleTo(tab) and large.title.text().endswith(": 1")
    assert large.table.rowCount() == 1
    row = [large.table.item(0, c).text() for c in range(1, 6)]
    assert row == ["Ada Obi", "1,500", CASHIER, MANAGER, "Bulk order"]
    # An item is not a discount: the report names the item and totals the value given.
    assert tab.by_reward.item(0, 0).text() == "Free soft drink"
    assert "Value given: <b>₦500</b>" in tab.totals.text()


def test_a_refused_item_says_do_not_give_the_reward(qtbot: Any, gui: Gui) -> None:
    with gui.make_terminal() as t:
        made = redeem.redeem(t, ADA, DRINK, operator=CASHIER)
    code = gui.window.code
    code.show_result(made)
    code.set_status("conflict")  # handed out offline, refused by the backend later
    assert code.banner.text() == "REFUSED: do not give this reward"
    assert "Do not give the reward" in code.refused.text()
    assert code.discount.text() == "Free soft drink" and code.discount.font().strikeOut()
    assert not any("discount" in x for x in texts(code))
