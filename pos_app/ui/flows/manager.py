"""What needs a manager: the manager screen, adjusting points, voiding a code, and
resolving a conflict, each with a manager's approval."""

from __future__ import annotations

from ...domain.models import Outcome
from ...services import approvals, staff
from ..changes import Changed
from .base import Flow

RESOLUTION_WORDS = {
    "retry": "sending it again",
    "accept_loss": "accepting the loss",
    "void_local": "voiding the local record",
}


class ManagerFlow(Flow):
    def open(self, tab: str) -> None:
        w = self.window
        if w.member is None or not w.member.is_manager:
            w.prompts.info(w, "Managers only", "A manager must sign in for this (Switch user, F9).")
            return
        if w.stack.currentWidget() is w.code:
            return
        w.stack.setCurrentWidget(w.manager_view)
        w.manager_view.open(tab)

    def show_conflicts(self) -> None:
        if self.window.locked:
            return
        self.open("conflicts")

    def adjust(self) -> None:
        w = self.window
        screen = w.customer.current
        if w.locked or screen is None or w.stack.currentWidget() is not w.customer:
            return
        session = w.session.number
        answer = w.prompts.adjust(w, screen.view.customer.name)
        if answer is None or not w.still(session):
            return
        customer_id, operator = screen.view.customer.id, w.operator

        def adjusted(result: approvals.QueuedResult) -> None:
            w.tell(
                "Points adjusted",
                f"{answer.points:+,} points. "
                + (
                    f"New balance: {result.balance_after:,}."
                    if result.balance_after is not None
                    else "It reaches the backend when the terminal syncs."
                ),
            )
            w.changes.publish(Changed.of(result))

        def approved(approval: staff.Approval) -> None:
            w.runner.submit(
                lambda t: approvals.adjust(
                    t,
                    customer_id,
                    answer.points,
                    answer.reason,
                    approval=approval,
                    operator=operator,
                ),
                adjusted,
                lambda error: w.show_error("Points were not adjusted", error),
            )

        w.approvals.ask(
            "adjust",
            customer_id,
            f"{answer.points:+,} points for {screen.view.customer.name} ({answer.reason})",
            approved,
        )

    def void(self, code: str) -> None:
        w = self.window
        operator = w.operator

        def voided(result: approvals.QueuedResult) -> None:
            w.tell(
                "Redemption voided",
                f"{code} is void; the points go back to the customer"
                + ("." if result.status is Outcome.CONFIRMED else " when the terminal syncs."),
            )
            w.changes.publish(Changed.of(result))

        def approved(approval: staff.Approval) -> None:
            w.runner.submit(
                lambda t: approvals.void(
                    t, code, approval.reason, approval=approval, operator=operator
                ),
                voided,
                lambda error: w.show_error("Not voided", error),
            )

        w.approvals.ask("void", code, f"voiding {code} (the points go back)", approved)

    def resolve_conflict(self, entry_id: int, resolution: str) -> None:
        w = self.window
        operator = w.operator
        words = RESOLUTION_WORDS[resolution]

        def resolved(result: approvals.Resolved) -> None:
            w.tell("Conflict resolved", f"#{entry_id}: {result.message}.")
            w.changes.publish(Changed.conflict_resolved())
            w.wake_sync()

        def approved(approval: staff.Approval) -> None:
            w.runner.submit(
                lambda t: approvals.resolve_conflict(
                    t, entry_id, resolution, approval.reason, approval=approval, operator=operator
                ),
                resolved,
                lambda error: w.show_error("Not resolved", error),
            )

        w.approvals.ask(
            "resolve_conflict", str(entry_id), f"conflict #{entry_id}: {words}", approved
        )
