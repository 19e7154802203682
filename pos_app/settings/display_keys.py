"""The customer display's settings ([display] in config.toml), part of schema.SETTINGS:
which screen faces the customer, how long it keeps a customer's figures, and the store's
name it greets with. Pure."""

from __future__ import annotations

from ..i18n import N_
from .model import Applies, Kind, Setting


def _screen_name(value: str) -> bool:
    return len(value) <= 64 and value.isprintable()


def _store_name(value: str) -> bool:
    return len(value) <= 40 and value.isprintable()


DISPLAY_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "display.screen",
        Kind.TEXT,
        None,
        N_("empty (off), a screen's number from 1, or its name such as HDMI-2"),
        N_("the screen that faces the customer ('pos-app doctor' lists the screens)"),
        Applies.RESTART,
        test=_screen_name,
        default_words=N_("off: no customer display"),
    ),
    Setting(
        "display.idle_seconds",
        Kind.NUMBER,
        30.0,
        N_("a number of seconds from 5 to 600"),
        N_("the customer display goes back to 'Scan your card' after this long"),
        Applies.RESTART,
        5,
        600,
    ),
    Setting(
        "display.store_name",
        Kind.TEXT,
        None,
        N_("empty, or up to 40 visible characters"),
        N_("the store's name on the customer display"),
        Applies.RESTART,
        test=_store_name,
        default_words=N_("the store_id, else 'Welcome'"),
    ),
)
