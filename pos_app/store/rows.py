"""Rows into domain values: a dataclass's fields read from the columns of the same name."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    T = TypeVar("T", bound=DataclassInstance)
else:
    T = TypeVar("T")


def from_row(cls: type[T], row: sqlite3.Row, **converted: Any) -> T:
    """`cls` built from `row`: each field is its column as stored, unless `converted`
    gives the field's value (a parsed time, an enum, a flag)."""
    return cls(
        **{f.name: converted[f.name] if f.name in converted else row[f.name] for f in fields(cls)}
    )
