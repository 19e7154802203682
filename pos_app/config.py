"""Where the terminal keeps its data and which backend it talks to.

Precedence, highest first: command-line flags, environment variables, `config.toml` in
the data directory, built-in defaults. The API key is never in the config file: it comes
from `LOYALPRO_API_KEY` or the OS keyring (see credentials.py).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from .domain import phones
from .domain.earning import EarnRate, EarnRules
from .domain.offline_policy import OfflinePolicy

APP_NAME = "pos-app"
CONFIG_NAME = "config.toml"
ENV_DATA_DIR = "POS_APP_DATA_DIR"
ENV_BACKEND = "POS_APP_BACKEND_URL"
ENV_TERMINAL = "POS_APP_TERMINAL_ID"
TERMINAL_ID_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
STORE_ID_RE = re.compile(r"[\x20-\x7e]{1,64}")  # API.md v1.1: 1-64 printable ASCII


class ConfigError(Exception):
    """The configuration cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class AwardLimits:
    """What a cashier gives away without a manager (`[award_limits]` in config.toml)."""

    max_points_per_award: int = 1000
    max_points_per_cashier_per_day: int = 5000
    tier_change_needs_approval: bool = True

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], where: str) -> AwardLimits:
        known = {"max_points_per_award", "max_points_per_cashier_per_day"}
        unknown = set(values) - known - {"tier_change_needs_approval"}
        if unknown:
            raise ConfigError(
                f"[award_limits] in {where} has unknown keys: {', '.join(sorted(unknown))} "
                "(known: max_points_per_award, max_points_per_cashier_per_day, "
                "tier_change_needs_approval)"
            )
        numbers: dict[str, int] = {}
        for key in sorted(known):
            value = values.get(key, getattr(cls, key))
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10**9:
                raise ConfigError(
                    f"{key} in [award_limits] of {where} must be a whole number of points "
                    f"from 1 to 1000000000, not {value!r}"
                )
            numbers[key] = value
        tier = values.get("tier_change_needs_approval", True)
        if not isinstance(tier, bool):
            raise ConfigError(
                f"tier_change_needs_approval in [award_limits] of {where} must be true or false"
            )
        return cls(
            max_points_per_award=numbers["max_points_per_award"],
            max_points_per_cashier_per_day=numbers["max_points_per_cashier_per_day"],
            tier_change_needs_approval=tier,
        )


CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
TIER_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
_MAX_RATE = 1_000_000


def _whole(value: object, key: str, where: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ConfigError(
            f"{key} in [earn] of {where} must be a whole number from {lo} to {hi:,}, not {value!r}"
        )
    return value


def earn_rules(values: Mapping[str, Any], where: str, naira_per_point: int = 100) -> EarnRules:
    """`[earn]`: one table per currency (`[earn.NGN]` with `points = 1` and `per = 100`:
    1 point per NGN 100), optional `[earn.tiers]` (`tier_gold = 1.5`) and `currency` (the
    sale's currency when none is given; default: the only rate's, else NGN). Without an
    `[earn]` table: 1 point per `naira_per_point` NGN, as before."""
    if not values:
        return EarnRules({"NGN": EarnRate(1, naira_per_point)}, "NGN")
    rates: dict[str, EarnRate] = {}
    tiers: dict[str, Fraction] = {}
    for key, value in values.items():
        if key in ("currency", "tiers"):
            continue
        if not CURRENCY_RE.match(key):
            raise ConfigError(
                f"[earn] in {where} has an unknown key {key!r}: allowed are a currency code of "
                "three capital letters (a table such as [earn.NGN] with points and per), "
                "currency and [earn.tiers]"
            )
        if not isinstance(value, dict):
            raise ConfigError(
                f"{key} in [earn] of {where} must be a table with points and per, such as "
                f"[earn.{key}] points = 1, per = 100 (1 point per {key} 100), not {value!r}"
            )
        unknown = set(value) - {"points", "per"}
        if unknown:
            raise ConfigError(
                f"[earn.{key}] in {where} has unknown keys: {', '.join(sorted(unknown))} "
                "(allowed: points, per)"
            )
        if "per" not in value:
            raise ConfigError(
                f"[earn.{key}] in {where} needs per, the amount of {key} that earns its points "
                "(e.g. per = 100)"
            )
        rates[key] = EarnRate(
            _whole(value.get("points", 1), f"points of {key}", where, 1, _MAX_RATE),
            _whole(value["per"], f"per of {key}", where, 1, _MAX_RATE),
        )
    if not rates:
        raise ConfigError(
            f"[earn] in {where} has no rate: add e.g. [earn.NGN] points = 1, per = 100"
        )
    multipliers = values.get("tiers", {})
    if not isinstance(multipliers, dict):
        raise ConfigError(f"tiers in [earn] of {where} must be a table such as [earn.tiers]")
    for tier, value in multipliers.items():
        if not TIER_RE.match(tier):
            raise ConfigError(f"[earn.tiers] in {where} has a key {tier!r} that is not a tier id")
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 < value <= 10
            or Fraction(str(value)).limit_denominator(100) != Fraction(str(value))
        ):
            raise ConfigError(
                f"{tier} in [earn.tiers] of {where} must be a multiplier above 0 and up to 10 "
                f"with at most two decimals, such as 1.5, not {value!r}"
            )
        tiers[tier] = Fraction(str(value))
    currency = values.get("currency", next(iter(rates)) if len(rates) == 1 else "NGN")
    if not isinstance(currency, str) or currency not in rates:
        raise ConfigError(
            f"currency in [earn] of {where} must be one of the rates' currencies "
            f"({', '.join(rates)}), not {currency!r}"
        )
    return EarnRules(rates, currency, tiers)


@dataclass(frozen=True)
class Config:
    data_dir: Path
    backend_url: str | None
    terminal_id: str | None  # None: generated on first use and kept in the database
    store_id: str | None = None
    offline_policy: OfflinePolicy = field(default_factory=OfflinePolicy)
    online_wait_seconds: float = 5.0
    naira_per_point: int = 100  # the award screen's purchase amount per point
    phone_region: str = "NG"  # what a phone number without a country code means (ISO 3166)
    timezone: str | None = None  # the store's days for reports (IANA name); None: system
    lock_after_minutes: float = 5.0  # the GUI locks itself after this long without input
    fullscreen: bool = False  # the GUI fills the screen (no title bar); otherwise maximised
    insecure_http: bool = False  # plain http to another machine allowed on purpose
    award_limits: AwardLimits = field(default_factory=AwardLimits)
    earn: EarnRules = field(default_factory=lambda: earn_rules({}, ""))
    log_max_kib: int = 1024  # [logs] max_kib: one log file's size before it rotates
    log_files: int = 5  # [logs] files: how many log files are kept

    def time_zone(self) -> tzinfo:
        if self.timezone:
            return ZoneInfo(self.timezone)
        local = datetime.now().astimezone().tzinfo
        return local if local is not None else UTC


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def resolve_data_dir(flag: str | Path | None, env: Mapping[str, str] = os.environ) -> Path:
    chosen = flag or env.get(ENV_DATA_DIR) or default_data_dir()
    return Path(chosen).expanduser()


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host.casefold() in LOOPBACK_HOSTS or host.casefold().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_backend_url(url: str, *, insecure: bool = False) -> str:
    """A base URL the API key may be sent to: http(s), a host, no user name or password
    (the key travels in a header, never in the URL), and https unless the host is this
    machine or plain http was allowed on purpose (--insecure, insecure_http = true)."""
    from urllib.parse import urlsplit

    url = url.strip().rstrip("/")
    shown = re.sub(r"//[^/@]*@", "//***@", url)[:200]
    if not re.match(r"^https?://[^\s/]+", url) or any(not ch.isprintable() for ch in url):
        raise ConfigError(f"backend URL {shown!r} must start with http:// or https://")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        raise ConfigError(f"backend URL {shown!r} is not a valid URL") from None
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise ConfigError(
            f"backend URL {shown!r} must not contain a user name or password; the API key "
            "comes from LOYALPRO_API_KEY or the OS keyring"
        )
    if not parts.hostname:
        raise ConfigError(f"backend URL {shown!r} has no host name")
    if parts.query or parts.fragment:
        raise ConfigError(f"backend URL {shown!r} must not have a query or fragment")
    if parts.scheme == "http" and not insecure and not _is_loopback(parts.hostname):
        raise ConfigError(
            f"backend URL {shown!r} is plain http to another machine: the API key and "
            "customer data would cross the network unencrypted. Use https://, or allow it "
            "on purpose with --insecure (or insecure_http = true in config.toml)"
        )
    return url


def load_config(
    *,
    data_dir: str | Path | None = None,
    backend_url: str | None = None,
    terminal_id: str | None = None,
    insecure: bool = False,
    env: Mapping[str, str] = os.environ,
) -> Config:
    directory = resolve_data_dir(data_dir, env)
    if directory.exists() and not directory.is_dir():
        raise ConfigError(f"the data directory {directory} is a file, not a directory")
    file_values: dict[str, Any] = {}
    path = directory / CONFIG_NAME
    if path.exists():
        try:
            file_values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise ConfigError(f"cannot read {path}: {exc}") from None
    url = (
        backend_url
        if backend_url is not None
        else env.get(ENV_BACKEND) or file_values.get("backend_url")
    )
    if url is not None and isinstance(url, str) and not url.strip():
        raise ConfigError("the backend URL is empty; give one such as https://loyalty.example")
    if url is not None and not isinstance(url, str):
        raise ConfigError(f"backend_url in {path} must be a string")
    terminal = (
        terminal_id
        if terminal_id is not None
        else env.get(ENV_TERMINAL) or file_values.get("terminal_id")
    )
    if terminal is not None and (
        not isinstance(terminal, str) or not TERMINAL_ID_RE.match(terminal)
    ):
        raise ConfigError("terminal id must be 1-64 letters, digits, '.', '_' or '-'")
    store = file_values.get("store_id")
    if store is not None and (not isinstance(store, str) or not STORE_ID_RE.fullmatch(store)):
        raise ConfigError(
            f"store_id in {path} must be 1-64 printable ASCII characters, not {store!r}"
        )
    policy_values = file_values.get("offline_policy", {})
    if not isinstance(policy_values, dict):
        raise ConfigError(f"[offline_policy] in {path} must be a table")
    try:
        policy = OfflinePolicy.from_mapping(policy_values)
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    wait = file_values.get("online_wait_seconds", 5.0)
    if isinstance(wait, bool) or not isinstance(wait, int | float) or not 0.5 <= wait <= 60:
        raise ConfigError(f"online_wait_seconds in {path} must be a number from 0.5 to 60")
    zone = file_values.get("timezone")
    if zone is not None:
        try:
            ZoneInfo(str(zone))
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"timezone {zone!r} in {path} is not a time zone name such as Africa/Lagos"
            ) from None
    rate = file_values.get("naira_per_point", 100)
    if isinstance(rate, bool) or not isinstance(rate, int) or not 1 <= rate <= 1_000_000:
        raise ConfigError(f"naira_per_point in {path} must be a whole number from 1")
    region = file_values.get("phone_region", "NG")
    if not isinstance(region, str) or not phones.known_region(region):
        raise ConfigError(
            f"phone_region in {path} must be a two-letter country code such as NG or GH, "
            f"not {region!r}"
        )
    allow_http = file_values.get("insecure_http", False)
    if not isinstance(allow_http, bool):
        raise ConfigError(f"insecure_http in {path} must be true or false")
    lock = file_values.get("lock_after_minutes", 5.0)
    if isinstance(lock, bool) or not isinstance(lock, int | float) or not 0.5 <= lock <= 480:
        raise ConfigError(f"lock_after_minutes in {path} must be a number from 0.5 to 480")
    fullscreen = file_values.get("fullscreen", False)
    if not isinstance(fullscreen, bool):
        raise ConfigError(f"fullscreen in {path} must be true or false, not {fullscreen!r}")
    limits = file_values.get("award_limits", {})
    if not isinstance(limits, dict):
        raise ConfigError(f"[award_limits] in {path} must be a table")
    award_limits = AwardLimits.from_mapping(limits, str(path))
    earn = file_values.get("earn", {})
    if not isinstance(earn, dict):
        raise ConfigError(f"[earn] in {path} must be a table")
    rules = earn_rules(earn, str(path), rate)
    log_max_kib, log_files = _logs(file_values.get("logs", {}), path)
    return Config(
        data_dir=directory,
        backend_url=None
        if url is None
        else check_backend_url(url, insecure=insecure or allow_http),
        terminal_id=terminal,
        store_id=store,
        offline_policy=policy,
        online_wait_seconds=float(wait),
        naira_per_point=rate,
        phone_region=region.upper(),
        timezone=None if zone is None else str(zone),
        lock_after_minutes=float(lock),
        fullscreen=fullscreen,
        insecure_http=bool(insecure or allow_http),
        award_limits=award_limits,
        earn=rules,
        log_max_kib=log_max_kib,
        log_files=log_files,
    )


def _logs(values: object, path: Path) -> tuple[int, int]:
    """`[logs]`: `max_kib` (one file's size before it rotates) and `files` (how many
    are kept)."""
    if not isinstance(values, dict):
        raise ConfigError(f"[logs] in {path} must be a table")
    unknown = set(values) - {"max_kib", "files"}
    if unknown:
        raise ConfigError(
            f"[logs] in {path} has unknown keys: {', '.join(sorted(unknown))} "
            "(known: max_kib, files)"
        )
    found: list[int] = []
    for key, default, lo, hi in (("max_kib", 1024, 64, 102_400), ("files", 5, 1, 50)):
        value = values.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise ConfigError(
                f"{key} in [logs] of {path} must be a whole number from {lo} to {hi:,}, "
                f"not {value!r}"
            )
        found.append(value)
    return found[0], found[1]
