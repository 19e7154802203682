"""What a setting is: its key, type, allowed values, default, help and when a change
applies (`Setting`), and the errors a bad value raises. Pure."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..i18n import _

ENV_BACKEND = "POS_APP_BACKEND_URL"
ENV_TERMINAL = "POS_APP_TERMINAL_ID"
ENV_API_KEY = "LOYALPRO_API_KEY"  # also credentials.ENV_API_KEY
TERMINAL_ID_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
STORE_ID_RE = re.compile(r"[\x20-\x7e]{1,64}")  # API.md v1.1: 1-64 printable ASCII
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
TIER_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
MAX_RATE = 1_000_000
WHOLE_TEXT = re.compile(r"[+-]?\d+")
NUMBER_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
PLACEHOLDERS = {"<CURRENCY>": CURRENCY_RE, "<TIER>": TIER_RE}


class ConfigError(Exception):
    """The configuration cannot be used; the message says what to fix."""


class Applies(StrEnum):
    """When a changed value takes effect."""

    LIVE = "live"  # a running terminal can take it at once (the settings screen applies it)
    RESTART = "restart"  # read once when pos-app starts: restart it


class Kind(StrEnum):
    BOOL = "bool"
    WHOLE = "whole number"
    NUMBER = "number"
    TEXT = "text"
    SECRET = "secret"  # noqa: S105 -- never in config.toml, never shown: the API key


def shown(value: object) -> str:
    """A value as a message quotes it: repr (control characters escaped), cut short, a
    user name and password in a URL masked."""
    text = re.sub(r"//[^/@\s]*@", "//***@", repr(value))
    return text if len(text) <= 80 else text[:77] + "..."


class SettingError(ConfigError):
    """A value a setting does not allow. The message names the key (or where the value
    came from), the bad value and what is allowed; a secret's value is never quoted."""

    def __init__(self, key: str, value: object, allowed: str, *, secret: bool = False) -> None:
        self.key, self.value, self.allowed, self.secret = key, value, allowed, secret
        super().__init__(self.describe(key))

    def describe(self, subject: str) -> str:
        allowed = _(self.allowed)
        if self.secret:
            words = _("{subject} must be {allowed} (the value is not shown)")
            return words.format(subject=subject, allowed=allowed)
        words = _("{subject} must be {allowed}, not {value}")
        return words.format(subject=subject, allowed=allowed, value=shown(self.value))


@dataclass(frozen=True, slots=True)
class Setting:
    key: str  # dotted; <CURRENCY> or <TIER> stand for a name the person chooses
    kind: Kind
    default: Any  # None: not set (default_words says what that means)
    allowed: str  # what is allowed, in words, after "must be" (English, marked with N_)
    help: str  # English, marked with N_: people read help_text
    applies: Applies
    lo: float | None = None
    hi: float | None = None
    test: Callable[[Any], bool] | None = None  # a further rule of the value
    flag: str | None = None  # the command-line option that overrides it
    env: str | None = None  # the environment variable that overrides it
    default_words: str = ""  # what the default means, when it is no value

    @property
    def help_text(self) -> str:
        """The help in the terminal's language (the settings screen, `pos-app config`)."""
        return _(self.help)

    @property
    def allowed_text(self) -> str:
        return _(self.allowed)

    @property
    def default_text(self) -> str:
        """What no value means, in the terminal's language ("" when there is a value)."""
        return _(self.default_words) if self.default_words else ""

    @property
    def table(self) -> str:
        return self.key.rpartition(".")[0]

    @property
    def leaf(self) -> str:
        return self.key.rpartition(".")[2]

    def matches(self, key: str) -> bool:
        mine, theirs = self.key.split("."), key.split(".")
        if len(mine) != len(theirs):
            return False
        for part, given in zip(mine, theirs, strict=True):
            rule = PLACEHOLDERS.get(part)
            if (rule is None and part != given) or (rule is not None and not rule.match(given)):
                return False
        return True

    def check(self, value: object, key: str | None = None) -> Any:
        """The value if this setting allows it, else SettingError."""
        key = key or self.key
        if not self._allows(value):
            raise SettingError(key, value, self.allowed, secret=self.kind is Kind.SECRET)
        return value

    def _allows(self, value: object) -> bool:
        if self.kind is Kind.BOOL:
            return isinstance(value, bool)
        if self.kind is Kind.WHOLE:
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif self.kind is Kind.NUMBER:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            ok = ok and math.isfinite(value)  # type: ignore[arg-type]
        else:
            return isinstance(value, str) and (self.test is None or self.test(value))
        if not ok:
            return False
        assert isinstance(value, int | float)
        in_range = (self.lo is None or value >= self.lo) and (self.hi is None or value <= self.hi)
        return in_range and (self.test is None or self.test(value))

    def parse(self, text: str, key: str | None = None) -> Any:
        """A value typed on a command line (`config set KEY VALUE`), checked."""
        key = key or self.key
        value: object = text
        word = text.strip().casefold()
        if self.kind is Kind.BOOL and word in ("true", "false"):
            value = word == "true"
        elif self.kind in (Kind.WHOLE, Kind.NUMBER) and WHOLE_TEXT.fullmatch(text.strip()):
            value = int(text)
        elif self.kind is Kind.NUMBER and NUMBER_TEXT.fullmatch(text.strip()):
            value = float(text)
        return self.check(value, key)

    def text(self, value: object) -> str:
        """A value as `config get` prints it (and `parse` reads it back)."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)


def known_zone(name: str) -> bool:
    """An IANA time zone name this machine knows ("Africa/Lagos")."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long
        return False
    return True


def known_currency(code: str) -> bool:
    """An ISO 4217 code Babel (CLDR) knows: NGN, GHS, KES, XOF, ZAR..."""
    from babel.numbers import is_currency

    return bool(CURRENCY_RE.match(code)) and is_currency(code)
