"""Regenerate the README's screenshots of the main screens.

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python packaging/screenshots.py [--dark]
    (or QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py)

It drives the real window against the built-in sandbox (in-process, on loopback), waits
for each screen to show its data, and saves PNGs into resources/screenshots/.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from pos_app.config import load_config
from pos_app.sandbox import SandboxServer
from pos_app.services import Terminal
from pos_app.ui.answers import AwardAnswer, EnrolAnswer, RedeemQuestion
from pos_app.ui.app import (
    add_demo_staff,
    apply_theme,
)
from pos_app.ui.bridge import ServiceRunner, SyncBridge, SyncWorker
from pos_app.ui.main_window import MainWindow
from pos_app.ui.prompts import Prompts

ROOT = Path(__file__).resolve().parents[1]


class Yes(Prompts):
    def confirm_redeem(self, parent: QWidget, question: RedeemQuestion) -> bool:
        return True

    def award(
        self, parent: QWidget, customer_name: str, naira_per_point: int
    ) -> AwardAnswer | None:
        return None

    def enrol(self, parent: QWidget) -> EnrolAnswer | None:
        return None

    def error(self, parent: QWidget, title: str, message: str) -> None:
        print(f"error shown: {title}: {message}")

    def info(self, parent: QWidget, title: str, message: str) -> None:
        print(f"info shown: {title}: {message}")


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get its data in time")
        app.processEvents()
        time.sleep(0.01)  # sleep-ok: a script's event pump, not a test


def main() -> int:
    out = ROOT / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    dark = "--dark" in sys.argv
    apply_theme(app, dark=True if dark else None)
    suffix = "-dark" if dark else ""
    temp = Path(tempfile.mkdtemp(prefix="pos-app-shots-"))
    server = SandboxServer(temp / "sandbox.db").start()
    config = load_config(data_dir=temp / "terminal", backend_url=server.url, env={})
    make = lambda: Terminal(config, api_key=server.api_key)  # noqa: E731
    bridge = SyncBridge()
    worker = SyncWorker(make, bridge)
    first = make()
    add_demo_staff(first)
    terminal_id = first.terminal_id
    first.close()
    window = MainWindow(
        ServiceRunner(make),
        worker,
        bridge,
        terminal_id=terminal_id,
        prompts=Yes(),
        sandbox_outage=lambda on: server.faults.update(outage=on),
        demo_hint="Demo accounts: Chidi (cashier) PIN 1357, Maryam (manager) PIN 2468",
    )
    worker.start()
    sizes = [QSize(1280, 800), QSize(1024, 768)]
    window.resize(sizes[0])
    window.show()

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"{name}{suffix}.png"))
        print(f"saved {out / f'{name}{suffix}.png'}")

    wait_until(app, lambda: bool(window.signin.names_box.findChildren(QPushButton)))
    window.signin.choose("Chidi")
    shot("0-sign-in")
    for digit in "1357":
        window.signin.keypad.press(digit)
    window.signin.submit()
    wait_until(app, lambda: window.member is not None)
    wait_until(app, lambda: window.lookup.results.rowCount() > 0)
    window.lookup.search.setText("ada")
    wait_until(app, lambda: window.lookup.heading.text() == "Customers found")
    shot("1-lookup")
    window.open_customer("cus_abc123")
    wait_until(
        app, lambda: window.customer.current is not None and window.customer.history.rowCount() > 0
    )
    shot("2-customer")
    window.redeem("rwd_xyz789")
    wait_until(app, lambda: window.stack.currentWidget() is window.code)
    shot("3-code-confirmed")
    window.code_done()
    assert window.status.outage is not None
    window.status.outage.setChecked(True)  # the sandbox's "pull the cable" switch
    window.open_customer("cus_abc123")
    wait_until(
        app,
        lambda: (
            window.customer.current is not None
            and window.customer.current.view.customer.id == "cus_abc123"
        ),
    )
    window.redeem("rwd_drink150")
    wait_until(app, lambda: window.stack.currentWidget() is window.code, timeout=30)
    worker.sync_now()
    wait_until(app, lambda: window.status.state == "offline", timeout=30)
    shot("4-code-offline")
    window.code_done()
    window.resize(sizes[1])
    window.open_customer("cus_abc123")
    wait_until(
        app, lambda: window.customer.current is not None and window.customer.history.rowCount() > 0
    )
    shot("5-customer-1024-offline")
    window.status.outage.setChecked(False)
    window.go_verify()
    window.verify.input.setText(window.code.result.code if window.code.result else "")
    window.verify.check()
    wait_until(app, lambda: window.verify.verdict.isVisible(), timeout=30)
    shot("6-verify")
    window.lock()
    window.signin.choose("Maryam")
    for digit in "2468":
        window.signin.keypad.press(digit)
    window.signin.submit()
    wait_until(app, lambda: window.member is not None)
    window.resize(sizes[0])
    window.open_manager("report")
    wait_until(app, lambda: window.manager_view.report.data is not None)
    shot("7-manager-report")
    window.close()
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
