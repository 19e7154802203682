"""Every setting of the terminal, described once: its key in config.toml (dotted for a
table: `award_limits.max_points_per_award`, `earn.NGN.points`), its type and what it
allows, its default, one line of help, and whether a change applies to a running terminal
or needs a restart. config.py loads config.toml through it, `pos-app config` shows, gets,
sets and checks with it, and the settings screen draws its fields from it.

Pure: no Qt, no files (file.py reads and writes config.toml)."""

from __future__ import annotations

import re
from fractions import Fraction

from ..domain import phones
from ..i18n import N_, _
from .counter_keys import COUNTER_SETTINGS
from .display_keys import DISPLAY_SETTINGS
from .model import (
    CURRENCY_RE,
    ENV_API_KEY,
    ENV_BACKEND,
    ENV_TERMINAL,
    MAX_RATE,
    STORE_ID_RE,
    TERMINAL_ID_RE,
    Applies,
    ConfigError,
    Kind,
    Setting,
    shown,
)
from .model import known_currency as _currency
from .model import known_zone as _zone


class UnknownSetting(ConfigError):
    def __init__(self, key: str) -> None:
        import difflib  # only for a key nobody knows

        near = difflib.get_close_matches(key, [s.key for s in SETTINGS], n=1)
        hint = _("; did you mean {key}?").format(key=near[0]) if near else ""
        self.hint = hint
        words = _("there is no setting {key}{hint} ('pos-app config show' lists them all)")
        super().__init__(words.format(key=shown(key), hint=hint))


def _two_decimals(value: float) -> bool:
    exact = Fraction(str(value))
    return exact.limit_denominator(100) == exact


def _url_form(url: str) -> bool:
    return bool(re.match(r"^https?://[^\s/]+", url.strip())) and url.isprintable()


L, R = Applies.LIVE, Applies.RESTART
YES_NO = N_("true or false")
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "backend_url",
        Kind.TEXT,
        None,
        N_(
            "an https:// address such as https://loyalty.example (plain http:// only to this "
            "machine, or with insecure_http = true)"
        ),
        N_("the LoyalPro backend's base URL"),
        R,
        test=_url_form,
        flag="--backend",
        env=ENV_BACKEND,
        default_words=N_("first-run setup asks for it"),
    ),
    Setting(
        "api_key",
        Kind.SECRET,
        None,
        N_("one line of visible characters"),
        N_("the backend's API key: kept in the OS keyring (or LOYALPRO_API_KEY), never in a file"),
        R,
        test=lambda k: 0 < len(k) <= 500 and all(c.isprintable() and not c.isspace() for c in k),
        env=ENV_API_KEY,
        default_words=N_("missing"),
    ),
    Setting(
        "terminal_id",
        Kind.TEXT,
        None,
        N_("1-64 letters, digits, '.', '_' or '-'"),
        N_("this terminal's id, sent with every operation"),
        R,
        test=lambda v: bool(TERMINAL_ID_RE.match(v)),
        flag="--terminal-id",
        env=ENV_TERMINAL,
        default_words=N_("generated on first use and kept in the database"),
    ),
    Setting(
        "store_id",
        Kind.TEXT,
        None,
        N_("1-64 printable ASCII characters"),
        N_("the store this terminal belongs to (sent with every operation; reports per store)"),
        R,
        test=lambda v: bool(STORE_ID_RE.fullmatch(v)),
        default_words=N_("reports cover the whole merchant"),
    ),
    Setting(
        "insecure_http",
        Kind.BOOL,
        False,
        YES_NO,
        N_("allow plain http:// to a backend on another machine (unencrypted)"),
        R,
        flag="--insecure",
    ),
    Setting(
        "online_wait_seconds",
        Kind.NUMBER,
        5.0,
        N_("a number of seconds from 0.5 to 60"),
        N_("how long the counter waits for the backend before going offline"),
        R,  # the counter's backend client is made once, with this wait
        0.5,
        60,
    ),
    Setting(
        "lock_after_minutes",
        Kind.NUMBER,
        5.0,
        N_("a number of minutes from 0.5 to 480"),
        N_("the cashier's screen locks itself after this long without input"),
        L,
        0.5,
        480,
    ),
    Setting(
        "currency",
        Kind.TEXT,
        "NGN",
        N_("an ISO 4217 code such as NGN, GHS, KES, XOF or ZAR"),
        N_("the terminal's currency: a sale's when none is given, money sent without one"),
        L,
        test=_currency,
    ),
    Setting(
        "country",
        Kind.TEXT,
        None,
        N_("a two-letter country code such as NG, GH, KE, CI, SN or ZA"),
        N_(
            "the store's country: local phone numbers, and how numbers, money and dates are written"
        ),
        L,
        test=phones.known_region,
        default_words=N_("phone_region's, else NG"),
    ),
    Setting(
        "naira_per_point",
        Kind.WHOLE,
        None,
        N_("a whole number of naira from 1 to 1,000,000"),
        N_("older name of [earn.NGN] per (read when [earn] has no NGN rate)"),
        L,
        1,
        MAX_RATE,
        default_words=N_("[earn.NGN], else 100"),
    ),
    Setting(
        "phone_region",
        Kind.TEXT,
        None,
        N_("a two-letter country code such as NG or GH"),
        N_("older name of country (what a phone number without a country code means)"),
        L,
        test=phones.known_region,
        default_words=N_("country"),
    ),
    Setting(
        "timezone",
        Kind.TEXT,
        None,
        N_("a time zone name such as Africa/Lagos"),
        N_("the store's days for reports (an IANA name)"),
        L,
        test=_zone,
        default_words=N_("the computer's time zone"),
    ),
    Setting(
        "fullscreen",
        Kind.BOOL,
        False,
        YES_NO,
        N_("the cashier's screen fills the screen (no title bar); otherwise maximised"),
        R,
    ),
    Setting(
        "kiosk",
        Kind.BOOL,
        False,
        YES_NO,
        N_("kiosk mode: full screen, no window controls; leaving or closing needs a manager"),
        R,
        flag="--kiosk",
    ),
    *(
        Setting(
            f"offline_policy.{name}",
            kind,
            default,
            allowed,
            why,
            L,
            0,
            hi,
        )
        for name, kind, default, allowed, why, hi in (
            ("enabled", Kind.BOOL, True, YES_NO, N_("hand out codes while offline"), None),
            (
                "max_cache_age_hours",
                Kind.NUMBER,
                24.0,
                N_("a number of hours from 0 to 8,784"),
                N_("offline, trust a customer's balance only if fetched this recently"),
                24 * 366,
            ),
            (
                "max_points_per_redemption",
                Kind.WHOLE,
                1000,
                N_("a whole number of points from 0 to 1,000,000,000"),
                N_("offline, the most points one redemption may use"),
                10**9,
            ),
            (
                "max_pending_points_per_customer",
                Kind.WHOLE,
                1000,
                N_("a whole number of points from 0 to 1,000,000,000"),
                N_("offline, the most points one customer may have waiting to sync"),
                10**9,
            ),
        )
    ),
    Setting(
        "award_limits.max_points_per_award",
        Kind.WHOLE,
        1000,
        N_("a whole number of points from 1 to 1,000,000,000"),
        N_("a bigger award needs a manager"),
        L,
        1,
        10**9,
    ),
    Setting(
        "award_limits.max_points_per_cashier_per_day",
        Kind.WHOLE,
        5000,
        N_("a whole number of points from 1 to 1,000,000,000"),
        N_("a cashier's awards in a day beyond this need a manager"),
        L,
        1,
        10**9,
    ),
    Setting(
        "award_limits.tier_change_needs_approval",
        Kind.BOOL,
        True,
        YES_NO,
        N_("an award that moves a customer up a tier needs a manager"),
        L,
    ),
    Setting(
        "earn.currency",
        Kind.TEXT,
        None,
        N_("a currency with a rate (in [earn] or built in)"),
        N_("the sale's currency when none is given"),
        L,
        test=lambda v: bool(CURRENCY_RE.match(v)),
        default_words=N_("the terminal's currency (or the only [earn] table's)"),
    ),
    Setting(
        "earn.<CURRENCY>.points",
        Kind.WHOLE,
        1,
        N_("a whole number from 1 to 1,000,000"),
        N_("points earned per `per` of this currency"),
        L,
        1,
        MAX_RATE,
    ),
    Setting(
        "earn.<CURRENCY>.per",
        Kind.WHOLE,
        None,
        N_("a whole number from 1 to 1,000,000"),
        N_("the amount of this currency that earns `points` (needed in each rate)"),
        L,
        1,
        MAX_RATE,
        default_words=N_("each [earn.<CURRENCY>] table needs it"),
    ),
    Setting(
        "earn.tiers.<TIER>",
        Kind.NUMBER,
        None,
        N_("a multiplier above 0 and up to 10 with at most two decimals, such as 1.5"),
        N_("a tier's earn multiplier"),
        L,
        0,
        10,
        test=lambda v: v > 0 and _two_decimals(v),
        default_words=N_("1 (no bonus)"),
    ),
    *COUNTER_SETTINGS,
    *DISPLAY_SETTINGS,
)
del L, R
TABLES = (
    "offline_policy",
    "award_limits",
    "scanner",
    "printer",
    "terminal",
    "logs",
    "display",
)  # tables of fixed keys ([earn] is free)


_EXACT = {s.key: s for s in SETTINGS if "<" not in s.key}
_PATTERNS = [s for s in SETTINGS if "<" in s.key]


def find(key: str) -> Setting:
    """The setting of a dotted key (`earn.GHS.per` is `earn.<CURRENCY>.per`)."""
    found = _EXACT.get(key)
    if found is not None:
        return found
    for setting in _PATTERNS:
        if setting.matches(key):
            return setting
    raise UnknownSetting(key)


def in_table(table: str) -> list[Setting]:
    return [s for s in SETTINGS if s.table == table]
