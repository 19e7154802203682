"""The cashier's window on a backend, wired as pos_app/ui/app.py wires it (its terminals
share one push lock; the runner and the sync worker make their own): what the benchmark's
screen figures (tests/perf/gui.py) and the customer display's screenshots
(packaging/display_screenshots.py) start from. Built, neither shown nor started."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pos_app.config import load_config
from pos_app.services import Terminal
from pos_app.ui.bridge import ServiceRunner, SyncBridge, SyncWorker
from pos_app.ui.main_window import MainWindow


def counter_window(
    data_dir: Path,
    backend_url: str,
    api_key: str,
    *,
    prepare: Callable[[Terminal], object] | None = None,
    **options: Any,
) -> tuple[MainWindow, SyncWorker, SyncBridge]:
    """A window on `data_dir` (created on first use) talking to `backend_url`. `prepare`
    runs on the first terminal before the window is built (the demo's staff, say);
    `options` are MainWindow's (prompts, require_sign_in, display...)."""
    config = load_config(data_dir=data_dir, backend_url=backend_url, env={})
    push_lock = threading.Lock()

    def make() -> Terminal:
        return Terminal(config, api_key=api_key, push_lock=push_lock)

    with make() as first:
        if prepare is not None:
            prepare(first)
        terminal_id = first.terminal_id
    bridge = SyncBridge()
    worker = SyncWorker(make, bridge)
    window = MainWindow(ServiceRunner(make), worker, bridge, terminal_id=terminal_id, **options)
    return window, worker, bridge
