"""The terminal's commands: customers, redeem, award, history, codes, sync, conflicts."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import re
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from ..config import ConfigError, load_config
from ..credentials import CredentialError, get_api_key, store_api_key
from ..files import write_private
from ..services import (
    BackendUnavailable,
    BadInput,
    DiskFullError,
    Refused,
    ServiceError,
    Terminal,
    approvals,
    auditing,
    codes,
    describe,
    lookup,
    points,
    redeem,
    report,
    staff,
    syncing,
)
from ..services.errors import NeedsApproval
from ..services.validate import safe_for_terminal
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
        "--manager",
        metavar="NAME",
        help="a manager approves an award past [award_limits] (PIN on stdin, after the operator's)",
    )
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
    verify = code_sub.add_parser(
        "verify", help="is this code valid, what does it give; if spent: when, where, by whom"
    )
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
        "add",
        help="add an account (a manager approves); its PIN (4-8 digits) is the last line of stdin",
    )
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=("cashier", "manager"))
    add.add_argument(
        "--manager",
        metavar="NAME",
        help="the approving manager (PIN on stdin); not needed for an empty terminal's first",
    )
    add.set_defaults(handler=cmd_staff_add)
    staff_sub.add_parser("list", help="list the accounts").set_defaults(handler=cmd_staff_list)
    disable = staff_sub.add_parser(
        "disable", help="disable an account (a manager approves: --manager, PIN on stdin)"
    )
    disable.add_argument("name", metavar="NAME")
    disable.add_argument("--manager", required=True, metavar="NAME")
    disable.set_defaults(handler=cmd_staff_disable)
    reset = staff_sub.add_parser(
        "reset-pin",
        help="set a new PIN (last line of stdin); also lifts a lock-out; another "
        "manager approves (--manager, PIN on stdin)",
    )
    reset.add_argument("name", metavar="NAME")
    reset.add_argument("--manager", required=True, metavar="NAME")
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
    audit_verify = audit_sub.add_parser(
        "verify",
        help="check the hash chain and its anchors: SQLite's counter, the anchor file, and "
        "any --head (exit 3 if anything disagrees)",
    )
    audit_verify.add_argument(
        "--head",
        action="append",
        default=[],
        metavar="SEQ:HASH",
        help="a head printed on an end-of-day report, or received by the backend as "
        "metadata audit_head (repeatable)",
    )
    audit_verify.set_defaults(handler=cmd_audit_verify)
    audit_list = audit_sub.add_parser("list", help="the newest entries, in sentences")
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
    """What a command prints. Names and messages may come from the backend or an old
    database: nothing raw reaches the terminal (no escape sequence, no bidi override)."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def emit(self, payload: dict[str, Any], text: str) -> None:
        if self.as_json:
            print(dump_json(payload), flush=True)
        else:
            print(safe_for_terminal(text), flush=True)


def dump_json(payload: dict[str, Any]) -> str:
    """One JSON object; json escapes C0 controls itself, this escapes the rest (C1,
    bidi overrides), which can only sit inside strings."""
    text = json.dumps(payload, ensure_ascii=False, default=str)
    return re.sub(
        "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]",
        lambda m: f"\\u{ord(m.group()):04x}",
        text,
    )


def run_terminal_command(args: argparse.Namespace) -> int:
    out = Output(args.json)
    handler: Callable[[argparse.Namespace, Output], int] = args.handler
    try:
        if handler is cmd_login:
            return cmd_login(args, out)
        config = load_config(
            data_dir=args.data_dir,
            backend_url=args.backend,
            terminal_id=args.terminal_id,
            insecure=getattr(args, "insecure", False),
        )
        api_key = get_api_key(config.backend_url) if config.backend_url else None
        with Terminal(config, api_key=api_key) as terminal:
            args.terminal = terminal
            args.operator = staff.check_operator(terminal, getattr(args, "operator", None))
            if handler not in _SIGNS_OPERATOR_ITSELF:
                _sign_operator(terminal, args, _pins(args))
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
    except BrokenPipeError as error:
        if stdout_gone():
            raise  # the reader of stdout hung up: main() ends quietly (not "unexpected")
        return _unexpected(out, error)
    except Exception as error:  # never a traceback on the screen; the log has it
        return _unexpected(out, error)


def _unexpected(out: Output, error: BaseException) -> int:
    log.debug("unexpected error", exc_info=True)
    if is_disk_full(error):  # an export or report file on a full disk
        return _fail(out, DiskFullError.exit_code, "disk_full", DiskFullError().message)
    return _fail(
        out, 1, "unexpected", f"Unexpected error ({type(error).__name__}); run with -v for details."
    )


def stdout_gone() -> bool:
    """Whether our stdout is a pipe whose reader has hung up (poll says POLLERR), so a
    BrokenPipeError is about `| head`, not about some socket of ours."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        events = poller.poll(0)
    except (AttributeError, OSError, ValueError):  # no poll(), or stdout is no real file
        return False
    return any(mask & (select.POLLERR | select.POLLHUP) for _, mask in events)


def _fail(out: Output, status: int, code: str, message: str) -> int:
    print(f"pos-app: {safe_for_terminal(message)}", file=sys.stderr, flush=True)
    if out.as_json:
        print(dump_json({"error": {"code": code, "message": message}}), flush=True)
    return status


def _warn_unshown(t: Terminal, args: argparse.Namespace) -> None:
    if args.handler in (cmd_recovery_list, cmd_recovery_show):
        return
    for red in redeem.unshown(t):
        print(
            safe_for_terminal(
                f"pos-app: recovered redemption {red.code} ({red.points:,} points for "
                f"{red.customer_name or red.customer_id}, status {red.status.value}) may never "
                f"have been shown: 'pos-app recovery show {red.code}' shows it again."
            ),
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
        data_dir=args.data_dir,
        backend_url=args.backend,
        terminal_id=args.terminal_id,
        insecure=getattr(args, "insecure", False),
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
    from ..services import validate

    t = _terminal(args)
    validate.person_name(args.name)
    for what, value in (("email", args.email), ("phone", args.phone), ("card", args.card_number)):
        validate.plain_text(value, what=what, limit=200)
    _sign_operator(t, args, _pins(args))
    created = points.enrol(
        t,
        args.name,
        email=args.email,
        phone=args.phone,
        card_number=args.card_number,
        operator=args.operator,
    )
    if store_cache.get_customer(t.db.conn, created.id) is None:
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
    from ..services import validate

    t = _terminal(args)
    validate.object_id(args.customer, "customer")
    validate.object_id(args.reward, "reward")
    if args.points is not None:
        validate.points(args.points)
    if args.manager or args.override_reason:
        if not (args.manager and args.override_reason):
            raise BadInput("An offline override needs both --manager and --override-reason.")
        validate.reason(args.override_reason, required=True)
    pins = _pins(args, manager=args.manager)
    _sign_operator(t, args, pins)
    approval = None
    if pins.manager is not None:
        approval = _approval(
            t, pins.manager, "offline_override", args.customer, args.override_reason
        )
    result = redeem.redeem(
        t, args.customer, args.reward, args.points, operator=args.operator, override=approval
    )
    status = "CONFIRMED" if result.status == "confirmed" else "OFFLINE - will sync"
    words = describe.reward_words(result.reward_name, result.discount_amount, result.currency)
    out.emit(
        result.as_json(),
        f"{result.code}\n  {words.full}, {result.points:,} points, for {result.customer_name}"
        f"\n  {status}; balance after: {result.balance_after:,}",
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
    t = _terminal(args)
    validate.object_id(args.customer, "customer")
    validate.points(args.points)
    validate.future_time(expires, t.clock())
    pins = _pins(args, manager=args.manager)
    _sign_operator(t, args, pins)
    approval = None
    if pins.manager is not None:
        approval = _approval(t, pins.manager, "award", args.customer, args.reason)
    try:
        result = points.award(
            t,
            args.customer,
            args.points,
            args.reason,
            bonus=args.bonus,
            expires_at=expires,
            operator=args.operator,
            approval=approval,
        )
    except NeedsApproval as error:
        raise NeedsApproval(
            f"{error.message} Give --manager NAME and the manager's PIN on stdin.",
            error.code,
            error.what,
        ) from None
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
            f"{describe.money_text(line.reason or '')}"
            f"{'' if line.synced else '  [not synced yet]'}"
            for line in found.lines
        )
        or "No history."
    )
    if found.source == "cache":
        text += "\n(offline: last history seen online, plus operations waiting to sync)"
    out.emit(payload, text)
    return 0


def cmd_code_verify(args: argparse.Namespace, out: Output) -> int:
    t = _terminal(args)
    found = codes.verify(t, args.code)
    out.emit(found.as_json(), _code_text(t, found))
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
    if found.source == "cache":
        lines.append("  (checked on this terminal only: the loyalty service cannot be reached)")
    return "\n".join(lines)


def _zone_name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or datetime.now(zone).tzname() or zone)


def cmd_code_use(args: argparse.Namespace, out: Output) -> int:
    from ..services import validate

    t = _terminal(args)
    validate.code(args.code)
    _sign_operator(t, args, _pins(args))
    found = codes.use(t, args.code, operator=args.operator)
    r = found.redemption
    words = describe.reward_words(found.reward_name, r.discount_amount, r.currency)
    out.emit(
        found.as_json(),
        f"{r.code} marked used: give {words.full}"
        + (f" to {found.customer_name}." if found.customer_name else ".")
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
            "paused": report.paused,
        }
        out.emit(
            payload,
            f"Pushed {report.pushed}, {status.pending} pending, "
            f"{status.conflicts} conflicts; pulled {report.pulled_customers} customers, "
            f"{report.pulled_redemptions} redemptions."
            + ("" if report.reached_backend else " The backend cannot be reached.")
            + (f" Sync paused: {report.paused}" if report.paused else ""),
        )
        if report.paused:
            return _paused(report.paused_code, report.paused, status.pending)
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
    t = _terminal(args)
    status = syncing.status(t)
    online = {True: "online", False: "offline", None: _no_backend(t)}[status.online]
    if status.paused:
        online = "the backend refuses this terminal"
    last = status.last_sync.strftime("%Y-%m-%d %H:%M:%S UTC") if status.last_sync else "never"
    out.emit(
        {**status.as_json(), "problem": t.missing_backend or None},
        f"{online}; {status.pending} pending, {status.conflicts} "
        f"conflicts; last sync {last}; terminal {status.terminal_id}"
        + (f"; sync paused: {status.paused}" if status.paused else ""),
    )
    if status.paused:
        return _paused(status.paused_code, status.paused, status.pending)
    return 0


def _paused(code: str | None, reason: str, pending: int) -> int:
    """The backend refuses this terminal: say why and what to do; exit 2 (key) or 4."""
    exit_code, message = syncing.paused_exit(code, reason)
    print(f"pos-app: {message} {pending} operations wait to sync.", file=sys.stderr, flush=True)
    return exit_code


def _no_backend(t: Terminal) -> str:
    """Why there is no backend to ask: none configured, or its API key is missing."""
    if t.config.backend_url:
        return (
            f"no API key for {t.config.backend_url} (set LOYALPRO_API_KEY, or run 'pos-app login')"
        )
    return "no backend configured"


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
        + describe.reward_words(found.reward_name, found.discount_amount, found.currency).full
        + f" for {found.customer_name or found.customer_id}",
    )
    redeem.mark_shown(t, found.code)
    return 0


@dataclass(frozen=True, slots=True)
class Pins:
    """The PINs one command needs, read from stdin one line each, in this order: the
    operator's (if --operator names a person), the approving manager's (if --manager is
    given and is not the operator: one person gives one PIN), then a new PIN being set."""

    operator: staff.Credentials | None
    manager: staff.Credentials | None
    new_pin: str | None


def _pins(
    args: argparse.Namespace, *, manager: str | None = None, new_pin_for: str | None = None
) -> Pins:
    """Read the PINs this command needs (after its own input was checked: nothing is
    asked for, signed in or audited for a command that would be refused anyway)."""
    name = args.operator
    operator = None
    if name != "system" and not getattr(args, "operator_signed", False):
        operator = staff.Credentials(name, _read_secret(f"PIN for {name}: ", f"operator {name}"))
    approver = None
    if manager is not None:
        if operator is not None and manager.strip().casefold() == name.casefold():
            approver = staff.Credentials(manager, operator.pin)
        else:
            approver = staff.Credentials(
                manager, _read_secret(f"Manager PIN ({manager.strip()}): ", f"manager {manager}")
            )
    new_pin = None
    if new_pin_for is not None:
        new_pin = _read_secret(f"New PIN for {new_pin_for}: ", f"the new PIN for {new_pin_for}")
    return Pins(operator, approver, new_pin)


def _sign_operator(t: Terminal, args: argparse.Namespace, pins: Pins) -> None:
    """--operator NAME is that person only with their PIN (a sign-in: audited, and five
    wrong PINs lock the account)."""
    if pins.operator is not None:
        args.operator = staff.operator(t, pins.operator)
        args.operator_signed = True


def _approval(
    t: Terminal, manager: staff.Credentials | None, action: str, subject: str | None, reason: str
) -> staff.Approval:
    """A manager's approval on the command line: their name as an option, their PIN on
    stdin (or typed without echo at a terminal)."""
    if manager is None:
        raise BadInput("This needs a manager's approval: --manager NAME, their PIN on stdin.")
    return staff.approve(
        t, manager.name, manager.pin, action=action, subject=subject, reason=reason
    )


def _read_secret(prompt: str, whose: str) -> str:
    """A PIN: typed without echo at a terminal, or one line of stdin for scripts."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line.strip():
        raise BadInput(
            f"No PIN for {whose} on stdin (one line each, in this order: the operator's, "
            "the manager's, a new PIN)."
        )
    return line.strip()


def cmd_staff_add(args: argparse.Namespace, out: Output) -> int:
    t = _terminal(args)
    staff.check_new_staff(t, args.name, args.role)  # all but the new PIN, not read yet
    first = not staff.has_staff(t)
    if not first and not args.manager:
        raise BadInput(
            "Adding an account needs a manager's approval: --manager NAME, their PIN on stdin."
        )
    pins = _pins(args, manager=None if first else args.manager, new_pin_for=args.name.strip())
    assert pins.new_pin is not None
    staff.check_pin(pins.new_pin)
    _sign_operator(t, args, pins)
    member = staff.add_staff(
        t, args.name, args.role, pins.new_pin, actor=args.operator, manager=pins.manager
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
    t = _terminal(args)
    staff.check_disable(t, args.name)
    pins = _pins(args, manager=args.manager)
    _sign_operator(t, args, pins)
    member = staff.disable_staff(t, args.name, actor=args.operator, manager=pins.manager)
    out.emit(member.as_json(), f"Disabled {member.name}.")
    return 0


def cmd_staff_reset_pin(args: argparse.Namespace, out: Output) -> int:
    t = _terminal(args)
    staff.check_reset(t, args.name, None, args.manager)  # all but the new PIN, not read yet
    pins = _pins(args, manager=args.manager, new_pin_for=args.name.strip())
    assert pins.new_pin is not None
    staff.check_pin(pins.new_pin)
    _sign_operator(t, args, pins)
    member = staff.reset_pin(t, args.name, pins.new_pin, actor=args.operator, manager=pins.manager)
    out.emit(member.as_json(), f"New PIN set for {member.name}.")
    return 0


def cmd_adjust(args: argparse.Namespace, out: Output) -> int:
    from ..services import validate

    t = _terminal(args)
    validate.object_id(args.customer, "customer")
    validate.points(args.points, allow_negative=True)
    validate.reason(args.reason, required=True)
    lookup.show(t, args.customer.strip())  # an unknown customer is refused before any PIN
    pins = _pins(args, manager=args.manager)
    _sign_operator(t, args, pins)
    approval = _approval(t, pins.manager, "adjust", args.customer, args.reason)
    result = approvals.adjust(
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
    from ..services import validate

    t = _terminal(args)
    code = validate.code(args.code)
    validate.reason(args.reason, required=True)
    _check_voidable(t, code)
    pins = _pins(args, manager=args.manager)
    _sign_operator(t, args, pins)
    approval = _approval(t, pins.manager, "void", code, args.reason)
    result = approvals.void(t, args.code, args.reason, approval=approval, operator=args.operator)
    out.emit(
        {"code": args.code.strip().upper(), **result.as_json()},
        "Voided; the points go back to the customer"
        + ("." if result.status == "confirmed" else " when the terminal syncs.")
        + _unrecorded(result.recorded),
    )
    return 0


def _check_voidable(t: Terminal, code: str) -> None:
    """approvals.void's own refusals, before a manager's PIN is asked for and audited."""
    from ..domain.models import RedemptionStatus
    from ..store import redemptions as store_redemptions

    red = store_redemptions.get(t.db.conn, code)
    if red is None:
        raise Refused(f"{code} was not made at or synced to this terminal.", "redemption_not_found")
    if red.status not in (RedemptionStatus.CONFIRMED, RedemptionStatus.OFFLINE):
        raise Refused(
            f"{code} is {red.status.value}; only an issued, unused redemption can be voided.",
            "redemption_not_voidable",
        )


def cmd_conflicts_resolve(args: argparse.Namespace, out: Output) -> int:
    t = _terminal(args)
    from ..services import validate

    entry_id = validate.points(args.id, what="The conflict id")
    validate.reason(args.note, required=True)
    if not any(c.entry.id == entry_id for c in syncing.conflicts(t)):
        raise Refused(f"There is no open conflict #{entry_id}.", "conflict_not_found")
    pins = _pins(args, manager=args.manager)
    _sign_operator(t, args, pins)
    approval = _approval(t, pins.manager, "resolve_conflict", str(entry_id), args.note)
    result = approvals.resolve_conflict(
        t, entry_id, args.resolution, args.note, approval=approval, operator=args.operator
    )
    out.emit(
        {"id": entry_id, "resolution": args.resolution, "result": result},
        f"Conflict #{entry_id}: {result}.",
    )
    return 0


def cmd_report_daily(args: argparse.Namespace, out: Output) -> int:

    from ..render import report as render_report

    t = _terminal(args)
    if args.output is not None:
        _output_folder(args.output)
    found = report.daily(
        t,
        day=None if args.date is None else report.parse_day(args.date, "--date"),
        date_from=None if args.date_from is None else report.parse_day(args.date_from, "--from"),
        date_to=None if args.date_to is None else report.parse_day(args.date_to, "--to"),
        scope="store" if args.store else "terminal",
    ).as_json()
    fmt = "json" if args.json and args.format == "table" else args.format
    if fmt == "pdf":
        if args.output is None:
            raise BadInput("A PDF needs --output FILE.")
        _output_folder(args.output)
        try:
            render_report.to_pdf(found, Path(args.output))
        except OSError as error:
            raise _cannot_write(args.output, error) from None
        print(f"Wrote {args.output}", file=sys.stderr)
        return 0
    text = {
        "json": lambda r: json.dumps(r, ensure_ascii=False),
        "csv": render_report.to_csv,
        "table": render_report.to_table,
    }[fmt](found)
    if args.output is not None:
        _write_output(args.output, text if text.endswith("\n") else text + "\n")
    else:
        _print_document(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_audit_verify(args: argparse.Namespace, out: Output) -> int:
    t = _terminal(args)
    problems = auditing.verify(t, args.head)
    head = auditing.head(t)
    out.emit(
        {
            "ok": not problems,
            "head": head,
            "problems": [{"seq": p.seq, "problem": p.problem} for p in problems],
        },
        f"The audit log is intact (head {head or 'none: empty'})."
        if not problems
        else "\n".join(f"#{p.seq}: {p.problem}" for p in problems),
    )
    return 0 if not problems else 3


def _print_document(text: str) -> None:
    """A report or export on stdout. Piped or redirected it stays byte for byte what the
    terminal holds (an exported audit log is checked against its hashes); on a screen,
    names from the backend cannot send escape sequences to it."""
    print(safe_for_terminal(text) if sys.stdout.isatty() else text, end="", flush=True)


def _output_folder(output: str) -> Path:
    """--output FILE: its folder must exist (one clear line, exit 2, if not)."""
    from ..services import validate

    path = Path(output)
    if not output.strip() or path.is_dir() or validate.has_unsafe(output):
        raise BadInput(f"--output {output[:80]!r} must name a file (no control characters).")
    if not path.parent.is_dir():
        raise BadInput(f"The folder {path.parent} does not exist; create it or choose another.")
    return path


def _write_output(output: str, text: str) -> None:
    """An export or report file: owner-only (it names customers and staff), whole or not
    at all."""
    path = _output_folder(output)
    try:
        write_private(path, text.encode("utf-8"))
    except OSError as error:
        raise _cannot_write(output, error) from None
    print(f"Wrote {output}", file=sys.stderr)


def _cannot_write(output: str, error: OSError) -> ServiceError:
    """A full disk where the file goes is its own exit status (5), like the terminal's own
    disk; anything else (permissions, a read-only medium) is a path to fix: exit 2."""
    if is_disk_full(error):
        return DiskFullError(
            f"The disk is full: {output} was not written. Free some space there and try again.",
        )
    return BadInput(f"Cannot write {output}: {error.strerror or error}.")


def cmd_audit_list(args: argparse.Namespace, out: Output) -> int:
    from ..services import validate

    limit = validate.points(args.limit, what="Limit")
    t = _terminal(args)
    found = auditing.entries(t, min(limit, 10_000))
    zone = t.config.time_zone()
    # For people: each entry as a sentence, in the store's time (--json keeps the fields).
    out.emit(
        {"object": "list", "data": found},
        "\n".join(
            f"#{e.seq:<5} {e.at.astimezone(zone):%Y-%m-%d %H:%M}  {e.text}"
            for e in auditing.described(t, min(limit, 10_000))
        )
        or "The audit log is empty.",
    )
    return 0


def cmd_audit_export(args: argparse.Namespace, out: Output) -> int:

    if args.output is not None:
        _output_folder(args.output)
    text = auditing.export(_terminal(args), args.format)
    if args.output is not None:
        _write_output(args.output, text)
    else:
        _print_document(text)
    return 0


# Commands that check their own input first, then the operator's PIN (see _pins).
_SIGNS_OPERATOR_ITSELF = frozenset(
    {
        cmd_redeem,
        cmd_award,
        cmd_customer_enrol,
        cmd_code_use,
        cmd_adjust,
        cmd_void,
        cmd_conflicts_resolve,
        cmd_staff_add,
        cmd_staff_disable,
        cmd_staff_reset_pin,
    }
)

__all__ = ["BackendUnavailable", "add_terminal_parsers", "run_terminal_command"]
