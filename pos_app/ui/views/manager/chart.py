"""The day's redemptions by hour, as bars."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)


class HourChart(QWidget):
    """Redemptions per hour as bars, painted; no charting library needed for 24 bars."""

    def __init__(self) -> None:
        super().__init__()
        self.counts = [0] * 24
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Redemptions by hour")

    def minimumSizeHint(self) -> QSize:
        # Room for a count above the bars and the hours below, in the type's size (which
        # grows with the screen), and the bars between.
        return QSize(240, 3 * self.fontMetrics().height() + 36)

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def set_counts(self, counts: list[int]) -> None:
        self.counts = counts
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        line = self.fontMetrics().height()
        area = QRectF(self.rect()).adjusted(8, line + 6, -8, -(line + 6))
        peak = max(self.counts) or 1
        bar = area.width() / 24
        text = self.palette().windowText().color()
        painter.setPen(text)
        # Bars 3:1 or more on the window: the brand green is too dark on the dark theme's.
        dark = self.palette().window().color().lightness() < 128
        green = QColor("#3fb950" if dark else "#1f7a4d")
        for hour, count in enumerate(self.counts):
            height = area.height() * count / peak
            x = area.left() + hour * bar
            if count:
                painter.fillRect(QRectF(x + 2, area.bottom() - height, bar - 4, height), green)
                painter.drawText(
                    QRectF(x - bar, area.bottom() - height - line - 2, bar * 3, line),
                    Qt.AlignmentFlag.AlignCenter,
                    str(count),
                )
            if hour % 3 == 0:
                painter.drawText(
                    QRectF(x, area.bottom() + 4, bar * 3, line),
                    Qt.AlignmentFlag.AlignLeft,
                    f"{hour:02d}:00",
                )
        painter.end()
