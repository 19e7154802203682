"""`pos-app customer show | find | enrol`."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from ...domain.models import CustomerInfo, Source
from ...i18n import _, ngettext
from ...i18n.formats import number
from ...services import BadInput, search, validate
from ..output import Listing, Output, warn
from ..session import sign_in, terminal_of


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    customer = commands.add_parser("customer", help=_("look customers up, enrol one"))
    sub = customer.add_subparsers(dest="customer_command", metavar="SUBCOMMAND", required=True)
    show = sub.add_parser("show", help=_("one customer with balance, tier and expiring points"))
    show.add_argument("customer_id", metavar="ID")
    show.set_defaults(handler=cmd_customer_show)
    find = sub.add_parser("find", help=_("search by name, phone, email, card number or id"))
    find.add_argument("query", metavar="QUERY")
    find.add_argument("--limit", default="20", help=_("at most this many (default 20)"))
    find.set_defaults(handler=cmd_customer_find)
    enrol = sub.add_parser("enrol", help=_("enrol a new customer (needs the backend)"))
    enrol.add_argument("--name", required=True, help=_("the customer's full name"))
    enrol.add_argument("--email", help=_("their email address"))
    enrol.add_argument("--phone", help=_("their phone number (local numbers: the store's country)"))
    enrol.add_argument(
        "--card", dest="card_number", metavar="CARD_NUMBER", help=_("their loyalty card's number")
    )
    enrol.set_defaults(handler=cmd_customer_enrol, reads_pins=True)


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """One line of `customer find --json`."""

    id: str
    name: str
    phone: str | None
    email: str | None
    card_number: str | None
    tier: str | None
    points_balance: int

    @classmethod
    def of(cls, c: CustomerInfo) -> CustomerRow:
        return cls(c.id, c.name, c.phone, c.email, c.card_number, c.tier_name, c.points_balance)


def cmd_customer_show(args: argparse.Namespace, out: Output) -> int:
    from ...services import lookup  # one customer's view: not a search's

    t = terminal_of(args)
    view = lookup.show(t, args.customer_id)
    progress = lookup.tier_progress(t, view)
    c = view.customer
    lifetime = ngettext("lifetime: {n} point", "lifetime: {n} points", c.lifetime_points).format(
        n=number(c.lifetime_points)
    )
    balance = _("points: {n}").format(n=number(c.points_balance))
    if view.pending_points:
        balance += " " + _("({projected} after {pending} waiting to sync)").format(
            projected=number(view.projected_balance), pending=number(view.pending_points)
        )
    source = _("online") if view.source is Source.BACKEND else _("offline: this terminal's copy")
    lines = [
        f"{c.name} ({c.id})",
        "  " + _("tier: {tier}").format(tier=c.tier_name or "-"),
        "  " + lifetime + (f"; {progress.tier.text}" if progress.tier.text else ""),
        "  " + balance,
    ]
    lines += [
        "  "
        + _("expiring: {points} on {date}").format(
            points=number(lot.points), date=f"{lot.expires_at:%Y-%m-%d}"
        )
        for lot in c.points_expiring
    ]
    lines += ["  " + _("soon: {text}").format(text=soon.text) for soon in progress.expiring]
    lines += [
        "  "
        + _("phone: {phone}  email: {email}  card: {card}").format(
            phone=c.phone or "-", email=c.email or "-", card=c.card_number or "-"
        ),
        "  "
        + _("as of {time} UTC ({source})").format(
            time=f"{c.cached_at:%Y-%m-%d %H:%M:%S}", source=source
        ),
    ]
    from ..customer_answers import CustomerAnswer

    out.emit(CustomerAnswer.of(view, progress), "\n".join(lines))
    return 0


def cmd_customer_find(args: argparse.Namespace, out: Output) -> int:
    limit = validate.points(args.limit, what=_("Limit"))
    if limit > 100:
        raise BadInput(_("Limit must be at most 100."))
    found = search.find(terminal_of(args), args.query, limit)
    text = "\n".join(
        f"{c.id}  {c.name:<28} {c.phone or '':<15} {c.tier_name or '-':<7} "
        + _("{points} pts").format(points=f"{number(c.points_balance):>8}")
        for c in found
    ) or _("No customer found.")
    out.emit(Listing([CustomerRow.of(c) for c in found]), text)
    return 0


def cmd_customer_enrol(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    validate.person_name(args.name)
    for what, value in (("email", args.email), ("phone", args.phone), ("card", args.card_number)):
        validate.plain_text(value, what=what, limit=200)
    sign_in(args)
    from ...services import points  # enrolment only: it brings the API's models

    details = points.enrol_details(
        args.name,
        email=args.email,
        phone=args.phone,
        card_number=args.card_number,
        region=t.config.phone_region,
    )
    done = points.enrolment(t, details, operator=args.operator)
    created = done.customer
    if not done.recorded:
        warn(
            _(
                "the disk is full: {id} is enrolled; it reaches this terminal's cache "
                "at the next sync once space is freed. Do not enrol them again."
            ).format(id=created.id)
        )
    from ..customer_answers import Enrolled

    out.emit(
        Enrolled("customer", created.id, created.name, created.points_balance),
        _("Enrolled {name}: {id}").format(name=created.name, id=created.id),
    )
    return 0
