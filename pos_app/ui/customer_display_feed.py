"""Feeds the customer display from the main window's own signals: the customer opened,
the code shown, the award or return answered, the screen left, the till locked. What to
show and when to go idle is decided by services/customer_display.py; the window
(ui/customer_display.py) paints it. Without a chosen screen nothing is made at all; with a
chosen screen that is not connected, the till works without it and says so once."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QScreen

from ..config import DisplaySettings
from ..domain.models import RedemptionStatus
from ..services import lookup
from .bridge import Lane
from .changes import Changed
from .i18n import tr
from .screens import showing, when_built

if TYPE_CHECKING:  # the display's window loads only when a screen is chosen
    from ..services.customer_display import CustomerDisplay
    from .customer_display import CustomerDisplayWindow
    from .main_window import MainWindow

log = logging.getLogger(__name__)
SAY_FOR_MS = 30_000  # the one line about a missing screen stays this long


class DisplayFeed(QObject):
    def __init__(
        self,
        window: MainWindow,
        settings: DisplaySettings | None,
        *,
        store: str = "",
        clock: Callable[[], float] = time.monotonic,
        screens: Callable[[], list[QScreen]] = QGuiApplication.screens,
    ) -> None:
        super().__init__(window)
        self.window = window
        settings = settings or DisplaySettings()
        self._made = (settings.store_name or store, settings.idle_seconds, clock)
        self._core: CustomerDisplay | None = None
        self.display: CustomerDisplayWindow | None = None
        self.problem = ""  # why a chosen display is not shown ("" none)
        self.placed_on: QScreen | None = None  # the customer's screen
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check_timeout)
        if settings.screen:
            self._open(settings.screen, screens())

    @property
    def core(self) -> CustomerDisplay:
        """What the customer's screen shows (services/customer_display.py), made when
        first told something: a till that shows no customer yet loads none of it."""
        if self._core is None:
            from ..services.customer_display import CustomerDisplay

            name, idle_seconds, clock = self._made
            self._core = CustomerDisplay(name, idle_seconds, clock=clock)
        return self._core

    def _open(self, chosen: str, screens: list[QScreen]) -> None:
        from ..services.customer_display import ScreenInfo, choose_screen

        infos = [ScreenInfo(s.name(), s.geometry().width(), s.geometry().height()) for s in screens]
        index = choose_screen(chosen, infos)
        if index is None:
            self.problem = tr(
                "Customer display: screen {screen} is not connected; the till works without it."
            ).format(screen=chosen)
            log.warning("customer display: screen %r not found among %d", chosen, len(infos))
            self.window.status.showMessage(self.problem, SAY_FOR_MS)
            return
        from .customer_display import CustomerDisplayWindow

        self.display = CustomerDisplayWindow()
        self.display.show_screen(self.core.screen)
        self.placed_on = screens[index]
        self.display.place(screens[index])
        self._wire()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenRemoved.connect(self.screen_removed)

    def screen_removed(self, screen: QScreen) -> None:
        """The customer's screen was unplugged: the display hides rather than let Qt move
        it, full screen, onto the cashier's. It stays hidden until pos-app restarts."""
        if self.display is None or screen is not self.placed_on:
            return
        self.placed_on = None
        self.display.hide()
        self.problem = tr(
            "Customer display: its screen was disconnected; the till works without it."
        )
        log.warning("customer display: its screen %r was disconnected", screen.name())
        self.window.status.showMessage(self.problem, SAY_FOR_MS)

    def _wire(self) -> None:
        w = self.window
        when_built(w, "customer", lambda view: view.loaded.connect(self.customer_loaded))
        when_built(w, "code", lambda view: view.displayed.connect(self.code_shown))
        w.changes.changed.connect(self.changed)
        w.stack.currentChanged.connect(self.screen_changed)
        w.session.idle.timeout.connect(self.leave)  # the auto-lock

    # ---------------------------------------------------------------- from the window
    def _serving(self, customer_id: str) -> bool:
        """The cashier is at this customer's screen, signed in."""
        w = self.window
        if w.locked or not showing(w, "customer"):
            return False
        current = w.customer.current
        return current is not None and current.view.customer.id == customer_id

    def customer_loaded(self) -> None:
        current = self.window.customer.current
        if current is None or not self._serving(current.view.customer.id):
            return  # a late answer for a screen the cashier has left
        view = current.view
        c = view.customer
        self.core.customer(c.id, c.name, view.projected_balance, None)
        self._show()
        self.window.runner.submit(
            lambda t: lookup.tier_progress(t, view),
            lambda found: self._progress(view, found),
            lambda _: None,
            lane=Lane.REFRESH,
        )

    def _progress(self, view: lookup.CustomerView, found: lookup.Progress) -> None:
        c = view.customer
        if self.core.customer_id == c.id and self._serving(c.id):
            self.core.customer(c.id, c.name, view.projected_balance, found.tier)
            self._show()

    def code_shown(self, code: str) -> None:
        w = self.window
        result = w.code.result
        recovered = not w.code.recovered.isHidden()  # from an earlier session: not theirs
        if w.locked or result is None or result.code != code or recovered:
            return
        if w.code.status is RedemptionStatus.CONFLICT:
            return
        self.core.code(result.customer_id, code, w.code.words.headline, result.balance_after)
        self._show()

    def changed(self, change: Changed) -> None:
        from ..services.points import AwardResult  # at a first change, never at start-up
        from ..services.returns import ReturnResult

        result = change.result
        if isinstance(result, AwardResult) and self._serving(result.customer_id):
            self.core.points(result.customer_id, result.points, result.balance_after)
        elif isinstance(result, ReturnResult) and self._serving(result.customer_id):
            back = result.points_reversed if result.points_reversed is not None else result.expected
            if back is None:
                return
            self.core.points(result.customer_id, -abs(back), result.balance_after)
        else:
            return
        self._show()

    def screen_changed(self, *_: object) -> None:
        w = self.window
        if not (showing(w, "customer") or showing(w, "code")):
            self.leave()

    def opening(self, customer_id: str) -> None:
        """The cashier opens a customer: the last one's data goes at once."""
        self.core.opening(customer_id)
        self._show()

    def leave(self) -> None:
        """Back to idle now: the till locked, or the cashier left the customer."""
        self.core.leave()
        self._show()

    # ---------------------------------------------------------------- to the display
    def check_timeout(self) -> None:
        self.core.tick()
        self._show()

    def _show(self) -> None:
        if self.display is None or self.display.isHidden():
            return
        if self.display.screen_shown != self.core.screen:
            self.display.show_screen(self.core.screen)
        due = self.core.due_in()
        if due is None:
            self.timer.stop()
        else:
            self.timer.start(int(due * 1000) + 1)

    def close(self) -> None:
        self.timer.stop()
        if self.display is not None:
            self.display.close_for_good()
            self.display = None  # a late answer after closing paints nothing
