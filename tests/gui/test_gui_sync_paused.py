"""The status bar says in plain words that the backend refuses this terminal's key, and
returns to "Online" by itself once the key works again (ISSUE8 #1), with real widgets
(pytest-qt, offscreen) against the real sandbox."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from pos_app.config import load_config
from pos_app.sandbox import SandboxServer
from pos_app.services import Terminal
from pos_app.ui.bridge import ServiceRunner, SyncBridge, SyncWorker
from pos_app.ui.main_window import MainWindow


def test_status_bar_says_the_key_was_refused_and_recovers(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    config = load_config(data_dir=tmp_path / "terminal", backend_url=sandbox.url, env={})

    push_lock = threading.Lock()  # as the app makes one for its workers

    def make() -> Terminal:
        return Terminal(
            config, api_key="sk_test_rotated_away", push_lock=push_lock
        )  # not the backend's key

    with make() as first:
        terminal_id = first.terminal_id
    bridge = SyncBridge()
    worker = SyncWorker(make, bridge, pull_every=3600)
    window = MainWindow(
        ServiceRunner(make), worker, bridge, terminal_id=terminal_id, require_sign_in=False
    )
    qtbot.addWidget(window)
    worker.start()
    window.show()
    status = window.status
    qtbot.waitUntil(lambda: status.state == "misconfigured", timeout=15000)
    assert status.connectivity.text() == "● Sync paused: API key refused"
    tip = status.connectivity.toolTip()
    assert "The loyalty service refused this terminal's key." in tip
    assert "Nothing is lost" in tip
    # On a 1024 px screen "Sync now" stays on the window beside it.
    window.resize(1024, 768)
    qtbot.waitUntil(
        lambda: (
            status.sync_button.isVisible()
            and status.sync_button.geometry().right() <= status.width()
        )
    )

    # The backend's key becomes the terminal's (a rotation completed): no restart needed.
    sandbox.app.api_key = b"sk_test_rotated_away"
    window.sync_now()
    qtbot.waitUntil(lambda: status.state == "online", timeout=15000)
    assert status.connectivity.text() == "● Online"
