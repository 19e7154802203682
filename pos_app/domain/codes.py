"""Client-issued redemption codes (API.md): `REDEEM-` + Crockford base32, from `secrets`."""

from __future__ import annotations

import re

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_RE = re.compile(r"^REDEEM-[0-9A-Z]{6,12}$")
CODE_LENGTH = 10  # 50 bits: a collision among a merchant's codes is vanishingly unlikely

# What people and scanners do to a code: lower case, spaces, and the look-alikes that
# Crockford base32 folds (O→0, I/L→1).
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code(length: int = CODE_LENGTH) -> str:
    import secrets  # here: it starts OpenSSL (hmac), which a reader of codes never needs

    return "REDEEM-" + "".join(secrets.choice(CROCKFORD) for _ in range(length))


def normalize_code(text: str, *, fold: bool = True) -> str | None:
    """A typed or scanned code in canonical form, or None if it cannot be one. `fold`
    reads O as 0 and I, L as 1 (Crockford): right for this terminal's codes, but API.md
    lets a backend issue any of [0-9A-Z], so lookups try the literal form first."""
    cleaned = re.sub(r"\s+", "", text)
    if not cleaned.isascii():  # upper() would turn ſ, ı, ß into S, I, SS
        return None
    cleaned = cleaned.upper()
    if cleaned.startswith("REDEEM"):
        body = cleaned.removeprefix("REDEEM").lstrip("-")
    else:
        return None
    body = body.replace("-", "")
    if fold:
        body = body.translate(_FOLD)
    code = f"REDEEM-{body}"
    return code if CODE_RE.match(code) else None
