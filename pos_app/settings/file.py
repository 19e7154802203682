"""config.toml through the settings schema (schema.py): read it, check all of it (every
problem, one line each), say where each value comes from (a flag, the environment, the
file or the default), and change one key of it (written whole and owner-only, with every
other key kept)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..domain.earning import DEFAULT_RATES
from ..files import write_private
from ..i18n import _
from .model import (
    CURRENCY_RE,
    TIER_RE,
    ConfigError,
    Kind,
    SettingError,
    shown,
)
from .schema import SETTINGS, TABLES, UnknownSetting, find, in_table
from .urls import LOOPBACK_HOSTS as LOOPBACK_HOSTS
from .urls import check_backend_url as check_backend_url

CONFIG_NAME = "config.toml"


class Source(StrEnum):
    FLAG = "flag"
    ENV = "env"
    FILE = "file"
    DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class Value:
    """One setting's value in effect and where it came from (`origin`: the flag, the
    variable or the file's path)."""

    key: str
    value: Any
    source: Source
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in config.toml. A `fatal` one stops pos-app from starting; the
    others (an unknown key, which pos-app ignores) only `config check` reports."""

    key: str
    message: str
    fatal: bool = True


def subject(key: str, source: Source, origin: str) -> str:
    """How a message names a value: by where it was written."""
    if source is Source.FILE:
        table, _dot, leaf = key.rpartition(".")
        return (
            _("{leaf} in [{table}] of {origin}").format(leaf=leaf, table=table, origin=origin)
            if table
            else _("{key} in {origin}").format(key=key, origin=origin)
        )
    if source in (Source.FLAG, Source.ENV):
        return _("{origin} (the {key})").format(origin=origin, key=key.replace("_", " "))
    return key


def read(path: Path) -> dict[str, Any]:
    """config.toml's values ({} without one)."""
    if not path.exists():
        return {}
    import tomllib  # only a terminal with a config.toml reads one

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ConfigError(_("cannot read {path}: {exc}").format(path=path, exc=exc)) from None


def write(path: Path, values: Mapping[str, Any]) -> None:
    """config.toml, replaced whole (atomically) and readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    import tomli_w  # only to write: a command that reads config.toml does not load it

    write_private(path, tomli_w.dumps(dict(values)).encode("utf-8"), durable=True)


def flatten(values: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted keys for every leaf: {"earn": {"NGN": {"per": 100}}} -> {"earn.NGN.per": 100}."""
    flat: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def lookup(values: Mapping[str, Any], key: str) -> tuple[bool, Any]:
    """(found, value) of a dotted key in nested tables."""
    here: Any = values
    for part in key.split("."):
        if not isinstance(here, Mapping) or part not in here:
            return False, None
        here = here[part]
    return True, here


def with_value(values: Mapping[str, Any], key: str, value: Any) -> dict[str, Any]:
    """A copy of `values` with the dotted `key` set (None: removed, back to its default)."""
    changed = copy.deepcopy(dict(values))
    *tables, leaf = key.split(".")
    here = changed
    for part in tables:
        inner = here.get(part)
        if not isinstance(inner, dict):
            inner = here[part] = {}
        here = inner
    if value is None:
        here.pop(leaf, None)
    else:
        here[leaf] = value
    return changed


def problems(
    values: Mapping[str, Any],
    where: str,
    *,
    insecure: bool = False,
    overridden: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Everything wrong in config.toml's `values` (read from `where`), in file order.
    `overridden`: keys a flag or the environment replaces (their file values go unused)."""
    found: list[Problem] = []
    for key, value in values.items():
        if key == "api_key":
            found.append(
                Problem(
                    key,
                    _(
                        "api_key must not be in {where}: the API key is kept in the OS keyring "
                        "('pos-app config set api_key' reads it from a hidden prompt or stdin)"
                    ).format(where=where),
                    fatal=False,
                )
            )
        elif key in TABLES:
            found += _table(key, value, where)
        elif key == "earn":
            found += [Problem("earn", m) for m in earn_problems(value, where)]
        elif key not in overridden:
            found += _top(key, value, where)
    allow_http = values.get("insecure_http") is True or insecure
    url = values.get("backend_url")
    if (
        isinstance(url, str)
        and "backend_url" not in overridden
        and find("backend_url")._allows(url)
    ):
        try:
            check_backend_url(url, insecure=allow_http)
        except ConfigError as error:
            found.append(
                Problem(
                    "backend_url",
                    _("backend_url in {where}: {error}").format(where=where, error=error),
                )
            )
    return found


def _top(key: str, value: Any, where: str) -> list[Problem]:
    try:
        setting = find(key)
        if setting.table or setting.kind is Kind.SECRET:
            raise UnknownSetting(key)
    except UnknownSetting as unknown:
        words = _("{where} has an unknown key {key}{hint} (pos-app ignores it)").format(
            where=where, key=shown(key), hint=unknown.hint
        )
        return [Problem(key, words, fatal=False)]
    if key == "backend_url" and isinstance(value, str) and not value.strip():
        return [
            Problem(
                key,
                _(
                    "backend_url in {where} is empty; give one such as "
                    "https://loyalty.example, or remove the line"
                ).format(where=where),
            )
        ]
    try:
        setting.check(value)
    except SettingError as error:
        return [Problem(key, error.describe(subject(key, Source.FILE, where)))]
    return []


def _table(name: str, value: Any, where: str) -> list[Problem]:
    if not isinstance(value, dict):
        return [
            Problem(name, _("[{name}] in {where} must be a table").format(name=name, where=where))
        ]
    known = [s.leaf for s in in_table(name)]
    found: list[Problem] = []
    unknown = sorted(set(value) - set(known))
    if unknown:
        names = ", ".join(k if k.isprintable() else repr(k) for k in unknown)
        found.append(
            Problem(
                name,
                _("[{name}] in {where} has unknown keys: {names} (known: {value})").format(
                    name=name, where=where, names=names, value=", ".join(known)
                ),
            )
        )
    for setting in in_table(name):
        if setting.leaf in value:
            try:
                setting.check(value[setting.leaf])
            except SettingError as error:
                found.append(
                    Problem(setting.key, error.describe(subject(setting.key, Source.FILE, where)))
                )
    return found


def earn_problems(values: Any, where: str) -> list[str]:
    """`[earn]`: one table per currency (`[earn.NGN]` with `points = 1` and `per = 100`),
    optional `[earn.tiers]` (`tier_gold = 1.5`) and `currency`."""
    if not isinstance(values, dict):
        return [_("[earn] in {where} must be a table").format(where=where)]
    if not values:  # an empty [earn]: the built-in rates, as without one
        return []
    found: list[str] = []
    rates = []
    for key, value in values.items():
        if key in ("currency", "tiers"):
            continue
        if not CURRENCY_RE.match(key):
            found.append(
                _(
                    "[earn] in {where} has an unknown key {key}: allowed are a currency code "
                    "of three capital letters (a table such as [earn.NGN] with points and "
                    "per), currency and [earn.tiers]"
                ).format(where=where, key=repr(key))
            )
        elif not isinstance(value, dict):
            found.append(
                _(
                    "{key} in [earn] of {where} must be a table with points and per, such as "
                    "[earn.{key}] points = 1, per = 100 (1 point per {key} 100), not {value}"
                ).format(key=key, where=where, value=shown(value))
            )
        elif unknown := sorted(set(value) - {"points", "per"}):
            found.append(
                _(
                    "[earn.{key}] in {where} has unknown keys: {value} (allowed: points, per)"
                ).format(key=key, where=where, value=", ".join(unknown))
            )
        elif "per" not in value:
            found.append(
                _(
                    "[earn.{key}] in {where} needs per, the amount of {key} that earns its "
                    "points (e.g. per = 100)"
                ).format(key=key, where=where)
            )
        else:
            rates.append(key)
            found += _checked(value, f"earn.{key}", where)
    tiers = values.get("tiers", {})
    if not isinstance(tiers, dict):
        found.append(
            _("tiers in [earn] of {where} must be a table such as [earn.tiers]").format(where=where)
        )
    else:
        for tier in tiers:
            if not TIER_RE.match(tier):
                found.append(
                    _("[earn.tiers] in {where} has a key {tier} that is not a tier id").format(
                        where=where, tier=repr(tier)
                    )
                )
        found += _checked({t: v for t, v in tiers.items() if TIER_RE.match(t)}, "earn.tiers", where)
    known = sorted({*rates, *DEFAULT_RATES})
    currency = values.get("currency")
    if "currency" in values and (not isinstance(currency, str) or currency not in known):
        found.append(
            _(
                "currency in [earn] of {where} must be one of the rates' currencies "
                "({value}), not {currency}"
            ).format(where=where, value=", ".join(known), currency=shown(currency))
        )
    return found


def _checked(table: Mapping[str, Any], prefix: str, where: str) -> list[str]:
    found = []
    for leaf, value in table.items():
        key = f"{prefix}.{leaf}"
        try:
            find(key).check(value, key)
        except SettingError as error:
            found.append(error.describe(subject(key, Source.FILE, where)))
    return found


def resolve(
    values: Mapping[str, Any],
    where: str,
    *,
    flags: Mapping[str, Any],
    env: Mapping[str, str],
) -> dict[str, Value]:
    """Each fixed setting's value in effect, highest first: a flag (`flags`, by key; None:
    not given), the environment (an empty variable counts as unset), config.toml, the
    default. The API key is not here (credentials.py), nor the [earn] rates (`earn_values`)."""
    resolved: dict[str, Value] = {}
    for setting in SETTINGS:
        if setting.kind is Kind.SECRET or "<" in setting.key or setting.key.startswith("earn."):
            continue
        key = setting.key
        given = flags.get(key)
        there, in_file = lookup(values, key)
        if given is not None and given is not False and setting.flag:
            resolved[key] = Value(key, given, Source.FLAG, setting.flag)
        elif setting.env and env.get(setting.env):
            resolved[key] = Value(key, env[setting.env], Source.ENV, setting.env)
        elif there:
            resolved[key] = Value(key, in_file, Source.FILE, where)
        else:
            resolved[key] = Value(key, setting.default, Source.DEFAULT)
    return resolved


def earn_values(
    values: Mapping[str, Any], where: str, naira_per_point: int | None = None
) -> list[Value]:
    """The [earn] keys in effect: the file's, then the built-in rate of each currency the
    file does not rate (domain/earning.py DEFAULT_RATES; NGN's from an old config's
    naira_per_point)."""
    earn = values.get("earn")
    table = earn if isinstance(earn, dict) else {}
    found = [Value(f"earn.{k}", v, Source.FILE, where) for k, v in flatten(table).items()]
    for code, (points, per) in DEFAULT_RATES.items():
        if code in table:
            continue
        if code == "NGN" and naira_per_point is not None:
            found.append(Value("earn.NGN.points", 1, Source.FILE, where))
            found.append(Value("earn.NGN.per", naira_per_point, Source.FILE, "naira_per_point"))
            continue
        found.append(Value(f"earn.{code}.points", points, Source.DEFAULT))
        found.append(Value(f"earn.{code}.per", per, Source.DEFAULT))
    return found
