"""The manager's screen (screen.py) and its tabs: the day's report, the conflicts, the
audit log."""

from .chart import HourChart
from .screen import ManagerView

__all__ = ["HourChart", "ManagerView"]
