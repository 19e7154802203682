"""`pos-app code verify | use`: a REDEEM code at the checkout."""

from __future__ import annotations

import argparse
from datetime import datetime, tzinfo

from ...domain.models import Source
from ...services import Terminal, codes, describe, validate
from ..output import Output, how_it_ended, unrecorded
from ..session import sign_in, terminal_of


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    code = commands.add_parser("code", help="verify a REDEEM code, mark it used")
    code_sub = code.add_subparsers(dest="code_command", metavar="SUBCOMMAND", required=True)
    verify = code_sub.add_parser(
        "verify", help="is this code valid, what does it give; if spent: when, where, by whom"
    )
    verify.add_argument("code", metavar="CODE")
    verify.set_defaults(handler=cmd_code_verify)
    use = code_sub.add_parser("use", help="mark a code used (one time)")
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
    who = found.customer_name or f"customer {r.customer_id}"
    lines = [f"{r.code}: {found.description}"]
    if not found.usable:
        lines.insert(0, "DO NOT ACCEPT")
        settled = codes.settled_text(
            found, lambda at: f"{at.astimezone(zone):%d %b %Y %H:%M} ({_zone_name(zone)})"
        )
        lines += [f"  {x}" for x in settled.splitlines()]
        lines.append(f"  was: {words.full}, {r.points:,} points, for {who}")
    else:
        lines.append(f"  give: {words.full}, {r.points:,} points, for {who}")
    if found.source is Source.CACHE:
        lines.append("  (checked on this terminal only: the loyalty service cannot be reached)")
    return "\n".join(lines)


def _zone_name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or datetime.now(zone).tzname() or zone)


def cmd_code_use(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    validate.code(args.code)
    sign_in(args)
    found = codes.use(t, args.code, operator=args.operator)
    r = found.redemption
    words = describe.reward_words(found.reward_name, r.discount_amount, r.currency)
    out.emit(
        found,
        f"{r.code} marked used: give {words.full}"
        + (f" to {found.customer_name}." if found.customer_name else ".")
        + f" ({how_it_ended(found.source is Source.BACKEND)})"
        + unrecorded(found.recorded),
    )
    return 0
