"""`LoyaltyClient`: one typed method per endpoint of the LoyalPro API (docs/API.md).

Every method returns a parsed model about what was asked (an answer about another code,
customer or amount raises `MismatchedAnswer`) or raises an `ApiError` subclass; no httpx
exception, KeyError or JSON error escapes. With a `budget`, each call ends within it, however
slowly the server answers (see deadline.py). The API key is sent only in the Authorization
header.

The methods live one class per resource in endpoints/, each over the `Channel` (channel.py)
that holds the connection and makes every exchange; this class puts them together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ..i18n import N_
from .channel import DEFAULT_TIMEOUT
from .endpoints import (
    AnalyticsEndpoints,
    CatalogueEndpoints,
    CustomerEndpoints,
    PointsEndpoints,
    RedemptionEndpoints,
)
from .errors import ProtocolError
from .models import Page

__all__ = ["DEFAULT_TIMEOUT", "LoyaltyClient"]

T = TypeVar("T")


class LoyaltyClient(
    CustomerEndpoints,
    PointsEndpoints,
    CatalogueEndpoints,
    RedemptionEndpoints,
    AnalyticsEndpoints,
):
    """A synchronous LoyalPro client; use it as a context manager or call `close()`.

    `LoyaltyClient(base_url, api_key, *, timeout, transport, max_response_bytes, budget)`:
    see `Channel.__init__`.
    """

    def __repr__(self) -> str:
        return f"LoyaltyClient(base_url={self.base_url!r})"

    def iter_all(self, list_method: Callable[..., Page[T]], **kwargs: Any) -> Iterator[T]:
        """Every item of `list_method(**kwargs)`, fetching pages lazily via `next_cursor`."""
        seen: set[str] = set()
        while True:
            page = list_method(**kwargs)
            yield from page.data
            if not page.has_more:
                return
            cursor = page.next_cursor
            # A server that hands back a cursor twice would keep us paging forever.
            if cursor is None or cursor in seen:
                raise ProtocolError(N_("The loyalty service repeated a list cursor."))
            seen.add(cursor)
            kwargs["cursor"] = cursor
