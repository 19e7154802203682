"""The customer display's screenshots (`screenshots.py --display [--fr]`): a real counter
flow against the sandbox (a customer opened, a redemption, an award for a sale, a return)
and, at each step, what the display shows, painted at 1024x768 and 1920x1080 into
`14-display-<state>-<width>x<height>[-fr].png`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from pos_app.bootstrap import add_demo_staff
from pos_app.config import DisplaySettings
from pos_app.sandbox import SandboxServer
from pos_app.services.customer_display import State
from pos_app.services.returns import ReturnPlan
from pos_app.ui.answers import AwardAnswer, AwardQuestion, ReturnAnswer, ReturnQuestion, SaleAnswer
from pos_app.ui.customer_display import CustomerDisplayWindow
from pos_app.ui.prompts import Prompts

# The window as the benchmark's screen figures build it: tests/support/counter_window.py.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.counter_window import counter_window

SIZES = (QSize(1024, 768), QSize(1920, 1080))


class Counter(Prompts):
    """The cashier's answers: yes to the redemption, a sale to award, a part to return."""

    def confirm_redeem(self, parent: QWidget, question: object) -> bool:
        return True

    def award(self, parent: QWidget, question: AwardQuestion) -> AwardAnswer | None:
        return AwardAnswer(0, "", False, None, SaleAnswer("ORD-SHOT-1", 12_500, "NGN"))

    def confirm_award(self, parent: QWidget, text: str) -> bool:
        return True

    def take_return(self, parent: QWidget, question: ReturnQuestion) -> ReturnAnswer | None:
        return ReturnAnswer("ORD-SHOT-1", 2_500, "Damaged")

    def confirm_return(self, parent: QWidget, plan: ReturnPlan, currency: str) -> bool:
        return True

    def error(self, parent: QWidget, title: str, message: str) -> None:
        print(f"error shown: {title}: {message}")

    def info(self, parent: QWidget, title: str, message: str) -> None:
        print(f"info shown: {title}: {message}")


def shoot_display(
    app: QApplication,
    server: SandboxServer,
    temp: Path,
    out: Path,
    wait_until: Callable[[QApplication, Callable[[], bool]], None],
    *,
    french: bool,
) -> None:
    suffix = "-fr" if french else ""
    window, worker, _ = counter_window(
        temp / "terminal",
        server.url,
        server.api_key,
        prepare=add_demo_staff,
        prompts=Counter(),
        display=DisplaySettings(screen="1", store_name="Ikeja City Mall"),
    )
    worker.start()
    window.resize(1280, 800)
    window.show()
    feed = window.display

    def shot(name: str) -> None:
        """What the display shows now, painted as a screen of each size shows it."""
        for size in SIZES:
            painter = CustomerDisplayWindow()
            painter.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
            painter.show_screen(feed.core.screen)
            painter.resize(size)
            painter.show()
            for _ in range(10):
                app.processEvents()
            path = out / f"14-display-{name}-{size.width()}x{size.height()}{suffix}.png"
            painter.grab().save(str(path))
            print(f"saved {path}")
            painter.close_for_good()

    wait_until(app, lambda: bool(window.signin.names_box.findChildren(QPushButton)))
    window.signin.choose("Maryam")
    for digit in "2468":
        window.signin.keypad.press(digit)
    window.signin.submit()
    wait_until(app, lambda: window.member is not None)
    wait_until(app, lambda: window.lookup.results.rowCount() > 0)
    shot("idle")
    window.open_customer("cus_abc123")
    wait_until(app, lambda: feed.core.screen.bar is not None)
    shot("customer")
    next(b for b in window.customer.reward_buttons() if b.reward_id == "rwd_drink150").click()
    wait_until(app, lambda: feed.core.state is State.CODE)
    shot("code")
    window.code_done()
    window.open_customer("cus_abc123")
    wait_until(app, lambda: feed.core.state is State.CUSTOMER)
    window.award()
    wait_until(app, lambda: feed.core.state is State.POINTS)
    shot("award")
    window.take_return()
    wait_until(app, lambda: "\N{MINUS SIGN}" in feed.core.screen.text())
    shot("return")
    window.close()
