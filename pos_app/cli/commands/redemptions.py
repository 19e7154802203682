"""`pos-app redeem`, `void`, and `recovery list | show` (codes that may never have been
shown after a crash)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime

from ...domain.models import Outcome, RedemptionStatus
from ...i18n import _
from ...i18n.formats import number
from ...services import BadInput, redeem, validate
from ..output import Listing, Output, emit_approved, how_it_ended, warn
from ..session import approved, terminal_of


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    red = commands.add_parser("redeem", help=_("redeem points for a reward; prints the code"))
    red.add_argument("--customer", required=True, metavar="ID", help=_("the customer's id"))
    red.add_argument("--reward", required=True, metavar="ID", help=_("the reward's id"))
    red.add_argument(
        "--points",
        metavar="N",
        help=_(
            "a fixed reward: must equal its cost, if given; pay with points: the points "
            "to spend (on the reward's step, within its min and max)"
        ),
    )
    red.add_argument(
        "--amount",
        metavar="M",
        help=_(
            "pay with points: the amount to cover; the points are the most whose discount "
            "is at most M (down to the step, at most the balance and max)"
        ),
    )
    red.add_argument(
        "--manager",
        metavar="NAME",
        help=_("a manager approves going past the offline policy (PIN on stdin)"),
    )
    red.add_argument("--override-reason", metavar="TEXT", help=_("why the manager approves"))
    red.set_defaults(handler=cmd_redeem, reads_pins=True)

    void = commands.add_parser(
        "void",
        help=_("void a redemption, points go back (a manager's approval: --manager, PIN on stdin)"),
    )
    void.add_argument("code", metavar="CODE")
    void.add_argument("--reason", required=True, metavar="TEXT", help=_("why it is voided"))
    void.add_argument(
        "--manager", required=True, metavar="NAME", help=_("the approving manager (PIN on stdin)")
    )
    void.set_defaults(handler=cmd_void, reads_pins=True)

    recovery = commands.add_parser(
        "recovery", help=_("redemptions whose code may never have been shown (after a crash)")
    )
    recovery_sub = recovery.add_subparsers(
        dest="recovery_command", metavar="SUBCOMMAND", required=True
    )
    recovery_sub.add_parser("list", help=_("list them")).set_defaults(
        handler=cmd_recovery_list, recovery=True
    )
    show_code = recovery_sub.add_parser(
        "show", help=_("show a recovered code again, and mark it shown")
    )
    show_code.add_argument("code", metavar="CODE")
    show_code.set_defaults(handler=cmd_recovery_show, recovery=True)


def cmd_redeem(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    validate.object_id(args.customer, "customer")
    validate.object_id(args.reward, "reward")
    if args.points is not None:
        validate.points(args.points)
    if args.amount is not None:
        validate.points(args.amount, what=_("Amount"))
    if args.manager or args.override_reason:
        if not (args.manager and args.override_reason):
            raise BadInput(_("An offline override needs both --manager and --override-reason."))
        validate.reason(args.override_reason, required=True)
    override = approved(args, "offline_override", args.customer, args.override_reason)
    result = redeem.redeem(
        t,
        args.customer,
        args.reward,
        args.points,
        amount=args.amount,
        operator=args.operator,
        override=override,
    )

    def text() -> str:
        from ...services import describe  # the words for people: not --json's

        words = describe.reward_words(result.reward_name, result.discount_amount, result.currency)
        gives = _("{reward}, {points} points, for {customer}").format(
            reward=words.full, points=number(result.points), customer=result.customer_name
        )
        ended = _("{ended}; balance after: {balance}").format(
            ended=how_it_ended(result.status is Outcome.CONFIRMED),
            balance=number(result.balance_after),
        )
        return f"{result.code}\n  {gives}\n  {ended}"

    out.emit(result, text)
    if not result.recorded:
        warn(
            _(
                "the disk is full: {code} is {status} and must be given to the customer; "
                "it is recorded on this terminal when disk space allows."
            ).format(code=result.code, status=result.status)
        )
    if not redeem.mark_shown(t, result.code) and result.recorded:
        warn(
            _("the disk is full: {code} was shown; 'recovery list' may list it again.").format(
                code=result.code
            )
        )
    return 0


def cmd_void(args: argparse.Namespace, out: Output) -> int:
    from ...services import approvals  # a void's only: not every redemption's

    t = terminal_of(args)
    code = validate.code(args.code)
    validate.reason(args.reason, required=True)
    approvals.check_voidable(t, code)  # its refusals, before a manager's PIN is asked for
    ok = approved(args, "void", code, args.reason)
    result = approvals.void(t, args.code, args.reason, approval=ok, operator=args.operator)
    code = args.code.strip().upper()
    return emit_approved(
        out,
        "code",
        code,
        result,
        _("Voided {code}, the points back to the customer").format(code=code),
    )


@dataclass(frozen=True, slots=True)
class RecoveryRow:
    code: str
    status: RedemptionStatus
    customer_id: str
    points: int
    created_at: datetime


def cmd_recovery_list(args: argparse.Namespace, out: Output) -> int:
    found = redeem.unshown(terminal_of(args))
    out.emit(
        Listing(
            [RecoveryRow(r.code, r.status, r.customer_id, r.points, r.created_at) for r in found]
        ),
        "\n".join(
            f"{r.code} {r.status.value} {r.customer_id} "
            + _("{points} pts").format(points=number(r.points))
            for r in found
        )
        or _("Nothing to recover."),
    )
    return 0


@dataclass(frozen=True, slots=True)
class Recovered:
    code: str
    status: RedemptionStatus
    points: int
    discount_amount: int
    currency: str
    customer_id: str


def cmd_recovery_show(args: argparse.Namespace, out: Output) -> int:
    from ...services import describe

    t = terminal_of(args)
    found = redeem.made_here(t, args.code)
    out.emit(
        Recovered(
            found.code,
            found.status,
            found.points,
            found.discount_amount,
            found.currency,
            found.customer_id,
        ),
        _("{code} ({status}): {reward} for {customer}").format(
            code=found.code,
            status=found.status.value,
            reward=describe.reward_words(
                found.reward_name, found.discount_amount, found.currency
            ).full,
            customer=found.customer_name or found.customer_id,
        ),
    )
    redeem.mark_shown(t, found.code)
    return 0
