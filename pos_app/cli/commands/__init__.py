"""The command groups of `pos-app`, one module each: the parsers of its commands beside
their handlers. A handler takes (args, Output) and returns the exit status.

Each command is declared in `COMMANDS` (its name, its module, its help line), so that
`pos-app --help` lists them all without importing any of their modules: a command's module
(and the services, the API client or the renderers it needs) is imported only when the
command line names that command (`LazyCommands`). A new command goes into the module of
its group (or a new one) and gets its line in `COMMANDS`, with the same help text as its
`add_parser` (tests/unit/test_cli_lazy.py checks that they agree)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence
from typing import Any

from ...i18n import N_, _

# (command, module in this package, help), in the order `pos-app --help` lists them.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("login", "login", N_("store the backend's API key (read from stdin) in the OS keyring")),
    ("customer", "customers", N_("look customers up, enrol one")),
    ("redeem", "redemptions", N_("redeem points for a reward; prints the code")),
    (
        "void",
        "redemptions",
        N_("void a redemption, points go back (a manager's approval: --manager, PIN on stdin)"),
    ),
    (
        "recovery",
        "redemptions",
        N_("redemptions whose code may never have been shown (after a crash)"),
    ),
    (
        "award",
        "points",
        N_(
            "award a sale's points (--order, --amount: from [earn]) or points without a sale "
            "(--points, --reason)"
        ),
    ),
    (
        "adjust",
        "points",
        N_("adjust a customer's points (a manager's approval: --manager, PIN on stdin)"),
    ),
    ("history", "points", N_("a customer's points history, newest first")),
    ("return", "returns", N_("take back the points of a returned sale (or part of it), pro rata")),
    ("returns", "returns", N_("the returns made on this terminal")),
    ("code", "codes", N_("verify a REDEEM code, mark it used")),
    ("sync", "sync", N_("push the queue and pull the cache")),
    ("conflicts", "sync", N_("operations the backend refused")),
    ("staff", "staff", N_("cashier and manager accounts (PINs on stdin)")),
    ("report", "report", N_("the redemption report")),
    ("audit", "audit", N_("the tamper-evident audit log")),
    ("print", "printing", N_("the receipt printer: a test page, or reprint a slip")),
    ("config", "config", N_("show, get, set and check the settings")),
    (
        "doctor",
        "doctor",
        N_(
            "check this terminal: backend and key, keyring, database, queue, clock, disk, "
            "folders (exit 0: all pass, warnings allowed; 1: something failed)"
        ),
    ),
    (
        "logs",
        "logs",
        N_("print the terminal's log (its folder: POS_APP_LOG_DIR, else the platform's)"),
    ),
    ("sandbox", "sandbox", N_("the built-in LoyalPro sandbox backend")),
)


class LazyCommands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """argparse's subcommands, declared from `COMMANDS`: each name and help line, and one
    empty placeholder parser that every name maps to until it is chosen (argparse only
    checks that the name is a choice; building a parser per command cost every command
    line two dozen). When the command line names a command, its module is imported and its
    `add_parsers` builds the real parsers of that module's commands, each in the
    placeholder's place; `on_load` then gets each of them (the global options are added
    there). `pos-app COMMAND --help` and every error of a command's own arguments come from
    its real parser, so they read as before; `pos-app --help` needs only the table."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending: dict[str, str] = {}  # command -> its module, not imported yet
        self.on_load: Callable[[argparse.ArgumentParser], None] = lambda parser: None

    def declare(self, commands: Sequence[tuple[str, str, str]]) -> None:
        placeholder = self._parser_class(prog=self._prog_prefix, add_help=False)
        for name, module, help_text in commands:
            self._choices_actions.append(self._ChoicesPseudoAction(name, (), _(help_text)))
            self._name_parser_map[name] = placeholder
            self._pending[name] = module

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        if name not in self._pending:
            made: argparse.ArgumentParser = super().add_parser(name, **kwargs)
            return made
        # The real parser takes its placeholder's place (the table gave the help line).
        kwargs.pop("help", None)
        if kwargs.get("prog") is None:
            kwargs["prog"] = f"{self._prog_prefix} {name}"
        parser: argparse.ArgumentParser = self._parser_class(**kwargs)
        self._name_parser_map[name] = parser
        return parser

    def load(self, name: str) -> None:
        """Build the real parsers of `name`'s module (once)."""
        module = self._pending.get(name)
        if module is None:
            return
        built = [command for command, m in self._pending.items() if m == module]
        importlib.import_module(f"{__name__}.{module}").add_parsers(self)
        for command in built:
            del self._pending[command]
            self.on_load(self._name_parser_map[command])

    def load_all(self) -> None:
        """Every command's real parser (tests, documentation)."""
        for name in list(self._pending):
            self.load(name)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        self.load(values[0])
        super().__call__(parser, namespace, values, option_string)


def cmd_sandbox_serve(args: argparse.Namespace) -> int:
    """`pos-app sandbox serve` (it runs without a terminal)."""
    from .sandbox import cmd_sandbox_serve as serve

    return serve(args)


__all__ = ["COMMANDS", "LazyCommands", "cmd_sandbox_serve"]
