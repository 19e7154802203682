"""`pos-app config show | get | set | unset | check`: the settings of config.toml (each
described once in pos_app/settings), from the command line. A change needs a manager
(--manager NAME, their PIN on stdin) and is audited; the API key goes to the OS keyring,
read from a hidden prompt or stdin, never from the command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ... import bootstrap
from ...config import Config, load_config, resolve_data_dir
from ...credentials import key_source, store_api_key
from ...i18n import _, ngettext
from ...i18n.formats import number
from ...services import BadInput, Terminal, staff
from ...services import config_changes as changes
from ...settings import Applies, ConfigError, Kind, Setting, SettingError, find
from ...settings import file as settings_file
from ...settings.file import CONFIG_NAME, Source, Value
from ..output import Listing, Output
from ..session import read_pins, sign_operator


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = commands.add_parser("config", help=_("show, get, set and check the settings"))
    sub = config.add_subparsers(dest="config_command", metavar="SUBCOMMAND", required=True)
    sub.add_parser(
        "show", help=_("every setting with its value and where it came from")
    ).set_defaults(handler=cmd_config_show, bare=True)
    get = sub.add_parser("get", help=_("one setting's value (api_key: only whether it is set)"))
    get.add_argument("key", metavar="KEY", help=_("e.g. lock_after_minutes, earn.NGN.per"))
    get.set_defaults(handler=cmd_config_get, bare=True)
    put = sub.add_parser(
        "set",
        help=_(
            "change a setting in config.toml (a manager: --manager NAME, PIN on stdin); "
            "api_key: the key is read from a hidden prompt or stdin, never the command line"
        ),
    )
    put.add_argument("key", metavar="KEY")
    put.add_argument("value", metavar="VALUE", nargs="?")
    put.add_argument("--manager", metavar="NAME", help=_("the manager who makes the change"))
    put.set_defaults(handler=cmd_config_set, bare=True)
    unset = sub.add_parser(
        "unset", help=_("remove a setting from config.toml: back to its default (a manager)")
    )
    unset.add_argument("key", metavar="KEY")
    unset.add_argument("--manager", metavar="NAME", help=_("the manager who makes the change"))
    unset.set_defaults(handler=cmd_config_unset, bare=True)
    sub.add_parser(
        "check", help=_("check config.toml: every problem, one line each (exit 2 if any)")
    ).set_defaults(handler=cmd_config_check, bare=True)


@dataclass(frozen=True, slots=True)
class Shown:
    """One setting as `config show` and `config get` give it."""

    key: str
    value: Any
    source: str  # flag, env, file, default (the API key: keyring, env, missing)
    origin: str
    applies: str
    help: str


def _flags(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "backend_url": args.backend,
        "terminal_id": args.terminal_id,
        "insecure_http": getattr(args, "insecure", False),
    }


def _file(args: argparse.Namespace) -> tuple[Path, dict[str, Any]]:
    path = resolve_data_dir(args.data_dir) / CONFIG_NAME
    return path, settings_file.read(path)


def _everything(args: argparse.Namespace) -> list[Shown]:
    path, values = _file(args)
    got = settings_file.resolve(values, str(path), flags=_flags(args), env=os.environ)
    shown = [_shown(v) for v in got.values()]
    rate = got["naira_per_point"].value
    shown += [_shown(v) for v in settings_file.earn_values(values, str(path), rate)]
    url = got["backend_url"].value
    data = args.data_dir or os.environ.get("POS_APP_DATA_DIR")
    return [
        Shown(
            "data_dir",
            str(resolve_data_dir(args.data_dir)),
            Source.FLAG if args.data_dir else Source.ENV if data else Source.DEFAULT,
            "--data-dir" if args.data_dir else "POS_APP_DATA_DIR" if data else "",
            Applies.RESTART,
            "where the terminal keeps its data (not a setting of config.toml)",
        ),
        _api_key(url if isinstance(url, str) else None),
        *shown,
    ]


def _shown(value: Value) -> Shown:
    setting = find(value.key)
    return Shown(
        value.key,
        value.value,
        value.source,
        value.origin,
        setting.applies,
        setting.help,
    )


def _api_key(url: str | None) -> Shown:
    where = key_source(url)
    source = "env" if where.startswith("from") else "keyring" if "keyring" in where else "missing"
    setting = find("api_key")
    return Shown("api_key", where, source, "", setting.applies, setting.help)


def _text(item: Shown) -> str:
    if item.key == "api_key":
        value = str(item.value)
    elif item.value is None:
        value = _("(not set: {meaning})").format(meaning=find(item.key).default_text)
    else:
        value = find(item.key).text(item.value) if item.key != "data_dir" else item.value
    where = f"{item.source}: {item.origin}" if item.origin else item.source
    return f"{item.key:<48} {value}  [{where}; {item.applies}]"


def cmd_config_show(args: argparse.Namespace, out: Output) -> int:
    found = _everything(args)
    out.emit(Listing(found), "\n".join(_text(item) for item in found))
    return 0


def cmd_config_get(args: argparse.Namespace, out: Output) -> int:
    setting = find(args.key.strip())
    key = args.key.strip()
    item = next((i for i in _everything(args) if i.key == key), None)
    if item is None:  # an [earn] rate or tier that config.toml does not have
        item = Shown(key, setting.default, Source.DEFAULT, "", setting.applies, setting.help)
    text = str(item.value) if item.key == "api_key" else setting.text(item.value)
    out.emit(item, text)
    return 0


@dataclass(frozen=True, slots=True)
class Changed:
    key: str
    old: Any
    new: Any
    applies: str
    restart_needed: bool


def cmd_config_set(args: argparse.Namespace, out: Output) -> int:
    key = args.key.strip()
    setting = find(key)
    if setting.kind is Kind.SECRET:
        return _set_api_key(args, out, setting)
    if args.value is None:
        words = _("Give the new value: pos-app config set {key} VALUE ({allowed}).")
        raise BadInput(words.format(key=key, allowed=setting.allowed_text))
    try:
        value = setting.parse(args.value, key)
    except SettingError as error:
        raise BadInput(f"{error}.") from None
    if key == "backend_url":
        value = value.strip().rstrip("/")
    return _change(args, out, setting, key, value)


def cmd_config_unset(args: argparse.Namespace, out: Output) -> int:
    key = args.key.strip()
    setting = find(key)
    if setting.kind is Kind.SECRET:
        raise BadInput(_("The API key is not in config.toml; it stays in the OS keyring."))
    return _change(args, out, setting, key, None)


def _change(args: argparse.Namespace, out: Output, setting: Setting, key: str, value: Any) -> int:
    """Check the whole file as it would be, then the manager, then write and audit."""
    path, values = _file(args)
    found, old = settings_file.lookup(values, key)
    old = old if found else None
    after = settings_file.with_value(values, key, value)
    changes.refuse_new_problems(path, values, after)
    with _manager_terminal(args) as (t, manager):  # the settings screen's path too
        changes.save(t, path, {key: value}, manager=manager, operator=args.operator)
    restart = setting.applies is Applies.RESTART
    words = (
        f"{key} = {setting.text(value)}"
        if value is not None
        else _("{key} back to its default").format(key=key)
    )
    note = " " + (
        _("Restart pos-app for it to take effect.")
        if restart
        else _("Commands use it from now on; a cashier's screen already open, once restarted.")
    )
    now = settings_file.resolve(after, str(path), flags=_flags(args), env=os.environ).get(key)
    if now is not None and now.source in (Source.FLAG, Source.ENV):
        note += " " + _("Here {origin} overrides it.").format(origin=now.origin)
    was = setting.text(old) if old is not None else _("the default")
    out.emit(
        Changed(key, old, value, setting.applies, restart),
        _("Set {setting} (was {old}).").format(setting=words, old=was) + note,
    )
    return 0


def _set_api_key(args: argparse.Namespace, out: Output, setting: Setting) -> int:
    if args.value is not None:
        raise BadInput(
            _(
                "The API key is never given on the command line (it would stay in the shell "
                "history and the process list): leave it out, and type it at the hidden prompt "
                "or give it as the last line of stdin."
            )
        )
    config = load_config(
        data_dir=args.data_dir,
        backend_url=args.backend,
        terminal_id=args.terminal_id,
        insecure=getattr(args, "insecure", False),
    )
    if not config.backend_url:
        raise BadInput(
            _("Say which backend the key is for first: pos-app config set backend_url URL.")
        )
    with _manager_terminal(args) as (t, manager):
        key = _hidden() if sys.stdin.isatty() else sys.stdin.readline()
        if not key.strip():
            raise BadInput(_("No API key on stdin (its last line, after the PINs)."))
        try:
            setting.check(key.strip())
        except SettingError as error:
            raise BadInput(f"{error.describe(_('the API key'))}.") from None
        old = key_source(config.backend_url, {})
        store_api_key(config.backend_url, key)
        new = "set in keyring"
        changes.record(t, manager=manager, operator=args.operator, key="api_key", old=old, new=new)
    out.emit(
        Changed("api_key", old, "set in keyring", setting.applies, True),
        _(
            "API key stored in the OS keyring for {url}. Restart pos-app for it to take effect."
        ).format(url=config.backend_url),
    )
    return 0


def _hidden() -> str:
    import getpass

    return getpass.getpass(_("API key: "))


@contextmanager
def _manager_terminal(args: argparse.Namespace) -> Iterator[tuple[Terminal, str]]:
    """This data dir's terminal (even when config.toml is broken: a change may be what
    mends it), with the operator signed in and the manager's PIN checked."""
    if not args.manager:
        raise BadInput(
            _(
                "Changing a setting needs a manager: --manager NAME, their PIN on stdin "
                "(or typed at the prompt)."
            )
        )
    try:
        config = load_config(data_dir=args.data_dir, terminal_id=args.terminal_id)
    except ConfigError:
        config = Config(resolve_data_dir(args.data_dir), None, None)
    if not changes.has_database(config.data_dir):
        raise BadInput(
            _(
                "There is no terminal in {folder} yet: add its first manager with "
                "'pos-app staff add --name NAME --role manager'."
            ).format(folder=config.data_dir)
        )
    with bootstrap.Start(config, None, pin_cost=args.pin_cost).terminal() as t:
        args.operator = staff.check_operator(t, getattr(args, "operator", None))
        pins = read_pins(args, manager=args.manager)
        sign_operator(t, args, pins)
        yield t, changes.authorise(t, pins.manager)


def cmd_config_check(args: argparse.Namespace, out: Output) -> int:
    path, values = _file(args)
    found = [
        p.message
        for p in settings_file.problems(
            values, str(path), insecure=getattr(args, "insecure", False)
        )
    ]
    if not found:
        try:  # the flags and the environment too
            load_config(
                data_dir=args.data_dir,
                backend_url=args.backend,
                terminal_id=args.terminal_id,
                insecure=getattr(args, "insecure", False),
            )
        except ConfigError as error:
            found.append(str(error))
    for message in found:
        print(f"pos-app: {message}", file=sys.stderr, flush=True)
    where = (
        str(path)
        if path.exists()
        else _("{file} (none: every setting at its default)").format(file=path)
    )
    count = ngettext("{where}: {n} problem", "{where}: {n} problems", len(found))
    out.emit(
        {"ok": not found, "file": str(path), "problems": found},
        count.format(where=where, n=number(len(found)))
        if found
        else _("{where}: OK").format(where=where),
    )
    return 2 if found else 0
