"""List envelopes (API.md, "Lists"): one page of any object, and its parser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..errors import ProtocolError
from .values import Fields, fail

__all__ = ["Page", "page_parser", "parse_page"]

T = TypeVar("T")


# No slots here: on Python 3.11, slots plus Generic breaks `Page[Customer](...)`
# (the frozen __setattr__ then fails with a TypeError instead of being skipped).
@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list; `next_cursor` is set whenever `has_more` is true."""

    data: tuple[T, ...]
    has_more: bool
    next_cursor: str | None


def parse_page(value: object, parse_item: Callable[[object, str], T]) -> Page[T]:
    """A list envelope whose items are parsed by `parse_item(item, path)`, or ProtocolError."""
    f = Fields(value, "list", "list")
    items = f.raw("data", required=True)
    if not isinstance(items, list):
        raise fail(f.where("data"), "array", items)
    has_more = f.boolean("has_more")
    next_cursor = f.opt_text("next_cursor")
    if has_more and not next_cursor:
        # Following such a page would either stop early or restart from the beginning.
        raise ProtocolError("list.next_cursor: has_more is true but there is no cursor")
    data = tuple(parse_item(item, f"list.data[{i}]") for i, item in enumerate(items))
    return Page(data=data, has_more=has_more, next_cursor=next_cursor)


def page_parser(parse_item: Callable[[object, str], T]) -> Callable[[object], Page[T]]:
    """`parse_page` with its items read by `parse_item`, as one function of the answer."""

    def parse(value: object) -> Page[T]:
        return parse_page(value, parse_item)

    return parse
