"""`pos-app report daily`: the redemption report; `pos-app report analytics`: the
programme's numbers for managers. Each as a table, CSV, JSON or PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Protocol

from ...i18n import _
from ...services import BadInput, analytics, report
from ..output import Output, cannot_write, document, json_text, jsonable, output_folder
from ..session import sign_in, terminal_of

FORMATS = ("table", "csv", "json", "pdf")


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    daily_report = commands.add_parser("report", help=_("the redemption report"))
    report_sub = daily_report.add_subparsers(
        dest="report_command", metavar="SUBCOMMAND", required=True
    )
    daily = report_sub.add_parser("daily", help=_("one day (default today) or a range"))
    daily.add_argument("--date", metavar="YYYY-MM-DD", help=_("the day (default: today)"))
    daily.add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help=_("the range's first day")
    )
    daily.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help=_("its last day"))
    where = daily.add_mutually_exclusive_group()
    where.add_argument(
        "--store",
        action="store_true",
        help=_("the whole store (config.toml store_id), from the backend (default: this terminal)"),
    )
    where.add_argument(
        "--merchant", action="store_true", help=_("every store of the merchant, from the backend")
    )
    _add_output(daily)
    daily.set_defaults(handler=cmd_report_daily)

    program = report_sub.add_parser(
        "analytics",
        help=_(
            "the programme's numbers from the backend (managers: --operator NAME, PIN on "
            "stdin); exit 6 if the backend does not offer analytics"
        ),
    )
    program.add_argument(
        "--from",
        dest="date_from",
        required=True,
        metavar="YYYY-MM-DD",
        help=_("the range's first day"),
    )
    program.add_argument(
        "--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help=_("its last day")
    )
    program.add_argument("--interval", default="day", choices=("day", "week", "month"))
    scope = program.add_mutually_exclusive_group()
    scope.add_argument(
        "--store",
        dest="scope",
        action="store_const",
        const="store",
        help=_("this store (store_id in config.toml; the default when it is set)"),
    )
    scope.add_argument(
        "--merchant",
        dest="scope",
        action="store_const",
        const="merchant",
        help=_("every store"),
    )
    _add_output(program)
    program.set_defaults(handler=cmd_report_analytics, reads_pins=True)


def cmd_report_daily(args: argparse.Namespace, out: Output) -> int:
    from ...render import report as render_report

    t = terminal_of(args)
    if args.output is not None:
        output_folder(args.output)
    found = jsonable(
        report.daily(
            t,
            day=None if args.date is None else report.parse_day(args.date, "--date"),
            date_from=None
            if args.date_from is None
            else report.parse_day(args.date_from, "--from"),
            date_to=None if args.date_to is None else report.parse_day(args.date_to, "--to"),
            scope=report.ReportScope.STORE
            if args.store
            else report.ReportScope.MERCHANT
            if args.merchant
            else report.ReportScope.TERMINAL,
        )
    )
    return _write_out(found, _format(args), args.output, render_report)


def cmd_report_analytics(args: argparse.Namespace, out: Output) -> int:
    from ...render import analytics as render_analytics

    t = terminal_of(args)
    date_from = report.parse_day(args.date_from, "--from")
    date_to = report.parse_day(args.date_to, "--to")
    fmt = _format(args)
    if fmt == "pdf" and args.output is None:
        raise BadInput(_("A PDF needs --output FILE."))
    if args.output is not None:
        output_folder(args.output)
    analytics.check(t, date_from, date_to, args.interval, args.scope)
    sign_in(args)  # audited, like every sign-in
    analytics.require_manager(t, args.operator)
    found = jsonable(
        analytics.analytics(
            t, date_from=date_from, date_to=date_to, interval=args.interval, scope=args.scope
        )
    )
    return _write_out(found, fmt, args.output, render_analytics)


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", default="table", choices=FORMATS)
    parser.add_argument("--output", metavar="FILE", help=_("write here (needed for pdf)"))


class _Renderer(Protocol):
    """A report's renderer (render/report.py, render/analytics.py)."""

    def to_table(self, r: dict[str, Any]) -> str: ...
    def to_csv(self, r: dict[str, Any]) -> str: ...
    def to_pdf(self, r: dict[str, Any], path: Path) -> None: ...


def _format(args: argparse.Namespace) -> str:
    """--format, where --json stands for json unless another format was named."""
    return "json" if args.json and args.format == "table" else str(args.format)


def _write_out(found: Any, fmt: str, output: str | None, render: _Renderer) -> int:
    """Write `found` as `fmt` to `output` (a PDF needs one), or to stdout."""
    if fmt == "pdf":
        if output is None:
            raise BadInput(_("A PDF needs --output FILE."))
        output_folder(output)
        try:
            render.to_pdf(found, Path(output))
        except OSError as error:
            raise cannot_write(output, error) from None
        print(_("Wrote {file}").format(file=output), file=sys.stderr)
        return 0
    text = {"json": json_text, "csv": render.to_csv, "table": render.to_table}[fmt](found)
    document(text if text.endswith("\n") else text + "\n", output)
    return 0
