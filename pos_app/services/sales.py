"""Awards for a sale (v1.1): points from the earn rate of config.toml `[earn]`
(domain/earning.py), the customer's tier multiplier, the award limits and the order guard
(services/orders.py). A bonus without a sale is `points.award` as before."""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from ..domain.earning import Sale, points_for
from ..domain.models import CustomerInfo
from ..domain.money import format_money
from ..i18n import _, locale_id
from ..store import cache
from . import lookup, orders, points, validate
from .errors import BackendUnavailable, BadInput, Refused
from .points import AwardCheck, AwardResult
from .staff import Approval
from .terminal import Terminal


@dataclass(frozen=True, slots=True)
class SalePreview:
    """What a sale would earn, shown before confirming."""

    sale: Sale
    points: int
    rate: str  # "1 point per ₦100" (and the tier's multiplier)
    check: AwardCheck

    @property
    def summary(self) -> str:
        sale = self.sale
        return _("Order {order_id}, {amount} at {rate}: {summary}").format(
            order_id=sale.order_id,
            amount=format_money(sale.amount, sale.currency),
            rate=self.rate,
            summary=self.check.summary,
        )


def sale_of(t: Terminal, order_id: object, amount: object, currency: str | None) -> Sale:
    """The sale as typed, checked (BadInput for the first problem)."""
    return Sale(
        validate.order_id(order_id if isinstance(order_id, str) else None),
        validate.amount(amount, what="The sale's amount"),
        validate.currency(currency, t.config.earn.currency),
    )


def earned(t: Terminal, customer: CustomerInfo, sale: Sale) -> tuple[int, str]:
    """Points the sale earns this customer, and the rate in words."""
    rules = t.config.earn
    rate = rules.rate(sale.currency)
    if rate is None:
        raise BadInput(
            _(
                "There is no earn rate for {currency} in config.toml [earn] (rates: {value})."
            ).format(currency=sale.currency, value=", ".join(rules.rates)),
            field="currency",
        )
    multiplier = rules.multiplier(customer.tier_id)
    words = rate.describe(sale.currency)
    if multiplier != 1:
        words = _("{rate} x {multiplier} ({tier})").format(
            rate=words,
            multiplier=format_decimal(float(multiplier), locale=locale_id()),
            tier=customer.tier_name or customer.tier_id,
        )
    return points_for(sale.amount, rate, multiplier), words


def _customer(t: Terminal, customer_id: str) -> CustomerInfo:
    cid = validate.object_id(customer_id, "customer")
    customer = cache.get_customer(t.db.conn, cid) or lookup.refresh(t, cid)
    if customer is None:
        raise BackendUnavailable(
            _(
                "Customer {cid} is not on this terminal and the loyalty service cannot "
                "be reached to check them."
            ).format(cid=cid)
        )
    return customer


def preview_sale(
    t: Terminal,
    customer_id: str,
    order_id: object,
    amount: object,
    currency: str | None = None,
    *,
    operator: str,
) -> SalePreview:
    """What the sale earns and whether a manager must approve, before asking anyone; an
    order that already earned here is refused now."""
    sale = sale_of(t, order_id, amount, currency)
    customer = _customer(t, customer_id)
    orders.guard(t.db.conn, t, sale.order_id)
    got, words = earned(t, customer, sale)
    if got <= 0:
        raise BadInput(
            _("A sale of {amount} earns no points at {words}; nothing to award.").format(
                amount=format_money(sale.amount, sale.currency), words=words
            )
        )
    return SalePreview(sale, got, words, points.check_award(t, customer, got, operator))


def award_sale(
    t: Terminal,
    customer_id: str,
    order_id: object,
    amount: object,
    currency: str | None = None,
    *,
    reason: str | None = None,
    operator: str = "system",
    approval: Approval | None = None,
) -> AwardResult:
    """Award what the sale earns (once per order: local index, then the backend)."""
    preview = preview_sale(t, customer_id, order_id, amount, currency, operator=operator)
    return points.award(
        t,
        customer_id,
        preview.points,
        reason or f"Purchase {preview.sale.order_id}",
        operator=operator,
        approval=approval,
        sale=preview.sale,
    )


def awarded_here(t: Terminal, order_id: str) -> str:
    """What to say under the order field when the order already earned on this terminal
    (the local index, also offline): "" when it did not, or when it is not an order id."""
    try:
        order = validate.order_id(order_id)
        orders.guard(t.db.conn, t, order)
    except (BadInput, Refused) as said:
        return said.message if isinstance(said, Refused) else ""
    return ""
