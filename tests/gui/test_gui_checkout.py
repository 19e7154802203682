"""The checkout's code check (F4) with real widgets against the real sandbox: a code that
must not be accepted says so across the screen, with when, where and by whom; a valid one
names the customer and the reward; Mark used has one key (F10) that a spent code ignores."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from support.gui_helpers import ADA, CASHIER, MANAGER, MANAGER_PIN, Gui
from support.terminal_helpers import backend, backend_redemptions_with_code, key

from pos_app.services import codes, redeem
from pos_app.ui.answers import ApprovalAnswer
from pos_app.ui.views.verify import VerifyView


def check(qtbot: Any, g: Gui, code: str) -> VerifyView:
    g.window.go_verify()
    view = g.window.verify
    view.input.setText(code)
    view.check_button.click()
    qtbot.waitUntil(lambda: view.current is not None, timeout=10000)
    return view


def made_code(g: Gui, reward_id: str = "rwd_xyz789") -> str:
    with g.make_terminal() as t:
        made = redeem.redeem(t, ADA, reward_id)
        redeem.mark_shown(t, made.code)
    return made.code


def shown(view: VerifyView) -> list[QLabel]:
    """The labels a cashier can see on the code check, whatever their names."""
    return [label for label in view.findChildren(QLabel) if label.isVisible() and label.text()]


def line(view: VerifyView, start: str) -> str:
    found = [label.text() for label in shown(view) if label.text().startswith(start)]
    assert len(found) == 1, f"one line starting {start!r}: {[x.text() for x in shown(view)]}"
    return found[0]


def assert_do_not_accept(view: VerifyView, amount: str) -> None:
    stop = [label for label in shown(view) if label.text() == "DO NOT ACCEPT"]
    assert stop, f"no DO NOT ACCEPT among {[x.text() for x in shown(view)]}"
    banner: QWidget = stop[0]
    while banner.parentWidget() is not view:
        banner = banner.parentWidget()
    # The whole width of the screen's content, and the largest type on it.
    assert banner.width() >= view.width() - 2 * 32 - 2
    assert all(stop[0].font().pixelSize() >= x.font().pixelSize() for x in shown(view))
    amounts = [label for label in shown(view) if label.text() == amount]
    assert amounts and all(label.font().strikeOut() for label in amounts)  # struck through
    # No way to accept it: Mark used and Void are gone, not just greyed.
    assert not view.use_button.isVisible() and not view.use_button.isEnabled()
    assert not view.void_button.isVisible() and not view.void_button.isEnabled()


def test_a_valid_code_names_the_customer_and_the_reward(qtbot: Any, gui: Gui) -> None:
    code = made_code(gui, "rwd_drink150")
    view = check(qtbot, gui, code)
    texts = [label.text() for label in shown(view)]
    assert "For Ada Obi" in texts
    assert "Free soft drink" in texts  # what it is, not "₦500 off"
    assert not any("₦500 off" in text for text in texts)
    assert any("worth ₦500" in text for text in texts)
    assert "DO NOT ACCEPT" not in texts
    assert not any(label.font().strikeOut() for label in shown(view))
    assert view.use_button.isEnabled() and view.use_button.text().endswith("(F10)")


def test_a_code_used_at_this_till_says_when_where_and_by_whom(qtbot: Any, gui: Gui) -> None:
    code = made_code(gui)
    with gui.make_terminal() as t:
        codes.use(t, code, operator=CASHIER)
        till = t.terminal_id
    view = check(qtbot, gui, code)
    assert_do_not_accept(view, "₦1,000 off")
    assert line(view, code) == f"{code} was already used"
    settled = line(view, "Used ")
    assert f"at this till ({till}) by {CASHIER}" in settled
    assert view.current is not None and view.current.settled is not None
    assert view.current.settled.at is not None


def test_a_code_used_elsewhere_says_another_till_and_invents_nobody(qtbot: Any, gui: Gui) -> None:
    code = made_code(gui)
    with backend(gui.sandbox) as c:
        used = c.use_redemption(code, idempotency_key=key())
    assert used.used_at is not None
    view = check(qtbot, gui, code)
    assert_do_not_accept(view, "₦1,000 off")
    settled = line(view, "Used ")
    assert settled.endswith("at another till")
    assert " by " not in settled  # nobody here knows who
    assert view.current is not None and view.current.settled is not None
    assert view.current.settled.at == used.used_at


def test_a_void_code_says_do_not_accept_and_who_voided_it(qtbot: Any, gui: Gui) -> None:
    code = made_code(gui)
    view = check(qtbot, gui, code)
    qtbot.waitUntil(lambda: view.void_button.isEnabled(), timeout=10000)
    gui.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "customer changed mind")
    view.void_button.click()
    qtbot.waitUntil(lambda: gui.prompts.infos != [], timeout=10000)
    assert backend_redemptions_with_code(gui.sandbox, code)[0].status.value == "void"
    qtbot.waitUntil(lambda: view.current is not None and not view.current.usable, timeout=10000)
    assert_do_not_accept(view, "₦1,000 off")
    assert line(view, code).startswith(f"{code} is void")
    settled = line(view, "Voided ")
    assert f"at this till ({gui.window.terminal_id}) by {CASHIER}" in settled
    assert settled.endswith(f"\napproved by {MANAGER}")
    assert "Issued to Ada Obi" in [label.text() for label in shown(view)]


def test_f10_marks_a_valid_code_used_and_never_a_spent_one(qtbot: Any, gui: Gui) -> None:
    code = made_code(gui)
    view = check(qtbot, gui, code)
    qtbot.waitUntil(lambda: view.use_button.isEnabled(), timeout=10000)
    assert view.input.hasFocus() or gui.window.focusWidget() is view.input
    qtbot.keyClick(view.input, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: "now used" in view.verdict.text(), timeout=10000)
    assert "For Ada Obi" in [label.text() for label in shown(view)]  # give it to her
    assert not view.use_button.isVisible()
    assert backend_redemptions_with_code(gui.sandbox, code)[0].status.value == "used"
    # The same code scanned again: DO NOT ACCEPT, and F10 does nothing at all.
    view.current = None
    view.check()
    qtbot.waitUntil(lambda: view.current is not None, timeout=10000)
    assert_do_not_accept(view, "₦1,000 off")
    errors = list(gui.prompts.errors)
    qtbot.keyClick(view.input, Qt.Key.Key_F10)
    qtbot.keyClick(view, Qt.Key.Key_F10)
    assert_do_not_accept(view, "₦1,000 off")  # unchanged: no "now used", no refusal
    assert gui.prompts.errors == errors
    with gui.make_terminal() as t:
        uses = t.db.conn.execute(
            "SELECT count(*) FROM outbox WHERE kind = 'use' AND redemption_code = ?", (code,)
        ).fetchone()[0]
    assert uses == 1


def test_a_code_spent_elsewhere_after_the_check_turns_to_do_not_accept(
    qtbot: Any, gui: Gui
) -> None:
    """The race at a counter: checked valid here, used at another till a moment later,
    then Mark used here. The screen must end on DO NOT ACCEPT, not on a small refusal."""
    code = made_code(gui)
    view = check(qtbot, gui, code)
    qtbot.waitUntil(lambda: view.use_button.isEnabled(), timeout=10000)
    with backend(gui.sandbox) as c:
        c.use_redemption(code, idempotency_key=key())
    view.use_button.click()
    qtbot.waitUntil(
        lambda: any(label.text() == "DO NOT ACCEPT" for label in shown(view)), timeout=10000
    )
    assert_do_not_accept(view, "₦1,000 off")
    assert line(view, "Used ").endswith("at another till")


def test_f10_does_nothing_on_a_locked_till(qtbot: Any, gui: Gui) -> None:
    code = made_code(gui)
    view = check(qtbot, gui, code)
    qtbot.waitUntil(lambda: view.use_button.isEnabled(), timeout=10000)
    gui.window.lock()
    assert gui.window.stack.currentWidget() is gui.window.signin
    qtbot.keyClick(gui.window, Qt.Key.Key_F10)
    qtbot.keyClick(gui.window.signin, Qt.Key.Key_F10)
    assert view.use_button.isEnabled()  # Mark used would have disabled it at once
    assert backend_redemptions_with_code(gui.sandbox, code)[0].status.value == "issued"
    with gui.make_terminal() as t:
        uses = t.db.conn.execute(
            "SELECT count(*) FROM outbox WHERE kind = 'use' AND redemption_code = ?", (code,)
        ).fetchone()[0]
    assert uses == 0
