"""`pos-app sandbox serve`: the built-in LoyalPro sandbox backend."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import platformdirs

from ... import bootstrap
from ...bootstrap import SANDBOX_API_VERSIONS, MissingExtra
from ...config import APP_NAME
from ...i18n import _

EXIT_OK, EXIT_USAGE = 0, 2


def default_sandbox_db() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "sandbox.db"


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sandbox = commands.add_parser("sandbox", help=_("the built-in LoyalPro sandbox backend"))
    sandbox_cmds = sandbox.add_subparsers(
        dest="sandbox_command", metavar="SUBCOMMAND", required=True
    )
    serve = sandbox_cmds.add_parser(
        "serve",
        help=_("serve the LoyalPro API (docs/API.md) with demo data"),
        description=_(
            "Serve a LoyalPro-compatible backend for development, demos and tests. "
            "It is not a production loyalty backend."
        ),
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help=_("address to bind (default: %(default)s)")
    )
    serve.add_argument(
        "--port", type=int, default=8765, help=_("port (default: %(default)s; 0 = any free port)")
    )
    serve.add_argument(
        "--db",
        type=Path,
        default=None,
        help=_("sandbox database file (default: {file})").format(file=default_sandbox_db()),
    )
    serve.add_argument(
        "--empty",
        action="store_true",
        help=_("a new database starts with tiers only, no demo data"),
    )
    serve.add_argument(
        "--reset", action="store_true", help=_("delete the database first and start afresh")
    )
    serve.add_argument(
        "--api-key",
        default=None,
        help=_(
            "secret key clients must send (default: sk_test_sandbox, or env "
            "LOYALPRO_SANDBOX_API_KEY)"
        ),
    )
    serve.add_argument("--error-rate", type=_rate, default=0.0, help=_("fault: share of 503s"))
    serve.add_argument(
        "--latency-ms", type=_non_negative_int, default=0, help=_("fault: time each request takes")
    )
    serve.add_argument(
        "--drop-response-rate",
        type=_rate,
        default=0.0,
        help=_("fault: share of requests applied and then left unanswered"),
    )
    serve.add_argument(
        "--rate-limit-rate",
        type=_rate,
        default=0.0,
        help=_("fault: share of 429 answers (Retry-After: 1)"),
    )
    serve.add_argument(
        "--outage",
        action="store_true",
        help=_("fault: start in an outage (switch off with PUT /_sandbox/faults)"),
    )
    serve.add_argument("--access-log", action="store_true", help=_("log every request"))
    serve.add_argument(
        "--api-version",
        choices=SANDBOX_API_VERSIONS,
        default=argparse.SUPPRESS,  # the top-level option's value, "1.1" unless given
        help=_(
            "the contract served: 1.1 (default) or 1, a v1-only backend (no returns, "
            "stores, pay with points or analytics)"
        ),
    )


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_not_a_rate(text)) from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(_not_a_rate(text))
    return value


def _not_a_rate(text: str) -> str:
    return _("{value} is not a number from 0 to 1").format(value=repr(text))


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number").format(value=repr(text))
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("{value} is negative").format(value=repr(text)))
    return value


def cmd_sandbox_serve(args: argparse.Namespace) -> int:
    try:
        bootstrap.sandbox_server()
    except MissingExtra as error:
        print(f"pos-app: {error}.", file=sys.stderr)
        return EXIT_USAGE
    from ...sandbox import DEFAULT_API_KEY, FaultState, SandboxServer

    db = args.db or default_sandbox_db()
    db.parent.mkdir(parents=True, exist_ok=True)
    if args.reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    api_key = args.api_key or os.environ.get("LOYALPRO_SANDBOX_API_KEY") or DEFAULT_API_KEY
    faults = FaultState(
        error_rate=args.error_rate,
        latency_ms=args.latency_ms,
        drop_response_rate=args.drop_response_rate,
        outage=args.outage,
        rate_limit_rate=args.rate_limit_rate,
    )
    try:
        server = SandboxServer(
            db,
            host=args.host,
            port=args.port,
            api_key=api_key,
            demo_data=not args.empty,
            faults=faults,
            access_log=args.access_log,
            api_version=getattr(args, "api_version", "1.1"),
        )
    except OSError as exc:
        print(
            _("pos-app: cannot open the sandbox database {file}: {problem}").format(
                file=db, problem=exc
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE

    def announce() -> None:
        exposed = args.host not in ("127.0.0.1", "localhost", "::1")
        print(
            _("LoyalPro sandbox serving {url}").format(url=server.url)
            + (
                " " + _("(reachable from other machines; a sandbox, not a production backend)")
                if exposed
                else ""
            )
        )
        print(_("API key:  {key}").format(key=api_key))
        print(_("Contract: LoyalPro API v{version}").format(version=server.api_version))
        print(_("Database: {file}").format(file=db))
        print(
            _("Try:      {command}").format(
                command=f"curl -H 'Authorization: Bearer {api_key}' "
                f"{server.url}/v1/customers/cus_abc123"
            )
        )
        print(_("Stop with Ctrl-C."), flush=True)

    try:
        server.serve_forever(on_ready=announce)
    except OSError as exc:
        print(
            _("pos-app: cannot serve on {address}: {problem}").format(
                address=f"{args.host}:{args.port}", problem=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
    finally:
        server.ledger.close()
    return EXIT_OK
