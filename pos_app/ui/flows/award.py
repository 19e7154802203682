"""Award points: a sale (order number and amount: points from [earn]) or a bonus with a
reason; a preview (balance after, tier change), a manager's approval past a limit of
[award_limits], then the award."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ...domain.models import Outcome
from ...i18n.formats import number
from ...services import Terminal, points, sales, staff
from ...services.errors import NeedsApproval
from ..bridge import Lane
from ..changes import Changed
from ..i18n import tr
from ..screens import showing
from .base import Flow

if TYPE_CHECKING:
    from ..answers import AwardAnswer


def awarded_text(result: points.AwardResult) -> str:
    n = result.points
    if result.status is Outcome.CONFIRMED and result.balance_after is not None:
        return tr("{n} point(s) awarded. New balance: {balance}.", "", n).format(
            n=number(n), balance=number(result.balance_after)
        )
    if result.paused:  # queued, not judged: the terminal's setup is wrong (a rotated key)
        return tr(
            "{n} point(s) recorded and kept in the queue, not yet sent: {why} Tell a manager.",
            "",
            n,
        ).format(n=number(n), why=result.paused)
    return tr(
        "{n} point(s) awarded offline: they reach the customer's balance when the terminal syncs.",
        "",
        n,
    ).format(n=number(n))


class AwardFlow(Flow):
    def check_order(self, order: str, answer: Callable[[str, str], None]) -> None:
        """Whether the order already earned on this terminal, off the UI thread."""
        self.window.runner.submit(
            lambda t: sales.awarded_here(t, order),
            lambda note: answer(order, note),
            lambda _: None,
            lane=Lane.LOCAL,
        )

    def award(self) -> None:
        w = self.window
        if w.locked or not showing(w, "customer") or (screen := w.customer.current) is None:
            return
        session = w.session.number
        c = screen.view.customer
        from ..answers import AwardQuestion

        question = AwardQuestion(c.name, w.earn, c.tier_id, c.tier_name, self.check_order)
        answer = w.prompts.award(w, question)
        if answer is None or not w.still(session):
            return
        self._give(session, c.id, answer)

    def _give(self, session: int, customer_id: str, answer: AwardAnswer) -> None:
        w = self.window
        operator = w.operator
        sale = answer.sale

        def done(result: points.AwardResult) -> None:
            w.tell(tr("Points awarded"), awarded_text(result))
            w.changes.publish(Changed.of(result))

        def work(approval: staff.Approval | None) -> Callable[[Terminal], points.AwardResult]:
            if sale is not None:
                return lambda t: sales.award_sale(
                    t,
                    customer_id,
                    sale.order_id,
                    sale.amount,
                    sale.currency,
                    reason=answer.reason or None,
                    operator=operator,
                    approval=approval,
                )
            return lambda t: points.award(
                t,
                customer_id,
                answer.points,
                answer.reason or None,
                bonus=answer.bonus,
                expires_at=answer.expires_at,
                operator=operator,
                approval=approval,
            )

        def give(approval: staff.Approval | None) -> None:
            w.runner.submit(work(approval), done, failed if approval is None else refused)

        def refused(error: BaseException) -> None:
            w.show_error(tr("Points were not awarded"), error)

        def failed(error: BaseException) -> None:
            # Past a limit of [award_limits]: a manager approves (their PIN), then the same
            # award is given again under the same cashier's name, with the approval.
            if isinstance(error, NeedsApproval) and w.still(session):
                w.approvals.ask("award", customer_id, error.what, give)
            else:
                refused(error)

        def previewed(check: points.AwardCheck | sales.SalePreview) -> None:
            # The points, the balance after and any tier change, before anything is given.
            if not w.still(session):
                return
            limits = check.check if isinstance(check, sales.SalePreview) else check
            if limits.limits:
                w.approvals.ask("award", customer_id, limits.what, give)
            elif w.prompts.confirm_award(w, check.summary) and w.still(session):
                give(None)

        if sale is not None:
            w.runner.submit(
                lambda t: sales.preview_sale(
                    t, customer_id, sale.order_id, sale.amount, sale.currency, operator=operator
                ),
                previewed,
                refused,
            )
        else:
            w.runner.submit(
                lambda t: points.preview_award(t, customer_id, answer.points, operator),
                previewed,
                refused,
            )
