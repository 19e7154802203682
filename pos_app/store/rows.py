"""Rows into domain values: a dataclass's fields read from the columns of the same name."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
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


def maker(cls: type[T]) -> Callable[..., T]:
    """A constructor of `cls`, a frozen dataclass with slots and nothing to do on init
    (no `__post_init__`, every field set by `__init__`), taking every field positionally.

    The same value as `cls(*values)` for a fraction of the cost: the generated `__init__`
    of a frozen class calls `object.__setattr__` once per field (twelve calls for a customer),
    this sets the slots directly. For the values read by the thousand (a customer per
    row of a lookup); tests/unit/test_store_rows.py checks it agrees with `cls`."""
    names = [f.name for f in fields(cls)]
    if getattr(cls, "__slots__", None) != tuple(names):
        raise TypeError(f"{cls.__name__} is not a dataclass with slots")
    if hasattr(cls, "__post_init__") or not all(f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__} does more on init than set its fields")
    setters = [getattr(cls, name).__set__ for name in names]
    new = object.__new__

    def make(*values: Any) -> T:
        made = new(cls)
        for put, value in zip(setters, values, strict=True):  # a value short: ValueError
            put(made, value)
        return made

    return make
