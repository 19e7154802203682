"""`pos-app award`, `adjust` and `history`: a customer's points."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from ...domain.models import Outcome, Source
from ...i18n import _
from ...i18n.formats import number, signed
from ...services import (
    BadInput,
    approvals,
    describe,
    history,
    lookup,
    points,
    sales,
    staff,
    validate,
)
from ...services.errors import NeedsApproval
from ..output import Output, emit_approved, how_it_ended, say, unrecorded
from ..session import approval_now, approved, sign_in, terminal_of


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    award = commands.add_parser(
        "award",
        help=_(
            "award a sale's points (--order, --amount: from [earn]) or points without a sale "
            "(--points, --reason)"
        ),
    )
    award.add_argument("--customer", required=True, metavar="ID", help=_("the customer's id"))
    award.add_argument("--order", metavar="ID", help=_("the receipt's order number (a sale)"))
    award.add_argument(
        "--amount", metavar="N", help=_("the sale's amount, a whole number of the main unit")
    )
    award.add_argument(
        "--currency", metavar="CODE", help=_("the sale's currency (default: [earn] currency)")
    )
    award.add_argument("--points", metavar="N", help=_("points without a sale (needs --reason)"))
    award.add_argument("--reason", metavar="TEXT", help=_("why (required with --points)"))
    award.add_argument("--bonus", action="store_true", help=_("a bonus, not a purchase"))
    award.add_argument(
        "--manager",
        metavar="NAME",
        help=_(
            "a manager approves an award past [award_limits] (PIN on stdin, after the operator's)"
        ),
    )
    award.add_argument(
        "--expires-at",
        metavar="TIMESTAMP",
        help=_("when these points expire, e.g. 2026-12-31T23:59:59Z"),
    )
    award.set_defaults(handler=cmd_award, reads_pins=True)

    adjust = commands.add_parser(
        "adjust",
        help=_("adjust a customer's points (a manager's approval: --manager, PIN on stdin)"),
    )
    adjust.add_argument("--customer", required=True, metavar="ID", help=_("the customer's id"))
    adjust.add_argument("--points", required=True, metavar="N", help=_("signed, not 0"))
    adjust.add_argument("--reason", required=True, metavar="TEXT", help=_("why"))
    adjust.add_argument(
        "--manager", required=True, metavar="NAME", help=_("the approving manager (PIN on stdin)")
    )
    adjust.set_defaults(handler=cmd_adjust, reads_pins=True)

    hist = commands.add_parser("history", help=_("a customer's points history, newest first"))
    hist.add_argument("--customer", required=True, metavar="ID", help=_("the customer's id"))
    hist.add_argument("--limit", default="20", metavar="N", help=_("1-100 (default 20)"))
    hist.add_argument(
        "--type",
        metavar="TYPE",
        help=_(
            "only bonus, sale, return, adjustment, redemption, expiry or award lines "
            "(among the newest --limit)"
        ),
    )
    hist.set_defaults(handler=cmd_history)


def _sale_or_points(args: argparse.Namespace) -> bool:
    """True for a sale (--order, --amount), False for points without one (--points,
    --reason); anything else is one clear error."""
    sale = args.order is not None or args.amount is not None or args.currency is not None
    if sale and args.points is not None:
        raise BadInput(
            _(
                "Give either a sale (--order and --amount: points from the earn rate) or "
                "--points with --reason (no sale), not both."
            )
        )
    if sale:
        if args.order is None or args.amount is None:
            raise BadInput(_("A sale needs both --order (the receipt's number) and --amount."))
        if args.bonus:
            raise BadInput(_("A bonus has no sale: give --points and --reason with --bonus."))
        validate.order_id(args.order)
        validate.amount(args.amount, what=_("The sale's amount"))
        validate.reason(args.reason, required=False)
        return True
    if args.points is None:
        raise BadInput(_("Give --order and --amount (a sale) or --points and --reason."))
    if not (args.reason or "").strip():
        raise BadInput(_("Points without a sale need --reason TEXT (why they are given)."))
    validate.reason(args.reason, required=True)
    return False


@contextmanager
def _manager_hint() -> Iterator[None]:
    """An award past a limit: its NeedsApproval says how to give the approval here."""
    try:
        yield
    except NeedsApproval as error:
        raise NeedsApproval(
            f"{error.message} " + _("Give --manager NAME and the manager's PIN on stdin."),
            error.code,
            error.what,
        ) from None


def _award_approved_if_needed(
    args: argparse.Namespace,
    reason: str,
    award: Callable[[staff.Approval | None], points.AwardResult],
) -> points.AwardResult:
    """Run `award` without an approval first: only an award past [award_limits] asks for
    --manager's PIN and records an approval. --manager given for an award within the
    limits is ignored, with one line on stderr (nothing asked, nothing recorded)."""
    pins = sign_in(args)  # the operator's PIN only, for now
    try:
        with _manager_hint():
            result = award(None)
    except NeedsApproval:
        if args.manager is None:
            raise
        ok = approval_now(args, pins, "award", args.customer, reason)
        with _manager_hint():
            return award(ok)
    if args.manager is not None:
        say(
            _(
                "This award is within the limits: no manager's approval was needed, so "
                "--manager {name} was not asked and nothing was recorded for it."
            ).format(name=args.manager.strip())
        )
    return result


def cmd_award(args: argparse.Namespace, out: Output) -> int:
    if _sale_or_points(args):
        return _award_sale(args, out)
    expires = None
    if args.expires_at is not None:
        try:
            expires = datetime.fromisoformat(args.expires_at.strip())
        except ValueError:
            raise BadInput(
                _("{value} is not a timestamp; use e.g. 2026-12-31T23:59:59Z.").format(
                    value=repr(args.expires_at)
                )
            ) from None
    t = terminal_of(args)
    validate.object_id(args.customer, "customer")
    validate.points(args.points)
    validate.future_time(expires, t.clock())
    result = _award_approved_if_needed(
        args,
        args.reason,
        lambda ok: points.award(
            t,
            args.customer,
            args.points,
            args.reason,
            bonus=args.bonus,
            expires_at=expires,
            operator=args.operator,
            approval=ok,
        ),
    )
    ended = how_it_ended(result.status is Outcome.CONFIRMED, result.balance_after)
    text = _("Awarded {points} points to {customer}: {ended}.").format(
        points=number(result.points), customer=result.customer_id, ended=ended
    )
    out.emit(result, text + unrecorded(result.recorded))
    if result.paused:
        say(f"{result.paused} " + _("The award is queued and syncs once that is fixed."))
    return 0


def _award_sale(args: argparse.Namespace, out: Output) -> int:
    if args.expires_at is not None:
        raise BadInput(
            _("--expires-at is for points without a sale; a sale's points follow the rules.")
        )
    t = terminal_of(args)
    validate.object_id(args.customer, "customer")
    validate.currency(args.currency, t.config.earn.currency)
    reason = args.reason or f"Purchase {args.order.strip()}"
    result = _award_approved_if_needed(
        args,
        reason,
        lambda ok: sales.award_sale(
            t,
            args.customer,
            args.order,
            args.amount,
            args.currency,
            reason=args.reason,
            operator=args.operator,
            approval=ok,
        ),
    )
    ended = how_it_ended(result.status is Outcome.CONFIRMED, result.balance_after)
    text = _("Order {order}: awarded {points} points to {customer}: {ended}.").format(
        order=args.order.strip(),
        points=number(result.points),
        customer=result.customer_id,
        ended=ended,
    )
    out.emit(result, text + unrecorded(result.recorded))
    if result.paused:
        say(f"{result.paused} " + _("The award is queued and syncs once that is fixed."))
    return 0


def cmd_adjust(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    validate.object_id(args.customer, "customer")
    validate.points(args.points, allow_negative=True)
    validate.reason(args.reason, required=True)
    lookup.show(t, args.customer.strip())  # an unknown customer is refused before any PIN
    ok = approved(args, "adjust", args.customer, args.reason)
    result = approvals.adjust(
        t, args.customer, args.points, args.reason, approval=ok, operator=args.operator
    )
    done = _("Adjusted {customer}").format(customer=args.customer)
    return emit_approved(out, "customer_id", args.customer, result, done)


@dataclass(frozen=True, slots=True)
class HistoryAnswer:
    """`history --json`: the lines, newest first, and where they came from."""

    object: str
    customer_id: str
    source: Source
    data: tuple[history.HistoryLine, ...]


def cmd_history(args: argparse.Namespace, out: Output) -> int:
    found = history.history(terminal_of(args), args.customer, args.limit, only=args.type)
    text = "\n".join(
        f"{line.at:%Y-%m-%d %H:%M}  {line.label_text:<22} {signed(line.points):>8}  "
        f"{'' if line.balance_after is None else number(line.balance_after):>8}  "
        f"{describe.money_text(line.reason or '')}"
        f"{'' if line.synced else '  ' + _('[not synced yet]')}"
        for line in found.lines
    ) or (
        _("No history.")
        if args.type is None
        else _("No {type} lines in this history.").format(type=args.type)
    )
    if found.source is Source.CACHE:
        text += "\n" + _("(offline: last history seen online, plus operations waiting to sync)")
    out.emit(HistoryAnswer("list", found.customer_id, found.source, found.lines), text)
    return 0
