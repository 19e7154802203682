"""The backend's API key: from `LOYALPRO_API_KEY` (headless use), else the OS keyring.

The key is never logged, never written to the database or a file of ours.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from .i18n import _

ENV_API_KEY = "LOYALPRO_API_KEY"
KEYRING_SERVICE = "pos-app"


class CredentialError(Exception):
    """The key cannot be read or stored; the message says what to do instead."""


def _username(backend_url: str) -> str:
    return f"api-key:{backend_url}"


def get_api_key(backend_url: str, env: Mapping[str, str] = os.environ) -> str | None:
    from_env = env.get(ENV_API_KEY)
    if from_env:
        return from_env.strip()
    try:
        import keyring
        import keyring.errors

        return keyring.get_password(KEYRING_SERVICE, _username(backend_url))
    except Exception:  # no keyring backend on a headless machine, a locked keyring, ...
        return None


def store_api_key(backend_url: str, api_key: str) -> None:
    key = api_key.strip()
    if not key or any(ch.isspace() or not ch.isprintable() for ch in key) or len(key) > 500:
        raise CredentialError(_("the API key must be one line of visible characters"))
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _username(backend_url), key)
    except Exception as exc:
        raise CredentialError(
            _(
                "no usable OS keyring here ({error}); set {variable} in the environment instead"
            ).format(error=type(exc).__name__, variable=ENV_API_KEY)
        ) from None


def key_source(backend_url: str | None, env: Mapping[str, str] = os.environ) -> str:
    """Where the API key would come from, never the key: "from LOYALPRO_API_KEY", "set in
    keyring" or "missing"."""
    if env.get(ENV_API_KEY, "").strip():
        return f"from {ENV_API_KEY}"
    if backend_url and get_api_key(backend_url, {}):
        return "set in keyring"
    return "missing"


@dataclass(frozen=True)
class KeyringStatus:
    """Whether the OS keyring works here, and whether it holds a key for the backend (the
    key itself is never part of it)."""

    backend: str  # the keyring backend's class, e.g. keyring.backends.SecretService.Keyring
    usable: bool
    has_key: bool = False
    problem: str = ""


def keyring_status(backend_url: str | None) -> KeyringStatus:
    try:
        import keyring
        from keyring.backends import fail, null

        ring = keyring.get_keyring()
    except Exception as exc:
        return KeyringStatus("none", False, problem=type(exc).__name__)
    name = f"{type(ring).__module__}.{type(ring).__qualname__}"
    if isinstance(ring, fail.Keyring | null.Keyring):  # keyring's "there is none"
        return KeyringStatus(name, False, problem="no usable keyring backend")
    if backend_url is None:
        return KeyringStatus(name, True)
    try:
        found = ring.get_password(KEYRING_SERVICE, _username(backend_url)) is not None
    except Exception as exc:  # a locked keyring, a dead D-Bus session, ...
        return KeyringStatus(name, False, problem=type(exc).__name__)
    return KeyringStatus(name, True, has_key=found)
