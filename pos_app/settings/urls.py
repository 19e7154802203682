"""The backend's URL: where the API key may be sent (https, or plain http only to this
machine unless insecure_http). Pure."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..i18n import _
from .model import ConfigError

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

    url = url.strip().rstrip("/")
    shown_url = re.sub(r"//[^/@]*@", "//***@", url)[:200]
    if not re.match(r"^https?://[^\s/]+", url) or any(not ch.isprintable() for ch in url):
        raise ConfigError(
            _("backend URL {shown_url} must start with http:// or https://").format(
                shown_url=repr(shown_url)
            )
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        raise ConfigError(
            _("backend URL {shown_url} is not a valid URL").format(shown_url=repr(shown_url))
        ) from None
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise ConfigError(
            _(
                "backend URL {shown_url} must not contain a user name or password; the "
                "API key comes from LOYALPRO_API_KEY or the OS keyring"
            ).format(shown_url=repr(shown_url))
        )
    if not parts.hostname:
        raise ConfigError(
            _("backend URL {shown_url} has no host name").format(shown_url=repr(shown_url))
        )
    if parts.query or parts.fragment:
        raise ConfigError(
            _("backend URL {shown_url} must not have a query or fragment").format(
                shown_url=repr(shown_url)
            )
        )
    if parts.scheme == "http" and not insecure and not _is_loopback(parts.hostname):
        raise ConfigError(
            _(
                "backend URL {shown_url} is plain http to another machine: the API key "
                "and customer data would cross the network unencrypted. Use https://, or "
                "allow it on purpose with --insecure (or insecure_http = true in "
                "config.toml)"
            ).format(shown_url=repr(shown_url))
        )
    return url
