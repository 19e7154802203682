"""Client-issued redemption codes (API.md): `REDEEM-` + Crockford base32, from `secrets`."""

from __future__ import annotations

import re
import secrets

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_RE = re.compile(r"^REDEEM-[0-9A-Z]{6,12}$")
CODE_LENGTH = 10  # 50 bits: a collision among a merchant's codes is vanishingly unlikely

# What people and scanners do to a code: lower case, spaces, and the look-alikes that
# Crockford base32 folds (O→0, I/L→1).
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code(length: int = CODE_LENGTH) -> str:
    return "REDEEM-" + "".join(secrets.choice(CROCKFORD) for _ in range(length))


def normalize_code(text: str) -> str | None:
    """A typed or scanned code in canonical form, or None if it cannot be one."""
    cleaned = re.sub(r"[\s]+", "", text).upper()
    if cleaned.startswith("REDEEM"):
        body = cleaned.removeprefix("REDEEM").lstrip("-")
    else:
        return None
    body = body.replace("-", "").translate(_FOLD)
    code = f"REDEEM-{body}"
    return code if CODE_RE.match(code) else None
