"""The channel to the loyalty service: one authenticated HTTP connection pool, and `_call`,
one exchange of a request for a parsed answer.

`_call` sends the request (a POST always with its idempotency key), reads at most
`max_response_bytes`, maps a non-2xx answer to its `ApiError` (error_mapping.py), parses a 2xx one
and checks that it is about what was asked. No httpx exception, KeyError or JSON error
escapes. With a `budget`, each call ends within it, however slowly the server answers (see
deadline.py). The API key is sent only in the Authorization header, and scrubbed from any
error message a server echoes it into.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Self, TypeVar

from .. import __version__
from ..i18n import N_
from .deadline import BoundedTransport, deadline
from .encoding import read_json
from .error_mapping import error_from_response
from .errors import ApiError, NetworkError, ProtocolError
from .http_library import httpx

__all__ = ["DEFAULT_TIMEOUT", "Channel"]

_log = logging.getLogger("pos_app.api")

T = TypeVar("T")

DEFAULT_TIMEOUT = httpx.Timeout(connect=3.0, read=10.0, write=10.0, pool=5.0)


def _user_agent() -> str:
    """pos-app/VERSION, the version `pos-app --version` prints (pos_app.__version__, the
    one in pyproject.toml): importlib.metadata would cost each command that calls the
    backend tens of milliseconds to import and to scan the installed distributions."""
    return f"pos-app/{__version__}"


def _is_printable_ascii(value: str) -> bool:
    return all(0x20 <= ord(char) <= 0x7E for char in value)


def _check_idempotency_key(key: str) -> str:
    # Header parsers strip surrounding spaces, so such a key would not be the key the server sees.
    if not 1 <= len(key) <= 255 or not _is_printable_ascii(key) or key != key.strip(" "):
        raise ValueError(
            "idempotency_key must be 1-255 printable ASCII characters "
            "without leading or trailing spaces"
        )
    return key


def _within(timeout: httpx.Timeout, budget: float | None) -> httpx.Timeout:
    """`timeout` with no step longer than the whole call may take."""
    if budget is None:
        return timeout

    def cut(value: float | None) -> float:
        return budget if value is None else min(value, budget)

    return httpx.Timeout(
        connect=cut(timeout.connect),
        read=cut(timeout.read),
        write=cut(timeout.write),
        pool=cut(timeout.pool),
    )


def _decode_json(payload: bytes, status: int) -> object:
    try:
        return read_json(payload)
    except (ValueError, RecursionError):
        # ValueError covers bad UTF-8, bad JSON, NaN/Infinity and absurdly long integers.
        raise ProtocolError(
            f"The loyalty service sent a body that is not valid JSON (HTTP {status}).",
            status=status,
        ) from None


class Channel:
    """The HTTP side of a `LoyaltyClient`, which every endpoint class stands on: the checks
    of its construction, its limits, its lifetime, and `_call`."""

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
        try:
            url = httpx.URL(base_url)
        except httpx.InvalidURL:
            raise ValueError("base_url is not a valid URL") from None
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError("base_url must be an http:// or https:// URL with a host")
        if url.userinfo or url.query or url.fragment:
            raise ValueError("base_url must not carry credentials, a query or a fragment")
        # The key goes into a header: anything outside visible ASCII could split or break it.
        if not api_key or not _is_printable_ascii(api_key) or " " in api_key:
            raise ValueError("api_key must be non-empty visible ASCII")
        if max_response_bytes < 1:
            raise ValueError("max_response_bytes must be positive")
        if budget is not None and not (math.isfinite(budget) and budget > 0):
            raise ValueError("budget must be a positive number of seconds")

        self._base_url = str(url).rstrip("/")
        self._api_key = api_key
        self._max_response_bytes = max_response_bytes
        self._budget = budget
        # The `Date` header of the last answer (any status): `pos-app doctor` compares it
        # with this machine's clock.
        self.last_date: str | None = None
        self._http = httpx.Client(
            base_url=self._base_url,
            headers={
                "Authorization": f"Bearer {api_key}",
                "User-Agent": _user_agent(),
                "Accept": "application/json",
            },
            timeout=_within(timeout if timeout is not None else DEFAULT_TIMEOUT, budget),
            transport=transport
            if transport is not None
            else BoundedTransport(tls=self._base_url.lower().startswith("https:")),
            # A redirect is not part of the contract; following one could replay a POST elsewhere.
            follow_redirects=False,
            # The terminal talks to the configured URL only, never through an environment proxy.
            trust_env=False,
        )

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def budget(self) -> float | None:
        """The wall-clock seconds each call may take in all (None: only per-step timeouts)."""
        return self._budget

    def close(self) -> None:
        """Close the connection pool; the client cannot be used afterwards."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _call(
        self,
        method: str,
        path: str,
        parse: Callable[[object], T],
        *,
        params: Mapping[str, str] | None = None,
        body: Mapping[str, object] | None = None,
        idempotency_key: str | None = None,
        expect: Callable[[T], None] | None = None,
    ) -> T:
        """One exchange; `expect` checks that the parsed answer is about what was asked
        (it raises `MismatchedAnswer` if not)."""
        headers: dict[str, str] = {}
        content: bytes | None = None
        if method == "POST":
            if idempotency_key is None:
                raise ValueError("every POST needs an idempotency_key")
            headers["Idempotency-Key"] = _check_idempotency_key(idempotency_key)
            content = json.dumps(
                body if body is not None else {}, ensure_ascii=False, allow_nan=False
            ).encode("utf-8")
            headers["Content-Type"] = "application/json"

        started = time.monotonic()
        try:
            with deadline(self._budget):
                status, payload, response_headers = self._exchange(
                    method, path, params=params, content=content, headers=headers
                )
            self.last_date = response_headers.get("date")
            _log.debug(
                "%s %s -> %d in %.1f ms",
                method,
                path,
                status,
                (time.monotonic() - started) * 1000,
            )
            if not 200 <= status <= 299:
                raise error_from_response(status, payload, response_headers)
            try:
                result = parse(_decode_json(payload, status))
                if expect is not None:
                    expect(result)
                return result
            except ProtocolError as exc:
                exc.status = status
                raise
        except ApiError as exc:
            # A hostile or buggy server could echo the key back into a message.
            exc._scrub(self._api_key)
            _log.debug(
                "%s %s failed after %.1f ms: %s (%s)",
                method,
                path,
                (time.monotonic() - started) * 1000,
                type(exc).__name__,
                exc.code,
            )
            raise

    def _exchange(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None,
        content: bytes | None,
        headers: Mapping[str, str],
    ) -> tuple[int, bytes, httpx.Headers]:
        """Send one request and read the whole body (at most `max_response_bytes`)."""
        limit = self._max_response_bytes
        try:
            with self._http.stream(
                method, path, params=params, content=content, headers=headers
            ) as response:
                status = response.status_code
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise _too_large(status, limit)
                chunks: list[bytes] = []
                size = 0
                # Counted after decoding, so a compressed bomb stops at the cap too.
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise _too_large(status, limit)
                    chunks.append(chunk)
                return status, b"".join(chunks), response.headers
        except httpx.DecodingError:
            raise ProtocolError(  # English, as logged and stored; `shown` translates it
                N_("The loyalty service sent a body that could not be decompressed.")
            ) from None
        except httpx.TimeoutException as exc:
            error = NetworkError(
                f"The loyalty service did not answer in time ({type(exc).__name__})."
            )
            error.request_sent = not isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            error.timed_out = True
            raise error from exc
        except httpx.RequestError as exc:
            error = NetworkError(f"Could not reach the loyalty service ({type(exc).__name__}).")
            error.request_sent = not isinstance(exc, httpx.ConnectError)
            raise error from exc


def _too_large(status: int, limit: int) -> ProtocolError:
    return ProtocolError(
        f"The loyalty service sent a response larger than {limit} bytes (HTTP {status}).",
        status=status,
    )
