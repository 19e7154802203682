"""The `pos-app` command line: the same services as the GUI, headless (imports no Qt).

Exit codes: 0 done; 2 bad input or usage; 3 refused by a business rule; 4 the backend is
needed and cannot be reached; 1 anything unexpected. Messages for people go to stderr;
`--json` puts one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from typing import Any

from .. import __version__, collection, i18n
from ..bootstrap import SANDBOX_API_VERSIONS, MissingExtra
from ..config import APP_NAME
from ..domain.pins import OWASP, ScryptCost
from ..i18n import _
from ..logs import quiet_libraries
from .commands import COMMANDS, LazyCommands, cmd_sandbox_serve
from .language import choose as choose_language


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors say what to do and exit 2 without a traceback.

    Languages: the words of ours (help texts, the error's hint, "usage:", the section
    titles, -h's help) go through the terminal's catalogue. argparse's own error sentences
    ("the following arguments are required: ...", "invalid choice: ...") stay English:
    Python ships no catalogue for them, and patching the stdlib's gettext is not worth it
    for messages that name options (which are English anyway)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("show this help message and exit"))

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        hint = _("Try '{command} --help'.").format(command=self.prog)
        self.exit(2, f"{self.prog}: {message}\n{hint}\n")


def _global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """The global options, accepted before or after the command (`pos-app --json redeem
    ...` and `pos-app redeem ... --json`). Below the top, SUPPRESS keeps an option given
    before the command from being reset by the subcommand's default."""
    default: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    parser.add_argument(
        "-v", "--verbose", action="store_true", help=_("log more, on stderr"), **default
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("print one JSON object on stdout instead of text (always in English)"),
        **default,
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("where the terminal keeps its data (env POS_APP_DATA_DIR)"),
        **default,
    )
    parser.add_argument(
        "--backend",
        metavar="URL",
        help=_("the LoyalPro backend's base URL (env POS_APP_BACKEND_URL)"),
        **default,
    )
    parser.add_argument(
        "--terminal-id",
        metavar="ID",
        help=_("this terminal's id (default: generated on first use)"),
        **default,
    )
    parser.add_argument(
        "--operator",
        metavar="NAME",
        help=_(
            "record operations under this staff account, whose PIN is the first line of "
            "stdin (default: system)"
        ),
        **default,
    )
    parser.add_argument(
        "--insecure",
        action="store_true",
        help=_(
            "allow a plain http:// backend on another machine (the key and customer data "
            "cross the network unencrypted)"
        ),
        **default,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=APP_NAME, description=_("Offline-first loyalty redemption terminal."))
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show the version and exit"),
    )
    _global_options(parser, top=True)
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help=_(
            "open the terminal on the built-in sandbox backend (the demo); before a "
            "command, run that command on a new one, in this process"
        ),
    )
    parser.add_argument(
        "--api-version",
        choices=SANDBOX_API_VERSIONS,
        default="1.1",
        help=_(
            "the contract the built-in sandbox serves (with --sandbox, or sandbox serve): "
            "1.1 (default) or 1, an older backend without returns, stores, pay with points "
            "and analytics"
        ),
    )
    parser.add_argument(
        "--quit-after-ready",
        action="store_true",
        help=_(
            "open the window, wait until customer data is shown, print "
            "'ready in N ms' and exit (smoke tests, start-up benchmarks)"
        ),
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help=_(
            "open the cashier's screen in kiosk mode: full screen, no window controls; "
            "only a manager (with their PIN) leaves it or closes the app (also kiosk = true "
            "in config.toml)"
        ),
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, action=LazyCommands
    )
    assert isinstance(commands, LazyCommands)
    commands.on_load = _with_global_options
    commands.declare(COMMANDS)  # each command's module is imported when it is chosen
    return parser


def _with_global_options(command: argparse.ArgumentParser) -> None:
    for leaf in _leaves(command):
        _global_options(leaf, top=False)


def _leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every parser that ends a command line (the ones without subcommands of their own)."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [parser]
    # A command that runs on its own as well as with subcommands (`sync`, `sync status`).
    found = [parser] if parser.get_default("handler") is not None else []
    for action in subs:
        for child in dict.fromkeys(action.choices.values()):
            found += _leaves(child)
    return found


def _run_gui(args: argparse.Namespace) -> int:
    """The bare `pos-app`: the cashier's screen (Qt is imported only here). The demo's
    backend starts first, in a process of its own, while Qt loads (demo_backend.py)."""
    from .. import demo_backend
    from ..bootstrap import demo_cache

    with contextlib.ExitStack() as ends:
        own = demo_backend.start(args.api_version, demo_cache()) if args.sandbox else None
        if own is not None:
            ends.enter_context(own)
        try:
            from ..ui.app import run_gui
        except ImportError as error:
            problem = MissingExtra("gui", _("The cashier's screen"), error)
            print(
                _("pos-app: {problem}; or use the commands (pos-app --help).").format(
                    problem=problem
                ),
                file=sys.stderr,
            )
            return 2
        return run_gui(
            data_dir=args.data_dir,
            verbose=args.verbose,
            backend=args.backend,
            terminal_id=args.terminal_id,
            sandbox=args.sandbox,
            quit_after_ready=args.quit_after_ready,
            api_version=args.api_version,
            kiosk=args.kiosk,
            own_sandbox=own,
        )


def _not_utf8(argument: str) -> bool:
    """Python hands invalid UTF-8 in argv over as lone surrogates (surrogateescape);
    nothing downstream can store or print them."""
    return any("\udc80" <= ch <= "\udcff" for ch in argument)


EXIT_BROKEN_PIPE = 141  # what a shell reports for a command ended by SIGPIPE (128 + 13)


def main(argv: Sequence[str] | None = None, *, pin_cost: ScryptCost = OWASP) -> int:
    """Run one command. `pos-app ... | head` ends quietly: a reader that hangs up is caught
    as BrokenPipeError on our own stdout (the Python documentation's recipe), never by
    resetting SIGPIPE to its default action. That default would also apply to every socket
    of the process, so the sandbox server (`sandbox serve`, or the GUI hosting it) would die
    silently whenever a client hung up while its answer was being written.

    `pin_cost`: the scrypt cost the command's terminal hashes staff PINs with (OWASP's;
    tests that run commands in this process pass a cheap one)."""
    try:
        return _main(argv, pin_cost)
    except BrokenPipeError:
        return quiet_broken_pipe()


def quiet_broken_pipe() -> int:
    """The reader of our stdout has gone: say nothing more, and keep the interpreter from
    complaining when it flushes stdout on the way out."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is no real file (a test's capture): nothing to do
        pass
    return EXIT_BROKEN_PIPE


def _main(argv: Sequence[str] | None, pin_cost: ScryptCost) -> int:
    import logging

    arguments = list(sys.argv[1:] if argv is None else argv)
    i18n.use(i18n.resolve(None))  # the system's language until terminal.language is read
    for position, argument in enumerate(arguments, 1):
        if _not_utf8(argument):
            print(
                _(
                    "{app}: argument {position} is not valid UTF-8 text; retype it, or set "
                    "the terminal to UTF-8."
                ).format(app=APP_NAME, position=position),
                file=sys.stderr,
            )
            return 2
    choose_language(arguments)  # before the parser: its help is in the language too
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.json:  # for machines: every word of the answer (and its error line) in English
        i18n.use(i18n.DEFAULT)
    # stderr carries warnings (everything with -v), even when the GUI's log file takes INFO.
    on_stderr = logging.StreamHandler()
    on_stderr.setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[on_stderr],
    )
    quiet_libraries(verbose=args.verbose)
    if args.command is None or args.command == "sandbox":
        collection.resume(freeze=False)  # the GUI freezes its own (ui/collector.py)
        return _run_gui(args) if args.command is None else cmd_sandbox_serve(args)
    from .runner import run_terminal_command  # a command's only: not the GUI's, not --help's

    return run_terminal_command(args, pin_cost=pin_cost)
