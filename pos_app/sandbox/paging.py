"""Lists a page at a time: opaque cursors over a (key, seq) position, and the checks of
the query parameters that page by time."""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Callable
from typing import Any

from .clock import format_ts, parse_ts
from .errors import LedgerError
from .wire import JSON, listing


def encode_cursor(*parts: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, shape: tuple[type, ...]) -> Any:
    """The position a cursor holds (one value, or a tuple), checked against `shape`."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        parts = json.loads(raw)
        if (
            not isinstance(parts, list)
            or len(parts) != len(shape)
            or not all(
                isinstance(p, t) and not isinstance(p, bool)
                for p, t in zip(parts, shape, strict=True)
            )
        ):
            raise ValueError
    except ValueError:
        raise LedgerError(
            400, "invalid_request", "cursor is not one this server issued.", "cursor"
        ) from None
    return parts[0] if len(parts) == 1 else tuple(parts)


def page(
    found: tuple[list[sqlite3.Row], bool],
    shape: Callable[[sqlite3.Row], JSON],
    *keys: str,
) -> JSON:
    """A list answer from a book's page of rows; the next cursor holds the last row's `keys`."""
    rows, more = found
    nxt = encode_cursor(*(rows[-1][k] for k in keys)) if rows else None
    return listing([shape(r) for r in rows], more, nxt)


def query_ts(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return format_ts(parse_ts(value))
    except ValueError as exc:
        raise LedgerError(400, "invalid_request", f"{name}: {exc}", name) from None
