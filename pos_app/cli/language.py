"""The command line's language, chosen before the command line is read (its help and its
messages are in it): `terminal.language` in the config.toml of --data-dir (or of
POS_APP_DATA_DIR, or the default data folder), else the system's. A config.toml that
cannot be read leaves the system's language: the command itself then says what is wrong."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from .. import i18n
from ..config import ConfigError, load_config


def data_dir_given(arguments: Sequence[str]) -> str | None:
    """--data-dir DIR or --data-dir=DIR, wherever it is on the command line (the last)."""
    found = None
    for position, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--data-dir" and position + 1 < len(arguments):
            found = arguments[position + 1]
        elif argument.startswith("--data-dir="):
            found = argument.partition("=")[2]
    return found


def choose(arguments: Sequence[str], env: Mapping[str, str] = os.environ) -> str:
    """The language of this run's messages, in use from now on (pos_app.i18n.start)."""
    try:
        config = load_config(data_dir=data_dir_given(arguments), env=env)
    except (ConfigError, OSError, ValueError):
        return i18n.start(None, environ=dict(env))
    return i18n.start(config.language, config.phone_region, environ=dict(env))
