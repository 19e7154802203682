"""The checkout's code check (F4) with real widgets against the real sandbox: a code that
must not be accepted says so across the screen, with when, where and by whom; a valid one
names the customer and the reward; Mark used has one key (F10) that a spent code ignores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from terminal_helpers import backend, backend_redemptions_with_code, key
from test_gui import (
    ADA,
    CASHIER,
    CASHIER_PIN,
    MANAGER,
    MANAGER_PIN,
    Gui,
    open_window,
    sign_in,
    wait_synced,
)

from pos_app.domain import pins
from pos_app.sandbox import SandboxServer
from pos_app.services import codes, redeem
from pos_app.ui.answers import ApprovalAnswer
from pos_app.ui.views.verify import VerifyView


@pytest.fixture(autouse=True)
def cheap_pins(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same scrypt code path at a lower cost (test_managers checks the real one)."""
    monkeypatch.setattr(pins, "SCRYPT_N", 2**12)


@pytest.fixture
def gui(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> Iterator[Gui]:
    g = open_window(qtbot, sandbox, tmp_path / "terminal")
    sign_in(qtbot, g, CASHIER, CASHIER_PIN)
    wait_synced(qtbot, g)
    yield g
    g.window.close()


def check(qtbot: Any, g: Gui, code: str) -> VerifyView:
    g.window.go_verify()
    view = g.window.verify
    view.input.setText(code)
    view.check()
    qtbot.waitUntil(lambda: view.current is not None, timeout=10000)
    return view


def made_code(g: Gui, reward_id: str = "rwd_xyz789") -> str:
    with g.make_terminal() as t:
        made = redeem.redeem(t, ADA, reward_id)
        redeem.mark_shown(t, made.code)
    return made.code


def assert_do_not_accept(view: VerifyView) -> None:
    assert view.stop.isVisible()
    assert view.stop_title.text() == "DO NOT ACCEPT"
    assert not view.verdict.isVisible()  # no small line competing with it
    # The whole width of the screen's content, and larger than anything else on it.
    assert view.stop.width() >= view.width() - 2 * 32 - 2
    assert view.stop_title.font().pixelSize() > view.details.font().pixelSize() - 1
    assert view.details.font().strikeOut()  # its amount is struck through
    # No way to accept it: Mark used and Void are gone, not just greyed.
    assert not view.use_button.isVisible() and not view.use_button.isEnabled()
    assert not view.void_button.isVisible() and not view.void_button.isEnabled()


def test_a_valid_code_names_the_customer_and_the_reward(qtbot: Any, gui: Gui) -> None:
    code = made_code(gui, "rwd_drink150")
    view = check(qtbot, gui, code)
    assert view.current is not None and view.current.usable
    assert not view.stop.isVisible()
    assert view.customer.text() == "For Ada Obi"
    assert view.details.text() == "Free soft drink"  # what it is, not "₦500 off"
    assert "worth ₦500" in view.more.text()
    assert not view.details.font().strikeOut()
    assert view.use_button.isEnabled() and "(F10)" in view.use_button.text()


def test_a_code_used_at_this_till_says_when_where_and_by_whom(qtbot: Any, gui: Gui) -> None:
    code = made_code(gui)
    with gui.make_terminal() as t:
        codes.use(t, code, operator=CASHIER)
        till = t.terminal_id
    view = check(qtbot, gui, code)
    assert_do_not_accept(view)
    assert view.stop_why.text() == f"{code} was already used"
    assert view.details.text() == "₦1,000 off"
    settled = view.settled.text()
    assert view.settled.isVisible()
    assert settled.startswith("Used ")
    assert f"at this till ({till}) by {CASHIER}" in settled
    assert view.current is not None and view.current.settled is not None
    assert view.current.settled.at is not None


def test_a_code_used_elsewhere_says_another_till_and_invents_nobody(qtbot: Any, gui: Gui) -> None:
    code = made_code(gui)
    with backend(gui.sandbox) as c:
        used = c.use_redemption(code, idempotency_key=key())
    assert used.used_at is not None
    view = check(qtbot, gui, code)
    assert_do_not_accept(view)
    settled = view.settled.text()
    assert settled.startswith("Used ") and settled.endswith("at another till")
    assert " by " not in settled  # nobody here knows who
    assert view.current is not None and view.current.settled is not None
    assert view.current.settled.at == used.used_at


def test_a_void_code_says_do_not_accept_and_who_voided_it(qtbot: Any, gui: Gui) -> None:
    code = made_code(gui)
    view = check(qtbot, gui, code)
    qtbot.waitUntil(lambda: view.void_button.isEnabled(), timeout=10000)
    gui.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "customer changed mind")
    view.void_button.click()
    qtbot.waitUntil(lambda: view.stop.isVisible(), timeout=10000)
    assert backend_redemptions_with_code(gui.sandbox, code)[0].status.value == "void"
    assert_do_not_accept(view)
    assert view.stop_why.text().startswith(f"{code} is void")
    settled = view.settled.text()
    assert settled.startswith("Voided ")
    assert f"at this till ({gui.window.terminal_id}) by {CASHIER}" in settled
    assert settled.endswith(f"\napproved by {MANAGER}")
    assert view.customer.text() == "Issued to Ada Obi"


def test_f10_marks_a_valid_code_used_and_never_a_spent_one(qtbot: Any, gui: Gui) -> None:
    code = made_code(gui)
    view = check(qtbot, gui, code)
    qtbot.waitUntil(lambda: view.use_button.isEnabled(), timeout=10000)
    assert view.input.hasFocus() or gui.window.focusWidget() is view.input
    qtbot.keyClick(view.input, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: "now used" in view.verdict.text(), timeout=10000)
    assert backend_redemptions_with_code(gui.sandbox, code)[0].status.value == "used"
    # The same code scanned again: DO NOT ACCEPT, and F10 does nothing at all.
    view.check()
    qtbot.waitUntil(lambda: view.stop.isVisible(), timeout=10000)
    errors = list(gui.prompts.errors)
    qtbot.keyClick(view.input, Qt.Key.Key_F10)
    qtbot.keyClick(view.use_button, Qt.Key.Key_F10)
    assert view.stop.isVisible() and not view.verdict.isVisible()
    assert gui.prompts.errors == errors
    with gui.make_terminal() as t:
        uses = t.db.conn.execute(
            "SELECT count(*) FROM outbox WHERE kind = 'use' AND redemption_code = ?", (code,)
        ).fetchone()[0]
    assert uses == 1
