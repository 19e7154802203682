"""The one way a value becomes JSON: every `--json` answer of the command line, and the
services' results that have a wire shape of their own (`as_json()`).

It lives in `domain/` because it is a pure function of values, with no I/O and no Qt, and
every layer that answers in JSON (services, the command line, the screens' report) may
already import `domain/`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

# A dataclass field's metadata for a field the screens use but the JSON leaves out:
# `field(default=None, metadata=NOT_JSON)`.
NOT_JSON: Mapping[str, object] = {"json": False}


def jsonable(value: object) -> Any:
    """A value as JSON data: a type's own wire shape (`as_json()`) where it has one, else a
    dataclass's fields in order; enums by value, times in ISO 8601, sequences as lists."""
    as_json = getattr(value, "as_json", None)
    if callable(as_json):
        return jsonable(as_json())
    if is_dataclass(value) and not isinstance(value, type):
        return fields_json(value)
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, Sequence | set | frozenset):
        return [jsonable(item) for item in value]
    return str(value)


def fields_json(value: object, **instead: object) -> dict[str, Any]:
    """A dataclass's fields in order as JSON, but those marked `NOT_JSON`; `instead` gives
    a field another value in its place (a dict kept as a sorted list). For an `as_json()`
    whose shape is the fields' own but for a few (it does not call `as_json()`)."""
    assert is_dataclass(value) and not isinstance(value, type)
    return {
        f.name: jsonable(instead[f.name] if f.name in instead else getattr(value, f.name))
        for f in fields(value)
        if f.metadata.get("json", True)
    }
