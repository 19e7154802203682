"""Running one terminal command: open the terminal (pos_app.bootstrap), sign the operator
in, call the command's handler, and turn every failure into one line and an exit status."""

from __future__ import annotations

import argparse
import logging
from contextlib import ExitStack

from .. import bootstrap, collection, logs
from ..config import ConfigError
from ..credentials import CredentialError
from ..domain.pins import OWASP, ScryptCost
from ..i18n import _
from ..i18n.formats import number
from ..services import DiskFull, DiskFullError, ServiceError, StoreError, Terminal, recovery
from ..services.system import SYSTEM, is_system
from .output import Output, fail, say, stdout_gone, unexpected
from .session import Handler, read_pins, sign_operator


def run_terminal_command(args: argparse.Namespace, *, pin_cost: ScryptCost = OWASP) -> int:
    """A handler's defaults say how it runs: `bare` ones need no terminal (login),
    `reads_pins` ones check their own input before asking for the operator's PIN, and
    `recovery` ones do not warn about the unshown redemptions they list. `pin_cost`: what
    the terminal hashes staff PINs with."""
    out = Output(args.json)
    handler: Handler = args.handler
    args.pin_cost = pin_cost  # for a bare command that opens a terminal itself (config set)
    try:
        if getattr(args, "bare", False):
            collection.resume(freeze=True)
            return handler(args, out)
        with ExitStack() as stack:
            start = _start(args, stack, pin_cost)
            stack.enter_context(logs.to_file(start.config, verbose=args.verbose))
            terminal = stack.enter_context(start.terminal())
            logs.set_terminal(terminal.terminal_id)
            args.terminal = terminal
            args.operator = _operator(terminal, getattr(args, "operator", None))
            if not getattr(args, "reads_pins", False):
                sign_operator(terminal, args, read_pins(args))
            if not getattr(args, "recovery", False):
                _warn_unshown(terminal)
            with logs.context(operator=args.operator):
                _log.info("pos-app %s", _command_of(args))
                # Started: the collector on again for the command's own work, with what the
                # start-up made frozen (pos_app/collection.py).
                collection.resume(freeze=True)
                status = handler(args, out)
                _log.info("pos-app %s: exit %d", _command_of(args), status)
            return status
    except ServiceError as error:
        return fail(out, error.exit_code, error.code, error.message)
    except (ConfigError, CredentialError) as error:
        return fail(out, 2, "config", str(error))
    except DiskFull:  # services catch it wherever the backend had applied something
        return fail(out, DiskFullError.exit_code, "disk_full", DiskFullError().message)
    except StoreError as error:
        return fail(out, 1, "store", str(error))
    except KeyboardInterrupt:
        return fail(out, 130, "interrupted", _("Interrupted."))
    except BrokenPipeError as error:
        if stdout_gone():
            raise  # the reader of stdout hung up: main() ends quietly (not "unexpected")
        return unexpected(out, error)
    except Exception as error:  # never a traceback on the screen; the log has it
        return unexpected(out, error)


_log = logging.getLogger("pos_app.cli")


def _operator(t: Terminal, name: str | None) -> str:
    """`system`, or the staff account --operator names (services/staff.py checks it)."""
    if is_system(name):
        return SYSTEM
    from ..services import staff  # a person is named: their account

    return staff.check_operator(t, name)


def _command_of(args: argparse.Namespace) -> str:
    """The command's words (`redeem`, `sync status`), never its values."""
    words = [args.command] + [
        str(value)
        for name, value in sorted(vars(args).items())
        if name.endswith("_command") and isinstance(value, str)
    ]
    return " ".join(w for w in words if w)


def _start(args: argparse.Namespace, stack: ExitStack, pin_cost: ScryptCost) -> bootstrap.Start:
    """The configured backend; with `pos-app --sandbox COMMAND`, a sandbox with demo data
    in this process, for this one command (the terminal's data too, without --data-dir)."""
    if getattr(args, "sandbox", False):
        start = stack.enter_context(
            bootstrap.sandbox(
                data_dir=args.data_dir,
                terminal_id=args.terminal_id,
                pin_cost=pin_cost,
                api_version=getattr(args, "api_version", "1.1"),
            )
        )
        assert start.server is not None
        url = start.config.backend_url
        if start.server.api_version == "1.1":
            say(_("on a sandbox backend with demo data, {url}, for this command").format(url=url))
        else:
            say(
                _(
                    "on a sandbox backend with demo data serving API v1 only, {url}, "
                    "for this command"
                ).format(url=url)
            )
        return start
    return bootstrap.configured(
        data_dir=args.data_dir,
        backend=args.backend,
        terminal_id=args.terminal_id,
        insecure=getattr(args, "insecure", False),
        pin_cost=pin_cost,
    )


def _warn_unshown(t: Terminal) -> None:
    for red in recovery.unshown(t):
        say(
            _(
                "recovered redemption {code} ({points} points for {customer}, status "
                "{status}) may never have been shown: 'pos-app recovery show {code}' shows "
                "it again."
            ).format(
                code=red.code,
                points=number(red.points),
                customer=red.customer_name or red.customer_id,
                status=red.status.value,
            )
        )
