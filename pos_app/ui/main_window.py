"""The main window: composes the screens, the session and one flow per thing a person
does (ui/flows/), and routes keys and signals to them. Every flow runs its service calls
through the service runner; the window never waits on the network or the disk itself."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ..config import DisplaySettings, ScannerSettings
from ..domain.earning import EarnRules
from ..domain.models import LocalRedemption
from ..services import ServiceError, staff, syncing
from ..services.recovery import unshown
from .bridge import Lane, ServiceRunner, SyncBridge, SyncWorker
from .changes import Changes
from .collector import freeze_start_up
from .customer_display_feed import DisplayFeed
from .flows.approval import ApprovalFlow
from .flows.base import OnFirstUse, if_built
from .flows.manager import ManagerFlow
from .flows.printing import PrintFlow
from .flows.redeem import RedeemFlow
from .flows.sync import SyncFlow
from .header import Header
from .i18n import QT_TRANSLATE_NOOP, tr
from .keys import bind_keys
from .kiosk import Kiosk
from .next_step import next_step
from .notices import Notice
from .prompts import Prompts, PromptsProtocol
from .scanner import ScanCatcher, route_scan
from .screens import OnFirstShow, showing, wire_screens
from .session import Session
from .status_bar import TerminalStatusBar
from .touch import touch_scrolling
from .views.lookup import LookupView
from .views.signin import SignInView

if TYPE_CHECKING:
    from .flows.award import AwardFlow
    from .flows.enrol import EnrolFlow
    from .flows.returns import ReturnFlow
    from .flows.settings import SettingsFlow
    from .views.code import CodeView
    from .views.customer import CustomerView
    from .views.manager import ManagerView
    from .views.verify import VerifyView

log = logging.getLogger(__name__)

# The application's display name (ui/app.py sets it): Qt appends it to every window title
# that does not already end with it, with " — " on X11 and Wayland, " - " on Windows.
APP_DISPLAY_NAME = QT_TRANSLATE_NOOP("", "Loyalty terminal")  # tr() where shown


class MainWindow(QMainWindow):
    ready = Signal()  # customer data is on screen
    # Built at a first award, return, enrolment (with the points service and the API's models),
    # or settings (config.toml's schema, the doctor).
    awarding: OnFirstUse[AwardFlow] = OnFirstUse("award", "AwardFlow")
    returning: OnFirstUse[ReturnFlow] = OnFirstUse("returns", "ReturnFlow")
    enrolling: OnFirstUse[EnrolFlow] = OnFirstUse("enrol", "EnrolFlow")
    settings: OnFirstUse[SettingsFlow] = OnFirstUse("settings", "SettingsFlow")
    # Built when first shown (a cashier's start-up shows the sign-in or lookup only).
    customer: OnFirstShow[CustomerView] = OnFirstShow("customer", "CustomerView")
    code: OnFirstShow[CodeView] = OnFirstShow("code", "CodeView", runner=False)
    verify: OnFirstShow[VerifyView] = OnFirstShow("verify", "VerifyView")

    def __init__(
        self,
        runner: ServiceRunner,
        sync_worker: SyncWorker | None,
        bridge: SyncBridge,
        *,
        terminal_id: str,
        prompts: PromptsProtocol | None = None,
        earn: EarnRules | None = None,
        phone_region: str = "NG",
        require_sign_in: bool = True,
        lock_after_ms: int = 5 * 60 * 1000,
        demo_hint: str = "",
        sandbox_outage: Callable[[bool], None] | None = None,
        kiosk: bool = False,
        scanner: ScannerSettings | None = None,
        display: DisplaySettings | None = None,  # the customer display (store: its name)
        store: str = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        freeze_start_up()  # the imports are done: what they made, out of every full collection
        super().__init__()
        self.runner = runner
        self.sync_worker = sync_worker
        self.prompts: PromptsProtocol = prompts or Prompts()
        self.terminal_id = terminal_id
        # The [earn] rules (the award's live preview); without: the built-in rates.
        self.earn = earn or EarnRules.defaults()
        self.phone_region = phone_region  # what a phone typed without +country means
        self._ready_sent = False
        # Ends with the display name, so Qt adds nothing: "till-3 — Loyalty terminal".
        self.setWindowTitle(f"{terminal_id} \u2014 {tr(APP_DISPLAY_NAME)}")
        # Fits a 1024x768 screen less a taskbar and a title bar. ui/app.py opens it
        # maximised (restored: never larger than the screen); 1280x800 is only a start.
        self.setMinimumSize(960, 680)
        self.resize(1280, 800)

        self._screens(runner, demo_hint, kiosk)
        self.session = Session(self, require_sign_in=require_sign_in, lock_after_ms=lock_after_ms)
        self.changes = Changes(self)
        self.approvals = ApprovalFlow(self)
        self.redeeming = RedeemFlow(self)
        self.managing = ManagerFlow(self)
        self.sync = SyncFlow(self)
        self.printing = PrintFlow(self)  # the receipt printer's slips (ui/flows/printing.py)

        self.status = TerminalStatusBar(terminal_id)
        self.setStatusBar(self.status)
        if sandbox_outage is not None:

            def switch(on: bool) -> None:
                sandbox_outage(on)
                self.sync_now()  # let the status bar find out at once

            self.status.add_outage_switch(switch)
        self._wire(bridge)
        self.code_shortcuts = bind_keys(self)
        # A barcode scanner's burst lands in the right field of whatever screen shows.
        self.scanner = ScanCatcher(self, scanner, clock=clock, standing_aside=lambda: self.locked)
        self.lookup.set_scanner_gap(self.scanner.settings.max_gap_ms)
        # Kiosk mode: app.py calls kiosk.enter() to show the window (see ui/kiosk.py).
        self.kiosk = Kiosk(self, configured=kiosk, menu_button=self.till_button)
        self.settings_action = self.kiosk.add_action(
            tr("Settings"), "Ctrl+Shift+S", lambda: self.settings.open()
        )
        self.stack.currentChanged.connect(self._screen_changed)
        touch_scrolling(self)
        self.display = DisplayFeed(self, display, store=store, clock=clock)

        self.session.start()
        self.runner.submit(unshown, self.redeeming.recover, lane=Lane.LOCAL)
        self.runner.submit(
            lambda t: syncing.status(t, probe=False), self.sync.show_status, lane=Lane.LOCAL
        )

    # ---------------------------------------------------------------- composition
    def _screens(self, runner: ServiceRunner, demo_hint: str, kiosk: bool) -> None:
        self.lookup = LookupView(runner)
        self.signin = SignInView(runner)
        self.signin.demo_hint.setText(demo_hint)
        self.stack = QStackedWidget()
        for view in (self.lookup, self.signin):
            self.stack.addWidget(view)

        # Its labels shorten on a narrow screen (see header.py).
        header = Header(till=kiosk)
        self.find_button = header.find_button
        self.verify_button = header.verify_button
        self.enrol_button = header.enrol_button
        self.manager_button = header.manager_button
        self.switch_button = header.switch_button
        self.till_button = header.till_button
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

    def _wire(self, bridge: SyncBridge) -> None:
        self.bridge = bridge  # the manager's screen listens too, once built (flows/manager.py)
        bridge.connectivity_changed.connect(self.status.set_connectivity)
        bridge.queue_changed.connect(self.status.set_queue)
        bridge.synced.connect(self.sync.synced)
        bridge.sync_now_done.connect(self.sync.sync_now_done)
        # An offline code on screen turns CONFIRMED (or REFUSED) once a sync settles it.
        bridge.queue_changed.connect(self.redeeming.recheck)
        bridge.synced.connect(self.redeeming.recheck)
        bridge.synced.connect(if_built(self, "returning", "settled"))  # returns queued here
        self.status.sync_now_requested.connect(self.sync_now)
        self.status.conflicts_requested.connect(self.managing.show_conflicts)
        # What an operation changed: each screen showing some of it refreshes itself.
        self.changes.changed.connect(self.sync.refresh_queue)
        wire_screens(self)  # the customer's, code and checkout screens, once built

        self.lookup.customer_chosen.connect(self.open_customer)
        self.lookup.shown_customers.connect(self._maybe_ready)
        self.find_button.clicked.connect(self.go_lookup)
        self.verify_button.clicked.connect(self.go_verify)
        self.enrol_button.clicked.connect(self.enrol)
        self.manager_button.clicked.connect(lambda: self.open_manager("report"))
        self.switch_button.clicked.connect(self.lock)
        self.signin.signed_in.connect(self.session.signed_in)

    def _screen_changed(self, *_: object) -> None:
        """The next action: what was said about the last screen (a problem, or "100 points
        awarded, new balance 600") goes with it, never to be read as about the next
        customer or code."""
        self.notice.clear()

    def _maybe_ready(self, count: int) -> None:
        if count and not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    @property
    def is_ready(self) -> bool:
        """Customer data has been on screen (`ready` was sent)."""
        return self._ready_sent

    @property
    def manager_view(self) -> ManagerView:
        """The manager's screen, built on first use (flows/manager.py)."""
        return self.managing.view

    # ---------------------------------------------------------------- telling the person
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
                tr(
                    "Something unexpected went wrong. Nothing was changed. If it happens "
                    "again, tell your manager."
                ),
            )

    def ask_save_path(self, parent: QWidget, suggested: str, fmt: str) -> str | None:
        """Where to save an export; nowhere if the till locked while the dialog was up."""
        session = self.session.number
        path = self.prompts.save_path(parent, suggested, fmt)
        return path if self.still(session) else None

    def wake_sync(self) -> None:
        """Something was queued: the sync worker sends it now rather than at its next turn."""
        if self.sync_worker is not None:
            self.sync_worker.wake()

    # ---------------------------------------------------------------- who is at the till
    @property
    def member(self) -> staff.StaffMember | None:
        return self.session.member

    @property
    def operator(self) -> str:
        return self.session.operator

    @property
    def locked(self) -> bool:
        return self.session.locked

    @property
    def idle(self) -> QTimer:
        return self.session.idle

    def still(self, session: int) -> bool:
        """The person who started an action is still the one signed in."""
        return self.session.still(session)

    def lock(self) -> None:
        self.display.leave()
        self.session.lock()

    # ---------------------------------------------------------------- navigation
    def escape(self) -> None:
        """Esc dismisses a problem on show first; otherwise it goes back."""
        if self.notice.showing_error:
            self.notice.dismiss()
        else:
            self.back()

    def go_lookup(self) -> None:
        if showing(self, "code"):
            self.code_done()
            return
        self.stack.setCurrentWidget(self.lookup)
        self.lookup.reset()

    def go_verify(self) -> None:
        if showing(self, "code"):
            return  # finish with the code first
        self.stack.setCurrentWidget(self.verify)
        self.verify.reset()

    def back(self) -> None:
        if showing(self, "code"):
            self.code_done()
        elif self.stack.currentWidget() is not self.lookup:
            self.go_lookup()
        else:
            self.lookup.reset()

    def open_customer(self, customer_id: str) -> None:
        self.display.opening(customer_id)
        self.stack.setCurrentWidget(self.customer)
        self.customer.load(customer_id)

    def take_scan(self, text: str) -> None:
        """A barcode scan, whatever had the focus: see scanner.route_scan."""
        route_scan(self, text)

    def choose_reward(self, index: int) -> None:
        if showing(self, "customer"):
            self.customer.choose_reward(index)

    # ---------------------------------------------------------------- the flows
    def redeem(self, reward_id: str) -> None:
        self.redeeming.redeem(reward_id)

    def code_done(self) -> None:
        self.redeeming.done()

    def print_slip(self) -> None:
        self.printing.print_key()

    @property
    def _recovered(self) -> list[LocalRedemption]:
        """Codes waiting to be shown again (see flows/redeem.py)."""
        return self.redeeming.recovered

    def award(self) -> None:
        self.awarding.award()

    def take_return(self) -> None:
        self.returning.take_return()

    def enrol(self) -> None:
        self.enrolling.enrol()

    def adjust_points(self) -> None:
        self.managing.adjust()

    def open_manager(self, tab: str) -> None:
        self.managing.open(tab)

    def sync_now(self) -> None:
        self.sync.sync_now()

    # ---------------------------------------------------------------- closing
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            self.kiosk.keep_full_screen()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk.refuses(event):  # kiosk mode: only a manager closes it
            return
        self.session.end()
        self.scanner.detach()
        self.display.close()
        if self.sync_worker is not None:
            self.sync_worker.stop(timeout=5)
        self.runner.shutdown()
        super().closeEvent(event)


__all__ = ["APP_DISPLAY_NAME", "MainWindow"]
