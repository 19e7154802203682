"""What needs a manager: the manager screen, adjusting points, voiding a code, and
resolving a conflict, each with a manager's approval."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from ...domain.models import Outcome
from ...i18n.formats import number, signed
from ...services import staff
from ..changes import Changed
from ..i18n import tr
from ..screens import showing
from ..touch import touch_scrolling
from .base import Flow

if TYPE_CHECKING:
    from ...services import approvals
    from ..main_window import MainWindow
    from ..views.manager import ManagerView


def resolution_words(resolution: str) -> str:
    """What a manager approves, for one way of resolving a conflict."""
    return {
        "retry": tr("sending it again"),
        "accept_loss": tr("accepting the loss"),
        "void_local": tr("voiding the local record"),
    }[resolution]


def _approvals() -> ModuleType:
    """The manager's operations (and the domain's rules under them): loaded at a first
    adjustment, void or resolution, not at start-up (tests/gui/test_gui_startup.py)."""
    from ...services import approvals

    return approvals


def _managers_only(w: MainWindow) -> None:
    w.prompts.info(w, tr("Managers only"), tr("A manager must sign in for this (Switch user, F9)."))


class ManagerFlow(Flow):
    _view: ManagerView | None = None

    @property
    def view(self) -> ManagerView:
        """The manager's screen (`window.manager_view`), built the first time it is wanted:
        its five tabs, their charts and exports are no part of a cashier's start-up. Until
        then nothing of it shows, so nothing of it needs refreshing: `open` loads each tab."""
        if self._view is None:
            from ..views.manager import ManagerView  # its modules load with it

            w = self.window
            view = self._view = ManagerView(w.runner, w.ask_save_path)
            w.stack.addWidget(view)
            touch_scrolling(view)
            w.printing.add_report_button(view.report)
            view.settings_requested.connect(w.settings.open)
            view.back_requested.connect(w.go_lookup)
            view.conflicts.resolve_requested.connect(self.resolve_conflict)
            w.bridge.synced.connect(view.returns.on_synced)
            w.changes.changed.connect(view.conflicts.on_changed)
            w.changes.changed.connect(view.returns.on_changed)
        return self._view

    @property
    def built(self) -> bool:
        """Whether the manager's screen exists yet (nothing else builds it)."""
        return self._view is not None

    def open(self, tab: str) -> None:
        w = self.window
        if w.member is None or not w.member.is_manager:
            _managers_only(w)
            return
        if showing(w, "code"):
            return
        w.stack.setCurrentWidget(w.manager_view)
        w.manager_view.open(tab)

    def show_conflicts(self) -> None:
        if self.window.locked:
            return
        self.open("conflicts")

    def adjust(self) -> None:
        w = self.window
        if w.locked or not showing(w, "customer") or (screen := w.customer.current) is None:
            return
        session = w.session.number
        answer = w.prompts.adjust(w, screen.view.customer.name)
        if answer is None or not w.still(session):
            return
        customer_id, operator = screen.view.customer.id, w.operator

        def adjusted(result: approvals.QueuedResult) -> None:
            change = tr("{n} point(s).", "", abs(answer.points)).format(n=signed(answer.points))
            after = (
                tr("New balance: {balance}.").format(balance=number(result.balance_after))
                if result.balance_after is not None
                else tr("It reaches the backend when the terminal syncs.")
            )
            w.tell(tr("Points adjusted"), f"{change} {after}")
            w.changes.publish(Changed.of(result))

        def approved(approval: staff.Approval) -> None:
            w.runner.submit(
                lambda t: _approvals().adjust(
                    t,
                    customer_id,
                    answer.points,
                    answer.reason,
                    approval=approval,
                    operator=operator,
                ),
                adjusted,
                lambda error: w.show_error(tr("Points were not adjusted"), error),
            )

        w.approvals.ask(
            "adjust",
            customer_id,
            tr("{n} point(s) for {name} ({reason})", "", abs(answer.points)).format(
                n=signed(answer.points), name=screen.view.customer.name, reason=answer.reason
            ),
            approved,
        )

    def void(self, code: str) -> None:
        w = self.window
        operator = w.operator

        def voided(result: approvals.QueuedResult) -> None:
            w.tell(
                tr("Redemption voided"),
                tr("{code} is void; the points go back to the customer.").format(code=code)
                if result.status is Outcome.CONFIRMED
                else tr(
                    "{code} is void; the points go back to the customer when the terminal syncs."
                ).format(code=code),
            )
            w.changes.publish(Changed.of(result))

        def approved(approval: staff.Approval) -> None:
            w.runner.submit(
                lambda t: _approvals().void(
                    t, code, approval.reason, approval=approval, operator=operator
                ),
                voided,
                lambda error: w.show_error(tr("Not voided"), error),
            )

        what = tr("voiding {code} (the points go back)").format(code=code)
        w.approvals.ask("void", code, what, approved)

    def resolve_conflict(self, entry_id: int, resolution: str) -> None:
        w = self.window
        operator = w.operator
        words = resolution_words(resolution)

        def resolved(result: approvals.Resolved) -> None:
            w.tell(tr("Conflict resolved"), f"#{entry_id}: {result.message}.")
            w.changes.publish(Changed.conflict_resolved())
            w.wake_sync()

        def approved(approval: staff.Approval) -> None:
            w.runner.submit(
                lambda t: _approvals().resolve_conflict(
                    t, entry_id, resolution, approval.reason, approval=approval, operator=operator
                ),
                resolved,
                lambda error: w.show_error(tr("Not resolved"), error),
            )

        w.approvals.ask(
            "resolve_conflict",
            str(entry_id),
            tr("conflict #{id}: {what}").format(id=entry_id, what=words),
            approved,
        )
