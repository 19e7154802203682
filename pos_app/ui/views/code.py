"""The code screen: the REDEEM code as a QR code and a Code 128 barcode side by side, the
code in big text, the discount, and whether it is confirmed or offline."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.money import format_money
from ...services.redeem import RedeemResult
from ..codes_paint import BarcodeWidget, QrWidget


class CodeView(QWidget):
    done = Signal()
    print_requested = Signal()
    displayed = Signal(str)  # the code was painted on screen: it reached the customer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: RedeemResult | None = None
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recovered = QLabel(
            "Recovered after a restart: this code was issued but may not "
            "have been shown. Give it to the customer, or ask a manager."
        )
        self.recovered.setObjectName("recovered")
        self.recovered.setWordWrap(True)
        self.recovered.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recovered.hide()
        self.discount = QLabel()
        self.discount.setObjectName("discount")
        self.discount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.what = QLabel()
        self.what.setObjectName("hint")
        self.what.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QrWidget()
        self.barcode = BarcodeWidget()
        self.code = QLabel()
        self.code.setObjectName("codeText")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        symbols = QHBoxLayout()
        symbols.setSpacing(32)
        symbols.addWidget(self.qr, 2)
        barcode_column = QVBoxLayout()
        barcode_column.addStretch(1)
        barcode_column.addWidget(self.barcode, 3)
        barcode_column.addStretch(1)
        symbols.addLayout(barcode_column, 3)

        self.print_button = QPushButton("Print slip  (Ctrl+P)")
        self.print_button.clicked.connect(self.print_requested)
        self.copy_button = QPushButton("Copy code  (Ctrl+C)")
        self.copy_button.clicked.connect(self.copy_code)
        self.done_button = QPushButton("Done  (Enter)")
        self.done_button.setObjectName("primary")
        self.done_button.clicked.connect(self.done)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.copy_button)
        actions.addStretch(1)
        actions.addWidget(self.done_button)
        for button in (self.print_button, self.copy_button, self.done_button):
            button.setMinimumHeight(52)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addWidget(self.recovered)
        layout.addWidget(self.discount)
        layout.addWidget(self.what)
        layout.addLayout(symbols, 1)
        layout.addWidget(self.code)
        layout.addLayout(actions)

    def show_result(self, result: RedeemResult, *, recovered: bool = False) -> None:
        self.result = result
        offline = result.status == "offline"
        self.banner.setText(
            "OFFLINE: valid now, will sync when the connection is back" if offline else "CONFIRMED"
        )
        self.banner.setProperty("state", "offline" if offline else "confirmed")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.recovered.setVisible(recovered)
        self.discount.setText(f"{format_money(result.discount_amount, result.currency)} off")
        self.what.setText(
            f"{result.reward_name}  ·  {result.customer_name}  ·  "
            f"{result.points:,} points  ·  balance after: "
            f"{result.balance_after:,}" + (" (projected)" if offline else "")
        )
        self.code.setText(result.code)
        self.qr.set_text(result.code)
        self.barcode.set_text(result.code)
        self.done_button.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.result is not None:
            code = self.result.code
            # After this event the code is painted: then it has reached the screen.
            QTimer.singleShot(0, lambda: self.displayed.emit(code))

    def copy_code(self) -> None:
        if self.result is not None:
            QGuiApplication.clipboard().setText(self.result.code)
