"""What the settings screen shows: which setting is on which tab, and each setting's name
and hint in words (the schema, pos_app/settings, holds the rest). A new config.toml key
gets a line in GROUPS and its title in _titles() (tr: the French in fr.ts)."""

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
            "country",
            "timezone",
            "terminal.language",
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
            "currency",
            "earn.currency",  # then each [earn] rate and tier of config.toml
        ),
    ),
    (
        "Devices",  # the counter's hardware: one tab, so the tab bar fits at 1024 px
        (
            "printer.device",
            "printer.paper_mm",
            "printer.auto",
            "scanner.prefix",  # a barcode scanner's programming (ui/scanner.py)
            "scanner.suffix",
            "scanner.max_gap_ms",
            "display.screen",  # the customer display (ui/customer_display.py)
            "display.idle_seconds",
            "display.store_name",
        ),
    ),
)


def tab_title(group: str) -> str:
    """A tab's name on screen (GROUPS names it in English, for the code)."""
    return {
        "Backend": tr("Backend", "settings tab"),
        "Terminal": tr("Terminal", "settings tab"),
        "Offline": tr("Offline", "settings tab"),
        "Awards": tr("Awards", "settings tab"),
        "Devices": tr("Devices", "settings tab"),
    }.get(group, group)


def setting_hint(setting: Setting) -> str:
    live = setting.applies == "live"
    if setting.kind is Kind.BOOL:  # the check box says what it is
        return tr("A change takes effect now.") if live else tr("A change needs a restart.")
    when = tr("takes effect now") if live else tr("needs a restart")
    words = setting.help_text[:1].upper() + setting.help_text[1:]
    return tr("{help}; {allowed}; {when}.").format(
        help=words, allowed=setting.allowed_text, when=when
    )


def _titles() -> dict[str, str]:
    """Each setting's name in words, in the terminal's language (read when shown)."""
    return {
        "backend_url": tr("Backend URL"),
        "api_key": tr("API key"),
        "terminal_id": tr("Terminal ID"),
        "store_id": tr("Store ID"),
        "country": tr("Store's country (phones, number formats)"),
        "currency": tr("Currency (ISO code)"),
        "phone_region": tr("Phone region"),
        "insecure_http": tr("Allow plain HTTP to another machine"),
        "online_wait_seconds": tr("Wait for the backend (seconds)"),
        "lock_after_minutes": tr("Lock after (minutes without use)"),
        "naira_per_point": tr("Naira per point (when [earn] sets no rate)"),
        "timezone": tr("Time zone of the store's days"),
        "fullscreen": tr("Full screen"),
        "kiosk": tr("Kiosk mode"),
        "terminal.language": tr("Language"),
        "offline_policy.enabled": tr("Codes may be handed out offline"),
        "offline_policy.max_cache_age_hours": tr("Oldest customer data used offline (hours)"),
        "offline_policy.max_points_per_redemption": tr("Max points per redemption"),
        "offline_policy.max_pending_points_per_customer": tr("Max pending points per customer"),
        "award_limits.max_points_per_award": tr("Max points per award"),
        "award_limits.max_points_per_cashier_per_day": tr("Max points per cashier per day"),
        "award_limits.tier_change_needs_approval": tr("Tier change needs approval"),
        "earn.currency": tr("Earn rates: default currency"),
        "earn.<CURRENCY>.points": tr("Points earned ({})"),
        "earn.<CURRENCY>.per": tr("For every ({})"),
        "earn.tiers.<TIER>": tr("Tier {} multiplier"),
        "printer.device": tr("Receipt printer"),
        "printer.paper_mm": tr("Paper width (mm)"),
        "printer.auto": tr("Print each slip at once"),
        "logs.max_kib": tr("Log file size (KiB)"),
        "logs.files": tr("Log files kept"),
        "scanner.prefix": tr("Scanner prefix"),
        "scanner.suffix": tr("Scanner suffix (Enter, Tab or characters)"),
        "scanner.max_gap_ms": tr("Scanner: most time between keys (ms)"),
        "display.screen": tr("Customer display: screen"),
        "display.idle_seconds": tr("Customer display: back to idle after (seconds)"),
        "display.store_name": tr("Customer display: store name"),
    }


_WORDS = {"url": "URL", "api": "API", "http": "HTTP", "id": "ID"}


def field_title(key: str) -> str:
    """A setting's name in words for the screen: `backend_url` is "Backend URL",
    `earn.NGN.points` "Points earned (NGN)"; the key itself is in the tooltip, for
    config.toml. A key with no title here is named by its own words (English)."""
    parts = key.split(".")
    pattern = find(key).key
    titles = _titles()
    if pattern in titles:
        chosen = [p for p, q in zip(parts, pattern.split("."), strict=True) if q.startswith("<")]
        return titles[pattern].format(*chosen)
    words = [_WORDS.get(w, w) for w in parts[-1].split("_")]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)
