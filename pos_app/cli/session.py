"""What one command runs with: its terminal, the operator it acts for, and the PINs it
reads from stdin (the operator's, an approving manager's, a new one)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import _
from ..services import BadInput, Terminal
from .output import Output

if TYPE_CHECKING:  # imported where a person is named: `system` needs no staff account
    from ..services import staff

Handler = Callable[[argparse.Namespace, Output], int]


def terminal_of(args: argparse.Namespace) -> Terminal:
    """The terminal the runner opened for this command."""
    t: Terminal = args.terminal
    return t


@dataclass(frozen=True, slots=True)
class Pins:
    """The PINs one command needs, read from stdin one line each, in this order: the
    operator's (if --operator names a person), the approving manager's (if --manager is
    given and is not the operator: one person gives one PIN), then a new PIN being set."""

    operator: staff.Credentials | None
    manager: staff.Credentials | None
    new_pin: str | None


def read_pins(
    args: argparse.Namespace, *, manager: str | None = None, new_pin_for: str | None = None
) -> Pins:
    """Read the PINs this command needs (after its own input was checked: nothing is
    asked for, signed in or audited for a command that would be refused anyway)."""
    name = args.operator
    operator = None
    if name != "system" and not getattr(args, "operator_signed", False):
        from ..services import staff

        operator = staff.Credentials(
            name,
            read_secret(
                _("PIN for {name}: ").format(name=name), _("operator {name}").format(name=name)
            ),
        )
    approver = None
    if manager is not None:
        from ..services import staff

        if operator is not None and manager.strip().casefold() == name.casefold():
            approver = staff.Credentials(manager, operator.pin)
        else:
            approver = staff.Credentials(manager, _manager_pin(manager))
    new_pin = None
    if new_pin_for is not None:
        new_pin = read_secret(
            _("New PIN for {name}: ").format(name=new_pin_for),
            _("the new PIN for {name}").format(name=new_pin_for),
        )
    return Pins(operator, approver, new_pin)


def _manager_pin(manager: str) -> str:
    return read_secret(
        _("Manager PIN ({name}): ").format(name=manager.strip()),
        _("manager {name}").format(name=manager),
    )


def sign_operator(t: Terminal, args: argparse.Namespace, pins: Pins) -> None:
    """--operator NAME is that person only with their PIN (a sign-in: audited, and five
    wrong PINs lock the account)."""
    if pins.operator is not None:
        from ..services import staff

        args.operator = staff.operator(t, pins.operator)
        args.operator_signed = True


def sign_in(args: argparse.Namespace, *, manager: str | None = None) -> Pins:
    """Read this command's PINs and sign its operator in; the PINs, for an approval."""
    pins = read_pins(args, manager=manager)
    sign_operator(terminal_of(args), args, pins)
    return pins


def approved(
    args: argparse.Namespace, action: str, subject: str | None, reason: str
) -> staff.Approval | None:
    """Sign the operator in and, with --manager NAME, get that manager's approval of
    `action` (their PIN on stdin after the operator's, or typed without echo at a
    terminal); None without --manager."""
    pins = sign_in(args, manager=args.manager)
    if pins.manager is None:
        return None
    from ..services import staff

    return staff.approve(
        terminal_of(args),
        pins.manager.name,
        pins.manager.pin,
        action=action,
        subject=subject,
        reason=reason,
    )


def approval_now(
    args: argparse.Namespace, pins: Pins, action: str, subject: str | None, reason: str
) -> staff.Approval:
    """--manager NAME's approval, asked for only once it is needed (the operator signed in
    first, with `pins`): their PIN on stdin, or the operator's if they are the same person."""
    name = args.manager
    same = pins.operator is not None and name.strip().casefold() == pins.operator.name.casefold()
    pin = pins.operator.pin if same and pins.operator is not None else _manager_pin(name)
    from ..services import staff

    return staff.approve(
        terminal_of(args), name, pin, action=action, subject=subject, reason=reason
    )


def read_secret(prompt: str, whose: str) -> str:
    """A PIN: typed without echo at a terminal, or one line of stdin for scripts."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line.strip():
        raise BadInput(
            _(
                "No PIN for {whose} on stdin (one line each, in this order: the operator's, "
                "the manager's, a new PIN)."
            ).format(whose=whose)
        )
    return line.strip()
