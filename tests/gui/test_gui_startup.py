"""What a cashier's start-up does not need is not done at start-up (issue 14): the PDF
library and the manager's screen load when a manager first opens it, and closing the
window ends the sync worker without waiting out its time limit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from support.gui_helpers import MANAGER, MANAGER_PIN, signed_in, window
from support.terminal_helpers import open_terminal

from pos_app.sandbox import SandboxServer

# What the process has loaded when the window was ready and closed (its own sys.modules).
LOADED = """\
import json, runpy, sys
sys.argv = ["pos-app", *sys.argv[1:]]
try:
    runpy.run_module("pos_app", run_name="__main__", alter_sys=True)
except SystemExit as end:
    code = end.code
print("LOADED " + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

# Loaded only by what a cashier's start-up never shows.
NOT_AT_START = (
    "fpdf",
    "fontTools",
    "qrcode",
    "barcode",
    "PIL",
    "pos_app.ui.views.manager",
    "pos_app.render.analytics",
    "pos_app.ui.dialogs.",
)


def test_the_window_starts_without_the_pdf_library_or_the_manager_screen(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "terminal"
    with open_terminal(data_dir, sandbox) as t:
        t.engine.sync_once()  # customers in the cache: the window gets ready on them
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "POS_APP_BACKEND_URL": sandbox.url,
        "LOYALPRO_API_KEY": sandbox.api_key,
        "POS_APP_LOG_DIR": str(tmp_path / "logs"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    done = subprocess.run(
        [sys.executable, "-c", LOADED, "--data-dir", str(data_dir), "--quit-after-ready"],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )
    assert "ready in" in done.stdout, done.stderr
    report = json.loads(done.stdout.rsplit("LOADED ", 1)[1])
    assert report["code"] == 0, done.stderr
    modules: list[str] = report["modules"]
    assert "pos_app.ui.main_window" in modules  # the check looks where it should
    loaded = [m for m in modules if m.startswith(NOT_AT_START)]
    assert loaded == []


def test_the_manager_screen_is_built_when_first_opened(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with signed_in(qtbot, sandbox, tmp_path / "terminal", MANAGER, MANAGER_PIN) as g:
        w = g.window
        assert not w.managing.built
        names = [type(w.stack.widget(i)).__name__ for i in range(w.stack.count())]
        assert "ManagerView" not in names
        w.open_manager("report")
        assert w.managing.built
        assert w.stack.currentWidget() is w.manager_view
        qtbot.waitUntil(lambda: w.manager_view.report.data is not None, timeout=10000)
        w.open_manager("conflicts")  # opened again: the same screen, not a second one
        names = [type(w.stack.widget(i)).__name__ for i in range(w.stack.count())]
        assert names.count("ManagerView") == 1


def test_closing_the_window_stops_a_sleeping_sync_worker(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with window(qtbot, sandbox, tmp_path / "terminal", staff_accounts=False) as g:
        worker = g.window.sync_worker
        assert worker is not None
        synced: list[object] = []
        g.window.bridge.synced.connect(synced.append)
        qtbot.waitUntil(lambda: bool(synced), timeout=15000)  # its first sync is done
        thread = worker._thread
        assert thread.is_alive()  # asleep until its next turn, an hour away
    # The window closed: the worker was woken and ended, its terminal closed; had close()
    # waited out the join's time limit instead, the thread would still be asleep.
    assert not thread.is_alive()
