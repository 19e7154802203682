"""The main window: composes the views, runs every flow through the service runner, and
shows the sync worker's state. It never waits on the network or the disk itself."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.models import CustomerInfo, LocalRedemption, RedemptionStatus
from ..domain.money import format_money
from ..services import (
    BackendUnavailable,
    Refused,
    ServiceError,
    approvals,
    describe,
    points,
    redeem,
    staff,
    syncing,
)
from ..services.errors import NeedsApproval
from ..services.redeem import RedeemResult
from ..sync import SyncNowDone
from .answers import ApprovalAnswer, EnrolQuestion, RedeemQuestion
from .bridge import ServiceRunner, SyncBridge, SyncWorker
from .header import Header
from .notices import Notice
from .prompts import Prompts
from .status_bar import TerminalStatusBar
from .touch import touch_scrolling
from .views.code import CodeView
from .views.customer import CustomerView
from .views.lookup import LookupView
from .views.manager import ManagerView
from .views.signin import SignInView
from .views.verify import VerifyView

log = logging.getLogger(__name__)

# The application's display name (ui/app.py sets it): Qt appends it to every window title
# that does not already end with it, with " — " on X11 and Wayland, " - " on Windows.
APP_DISPLAY_NAME = "Loyalty terminal"

NEXT_STEP = {
    "insufficient_balance": "Choose a reward the customer has enough points for.",
    "reward_unavailable": "Choose another reward.",
    "reward_not_found": "Choose another reward.",
    "customer_not_found": "Search for the customer again.",
    "backend_unavailable": "Check the connection, or try again in a moment.",
}


# A manager's approval refused for these is asked again (the form as typed, the problem
# next to the field); anything else (locked out, disabled) ends it with a message.
AGAIN_WITH = {"wrong_pin": "pin", "unknown_staff": "manager", "not_a_manager": "manager"}


def next_step(code: str) -> str:
    if code.startswith("offline_policy"):
        return (
            "Try again when the terminal is back online (see the status bar), or offer "
            "a smaller reward."
        )
    return NEXT_STEP.get(code, "")


class MainWindow(QMainWindow):
    ready = Signal()  # customer data is on screen

    def __init__(
        self,
        runner: ServiceRunner,
        sync_worker: SyncWorker | None,
        bridge: SyncBridge,
        *,
        terminal_id: str,
        prompts: Prompts | None = None,
        naira_per_point: int = 100,
        phone_region: str = "NG",
        require_sign_in: bool = True,
        lock_after_ms: int = 5 * 60 * 1000,
        demo_hint: str = "",
        sandbox_outage: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.sync_worker = sync_worker
        self.prompts = prompts or Prompts()
        self.terminal_id = terminal_id
        self.naira_per_point = naira_per_point
        self.phone_region = phone_region  # what a phone typed without +country means
        self.operator = "system"
        self.member: staff.StaffMember | None = None
        # A new number at every sign-in and every lock: an answer given in one session
        # (a dialog, a manager's approval) is never acted on in another.
        self.session = 0
        self.managers: list[str] = []
        self.require_sign_in = require_sign_in
        self._ready_sent = False
        self._recovered: list[LocalRedemption] = []
        self._last_reward = ""
        # Ends with the display name, so Qt adds nothing: "till-3 — Loyalty terminal".
        self.setWindowTitle(f"{terminal_id} \u2014 {APP_DISPLAY_NAME}")
        # Fits a 1024x768 screen less a taskbar and a title bar. ui/app.py opens it
        # maximised (restored: never larger than the screen); 1280x800 is only a start.
        self.setMinimumSize(960, 680)
        self.resize(1280, 800)

        self.lookup = LookupView(runner)
        self.customer = CustomerView(runner)
        self.code = CodeView()
        self.verify = VerifyView(runner)
        self.signin = SignInView(runner)
        self.signin.demo_hint.setText(demo_hint)
        self.manager_view = ManagerView(runner, self.ask_save_path)
        self.stack = QStackedWidget()
        for view in (
            self.lookup,
            self.customer,
            self.code,
            self.verify,
            self.signin,
            self.manager_view,
        ):
            self.stack.addWidget(view)

        # Its labels shorten on a narrow screen (see header.py).
        header = Header()
        self.find_button = header.find_button
        self.verify_button = header.verify_button
        self.enrol_button = header.enrol_button
        self.manager_button = header.manager_button
        self.switch_button = header.switch_button
        self.person = header.person
        self.nav_buttons = header.buttons
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(header)
        # Results and problems, in the window instead of modal OK boxes (ui/notices.py).
        self.notice = Notice()
        column.addWidget(self.notice)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status = TerminalStatusBar(terminal_id)
        self.setStatusBar(self.status)
        if sandbox_outage is not None:

            def switch(on: bool) -> None:
                sandbox_outage(on)
                self.sync_now()  # let the status bar find out at once

            self.status.add_outage_switch(switch)
        bridge.connectivity_changed.connect(self.status.set_connectivity)
        bridge.queue_changed.connect(self.status.set_queue)
        bridge.synced.connect(self.on_synced)
        bridge.sync_now_done.connect(self.on_sync_now_done)
        # An offline code on screen turns CONFIRMED (or REFUSED) once a sync settles it.
        bridge.queue_changed.connect(self.recheck_code)
        bridge.synced.connect(self.recheck_code)
        self.status.sync_now_requested.connect(self.sync_now)
        self.status.conflicts_requested.connect(self.show_conflicts)

        self.lookup.customer_chosen.connect(self.open_customer)
        self.lookup.shown_customers.connect(self._maybe_ready)
        self.customer.back_requested.connect(self.go_lookup)
        self.customer.redeem_requested.connect(self.redeem)
        self.customer.award_requested.connect(self.award)
        self.code.done.connect(self.code_done)
        self.code.print_requested.connect(self.print_slip)
        self.code.displayed.connect(self.on_code_displayed)
        self.verify.back_requested.connect(self.go_lookup)
        self.verify.void_requested.connect(self.void_code)
        self.customer.adjust_requested.connect(self.adjust_points)
        self.find_button.clicked.connect(self.go_lookup)
        self.verify_button.clicked.connect(self.go_verify)
        self.enrol_button.clicked.connect(self.enrol)
        self.manager_button.clicked.connect(lambda: self.open_manager("report"))
        self.switch_button.clicked.connect(self.lock)
        self.signin.signed_in.connect(self.on_signed_in)
        self.manager_view.back_requested.connect(self.go_lookup)
        self.manager_view.conflicts.resolve_requested.connect(self.resolve_conflict)
        self._shortcuts()
        touch_scrolling(self)

        # Auto-lock: no key, click or touch for a while locks the till.
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(lock_after_ms)
        self.idle.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

        if require_sign_in:
            self.lock()
        else:
            self._unlocked()
        self.runner.submit(redeem.unshown, self._recover, lane="local")
        self.runner.submit(
            lambda t: syncing.status(t, probe=False), self._initial_status, lane="local"
        )

    # ---------------------------------------------------------------- plumbing
    def _shortcuts(self) -> None:
        def bind(keys: str | QKeySequence.StandardKey, action: Callable[[], None]) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda: None if self.locked else action())

        bind("F2", self.go_lookup)
        bind("Ctrl+F", self.go_lookup)
        bind("F4", self.go_verify)
        bind("F5", self.sync_now)
        bind("F6", self.award)
        bind("F7", self.enrol)
        bind("Esc", self.escape)
        bind("Ctrl+P", self.print_slip)
        bind("F8", lambda: self.open_manager("report"))
        bind("F9", self.lock)
        for n in range(1, 10):
            bind(f"Ctrl+{n}", functools.partial(self._choose_reward, n - 1))
        # The code screen's keys work wherever the focus is (the status bar's Sync now, a
        # header button...), but only while the code screen is showing: elsewhere Ctrl+C
        # copies text and Enter submits a search as usual.
        self.code_shortcuts: list[QShortcut] = []
        for keys, action in (
            ("Ctrl+C", self.code.copy_code),
            ("Return", self.code.done.emit),
            ("Enter", self.code.done.emit),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(action)
            self.code_shortcuts.append(shortcut)
        self.stack.currentChanged.connect(self._code_keys)
        self.stack.currentChanged.connect(self._screen_changed)
        self._code_keys()

    def _code_keys(self, *_: object) -> None:
        on = self.stack.currentWidget() is self.code
        for shortcut in self.code_shortcuts:
            shortcut.setEnabled(on)

    def _screen_changed(self, *_: object) -> None:
        """The next action: what was said about the last screen (a problem, or "100 points
        awarded, new balance 600") goes with it, never to be read as about the next
        customer or code."""
        self.notice.clear()

    def escape(self) -> None:
        """Esc dismisses a problem on show first; otherwise it goes back."""
        if self.notice.showing_error:
            self.notice.dismiss()
        else:
            self.back()

    def tell(self, title: str, text: str) -> None:
        """A result for the person at the till; once locked, only the log hears it."""
        if self.locked:
            log.info("%s: %s", title, text)
            return
        self.prompts.info(self, title, text)

    def show_error(self, title: str, error: BaseException) -> None:
        if self.locked:  # nothing pops up over the sign-in screen
            log.info("%s: %s", title, error)
            return
        if isinstance(error, ServiceError):
            hint = next_step(error.code)
            self.prompts.error(self, title, error.message + (f"\n\n{hint}" if hint else ""))
        else:  # never a traceback on the screen: the log has the details
            log.error("%s", title, exc_info=error)
            self.prompts.error(
                self,
                title,
                "Something unexpected went wrong. Nothing was "
                "changed. If it happens again, tell your manager.",
            )

    def _maybe_ready(self, count: int) -> None:
        if count and not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    def refresh_queue(self) -> None:
        """Counts straight from the local store, after this window changed the queue."""
        self.runner.submit(
            lambda t: syncing.status(t, probe=False), self._initial_status, lane="local"
        )

    def _initial_status(self, status: syncing.QueueStatus) -> None:
        self.status.set_queue(status.pending, status.conflicts)
        if status.last_sync:
            self.status.set_synced(status.last_sync)

    def on_synced(self, at: datetime) -> None:
        self.status.set_synced(at)
        if self.stack.currentWidget() is self.lookup and not self.lookup.search.text():
            self.lookup.run_query()

    def on_sync_now_done(self, done: SyncNowDone) -> None:
        """How the "Sync now" a person asked for went, in the notice."""
        self.status.set_queue(done.pending, done.conflicts)
        if self.locked:
            return
        n = done.pending
        if done.problem:
            self.prompts.error(
                self,
                "Not synced",
                f"{done.problem} "
                + (
                    f"{n:,} operation{'s wait' if n != 1 else ' waits'} on this terminal "
                    "and will be sent when it answers."
                    if n
                    else "Nothing is waiting to be sent."
                ),
            )
            return
        sent = done.pushed
        words = [
            f"Sent {sent:,} waiting operation{'s' if sent != 1 else ''}." if sent else "",
            "Customer data is up to date.",
            f"{n:,} still waiting." if n else "",
            f"{done.conflicts:,} conflict{'s need' if done.conflicts != 1 else ' needs'} a manager."
            if done.conflicts
            else "",
        ]
        self.tell("Synced", " ".join(w for w in words if w))

    # ---------------------------------------------------------------- who is at the till
    @property
    def locked(self) -> bool:
        return self.require_sign_in and self.member is None

    def lock(self) -> None:
        """Back to the sign-in screen (switch user, or idle too long)."""
        if not self.require_sign_in:
            return
        self.session += 1
        self.member = None
        self.operator = "system"
        self.verify.operator = None
        self.idle.stop()
        self.close_dialogs()
        self.notice.clear()  # nothing one person was told stays for the next
        self.signin.forget()  # nobody's name stays chosen for the next person
        for button in self.nav_buttons:
            button.hide()
        self.person.setText("")
        if self.stack.currentWidget() is self.code:
            return  # a code on screen stays until Done: then the sign-in screen
        self.stack.setCurrentWidget(self.signin)
        self.signin.refresh()

    def close_dialogs(self) -> None:
        """Every question this window has open is closed unanswered (its exec() loop returns
        Rejected), and its buttons are dead: nothing it was about to do happens."""
        for dialog in reversed(self.findChildren(QDialog)):  # the innermost first
            if dialog.isVisible():
                dialog.setEnabled(False)
                dialog.reject()

    def ask_save_path(self, parent: QWidget, suggested: str, fmt: str) -> str | None:
        """Where to save an export; nowhere if the till locked while the dialog was up."""
        session = self.session
        path = self.prompts.save_path(parent, suggested, fmt)
        return path if self.still(session) else None

    def still(self, session: int) -> bool:
        """The person who started an action is still the one signed in."""
        return session == self.session and not self.locked

    def on_signed_in(self, member: staff.StaffMember) -> None:
        self.session += 1
        self.member = member
        self.operator = member.name
        self.verify.operator = member.name
        self.person.setText(f"{member.name} · {member.role}")
        self._unlocked()
        if self._recovered:
            self._show_recovered(self._recovered.pop(0))
        self.runner.submit(
            lambda t: [m.name for m in staff.list_staff(t) if m.is_manager and m.active],
            self._set_managers,
            lane="local",
        )

    def _set_managers(self, names: list[str]) -> None:
        self.managers = names

    def _unlocked(self) -> None:
        for button in self.nav_buttons:
            button.setVisible(
                self.require_sign_in or button not in (self.manager_button, self.switch_button)
            )
        self.manager_button.setVisible(self.member is not None and self.member.is_manager)
        if self.require_sign_in:
            self.idle.start()
        if self.stack.currentWidget() is not self.code:
            self.stack.setCurrentWidget(self.lookup)
            self.lookup.reset()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type()
            in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
            and self.member is not None
        ):
            self.idle.start()
        return False

    def with_approval(
        self, action: str, subject: str | None, what: str, then: Callable[[staff.Approval], None]
    ) -> None:
        """Ask a manager (name, PIN, reason), check it on the service thread, then act."""
        self._approval(action, subject, what, then, None, ("", ""))

    def _approval(
        self,
        action: str,
        subject: str | None,
        what: str,
        then: Callable[[staff.Approval], None],
        typed: ApprovalAnswer | None,
        problem: tuple[str, str],
    ) -> None:
        if self.locked:
            return
        session = self.session
        answer = self.prompts.approve(self, what, self.managers, typed=typed, problem=problem)
        if answer is None or not self.still(session):
            return

        def approved(approval: staff.Approval) -> None:
            if self.still(session):  # locked meanwhile: the action is dropped
                then(approval)

        def refused(error: BaseException) -> None:
            if not self.still(session):
                return
            if isinstance(error, ServiceError) and error.code in AGAIN_WITH:
                # A wrong PIN or name: the form again with the manager and the reason as
                # typed (never the PIN), and what was wrong next to its field.
                kept = ApprovalAnswer(answer.manager, "", answer.reason)
                again = (AGAIN_WITH[error.code], error.message)
                self._approval(action, subject, what, then, kept, again)
            else:
                self.show_error("Not approved", error)

        self.runner.submit(
            lambda t: staff.approve(
                t, answer.manager, answer.pin, action=action, subject=subject, reason=answer.reason
            ),
            approved,
            refused,
            lane="local",
        )

    def open_manager(self, tab: str) -> None:
        if self.member is None or not self.member.is_manager:
            self.prompts.info(
                self, "Managers only", "A manager must sign in for this (Switch user, F9)."
            )
            return
        if self.stack.currentWidget() is self.code:
            return
        self.stack.setCurrentWidget(self.manager_view)
        self.manager_view.open(tab)

    # ---------------------------------------------------------------- navigation
    def go_lookup(self) -> None:
        if self.stack.currentWidget() is self.code:
            self.code_done()
            return
        self.stack.setCurrentWidget(self.lookup)
        self.lookup.reset()

    def go_verify(self) -> None:
        if self.stack.currentWidget() is self.code:
            return  # finish with the code first
        self.stack.setCurrentWidget(self.verify)
        self.verify.reset()

    def back(self) -> None:
        current = self.stack.currentWidget()
        if current is self.code:
            self.code_done()
        elif current is not self.lookup:
            self.go_lookup()
        else:
            self.lookup.reset()

    def open_customer(self, customer_id: str) -> None:
        self.stack.setCurrentWidget(self.customer)
        self.customer.load(customer_id)

    def sync_now(self) -> None:
        if self.sync_worker is not None:
            self.status.pending.setText("Syncing…")
            self.sync_worker.sync_now()

    def _choose_reward(self, index: int) -> None:
        if self.stack.currentWidget() is self.customer:
            self.customer.choose_reward(index)

    # ---------------------------------------------------------------- redeem
    def redeem(self, reward_id: str) -> None:
        screen = self.customer.current
        if self.locked or screen is None:
            return
        option = next((o for o in screen.options if o.reward.id == reward_id), None)
        if option is None or not option.available:
            return
        reward, view = option.reward, screen.view
        words = describe.reward_words(reward.name, reward.discount_amount, reward.currency)
        question = RedeemQuestion(
            view.customer.name,
            words.name or words.headline,
            reward.points_cost,
            # An item's value ("₦500"), or the discount ("₦1,000 off").
            format_money(reward.discount_amount, reward.currency) if words.item else words.headline,
            view.projected_balance,
            view.projected_balance - reward.points_cost,
            item=words.item,
        )
        session = self.session
        if not self.prompts.confirm_redeem(self, question) or not self.still(session):
            return
        self.customer.set_confirming(True)
        self._last_reward = reward_id
        customer_id, operator = view.customer.id, self.operator
        self.runner.submit(
            lambda t: redeem.redeem(t, customer_id, reward_id, operator=operator),
            self._redeemed,
            self._redeem_failed,
        )

    def _redeemed(self, result: RedeemResult) -> None:
        self.customer.set_confirming(False)
        self.refresh_queue()
        self.code.show_result(result)
        self.stack.setCurrentWidget(self.code)
        if self.sync_worker is not None:
            self.sync_worker.wake()

    def _redeem_failed(self, error: BaseException) -> None:
        self.customer.set_confirming(False)
        screen = self.customer.current
        session = self.session
        if (
            isinstance(error, Refused)
            and error.code.startswith("offline_policy")
            and error.code != "offline_policy:not_cached"
            and screen is not None
            and not self.locked
            and self.prompts.offer_override(self, error.message)
            and self.still(session)
        ):
            self._override(screen.view.customer.id, self._last_reward)
            return
        self.show_error("No code was issued", error)
        self.customer.refresh()

    def _override(self, customer_id: str, reward_id: str) -> None:
        operator = self.operator

        def approved(approval: staff.Approval) -> None:
            self.customer.set_confirming(True)
            self.runner.submit(
                lambda t: redeem.redeem(
                    t, customer_id, reward_id, operator=operator, override=approval
                ),
                self._redeemed,
                self._redeem_failed,
            )

        self.with_approval(
            "offline_override",
            customer_id,
            "this redemption while the loyalty service cannot be reached",
            approved,
        )

    def on_code_displayed(self, code: str) -> None:
        self.runner.submit(lambda t: redeem.mark_shown(t, code), lambda _: None, lane="local")

    def code_done(self) -> None:
        if self.locked:  # the till locked itself while the code was on screen
            self.stack.setCurrentWidget(self.signin)
            self.signin.refresh()
            return
        if self._recovered:
            self._show_recovered(self._recovered.pop(0))
            return
        self.stack.setCurrentWidget(self.lookup)
        self.lookup.reset()

    def recheck_code(self, *_: object) -> None:
        """Re-read the status of the offline code on screen (on the runner's local lane,
        never on this thread) and show it: confirmed, or refused by the backend."""
        result = self.code.result
        if (
            result is None
            or self.stack.currentWidget() is not self.code
            or self.code.status != "offline"
        ):
            return
        code = result.code

        def show(status: str | None) -> None:
            shown = self.code.result
            if status is not None and shown is not None and shown.code == code:
                self.code.set_status(status)

        self.runner.submit(lambda t: redeem.status_of(t, code), show, lane="local")

    def print_slip(self) -> None:
        if (
            self.stack.currentWidget() is not self.code
            or self.code.result is None
            or self.code.status == "conflict"  # refused: nothing to print for the customer
        ):
            return
        self.prompts.print_slip(self, self.code.result, self.terminal_id, datetime.now(UTC))

    # ---------------------------------------------------------------- recovery
    def _recover(self, found: list[LocalRedemption]) -> None:
        """Codes that may never have reached a customer: shown again, to whoever signs in."""
        self._recovered = list(found)
        if self._recovered and not self.locked:
            self._show_recovered(self._recovered.pop(0))

    def _show_recovered(self, red: LocalRedemption) -> None:
        status = "confirmed" if red.status is RedemptionStatus.CONFIRMED else "offline"
        result = RedeemResult(
            code=red.code,
            status=status,
            points=red.points,
            discount_amount=red.discount_amount,
            currency=red.currency,
            customer_id=red.customer_id,
            customer_name=red.customer_name or red.customer_id,
            reward_id=red.reward_id,
            reward_name=red.reward_name or red.reward_id,
            balance_after=red.balance_after if red.balance_after is not None else 0,
        )
        self.code.show_result(result, recovered=True)
        self.stack.setCurrentWidget(self.code)

    # ---------------------------------------------------------------- award, enrol
    def award(self) -> None:
        screen = self.customer.current
        if self.locked or self.stack.currentWidget() is not self.customer or screen is None:
            return
        session = self.session
        answer = self.prompts.award(self, screen.view.customer.name, self.naira_per_point)
        if answer is None or not self.still(session):
            return
        customer_id, operator = screen.view.customer.id, self.operator

        def done(result: points.AwardResult) -> None:
            text = (
                f"{result.points:,} points awarded. New balance: {result.balance_after:,}."
                if result.status == "confirmed" and result.balance_after is not None
                else f"{result.points:,} points awarded offline: they reach the customer's "
                "balance when the terminal syncs."
            )
            self.tell("Points awarded", text)
            self.customer.refresh()
            self.refresh_queue()

        def give(approval: staff.Approval | None) -> None:
            self.runner.submit(
                lambda t: points.award(
                    t,
                    customer_id,
                    answer.points,
                    answer.reason or None,
                    bonus=answer.bonus,
                    expires_at=answer.expires_at,
                    operator=operator,
                    approval=approval,
                ),
                done,
                failed if approval is None else refused,
            )

        def refused(error: BaseException) -> None:
            self.show_error("Points were not awarded", error)

        def failed(error: BaseException) -> None:
            # Past a limit of [award_limits]: a manager approves (their PIN), then the same
            # award is given again under the same cashier's name, with the approval.
            if isinstance(error, NeedsApproval) and self.still(session):
                self.with_approval("award", customer_id, error.what, give)
            else:
                refused(error)

        def previewed(check: points.AwardCheck) -> None:
            # The points, the balance after and any tier change, before anything is given.
            if not self.still(session):
                return
            if check.limits:
                self.with_approval("award", customer_id, check.what, give)
            elif self.prompts.confirm_award(self, check.summary) and self.still(session):
                give(None)

        self.runner.submit(
            lambda t: points.preview_award(t, customer_id, answer.points, operator),
            previewed,
            refused,
        )

    def enrol(self) -> None:
        self._enrol(EnrolQuestion(self.phone_region))

    def _enrol(self, question: EnrolQuestion) -> None:
        if self.locked or self.stack.currentWidget() is self.code:
            return
        session = self.session
        answer = self.prompts.enrol(self, question)
        if answer is None or not self.still(session):
            return
        operator = self.operator

        def failed(error: BaseException) -> None:
            # A problem with one field (a phone number another customer has): the form
            # again, as it was typed, with the problem next to that field.
            if isinstance(error, ServiceError) and error.field and self.still(session):
                again = {error.field: error.message}
                self._enrol(EnrolQuestion(question.phone_region, answer, again))
            else:
                self.show_error("The customer was not enrolled", error)

        self.runner.submit(
            lambda t: points.enrol(
                t,
                answer.name,
                email=answer.email,
                phone=answer.phone,
                card_number=answer.card_number,
                operator=operator,
            ),
            self._enrolled,
            failed,
        )

    def _enrolled(self, created: CustomerInfo) -> None:
        self.open_customer(created.id)
        self.tell("Customer enrolled", f"{created.name} is a member now.")

    # ---------------------------------------------------------------- conflicts
    def show_conflicts(self) -> None:
        if self.locked:
            return
        self.open_manager("conflicts")

    def resolve_conflict(self, entry_id: int, resolution: str) -> None:
        operator = self.operator
        words = {
            "retry": "sending it again",
            "accept_loss": "accepting the loss",
            "void_local": "voiding the local record",
        }[resolution]

        def resolved(result: str) -> None:
            self.tell("Conflict resolved", f"#{entry_id}: {result}.")
            self.manager_view.conflicts.load()
            self.refresh_queue()
            if self.sync_worker is not None:
                self.sync_worker.wake()

        def approved(approval: staff.Approval) -> None:
            self.runner.submit(
                lambda t: approvals.resolve_conflict(
                    t, entry_id, resolution, approval.reason, approval=approval, operator=operator
                ),
                resolved,
                lambda error: self.show_error("Not resolved", error),
            )

        self.with_approval(
            "resolve_conflict", str(entry_id), f"conflict #{entry_id}: {words}", approved
        )

    def adjust_points(self) -> None:
        screen = self.customer.current
        if self.locked or screen is None or self.stack.currentWidget() is not self.customer:
            return
        session = self.session
        answer = self.prompts.adjust(self, screen.view.customer.name)
        if answer is None or not self.still(session):
            return
        customer_id, operator = screen.view.customer.id, self.operator

        def adjusted(result: approvals.QueuedResult) -> None:
            self.tell(
                "Points adjusted",
                f"{answer.points:+,} points. "
                + (
                    f"New balance: {result.balance_after:,}."
                    if result.balance_after is not None
                    else "It reaches the backend when the terminal syncs."
                ),
            )
            self.customer.refresh()
            self.refresh_queue()

        def approved(approval: staff.Approval) -> None:
            self.runner.submit(
                lambda t: approvals.adjust(
                    t,
                    customer_id,
                    answer.points,
                    answer.reason,
                    approval=approval,
                    operator=operator,
                ),
                adjusted,
                lambda error: self.show_error("Points were not adjusted", error),
            )

        self.with_approval(
            "adjust",
            customer_id,
            f"{answer.points:+,} points for {screen.view.customer.name} ({answer.reason})",
            approved,
        )

    def void_code(self, code: str) -> None:
        operator = self.operator

        def voided(result: approvals.QueuedResult) -> None:
            self.tell(
                "Redemption voided",
                f"{code} is void; the points go back to the customer"
                + ("." if result.status == "confirmed" else " when the terminal syncs."),
            )
            self.verify.check()
            self.refresh_queue()

        def approved(approval: staff.Approval) -> None:
            self.runner.submit(
                lambda t: approvals.void(
                    t, code, approval.reason, approval=approval, operator=operator
                ),
                voided,
                lambda error: self.show_error("Not voided", error),
            )

        self.with_approval("void", code, f"voiding {code} (the points go back)", approved)

    # ---------------------------------------------------------------- closing
    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.idle.stop()
        if self.sync_worker is not None:
            self.sync_worker.stop(timeout=5)
        self.runner.shutdown()
        super().closeEvent(event)


__all__ = ["BackendUnavailable", "MainWindow", "Refused"]
