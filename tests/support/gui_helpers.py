"""What the GUI tests share: a window against the real sandbox, its scripted prompts, and
the steps every flow starts with (sign in, wait for the first sync, open a customer)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from pos_app.config import DisplaySettings, load_config
from pos_app.domain.models import PerPointRule
from pos_app.domain.pay_with_points import Quote
from pos_app.domain.returns import ReturnFigures
from pos_app.sandbox import SandboxServer
from pos_app.services import Terminal, redeem, staff
from pos_app.services.redeem import RedeemResult
from pos_app.services.returns import ReturnPlan
from pos_app.ui.answers import (
    AdjustAnswer,
    ApprovalAnswer,
    AwardAnswer,
    AwardQuestion,
    EnrolAnswer,
    EnrolQuestion,
    PayPointsQuestion,
    RedeemQuestion,
    ReturnAnswer,
    ReturnQuestion,
)
from pos_app.ui.bridge import ServiceRunner, SyncBridge, SyncWorker
from pos_app.ui.dialogs import (
    AdjustDialog,
    ApprovalDialog,
    AwardDialog,
    ConfirmRedeemDialog,
    EnrolDialog,
    ReturnConfirmDialog,
    ReturnDialog,
    SetupDialog,
)
from pos_app.ui.dialogs.pay_points import PayPointsDialog, quote_for
from pos_app.ui.dialogs.settings import CheckLine, SettingsDialog, SettingsState
from pos_app.ui.i18n import tr
from pos_app.ui.main_window import MainWindow
from pos_app.ui.prompts import PromptsProtocol
from pos_app.ui.views.signin import SignInView
from support.terminal_helpers import CHEAP_PINS, backend, key

ADA = "cus_abc123"


@dataclass
class ScriptedPrompts(PromptsProtocol):
    """Answers the window's questions from a script, and records what it was shown."""

    confirm: bool = True
    award_answer: AwardAnswer | None = None
    award_questions: list[AwardQuestion] = field(default_factory=list)
    return_answers: list[ReturnAnswer | None] = field(default_factory=list)  # first, in turn
    returns_asked: list[ReturnQuestion] = field(default_factory=list)
    returns_confirmed: list[ReturnPlan] = field(default_factory=list)
    enrol_answer: EnrolAnswer | None = None
    enrol_answers: list[EnrolAnswer | None] = field(default_factory=list)  # first, in turn
    enrols_asked: list[EnrolQuestion] = field(default_factory=list)
    approval: ApprovalAnswer | None = None
    approval_again: ApprovalAnswer | None = None  # after a wrong PIN: None, they give up
    approvals_again: list[tuple[ApprovalAnswer, tuple[str, str]]] = field(default_factory=list)
    adjust_answer: AdjustAnswer | None = None
    override: bool = False
    pay_points_answer: int | None = None  # typed for pay with points; None: cancel
    pay_points_by_amount: bool = False  # the answer is the amount to cover, not points
    pay_points_asked: list[tuple[str, int, int, int]] = field(default_factory=list)
    pay_points_questions: list[PayPointsQuestion] = field(default_factory=list)
    save_to: str | None = None
    asked: list[RedeemQuestion] = field(default_factory=list)
    approvals_asked: list[str] = field(default_factory=list)
    awards_confirmed: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    infos: list[tuple[str, str]] = field(default_factory=list)

    def confirm_redeem(self, parent: QWidget, question: RedeemQuestion) -> bool:
        self.asked.append(question)
        return self.confirm

    def award(self, parent: QWidget, question: AwardQuestion) -> AwardAnswer | None:
        self.award_questions.append(question)
        return self.award_answer

    def take_return(self, parent: QWidget, question: ReturnQuestion) -> ReturnAnswer | None:
        self.returns_asked.append(question)
        return self.return_answers.pop(0) if self.return_answers else None

    def confirm_return(self, parent: QWidget, plan: ReturnPlan, currency: str) -> bool:
        self.returns_confirmed.append(plan)
        return self.confirm

    def pay_points(self, parent: QWidget, question: PayPointsQuestion) -> Quote | None:
        """As the real dialog: what is typed, snapped and kept within the limits."""
        q = question
        self.pay_points_asked.append((q.title, q.low, q.high, q.step))
        self.pay_points_questions.append(q)
        if self.pay_points_answer is None:
            return None
        found = quote_for(q, self.pay_points_answer, self.pay_points_by_amount)
        return found if isinstance(found, Quote) else None

    def confirm_award(self, parent: QWidget, text: str) -> bool:
        self.awards_confirmed.append(text)
        return self.confirm

    def enrol(self, parent: QWidget, question: EnrolQuestion) -> EnrolAnswer | None:
        self.enrols_asked.append(question)
        return self.enrol_answers.pop(0) if self.enrol_answers else self.enrol_answer

    def error(self, parent: QWidget, title: str, message: str) -> None:
        self.errors.append((title, message))

    def approve(
        self,
        parent: QWidget,
        what: str,
        managers: list[str],
        *,
        typed: ApprovalAnswer | None = None,
        problem: tuple[str, str] = ("", ""),
    ) -> ApprovalAnswer | None:
        self.approvals_asked.append(what)
        if typed is not None:  # asked again after a refusal: as typed, the problem shown
            self.approvals_again.append((typed, problem))
            return self.approval_again
        return self.approval

    def adjust(self, parent: QWidget, customer_name: str) -> AdjustAnswer | None:
        return self.adjust_answer

    def offer_override(self, parent: QWidget, message: str) -> bool:
        self.errors.append(("offered override", message))
        return self.override

    def save_path(self, parent: QWidget, suggested: str, fmt: str) -> str | None:
        return self.save_to

    def print_slip(
        self, parent: QWidget, result: RedeemResult, terminal_id: str, when: datetime
    ) -> bool:
        """Instead of a printer: the same slip painting, into a PDF file."""
        from pos_app.ui.printing import save_slip_pdf

        if self.save_to is None:
            return False
        save_slip_pdf(Path(self.save_to), result, terminal_id, when)
        return True

    def info(self, parent: QWidget, title: str, message: str) -> None:
        self.infos.append((title, message))


@dataclass
class Gui:
    window: MainWindow
    prompts: ScriptedPrompts
    sandbox: SandboxServer
    make_terminal: Any


MANAGER, MANAGER_PIN = "Maryam", "2468"
CASHIER, CASHIER_PIN = "Chidi", "1357"


def open_window(
    qtbot: Any,
    sandbox: SandboxServer,
    data_dir: Path,
    *,
    staff_accounts: bool = True,
    lock_after_ms: int = 60_000,
    outage_switch: bool = False,
    prompts: ScriptedPrompts | None = None,
    kiosk: bool = False,
    display: DisplaySettings | None = None,
) -> Gui:
    config = load_config(data_dir=data_dir, backend_url=sandbox.url, env={})

    push_lock = threading.Lock()  # as the app makes one for its workers

    def make() -> Terminal:
        return Terminal(config, api_key=sandbox.api_key, pin_cost=CHEAP_PINS, push_lock=push_lock)

    with make() as first:
        terminal_id = first.terminal_id
        if staff_accounts and not staff.has_staff(first):
            staff.add_staff(first, MANAGER, "manager", MANAGER_PIN, actor="test")
            staff.add_staff(
                first,
                CASHIER,
                "cashier",
                CASHIER_PIN,
                actor="test",
                manager=staff.Credentials(MANAGER, MANAGER_PIN),
            )
    prompts = ScriptedPrompts() if prompts is None else prompts
    bridge = SyncBridge()
    worker = SyncWorker(make, bridge, pull_every=3600)
    window = MainWindow(
        ServiceRunner(make),
        worker,
        bridge,
        terminal_id=terminal_id,
        prompts=prompts,
        earn=config.earn,
        lock_after_ms=lock_after_ms,
        sandbox_outage=(lambda on: sandbox.faults.update(outage=on)) if outage_switch else None,
        kiosk=kiosk,
        display=display,
    )
    qtbot.addWidget(window)
    worker.start()
    window.resize(1280, 800)
    if kiosk:
        window.kiosk.enter()  # as ui/app.py shows it: full screen, no title bar
    else:
        window.show()
    return Gui(window, prompts, sandbox, make)


@contextmanager
def window(qtbot: Any, sandbox: SandboxServer, data_dir: Path, **options: Any) -> Iterator[Gui]:
    """`open_window` (the same options), closed when the block ends, however it ends."""
    g = open_window(qtbot, sandbox, data_dir, **options)
    try:
        yield g
    finally:
        g.window.kiosk.allow_close()  # a kiosk-mode window too
        g.window.close()


@contextmanager
def signed_in(
    qtbot: Any,
    sandbox: SandboxServer,
    data_dir: Path,
    name: str = CASHIER,
    pin: str = CASHIER_PIN,
    *,
    synced: bool = True,
    **options: Any,
) -> Iterator[Gui]:
    """A window with `name` signed in and (unless `synced` is False) the first sync done."""
    with window(qtbot, sandbox, data_dir, **options) as g:
        (ready if synced else sign_in)(qtbot, g, name, pin)
        yield g


def wait_synced(qtbot: Any, g: Gui) -> None:
    """The first sync finished (the whole cache is here) and customers are on screen."""
    qtbot.waitUntil(
        lambda: (
            g.window.status.last_sync.text() != tr("Last sync: never")
            and g.window.lookup.results.rowCount() > 0
        ),
        timeout=15000,
    )


def names_shown(qtbot: Any, g: Gui, name: str = "", timeout: int = 5000) -> SignInView:
    """The sign-in screen, once it lists the staff's names (one starting with `name`)."""
    view = g.window.signin
    qtbot.waitUntil(
        lambda: any(b.text().startswith(name) for b in view.names_box.findChildren(QPushButton)),
        timeout=timeout,
    )
    return view


def press_pin(view: SignInView, pin: str) -> None:
    """Types `pin` on the sign-in keypad and presses Sign in."""
    for digit in pin:
        view.keypad.press(digit)
    view.submit()


def first_run_form(qtbot: Any, g: Gui, name: str, pin: str, again: str) -> SignInView:
    """No accounts yet: the first manager's name, PIN and PIN again, typed (not sent)."""
    view = g.window.signin
    qtbot.waitUntil(lambda: view.first_run and view.new_name.isVisible())
    view.new_name.setText(name)
    view.pin.setText(pin)
    view.pin_again.setText(again)
    return view


def sign_in(qtbot: Any, g: Gui, name: str, pin: str) -> None:
    view = names_shown(qtbot, g, name)
    view.choose(name)
    press_pin(view, pin)
    qtbot.waitUntil(
        lambda: g.window.member is not None and g.window.member.name == name, timeout=10000
    )


def ready(qtbot: Any, g: Gui, name: str, pin: str) -> None:
    """`name` signs in and the first sync is done."""
    sign_in(qtbot, g, name, pin)
    wait_synced(qtbot, g)


def open_ada(qtbot: Any, g: Gui) -> None:
    g.window.open_customer(ADA)
    qtbot.waitUntil(
        lambda: (
            g.window.customer.current is not None
            and g.window.customer.current.view.customer.id == ADA
            and g.window.customer.current.view.source == "backend"
        ),
        timeout=10000,
    )


def button_for(g: Gui, reward_id: str) -> Any:
    return next(b for b in g.window.customer.reward_buttons() if b.reward_id == reward_id)


def open_a_points_conflict(qtbot: Any, g: Gui, **redeem_options: Any) -> Any:
    """Ada redeems offline while the backend spends her points elsewhere; the next sync
    finds the conflict and the status bar's button opens it. Returns the conflicts tab,
    showing that one row."""
    with g.make_terminal() as t:
        g.sandbox.faults.update(outage=True)
        redeem.redeem(t, ADA, "rwd_xyz789", **redeem_options)
        g.sandbox.faults.update(outage=False)
        with backend(g.sandbox) as c:
            c.redeem_points(
                customer_id=ADA, reward_id="rwd_off2500", points=450, idempotency_key=key()
            )
    g.window.sync_now()
    qtbot.waitUntil(lambda: g.window.status.conflicts.isVisibleTo(g.window), timeout=15000)
    g.window.status.conflicts.click()
    tab = g.window.manager_view.conflicts
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10000)
    return tab


def accept_the_loss(qtbot: Any, g: Gui, tab: Any, reason: str) -> None:
    """The manager writes off the conflict on the tab's first row, approving it with
    `reason`, and it leaves the tab."""
    g.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, reason)
    tab.resolve_requested.emit(tab.rows[0].entry.id, "accept_loss")
    qtbot.waitUntil(lambda: tab.table.rowCount() == 0, timeout=10000)


_FIGURES = ReturnFigures("ORD-20261126-0001", ADA, 12_500, "NGN", 125, 2_500, 25, 2_500, 25)


#: The settings screen as a store's IT person finds it: a few keys set, two earn rates.
SETTINGS_STATE = SettingsState(
    {
        "backend_url": "https://loyalty.example",
        "store_id": "lagos-ikeja-01",
        "lock_after_minutes": 2.0,
        "earn.NGN.points": 1,
        "earn.NGN.per": 100,
        "earn.GHS.per": 1,
        "earn.tiers.tier_gold": 1.5,
    },
    "set in keyring",
    "/home/till/.local/share/pos-app/config.toml",
)
CHECKED = [
    CheckLine("pass", "backend", "https://loyalty.example answered in 84 ms (API v1.1)"),
    CheckLine(
        "fail",
        "clock",
        "this computer's clock is 14 minutes behind the backend's",
        "set the clock (turn on network time) and restart pos-app",
    ),
    CheckLine("warn", "keyring", "no usable keyring backend", "set LOYALPRO_API_KEY instead"),
    CheckLine("pass", "disk", "41.2 GB free in the data folder's disk"),
]


def _settings(parent: QWidget, *, problem: bool = False, checked: bool = False) -> QDialog:
    dialog = SettingsDialog(parent, SETTINGS_STATE)
    if problem:
        made = next(f for f in dialog.fields if f.key == "lock_after_minutes")
        made.editor.setText("ten")
        dialog.tabs.setCurrentIndex(1)
    if checked:
        dialog.show_checks(CHECKED)
        dialog.tabs.setCurrentWidget(dialog.check_page)
    return dialog


def _bonus(dialog: AwardDialog) -> AwardDialog:
    dialog.by_points.setChecked(True)
    return dialog


def every_dialog(
    parent: QWidget, question: RedeemQuestion, approval: str, managers: list[str]
) -> list[tuple[str, Callable[[], QDialog]]]:
    """Each of the window's dialogs, by name, made on demand: the redemption `question`,
    and a manager's `approval` of something with `managers` to choose from."""
    return [
        ("confirm redemption", lambda: ConfirmRedeemDialog(parent, question)),
        ("award", lambda: AwardDialog(parent, AwardQuestion("Ada Obi"))),
        ("award, a bonus", lambda: _bonus(AwardDialog(parent, AwardQuestion("Ada Obi")))),
        ("return", lambda: ReturnDialog(parent, ReturnQuestion("Ada Obi"))),
        (
            "return, refused",
            lambda: ReturnDialog(
                parent,
                ReturnQuestion(
                    "Ada Obi",
                    typed=ReturnAnswer("ORD-20261126-0001", 999999, ""),
                    problems={
                        "amount": "Order ORD-20261126-0001: returns would add up to "
                        "₦999,999, more than the sale of ₦12,500. Nothing "
                        "was taken back."
                    },
                ),
            ),
        ),
        ("return figures", lambda: ReturnConfirmDialog(parent, "ORD-1", 2500, _FIGURES)),
        ("return, elsewhere", lambda: ReturnConfirmDialog(parent, "ORD-1", 2500, None)),
        ("enrol", lambda: EnrolDialog(parent)),
        ("adjust", lambda: AdjustDialog(parent, "Ada Obi")),
        ("approval", lambda: ApprovalDialog(parent, approval, managers)),
        ("setup", lambda: SetupDialog()),
        ("pay with points", lambda: PayPointsDialog(parent, PAY_POINTS_OFFLINE)),
        ("settings", lambda: _settings(parent)),
        ("settings, a problem", lambda: _settings(parent, problem=True)),
        ("settings, checked", lambda: _settings(parent, checked=True)),
    ]


#: A pay-with-points prompt as offline at the counter: the demo's rule, a balance, a cap.
PAY_POINTS_OFFLINE = PayPointsQuestion(
    "Pay with points: ₦5 a point", PerPointRule(5, 100, 10000, 10), "NGN", 2450, 100, 500, 500
)
