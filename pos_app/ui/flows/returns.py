"""Take back a return: the order and the amount returned (ReturnDialog), the figures
(services/returns.plan_return: what the sale earned, what was already taken back, what
this return takes back), a confirmation, then the return, online or queued offline.

Reachable from the customer screen and from anywhere else (F3): without a customer, the
order finds its customer through the local order index."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ...domain.models import Outcome
from ...domain.returns import LocalReturn
from ...i18n.formats import number
from ...services import returns
from ...services.errors import BadInput, Refused
from ..bridge import Lane
from ..changes import Changed
from ..i18n import tr
from ..screens import showing
from .base import Flow

if TYPE_CHECKING:
    from ..answers import ReturnAnswer, ReturnQuestion
    from ..main_window import MainWindow


def not_offered() -> str:
    return tr(
        "Returns need a newer loyalty backend (LoyalPro API v1.1): nothing was taken back. "
        "A manager can take the points back with an adjustment."
    )


def _shortfall(n: int) -> str:
    return tr(
        "{n} point(s) could not be taken back: the customer had already spent them (listed "
        "for the manager).",
        "",
        n,
    ).format(n=number(n))


_AMOUNT_CODES = {"return_exceeds_sale"}
_ORDER_CODES = {"order_not_found", "order_not_returnable", "order_id"}


def returned_text(result: returns.ReturnResult) -> str:
    """The answer in words: what was taken back, the balance, any shortfall plainly."""
    order = result.order_id
    if result.status is not Outcome.CONFIRMED:
        expected = (
            tr("{n} point(s)", "", result.expected).format(n=number(result.expected))
            if result.expected is not None
            else tr("the points")
        )
        if result.paused:  # queued, not judged: the terminal's setup is wrong (a rotated key)
            return tr(
                "Return on order {order} kept in the queue, not yet sent (it takes back "
                "{expected}): {why} Tell a manager."
            ).format(order=order, expected=expected, why=result.paused)
        return tr(
            "Return on order {order} queued offline: it takes back {expected} when the "
            "terminal syncs. Any shortfall is listed for the manager then."
        ).format(order=order, expected=expected)
    taken = result.points_reversed or 0
    parts = [
        tr("Order {order}: {n} point(s) taken back.", "", taken).format(
            order=order, n=number(taken)
        )
    ]
    if result.balance_after is not None:
        parts.append(tr("New balance: {balance}.").format(balance=number(result.balance_after)))
    if result.points_shortfall:
        parts.append(_shortfall(result.points_shortfall))
    return " ".join(parts)


def _field_of(error: BaseException, order: str) -> str:
    """Which field a refusal is about ("" when none: shown as a notice)."""
    if not isinstance(error, BadInput | Refused):
        return ""
    field = str(getattr(error, "field", "") or "")
    if error.code in _AMOUNT_CODES or field == "amount":
        return "amount"
    # The message names the order (in the terminal's language: matched by the order itself).
    if error.code in _ORDER_CODES or field == "order_id" or (order and order in error.message):
        return "order"
    if field == "reason":
        return "reason"
    return ""


def settled_text(r: LocalReturn) -> str:
    """A queued return once the loyalty service answered: what it took back, plainly."""
    if r.points_reversed is None:
        return tr(
            "The return on order {order} was refused by the loyalty service: nothing was "
            "taken back. A manager sees it under Conflicts."
        ).format(order=r.order_id)
    n = r.points_reversed
    text = tr("Return on order {order} synced: {n} point(s) taken back.", "", n).format(
        order=r.order_id, n=number(n)
    )
    if r.points_shortfall:
        text += " " + _shortfall(r.points_shortfall)
    return text


class ReturnFlow(Flow):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.queued: set[tuple[str, int]] = set()  # (order, amount) queued offline here

    def settled(self, *_: object) -> None:
        """After a sync: say what each return this window queued offline took back."""
        if not self.queued:
            return
        self.window.runner.submit(returns.list_returns, self._say_settled, lane=Lane.LOCAL)

    def _say_settled(self, made: list[LocalReturn]) -> None:
        w = self.window
        for r in made:
            key = (r.order_id, r.returned_amount)
            if key not in self.queued or r.state == "pending":
                continue
            if r.points_reversed is None and r.state == "done":
                continue  # answered but not yet recorded: the next sync says it
            self.queued.discard(key)
            w.tell(tr("Return synced"), settled_text(r))
            w.changes.publish(Changed(customer_id=r.customer_id))

    def take_return(self, again: ReturnQuestion | None = None) -> None:
        w = self.window
        if w.locked:
            return
        screen = w.customer.current if showing(w, "customer") else None
        customer = screen.view.customer if screen is not None else None
        session = w.session.number
        from ..answers import ReturnQuestion

        question = again or ReturnQuestion(customer.name if customer else None, w.earn.currency)
        answer = w.prompts.take_return(w, question)
        if answer is None or not w.still(session):
            return
        customer_id = customer.id if customer else None

        def ask_again(error: BaseException) -> None:
            field = _field_of(error, answer.order_id)
            if not w.still(session):
                return
            if isinstance(error, Refused) and error.code == "not_offered":
                w.prompts.error(w, tr("Nothing was taken back"), not_offered())
            elif field and isinstance(error, BadInput | Refused):
                message = error.message
                if customer_id is None and "(--customer)" in message:
                    message = tr(
                        "Order {order} did not earn points on this terminal: open the customer "
                        "first, then take the return there."
                    ).format(order=answer.order_id)
                self.take_return(
                    ReturnQuestion(question.customer_name, question.currency, answer,
                                   {field: message})
                )  # fmt: skip
            else:
                w.show_error(tr("Nothing was taken back"), error)

        def planned(plan: returns.ReturnPlan) -> None:
            if not w.still(session):
                return
            if w.prompts.confirm_return(w, plan, question.currency) and w.still(session):
                self._submit(session, plan, answer, ask_again)

        w.runner.submit(
            lambda t: returns.plan_return(t, answer.order_id, answer.amount, customer_id),
            planned,
            ask_again,
        )

    def _submit(
        self,
        session: int,
        plan: returns.ReturnPlan,
        answer: ReturnAnswer,
        failed: Callable[[BaseException], None],
    ) -> None:
        w = self.window
        operator = w.operator

        def done(result: returns.ReturnResult) -> None:
            if result.status is not Outcome.CONFIRMED:
                self.queued.add((result.order_id, result.returned_amount))
            w.tell(tr("Return taken back"), returned_text(result))
            w.changes.publish(Changed.of(result))

        w.runner.submit(
            lambda t: returns.return_sale(
                t,
                plan.order_id,
                plan.returned_amount,
                plan.customer_id,
                reason=answer.reason or None,
                operator=operator,
            ),
            done,
            failed,
        )
