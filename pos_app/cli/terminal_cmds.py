"""The terminal's commands: customers, redeem, award, history, codes, sync, conflicts."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..config import ConfigError, load_config
from ..credentials import CredentialError, get_api_key, store_api_key
from ..domain.money import format_money
from ..services import (
    BackendUnavailable,
    BadInput,
    DiskFullError,
    Refused,
    ServiceError,
    Terminal,
    auditing,
    codes,
    lookup,
    manager,
    points,
    redeem,
    report,
    staff,
    syncing,
)
from ..store import DiskFull, StoreError, is_disk_full
from ..store import cache as store_cache

log = logging.getLogger("pos_app.cli")


def add_terminal_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    login = commands.add_parser(
        "login", help="store the backend's API key (read from stdin) in the OS keyring"
    )
    login.set_defaults(handler=cmd_login)

    customer = commands.add_parser("customer", help="look customers up, enrol one")
    sub = customer.add_subparsers(dest="customer_command", metavar="SUBCOMMAND", required=True)
    show = sub.add_parser("show", help="one customer with balance, tier and expiring points")
    show.add_argument("customer_id", metavar="ID")
    show.set_defaults(handler=cmd_customer_show)
    find = sub.add_parser("find", help="search by name, phone, email, card number or id")
    find.add_argument("query", metavar="QUERY")
    find.add_argument("--limit", default="20", help="at most this many (default 20)")
    find.set_defaults(handler=cmd_customer_find)
    enrol = sub.add_parser("enrol", help="enrol a new customer (needs the backend)")
    enrol.add_argument("--name", required=True)
    enrol.add_argument("--email")
    enrol.add_argument("--phone")
    enrol.add_argument("--card", dest="card_number", metavar="CARD_NUMBER")
    enrol.set_defaults(handler=cmd_customer_enrol)

    red = commands.add_parser("redeem", help="redeem points for a reward; prints the code")
    red.add_argument("--customer", required=True, metavar="ID")
    red.add_argument("--reward", required=True, metavar="ID")
    red.add_argument("--points", metavar="N", help="must equal the reward's cost, if given")
    red.add_argument(
        "--manager",
        metavar="NAME",
        help="a manager approves going past the offline policy (PIN on stdin)",
    )
    red.add_argument("--override-reason", metavar="TEXT", help="why the manager approves")
    red.set_defaults(handler=cmd_redeem)

    award = commands.add_parser("award", help="award points to a customer")
    award.add_argument("--customer", required=True, metavar="ID")
    award.add_argument("--points", required=True, metavar="N")
    award.add_argument("--reason", required=True, metavar="TEXT")
    award.add_argument("--bonus", action="store_true", help="a bonus, not a purchase")
    award.add_argument(
        "--expires-at",
        metavar="TIMESTAMP",
        help="when these points expire, e.g. 2026-12-31T23:59:59Z",
    )
    award.set_defaults(handler=cmd_award)

    hist = commands.add_parser("history", help="a customer's points history, newest first")
    hist.add_argument("--customer", required=True, metavar="ID")
    hist.add_argument("--limit", default="20", metavar="N", help="1-100 (default 20)")
    hist.set_defaults(handler=cmd_history)

    code = commands.add_parser("code", help="verify a REDEEM code, mark it used")
    code_sub = code.add_subparsers(dest="code_command", metavar="SUBCOMMAND", required=True)
    verify = code_sub.add_parser("verify", help="is this code valid, and for what discount?")
    verify.add_argument("code", metavar="CODE")
    verify.set_defaults(handler=cmd_code_verify)
    use = code_sub.add_parser("use", help="mark a code used (one time)")
    use.add_argument("code", metavar="CODE")
    use.set_defaults(handler=cmd_code_use)

    sync = commands.add_parser("sync", help="push the queue and pull the cache")
    sync.add_argument(
        "--once",
        action="store_true",
        help="try everything now, then stop (default: run until Ctrl-C)",
    )
    sync_sub = sync.add_subparsers(dest="sync_command", metavar="SUBCOMMAND")
    status = sync_sub.add_parser("status", help="pending, conflicts, online, last sync")
    status.set_defaults(handler=cmd_sync_status)
    sync.set_defaults(handler=cmd_sync)

    conflicts = commands.add_parser("conflicts", help="operations the backend refused")
    conflicts_sub = conflicts.add_subparsers(
        dest="conflicts_command", metavar="SUBCOMMAND", required=True
    )
    conflicts_sub.add_parser("list", help="list them").set_defaults(handler=cmd_conflicts_list)
    resolve = conflicts_sub.add_parser(
        "resolve",
        help="retry, accept the loss, or void the "
        "local record (a manager's approval, PIN on stdin)",
    )
    resolve.add_argument("id", metavar="ID", help="the conflict's id (from conflicts list)")
    resolve.add_argument(
        "--resolution", required=True, choices=("retry", "accept_loss", "void_local")
    )
    resolve.add_argument("--manager", required=True, metavar="NAME")
    resolve.add_argument("--note", required=True, metavar="TEXT", help="why")
    resolve.set_defaults(handler=cmd_conflicts_resolve)

    staff = commands.add_parser("staff", help="cashier and manager accounts (PINs on stdin)")
    staff_sub = staff.add_subparsers(dest="staff_command", metavar="SUBCOMMAND", required=True)
    add = staff_sub.add_parser(
        "add", help="add an account; its PIN (4-8 digits) is read from stdin"
    )
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=("cashier", "manager"))
    add.set_defaults(handler=cmd_staff_add)
    staff_sub.add_parser("list", help="list the accounts").set_defaults(handler=cmd_staff_list)
    disable = staff_sub.add_parser("disable", help="disable an account")
    disable.add_argument("name", metavar="NAME")
    disable.set_defaults(handler=cmd_staff_disable)
    reset = staff_sub.add_parser(
        "reset-pin", help="set a new PIN (read from stdin); also lifts a lock-out"
    )
    reset.add_argument("name", metavar="NAME")
    reset.set_defaults(handler=cmd_staff_reset_pin)

    adjust = commands.add_parser(
        "adjust", help="adjust a customer's points (a manager's approval: --manager, PIN on stdin)"
    )
    adjust.add_argument("--customer", required=True, metavar="ID")
    adjust.add_argument("--points", required=True, metavar="N", help="signed, not 0")
    adjust.add_argument("--reason", required=True, metavar="TEXT")
    adjust.add_argument("--manager", required=True, metavar="NAME")
    adjust.set_defaults(handler=cmd_adjust)

    void = commands.add_parser(
        "void",
        help="void a redemption, points go back (a manager's approval: --manager, PIN on stdin)",
    )
    void.add_argument("code", metavar="CODE")
    void.add_argument("--reason", required=True, metavar="TEXT")
    void.add_argument("--manager", required=True, metavar="NAME")
    void.set_defaults(handler=cmd_void)

    report = commands.add_parser("report", help="the redemption report")
    report_sub = report.add_subparsers(dest="report_command", metavar="SUBCOMMAND", required=True)
    daily = report_sub.add_parser("daily", help="one day (default today) or a range")
    daily.add_argument("--date", metavar="YYYY-MM-DD")
    daily.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    daily.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    daily.add_argument(
        "--store",
        action="store_true",
        help="the whole store, from the backend (default: this terminal)",
    )
    daily.add_argument("--format", default="table", choices=("table", "csv", "json", "pdf"))
    daily.add_argument("--output", metavar="FILE", help="write here (needed for pdf)")
    daily.set_defaults(handler=cmd_report_daily)

    audit_cmd = commands.add_parser("audit", help="the tamper-evident audit log")
    audit_sub = audit_cmd.add_subparsers(dest="audit_command", metavar="SUBCOMMAND", required=True)
    audit_sub.add_parser("verify", help="check the hash chain (exit 3 if broken)").set_defaults(
        handler=cmd_audit_verify
    )
    audit_list = audit_sub.add_parser("list", help="the newest entries")
    audit_list.add_argument("--limit", default="50")
    audit_list.set_defaults(handler=cmd_audit_list)
    audit_export = audit_sub.add_parser("export", help="the whole log as CSV or JSON lines")
    audit_export.add_argument("--format", default="csv", choices=("csv", "json"))
    audit_export.add_argument("--output", metavar="FILE")
    audit_export.set_defaults(handler=cmd_audit_export)

    recovery = commands.add_parser(
        "recovery", help="redemptions whose code may never have been shown (after a crash)"
    )
    recovery_sub = recovery.add_subparsers(
        dest="recovery_command", metavar="SUBCOMMAND", required=True
    )
    recovery_sub.add_parser("list", help="list them").set_defaults(handler=cmd_recovery_list)
    show_code = recovery_sub.add_parser(
        "show", help="show a recovered code again, and mark it shown"
    )
    show_code.add_argument("code", metavar="CODE")
    show_code.set_defaults(handler=cmd_recovery_show)


# ------------------------------------------------------------------ plumbing
class Output:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def emit(self, payload: dict[str, Any], text: str) -> None:
        if self.as_json:
            print(json.dumps(payload, ensure_ascii=False, default=str), flush=True)
        else:
            print(text, flush=True)


def run_terminal_command(args: argparse.Namespace) -> int:
    out = Output(args.json)
    handler: Callable[[argparse.Namespace, Output], int] = args.handler
    try:
        if handler is cmd_login:
            return cmd_login(args, out)
        config = load_config(
            data_dir=args.data_dir, backend_url=args.backend, terminal_id=args.terminal_id
        )
        api_key = get_api_key(config.backend_url) if config.backend_url else None
        with Terminal(config, api_key=api_key) as terminal:
            args.terminal = terminal
            args.operator = staff.check_operator(terminal, getattr(args, "operator", None))
            _warn_unshown(terminal, args)
            return handler(args, out)
    except ServiceError as error:
        return _fail(out, error.exit_code, error.code, error.message)
    except (ConfigError, CredentialError) as error:
        return _fail(out, 2, "config", str(error))
    except DiskFull:  # services catch it wherever the backend had applied something
        return _fail(out, DiskFullError.exit_code, "disk_full", DiskFullError().message)
    except StoreError as error:
        return _fail(out, 1, "store", str(error))
    except KeyboardInterrupt:
        return _fail(out, 130, "interrupted", "Interrupted.")
    except Exception as error:  # never a traceback on the screen; the log has it
        log.debug("unexpected error", exc_info=True)
        if is_disk_full(error):  # an export or report file on a full disk
            return _fail(out, DiskFullError.exit_code, "disk_full", DiskFullError().message)
        return _fail(
            out,
            1,
            "unexpected",
            f"Unexpected error ({type(error).__name__}); run with -v for details.",
        )


def _fail(out: Output, status: int, code: str, message: str) -> int:
    print(f"pos-app: {message}", file=sys.stderr, flush=True)
    if out.as_json:
        print(
            json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False),
            flush=True,
        )
    return status


def _warn_unshown(t: Terminal, args: argparse.Namespace) -> None:
    if args.handler in (cmd_recovery_list, cmd_recovery_show):
        return
    for red in redeem.unshown(t):
        print(
            f"pos-app: recovered redemption {red.code} ({red.points:,} points for "
            f"{red.customer_name or red.customer_id}, status {red.status.value}) may never "
            f"have been shown: 'pos-app recovery show {red.code}' shows it again.",
            file=sys.stderr,
        )


def _warn(message: str) -> None:
    print(f"pos-app: warning: {message}", file=sys.stderr, flush=True)


def _unrecorded(recorded: bool) -> str:
    """What a full disk changes in a success line: nothing the customer gets, only when
    this terminal writes it down (a retry would apply it twice)."""
    return "" if recorded else " Recorded on this terminal when disk space allows."


def _terminal(args: argparse.Namespace) -> Terminal:
    t: Terminal = args.terminal
    return t


# ------------------------------------------------------------------ commands
def cmd_login(args: argparse.Namespace, out: Output) -> int:
    config = load_config(
        data_dir=args.data_dir, backend_url=args.backend, terminal_id=args.terminal_id
    )
    if not config.backend_url:
        raise BadInput("Say which backend the key is for: --backend URL or POS_APP_BACKEND_URL.")
    if sys.stdin.isatty():
        import getpass

        key = getpass.getpass("API key: ")
    else:
        key = sys.stdin.readline()
    if not key.strip():
        raise BadInput("No API key was given on stdin.")
    store_api_key(config.backend_url, key)
    out.emit(
        {"stored": True, "backend_url": config.backend_url},
        f"API key stored in the OS keyring for {config.backend_url}.",
    )
    return 0


def _customer_json(view: lookup.CustomerView) -> dict[str, Any]:
    c = view.customer
    return {
        "object": "customer",
        "id": c.id,
        "name": c.name,
        "email": c.email,
        "phone": c.phone,
        "card_number": c.card_number,
        "points_balance": c.points_balance,
        "projected_balance": view.projected_balance,
        "pending_points": view.pending_points,
        "lifetime_points": c.lifetime_points,
        "tier": {"id": c.tier_id, "name": c.tier_name} if c.tier_id else None,
        "points_expiring": [
            {"points": lot.points, "expires_at": lot.expires_at.isoformat()}
            for lot in c.points_expiring
        ],
        "cached_at": c.cached_at.isoformat(),
        "source": view.source,
    }


def cmd_customer_show(args: argparse.Namespace, out: Output) -> int:
    view = lookup.show(_terminal(args), args.customer_id)
    c = view.customer
    lines = [
        f"{c.name} ({c.id})",
        f"  tier: {c.tier_name or '-'}",
        f"  points: {c.points_balance:,}"
        + (
            f" ({view.projected_balance:,} after {view.pending_points:,} waiting to sync)"
            if view.pending_points
            else ""
        ),
    ]
    lines += [
        f"  expiring: {lot.points:,} on {lot.expires_at:%Y-%m-%d}" for lot in c.points_expiring
    ]
    lines += [
        f"  phone: {c.phone or '-'}  email: {c.email or '-'}  card: {c.card_number or '-'}",
        f"  as of {c.cached_at:%Y-%m-%d %H:%M:%S} UTC ({view.source})",
    ]
    out.emit(_customer_json(view), "\n".join(lines))
    return 0


def cmd_customer_find(args: argparse.Namespace, out: Output) -> int:
    from ..services import validate

    limit = validate.points(args.limit, what="Limit")
    if limit > 100:
        raise BadInput("Limit must be at most 100.")
    found = lookup.find(_terminal(args), args.query, limit)
    payload = {
        "object": "list",
        "data": [
            {
                "id": c.id,
                "name": c.name,
                "phone": c.phone,
                "email": c.email,
                "card_number": c.card_number,
                "tier": c.tier_name,
                "points_balance": c.points_balance,
            }
            for c in found
        ],
    }
    text = (
        "\n".join(
            f"{c.id}  {c.name:<28} {c.phone or '':<15} {c.tier_name or '-':<7} "
            f"{c.points_balance:>8,} pts"
            for c in found
        )
        or "No customer found."
    )
    out.emit(payload, text)
    return 0


def cmd_customer_enrol(args: argparse.Namespace, out: Output) -> int:
    created = points.enrol(
        _terminal(args), args.name, email=args.email, phone=args.phone, card_number=args.card_number
    )
    if store_cache.get_customer(_terminal(args).db.conn, created.id) is None:
        _warn(
            f"the disk is full: {created.id} is enrolled; it reaches this terminal's cache "
            "at the next sync once space is freed. Do not enrol them again."
        )
    out.emit(
        {
            "object": "customer",
            "id": created.id,
            "name": created.name,
            "points_balance": created.points_balance,
        },
        f"Enrolled {created.name}: {created.id}",
    )
    return 0


def cmd_redeem(args: argparse.Namespace, out: Output) -> int:
    t = _terminal(args)
    approval = None
    if args.manager or args.override_reason:
        if not (args.manager and args.override_reason):
            raise BadInput("An offline override needs both --manager and --override-reason.")
        approval = _manager_approval(
            t, args.manager, "offline_override", args.customer, args.override_reason
        )
    result = redeem.redeem(
        t, args.customer, args.reward, args.points, operator=args.operator, override=approval
    )
    status = "CONFIRMED" if result.status == "confirmed" else "OFFLINE - will sync"
    out.emit(
        result.as_json(),
        f"{result.code}\n  {result.reward_name}: "
        f"{format_money(result.discount_amount, result.currency)} off, "
        f"{result.points:,} points\n  {status}; balance after: {result.balance_after:,}",
    )
    if not result.recorded:
        _warn(
            f"the disk is full: {result.code} is {result.status} and must be given to the "
            "customer; it is recorded on this terminal when disk space allows."
        )
    if not redeem.mark_shown(t, result.code) and result.recorded:
        _warn(f"the disk is full: {result.code} was shown; 'recovery list' may list it again.")
    return 0


def cmd_award(args: argparse.Namespace, out: Output) -> int:
    from ..services import validate

    validate.reason(args.reason, required=True)  # the command line asks for one
    expires = None
    if args.expires_at is not None:
        try:
            expires = datetime.fromisoformat(args.expires_at.strip())
        except ValueError:
            raise BadInput(
                f"{args.expires_at!r} is not a timestamp; use e.g. 2026-12-31T23:59:59Z."
            ) from None
    result = points.award(
        _terminal(args),
        args.customer,
        args.points,
        args.reason,
        bonus=args.bonus,
        expires_at=expires,
    )
    text = f"Awarded {result.points:,} points to {result.customer_id}: " + (
        f"balance {result.balance_after:,}."
        if result.status == "confirmed"
        else "offline, will sync."
    )
    out.emit(result.as_json(), text + _unrecorded(result.recorded))
    return 0


def cmd_history(args: argparse.Namespace, out: Output) -> int:
    found = points.history(_terminal(args), args.customer, args.limit)
    payload = {
        "object": "list",
        "customer_id": found.customer_id,
        "source": found.source,
        "data": [line.as_json() for line in found.lines],
    }
    text = (
        "\n".join(
            f"{line.at:%Y-%m-%d %H:%M}  {line.type:<9} {line.points:>+8,}  "
            f"{'' if line.balance_after is None else format(line.balance_after, ','):>8}  "
            f"{line.reason or ''}{'' if line.synced else '  [not synced yet]'}"
            for line in found.lines
        )
        or "No history."
    )
    if found.source == "cache":
        text += "\n(offline: last history seen online, plus operations waiting to sync)"
    out.emit(payload, text)
    return 0


def cmd_code_verify(args: argparse.Namespace, out: Output) -> int:
    found = codes.verify(_terminal(args), args.code)
    r = found.redemption
    out.emit(
        found.as_json(),
        f"{r.code}: {found.description}\n  "
        f"{format_money(r.discount_amount, r.currency)} off ({r.points:,} points, "
        f"customer {r.customer_id})",
    )
    return 0 if found.usable else 3


def cmd_code_use(args: argparse.Namespace, out: Output) -> int:
    found = codes.use(_terminal(args), args.code, operator=args.operator)
    r = found.redemption
    out.emit(
        found.as_json(),
        f"{r.code} marked used: give "
        f"{format_money(r.discount_amount, r.currency)} off."
        + ("" if found.source == "backend" else " (offline, will sync)")
        + _unrecorded(found.recorded),
    )
    return 0


def cmd_sync(args: argparse.Namespace, out: Output) -> int:
    t = _terminal(args)
    if args.once:
        try:
            report = syncing.sync_once(t)
        except DiskFull:
            raise DiskFullError(
                "The disk is full: the sync stopped. What the loyalty service applied stays "
                "queued here and is recorded by the next sync once space is freed (the same "
                "keys are replayed: nothing is applied twice)."
            ) from None
        status = syncing.status(t, probe=False)
        payload = {
            "pushed": report.pushed,
            "conflicts_new": report.conflicts,
            "refused": report.refused,
            "retrying": report.retrying,
            "pulled_customers": report.pulled_customers,
            "pulled_redemptions": report.pulled_redemptions,
            "pending": status.pending,
            "conflicts": status.conflicts,
            "online": report.reached_backend,
            "errors": report.errors[:5],
        }
        out.emit(
            payload,
            f"Pushed {report.pushed}, {status.pending} pending, "
            f"{status.conflicts} conflicts; pulled {report.pulled_customers} customers, "
            f"{report.pulled_redemptions} redemptions."
            + ("" if report.reached_backend else " The backend cannot be reached."),
        )
        if not report.reached_backend:
            print(
                "pos-app: the loyalty service cannot be reached; "
                f"{status.pending} operations wait to sync.",
                file=sys.stderr,
            )
        return 0 if report.reached_backend else 4
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    t.bus.subscribe(lambda event: print(f"{datetime.now():%H:%M:%S} {event}", flush=True))
    print("Syncing; stop with Ctrl-C.", file=sys.stderr, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        t.engine.run_forever(stop)
    return 0


def cmd_sync_status(args: argparse.Namespace, out: Output) -> int:
    status = syncing.status(_terminal(args))
    online = {True: "online", False: "offline", None: "no backend configured"}[status.online]
    last = status.last_sync.strftime("%Y-%m-%d %H:%M:%S UTC") if status.last_sync else "never"
    out.emit(
        status.as_json(),
        f"{online}; {status.pending} pending, {status.conflicts} "
        f"conflicts; last sync {last}; terminal {status.terminal_id}",
    )
    return 0


def cmd_conflicts_list(args: argparse.Namespace, out: Output) -> int:
    found = syncing.conflicts(_terminal(args))
    payload = {"object": "list", "data": [c.as_json() for c in found]}
    text = (
        "\n".join(
            f"#{c.entry.id} {c.entry.kind.value} {c.entry.redemption_code or ''} "
            f"{c.entry.customer_id} {c.points or ''} pts at {c.entry.created_at:%Y-%m-%d %H:%M}: "
            f"{c.entry.last_error}"
            for c in found
        )
        or "No conflicts."
    )
    out.emit(payload, text)
    return 0


def cmd_recovery_list(args: argparse.Namespace, out: Output) -> int:
    found = redeem.unshown(_terminal(args))
    payload = {
        "object": "list",
        "data": [
            {
                "code": r.code,
                "status": r.status.value,
                "customer_id": r.customer_id,
                "points": r.points,
                "created_at": r.created_at.isoformat(),
            }
            for r in found
        ],
    }
    out.emit(
        payload,
        "\n".join(f"{r.code} {r.status.value} {r.customer_id} {r.points} pts" for r in found)
        or "Nothing to recover.",
    )
    return 0


def cmd_recovery_show(args: argparse.Namespace, out: Output) -> int:
    from ..services import validate
    from ..store import redemptions as store_redemptions

    t = _terminal(args)
    code = validate.code(args.code)
    found = store_redemptions.get(t.db.conn, code)
    if found is None or found.origin != "local":
        raise Refused(f"{code} was not made at this terminal.", "redemption_not_found")
    out.emit(
        {
            "code": found.code,
            "status": found.status.value,
            "points": found.points,
            "discount_amount": found.discount_amount,
            "currency": found.currency,
            "customer_id": found.customer_id,
        },
        f"{found.code} ({found.status.value}): "
        f"{format_money(found.discount_amount, found.currency)} off for "
        f"{found.customer_name or found.customer_id}",
    )
    redeem.mark_shown(t, found.code)
    return 0


def _manager_approval(
    t: Terminal, manager_name: str, action: str, subject: str | None, reason: str
) -> staff.Approval:
    """A manager's approval on the command line: their name as an option, their PIN on
    stdin (or typed without echo at a terminal)."""
    return staff.approve(
        t,
        manager_name,
        _read_secret("Manager PIN: "),
        action=action,
        subject=subject,
        reason=reason,
    )


def _read_secret(prompt: str) -> str:
    """A PIN: typed without echo at a terminal, or one line of stdin for scripts."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line.strip():
        raise BadInput("No PIN was given on stdin.")
    return line.strip()


def cmd_staff_add(args: argparse.Namespace, out: Output) -> int:
    member = staff.add_staff(
        _terminal(args), args.name, args.role, _read_secret("PIN: "), actor=args.operator
    )
    out.emit(member.as_json(), f"Added {member.role} {member.name}.")
    return 0


def cmd_staff_list(args: argparse.Namespace, out: Output) -> int:
    found = staff.list_staff(_terminal(args))
    out.emit(
        {"object": "list", "data": [m.as_json() for m in found]},
        "\n".join(f"{m.name:<30} {m.role:<8} {'active' if m.active else 'disabled'}" for m in found)
        or "No staff yet: add a manager first.",
    )
    return 0


def cmd_staff_disable(args: argparse.Namespace, out: Output) -> int:
    member = staff.disable_staff(_terminal(args), args.name, actor=args.operator)
    out.emit(member.as_json(), f"Disabled {member.name}.")
    return 0


def cmd_staff_reset_pin(args: argparse.Namespace, out: Output) -> int:
    member = staff.reset_pin(
        _terminal(args), args.name, _read_secret("New PIN: "), actor=args.operator
    )
    out.emit(member.as_json(), f"New PIN set for {member.name}.")
    return 0


def cmd_adjust(args: argparse.Namespace, out: Output) -> int:
    t = _terminal(args)
    approval = _manager_approval(t, args.manager, "adjust", args.customer, args.reason)
    result = manager.adjust(
        t, args.customer, args.points, args.reason, approval=approval, operator=args.operator
    )
    out.emit(
        {"customer_id": args.customer, **result.as_json()},
        f"Adjusted {args.customer}: "
        + (
            f"balance {result.balance_after:,}."
            if result.balance_after is not None
            else "offline, will sync."
        )
        + _unrecorded(result.recorded),
    )
    return 0


def cmd_void(args: argparse.Namespace, out: Output) -> int:
    t = _terminal(args)
    approval = _manager_approval(t, args.manager, "void", args.code, args.reason)
    result = manager.void(t, args.code, args.reason, approval=approval, operator=args.operator)
    out.emit(
        {"code": args.code.strip().upper(), **result.as_json()},
        "Voided; the points go back to the customer"
        + ("." if result.status == "confirmed" else " when the terminal syncs.")
        + _unrecorded(result.recorded),
    )
    return 0


def cmd_conflicts_resolve(args: argparse.Namespace, out: Output) -> int:
    t = _terminal(args)
    from ..services import validate

    entry_id = validate.points(args.id, what="The conflict id")
    approval = _manager_approval(t, args.manager, "resolve_conflict", str(entry_id), args.note)
    result = manager.resolve_conflict(
        t, entry_id, args.resolution, args.note, approval=approval, operator=args.operator
    )
    out.emit(
        {"id": entry_id, "resolution": args.resolution, "result": result},
        f"Conflict #{entry_id}: {result}.",
    )
    return 0


def cmd_report_daily(args: argparse.Namespace, out: Output) -> int:
    from pathlib import Path

    from ..render import report as render_report

    t = _terminal(args)
    found = report.daily(
        t,
        day=report.parse_day(args.date, "--date") if args.date else None,
        date_from=report.parse_day(args.date_from, "--from") if args.date_from else None,
        date_to=report.parse_day(args.date_to, "--to") if args.date_to else None,
        scope="store" if args.store else "terminal",
    ).as_json()
    fmt = "json" if args.json and args.format == "table" else args.format
    if fmt == "pdf":
        if not args.output:
            raise BadInput("A PDF needs --output FILE.")
        render_report.to_pdf(found, Path(args.output))
        print(f"Wrote {args.output}", file=sys.stderr)
        return 0
    text = {
        "json": lambda r: json.dumps(r, ensure_ascii=False),
        "csv": render_report.to_csv,
        "table": render_report.to_table,
    }[fmt](found)
    if args.output:
        Path(args.output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        print(text, end="" if text.endswith("\n") else "\n", flush=True)
    return 0


def cmd_audit_verify(args: argparse.Namespace, out: Output) -> int:
    problems = auditing.verify(_terminal(args))
    out.emit(
        {"ok": not problems, "problems": [{"seq": p.seq, "problem": p.problem} for p in problems]},
        "The audit log is intact."
        if not problems
        else "\n".join(f"#{p.seq}: {p.problem}" for p in problems),
    )
    return 0 if not problems else 3


def cmd_audit_list(args: argparse.Namespace, out: Output) -> int:
    from ..services import validate

    limit = validate.points(args.limit, what="Limit")
    found = auditing.entries(_terminal(args), min(limit, 10_000))
    out.emit(
        {"object": "list", "data": found},
        "\n".join(
            f"#{e['seq']} {e['at'][:19]} {e['actor']:<14} {e['action']:<26} {e['subject'] or ''} "
            f"{e['details'] if e['details'] != '{}' else ''}"
            for e in found
        )
        or "Empty.",
    )
    return 0


def cmd_audit_export(args: argparse.Namespace, out: Output) -> int:
    from pathlib import Path

    text = auditing.export(_terminal(args), args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        print(text, end="", flush=True)
    return 0


__all__ = ["BackendUnavailable", "add_terminal_parsers", "run_terminal_command"]
