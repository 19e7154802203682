"""`pos-app login`: the backend's API key, from stdin into the OS keyring."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from ...config import load_config
from ...credentials import store_api_key
from ...i18n import _
from ...services import BadInput
from ..output import Output


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    login = commands.add_parser(
        "login", help=_("store the backend's API key (read from stdin) in the OS keyring")
    )
    login.set_defaults(handler=cmd_login, bare=True)


@dataclass(frozen=True, slots=True)
class KeyStored:
    stored: bool
    backend_url: str


def cmd_login(args: argparse.Namespace, out: Output) -> int:
    config = load_config(
        data_dir=args.data_dir,
        backend_url=args.backend,
        terminal_id=args.terminal_id,
        insecure=getattr(args, "insecure", False),
    )
    if not config.backend_url:
        raise BadInput(_("Say which backend the key is for: --backend URL or POS_APP_BACKEND_URL."))
    if sys.stdin.isatty():
        import getpass

        key = getpass.getpass(_("API key: "))
    else:
        key = sys.stdin.readline()
    if not key.strip():
        raise BadInput(_("No API key was given on stdin."))
    store_api_key(config.backend_url, key)
    out.emit(
        KeyStored(True, config.backend_url),
        _("API key stored in the OS keyring for {url}.").format(url=config.backend_url),
    )
    return 0
