"""The always-visible status bar: connectivity, pending operations, conflicts, last sync,
terminal id, and "sync now". It changes only from the sync worker's signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QStatusBar, QWidget

from ..i18n.formats import number
from ..sync.events import Connectivity
from ..sync.verdicts import KEY_REFUSED
from .fmt import time_text
from .i18n import QT_TRANSLATE_NOOP, tr

STATE_WORDS: dict[str, str] = {  # tr() where shown
    Connectivity.ONLINE: QT_TRANSLATE_NOOP("", "Online"),
    Connectivity.OFFLINE: QT_TRANSLATE_NOOP("", "Offline"),
    Connectivity.DEGRADED: QT_TRANSLATE_NOOP("", "Connection problems"),
    Connectivity.MISCONFIGURED: QT_TRANSLATE_NOOP("", "Sync paused"),
    Connectivity.UNKNOWN: QT_TRANSLATE_NOOP("", "Connecting…"),
}


class _ElidedLabel(QLabel):
    """A label that gives way to the bar's other widgets on a narrow screen, ending its
    text with "…" rather than pushing "Sync now" off the window (1024 px wide, in French,
    with the demo's outage switch); it keeps `keep` characters' room, and cuts its text
    at the end or (`mode`) in the middle, where a time at its end stays. `text()` keeps
    the whole sentence, and so does the tooltip (`tip`: the text's own, else set apart)."""

    def __init__(
        self,
        text: str = "",
        *,
        keep: int = 24,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
        tip: bool = True,
    ) -> None:
        super().__init__()
        self.keep = keep
        self.mode = mode
        self.tip = tip
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        if self.tip:
            self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        room = self.fontMetrics().horizontalAdvance("● " + "x" * self.keep)
        return QSize(min(hint.width(), room), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.fontMetrics().elidedText(self.text(), self.mode, self.contentsRect().width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            self.palette(),
            self.isEnabled(),
            shown,
            QPalette.ColorRole.WindowText,
        )


_MIDDLE = Qt.TextElideMode.ElideMiddle


class TerminalStatusBar(QStatusBar):
    sync_now_requested = Signal()
    conflicts_requested = Signal()

    def __init__(self, terminal_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.setContentsMargins(0, 0, 8, 0)  # Sync now is not flush with the screen's edge
        self.state: str = Connectivity.UNKNOWN
        self.connectivity = _ElidedLabel(tip=False)  # its tooltip: the connection's detail
        self.connectivity.setObjectName("connectivity")
        self.pending = _ElidedLabel(keep=16)  # "12 opérations e…": the count stays
        self.conflicts = QPushButton()
        self.conflicts.setObjectName("conflicts")
        self.conflicts.setFlat(True)
        self.conflicts.clicked.connect(self.conflicts_requested)
        # "Dernière…o : 10:16": the time stays.
        self.last_sync = _ElidedLabel(tr("Last sync: never"), keep=14, mode=_MIDDLE)
        # The least needed on a narrow bar: "Terminal term_87…", whole in its tooltip.
        self.terminal = _ElidedLabel(tr("Terminal {id}").format(id=terminal_id), keep=10)
        self.sync_button = QPushButton(tr("Sync now  (F5)"))
        self.sync_button.clicked.connect(self.sync_now_requested)
        self.addWidget(self.connectivity)
        self.addWidget(self.pending)
        self.addWidget(self.conflicts)
        self.addPermanentWidget(self.last_sync)
        self.addPermanentWidget(self.terminal)
        self.addPermanentWidget(self.sync_button)
        self.set_connectivity(Connectivity.UNKNOWN, "")
        self.set_queue(0, 0)
        self.outage: QCheckBox | None = None

    def add_outage_switch(self, switch: Callable[[bool], None]) -> None:
        """The sandbox demo only: pull the cable without touching the network."""
        self.outage = QCheckBox(tr("Sandbox outage"))
        self.outage.setObjectName("outageSwitch")
        self.outage.setToolTip(
            tr("Demo only: the sandbox backend stops answering, as when the internet is down")
        )
        self.outage.toggled.connect(switch)
        self.addWidget(self.outage)

    def set_connectivity(self, state: str, detail: str) -> None:
        self.state = state
        words = tr(STATE_WORDS[state]) if state in STATE_WORDS else state
        tip = detail
        if state == Connectivity.MISCONFIGURED:
            # The backend refuses this terminal: say why on the bar itself (a manager must
            # act), and that nothing is lost meanwhile.
            # Short on the bar (it shares 1024 px with "Sync now"); whole in the tooltip.
            why = tr("API key refused") if detail == KEY_REFUSED else tr("wrong backend")
            words = tr("{state}: {why}").format(state=words, why=why)
            tip = tr("{detail} Nothing is lost: operations wait and sync once it is fixed.")
            tip = tip.format(detail=detail)
        self.connectivity.setText(f"● {words}")
        self.connectivity.setProperty("state", state)
        self.connectivity.setToolTip(tip)
        self.connectivity.style().unpolish(self.connectivity)
        self.connectivity.style().polish(self.connectivity)

    def set_queue(self, pending: int, conflicts: int) -> None:
        # A number is formatted only where it is shown: an empty queue at start-up loads
        # no locale's number data on this thread (Babel's first locale: 20-40 ms).
        if pending:
            self.pending.setText(tr("{n} waiting to sync", "", pending).format(n=number(pending)))
        else:
            self.pending.setText(tr("Nothing to sync"))
        if conflicts:  # no conflict: the button is hidden
            n = number(conflicts)
            self.conflicts.setText(tr("{n} conflict(s)", "", conflicts).format(n=n))
        self.conflicts.setProperty("has", conflicts > 0)
        self.conflicts.setVisible(conflicts > 0)
        self.conflicts.style().unpolish(self.conflicts)
        self.conflicts.style().polish(self.conflicts)

    def set_synced(self, at: datetime) -> None:
        self.last_sync.setText(tr("Last sync: {time}").format(time=time_text(at)))
