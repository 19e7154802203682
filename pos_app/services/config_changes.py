"""Changes to the terminal's set-up (a key of config.toml, the API key): a manager's,
proved with their PIN, and audited with the old and the new value (never a secret's)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..credentials import CredentialError, key_source, store_api_key
from ..i18n import _
from ..settings import Applies, Kind, SettingError, find
from ..settings import file as settings_file
from ..store import audit
from ..store.db import DB_NAME
from . import staff
from .errors import BadInput, Refused
from .terminal import Terminal

ACTION = "config.changed"


def authorise(t: Terminal, manager: staff.Credentials | None) -> str:
    """The manager who makes the change (their PIN checked: a sign-in, audited, counted
    towards the lock-out)."""
    if manager is None:
        raise BadInput(
            _(
                "Changing a setting needs a manager: --manager NAME, their PIN on stdin "
                "(or typed at the prompt)."
            )
        )
    if not staff.has_staff(t):
        raise Refused(
            _(
                "There is no manager on this terminal yet: add one first with 'pos-app "
                "staff add --name NAME --role manager' (the first account needs no "
                "approval)."
            ),
            "no_manager",
        )
    member = staff.sign_in(t, manager.name, manager.pin, purpose="approval")
    if not member.is_manager:
        raise Refused(_("{name} is not a manager.").format(name=member.name), "not_a_manager")
    return member.name


def record(t: Terminal, *, manager: str, operator: str, key: str, old: Any, new: Any) -> None:
    """The audit entry of one change (None: not set, the default)."""
    with t.db.transaction() as conn:
        audit.append(
            conn,
            now=t.clock(),
            actor=manager,
            action=ACTION,
            subject=key,
            details={"old": old, "new": new, "operator": operator},
        )


def has_database(data_dir: Path) -> bool:
    """Is there a terminal here already (staff to approve a change)? Asked before opening
    one, so a refused change creates no database either."""
    return (data_dir / DB_NAME).exists()


@dataclass(frozen=True, slots=True)
class Saved:
    """One key changed by `save`: its old and new value (None: the default) and when the
    change takes effect."""

    key: str
    old: Any
    new: Any
    applies: Applies


def save(
    t: Terminal, path: Path, wanted: Mapping[str, Any], *, manager: str, operator: str
) -> list[Saved]:
    """Several keys of config.toml changed at once (None: back to the default), as `pos-app
    config set` changes one: the whole file checked as it would be (nothing written if any
    new problem), written whole, atomically and owner-only, and each change audited."""
    values = settings_file.read(path)
    after = dict(values)
    saved: list[Saved] = []
    for key, value in wanted.items():
        setting = find(key)
        if setting.kind is Kind.SECRET:
            raise BadInput(_("The API key is not kept in config.toml; it goes to the OS keyring."))
        if value is not None:
            setting.check(value, key)
        found, old = settings_file.lookup(values, key)
        old = old if found else None
        if old == value:
            continue
        after = settings_file.with_value(after, key, value)
        saved.append(Saved(key, old, value, setting.applies))
    refuse_new_problems(path, values, after)
    if not saved:
        return []
    settings_file.write(path, after)
    for item in saved:
        record(t, manager=manager, operator=operator, key=item.key, old=item.old, new=item.new)
    return saved


def store_key(
    t: Terminal, backend_url: str | None, key: str, *, manager: str, operator: str
) -> Saved:
    """A new API key into the OS keyring (as `pos-app config set api_key`): never a file,
    never a log; audited as where the key was before and after, never the key."""
    if not backend_url:
        raise BadInput(_("Say which backend the key is for first (the backend URL)."))
    try:
        find("api_key").check(key.strip())
    except SettingError as error:
        raise BadInput(f"{error.describe('the API key')}.") from None
    old = key_source(backend_url, {})
    try:
        store_api_key(backend_url, key)
    except CredentialError as error:
        raise BadInput(_("The API key was not stored: {error}.").format(error=error)) from None
    new = "set in keyring"
    record(t, manager=manager, operator=operator, key="api_key", old=old, new=new)
    return Saved("api_key", old, new, Applies.RESTART)


def refuse_new_problems(path: Path, values: dict[str, Any], after: dict[str, Any]) -> None:
    """BadInput naming each problem the change would bring into the file (one it already
    had is not the change's doing); checked before anything is written or a PIN asked."""
    before = {p.message for p in settings_file.problems(values, str(path))}
    new = [
        p.message
        for p in settings_file.problems(after, str(path))
        if p.fatal and p.message not in before
    ]
    if new:
        raise BadInput(_("Not changed: {value}.").format(value="; ".join(new)))
