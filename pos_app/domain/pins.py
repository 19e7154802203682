"""PINs: stored only as salted scrypt hashes, checked in constant time, with lock-out.

Parameters follow the OWASP Password Storage Cheat Sheet for scrypt: N=2**17, r=8, p=1
(128 MiB, about 0.4 s here), a 16-byte random salt. The parameters travel with each hash,
so they can be raised later without invalidating stored PINs.

Lock-out is stricter than PCI DSS 8.3.4 (at most 10 attempts, locked at least 30 minutes):
5 wrong PINs in a row lock the account for 30 minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..i18n import _


@dataclass(frozen=True, slots=True, order=True)
class ScryptCost:
    """scrypt's work factors: N (CPU and memory), r (block size), p (parallelism)."""

    n: int
    r: int
    p: int


#: What every PIN is hashed with, unless a terminal is given another cost (tests pass a
#: cheaper one: the same code path, faster).
OWASP = ScryptCost(n=2**17, r=8, p=1)
MAX_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=30)
PIN_RE = re.compile(r"^[0-9]{4,8}$")


class PinError(ValueError):
    """A PIN that cannot be a PIN (not 4 to 8 digits)."""


def check_pin_format(pin: str) -> str:
    if not isinstance(pin, str) or not PIN_RE.match(pin) or not pin.isascii():
        raise PinError(_("A PIN is 4 to 8 digits."))
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        raise PinError(
            _(
                "That PIN is too easy to guess (all the same digit, or a run like "
                "1234); choose another."
            )
        )
    return pin


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib  # here: OpenSSL's start is paid by the commands that check a PIN only

    return hashlib.scrypt(
        pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=256 * 1024 * 1024
    )


def hash_pin(pin: str, cost: ScryptCost = OWASP) -> str:
    """`scrypt$N$r$p$salt$hash` (base64). The PIN itself is never stored."""
    import base64
    import secrets

    check_pin_format(pin)
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt, cost.n, cost.r, cost.p)
    b64 = base64.b64encode
    return f"scrypt${cost.n}${cost.r}${cost.p}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    import base64
    import hmac

    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(pin, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str, cost: ScryptCost = OWASP) -> bool:
    """True if `stored` was hashed at less than `cost` (or is not a hash of ours)."""
    parts = stored.split("$")
    return len(parts) != 6 or ScryptCost(int(parts[1]), int(parts[2]), int(parts[3])) < cost


@dataclass(frozen=True, slots=True)
class LockState:
    failed_attempts: int
    locked_until: datetime | None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime) -> LockState:
        attempts = self.failed_attempts + 1
        if attempts >= MAX_ATTEMPTS:
            return LockState(0, now + LOCKOUT)
        return LockState(attempts, self.locked_until)
