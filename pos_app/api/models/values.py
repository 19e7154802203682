"""The JSON values LoyalPro objects are made of, read strictly (API.md, "Objects").

RFC 3339 timestamps (read and written), metadata, and `Fields`: typed access to the fields of
one JSON object, whose errors (`ProtocolError`) name the offending field. The parsers of each
resource (customers.py, points.py, ...) are written with it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from types import MappingProxyType
from typing import TypeVar

from ..errors import ProtocolError

__all__ = ["Fields", "MetadataValue", "fail", "format_timestamp", "parse_timestamp", "show"]

MetadataValue = str | int | float | bool

_EMPTY_METADATA: Mapping[str, MetadataValue] = MappingProxyType({})


# Timestamps


_RFC3339 = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]"
    r"(?P<h>[0-9]{2}):(?P<m>[0-9]{2}):(?P<s>[0-9]{2})(?:\.(?P<frac>[0-9]{1,9}))?"
    r"(?:(?P<z>[Zz])|(?P<sign>[+-])(?P<oh>[0-9]{2}):(?P<om>[0-9]{2}))"
)


def parse_timestamp(text: str) -> datetime:
    """An RFC 3339 timestamp with a zone (`Z` or `±hh:mm`) as an aware UTC datetime.

    Raises ValueError for anything else, including a missing zone.
    """
    match = _RFC3339.fullmatch(text)
    if match is None:
        raise ValueError(f"not an RFC 3339 timestamp with a time zone: {show(text)}")
    year, month, day = (int(part) for part in match["date"].split("-"))
    frac = (match["frac"] or "").ljust(6, "0")[:6]
    if match["z"]:
        zone = UTC
    else:
        hours, minutes = int(match["oh"]), int(match["om"])
        if hours > 23 or minutes > 59:
            raise ValueError(f"bad UTC offset in {show(text)}")
        offset = timedelta(hours=hours, minutes=minutes)
        zone = timezone(-offset if match["sign"] == "-" else offset)
    try:
        value = datetime(
            year,
            month,
            day,
            int(match["h"]),
            int(match["m"]),
            int(match["s"]),
            int(frac),
            tzinfo=zone,
        )
        return value.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"not a valid date and time: {show(text)}") from exc


def format_timestamp(value: datetime) -> str:
    """`value` as `YYYY-MM-DDTHH:MM:SSZ` in UTC, whole seconds; a naive datetime is a ValueError."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("a timestamp for the loyalty service must be timezone-aware")
    utc = value.astimezone(UTC)
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z"
    )


# Strict reading of JSON values


# bool before int: bool is a subclass of int in Python but not an integer in JSON.
_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (list, "array"),
    (dict, "object"),
)


def _kind(value: object) -> str:
    """The JSON name of `value`'s type, for an error message."""
    if value is None:
        return "null"
    for cls, name in _KINDS:
        if isinstance(value, cls):
            return name
    return type(value).__name__


def show(value: str) -> str:
    """A server string for an error message: short ones whole, never a cut-off piece."""
    # A cut-off piece of an echoed API key could not be scrubbed by the client.
    if len(value) <= 40 and value.isprintable():
        return f"'{value}'"
    return f"a string of {len(value)} characters"


def fail(path: str, expected: str, value: object) -> ProtocolError:
    return ProtocolError(f"{path}: expected {expected}, got {_kind(value)}")


class Fields:
    """Typed access to the fields of one JSON object, with errors that name the field."""

    __slots__ = ("_data", "_path")

    def __init__(self, value: object, path: str, kind: str | None) -> None:
        if not isinstance(value, dict):
            raise fail(path, "object", value)
        self._data: dict[str, object] = value
        self._path = path
        if kind is not None:
            got = self._data.get("object", _MISSING)
            if got is _MISSING:
                raise ProtocolError(f"{path}.object: missing")
            if got != kind:
                shown = show(got) if isinstance(got, str) else _kind(got)
                raise ProtocolError(f"{path}.object: expected '{kind}', got {shown}")

    def where(self, name: str) -> str:
        return f"{self._path}.{name}"

    def _get(self, name: str, *, required: bool) -> object:
        value = self._data.get(name, _MISSING)
        if value is _MISSING:
            if required:
                raise ProtocolError(f"{self.where(name)}: missing")
            return None
        return value

    def text(self, name: str) -> str:
        value = self._get(name, required=True)
        if not isinstance(value, str):
            raise fail(self.where(name), "string", value)
        return value

    # Nullable fields may also be absent: absent and null mean the same to every caller.
    def opt_text(self, name: str) -> str | None:
        value = self._get(name, required=False)
        if value is not None and not isinstance(value, str):
            raise fail(self.where(name), "string or null", value)
        return value

    def integer(self, name: str) -> int:
        value = self._get(name, required=True)
        # bool is a subclass of int in Python but not an integer in JSON.
        if not isinstance(value, int) or isinstance(value, bool):
            raise fail(self.where(name), "integer", value)
        return value

    def opt_integer(self, name: str) -> int | None:
        value = self._get(name, required=False)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise fail(self.where(name), "integer or null", value)
        return value

    def boolean(self, name: str) -> bool:
        value = self._get(name, required=True)
        if not isinstance(value, bool):
            raise fail(self.where(name), "boolean", value)
        return value

    def timestamp(self, name: str) -> datetime:
        return _timestamp(self.where(name), self._get(name, required=True))

    def opt_timestamp(self, name: str) -> datetime | None:
        value = self._get(name, required=False)
        return None if value is None else _timestamp(self.where(name), value)

    def choice(self, name: str, cls: type[_E]) -> _E:
        value = self.text(name)
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(f"'{member.value}'" for member in cls)
            raise ProtocolError(
                f"{self.where(name)}: expected one of {allowed}, got {show(value)}"
            ) from None

    def metadata(self, name: str) -> Mapping[str, MetadataValue]:
        value = self._get(name, required=True)
        return _metadata(self.where(name), value)

    def raw(self, name: str, *, required: bool) -> object:
        return self._get(name, required=required)


_E = TypeVar("_E", bound=enum.StrEnum)
_MISSING = object()


def _timestamp(path: str, value: object) -> datetime:
    if not isinstance(value, str):
        raise fail(path, "RFC 3339 timestamp string", value)
    try:
        return parse_timestamp(value)
    except ValueError:
        raise ProtocolError(
            f"{path}: expected RFC 3339 timestamp with a time zone, got {show(value)}"
        ) from None


def _metadata(path: str, value: object) -> Mapping[str, MetadataValue]:
    if not isinstance(value, dict):
        raise fail(path, "object", value)
    if not value:
        return _EMPTY_METADATA
    copy: dict[str, MetadataValue] = {}
    for key, item in value.items():
        if not isinstance(item, str | int | float):  # bool is an int subclass, so included
            raise fail(f"{path}[{show(key)}]", "string, number or boolean", item)
        copy[key] = item
    return MappingProxyType(copy)
