"""`pos-app print test | slip CODE`: the ESC/POS receipt printer (the configured one, or
`--printer usb:VID:PID | net:HOST[:PORT] | serial:DEVICE | file:PATH`)."""

from __future__ import annotations

import argparse

from ...services import printing, redeem
from ..output import Output
from ..session import terminal_of


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("print", help="the receipt printer: a test page, or reprint a slip")
    sub = p.add_subparsers(dest="print_command", metavar="SUBCOMMAND", required=True)
    test = sub.add_parser("test", help="print a test page (QR, barcode, the paper's width)")
    _printer_option(test)
    test.set_defaults(handler=cmd_print_test)
    slip = sub.add_parser("slip", help="reprint the slip of a redemption made here")
    slip.add_argument("code", metavar="CODE")
    _printer_option(slip)
    slip.set_defaults(handler=cmd_print_slip)


def _printer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--printer",
        metavar="SPEC",
        help="usb:VID:PID, net:HOST[:PORT], serial:DEVICE or file:PATH (default: printer.device)",
    )


def cmd_print_test(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    spec = printing.spec_of(t.config, args.printer)
    done = printing.send(spec, printing.test_page_bytes(t, args.operator))
    out.emit(done, f"Printed a test page on {done.printer}.")
    return 0


def cmd_print_slip(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    spec = printing.spec_of(t.config, args.printer)
    found = redeem.made_here(t, args.code)
    done = printing.send(spec, printing.redemption_bytes(t, found))
    out.emit(done, f"Printed the slip of {found.code} on {done.printer}.")
    return 0
