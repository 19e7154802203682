"""Regenerate the README's screenshots of the main screens, at 1024x768, 1366x768 and
1920x1080, in the light theme or (with --dark) the dark one.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py [--dark]
    (or xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python packaging/screenshots.py)

With --kiosk (under xvfb, once per screen size: the screen is the window) it shows kiosk
mode instead: the whole screen with the Till menu open, a refused close, the manager's
approval over it: `12-kiosk-*-<width>x<height>.png`. With --display [--fr] it shows the
customer display in each state instead (packaging/display_screenshots.py). With --lang fr
the terminal speaks French as `pos-app` installs it (ui/language.py: its words, Qt's, the
core's; numbers and dates for Côte d'Ivoire; the sandbox's money stays NGN, as it sends)
and each file is `<n>-<screen>-<width>x<height>-fr.png`.

It drives the real window against the built-in sandbox (in-process, on loopback), waits
for each screen to show its data, and saves `<n>-<screen>-<width>x<height>[-dark].png`
into resources/screenshots/, each with the type and cards scaled as on that screen.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

from pos_app.api import LoyaltyClient
from pos_app.bootstrap import DEMO_STAFF, add_demo_staff
from pos_app.config import load_config
from pos_app.domain.pay_with_points import allowed, card_title
from pos_app.domain.progress import Label
from pos_app.sandbox import SandboxServer
from pos_app.services import Terminal, returns, sales
from pos_app.ui.answers import (
    AwardAnswer,
    AwardQuestion,
    EnrolAnswer,
    PayPointsQuestion,
    RedeemQuestion,
    ReturnQuestion,
)
from pos_app.ui.bridge import ServiceRunner, SyncBridge, SyncWorker
from pos_app.ui.dialogs import AwardDialog, ReturnConfirmDialog, ReturnDialog
from pos_app.ui.dialogs.pay_points import PayPointsDialog
from pos_app.ui.i18n import role_name, tr
from pos_app.ui.language import install
from pos_app.ui.main_window import MainWindow
from pos_app.ui.prompts import Prompts
from pos_app.ui.theme import apply_theme, ui_scale
from pos_app.ui.views.history import label_words

ROOT = Path(__file__).resolve().parents[1]


class Yes(Prompts):
    def confirm_redeem(self, parent: QWidget, question: RedeemQuestion) -> bool:
        return True

    def award(self, parent: QWidget, question: AwardQuestion) -> AwardAnswer | None:
        return None

    def enrol(self, parent: QWidget) -> EnrolAnswer | None:
        return None

    def error(self, parent: QWidget, title: str, message: str) -> None:
        print(f"error shown: {title}: {message}")

    def info(self, parent: QWidget, title: str, message: str) -> None:
        print(f"info shown: {title}: {message}")


def key() -> str:
    return str(uuid.uuid4())


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get its data in time")
        app.processEvents()
        time.sleep(0.01)  # sleep-ok: a script's event pump, not a test


SIZES = (QSize(1024, 768), QSize(1366, 768), QSize(1920, 1080))


def main() -> int:
    out = ROOT / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    dark = "--dark" in sys.argv
    french = "--fr" in sys.argv or language_asked() == "fr"
    install(app, "fr" if french else "en", "CI" if french else "NG")
    apply_theme(app, dark=dark, scale=1.0)
    temp = Path(tempfile.mkdtemp(prefix="pos-app-shots-"))
    server = SandboxServer(temp / "sandbox.db").start()
    try:
        if "--kiosk" in sys.argv:
            shoot_kiosk(app, server, temp, out)
            return 0
        if "--display" in sys.argv:  # the customer display: display_screenshots.py
            from display_screenshots import shoot_display

            shoot_display(app, server, temp, out, wait_until, french=french)
            return 0
        shoot_all(
            app, server, temp, out, suffix=("-dark" if dark else "") + ("-fr" if french else "")
        )
    finally:
        server.close()
        shutil.rmtree(temp, ignore_errors=True)
    return 0


def language_asked() -> str:
    """`--lang fr` (or `--lang=fr`): the language asked for; "" when none."""
    for n, arg in enumerate(sys.argv):
        if arg == "--lang" and n + 1 < len(sys.argv):
            return sys.argv[n + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return ""


def shoot_all(
    app: QApplication, server: SandboxServer, temp: Path, out: Path, *, suffix: str
) -> None:
    dark = "-dark" in suffix
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
        demo_hint=tr("Demo accounts: {accounts}").format(
            accounts=", ".join(
                tr("{name} ({role}) PIN {pin}").format(name=name, role=role_name(role), pin=pin)
                for name, role, pin in DEMO_STAFF
            )
        ),
    )
    worker.start()
    window.resize(SIZES[1])
    window.show()

    def shot(name: str) -> None:
        """The screen on show, at each size (the type and cards scaled as on that screen):
        `<name>-<width>x<height>[-dark].png`."""
        for size in SIZES:
            apply_theme(app, dark=dark, scale=ui_scale(size))
            window.resize(size)
            wait_until(app, lambda size=size: window.size() == size)
            for _ in range(10):
                app.processEvents()
            path = out / f"{name}-{size.width()}x{size.height()}{suffix}.png"
            window.grab().save(str(path))
            print(f"saved {path}")
        apply_theme(app, dark=dark, scale=1.0)
        window.resize(SIZES[1])

    wait_until(app, lambda: bool(window.signin.names_box.findChildren(QPushButton)))
    window.signin.choose("Chidi")
    shot("0-sign-in")
    for digit in "1357":
        window.signin.keypad.press(digit)
    window.signin.submit()
    wait_until(app, lambda: window.member is not None)
    wait_until(app, lambda: window.lookup.results.rowCount() > 0)
    window.lookup.search.setText("ada")
    wait_until(app, lambda: window.lookup.heading.text() == tr("Customers found"))
    shot("1-lookup")
    with LoyaltyClient(server.url, server.api_key) as client:  # a sale, a bonus, points soon gone
        client.award_points(
            customer_id="cus_abc123", points=100, reason="Purchase", idempotency_key=key(),
            metadata={"order_id": "order_12345", "amount": 10000, "currency": "NGN"},
        )  # fmt: skip
        client.award_points(
            customer_id="cus_abc123", points=50, reason="Birthday", type="bonus",
            expires_at=datetime.now(UTC) + timedelta(days=12, hours=6), idempotency_key=key(),
        )  # fmt: skip
    window.open_customer("cus_abc123")
    wait_until(
        app,
        lambda: (
            window.customer.current is not None
            and window.customer.history.rowCount() > 0
            and window.customer.standing.words.text() != ""
        ),
    )
    shot("2-customer")
    window.customer.history_filter.choose(Label.SALE)
    wait_until(app, lambda: window.customer.history_note.text() == "" and (
        window.customer.history.item(0, 1) is not None
        and window.customer.history.item(0, 1).text().lower().startswith(label_words(Label.SALE))
    ))  # fmt: skip
    shot("2-customer-history-sales")
    window.customer.history_filter.choose(None)
    screen = window.customer.current
    reward = next(o.reward for o in screen.options if o.reward.per_point is not None)
    rule = reward.per_point
    assert rule is not None
    balance = screen.view.projected_balance
    bounds = allowed(rule, balance)
    assert isinstance(bounds, tuple)
    question = PayPointsQuestion(
        card_title(reward.name, rule, "NGN"), rule, "NGN", balance, *bounds
    )
    shot_dialog(app, PayPointsDialog(window, question), "1234", out / "8-pay-with-points", suffix)
    shoot_sale_and_return(app, window, make, out, suffix)
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
    window.open_customer("cus_abc123")
    wait_until(
        app, lambda: window.customer.current is not None and window.customer.history.rowCount() > 0
    )
    shot("5-customer-offline")
    window.status.outage.setChecked(False)
    window.go_verify()
    window.verify.input.setText(window.code.result.code if window.code.result else "")
    window.verify.check()
    wait_until(app, lambda: window.verify.verdict.isVisible(), timeout=30)
    shot("6-verify")
    window.verify.use()
    wait_until(app, lambda: window.verify.verdict.property("state") == "used", timeout=30)
    window.verify.check()  # the same code again: it was just used
    wait_until(app, lambda: window.verify.stop.isVisible(), timeout=30)
    shot("6-verify-do-not-accept")
    window.lock()
    window.signin.choose("Maryam")
    for digit in "2468":
        window.signin.keypad.press(digit)
    window.signin.submit()
    wait_until(app, lambda: window.member is not None)
    window.open_manager("report")
    wait_until(app, lambda: window.manager_view.report.data is not None)
    shot("7-manager-report")
    window.open_manager("analytics")
    wait_until(app, lambda: window.manager_view.analytics.data is not None)
    shot("11-manager-analytics")
    make_returns(server, make)  # the last one queued: the backend stays out of reach
    window.open_manager("returns")
    wait_until(app, lambda: window.manager_view.returns.table.rowCount() >= 4)
    shot("12-manager-returns")
    server.faults.update(outage=False)
    shoot_settings(app, window, out, suffix)
    window.close()


def shoot_settings(app: QApplication, window: MainWindow, out: Path, suffix: str) -> None:
    """The settings screen a manager opens (Ctrl+Shift+S), its Backend tab with a bad value
    typed, and its check of this terminal: `13-settings-*`, `13-settings-check-*`."""
    for size in SIZES:
        apply_theme(app, dark="dark" in suffix, scale=ui_scale(size))
        window.resize(size)
        wait_until(app, lambda size=size: window.size() == size)
        window.settings.open()
        wait_until(app, lambda: window.settings.dialog is not None)
        dialog = window.settings.dialog
        assert dialog is not None
        wait = next(f for f in dialog.fields if f.key == "online_wait_seconds")
        wait.editor.setText("90")  # type: ignore[union-attr]
        for name in ("13-settings", "13-settings-check"):
            if name.endswith("check"):
                dialog.ask_check()
                wait_until(app, lambda d=dialog: d.check_button.isEnabled(), timeout=30)
            for _ in range(20):
                app.processEvents()
            dialog.move(window.geometry().center() - dialog.rect().center())
            for _ in range(5):
                app.processEvents()
            path = out / f"{name}-{size.width()}x{size.height()}{suffix}.png"
            dialog.grab().save(str(path))
            print(f"saved {path}")
        dialog.reject()
        wait_until(app, lambda: window.settings.dialog is None)
    apply_theme(app, dark="dark" in suffix, scale=1.0)
    window.resize(SIZES[1])


def make_returns(server: SandboxServer, make: Callable[[], Terminal]) -> None:
    """Returns made at this terminal for the Returns tab: two after the points were spent
    (shortfalls), one in part, and one queued (the backend left out of reach)."""
    with LoyaltyClient(server.url, server.api_key) as client:
        people = [c.id for c in client.list_customers(limit=4).data if c.id != "cus_abc123"]
    with make() as t:
        for n, (who, amount, back, spent) in enumerate(
            (
                ("cus_abc123", 12_500, 2_500, False),
                (people[0], 30_000, 30_000, True),
                (people[1], 18_000, 9_000, True),
            )
        ):
            order = f"ORD-20261126-{401 + n:04d}"
            sales.award_sale(t, who, order, amount, operator="Chidi")
            if spent:  # the customer spent the points at another till
                with LoyaltyClient(server.url, server.api_key) as client:
                    left = client.get_customer(who).points_balance
                    client.adjust_points(
                        customer_id=who, points=-(left - 40), reason="Spent", idempotency_key=key()
                    )
            returns.return_sale(t, order, back, operator="Chidi")
        sales.award_sale(t, "cus_abc123", "ORD-20261126-0404", 8_000, operator="Chidi")
        server.faults.update(outage=True)
        returns.return_sale(t, "ORD-20261126-0404", 8_000, operator="Maryam")


def shoot_sale_and_return(
    app: QApplication, window: MainWindow, make: Callable[[], Terminal], out: Path, suffix: str
) -> None:
    """The award dialog with a sale typed (its points shown), the return dialog and the
    figures of a return before confirming: `8-award-sale-*`, `9-return-*`, `9-return-figures-*`."""
    screen = window.customer.current
    assert screen is not None
    c = screen.view.customer
    question = AwardQuestion(c.name, window.earn, c.tier_id, c.tier_name)
    with make() as t:  # a sale awarded before, so the return has figures to show
        sales.award_sale(t, c.id, "ORD-20261126-0042", 12_500, operator="Chidi")
        plan = returns.plan_return(t, "ORD-20261126-0042", 2_500)

    def award() -> QDialog:
        d = AwardDialog(window, question)
        d.order.setText("ORD-20261126-0107")
        d.amount.setText("12500")
        return d

    def give_back() -> QDialog:
        d = ReturnDialog(window, ReturnQuestion(c.name, window.earn.currency))
        d.order.setText("ORD-20261126-0042")
        d.amount.setText("2500")
        return d

    for name, make_dialog in (
        ("8-award-sale", award),
        ("9-return", give_back),
        (
            "9-return-figures",
            lambda: ReturnConfirmDialog(window, plan.order_id, plan.returned_amount, plan.figures),
        ),
    ):
        for size in SIZES:
            apply_theme(app, dark="dark" in suffix, scale=ui_scale(size))
            window.resize(size)
            dialog = make_dialog()
            dialog.show()
            for _ in range(20):
                app.processEvents()
            dialog.move(window.geometry().center() - dialog.rect().center())
            for _ in range(5):
                app.processEvents()
            path = out / f"{name}-{size.width()}x{size.height()}{suffix}.png"
            dialog.grab().save(str(path))
            print(f"saved {path}")
            dialog.reject()
            dialog.deleteLater()
        apply_theme(app, dark="dark" in suffix, scale=1.0)
        window.resize(SIZES[1])


def shoot_kiosk(app: QApplication, server: SandboxServer, temp: Path, out: Path) -> None:
    """Kiosk mode on the whole screen (run under xvfb at each size)."""
    from PySide6.QtGui import QGuiApplication

    from pos_app.ui.dialogs import ApprovalDialog
    from pos_app.ui.kiosk import WHAT

    screen = QGuiApplication.primaryScreen()
    size = screen.size()
    apply_theme(app, scale=ui_scale(size))
    config = load_config(data_dir=temp / "terminal", backend_url=server.url, env={})
    make = lambda: Terminal(config, api_key=server.api_key)  # noqa: E731
    first = make()
    add_demo_staff(first)
    terminal_id = first.terminal_id
    first.close()
    bridge = SyncBridge()
    worker = SyncWorker(make, bridge)
    window = MainWindow(
        ServiceRunner(make), worker, bridge, terminal_id=terminal_id, prompts=Yes(), kiosk=True
    )
    worker.start()
    window.kiosk.enter()
    wait_until(app, window.isFullScreen)

    def shot(name: str) -> None:
        for _ in range(20):
            app.processEvents()
        path = out / f"12-kiosk-{name}-{size.width()}x{size.height()}.png"
        screen.grabWindow(0).save(str(path))
        print(f"saved {path}")

    wait_until(app, lambda: bool(window.signin.names_box.findChildren(QPushButton)))
    window.signin.choose("Maryam")
    for digit in "2468":
        window.signin.keypad.press(digit)
    window.signin.submit()
    wait_until(app, lambda: window.member is not None)
    wait_until(app, lambda: window.lookup.results.rowCount() > 0)
    window.close()  # refused: the message in the notice
    assert window.till_button is not None
    window.kiosk.menu.popup(window.till_button.mapToGlobal(window.till_button.rect().bottomLeft()))
    shot("menu")
    window.kiosk.menu.hide()
    dialog = ApprovalDialog(window, WHAT["leave_kiosk"], ["Maryam"])
    dialog.show()
    shot("approval")
    dialog.reject()
    window.kiosk.allow_close()
    window.close()


def shot_dialog(
    app: QApplication, dialog: PayPointsDialog, typed: str, name: Path, suffix: str
) -> None:
    """A dialog with `typed` in its field, at each size's scale (it opens over the window)."""
    dialog.typed.setText(typed)
    dialog.show()
    for size in SIZES:
        apply_theme(app, dark="dark" in suffix, scale=ui_scale(size))
        dialog.adjustSize()
        for _ in range(10):
            app.processEvents()
        path = Path(f"{name}-{size.width()}x{size.height()}{suffix}.png")
        dialog.grab().save(str(path))
        print(f"saved {path}")
    apply_theme(app, dark="dark" in suffix, scale=1.0)
    dialog.close()


if __name__ == "__main__":
    sys.exit(main())
