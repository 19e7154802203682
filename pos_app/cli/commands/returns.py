"""`pos-app return` and `returns`: take back what a returned sale earned; list the returns
made here (`--shortfalls`: those whose points were already spent, for the manager)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from ...domain.models import Outcome
from ...domain.returns import LocalReturn
from ...i18n import _
from ...i18n.formats import number, signed
from ...services import returns, validate
from ..output import Output, say, unrecorded
from ..session import sign_in, terminal_of


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    back = commands.add_parser(
        "return", help=_("take back the points of a returned sale (or part of it), pro rata")
    )
    back.add_argument("--order", required=True, metavar="ID", help=_("the sale's order number"))
    back.add_argument("--amount", required=True, metavar="N", help=_("the amount returned"))
    back.add_argument(
        "--customer", metavar="ID", help=_("whose sale (default: from this terminal's orders)")
    )
    back.add_argument("--reason", metavar="TEXT", help=_('default "Return"'))
    back.set_defaults(handler=cmd_return, reads_pins=True)

    listed = commands.add_parser("returns", help=_("the returns made on this terminal"))
    listed.add_argument(
        "--shortfalls", action="store_true", help=_("only those whose points were already spent")
    )
    listed.set_defaults(handler=cmd_returns)


def cmd_return(args: argparse.Namespace, out: Output) -> int:
    validate.order_id(args.order)
    validate.amount(args.amount, what=_("The returned amount"))
    if args.customer is not None:
        validate.object_id(args.customer, "customer")
    validate.reason(args.reason, required=False)
    t = terminal_of(args)
    plan = returns.plan_return(t, args.order, args.amount, args.customer)  # before any PIN
    sign_in(args)  # the operator's PIN: whatever touches points has a name
    result = returns.return_sale(
        t, args.order, args.amount, args.customer, reason=args.reason, operator=args.operator
    )
    lines = [plan.summary]
    if result.status is Outcome.CONFIRMED:
        done = (
            _("Taken back {points} points from {customer}, balance {balance}.").format(
                points=number(result.points_reversed or 0),
                customer=result.customer_id,
                balance=number(result.balance_after),
            )
            if result.balance_after is not None
            else _("Return recorded for {customer}.").format(customer=result.customer_id)
        )
        lines.append(done)
        if result.points_shortfall:
            lines.append(
                _(
                    "SHORTFALL: {points} points were already spent and could not be taken "
                    "back (listed in `pos-app returns --shortfalls`)."
                ).format(points=number(result.points_shortfall))
            )
    else:
        lines.append(_("Offline: the return is queued and takes the points back when it syncs."))
    out.emit(result, "\n".join(lines) + unrecorded(result.recorded))
    if result.paused:
        say(f"{result.paused} " + _("The return is queued and syncs once that is fixed."))
    return 0


@dataclass(frozen=True, slots=True)
class ReturnsAnswer:
    """`returns --json`: the returns made here, newest first."""

    object: str
    data: tuple[LocalReturn, ...]


def _line(r: LocalReturn) -> str:
    if r.points_reversed is None:
        figures = _("expected {points} ({state})").format(
            points=signed(-r.points_expected), state=r.state
        )
    else:
        figures = signed(-r.points_reversed)
        if r.points_shortfall:
            figures += ", " + _("SHORTFALL {points}").format(points=number(r.points_shortfall))
    returned = _("returned {amount}").format(amount=number(r.returned_amount))
    return f"{r.created_at:%Y-%m-%d %H:%M}  {r.order_id}  {r.customer_id}  {returned}  {figures}"


def cmd_returns(args: argparse.Namespace, out: Output) -> int:
    found = returns.list_returns(terminal_of(args), shortfalls_only=args.shortfalls)
    empty = _("No shortfalls.") if args.shortfalls else _("No returns on this terminal.")
    out.emit(ReturnsAnswer("list", tuple(found)), "\n".join(map(_line, found)) or empty)
    return 0
