"""What every flow holds: the window it works in (its screens, runner, prompts, session)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..main_window import MainWindow


class Flow:
    def __init__(self, window: MainWindow) -> None:
        # The window is read at each step, never copied: a test (or a new prompts object)
        # may replace window.prompts, and the session changes at every sign-in.
        self.window = window
