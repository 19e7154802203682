"""`LoyaltyClient`: one typed method per endpoint of the LoyalPro API (docs/API.md).

Every method returns a parsed model about what was asked (an answer about another code,
customer or amount raises `MismatchedAnswer`) or raises an `ApiError` subclass; no httpx
exception, KeyError or JSON error escapes. With a `budget`, each call ends within it, however
slowly the server answers (see deadline.py). The API key is sent only in the Authorization
header.

The methods live one class per resource in endpoints/; the HTTP exchange they share (limits,
deadline, errors, parsing) in channel.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

from .channel import DEFAULT_TIMEOUT, Channel
from .endpoints import CatalogueEndpoints, CustomerEndpoints, PointsEndpoints, RedemptionEndpoints
from .errors import ProtocolError
from .models import Page

__all__ = ["DEFAULT_TIMEOUT", "LoyaltyClient"]

T = TypeVar("T")


class LoyaltyClient(CustomerEndpoints, PointsEndpoints, CatalogueEndpoints, RedemptionEndpoints):
    """A synchronous LoyalPro client; use it as a context manager or call `close()`."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: httpx.Timeout | None = None,
        transport: httpx.BaseTransport | None = None,
        max_response_bytes: int = 4 * 1024 * 1024,
        budget: float | None = None,
    ) -> None:
        """`timeout` applies to each connect, read and write; `budget`, if given, to each
        call as a whole: connect, write and read together end within `budget` seconds of
        wall-clock time, however slowly the server trickles (with the built-in transport;
        a `transport` passed in for tests is used as it is)."""
        self._channel = Channel(
            base_url,
            api_key,
            timeout=timeout,
            transport=transport,
            max_response_bytes=max_response_bytes,
            budget=budget,
        )

    @property
    def base_url(self) -> str:
        return self._channel.base_url

    @property
    def budget(self) -> float | None:
        """The wall-clock seconds each call may take in all (None: only per-step timeouts)."""
        return self._channel.budget

    def __repr__(self) -> str:
        return f"LoyaltyClient(base_url={self.base_url!r})"

    def close(self) -> None:
        """Close the connection pool; the client cannot be used afterwards."""
        self._channel.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

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
                raise ProtocolError("The loyalty service repeated a list cursor.")
            seen.add(cursor)
            kwargs["cursor"] = cursor
