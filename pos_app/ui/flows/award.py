"""Award points: the amount and reason asked, a preview (balance after, tier change), a
manager's approval past a limit of [award_limits], then the award."""

from __future__ import annotations

from ...domain.models import Outcome
from ...services import points, staff
from ...services.errors import NeedsApproval
from ..changes import Changed
from .base import Flow


def awarded_text(result: points.AwardResult) -> str:
    if result.status is Outcome.CONFIRMED and result.balance_after is not None:
        return f"{result.points:,} points awarded. New balance: {result.balance_after:,}."
    return (
        f"{result.points:,} points awarded offline: they reach the customer's "
        "balance when the terminal syncs."
    )


class AwardFlow(Flow):
    def award(self) -> None:
        w = self.window
        screen = w.customer.current
        if w.locked or w.stack.currentWidget() is not w.customer or screen is None:
            return
        session = w.session.number
        answer = w.prompts.award(w, screen.view.customer.name, w.naira_per_point)
        if answer is None or not w.still(session):
            return
        customer_id, operator = screen.view.customer.id, w.operator

        def done(result: points.AwardResult) -> None:
            w.tell("Points awarded", awarded_text(result))
            w.changes.publish(Changed.of(result))

        def give(approval: staff.Approval | None) -> None:
            w.runner.submit(
                lambda t: points.award(
                    t,
                    customer_id,
                    answer.points,
                    answer.reason or None,
                    bonus=answer.bonus,
                    expires_at=answer.expires_at,
                    operator=operator,
                    approval=approval,
                ),
                done,
                failed if approval is None else refused,
            )

        def refused(error: BaseException) -> None:
            w.show_error("Points were not awarded", error)

        def failed(error: BaseException) -> None:
            # Past a limit of [award_limits]: a manager approves (their PIN), then the same
            # award is given again under the same cashier's name, with the approval.
            if isinstance(error, NeedsApproval) and w.still(session):
                w.approvals.ask("award", customer_id, error.what, give)
            else:
                refused(error)

        def previewed(check: points.AwardCheck) -> None:
            # The points, the balance after and any tier change, before anything is given.
            if not w.still(session):
                return
            if check.limits:
                w.approvals.ask("award", customer_id, check.what, give)
            elif w.prompts.confirm_award(w, check.summary) and w.still(session):
                give(None)

        w.runner.submit(
            lambda t: points.preview_award(t, customer_id, answer.points, operator),
            previewed,
            refused,
        )
