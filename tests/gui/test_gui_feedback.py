"""Feedback that does not get in the way (issue 9, item 7), with real widgets against the
real sandbox.

- Results and problems show in the window's notice, never in a modal OK box: a result fades
  by itself, a problem stays until Esc, its Dismiss button, the next screen or a lock.
- A customer's history shows a loading placeholder while it comes from a slow backend.
- The sign-in screen shows "Checking…" while a PIN is checked; its keys are dead and a
  second Enter is not a second attempt.

The notices here are the real ones: the window's `Prompts` records what it was told and
then shows it as the real `Prompts` does. Any modal box that opens is recorded and closed,
so the old code (modal boxes) fails instead of hanging. A lane of the service runner is
held with an event (never a sleep) to see the screen while an answer is on its way.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QWidget
from support.gui_helpers import (
    ADA,
    CASHIER,
    CASHIER_PIN,
    MANAGER,
    MANAGER_PIN,
    Gui,
    ScriptedPrompts,
    first_run_form,
    names_shown,
    open_ada,
    signed_in,
    window,
)
from support.logs import restored_logging
from test_gui_lock import FakeClock

from pos_app.sandbox import SandboxServer
from pos_app.services import redeem
from pos_app.ui.answers import AdjustAnswer, ApprovalAnswer, AwardAnswer, EnrolAnswer
from pos_app.ui.prompts import Prompts

LOADING_HISTORY = "Loading history…"


@dataclass
class NoticePrompts(ScriptedPrompts):
    """Scripted questions; results and problems recorded, then shown as the real Prompts
    shows them."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)

    def error(self, parent: QWidget, title: str, message: str) -> None:
        super().error(parent, title, message)
        Prompts.error(self, parent, title, message)

    def info(self, parent: QWidget, title: str, message: str) -> None:
        super().info(parent, title, message)
        Prompts.info(self, parent, title, message)


class ModalWatch:
    """Records (and closes) every modal box that opens while a test runs."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and modal.isVisible():
            texts = [label.text() for label in modal.findChildren(QLabel) if label.text()]
            self.seen.append(f"{modal.windowTitle()}: {' '.join(texts)}")
            modal.reject()


@pytest.fixture
def modals() -> Iterator[ModalWatch]:
    watch = ModalWatch()
    yield watch
    watch.timer.stop()


@pytest.fixture
def fb(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> Iterator[Gui]:
    with signed_in(qtbot, sandbox, tmp_path / "terminal", prompts=NoticePrompts()) as g:
        yield g


def told(qtbot: Any, modals: ModalWatch, what: list[Any], timeout: int = 10000) -> None:
    """Waits until the window told something (`what`: the prompts' infos or errors), and
    not in a modal box."""
    qtbot.waitUntil(lambda: what != [], timeout=timeout)
    assert modals.seen == [], f"a modal box was shown: {modals.seen}"


def _note(into: list[str], _: object) -> None:
    into.append("done")


@contextmanager
def lane_held(qtbot: Any, g: Gui, lane: str) -> Iterator[None]:
    """Whatever is submitted to `lane` inside waits until the block ends."""
    started, gate = threading.Event(), threading.Event()

    def hold(_: object) -> None:
        started.set()
        gate.wait(30)

    g.window.runner.submit(hold, lambda _: None, lane=lane)
    qtbot.waitUntil(started.is_set, timeout=10000)
    try:
        yield
    finally:
        gate.set()


def drain(qtbot: Any, g: Gui, lane: str) -> None:
    done: list[str] = []
    g.window.runner.submit(lambda t: None, functools.partial(_note, done), lane=lane)
    qtbot.waitUntil(functools.partial(bool, done), timeout=15000)


def set_success_ms(g: Gui, ms: int) -> None:
    """How long a result stays (the old window, with modal boxes, has no notice)."""
    notice = getattr(g.window, "notice", None)
    if notice is not None:
        notice.success_ms = ms


def in_window(g: Gui, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(g.window, QPoint(0, 0)), widget.size())


# ---------------------------------------------------------------- notices, not OK boxes
def test_a_result_shows_in_a_notice_that_fades_and_takes_no_focus(
    qtbot: Any, fb: Gui, modals: ModalWatch
) -> None:
    open_ada(qtbot, fb)
    # The real default is 5 s or more: the test does not wait that long.
    set_success_ms(fb, 200)
    fb.window.customer.award_button.setFocus()
    qtbot.waitUntil(lambda: fb.window.focusWidget() is fb.window.customer.award_button)
    fb.prompts.award_answer = AwardAnswer(100, "Purchase", False, None)
    fb.window.award()
    told(qtbot, modals, fb.prompts.infos)
    notice = fb.window.notice
    assert notice.isVisible() and notice.kind == "success"
    assert notice.title.text() == "Points awarded"
    assert "New balance: 600" in notice.text.text()
    assert fb.window.focusWidget() is fb.window.customer.award_button  # focus stays put
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=5000)  # it fades by itself
    assert modals.seen == []


def test_a_result_waits_while_its_dismiss_button_has_the_focus(
    qtbot: Any, fb: Gui, modals: ModalWatch
) -> None:
    notice = fb.window.notice
    notice.success_ms = 100
    fb.window.prompts.info(fb.window, "Points awarded", "100 points awarded.")
    notice.close_button.setFocus()  # Tab reached it: the cashier is about to press it
    qtbot.waitUntil(notice.close_button.hasFocus)
    with qtbot.waitSignal(notice.timer.timeout, timeout=5000):
        pass
    assert notice.isVisible() and notice.timer.isActive()  # not faded: it waits
    fb.window.lookup.search.setFocus()
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=5000)
    assert modals.seen == []


def test_a_result_goes_with_its_screen(qtbot: Any, fb: Gui, modals: ModalWatch) -> None:
    """ "New balance: 600" is never read as being about the next customer."""
    open_ada(qtbot, fb)
    fb.prompts.award_answer = AwardAnswer(100, "Purchase", False, None)
    fb.window.award()
    told(qtbot, modals, fb.prompts.infos)
    assert fb.window.notice.isVisible()
    QTest.keyClick(fb.window, Qt.Key.Key_Escape)  # back to the search
    assert fb.window.stack.currentWidget() is fb.window.lookup
    assert not fb.window.notice.isVisible()


def test_a_problem_stays_until_esc_and_esc_then_goes_back(
    qtbot: Any, fb: Gui, modals: ModalWatch
) -> None:
    open_ada(qtbot, fb)
    set_success_ms(fb, 50)  # a problem ignores it: it stays
    # More than Ada has: the backend refuses it after the manager approved.
    fb.prompts.adjust_answer = AdjustAnswer(-5000, "Card scanned twice")
    fb.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "checked the receipt")
    fb.window.adjust_points()
    told(qtbot, modals, fb.prompts.errors)
    notice = fb.window.notice
    assert notice.isVisible() and notice.kind == "error"
    assert notice.title.text() == "Points were not adjusted"
    assert "points" in notice.text.text(), notice.text.text()
    # Still there after far longer than a result stays: a later sync or anything else
    # processed meanwhile does not take it away.
    drain(qtbot, fb, "local")
    assert notice.isVisible()
    assert not notice.timer.isActive()  # no fade is even scheduled
    QTest.keyClick(fb.window, Qt.Key.Key_Escape)
    assert not notice.isVisible()
    assert fb.window.stack.currentWidget() is fb.window.customer  # Esc only dismissed it
    QTest.keyClick(fb.window, Qt.Key.Key_Escape)
    assert fb.window.stack.currentWidget() is fb.window.lookup  # now Esc goes back


def test_a_problem_goes_with_its_dismiss_button_the_next_screen_and_a_lock(
    qtbot: Any, fb: Gui, modals: ModalWatch
) -> None:
    open_ada(qtbot, fb)
    # More than Ada has: the backend refuses it after the manager approved.
    fb.prompts.adjust_answer = AdjustAnswer(-5000, "Card scanned twice")
    fb.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "checked the receipt")

    def fail_once() -> None:
        count = len(fb.prompts.errors)
        fb.window.adjust_points()
        qtbot.waitUntil(lambda: len(fb.prompts.errors) > count, timeout=10000)
        assert modals.seen == [], f"a modal box was shown: {modals.seen}"
        assert fb.window.notice.isVisible() and fb.window.notice.kind == "error"

    fail_once()
    notice = fb.window.notice
    qtbot.mouseClick(notice.close_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()

    fail_once()
    fb.window.go_lookup()  # the next action
    assert not notice.isVisible()

    open_ada(qtbot, fb)
    fail_once()
    fb.window.lock()  # nothing one person was told stays for the next
    assert not notice.isVisible()
    assert fb.window.stack.currentWidget() is fb.window.signin
    assert modals.seen == [], f"a modal box was shown: {modals.seen}"


def test_managers_only_is_a_notice(qtbot: Any, fb: Gui, modals: ModalWatch) -> None:
    QTest.keyClick(fb.window, Qt.Key.Key_F8)  # a cashier asks for the manager's screen
    told(qtbot, modals, fb.prompts.infos, timeout=5000)
    assert fb.window.notice.isVisible()
    assert "A manager must sign in" in fb.window.notice.text.text()


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768), (1920, 1080)])
def test_a_long_notice_is_whole_and_covers_nothing(
    qtbot: Any, fb: Gui, modals: ModalWatch, size: tuple[int, int]
) -> None:
    fb.window.resize(*size)
    open_ada(qtbot, fb)
    long = (
        "The loyalty service could not be reached, so nothing was changed. "
        "Check the connection, or try again in a moment. " * 2
    )
    fb.window.prompts.error(fb.window, "Points were not awarded", long.strip())
    notice = fb.window.notice
    qtbot.waitUntil(lambda: notice.isVisible() and notice.height() > 0)
    QApplication.processEvents()
    box = in_window(fb, notice)
    assert g_inside(fb, box)
    # Between the header and the screen: no overlap with the screen or the status bar.
    for other in (fb.window.stack, fb.window.status):
        assert not box.intersects(in_window(fb, other)), other
    # The whole text shows: the label is as tall as its wrapped text needs.
    for label in (notice.title, notice.text):
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    button = notice.close_button
    assert button.width() >= QFontMetrics(button.font()).horizontalAdvance(button.text())
    assert button.height() >= 44
    assert modals.seen == []


def g_inside(g: Gui, box: QRect) -> bool:
    return g.window.rect().contains(box)


def test_no_notice_over_a_code(qtbot: Any, fb: Gui, modals: ModalWatch) -> None:
    open_ada(qtbot, fb)
    fb.window.prompts.info(fb.window, "Points awarded", "100 points awarded.")
    assert fb.window.notice.isVisible()
    fb.prompts.confirm = True
    fb.window.redeem("rwd_xyz789")
    qtbot.waitUntil(lambda: fb.window.stack.currentWidget() is fb.window.code, timeout=10000)
    assert not fb.window.notice.isVisible()


def test_enrolling_says_so_on_the_new_customers_screen(
    qtbot: Any, fb: Gui, modals: ModalWatch
) -> None:
    fb.prompts.enrol_answer = EnrolAnswer("Bola Ade", "", "bola@example.com", "")
    fb.window.enrol()
    qtbot.waitUntil(lambda: fb.window.customer.name.text() == "Bola Ade", timeout=10000)
    qtbot.waitUntil(lambda: fb.prompts.infos != [], timeout=5000)
    assert fb.prompts.infos[-1] == ("Customer enrolled", "Bola Ade is a member now.")
    assert fb.window.notice.isVisible() and fb.window.notice.kind == "success"
    assert fb.window.stack.currentWidget() is fb.window.customer
    assert modals.seen == []


def test_an_unexpected_error_is_a_notice_too(
    qtbot: Any, fb: Gui, modals: ModalWatch, tmp_path: Path
) -> None:
    """The last-resort handler of ui/app.py (an error no flow caught) uses the notice."""
    from pos_app.ui import app as gui_app

    with restored_logging():
        gui_app._log_to_file(tmp_path / "log")
        try:
            raise RuntimeError("a bug")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    assert modals.seen == [], f"a modal box was shown: {modals.seen}"
    notice = fb.window.notice
    assert notice.isVisible() and notice.kind == "error"
    assert notice.title.text() == "Something went wrong"
    assert "tell your manager" in notice.text.text()
    assert "a bug" in (tmp_path / "log" / "pos-app.log").read_text(encoding="utf-8")


# ---------------------------------------------------------------- sync now
def test_sync_now_says_how_it_went(qtbot: Any, fb: Gui, modals: ModalWatch) -> None:
    QTest.keyClick(fb.window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: fb.prompts.infos != [], timeout=15000)
    assert fb.prompts.infos[-1] == ("Synced", "Customer data is up to date.")
    assert fb.window.notice.isVisible() and fb.window.notice.kind == "success"
    assert fb.window.status.pending.text() == "Nothing to sync"  # not "Syncing…"
    assert modals.seen == []


def test_sync_now_in_an_outage_says_what_waits_then_what_was_sent(
    qtbot: Any, fb: Gui, modals: ModalWatch
) -> None:
    fb.sandbox.faults.update(outage=True)
    with fb.make_terminal() as t:
        made = redeem.redeem(t, ADA, "rwd_xyz789", operator=CASHIER)
    assert made.status == "offline"
    fb.window.status.sync_button.click()
    qtbot.waitUntil(lambda: fb.prompts.errors != [], timeout=20000)
    title, text = fb.prompts.errors[-1]
    assert title == "Not synced"
    assert text == (
        "The loyalty service cannot be reached. 1 operation waits on this terminal and "
        "will be sent when it answers."
    )
    assert fb.window.notice.isVisible() and fb.window.notice.kind == "error"
    assert fb.window.status.pending.text() == "1 waiting to sync"
    fb.sandbox.faults.update(outage=False)
    QTest.keyClick(fb.window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: fb.prompts.infos != [], timeout=20000)
    assert fb.prompts.infos[-1] == (
        "Synced",
        "Sent 1 waiting operation. Customer data is up to date.",
    )
    assert fb.window.notice.kind == "success"  # the success replaced the problem
    assert modals.seen == []


# ---------------------------------------------------------------- history placeholder
def test_history_shows_a_placeholder_while_a_slow_backend_answers(
    qtbot: Any, fb: Gui, modals: ModalWatch
) -> None:
    fb.sandbox.faults.update(latency_ms=300)  # every read from the backend is slow
    customer = fb.window.customer
    with lane_held(qtbot, fb, "refresh"):  # ...and this one has not even started
        fb.window.open_customer(ADA)
        # The cached customer is on screen at once, from the terminal's own copy...
        qtbot.waitUntil(lambda: customer.name.text() == "Ada Obi", timeout=10000)
        # ...while the history says it is loading, instead of an empty table.
        assert customer.history.rowCount() == 1
        assert customer.history.item(0, 0).text() == LOADING_HISTORY
        assert customer.history.columnSpan(0, 0) == customer.history.columnCount()
        assert "history" in customer.history_note.text()
    qtbot.waitUntil(lambda: customer.history.rowCount() > 1, timeout=15000)
    assert LOADING_HISTORY not in {
        customer.history.item(r, 0).text() for r in range(customer.history.rowCount())
    }
    assert customer.history.columnSpan(0, 0) == 1
    assert customer.history_note.text() == ""


def test_history_rows_stay_while_they_are_brought_up_to_date(qtbot: Any, fb: Gui) -> None:
    open_ada(qtbot, fb)
    customer = fb.window.customer
    qtbot.waitUntil(lambda: customer.history.rowCount() > 1, timeout=10000)
    rows = customer.history.rowCount()
    with lane_held(qtbot, fb, "refresh"):
        customer.refresh()
        assert customer.history.rowCount() == rows  # no flash of an empty table
        assert customer.history_note.text() == "Updating history…"
    qtbot.waitUntil(lambda: customer.history_note.text() == "", timeout=10000)


def test_the_last_customer_is_gone_while_the_next_one_loads(qtbot: Any, fb: Gui) -> None:
    with fb.make_terminal() as t:
        other = t.db.conn.execute(
            "SELECT id FROM customers WHERE id != ? ORDER BY id LIMIT 1", (ADA,)
        ).fetchone()[0]
    open_ada(qtbot, fb)
    customer = fb.window.customer
    assert customer.reward_buttons()
    with lane_held(qtbot, fb, "local"), lane_held(qtbot, fb, "refresh"):
        fb.window.open_customer(other)
        # Ada's rewards and balance are not on screen, nor under a finger, for someone else.
        assert customer.current is None
        assert customer.reward_buttons() == []
        assert customer.balance.text() == ""
        assert customer.name.text() == "Loading…"
    qtbot.waitUntil(lambda: customer.current is not None, timeout=10000)
    assert customer.current is not None and customer.current.view.customer.id == other


# ---------------------------------------------------------------- busy sign-in
def shown_texts(view: QWidget) -> list[str]:
    labels = view.findChildren(QLabel)
    return [label.text() for label in labels if label.isVisible() and label.text()]


@contextmanager
def signin_window(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> Iterator[Gui]:
    with window(qtbot, sandbox, tmp_path / "terminal") as g:
        view = names_shown(qtbot, g, CASHIER)
        view.choose(CASHIER)
        view.scan.clock = FakeClock(0.15)  # typed by a person, not a scanner
        yield g


def failed_sign_ins(g: Gui) -> int:
    with g.make_terminal() as t:
        row = t.db.conn.execute("SELECT COUNT(*) FROM audit WHERE action = 'sign_in.failed'")
        return int(row.fetchone()[0])


def test_a_second_enter_during_the_pin_check_is_not_a_second_attempt(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with signin_window(qtbot, sandbox, tmp_path) as g:
        view = g.window.signin
        with lane_held(qtbot, g, "local"):  # the PIN check waits its turn
            QTest.keyClicks(view.pin, "9999")
            QTest.keyClick(view.pin, Qt.Key.Key_Return)
            QTest.keyClick(view.pin, Qt.Key.Key_Return)  # impatient: Enter again
            view.keypad.enter.click()  # and the Sign in key
        qtbot.waitUntil(lambda: "Wrong PIN" in view.message.text(), timeout=10000)
        drain(qtbot, g, "local")
        assert failed_sign_ins(g) == 1  # one attempt, not three
        assert "4 more tries" in view.message.text()
        # And the right PIN then signs in as usual.
        QTest.keyClicks(view.pin, CASHIER_PIN)
        QTest.keyClick(view.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: g.window.member is not None, timeout=10000)
        assert g.window.member is not None and g.window.member.name == CASHIER


def test_the_pin_check_shows_checking_and_its_keys_are_dead(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with signin_window(qtbot, sandbox, tmp_path) as g:
        view = g.window.signin
        with lane_held(qtbot, g, "local"):
            QTest.keyClicks(view.pin, "9999")
            QTest.keyClick(view.pin, Qt.Key.Key_Return)
            assert "Checking…" in shown_texts(view), shown_texts(view)
            assert not view.keypad.isEnabled() and not view.names_box.isEnabled()
            dim = view.keypad.graphicsEffect()
            assert dim is not None and dim.isEnabled()  # dimmed, in both themes
            QTest.keyClicks(view.pin, "1")  # nothing typed while checking...
            qtbot.mouseClick(view.keypad.findChildren(QPushButton)[0], Qt.MouseButton.LeftButton)
            assert view.pin.text() == "9999"  # ...nor pressed on the keypad
            assert view.pin.hasFocus() or g.window.focusWidget() is view.pin
        qtbot.waitUntil(lambda: "Wrong PIN" in view.message.text(), timeout=10000)
        assert "Checking…" not in shown_texts(view)
        assert view.keypad.isEnabled() and view.names_box.isEnabled()
        assert not view.keypad.graphicsEffect().isEnabled()
        assert view.pin.text() == "" and not view.pin.isReadOnly()


def test_making_the_first_managers_account_is_busy_too(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with window(qtbot, sandbox, tmp_path / "terminal", staff_accounts=False) as g:
        view = first_run_form(qtbot, g, "Funmi", "2580", "2580")
        with lane_held(qtbot, g, "remote"):  # the account is made on the remote lane
            view.submit()
            assert "Checking…" in shown_texts(view), shown_texts(view)
            assert not view.keypad.isEnabled() and not view.new_name.isEnabled()
            view.submit()  # a second press makes no second try
        qtbot.waitUntil(lambda: g.window.member is not None, timeout=10000)
        with g.make_terminal() as t:
            names = [r[0] for r in t.db.conn.execute("SELECT name FROM staff")]
        assert names == ["Funmi"]
        assert g.window.member is not None and g.window.member.name == "Funmi"
        assert "Checking…" not in shown_texts(view)
