"""Where the terminal keeps its data and which backend it talks to.

Precedence, highest first: command-line flags, environment variables, `config.toml` in
the data directory, built-in defaults. The API key is never in the config file: it comes
from `LOYALPRO_API_KEY` or the OS keyring (see credentials.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from fractions import Fraction
from pathlib import Path
from typing import Any

from .domain.earning import EarnRate, EarnRules
from .domain.offline_policy import OfflinePolicy
from .i18n import _, ngettext
from .settings import CURRENCY_RE as CURRENCY_RE
from .settings import ENV_BACKEND as ENV_BACKEND
from .settings import ENV_TERMINAL as ENV_TERMINAL
from .settings import STORE_ID_RE as STORE_ID_RE
from .settings import TERMINAL_ID_RE as TERMINAL_ID_RE
from .settings import TIER_RE as TIER_RE
from .settings import ConfigError as ConfigError
from .settings import SettingError, find, in_table
from .settings import file as settings_file
from .settings.file import CONFIG_NAME as CONFIG_NAME
from .settings.file import LOOPBACK_HOSTS as LOOPBACK_HOSTS
from .settings.file import Source, Value, earn_problems, subject
from .settings.file import check_backend_url as check_backend_url

APP_NAME = "pos-app"
ENV_DATA_DIR = "POS_APP_DATA_DIR"


@dataclass(frozen=True)
class AwardLimits:
    """What a cashier gives away without a manager (`[award_limits]` in config.toml)."""

    max_points_per_award: int = 1000
    max_points_per_cashier_per_day: int = 5000
    tier_change_needs_approval: bool = True


def earn_rules(
    values: Mapping[str, Any],
    where: str,
    naira_per_point: int | None = None,
    currency: str | None = None,
) -> EarnRules:
    """`[earn]`: one table per currency (`[earn.XOF]` with `points = 1` and `per = 50`:
    1 point per 50 F CFA), optional `[earn.tiers]` (`tier_gold = 1.5`) and `currency` (the
    sale's currency when none is given). A currency without a table earns at its built-in
    rate (domain/earning.py DEFAULT_RATES); an old config's `naira_per_point` is the NGN
    rate when there is no [earn.NGN]. The sale's currency, unless [earn] names it: the
    terminal's `currency` when set, else the only [earn] table's, else NGN."""
    found = earn_problems(values, where) if values else []
    if found:
        raise ConfigError(found[0])
    tables = {k: v for k, v in values.items() if k not in ("currency", "tiers")}
    if "currency" in values:
        currency = values["currency"]
    elif currency is None:
        currency = next(iter(tables)) if len(tables) == 1 else "NGN"
    rules = EarnRules.defaults(currency, naira_per_point)
    rates = dict(rules.rates)
    rates.update({k: EarnRate(v.get("points", 1), v["per"]) for k, v in tables.items()})
    tiers = {tier: Fraction(str(value)) for tier, value in values.get("tiers", {}).items()}
    return EarnRules(rates, currency, tiers)


@dataclass(frozen=True)
class ScannerSettings:
    """[scanner]: how a keyboard-wedge barcode scanner's burst of keys is told from typing."""

    prefix: str = ""  # sent before each code; "" none
    suffix: str = "Enter"  # "Enter", "Tab", or characters sent after each code
    max_gap_ms: int = 30  # keys closer together than this came from the scanner


@dataclass(frozen=True)
class DisplaySettings:
    """[display]: the customer display (services/customer_display.py)."""

    screen: str | None = None  # a screen's number from 1 or its name; None: off
    idle_seconds: float = 30.0  # back to "Scan your card" after this long
    store_name: str | None = None  # the greeting on idle; None: the store_id


@dataclass(frozen=True)
class Config:
    data_dir: Path
    backend_url: str | None
    terminal_id: str | None  # None: generated on first use and kept in the database
    store_id: str | None = None
    offline_policy: OfflinePolicy = field(default_factory=OfflinePolicy)
    online_wait_seconds: float = 5.0
    currency: str = "NGN"  # the terminal's: a sale's when none is given (ISO 4217)
    country: str = "NG"  # the store's (ISO 3166): local phone numbers, number formats
    timezone: str | None = None  # the store's days for reports (IANA name); None: system
    lock_after_minutes: float = 5.0  # the GUI locks itself after this long without input
    fullscreen: bool = False  # the GUI fills the screen (no title bar); otherwise maximised
    kiosk: bool = False  # full screen, no window controls; leaving needs a manager
    insecure_http: bool = False  # plain http to another machine allowed on purpose
    award_limits: AwardLimits = field(default_factory=AwardLimits)
    earn: EarnRules = field(default_factory=EarnRules.defaults)
    log_max_kib: int = 1024  # [logs] max_kib: one log file's size before it rotates
    log_files: int = 5  # [logs] files: how many log files are kept
    scanner: ScannerSettings = field(default_factory=lambda: ScannerSettings())
    printer: str | None = None  # [printer] device: a spec (domain/printers.py); None: none
    paper_mm: int = 80  # [printer] paper_mm: 58 or 80
    display: DisplaySettings = field(default_factory=lambda: DisplaySettings())
    print_auto: bool = True  # [printer] auto: each slip prints as it happens, else on request
    language: str = "auto"  # [terminal] language: auto (the system's), en or fr

    @property
    def phone_region(self) -> str:
        """What a phone number without a country code means: the store's country."""
        return self.country

    def time_zone(self) -> tzinfo:
        if self.timezone:
            from zoneinfo import ZoneInfo  # only a store that names its zone

            return ZoneInfo(self.timezone)
        local = datetime.now().astimezone().tzinfo
        return local if local is not None else UTC


def default_data_dir() -> Path:
    import platformdirs  # only without --data-dir or POS_APP_DATA_DIR

    return Path(platformdirs.user_data_dir(APP_NAME))


def resolve_data_dir(flag: str | Path | None, env: Mapping[str, str] = os.environ) -> Path:
    chosen = flag or env.get(ENV_DATA_DIR) or default_data_dir()
    return Path(chosen).expanduser()


def load_config(
    *,
    data_dir: str | Path | None = None,
    backend_url: str | None = None,
    terminal_id: str | None = None,
    insecure: bool = False,
    env: Mapping[str, str] = os.environ,
) -> Config:
    """The settings in effect (pos_app/settings/schema.py describes each), checked: a bad
    value raises ConfigError naming the key, the value and what is allowed."""
    directory = resolve_data_dir(data_dir, env)
    if directory.exists() and not directory.is_dir():
        raise ConfigError(
            _("the data directory {directory} is a file, not a directory").format(
                directory=directory
            )
        )
    path = directory / CONFIG_NAME
    file_values = settings_file.read(path)
    flags = {"backend_url": backend_url, "terminal_id": terminal_id, "insecure_http": insecure}
    got = settings_file.resolve(file_values, str(path), flags=flags, env=env)
    allow_http = bool(insecure or file_values.get("insecure_http") is True)
    overridden = frozenset(k for k, v in got.items() if v.source in (Source.FLAG, Source.ENV))
    found = [
        p
        for p in settings_file.problems(
            file_values, str(path), insecure=allow_http, overridden=overridden
        )
        if p.fatal
    ]
    if found:
        more = len(found) - 1
        also = (
            ngettext(
                " (and {n} more: 'pos-app config check' lists it)",
                " (and {n} more: 'pos-app config check' lists them)",
                more,
            ).format(n=more)
            if more
            else ""
        )
        raise ConfigError(found[0].message + also)
    url = _given(got["backend_url"])
    if url is not None and not url.strip():
        raise ConfigError(_("the backend URL is empty; give one such as https://loyalty.example"))
    values = {key: v.value for key, v in got.items()}
    _given(got["terminal_id"])
    earn = file_values.get("earn", {})
    given_currency = values["currency"] if got["currency"].source is not Source.DEFAULT else None
    return Config(
        data_dir=directory,
        backend_url=None if url is None else check_backend_url(url, insecure=allow_http),
        terminal_id=values["terminal_id"],
        store_id=values["store_id"],
        offline_policy=OfflinePolicy(**_table(values, "offline_policy")),
        online_wait_seconds=float(values["online_wait_seconds"]),
        currency=values["currency"].upper(),
        country=(values["country"] or values["phone_region"] or "NG").upper(),
        timezone=values["timezone"],
        lock_after_minutes=float(values["lock_after_minutes"]),
        fullscreen=values["fullscreen"],
        kiosk=values["kiosk"],
        insecure_http=allow_http,
        award_limits=AwardLimits(**_table(values, "award_limits")),
        earn=earn_rules(earn, str(path), values["naira_per_point"], given_currency),
        log_max_kib=values["logs.max_kib"],
        log_files=values["logs.files"],
        scanner=ScannerSettings(**_table(values, "scanner")),
        printer=(values["printer.device"] or "").strip() or None,
        paper_mm=values["printer.paper_mm"],
        display=DisplaySettings(
            screen=(values["display.screen"] or "").strip() or None,
            idle_seconds=float(values["display.idle_seconds"]),
            store_name=(values["display.store_name"] or "").strip() or None,
        ),
        print_auto=values["printer.auto"],
        language=values["terminal.language"],
    )


def _given(value: Value) -> Any:
    """A value from a flag or the environment, checked (the file's were, with the file)."""
    if value.source in (Source.FLAG, Source.ENV) and value.key != "backend_url":
        try:
            find(value.key).check(value.value)
        except SettingError as error:
            raise ConfigError(
                error.describe(subject(value.key, value.source, value.origin))
            ) from None
    return value.value


def _table(values: Mapping[str, Any], table: str) -> dict[str, Any]:
    return {s.leaf: values[s.key] for s in in_table(table)}
