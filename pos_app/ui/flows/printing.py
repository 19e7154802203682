"""Slips on the receipt printer (ESC/POS, `printer.device`), from the cashier's screen.

- A redemption, an award and a return print their slip as they happen when `printer.auto`
  is on (the default); otherwise the cashier asks: Print slip (Ctrl+P) on the code screen,
  Ctrl+P on the customer screen for the last award or return.
- A code's slip prints again from the code screen and from the checkout screen (a code
  issued here and still usable); the end-of-day report prints as a short slip from the
  manager's report tab.
- Printing runs on the runner's print lane: a printer that hangs (up to its timeout) holds
  up neither the screen nor a sale. When it fails, the operation stands, the code stays on
  screen and the cashier reads one line: what happened, what to do.
- The A5 slip through the system's print dialog (or a PDF) stays: Ctrl+Shift+P, and Print
  slip itself when no receipt printer is set.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QPushButton

from ...domain.models import Outcome, RedemptionStatus
from ...services import ServiceError, Terminal, recovery
from ..bridge import Lane
from ..changes import Changed
from ..i18n import tr
from ..screens import built, showing, when_built
from .base import Flow

if TYPE_CHECKING:  # the slips' layout, the printers' service, redemptions: on first use
    from ...render import escpos_slip
    from ...services.printing import Printed
    from ...services.redeem import RedeemResult
    from ..main_window import MainWindow
    from ..views.code import CodeView
    from ..views.manager.report import ReportTab

log = logging.getLogger(__name__)
A5_KEY = "Ctrl+Shift+P"
TIMEOUT: float | None = None  # seconds a printer has to take a slip ("offline" after);
# None: services/printing.py's DEFAULT_TIMEOUT


def failure_line(error: BaseException) -> str:
    """What happened and what to do, in one line (the details go to the log)."""
    from ...services.printing import PrinterError

    reason = error.reason if isinstance(error, PrinterError) else ""
    if reason == "no_paper":
        return tr(
            "Slip not printed: the printer is out of paper. "
            "Load a roll, then Reprint slip (Ctrl+P)."
        )
    if reason == "offline":
        return tr(
            "Slip not printed: the printer is offline. "
            "Turn it on or plug it in, then Reprint slip (Ctrl+P)."
        )
    if reason == "no_device":
        return tr(
            "Slip not printed: the printer is missing. "
            "Check its cable and power, then Reprint slip (Ctrl+P)."
        )
    if reason == "not_configured":
        return tr("Slip not printed: no receipt printer is set. Use A5 or PDF (Ctrl+Shift+P).")
    return tr(
        "Slip not printed: the printer cannot be used. "
        "Tell a manager; A5 or PDF (Ctrl+Shift+P) still works."
    )


# ---------------------------------------------------------------- on the print lane
def _where(
    t: Terminal, cashier: str | None, when: datetime | None = None, terminal: str | None = None
) -> escpos_slip.Where:
    from ...render import escpos_slip

    at = (when or datetime.now(UTC)).astimezone(t.config.time_zone())
    return escpos_slip.Where(t.config.store_id, terminal or t.terminal_id, cashier, at)


def redemption_slip(
    t: Terminal, code: str, result: RedeemResult | None = None, cashier: str | None = None
) -> bytes:
    """The slip of a code made here, as this terminal recorded it (issued when, by whom);
    a code not recorded (a full disk) from the result on screen."""
    from ...render import escpos_slip

    try:
        found = recovery.made_here(t, code)
    except ServiceError:
        if result is None:
            raise
        slip = escpos_slip.RedemptionSlip(
            result.code,
            result.reward_name,
            result.discount_amount,
            result.currency,
            result.points,
            result.balance_after,
            result.customer_name,
            offline=result.status is Outcome.OFFLINE,
        )
        return escpos_slip.redemption(slip, _where(t, cashier), t.config.paper_mm)
    at = _where(t, found.operator, found.occurred_at, found.terminal_id)
    return escpos_slip.redemption(escpos_slip.from_redemption(found), at, t.config.paper_mm)


@dataclass(frozen=True)
class PointsJob:
    """An award's or a return's slip, as it was when it happened."""

    customer_id: str
    slip: escpos_slip.PointsSlip
    cashier: str
    when: datetime
    told: str  # what the notice said about it
    session: int = 0  # whose it is: Ctrl+P prints it for them only


def points_job(result: object, name: str | None, cashier: str) -> PointsJob | None:
    from ...render import escpos_slip
    from ...services import points, returns

    when = datetime.now(UTC)
    if isinstance(result, points.AwardResult):
        from .award import awarded_text

        offline = result.status is not Outcome.CONFIRMED
        slip = escpos_slip.PointsSlip(
            False, result.points, result.balance_after, name, result.order_id, offline
        )
        return PointsJob(result.customer_id, slip, cashier, when, awarded_text(result))
    if isinstance(result, returns.ReturnResult):
        from .returns import returned_text

        taken = result.points_reversed if result.points_reversed is not None else result.expected
        offline = result.status is not Outcome.CONFIRMED
        slip = escpos_slip.PointsSlip(
            True, taken or 0, result.balance_after, name, result.order_id, offline
        )
        return PointsJob(result.customer_id, slip, cashier, when, returned_text(result))
    return None


# ---------------------------------------------------------------- the flow
class PrintFlow(Flow):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.device: str | None = None  # printer.device (None: the A5 slip only)
        self.auto = True  # printer.auto
        self.last_points: PointsJob | None = None  # Ctrl+P on the customer screen
        w = window
        w.runner.submit(
            lambda t: (t.config.printer, t.config.print_auto),
            lambda found: self.configure(*found),
            lane=Lane.LOCAL,
        )
        w.changes.changed.connect(self.on_changed)
        when_built(w, "code", self._wire_code)
        when_built(w, "verify", lambda view: view.reprint_requested.connect(self.reprint_code))
        a5 = QShortcut(QKeySequence(A5_KEY), w)
        a5.setContext(Qt.ShortcutContext.WindowShortcut)
        a5.activated.connect(lambda: None if w.locked else self.print_a5())
        self.report_button: QPushButton | None = None  # once the manager's screen is built

    def add_report_button(self, tab: ReportTab) -> None:
        """The end-of-day report as a slip: beside the report tab's exports (called when
        the manager's screen is built, flows/manager.py)."""
        self.report_button = QPushButton(tr("Print on receipt printer"))
        self.report_button.setAccessibleName(tr("Print the report on the receipt printer"))
        self.report_button.clicked.connect(self.print_report)
        self.report_button.setVisible(self.device is not None)
        for row in tab.findChildren(QBoxLayout):
            if row.indexOf(tab.pdf_button) >= 0:
                row.addWidget(self.report_button)

    def _wire_code(self, view: CodeView) -> None:
        view.a5_requested.connect(self.print_a5)
        view.set_receipt_printer(self.device is not None)

    def configure(self, device: str | None, auto: bool) -> None:
        """The printer settings in effect (at start, and live from the settings screen)."""
        self.device, self.auto = device, auto
        code = built(self.window, "code")
        if code is not None:  # else it is told when built (_wire_code)
            code.set_receipt_printer(device is not None)
        if self.report_button is not None:
            self.report_button.setVisible(device is not None)

    # ---------------------------------------------------------------- as it happens
    def on_changed(self, change: Changed) -> None:
        w, result = self.window, change.result
        from ...services.redeem import RedeemResult  # at a first change, never at start-up

        if isinstance(result, RedeemResult):
            if self.device and self.auto and w.code.result is result:
                self._print_code(result.code, result)
            return
        screen = w.customer.current
        name = screen.view.customer.name if screen is not None else None
        if screen is not None and screen.view.customer.id != getattr(result, "customer_id", ""):
            name = None
        job = points_job(result, name, w.operator)
        if job is None:
            return
        job = replace(job, session=w.session.number)
        self.last_points = job
        if self.device and self.auto:
            self._print_points(job)
        elif self.device:
            w.prompts.info(w, job.told, tr("To print its slip: Ctrl+P."))

    # ---------------------------------------------------------------- on request
    def print_key(self) -> None:
        """Ctrl+P: the slip of what is on screen."""
        w = self.window
        if showing(w, "code"):
            self.print_code_screen()
        elif showing(w, "verify"):
            w.verify.reprint()
        elif showing(w, "customer") and self.last_points is not None and self.device:
            screen = w.customer.current
            same = screen is not None and screen.view.customer.id == self.last_points.customer_id
            if same and w.still(self.last_points.session):
                self._print_points(self.last_points)

    def print_code_screen(self) -> None:
        w = self.window
        result = w.code.result
        if result is None or w.code.status is RedemptionStatus.CONFLICT:
            return  # refused: nothing to print for the customer
        if self.device is None:
            self.print_a5()
        elif w.code.print_button.isEnabled():  # not while one is printing
            self._print_code(result.code, result)

    def print_a5(self) -> None:
        """The A5 slip through the system's print dialog (which can also save a PDF)."""
        w = self.window
        if showing(w, "code"):
            w.redeeming.print_slip()

    def reprint_code(self, code: str) -> None:
        """From the checkout screen: a code issued here, on the receipt printer; without
        one, the A5 slip."""
        w = self.window
        if self.device is not None:
            self._print_code(code, None)
            return
        session = w.session.number

        def a5(found: Any) -> None:
            from ...services import redeem

            if w.still(session):
                w.prompts.print_slip(w, redeem.recovered(found), w.terminal_id, datetime.now(UTC))

        w.runner.submit(
            lambda t: recovery.made_here(t, code),
            a5,
            lambda error: w.show_error(tr("Slip not printed"), error),
            lane=Lane.LOCAL,
        )

    def print_report(self) -> None:
        w = self.window
        tab = w.manager_view.report
        data = tab.data
        if data is None:
            tab.message.setText(tr("Show a report first."))
            return
        operator = w.operator
        tab.message.setText(tr("Printing the slip…"))
        from ...render import escpos_slip

        self._send(
            lambda t: escpos_slip.report(data, _where(t, operator), t.config.paper_mm),
            lambda _: tab.message.setText(tr("Slip printed.")),
            lambda line: tab.message.setText(line),
        )

    # ---------------------------------------------------------------- sending
    def _print_code(self, code: str, result: RedeemResult | None) -> None:
        w = self.window
        view = w.code
        on_screen = view.result is not None and view.result.code == code
        operator = w.operator
        if on_screen:
            view.printing()

        def showing() -> bool:
            same = view.result is not None and view.result.code == code
            return same and w.stack.currentWidget() is view

        def printed(_: Printed) -> None:
            if view.result is not None and view.result.code == code:
                view.slip_printed()
            if not showing():
                w.prompts.info(w, tr("Slip printed."), code)

        def failed(line: str) -> None:
            if view.result is not None and view.result.code == code:
                view.slip_failed(line)  # the code stays; the line says what to do
            if not showing():  # the cashier has moved on: the window's notice says it
                w.prompts.error(w, line, code)

        self._send(lambda t: redemption_slip(t, code, result, operator), printed, failed)

    def _print_points(self, job: PointsJob) -> None:
        w = self.window

        def failed(line: str) -> None:
            w.prompts.error(w, line, job.told)  # what was done stays, under the line

        from ...render import escpos_slip

        self._send(
            lambda t: escpos_slip.points(
                job.slip, _where(t, job.cashier, job.when), t.config.paper_mm
            ),
            lambda _: None,
            failed,
        )

    def _send(self, make: Any, printed: Any, failed: Any) -> None:
        """`make(terminal)` the bytes and send them, on the print lane; `failed(line)`
        with the one line for the cashier, unless the till locked meanwhile."""
        w = self.window
        session = w.session.number

        def work(t: Terminal) -> Printed:
            from ...services import printing  # the printers' links: at a first slip

            timeout = printing.DEFAULT_TIMEOUT if TIMEOUT is None else TIMEOUT
            return printing.print_bytes(t.config, make(t), timeout=timeout)

        def done(answer: Printed) -> None:
            log.info("slip printed on %s (%d bytes)", answer.printer, answer.size)
            if w.still(session):
                printed(answer)

        def problem(error: BaseException) -> None:
            log.warning("slip not printed: %s", getattr(error, "message", error))
            if w.still(session):
                failed(failure_line(error))

        w.runner.submit(work, done, problem, lane=Lane.PRINT)
