"""The code screen: the REDEEM code as a QR code and a Code 128 barcode side by side, the
code in big text, the discount, and whether it is confirmed or offline.

The banner stays true: an offline code turns CONFIRMED when a sync confirms it, and a code
the backend refuses later says so, with what to do (`set_status`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.models import RedemptionStatus
from ...i18n.formats import number
from ...services import describe
from ..codes_paint import BarcodeWidget, QrWidget
from ..i18n import tr

if TYPE_CHECKING:
    from ...services.redeem import RedeemResult


class CodeView(QWidget):
    done = Signal()
    print_requested = Signal()  # the slip: the receipt printer, else the print dialog
    a5_requested = Signal()  # the A5 slip through the print dialog (or a PDF)
    displayed = Signal(str)  # the code was painted on screen: it reached the customer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: RedeemResult | None = None
        self._status: RedemptionStatus | None = None
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recovered = QLabel(
            tr(
                "Recovered after a restart: this code was issued but may not "
                "have been shown. Give it to the customer, or ask a manager."
            )
        )
        self.recovered.setObjectName("recovered")
        self.recovered.setWordWrap(True)
        self.recovered.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recovered.hide()
        self.refused = QLabel()
        self.refused.setObjectName("refusedNote")
        self.refused.setWordWrap(True)
        self.refused.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.refused.hide()
        self.discount = QLabel()
        self.discount.setObjectName("discount")
        self.discount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.discount.setWordWrap(True)  # a long item name wraps instead of widening the window
        self.what = QLabel()
        self.what.setObjectName("hint")
        self.what.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QrWidget()
        self.barcode = BarcodeWidget()
        self.code = QLabel()
        self.code.setObjectName("codeText")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.symbols = QWidget()  # hidden whole for a refused code: nothing left to scan
        symbols = QHBoxLayout(self.symbols)
        symbols.setContentsMargins(0, 0, 0, 0)
        symbols.setSpacing(32)
        symbols.addWidget(self.qr, 2)
        barcode_column = QVBoxLayout()
        barcode_column.addStretch(1)
        barcode_column.addWidget(self.barcode, 3)
        barcode_column.addStretch(1)
        symbols.addLayout(barcode_column, 3)

        # What the receipt printer did with this code's slip: one line (printing, printed,
        # or what went wrong and what to do); set by ui/flows/printing.py.
        self.slip_note = QLabel()
        self.slip_note.setObjectName("hint")
        self.slip_note.setTextFormat(Qt.TextFormat.PlainText)
        self.slip_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slip_note.setWordWrap(True)
        self.slip_note.hide()
        self.printed = False  # a slip of this code went to the receipt printer (or failed)
        self.receipt_printer = False  # a receipt printer is set: the A5 slip is a 2nd choice
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_requested)
        self.a5_button = QPushButton(tr("A5 or PDF…  (Ctrl+Shift+P)"))
        self.a5_button.setAccessibleName(tr("Print the A5 slip or save it as a PDF"))
        self.a5_button.clicked.connect(self.a5_requested)
        self.a5_button.hide()
        self.copy_button = QPushButton(tr("Copy code  (Ctrl+C)"))
        self.copy_button.setAccessibleName(tr("Copy code"))
        self.copy_button.clicked.connect(self.copy_code)
        self.done_button = QPushButton(tr("Done  (Enter)"))
        self.done_button.setAccessibleName(tr("Done"))
        self.done_button.setObjectName("primary")
        self.done_button.clicked.connect(self.done)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.a5_button)
        actions.addWidget(self.copy_button)
        actions.addStretch(1)
        actions.addWidget(self.done_button)
        for button in (self.print_button, self.a5_button, self.copy_button, self.done_button):
            button.setMinimumHeight(52)
        self._name_print_button()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addWidget(self.recovered)
        layout.addWidget(self.discount)
        layout.addWidget(self.what)
        layout.addWidget(self.symbols, 1)
        layout.addWidget(self.refused, 1)  # in the symbols' place when they are hidden
        layout.addWidget(self.code)
        layout.addWidget(self.slip_note)
        layout.addLayout(actions)

    def show_result(self, result: RedeemResult, *, recovered: bool = False) -> None:
        self.result = result
        self.recovered.setVisible(recovered)
        self.printed = False
        self.slip_note.hide()
        self._name_print_button()
        # What to give, largest: the item ("Free soft drink") or the discount ("₦1,000 off").
        self.discount.setText(self.words.headline)
        self.code.setText(result.code)
        self.qr.set_text(result.code)
        self.barcode.set_text(result.code)
        self.set_status(result.status)
        self.done_button.setFocus()

    @property
    def words(self) -> describe.RewardWords:
        r = self.result
        assert r is not None
        return describe.reward_words(r.reward_name, r.discount_amount, r.currency)

    @property
    def status(self) -> RedemptionStatus | None:
        """What the banner says now: confirmed, offline or conflict (None: no code yet)."""
        return self._status

    def set_status(self, shown: str) -> None:
        """Show the redemption's status (a `RedemptionStatus`, or the result's `Outcome`):
        confirmed, offline, or conflict (handed out offline, then refused by the backend).
        Any other status leaves the screen as it is."""
        result = self.result
        if result is None or shown not in _BANNERS:
            return
        status = RedemptionStatus(shown)
        self._status = status
        text, state = _banner(status, item=self.words.item)
        self.banner.setText(text)
        self.banner.setProperty("state", state)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        refused = status is RedemptionStatus.CONFLICT
        self.refused.setText(
            tr(
                "The loyalty service refused this code after it was given out offline.\n"
                "Do not give the reward, and take back any printed slip.\n"
                "Call a manager: they will resolve it under Conflicts."
            )
            if self.words.item
            else tr(
                "The loyalty service refused this code after it was given out offline.\n"
                "Do not give the discount, and take back any printed slip.\n"
                "Call a manager: they will resolve it under Conflicts."
            )
        )
        self.refused.setVisible(refused)
        # A refused code is not to be scanned, printed or handed over again: its symbols
        # and the print button go; the code text stays for the manager.
        for widget in (self.symbols, self.print_button):
            widget.setVisible(not refused)
        self.a5_button.setVisible(self.receipt_printer and not refused)
        self.discount.setProperty("spent", "true" if refused else "false")
        self.discount.style().unpolish(self.discount)
        self.discount.style().polish(self.discount)
        font = self.discount.font()
        font.setStrikeOut(refused)
        self.discount.setFont(font)
        spent = tr("{n} points", "", result.points).format(n=number(result.points))
        parts = [x for x in (self.words.detail, result.customer_name, spent) if x]
        if refused:
            parts.append(tr("not taken from the customer"))
        elif status is RedemptionStatus.OFFLINE:
            after = number(result.balance_after)
            parts.append(tr("balance after: {balance} (projected)").format(balance=after))
        else:
            after = number(result.balance_after)
            parts.append(tr("balance after: {balance}").format(balance=after))
        self.what.setText("  ·  ".join(parts))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.result is not None:
            code = self.result.code
            # After this event the code is painted: then it has reached the screen.
            QTimer.singleShot(0, lambda: self.displayed.emit(code))

    def copy_code(self) -> None:
        if self.result is not None:
            QGuiApplication.clipboard().setText(self.result.code)

    # ---------------------------------------------------------------- the slip
    def set_receipt_printer(self, configured: bool) -> None:
        """With a receipt printer, Print slip prints there and the A5 slip (the print
        dialog, or a PDF) is the second choice; without, Print slip is the A5 slip."""
        self.receipt_printer = configured
        self.a5_button.setVisible(configured and self._status is not RedemptionStatus.CONFLICT)

    def printing(self) -> None:
        self._slip(tr("Printing the slip…"), problem=False)
        self.print_button.setEnabled(False)

    def slip_printed(self) -> None:
        self.printed = True
        self._slip(tr("Slip printed."), problem=False)
        self.print_button.setEnabled(True)
        self._name_print_button()

    def slip_failed(self, line: str) -> None:
        """The slip was not printed: the one line that says what happened and what to do.
        The code stays on screen."""
        self.printed = True
        self._slip(line, problem=True)
        self.print_button.setEnabled(True)
        self._name_print_button()

    def _slip(self, text: str, *, problem: bool) -> None:
        self.slip_note.setObjectName("recovered" if problem else "hint")
        self.slip_note.setText(text)
        self.slip_note.setAccessibleName(text)
        self.slip_note.style().unpolish(self.slip_note)
        self.slip_note.style().polish(self.slip_note)
        self.slip_note.show()

    def _name_print_button(self) -> None:
        again = self.printed
        self.print_button.setText(
            tr("Reprint slip  (Ctrl+P)") if again else tr("Print slip  (Ctrl+P)")
        )
        self.print_button.setAccessibleName(tr("Reprint slip") if again else tr("Print slip"))


def _banner(status: RedemptionStatus, *, item: bool) -> tuple[str, str]:
    """The banner's words and style for each status the code screen shows."""
    if status is RedemptionStatus.CONFIRMED:
        return tr("CONFIRMED"), "confirmed"
    if status is RedemptionStatus.OFFLINE:
        return tr("OFFLINE: valid now, will sync when the connection is back"), "offline"
    if item:
        return tr("REFUSED: do not give this reward"), "refused"
    return tr("REFUSED: do not give this discount"), "refused"


#: The statuses the code screen shows.
_BANNERS = (RedemptionStatus.CONFIRMED, RedemptionStatus.OFFLINE, RedemptionStatus.CONFLICT)
