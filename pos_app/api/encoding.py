"""What goes over the wire, encoded and decoded: path segments, query strings and JSON bodies
of a request, and the JSON of an answer, read strictly.

A value the caller passes never changes the path around it, a datetime is sent as an RFC 3339
timestamp, and a parameter left at None is not sent at all.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import quote

from .models import MetadataValue, format_timestamp

__all__ = ["Metadata", "json_body", "path_segment", "query_string", "read_json"]

Metadata = Mapping[str, MetadataValue]
QueryValue = str | int | bool | datetime | None
BodyValue = str | int | bool | datetime | Metadata | None


def path_segment(value: str, what: str) -> str:
    """`value` as one percent-encoded path segment that cannot change the path around it."""
    if not value:
        raise ValueError(f"{what} must not be empty")
    quoted = quote(value, safe="")
    if quoted.strip(".") == "":
        # "." and ".." would be resolved as dot-segments by the URL library; %2E is not.
        quoted = quoted.replace(".", "%2E")
    return quoted


def query_string(**items: QueryValue) -> dict[str, str]:
    query: dict[str, str] = {}
    for name, value in items.items():
        if value is None:
            continue
        if isinstance(value, bool):
            query[name] = "true" if value else "false"
        elif isinstance(value, datetime):
            query[name] = format_timestamp(value)
        else:
            query[name] = str(value)
    return query


def json_body(**items: BodyValue) -> dict[str, object]:
    body: dict[str, object] = {}
    for name, value in items.items():
        if value is None:
            continue
        if isinstance(value, datetime):
            body[name] = format_timestamp(value)
        elif isinstance(value, Mapping):
            body[name] = dict(value)
        else:
            body[name] = value
    return body


def read_json(payload: bytes) -> object:
    """`payload` decoded as UTF-8 JSON, or ValueError (bad UTF-8, bad JSON, NaN or Infinity,
    an absurdly long integer) or RecursionError (nesting too deep)."""
    return json.loads(payload.decode("utf-8"), parse_constant=_reject_json_constant)


def _reject_json_constant(name: str) -> object:
    """For json.loads: NaN and Infinity are not JSON, whatever Python's parser accepts."""
    raise ValueError(f"{name} is not JSON")
