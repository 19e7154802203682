"""What a cashier's start-up does not need is not done at start-up (issue 14): the PDF
library and the manager's screen load when a manager first opens it; the sync engine, the
API client and httpx when the sync worker first runs, after the window is ready; the
phone library, the slips' layout and the dialogs' answers when first used; and closing
the window ends the sync worker without waiting out its time limit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from support.gui_helpers import CASHIER, MANAGER, MANAGER_PIN, open_ada, signed_in, window
from support.terminal_helpers import open_terminal

from pos_app.sandbox import SandboxServer

# What the process has loaded when the window was ready and closed (its own sys.modules),
# and when it said `ready in N ms` (pos_app/started.py is asked then, and only then).
LOADED = """\
import json, runpy, sys
import pos_app.started as started
at_ready = []
real = started.ms_since_start
def ready_now():
    at_ready.append(sorted(sys.modules))
    return real()
started.ms_since_start = ready_now
import pos_app.ui.bridge as bridge
syncs = []
real_start = bridge.SyncWorker.start
def start(worker):
    syncs.append(len(at_ready))
    real_start(worker)
bridge.SyncWorker.start = start
sys.argv = ["pos-app", *sys.argv[1:]]
try:
    runpy.run_module("pos_app", run_name="__main__", alter_sys=True)
except SystemExit as end:
    code = end.code
report = {"code": code, "modules": sorted(sys.modules), "at_ready": at_ready[:1],
          "syncs": syncs}
print("LOADED " + json.dumps(report))
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

# Loaded on first use, after the window is ready: the sync engine (by the sync worker, on
# its own thread, once the first screen has its answers), the API client and the HTTP
# library under it; the API's models and the services that need them (a first
# redemption, award, return, enrolment, code check or the settings: their flows are
# built then), the slips' layout (a first slip), the dialogs' answers (a first
# question), the customer display's window (a chosen screen).
NOT_AT_READY = (
    "httpx",
    "httpcore",
    "h11",
    "pos_app.sync.engine",
    "pos_app.api.client",
    "pos_app.api.channel",
    "pos_app.api.models",
    "pos_app.services.redeem",
    "pos_app.services.points",
    "pos_app.services.returns",
    "pos_app.services.codes",
    "pos_app.ui.flows.award",
    "pos_app.ui.flows.enrol",
    "pos_app.ui.flows.returns",
    "pos_app.ui.flows.settings",
    "pos_app.services.config_changes",
    "pos_app.render.escpos_slip",
    "pos_app.ui.answers",
    "pos_app.ui.customer_display",
    "pos_app.ui.views.customer",  # the customer's, code and checkout screens: when first shown
    "pos_app.ui.views.code",
    "pos_app.ui.views.verify",
    "pos_app.services.approvals",  # a manager's adjustment, void or resolution
    "pos_app.domain.operations",
    "pos_app.services.printing",  # a first slip on the receipt printer
    "pos_app.services.pay_points",  # a first redemption
    "pos_app.services.describe",
    "pos_app.services.manager_actions",  # a first kiosk or manager's action
    "pos_app.services.customer_display",  # a first customer on the customer display
)


def test_the_window_starts_without_the_pdf_library_or_the_manager_screen(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "terminal"
    with open_terminal(data_dir, sandbox) as t:
        t.engine.sync_once()  # customers in the cache: the window gets ready on them
    report = _started(data_dir, sandbox, tmp_path)
    modules: list[str] = report["modules"]
    assert "pos_app.ui.main_window" in modules  # the check looks where it should
    loaded = [m for m in modules if m.startswith(NOT_AT_START)]
    assert loaded == []


def test_the_window_is_ready_before_the_sync_engine_and_httpx_load(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "terminal"
    with open_terminal(data_dir, sandbox) as t:
        t.engine.sync_once()
    report = _started(data_dir, sandbox, tmp_path)
    [at_ready] = report["at_ready"]
    assert "pos_app.ui.main_window" in at_ready and "pos_app.ui.bridge" in at_ready
    early = [m for m in at_ready if m in NOT_AT_READY or m.startswith(("httpx.", "httpcore."))]
    assert early == []
    # --quit-after-ready closes at the first customer data, which is when the sync would
    # start: it starts none (the close waited for the worker's first import of the engine).
    assert report["syncs"] == []
    assert "pos_app.sync.engine" not in report["modules"]


def _started(data_dir: Path, sandbox: SandboxServer, tmp_path: Path) -> dict[str, Any]:
    """`pos-app --data-dir D --quit-after-ready` in a fresh process: what it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED, "--data-dir", str(data_dir), "--quit-after-ready"],
        capture_output=True,
        text=True,
        timeout=90,
        env=_child_env(sandbox, tmp_path),
    )
    assert "ready in" in done.stdout, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.rsplit("LOADED ", 1)[1])
    assert report["code"] == 0, done.stderr
    return report


def _child_env(sandbox: SandboxServer, tmp_path: Path) -> dict[str, str]:
    """A child terminal of this sandbox: its key from the environment, no OS keyring."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "POS_APP_BACKEND_URL": sandbox.url,
        "LOYALPRO_API_KEY": sandbox.api_key,
        "POS_APP_LOG_DIR": str(tmp_path / "logs"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }


# A sync worker in a fresh process: the engine loads on its thread once it runs.
WORKER = """\
import json, sys
from pathlib import Path
from pos_app import bootstrap
from pos_app.ui.bridge import SyncBridge, SyncWorker
start = bootstrap.configured(data_dir=sys.argv[1], backend=None, terminal_id=None)
before = "pos_app.sync.engine" in sys.modules
worker = SyncWorker(start.terminal, SyncBridge())
worker.start()
while worker._engine is None and worker._thread.is_alive():
    worker._thread.join(0.01)
on_thread = worker._engine is not None
worker.stop()
print("WORKER " + json.dumps({"before": before, "ran": on_thread,
                               "after": "pos_app.sync.engine" in sys.modules}))
"""


def test_the_sync_worker_loads_the_engine_on_its_own_thread(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "terminal"
    with open_terminal(data_dir, sandbox):
        pass
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=90,
        env=_child_env(sandbox, tmp_path),
    )
    assert "WORKER " in done.stdout, done.stderr
    report = json.loads(done.stdout.rsplit("WORKER ", 1)[1])
    assert report == {"before": False, "ran": True, "after": True}


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


def test_the_customer_code_and_checkout_screens_are_built_when_first_shown(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with signed_in(qtbot, sandbox, tmp_path / "terminal") as g:
        w = g.window

        def screens() -> list[str]:
            return [type(w.stack.widget(i)).__name__ for i in range(w.stack.count())]

        later = {"CustomerView", "CodeView", "VerifyView"}
        assert later.isdisjoint(screens())
        assert {"customer", "code", "verify"}.isdisjoint(vars(w))
        w.take_scan("ZZZ-NOTHING")  # a scan, Ctrl+P, a sync: none builds a screen
        w.print_slip()
        w.redeeming.recheck()
        assert later.isdisjoint(screens())
        w.go_verify()
        assert w.stack.currentWidget() is w.verify
        assert w.verify.operator == CASHIER  # signed in before it was built
        open_ada(qtbot, g)
        assert w.stack.currentWidget() is w.customer
        assert "CodeView" not in screens()
        w.go_verify()
        open_ada(qtbot, g)  # shown again: the same screens, not second ones
        assert screens().count("CustomerView") == 1 and screens().count("VerifyView") == 1


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
