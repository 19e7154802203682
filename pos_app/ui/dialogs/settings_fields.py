"""What the settings screen shows: which setting is on which tab, and each setting's name
and hint in words (the schema, pos_app/settings, holds the rest). A new config.toml key
gets a line in GROUPS and, where its key's words do not say it, a title in _TITLES."""

from __future__ import annotations

from ...settings import Kind, Setting, find
from ..i18n import tr

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Backend", ("backend_url", "api_key", "insecure_http", "online_wait_seconds")),
    (
        "Terminal",
        (
            "terminal_id",
            "store_id",
            "lock_after_minutes",
            "kiosk",
            "fullscreen",
            "phone_region",
            "timezone",
            "logs.max_kib",
            "logs.files",
        ),
    ),
    (
        "Offline",
        (
            "offline_policy.enabled",
            "offline_policy.max_cache_age_hours",
            "offline_policy.max_points_per_redemption",
            "offline_policy.max_pending_points_per_customer",
        ),
    ),
    (
        "Awards",
        (
            "award_limits.max_points_per_award",
            "award_limits.max_points_per_cashier_per_day",
            "award_limits.tier_change_needs_approval",
            "naira_per_point",
            "earn.currency",  # then each [earn] rate and tier of config.toml
        ),
    ),
    (
        "Devices",  # the counter's hardware: one tab, so the tab bar fits at 1024 px
        (
            "printer.device",
            "printer.paper_mm",
            "scanner.prefix",  # a barcode scanner's programming (ui/scanner.py)
            "scanner.suffix",
            "scanner.max_gap_ms",
        ),
    ),
)


def setting_hint(setting: Setting) -> str:
    live = setting.applies == "live"
    if setting.kind is Kind.BOOL:  # the check box says what it is
        return tr("A change takes effect now.") if live else tr("A change needs a restart.")
    when = tr("takes effect now") if live else tr("needs a restart")
    words = setting.help_text[:1].upper() + setting.help_text[1:]
    return tr("{help}; {allowed}; {when}.").format(
        help=words, allowed=setting.allowed_text, when=when
    )


_WORDS = {"url": "URL", "api": "API", "http": "HTTP", "id": "ID"}
_TITLES = {  # where the key's own words would not say it
    "insecure_http": "Allow plain HTTP to another machine",
    "online_wait_seconds": "Wait for the backend (seconds)",
    "lock_after_minutes": "Lock after (minutes without use)",
    "naira_per_point": "Naira per point (when [earn] sets no rate)",
    "timezone": "Time zone of the store's days",
    "fullscreen": "Full screen",
    "kiosk": "Kiosk mode",
    "offline_policy.enabled": "Codes may be handed out offline",
    "offline_policy.max_cache_age_hours": "Oldest customer data used offline (hours)",
    "earn.<CURRENCY>.points": "Points earned ({})",
    "earn.<CURRENCY>.per": "For every ({})",
    "earn.tiers.<TIER>": "Tier {} multiplier",
    "printer.device": "Receipt printer",
    "printer.paper_mm": "Paper width (mm)",
    "logs.max_kib": "Log file size (KiB)",
    "logs.files": "Log files kept",
    "scanner.prefix": "Scanner prefix",
    "scanner.suffix": "Scanner suffix (Enter, Tab or characters)",
    "scanner.max_gap_ms": "Scanner: most time between keys (ms)",
}


def field_title(key: str) -> str:
    """A setting's name in words for the screen: `backend_url` is "Backend URL",
    `earn.NGN.points` "Points earned (NGN)"; the key itself is in the tooltip, for
    config.toml."""
    parts = key.split(".")
    pattern = find(key).key
    if pattern in _TITLES:
        chosen = [p for p, q in zip(parts, pattern.split("."), strict=True) if q.startswith("<")]
        return _TITLES[pattern].format(*chosen)
    words = [_WORDS.get(w, w) for w in parts[-1].split("_")]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)
