"""The day's redemptions by hour, and the programme's points by period, as bars."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)

from ....i18n.formats import number, signed
from ...i18n import tr
from ...theme import chart_colour


class HourChart(QWidget):
    """Redemptions per hour as bars, painted; no charting library needed for 24 bars."""

    def __init__(self) -> None:
        super().__init__()
        self.counts = [0] * 24
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(tr("Redemptions by hour"))

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
                    number(count),
                )
            if hour % 3 == 0:
                painter.drawText(
                    QRectF(x, area.bottom() + 4, bar * 3, line),
                    Qt.AlignmentFlag.AlignLeft,
                    f"{hour:02d}:00",
                )
        painter.end()


def legend() -> tuple[tuple[str, str], ...]:
    """The series and their names, in the order of the stacks: points in above the axis,
    points out below it (their size)."""
    return (
        ("earned", tr("Earned")),
        ("bonus", tr("Bonus")),
        ("adjusted", tr("Adjusted (±)")),
        ("redeemed", tr("Redeemed")),
        ("expired", tr("Expired")),
        ("returned", tr("Returned")),
    )


def stacks(period: dict[str, int]) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """A period's parts above the axis and below it, as (series, points): earned without
    its bonus, the bonus, an adjustment up; redeemed, expired, returned, an adjustment down."""
    adjusted = int(period["adjusted"])
    up = [("earned", int(period["earned"]) - int(period["bonus"])), ("bonus", int(period["bonus"]))]
    down = [(key, -int(period[key])) for key in ("redeemed", "expired", "returned")]
    (up if adjusted > 0 else down).append(("adjusted", abs(adjusted)))
    return [p for p in up if p[1] > 0], [p for p in down if p[1] > 0]


class PeriodChart(QWidget):
    """Points issued (above the axis) and taken out (below it) per period, painted, with a
    legend; the theme's series colours, readable on light and dark."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []
        self.periods: list[dict[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Points issued and redeemed by period"))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 6 * self.fontMetrics().height() + 40)

    def sizeHint(self) -> QSize:
        return QSize(480, 8 * self.fontMetrics().height() + 40)

    def set_periods(self, labels: list[str], periods: list[dict[str, int]]) -> None:
        self.labels, self.periods = labels, periods
        issued = sum(int(p["earned"]) for p in periods)
        redeemed = -sum(int(p["redeemed"]) for p in periods)
        said = tr("{n} period(s): {issued} points issued, {redeemed} redeemed", "", len(periods))
        self.setAccessibleDescription(
            said.format(n=number(len(periods)), issued=number(issued), redeemed=number(redeemed))
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        line = metrics.height()
        dark = self.palette().window().color().lightness() < 128
        text = self.palette().windowText().color()
        painter.setPen(text)
        x = 8.0
        for series, name in legend():  # the legend, on one line
            painter.fillRect(
                QRectF(x, 4 + line / 4, line / 2, line / 2), chart_colour(series, dark)
            )
            x += line / 2 + 4
            painter.drawText(QRectF(x, 4, metrics.horizontalAdvance(name) + 2, line), name)
            x += metrics.horizontalAdvance(name) + 16
        scale_width = metrics.horizontalAdvance("−000,000") + 8
        area = QRectF(self.rect()).adjusted(scale_width, line + 12, -8, -(line + 6))
        parts = [stacks(p) for p in self.periods]
        top = max((sum(v for _, v in up) for up, _ in parts), default=0) or 1
        bottom = max((sum(v for _, v in down) for _, down in parts), default=0)
        unit = area.height() / (top + bottom)
        axis = area.top() + top * unit
        painter.drawText(
            QRectF(0, area.top(), scale_width - 6, line),
            Qt.AlignmentFlag.AlignRight,
            number(top),
        )
        if bottom:
            painter.drawText(
                QRectF(0, area.bottom() - line, scale_width - 6, line),
                Qt.AlignmentFlag.AlignRight,
                signed(-bottom),
            )
        painter.drawLine(QLineF(area.left(), axis, area.right(), axis))
        if not parts:
            painter.end()
            return
        width = area.width() / len(parts)
        label_every = max(1, int((metrics.horizontalAdvance("00 Mmm 0000") + 8) // width) + 1)
        for index, (up, down) in enumerate(parts):
            left = area.left() + index * width + max(1.0, width * 0.15)
            bar = max(1.0, width * 0.7)
            y = axis
            for series, points in up:
                painter.fillRect(
                    QRectF(left, y - points * unit, bar, points * unit), chart_colour(series, dark)
                )
                y -= points * unit
            y = axis
            for series, points in down:
                painter.fillRect(QRectF(left, y, bar, points * unit), chart_colour(series, dark))
                y += points * unit
            if index % label_every == 0 and index < len(self.labels):
                painter.drawText(
                    QRectF(
                        area.left() + index * width, area.bottom() + 4, width * label_every, line
                    ),
                    Qt.AlignmentFlag.AlignLeft,
                    self.labels[index],
                )
        painter.end()
