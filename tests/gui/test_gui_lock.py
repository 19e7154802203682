"""Lock means locked (issue 9, item 1), with real widgets against the real sandbox.

- A lock (idle, or Switch user) closes every dialog the window opened and drops its action.
- Every action is checked at submit time and audited under the signed-in person's name.
- The PIN field takes digits only; a scanner burst at the sign-in screen is not a PIN try.
- Switch user leaves nobody's name chosen.

Dialogs here are the real ones (the real `Prompts`), driven from a QTimer while their modal
exec() loop runs: no Qt object is patched and nothing sleeps.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QPushButton
from support.gui_helpers import (
    ADA,
    CASHIER,
    CASHIER_PIN,
    MANAGER,
    MANAGER_PIN,
    Gui,
    ScriptedPrompts,
    accept_the_loss,
    button_for,
    names_shown,
    open_a_points_conflict,
    open_ada,
    press_pin,
    signed_in,
    window,
)
from support.sandbox_v11 import balance, history, http

from pos_app.sandbox import SandboxServer
from pos_app.services import redeem
from pos_app.ui.answers import AdjustAnswer, ApprovalAnswer, AwardAnswer, EnrolAnswer, SaleAnswer
from pos_app.ui.dialogs import AwardDialog, ReturnConfirmDialog, ReturnDialog
from pos_app.ui.prompts import Prompts

SCANNED = "That looked like a card scan: sign in first"
# What the sync engine records on its own is not a person's action.
ACTIONS = (
    "award.created",
    "customer.enrolled",
    "redeem.created",
    "redeem.offline",
    "adjust.created",
    "return.created",
    "void.created",
    "code.use",
    "conflict.accept_loss",
)


def audit_rows(g: Gui) -> list[tuple[str, str, str]]:
    with g.make_terminal() as t:
        return [
            (row["actor"], row["action"], row["subject"] or "")
            for row in t.db.conn.execute("SELECT actor, action, subject FROM audit ORDER BY seq")
        ]


def local_codes(g: Gui) -> set[str]:
    with g.make_terminal() as t:
        return {row[0] for row in t.db.conn.execute("SELECT code FROM redemptions")}


def drain(qtbot: Any, g: Gui) -> None:
    """Everything submitted before now has run (each lane runs its work in order)."""
    for lane in ("local", "remote", "local"):
        done: list[str] = []
        g.window.runner.submit(lambda t: None, functools.partial(_note, done), lane=lane)
        qtbot.waitUntil(functools.partial(bool, done), timeout=15000)


def _note(into: list[str], _: object) -> None:
    into.append("done")


def gone(dialog: QDialog) -> bool:
    """Closed by the lock: deleted (see `forms.shown`), or on its way there, hidden and
    disabled, so that a button left behind cannot be pressed."""
    return not shiboken6.isValid(dialog) or not (dialog.isVisible() or dialog.isEnabled())


def press_ok(dialog: QDialog) -> None:
    """What a passer-by does at a dialog left on screen: presses its main button."""
    if isinstance(dialog, QMessageBox):
        ok = dialog.button(QMessageBox.StandardButton.Ok)
        if ok is not None:
            ok.click()
            return
    main = [b for b in dialog.findChildren(QPushButton) if b.objectName() == "primary"]
    if main:
        main[0].click()
    else:  # a file dialog: its Save
        dialog.accept()


def lock_while_open(
    qtbot: Any,
    g: Gui,
    open_it: Callable[[], None],
    *,
    fill: Callable[[QDialog], None] = lambda d: None,
    lock: Callable[[], None] | None = None,
) -> tuple[list[QDialog], list[str]]:
    """Open a real dialog with `open_it`; while it is up, fill it in and lock the till
    (`lock`, or the idle timer). After the lock, any dialog still on screen is pressed OK as
    a passer-by would (then closed, so a broken till cannot hang the test). Returns the
    dialogs seen and the titles of those left open after the lock."""
    seen: list[QDialog] = []
    left_open: list[str] = []
    poll = QTimer()
    poll.setInterval(20)

    def tick() -> None:
        dialog = QApplication.activeModalWidget()
        if not seen:
            if isinstance(dialog, QDialog) and dialog.isVisible():
                seen.append(dialog)
                fill(dialog)
                if lock is not None:
                    lock()
                else:
                    g.window.idle.start(50)  # the till is left alone: auto-lock
            return
        if g.window.locked and isinstance(dialog, QDialog) and dialog.isVisible():
            left_open.append(dialog.windowTitle())  # on top of the sign-in screen
            press_ok(dialog)
            if dialog.isVisible():
                dialog.reject()

    poll.timeout.connect(tick)
    poll.start()
    open_it()  # returns when its dialog's exec() loop ends
    poll.stop()
    return seen, left_open


def use_real_dialogs(g: Gui) -> None:
    g.window.prompts = Prompts()


# ---------------------------------------------------------------- lock closes dialogs
def test_auto_lock_closes_the_redeem_confirmation_and_nothing_is_issued(
    qtbot: Any,
    gui: Gui,
) -> None:
    open_ada(qtbot, gui)
    use_real_dialogs(gui)
    before = audit_rows(gui)
    codes_before = local_codes(gui)
    seen, left_open = lock_while_open(qtbot, gui, button_for(gui, "rwd_xyz789").click)
    assert seen and gui.window.locked
    assert left_open == []
    assert all(gone(d) for d in seen)
    assert gui.window.stack.currentWidget() is gui.window.signin
    drain(qtbot, gui)
    new = audit_rows(gui)[len(before) :]
    assert [r for r in new if r[1].startswith("redeem")] == []
    assert local_codes(gui) == codes_before
    assert gui.window.stack.currentWidget() is gui.window.signin


def _fill_award(dialog: QDialog) -> None:
    dialog.by_points.setChecked(True)  # type: ignore[attr-defined]
    dialog.points_field.setText("500")  # type: ignore[attr-defined]


def _fill_enrol(dialog: QDialog) -> None:
    dialog.name.setText("Passer By")  # type: ignore[attr-defined]


def _fill_adjust(dialog: QDialog) -> None:
    dialog.points.setText("+900")  # type: ignore[attr-defined]
    dialog.reason.setText("because")  # type: ignore[attr-defined]


# ("Managers only" was a modal box; it is a notice now, which a lock clears: see
# tests/test_gui_feedback.py.)
@pytest.mark.parametrize("which", ["award", "enrol", "adjust"])
def test_switch_user_closes_every_dialog_and_drops_its_action(
    qtbot: Any,
    gui: Gui,
    which: str,
) -> None:
    open_ada(qtbot, gui)
    use_real_dialogs(gui)
    before = audit_rows(gui)
    window = gui.window
    open_it, fill = {
        "award": (window.award, _fill_award),
        "enrol": (window.enrol, _fill_enrol),
        "adjust": (window.adjust_points, _fill_adjust),
    }[which]
    seen, left_open = lock_while_open(qtbot, gui, open_it, fill=fill, lock=window.lock)
    assert seen and window.locked  # Switch user (F9) while the dialog was open
    assert left_open == []
    assert all(gone(d) for d in seen)
    assert QApplication.activeModalWidget() is None
    drain(qtbot, gui)
    new = [r for r in audit_rows(gui)[len(before) :] if r[1] in ACTIONS]
    assert new == []
    assert window.stack.currentWidget() is window.signin


def _award_sale_here(qtbot: Any, g: Gui, order: str, amount: int) -> None:
    """`order` earned at this till (scripted award), before the real dialogs are used."""
    said = len(g.prompts.infos)
    g.prompts.award_answer = AwardAnswer(0, "", False, None, SaleAnswer(order, amount, "NGN"))
    g.window.award()
    qtbot.waitUntil(lambda: len(g.prompts.infos) > said, timeout=10000)
    assert "points awarded" in g.prompts.infos[-1][1], g.prompts.errors


def _fill_return(dialog: QDialog) -> None:
    assert isinstance(dialog, ReturnDialog)
    dialog.order.setText("ORD-LOCK-1")
    dialog.amount.setText("2500")


def _fill_sale(dialog: QDialog) -> None:
    assert isinstance(dialog, AwardDialog) and dialog.by_sale.isChecked()
    dialog.order.setText("ORD-LOCK-2")
    dialog.amount.setText("12500")


def _on_screen(g: Gui) -> list[str]:
    """What shows besides the sign-in screen: visible windows other than the main one,
    and the window's notice."""
    others = [
        w.windowTitle()
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w is not g.window
    ]
    return others + ([g.window.notice.title.text()] if g.window.notice.isVisible() else [])


def _outbox(g: Gui) -> int:
    with g.make_terminal() as t:
        return int(t.db.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])


def _nothing_sent(qtbot: Any, g: Gui, before: list[tuple[str, str, str]], outbox: int) -> None:
    """No action audited, nothing queued, the backend unchanged (Ada: 600 points), and
    nothing but the sign-in screen on show."""
    drain(qtbot, g)
    assert [r for r in audit_rows(g)[len(before) :] if r[1] in ACTIONS] == []
    assert _outbox(g) == outbox
    with http(g.sandbox) as c:
        assert balance(c, ADA)["points_balance"] == 600
        assert [t for t in history(c, ADA) if t["metadata"].get("order_id") == "ORD-LOCK-2"] == []
        assert [t for t in history(c, ADA) if t["metadata"].get("kind") == "return"] == []
    assert g.window.stack.currentWidget() is g.window.signin
    assert _on_screen(g) == []


@pytest.mark.parametrize("which", ["return", "sale award"])
def test_a_lock_closes_the_return_and_sale_award_forms_and_nothing_is_sent(
    qtbot: Any, gui: Gui, which: str
) -> None:
    open_ada(qtbot, gui)
    _award_sale_here(qtbot, gui, "ORD-LOCK-1", 10_000)  # 100 points: 600
    use_real_dialogs(gui)
    before, outbox = audit_rows(gui), _outbox(gui)
    window = gui.window
    open_it, fill = {
        "return": (window.take_return, _fill_return),
        "sale award": (window.award, _fill_sale),
    }[which]
    seen, left_open = lock_while_open(qtbot, gui, open_it, fill=fill, lock=window.lock)
    assert seen and window.locked and left_open == []
    assert all(gone(d) for d in seen)
    _nothing_sent(qtbot, gui, before, outbox)


@pytest.mark.parametrize("which", ["return figures", "sale award confirmation"])
def test_a_lock_closes_the_figures_before_confirming_and_nothing_is_sent(
    qtbot: Any, gui: Gui, which: str
) -> None:
    """The form was answered; the figures (what the sale earned and what the return takes
    back, or the points the sale earns) are up when the till locks by itself."""
    open_ada(qtbot, gui)
    _award_sale_here(qtbot, gui, "ORD-LOCK-1", 10_000)  # 100 points: 600
    use_real_dialogs(gui)
    before, outbox = audit_rows(gui), _outbox(gui)
    window = gui.window
    open_it, fill, second, figure = {
        "return figures": (window.take_return, _fill_return, ReturnConfirmDialog, "25 points"),
        "sale award confirmation": (window.award, _fill_sale, QMessageBox, "125 points"),
    }[which]
    seen: list[QDialog] = []
    shown: list[str] = []
    left_open: list[str] = []

    def tick() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            return
        if not seen:
            seen.append(dialog)
            fill(dialog)
            press_ok(dialog)  # the form is answered: the figures come next
        elif len(seen) == 1 and isinstance(dialog, second):
            seen.append(dialog)
            shown.extend(label.text() for label in dialog.findChildren(QLabel))
            window.idle.start(50)  # the till is left alone with the figures up
        elif window.locked and len(seen) == 2:
            left_open.append(dialog.windowTitle())
            press_ok(dialog)
            if dialog.isVisible():
                dialog.reject()

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(tick)
    poll.start()
    try:
        open_it()  # the form's exec() loop
        qtbot.waitUntil(lambda: window.locked, timeout=15000)
        drain(qtbot, gui)
    finally:
        poll.stop()
    assert len(seen) == 2, seen
    assert any(figure in text for text in shown), shown  # the figures were up
    assert left_open == []
    assert all(gone(d) for d in seen)
    assert QApplication.activeModalWidget() is None
    # Closed, the dialogs are deleted too, figures and all: none stays hidden in the
    # window to be read or pressed later, and a day of use does not pile them up.
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(d) for d in seen))
    assert window.findChildren(QDialog) == []
    _nothing_sent(qtbot, gui, before, outbox)


def test_an_approval_that_arrives_after_the_lock_is_dropped(
    qtbot: Any,
    gui: Gui,
) -> None:
    open_ada(qtbot, gui)
    before = audit_rows(gui)
    gui.prompts.adjust_answer = AdjustAnswer(+900, "goodwill")
    gui.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "ok")
    gui.window.adjust_points()  # the manager's PIN is being checked...
    gui.window.lock()  # ...when the till is locked
    drain(qtbot, gui)
    drain(qtbot, gui)
    new = [r for r in audit_rows(gui)[len(before) :] if r[1] in ACTIONS]
    assert new == []
    assert gui.prompts.infos == []


def test_a_lock_closes_the_save_dialog_of_an_export_and_nothing_is_written(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ScriptedPrompts, "save_path", Prompts.save_path)  # the real dialog
    with signed_in(qtbot, sandbox, tmp_path / "terminal", MANAGER, MANAGER_PIN, synced=False) as g:
        g.window.open_manager("report")
        tab = g.window.manager_view.report
        qtbot.waitUntil(lambda: tab.data is not None, timeout=10000)
        target = tmp_path / "report.csv"

        def fill(dialog: QDialog) -> None:
            dialog.selectFile(str(target))  # type: ignore[attr-defined]

        seen, left_open = lock_while_open(
            qtbot, g, lambda: tab.export("csv"), fill=fill, lock=g.window.lock
        )
        assert seen and left_open == []
        drain(qtbot, g)
        assert not target.exists()


# ---------------------------------------------------------------- every action has a name
def test_every_gui_action_is_audited_under_the_signed_in_person(
    qtbot: Any,
    gui: Gui,
) -> None:
    window, prompts = gui.window, gui.prompts
    start = len(audit_rows(gui))
    open_ada(qtbot, gui)
    # award
    prompts.award_answer = AwardAnswer(20, "Purchase", False, None)
    window.award()
    qtbot.waitUntil(lambda: bool(prompts.infos), timeout=10000)
    # adjust (a manager approves; the cashier did it)
    prompts.adjust_answer = AdjustAnswer(-5, "scanned twice")
    prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "checked")
    window.adjust_points()
    qtbot.waitUntil(lambda: len(prompts.infos) == 2, timeout=10000)
    # redeem
    open_ada(qtbot, gui)
    button_for(gui, "rwd_xyz789").click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code, timeout=10000)
    code = window.code.result.code  # type: ignore[union-attr]
    window.code_done()
    # mark used at the checkout
    window.go_verify()
    window.verify.input.setText(code)
    window.verify.check()
    qtbot.waitUntil(lambda: window.verify.use_button.isEnabled(), timeout=10000)
    window.verify.use_button.click()
    qtbot.waitUntil(lambda: "now used" in window.verify.verdict.text(), timeout=10000)
    # void another code
    with gui.make_terminal() as t:
        made = redeem.redeem(t, ADA, "rwd_xyz789", operator=CASHIER)
        redeem.mark_shown(t, made.code)
    window.go_verify()
    window.verify.input.setText(made.code)
    window.verify.check()
    qtbot.waitUntil(lambda: window.verify.void_button.isEnabled(), timeout=10000)
    window.verify.void_button.click()
    qtbot.waitUntil(lambda: len(prompts.infos) == 3, timeout=10000)
    # enrol
    prompts.enrol_answer = EnrolAnswer("Ngozi Test", "", "", "")
    window.enrol()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.customer, timeout=10000)
    drain(qtbot, gui)

    rows = [r for r in audit_rows(gui)[start:] if r[1] in ACTIONS]
    by_action = {action: actor for actor, action, _ in rows if action != "void.created"}
    by_action["void.created"] = next(a for a, act, s in rows if s == made.code)
    assert by_action == {
        "award.created": CASHIER,
        "adjust.created": CASHIER,
        "redeem.created": CASHIER,
        "code.use": CASHIER,
        "void.created": CASHIER,
        "customer.enrolled": CASHIER,
    }
    assert all(actor != "system" for actor, _, _ in rows)


def test_conflict_resolution_is_audited_under_the_signed_in_manager(qtbot: Any, boss: Gui) -> None:
    tab = open_a_points_conflict(qtbot, boss, operator=CASHIER)
    accept_the_loss(qtbot, boss, tab, "write off")
    rows = [r for r in audit_rows(boss) if r[1] == "conflict.accept_loss"]
    assert [r[0] for r in rows] == [MANAGER]


# ---------------------------------------------------------------- the sign-in screen
class FakeClock:
    def __init__(self, step: float) -> None:
        self.now, self.step = 1000.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@contextmanager
def locked_window(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> Iterator[Gui]:
    with window(qtbot, sandbox, tmp_path / "terminal") as g:
        names_shown(qtbot, g)
        yield g


def failed_sign_ins(g: Gui) -> list[tuple[str, str, str]]:
    return [r for r in audit_rows(g) if r[1] == "sign_in.failed"]


def test_the_pin_field_takes_digits_only(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with locked_window(qtbot, sandbox, tmp_path) as g:
        pin = g.window.signin.pin
        qtbot.keyClicks(pin, "1a3b5-7 9x")
        assert pin.text() == "13579"
        pin.clear()
        qtbot.keyClicks(pin, "123456789012")
        assert pin.text() == "12345678"
        assert g.window.signin.pin_again.validator() is not None


@pytest.mark.parametrize("scan", ["LP-0000-1234-5678", "2900000012345", "REDEEM-7K3M9Q2X"])
def test_a_scan_at_the_sign_in_screen_is_not_a_pin_try(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, scan: str
) -> None:
    with locked_window(qtbot, sandbox, tmp_path) as g:
        view = g.window.signin
        view.choose(CASHIER)
        for _ in range(6):  # more than the five tries that lock an account out
            qtbot.keyClicks(view.pin, scan)
            qtbot.keyClick(view.pin, Qt.Key.Key_Return)
            assert view.message.text().startswith(SCANNED)
            assert view.pin.text() == ""
        drain(qtbot, g)
        assert failed_sign_ins(g) == []
        press_pin(view, CASHIER_PIN)  # the cashier is not locked out
        qtbot.waitUntil(lambda: g.window.member is not None, timeout=10000)


def test_a_burst_of_digits_is_a_scan_but_a_typed_pin_signs_in(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with locked_window(qtbot, sandbox, tmp_path) as g:
        view = g.window.signin
        view.choose(CASHIER)
        view.scan.clock = FakeClock(0.002)  # 2 ms a key: a scanner
        qtbot.keyClicks(view.pin, "98765")
        qtbot.keyClick(view.pin, Qt.Key.Key_Return)
        assert view.message.text().startswith(SCANNED)
        view.scan.clock = FakeClock(0.15)  # a person
        qtbot.keyClicks(view.pin, CASHIER_PIN)
        qtbot.keyClick(view.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: g.window.member is not None, timeout=10000)
        assert failed_sign_ins(g) == []


def test_switch_user_leaves_nobody_chosen(
    qtbot: Any,
    gui: Gui,
) -> None:
    view = gui.window.signin
    gui.window.lock()  # Switch user (F9)
    qtbot.waitUntil(lambda: bool(view.names_box.findChildren(QPushButton)))
    drain(qtbot, gui)
    assert view.chosen == ""
    assert not any(b.isChecked() for b in view.names_box.findChildren(QPushButton))
    view.keypad.press("9")
    view.submit()
    assert view.message.text() == "Touch your name first."
    drain(qtbot, gui)
    assert failed_sign_ins(gui) == []
