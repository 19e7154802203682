"""The customer display's window: a second top-level window, full screen on the screen
chosen in settings, that paints what services/customer_display.py decides. The customer
cannot control it: it takes no focus (it never takes the cashier's), no mouse or keys,
and does not close from there (only the main window closes it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QGuiApplication, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..services.customer_display import Screen, ScreenInfo, Size
from .codes_paint import QrWidget
from .i18n import tr

# Share of the screen's height each size of line is painted at (readable from 1.5 m on
# a 1024x768 screen: the smallest line is 38 px high there).
HEIGHTS = {Size.TITLE: 0.075, Size.HUGE: 0.16, Size.BIG: 0.085, Size.NORMAL: 0.05}
STYLE = """
#customerDisplay { background: #0d2538; }
QLabel { color: #ffffff; }
QLabel#title { color: #9fd3ff; }
QLabel#normal { color: #d6e4f0; }
QProgressBar { background: #24425a; border: none; border-radius: 8px; }
QProgressBar::chunk { background: #f5b82e; border-radius: 8px; }
"""


def screens_here() -> list[ScreenInfo]:
    """The screens Qt sees, in its order (what display.screen's number counts)."""
    return [
        ScreenInfo(s.name(), s.geometry().width(), s.geometry().height())
        for s in QGuiApplication.screens()
    ]


class CustomerDisplayWindow(QWidget):
    def __init__(self) -> None:
        super().__init__(
            None,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setObjectName("customerDisplay")
        self.setWindowTitle(tr("Customer display"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setStyleSheet(STYLE)
        self._closable = False
        self.labels = {size: self._label(size) for size in Size}
        self.qr = QrWidget()
        self.qr.setMinimumSize(0, 0)
        self.qr.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.column = layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.labels[Size.TITLE])
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.labels[Size.HUGE])
        layout.addWidget(self.labels[Size.BIG])
        bar_row = QHBoxLayout()  # the bar across the middle 60% of the width
        bar_row.addStretch(2)
        bar_row.addWidget(self.bar, 6)
        bar_row.addStretch(2)
        layout.addLayout(bar_row)
        layout.addWidget(self.labels[Size.NORMAL])
        layout.addStretch(1)
        self.screen_shown: Screen | None = None

    def _label(self, size: Size) -> QLabel:
        label = QLabel()
        label.setObjectName(str(size))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(size is Size.NORMAL)
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Never wider than the screen: the text is fitted to the width instead (_fit).
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return label

    # ---------------------------------------------------------------- what it shows
    def show_screen(self, screen: Screen) -> None:
        self.screen_shown = screen
        for size, label in self.labels.items():
            text = next((line.text for line in screen.lines if line.size is size), "")
            label.setText(text)
            label.setVisible(bool(text))
        self.qr.set_text(screen.qr)
        self.qr.setVisible(bool(screen.qr))
        self.bar.setVisible(screen.bar is not None)
        self.bar.setValue(round((screen.bar or 0.0) * 1000))
        self._fit()

    def words(self) -> str:
        """Every word the customer can read now (hidden labels aside)."""
        return "\n".join(
            label.text() for label in self.labels.values() if not label.isHidden() and label.text()
        )

    def _fit(self) -> None:
        """Each line at its share of the screen's height, smaller only when it would not
        fit the width; the QR as large as leaves room for the code under it."""
        width, height = max(self.width(), 320), max(self.height(), 240)
        room = width * 0.9
        for size, label in self.labels.items():
            font = QFont(self.font())
            font.setBold(size in (Size.HUGE, Size.TITLE))
            pixels = max(14, int(height * HEIGHTS[size]))
            if size is Size.HUGE and self.qr.isVisibleTo(self):
                pixels = int(height * 0.10)  # the code under its QR
            font.setPixelSize(pixels)
            while (
                not label.wordWrap()
                and pixels > 14
                and QFontMetrics(font).horizontalAdvance(label.text()) > room
            ):
                pixels -= 2
                font.setPixelSize(pixels)
            # In the label's own style sheet: the window's would otherwise set its font back.
            weight = 700 if font.bold() else 400
            label.setStyleSheet(f"font-size: {pixels}px; font-weight: {weight};")
        side = int(min(height * 0.45, width * 0.6))
        self.qr.setFixedSize(side, side)
        self.bar.setFixedHeight(max(16, int(height * 0.035)))
        margin = int(height * 0.04)
        layout = self.column
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(int(height * 0.025))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    # ---------------------------------------------------------------- where and when
    def place(self, screen: QScreen) -> None:
        """Full screen on `screen`, without taking the focus from the cashier's window."""
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        # Not showFullScreen(): it asks to activate the window, taking the cashier's focus.
        self.setWindowState(Qt.WindowState.WindowFullScreen)
        self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closable:  # not from the customer's side: the main window closes it
            event.ignore()
            return
        super().closeEvent(event)

    def close_for_good(self) -> None:
        self._closable = True
        self.close()
        self.deleteLater()
