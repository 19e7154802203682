"""`pos-app print test | slip CODE`: the ESC/POS receipt printer (the configured one, or
`--printer usb:VID:PID | net:HOST[:PORT] | serial:DEVICE | file:PATH`)."""

from __future__ import annotations

import argparse
from datetime import datetime

from ...domain.timefmt import utcnow
from ...i18n import _
from ...render import escpos_slip
from ...services import Terminal, printing, redeem
from ..output import Output
from ..session import terminal_of


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("print", help=_("the receipt printer: a test page, or reprint a slip"))
    sub = p.add_subparsers(dest="print_command", metavar="SUBCOMMAND", required=True)
    test = sub.add_parser("test", help=_("print a test page (QR, barcode, the paper's width)"))
    _printer_option(test)
    test.set_defaults(handler=cmd_print_test)
    slip = sub.add_parser("slip", help=_("reprint the slip of a redemption made here"))
    slip.add_argument("code", metavar="CODE")
    _printer_option(slip)
    slip.set_defaults(handler=cmd_print_slip)


def _printer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--printer",
        metavar="SPEC",
        help=_(
            "usb:VID:PID, net:HOST[:PORT], serial:DEVICE or file:PATH (default: printer.device)"
        ),
    )


def cmd_print_test(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    spec = printing.spec_of(t.config, args.printer)
    done = printing.send(spec, escpos_slip.test_page(_where(t, args.operator), t.config.paper_mm))
    out.emit(done, _("Printed a test page on {printer}.").format(printer=done.printer))
    return 0


def cmd_print_slip(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    spec = printing.spec_of(t.config, args.printer)
    found = redeem.made_here(t, args.code)
    at = _where(t, found.operator, found.occurred_at, found.terminal_id)
    slip = escpos_slip.redemption(escpos_slip.from_redemption(found), at, t.config.paper_mm)
    done = printing.send(spec, slip)
    out.emit(
        done,
        _("Printed the slip of {code} on {printer}.").format(code=found.code, printer=done.printer),
    )
    return 0


def _where(
    t: Terminal, cashier: str | None, when: datetime | None = None, terminal: str | None = None
) -> escpos_slip.Where:
    """The slip's foot: the store, the terminal, the cashier, the time in the store's zone."""
    at = (when or utcnow()).astimezone(t.config.time_zone())
    return escpos_slip.Where(t.config.store_id, terminal or t.terminal_id, cashier, at)
