"""`pos-app audit verify | list | export`: the tamper-evident audit log."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass

from ...i18n import _
from ...services import auditing, validate
from ..output import Listing, Output, document, output_folder
from ..session import terminal_of


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit_cmd = commands.add_parser("audit", help=_("the tamper-evident audit log"))
    audit_sub = audit_cmd.add_subparsers(dest="audit_command", metavar="SUBCOMMAND", required=True)
    audit_verify = audit_sub.add_parser(
        "verify",
        help=_(
            "check the hash chain and its anchors: SQLite's counter, the anchor file, and "
            "any --head (exit 3 if anything disagrees)"
        ),
    )
    audit_verify.add_argument(
        "--head",
        action="append",
        default=[],
        metavar="SEQ:HASH",
        help=_(
            "a head printed on an end-of-day report, or received by the backend as "
            "metadata audit_head (repeatable)"
        ),
    )
    audit_verify.set_defaults(handler=cmd_audit_verify)
    audit_list = audit_sub.add_parser("list", help=_("the newest entries, in sentences"))
    audit_list.add_argument("--limit", default="50", help=_("at most this many (default 50)"))
    audit_list.set_defaults(handler=cmd_audit_list)
    audit_export = audit_sub.add_parser("export", help=_("the whole log as CSV or JSON lines"))
    audit_export.add_argument("--format", default="csv", choices=("csv", "json"))
    audit_export.add_argument(
        "--output", metavar="FILE", help=_("write it to FILE (default: stdout)")
    )
    audit_export.set_defaults(handler=cmd_audit_export)


@dataclass(frozen=True, slots=True)
class Verdict:
    """`audit verify --json`: intact or not, the head, and each problem found."""

    ok: bool
    head: str | None
    problems: Sequence[object]  # each with its seq and its problem


def cmd_audit_verify(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    problems = auditing.verify(t, args.head)
    head = auditing.head(t)
    out.emit(
        Verdict(not problems, head, problems),
        (
            _("The audit log is intact (head {head}).").format(head=head)
            if head
            else _("The audit log is intact (head none: empty).")
        )
        if not problems
        else "\n".join(f"#{p.seq}: {p.problem}" for p in problems),
    )
    return 0 if not problems else 3


def cmd_audit_list(args: argparse.Namespace, out: Output) -> int:
    limit = validate.points(args.limit, what=_("Limit"))
    t = terminal_of(args)
    found = auditing.entries(t, min(limit, 10_000))
    zone = t.config.time_zone()
    # For people: each entry as a sentence, in the store's time (--json keeps the fields).
    out.emit(
        Listing(found),
        "\n".join(
            f"#{e.seq:<5} {e.at.astimezone(zone):%Y-%m-%d %H:%M}  {e.text}"
            for e in auditing.described(t, min(limit, 10_000))
        )
        or _("The audit log is empty."),
    )
    return 0


def cmd_audit_export(args: argparse.Namespace, out: Output) -> int:
    if args.output is not None:
        output_folder(args.output)
    document(auditing.export(terminal_of(args), args.format), args.output)
    return 0
