"""The command groups of `pos-app`, one module each: the parsers of its commands beside
their handlers. A new command goes into the module of its group (or a new one, listed
here); a handler takes (args, Output) and returns the exit status."""

from __future__ import annotations

import argparse
from types import ModuleType

from . import (
    audit,
    codes,
    customers,
    doctor,
    login,
    logs,
    points,
    printing,
    redemptions,
    report,
    returns,
    staff,
    sync,
)
from . import config as config_commands
from .sandbox import add_sandbox_parser, cmd_sandbox_serve

GROUPS: tuple[ModuleType, ...] = (login, customers, redemptions, points, returns, codes, sync)
GROUPS += (staff, report, audit, printing)
GROUPS += (config_commands, doctor, logs)


def add_terminal_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Every command that runs on a terminal (all but `sandbox serve`)."""
    for group in GROUPS:
        group.add_parsers(commands)


__all__ = ["add_sandbox_parser", "add_terminal_parsers", "cmd_sandbox_serve"]
