"""`pos-app staff add | list | disable | reset-pin`: cashier and manager accounts."""

from __future__ import annotations

import argparse

from ...i18n import _
from ...services import BadInput, staff
from ..output import Listing, Output
from ..session import read_pins, sign_in, sign_operator, terminal_of


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    accounts = commands.add_parser("staff", help=_("cashier and manager accounts (PINs on stdin)"))
    staff_sub = accounts.add_subparsers(dest="staff_command", metavar="SUBCOMMAND", required=True)
    add = staff_sub.add_parser(
        "add",
        help=_(
            "add an account (a manager approves); its PIN (4-8 digits) is the last line of stdin"
        ),
    )
    add.add_argument("--name", required=True, help=_("the person's name, to sign in with"))
    add.add_argument("--role", required=True, choices=("cashier", "manager"))
    add.add_argument(
        "--manager",
        metavar="NAME",
        help=_("the approving manager (PIN on stdin); not needed for an empty terminal's first"),
    )
    add.set_defaults(handler=cmd_staff_add, reads_pins=True)
    staff_sub.add_parser("list", help=_("list the accounts")).set_defaults(handler=cmd_staff_list)
    disable = staff_sub.add_parser(
        "disable", help=_("disable an account (a manager approves: --manager, PIN on stdin)")
    )
    disable.add_argument("name", metavar="NAME")
    disable.add_argument("--manager", required=True, metavar="NAME")
    disable.set_defaults(handler=cmd_staff_disable, reads_pins=True)
    reset = staff_sub.add_parser(
        "reset-pin",
        help=_(
            "set a new PIN (last line of stdin); also lifts a lock-out; another "
            "manager approves (--manager, PIN on stdin)"
        ),
    )
    reset.add_argument("name", metavar="NAME")
    reset.add_argument("--manager", required=True, metavar="NAME")
    reset.set_defaults(handler=cmd_staff_reset_pin, reads_pins=True)


def cmd_staff_add(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    staff.check_new_staff(t, args.name, args.role)  # all but the new PIN, not read yet
    first = not staff.has_staff(t)
    if not first and not args.manager:
        raise BadInput(
            _("Adding an account needs a manager's approval: --manager NAME, their PIN on stdin.")
        )
    pins = read_pins(args, manager=None if first else args.manager, new_pin_for=args.name.strip())
    assert pins.new_pin is not None
    staff.check_pin(pins.new_pin)
    sign_operator(t, args, pins)
    member = staff.add_staff(
        t, args.name, args.role, pins.new_pin, actor=args.operator, manager=pins.manager
    )
    added = _("Added manager {name}.") if member.role == "manager" else _("Added cashier {name}.")
    out.emit(member, added.format(name=member.name))
    return 0


def cmd_staff_list(args: argparse.Namespace, out: Output) -> int:
    found = staff.list_staff(terminal_of(args))
    out.emit(
        Listing(found),
        "\n".join(
            f"{m.name:<30} {_role(m.role):<12} {_('active') if m.active else _('disabled')}"
            for m in found
        )
        or _("No staff yet: add a manager first."),
    )
    return 0


def cmd_staff_disable(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    staff.check_disable(t, args.name)
    pins = sign_in(args, manager=args.manager)
    member = staff.disable_staff(t, args.name, actor=args.operator, manager=pins.manager)
    out.emit(member, _("Disabled {name}.").format(name=member.name))
    return 0


def cmd_staff_reset_pin(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    staff.check_reset(t, args.name, None, args.manager)  # all but the new PIN, not read yet
    pins = read_pins(args, manager=args.manager, new_pin_for=args.name.strip())
    assert pins.new_pin is not None
    staff.check_pin(pins.new_pin)
    sign_operator(t, args, pins)
    member = staff.reset_pin(t, args.name, pins.new_pin, actor=args.operator, manager=pins.manager)
    out.emit(member, _("New PIN set for {name}.").format(name=member.name))
    return 0


def _role(role: str) -> str:
    """A role as people read it ("manager" stays the key in --json and in the database)."""
    return {"manager": _("manager"), "cashier": _("cashier")}.get(role, role)
