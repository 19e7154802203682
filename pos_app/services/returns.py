"""Returns (issue 11 #3, API.md v1.1): take back the points a returned part of a sale
earned, through the one submit path, online or queued offline.

Before confirming, the cashier sees what the sale earned, what was already taken back and
what this return takes back (`preview_return`), from the local order index with the
backend's formula (domain/returns.py). Returning more than the sale is refused. Once the
backend answers, its figures are kept (store/orders.py); a shortfall (points already
spent) is shown and listed for the manager (`list_returns`, `pos-app returns
--shortfalls`). A backend without returns (v1 only) is said plainly: nothing was taken
back."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..api import ApiError
from ..api import models as api
from ..domain.models import Outcome
from ..domain.operations import Return
from ..domain.returns import LocalReturn, ReturnFigures, ReturnTooLarge, points_to_take_back
from ..i18n import N_, _
from ..i18n.formats import number
from ..store import cache, orders
from . import backend, lookup, validate
from .errors import BackendUnavailable, BadInput, Refused
from .submit import Verdict, hand_out, setup_problem, submit
from .terminal import Terminal

NOT_OFFERED = N_(
    "This loyalty backend does not offer returns (it needs LoyalPro API v1.1): nothing was "
    "taken back. A manager can take the points back with an adjustment."
)
_WORDS = {
    "order_not_found": N_("The loyalty service has no award for order {order} to this customer."),
    "order_not_returnable": N_(
        "Order {order} was awarded without a sale amount, so its points cannot be returned "
        "in part; a manager can adjust them."
    ),
    "return_exceeds_sale": N_("Returns of order {order} would add up to more than the sale."),
}


@dataclass(frozen=True, slots=True)
class ReturnPlan:
    """A return ready to confirm: whose, and the figures when this terminal knows the
    order (None: the order earned elsewhere; the backend computes it)."""

    customer_id: str
    order_id: str
    returned_amount: int
    figures: ReturnFigures | None

    @property
    def summary(self) -> str:
        f = self.figures
        if f is None:
            return _(
                "Return of {returned_amount} on order {order_id} for {customer_id}: the "
                "loyalty service works out the points."
            ).format(
                returned_amount=number(self.returned_amount),
                order_id=self.order_id,
                customer_id=self.customer_id,
            )
        words = _(
            "Order {order} ({sale}) earned {earned} points; {before} already taken back for "
            "{returned_before} returned; this return of {returned} takes back {takes}."
        )
        return words.format(
            order=f.order_id,
            sale=f"{f.currency or ''} {number(f.sale_amount)}".strip(),
            earned=number(f.earned),
            before=number(f.taken_back_before),
            returned_before=number(f.returned_before),
            returned=number(f.returned),
            takes=number(f.takes_back),
        )


@dataclass(frozen=True, slots=True)
class ReturnResult:
    customer_id: str
    order_id: str
    returned_amount: int
    status: Outcome
    points_reversed: int | None  # the backend's, once it answered
    points_shortfall: int | None
    balance_after: int | None
    expected: int | None  # this terminal's figure (None: the order earned elsewhere)
    recorded: bool = True
    paused: str | None = None  # queued because the backend refuses this terminal: why

    @property
    def code(self) -> None:
        return None

    def as_json(self) -> dict[str, object]:
        return {
            "customer_id": self.customer_id,
            "order_id": self.order_id,
            "returned_amount": self.returned_amount,
            "status": self.status.value,
            "points_reversed": self.points_reversed,
            "points_shortfall": self.points_shortfall,
            "balance_after": self.balance_after,
            "expected": self.expected,
            **({} if self.recorded else {"recorded": False}),
            **({} if self.paused is None else {"paused": self.paused}),
        }


def plan_return(
    t: Terminal, order_id: object, amount: object, customer_id: str | None = None
) -> ReturnPlan:
    """Check a return and work out its figures, before confirming (nothing changes)."""
    order = validate.order_id(order_id if isinstance(order_id, str) else None)
    returned = validate.amount(amount, what="The returned amount")
    cid = None if customer_id is None else validate.object_id(customer_id, "customer")
    known = orders.find_order(t.db.conn, order)
    if known is None or known.awarded_elsewhere:
        if cid is None:
            raise BadInput(
                _(
                    "Order {order} did not earn points on this terminal: give the customer "
                    "(--customer) and the loyalty service finds the sale."
                ).format(order=order),
                field="order_id",
            )
        return ReturnPlan(cid, order, returned, _elsewhere(t, cid, order, returned))
    if cid is not None and cid != known.customer_id:
        raise Refused(
            _("Order {order} earned points for customer {customer_id}, not {cid}.").format(
                order=order, customer_id=known.customer_id, cid=cid
            ),
            "order_not_found",
        )
    if known.amount is None:
        raise Refused(_(_WORDS["order_not_returnable"]).format(order=order), "order_not_returnable")
    before: list[LocalReturn] = orders.returns_of(t.db.conn, order)
    returned_before = sum(r.returned_amount for r in before)
    taken_before = sum(r.taken_back for r in before)
    try:
        takes = points_to_take_back(
            known.points, known.amount, returned_before, returned, taken_before
        )
    except ReturnTooLarge as error:
        raise Refused(
            _("Order {order}: {error}. Nothing was taken back.").format(order=order, error=error),
            "return_exceeds_sale",
        ) from None
    figures = ReturnFigures(
        order,
        known.customer_id,
        known.amount,
        known.currency,
        known.points,
        returned_before,
        taken_before,
        returned,
        takes,
    )
    return ReturnPlan(known.customer_id, order, returned, figures)


_HISTORY_PAGES = 5


def _elsewhere(t: Terminal, cid: str, order: str, returned: int) -> ReturnFigures | None:
    """The figures of an order that earned at another till, from the customer's history
    (None when the backend cannot be reached: it works them out when the return syncs).
    Earlier returns took back floor(earned * returned_before / amount) between them, the
    formula's own sum (a shortfall included)."""
    if cache.get_customer(t.db.conn, cid) is None and lookup.refresh(t, cid) is None:
        raise BackendUnavailable(
            _(
                "Customer {cid} is not on this terminal and the loyalty service cannot "
                "be reached to check them."
            ).format(cid=cid)
        )
    award: api.PointsTransaction | None = None
    returned_before = 0
    try:
        cursor = None
        for _page in range(_HISTORY_PAGES):
            page = t.counter_client.list_points(customer_id=cid, limit=100, cursor=cursor)
            for txn in page.data:
                if txn.metadata.get("order_id") != order:
                    continue
                if txn.type is api.TransactionType.EARNED:
                    award = txn
                elif txn.metadata.get("kind") == "return":
                    amount = txn.metadata.get("returned_amount")
                    returned_before += amount if isinstance(amount, int) else 0
            if award is not None or not page.has_more or page.next_cursor is None:
                break
            cursor = page.next_cursor
    except ApiError as error:
        if backend.unreachable(error):
            return None
        raise backend.translate(error, what="A return") from None
    if award is None:
        if page.has_more:
            return None  # further back than this terminal looks: the backend decides
        raise Refused(_(_WORDS["order_not_found"]).format(order=order), "order_not_found")
    sale = award.metadata.get("amount")
    if not isinstance(sale, int) or isinstance(sale, bool) or sale <= 0:
        raise Refused(_(_WORDS["order_not_returnable"]).format(order=order), "order_not_returnable")
    currency = award.metadata.get("currency")
    taken_before = award.points * returned_before // sale
    try:
        takes = points_to_take_back(award.points, sale, returned_before, returned, taken_before)
    except ReturnTooLarge as error:
        raise Refused(
            _("Order {order}: {error}. Nothing was taken back.").format(order=order, error=error),
            "return_exceeds_sale",
        ) from None
    return ReturnFigures(
        order,
        cid,
        sale,
        currency if isinstance(currency, str) else None,
        award.points,
        returned_before,
        taken_before,
        returned,
        takes,
    )


def return_sale(
    t: Terminal,
    order_id: object,
    amount: object,
    customer_id: str | None = None,
    *,
    reason: str | None = None,
    operator: str = "system",
) -> ReturnResult:
    """Take back what the returned part of the sale earned: confirmed, or queued offline
    (handed out: a later refusal is a conflict for a manager)."""
    plan = plan_return(t, order_id, amount, customer_id)
    why = validate.reason(reason, required=False)
    t.engine  # noqa: B018 -- fail early if no backend is configured
    expected = plan.figures.takes_back if plan.figures else None
    operation = Return(
        plan.customer_id,
        plan.order_id,
        plan.returned_amount,
        why,
        {"operator": operator},
        t.config.store_id,
    )

    def also(conn: sqlite3.Connection, outbox_id: int) -> None:
        orders.add_return(
            conn,
            order_id=plan.order_id,
            customer_id=plan.customer_id,
            returned_amount=plan.returned_amount,
            points_expected=expected or 0,
            outbox_id=outbox_id,
            operator=operator,
            now=t.clock(),
        )

    submitted = submit(
        t,
        operation,
        customer_id=plan.customer_id,
        operator=operator,
        details={
            "order_id": plan.order_id,
            "returned_amount": plan.returned_amount,
            "expected": expected,
        },
        also=also,
    )
    if submitted.verdict is Verdict.REFUSED:
        code = submitted.refusal_code or "refused"
        if code == "not_offered":
            raise Refused(_(NOT_OFFERED), code)
        words = _WORDS.get(code, submitted.reason or "The loyalty service refused the return.")
        raise Refused(words.format(order=plan.order_id), code)
    if submitted.verdict is Verdict.CONFIRMED:
        answer = submitted.answer
        if isinstance(answer, api.Return):
            return ReturnResult(
                plan.customer_id,
                plan.order_id,
                plan.returned_amount,
                Outcome.CONFIRMED,
                answer.points_reversed,
                answer.points_shortfall,
                answer.balance_after,
                expected,
                submitted.recorded,
            )
        settled = next(
            (r for r in orders.list_returns(t.db.conn) if r.outbox_id == submitted.entry_id),
            None,
        )
        return ReturnResult(
            plan.customer_id,
            plan.order_id,
            plan.returned_amount,
            Outcome.CONFIRMED,
            settled.points_reversed if settled else None,
            settled.points_shortfall if settled else None,
            settled.balance_after if settled else None,
            expected,
            submitted.recorded,
        )
    recorded = hand_out(t, submitted)
    return ReturnResult(
        plan.customer_id,
        plan.order_id,
        plan.returned_amount,
        Outcome.OFFLINE,
        None,
        None,
        None,
        expected,
        recorded,
        setup_problem(submitted),
    )


def list_returns(t: Terminal, *, shortfalls_only: bool = False) -> list[LocalReturn]:
    """The returns made at this terminal, newest first; with a shortfall only if asked
    (the points were already spent: written off, for the manager to see)."""
    return orders.list_returns(t.db.conn, shortfalls_only=shortfalls_only)
