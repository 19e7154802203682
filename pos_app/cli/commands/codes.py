"""`pos-app code verify | use`: a REDEEM code at the checkout."""

from __future__ import annotations

import argparse
from datetime import datetime, tzinfo

from ... import i18n
from ...domain.models import Source
from ...i18n import _
from ...i18n.formats import number
from ...services import Terminal, codes, describe, validate
from ..output import Output, how_it_ended, unrecorded
from ..session import sign_in, terminal_of


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    code = commands.add_parser("code", help=_("verify a REDEEM code, mark it used"))
    code_sub = code.add_subparsers(dest="code_command", metavar="SUBCOMMAND", required=True)
    verify = code_sub.add_parser(
        "verify", help=_("is this code valid, what does it give; if spent: when, where, by whom")
    )
    verify.add_argument("code", metavar="CODE")
    verify.set_defaults(handler=cmd_code_verify)
    use = code_sub.add_parser("use", help=_("mark a code used (one time)"))
    use.add_argument("code", metavar="CODE")
    use.set_defaults(handler=cmd_code_use, reads_pins=True)


def cmd_code_verify(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    found = codes.verify(t, args.code)
    out.emit(found, _code_text(t, found))
    return 0 if found.usable else 3


def _code_text(t: Terminal, found: codes.CodeStatus) -> str:
    """What the checkout screen says, in lines: DO NOT ACCEPT for a used or void code,
    with when, where and by whom as far as this terminal knows; then what it gives."""
    r = found.redemption
    zone = t.config.time_zone()
    words = describe.reward_words(found.reward_name, r.discount_amount, r.currency)
    who = found.customer_name or _("customer {id}").format(id=r.customer_id)
    lines = [_("{code}: {description}").format(code=r.code, description=found.description)]
    figures = {"reward": words.full, "points": number(r.points), "customer": who}
    if not found.usable:
        lines.insert(0, _("DO NOT ACCEPT"))
        settled = codes.settled_text(
            found, lambda at: f"{_when(at.astimezone(zone))} ({_zone_name(zone)})"
        )
        lines += [f"  {x}" for x in settled.splitlines()]
        lines.append("  " + _("was: {reward}, {points} points, for {customer}").format(**figures))
    else:
        lines.append("  " + _("give: {reward}, {points} points, for {customer}").format(**figures))
    if found.source is Source.CACHE:
        lines.append(
            "  " + _("(checked on this terminal only: the loyalty service cannot be reached)")
        )
    return "\n".join(lines)


def _when(at: datetime) -> str:
    """ "27 Nov 2026 14:05" in English, "27 nov. 2026 14:05" in French (Babel)."""
    from babel.dates import format_datetime

    return format_datetime(at, "dd MMM yyyy HH:mm", locale=i18n.locale_id())


def _zone_name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or datetime.now(zone).tzname() or zone)


def cmd_code_use(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    validate.code(args.code)
    sign_in(args)
    found = codes.use(t, args.code, operator=args.operator)
    r = found.redemption
    words = describe.reward_words(found.reward_name, r.discount_amount, r.currency)
    ended = how_it_ended(found.source is Source.BACKEND)
    text = (
        _("{code} marked used: give {reward} to {customer}. ({ended})")
        if found.customer_name
        else _("{code} marked used: give {reward}. ({ended})")
    ).format(code=r.code, reward=words.full, customer=found.customer_name, ended=ended)
    out.emit(found, text + unrecorded(found.recorded))
    return 0
