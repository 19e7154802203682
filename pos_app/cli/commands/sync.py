"""`pos-app sync` (until Ctrl-C, or `--once`), `sync status`, and `conflicts list |
resolve`: what the backend refused."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ...i18n import _, ngettext
from ...i18n.formats import number
from ...services import DiskFull, DiskFullError, Refused, Terminal, syncing, validate
from ..output import Listing, Output, jsonable
from ..session import approved, terminal_of


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = commands.add_parser("sync", help=_("push the queue and pull the cache"))
    sync.add_argument(
        "--once",
        action="store_true",
        help=_("try everything now, then stop (default: run until Ctrl-C)"),
    )
    sync_sub = sync.add_subparsers(dest="sync_command", metavar="SUBCOMMAND")
    status = sync_sub.add_parser("status", help=_("pending, conflicts, online, last sync"))
    status.set_defaults(handler=cmd_sync_status)
    sync.set_defaults(handler=cmd_sync)

    conflicts = commands.add_parser("conflicts", help=_("operations the backend refused"))
    conflicts_sub = conflicts.add_subparsers(
        dest="conflicts_command", metavar="SUBCOMMAND", required=True
    )
    conflicts_sub.add_parser("list", help=_("list them")).set_defaults(handler=cmd_conflicts_list)
    resolve = conflicts_sub.add_parser(
        "resolve",
        help=_(
            "retry, accept the loss, or void the local record (a manager's approval, PIN on stdin)"
        ),
    )
    resolve.add_argument("id", metavar="ID", help=_("the conflict's id (from conflicts list)"))
    resolve.add_argument(
        "--resolution", required=True, choices=("retry", "accept_loss", "void_local")
    )
    resolve.add_argument(
        "--manager", required=True, metavar="NAME", help=_("the approving manager (PIN on stdin)")
    )
    resolve.add_argument("--note", required=True, metavar="TEXT", help=_("why"))
    resolve.set_defaults(handler=cmd_conflicts_resolve, reads_pins=True)


@dataclass(frozen=True, slots=True)
class SyncAnswer:
    """`sync --once --json`: what one round did, and what is left."""

    pushed: int
    conflicts_new: int
    refused: int
    retrying: int
    pulled_customers: int
    pulled_redemptions: int
    pending: int
    conflicts: int
    online: bool
    errors: list[str]
    paused: str | None


def cmd_sync(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    if args.once:
        return _sync_once(t, out)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    t.bus.subscribe(lambda event: print(f"{datetime.now():%H:%M:%S} {event}", flush=True))
    print(_("Syncing; stop with Ctrl-C."), file=sys.stderr, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        t.engine.run_forever(stop)
    return 0


def _sync_once(t: Terminal, out: Output) -> int:
    try:
        report = syncing.sync_once(t)
    except DiskFull:
        raise DiskFullError(
            _(
                "The disk is full: the sync stopped. What the loyalty service applied stays "
                "queued here and is recorded by the next sync once space is freed (the same "
                "keys are replayed: nothing is applied twice)."
            )
        ) from None
    status = syncing.status(t, probe=False)
    out.emit(
        SyncAnswer(
            pushed=report.pushed,
            conflicts_new=report.conflicts,
            refused=report.refused,
            retrying=report.retrying,
            pulled_customers=report.pulled_customers,
            pulled_redemptions=report.pulled_redemptions,
            pending=status.pending,
            conflicts=status.conflicts,
            online=report.reached_backend,
            errors=report.errors[:5],
            paused=report.paused,
        ),
        _(
            "Pushed {pushed}, {pending} pending, {conflicts} conflicts; pulled {customers} "
            "customers, {redemptions} redemptions."
        ).format(
            pushed=number(report.pushed),
            pending=number(status.pending),
            conflicts=number(status.conflicts),
            customers=number(report.pulled_customers),
            redemptions=number(report.pulled_redemptions),
        )
        + ("" if report.reached_backend else " " + _("The backend cannot be reached."))
        + (" " + _("Sync paused: {why}").format(why=_(report.paused)) if report.paused else ""),
    )
    if report.paused:
        return _paused(report.paused_code, report.paused, status.pending)
    if not report.reached_backend:
        print(
            "pos-app: "
            + ngettext(
                "the loyalty service cannot be reached; {n} operation waits to sync.",
                "the loyalty service cannot be reached; {n} operations wait to sync.",
                status.pending,
            ).format(n=number(status.pending)),
            file=sys.stderr,
        )
    return 0 if report.reached_backend else 4


@dataclass(frozen=True, slots=True)
class StatusAnswer:
    """`sync status --json`: the status, and what keeps this terminal from its backend."""

    status: syncing.QueueStatus
    problem: str | None

    def as_json(self) -> dict[str, Any]:
        return {**jsonable(self.status), "problem": self.problem}


def cmd_sync_status(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    status = syncing.status(t)

    def text() -> str:
        online = {True: _("online"), False: _("offline"), None: _no_backend(t)}[status.online]
        if status.paused:
            online = _("the backend refuses this terminal")
        when = status.last_sync
        last = when.strftime("%Y-%m-%d %H:%M:%S UTC") if when else _("never")
        return _(
            "{online}; {pending} pending, {conflicts} conflicts; last sync {last}; "
            "terminal {terminal}"
        ).format(
            online=online,
            pending=number(status.pending),
            conflicts=number(status.conflicts),
            last=last,
            terminal=status.terminal_id,
        ) + ("; " + _("sync paused: {why}").format(why=_(status.paused)) if status.paused else "")

    out.emit(StatusAnswer(status, t.missing_backend or None), text)
    if status.paused:
        return _paused(status.paused_code, status.paused, status.pending)
    return 0


def _paused(code: str | None, reason: str, pending: int) -> int:
    """The backend refuses this terminal: say why and what to do; exit 2 (key) or 4."""
    exit_code, message = syncing.paused_exit(code, reason)
    waiting = ngettext(
        "{n} operation waits to sync.", "{n} operations wait to sync.", pending
    ).format(n=number(pending))
    print(f"pos-app: {message} {waiting}", file=sys.stderr, flush=True)
    return exit_code


def _no_backend(t: Terminal) -> str:
    """Why there is no backend to ask: none configured, or its API key is missing."""
    if t.config.backend_url:
        return _("no API key for {url} (set LOYALPRO_API_KEY, or run 'pos-app login')").format(
            url=t.config.backend_url
        )
    return _("no backend configured")


def cmd_conflicts_list(args: argparse.Namespace, out: Output) -> int:
    found = syncing.conflicts(terminal_of(args))
    text = "\n".join(
        f"#{c.entry.id} {c.entry.kind.value} {c.entry.redemption_code or ''} "
        f"{c.entry.customer_id} "
        + _("{points} pts at {time}: {error}").format(
            points=number(c.points) if c.points else "",
            time=f"{c.entry.created_at:%Y-%m-%d %H:%M}",
            error=_(c.entry.last_error) if c.entry.last_error else "",
        )
        for c in found
    ) or _("No conflicts.")
    out.emit(Listing(found), text)
    return 0


def cmd_conflicts_resolve(args: argparse.Namespace, out: Output) -> int:
    t = terminal_of(args)
    entry_id = validate.points(args.id, what=_("The conflict id"))
    validate.reason(args.note, required=True)
    if not any(c.entry.id == entry_id for c in syncing.conflicts(t)):
        raise Refused(
            _("There is no open conflict #{id}.").format(id=entry_id), "conflict_not_found"
        )
    ok = approved(args, "resolve_conflict", str(entry_id), args.note)
    from ...services import approvals  # only to resolve a conflict

    result = approvals.resolve_conflict(
        t, entry_id, args.resolution, args.note, approval=ok, operator=args.operator
    )
    out.emit(
        result,
        _("Conflict #{id}: {message}.").format(id=entry_id, message=result.message),
    )
    return 0
