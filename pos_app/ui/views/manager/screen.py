"""The manager's view: the day's report (with export), the conflicts to resolve, the
returns made here (their shortfalls above all), the audit log (with verification and
export) and the programme's analytics, as tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...bridge import ServiceRunner
from ...i18n import tr
from .analytics import AnalyticsTab
from .audit import AuditTab
from .conflicts import ConflictsTab
from .report import ReportTab
from .returns import ReturnsTab
from .tables import AskPath


class ManagerView(QWidget):
    back_requested = Signal()
    settings_requested = Signal()

    def __init__(self, runner: ServiceRunner, ask_path: AskPath) -> None:
        super().__init__()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Manager"))
        self.report = ReportTab(runner, ask_path)
        self.conflicts = ConflictsTab(runner)
        self.audit = AuditTab(runner, ask_path)
        self.tabs.addTab(self.report, tr("Today's redemptions"))
        self.tabs.addTab(self.conflicts, tr("Conflicts"))
        self.returns = ReturnsTab(runner, ask_path)
        self.tabs.addTab(self.returns, tr("Returns"))
        self.tabs.addTab(self.audit, tr("Audit log"))
        self.analytics = AnalyticsTab(runner, ask_path)
        self.tabs.addTab(self.analytics, tr("Analytics"))
        self.tabs.currentChanged.connect(self._shown)
        back = QPushButton(tr("Back  (Esc)"))
        back.clicked.connect(self.back_requested)
        settings = QPushButton(tr("Settings  (Ctrl+Shift+S)"))
        settings.setAccessibleName(tr("Settings"))
        settings.clicked.connect(self.settings_requested)
        row = QHBoxLayout()
        row.addWidget(settings)
        row.addStretch(1)
        row.addWidget(back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 8)  # fits a 1024x680 window with the report full
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)

    def open(self, tab: str = "report") -> None:
        self.tabs.setCurrentWidget(
            {
                "report": self.report,
                "conflicts": self.conflicts,
                "returns": self.returns,
                "audit": self.audit,
                "analytics": self.analytics,
            }[tab]
        )
        self.report.load()
        self.conflicts.load()
        self.returns.load()
        self.audit.load()
        self.analytics.prepare()
        self._shown()

    def _shown(self, _: int = 0) -> None:
        """The analytics ask the backend when first looked at, not each time the view opens."""
        tab = self.analytics
        if self.tabs.currentWidget() is tab and tab.data is None and not tab.busy:
            tab.refresh()
