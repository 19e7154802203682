"""A customer's standing under their name: lifetime points, a bar to the next tier with
its words ("1,100 points to Gold", or "Gold: the top tier"), from the cached tiers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from ...domain.progress import ExpiringSoon, TierProgress
from ...i18n.formats import number
from ..i18n import tr

# The bar counts in thousandths of the way from this tier to the next.
BAR_STEPS = 1000


def soon_text(soon: ExpiringSoon) -> str:
    """ "200 points expire in 12 days", "... expire tomorrow", "... expire today"."""
    n, points = soon.points, number(soon.points)
    if soon.days_left == 0:
        return tr("{points} point(s) expire today", "", n).format(points=points)
    if soon.days_left == 1:
        return tr("{points} point(s) expire tomorrow", "", n).format(points=points)
    # The days in words of their own: French agrees the verb with the points, not the days.
    days = tr("in {days} day(s)", "", soon.days_left).format(days=number(soon.days_left))
    return tr("{points} point(s) expire {when}", "", n).format(points=points, when=days)


class TierStanding(QWidget):
    """Lifetime points, the bar, and the words; hidden while there is nothing to say (no
    tiers cached and nothing earned)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lifetime = QLabel()
        self.lifetime.setObjectName("lifetime")
        self.lifetime.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar()
        self.bar.setObjectName("tierProgress")
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(220)
        self.bar.setAccessibleName(tr("Progress to the next tier"))
        self.words = QLabel()
        self.words.setObjectName("tierWords")
        self.words.setTextFormat(Qt.TextFormat.PlainText)  # tier names come from the backend
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.lifetime)
        row.addWidget(self.bar)
        row.addWidget(self.words)
        row.addStretch(1)
        self.clear()

    def clear(self) -> None:
        self.lifetime.setText("")
        self.words.setText("")
        self.bar.setValue(0)
        self.hide()

    def show_progress(self, progress: TierProgress) -> None:
        self.lifetime.setText(
            tr("Lifetime {points} pts").format(points=number(progress.lifetime_points))
        )
        self.words.setText(progress.text)
        self.bar.setVisible(bool(progress.text))
        self.bar.setValue(round(progress.fraction * BAR_STEPS))
        self.bar.setAccessibleDescription(progress.text)
        self.bar.setToolTip(progress.text)
        self.show()
