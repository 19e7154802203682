"""The till's keys: F2 find, F4 check a code, F5 sync, F6 award, F3 return, F7 enrol, F8 manager, F9
switch user, Esc back, Ctrl+P print, Ctrl+1..9 a reward card; and the code screen's own
keys (Ctrl+C copy, Enter done), live only while it shows."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut

from .screens import showing

if TYPE_CHECKING:
    from .main_window import MainWindow


def bind_keys(window: MainWindow) -> list[QShortcut]:
    """Binds the window's keys; returns the code screen's, which it enables only while the
    code screen is showing."""

    def bind(keys: str | QKeySequence.StandardKey, action: Callable[[], None]) -> None:
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda: None if window.locked else action())

    bind("F2", window.go_lookup)
    bind("Ctrl+F", window.go_lookup)
    bind("F4", window.go_verify)
    bind("F5", window.sync_now)
    bind("F6", window.award)
    bind("F3", window.take_return)
    bind("F7", window.enrol)
    bind("Esc", window.escape)
    bind("Ctrl+P", window.print_slip)
    bind("F8", lambda: window.open_manager("report"))
    bind("F9", window.lock)
    for n in range(1, 10):
        bind(f"Ctrl+{n}", functools.partial(window.choose_reward, n - 1))
    # The code screen's keys work wherever the focus is (the status bar's Sync now, a
    # header button...), but only while the code screen is showing: elsewhere Ctrl+C
    # copies text and Enter submits a search as usual.
    code_keys: list[QShortcut] = []
    for keys, action in (
        ("Ctrl+C", lambda: window.code.copy_code()),
        ("Return", lambda: window.code.done.emit()),
        ("Enter", lambda: window.code.done.emit()),
    ):
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(action)
        code_keys.append(shortcut)

    def code_screen_keys(*_: object) -> None:
        on = showing(window, "code")
        for shortcut in code_keys:
            shortcut.setEnabled(on)

    window.stack.currentChanged.connect(code_screen_keys)
    code_screen_keys()
    return code_keys
