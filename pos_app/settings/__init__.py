"""The terminal's settings: one description of each (schema.py), what a setting is
(model.py), and config.toml read, checked and changed through them (file.py). No Qt."""

from __future__ import annotations

from .model import (
    CURRENCY_RE,
    ENV_API_KEY,
    ENV_BACKEND,
    ENV_TERMINAL,
    STORE_ID_RE,
    TERMINAL_ID_RE,
    TIER_RE,
    Applies,
    ConfigError,
    Kind,
    Setting,
    SettingError,
    shown,
)
from .schema import SETTINGS, TABLES, UnknownSetting, find, in_table

__all__ = [
    "CURRENCY_RE",
    "ENV_API_KEY",
    "ENV_BACKEND",
    "ENV_TERMINAL",
    "SETTINGS",
    "STORE_ID_RE",
    "TABLES",
    "TERMINAL_ID_RE",
    "TIER_RE",
    "Applies",
    "ConfigError",
    "Kind",
    "Setting",
    "SettingError",
    "UnknownSetting",
    "find",
    "in_table",
    "shown",
]
