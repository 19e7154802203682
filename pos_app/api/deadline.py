"""A wall-clock deadline for one HTTP call, enforced under httpx at the socket.

httpx's timeouts apply to each read and each write on its own: a server that sends one
byte a second never trips a 5 s read timeout, and can hold a call for as long as it likes.
A cashier's wait must have an end, so `LoyaltyClient` sets a deadline for each call (a
context variable, so each thread's calls keep their own) and the network backend here
gives every connect, TLS handshake, write and read only the time left before it. Once the
deadline has passed, the next operation raises httpcore's own timeout, which httpx and
the client already map to a `NetworkError`.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

import httpcore

from .http_library import httpx

__all__ = ["BoundedTransport", "deadline"]

_DEADLINE: ContextVar[float | None] = ContextVar("pos_app_api_deadline", default=None)


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Within this block, the calls of this thread end by `seconds` from now (None: no end)."""
    if seconds is None:
        yield
        return
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _left(timeout: float | None, error: type[httpcore.TimeoutException]) -> float | None:
    """The time this operation may take: its own timeout, cut to what is left of the call."""
    end = _DEADLINE.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise error("the call's time budget is spent")
    return left if timeout is None else min(timeout, left)


class _BoundedStream(httpcore.NetworkStream):
    """A stream whose every operation ends by the current call's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        # One read is one recv (or one TLS read, which CPython bounds as a whole).
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        sock = self._inner.get_extra_info("socket")
        if _DEADLINE.get() is None or not isinstance(sock, socket.socket):
            self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))
            return
        # The inner write loops over send() with the full timeout each time, so a server that
        # reads slowly could stretch it; send here, each time with only what is left.
        view = memoryview(buffer)
        while view:
            try:
                sock.settimeout(_left(timeout, httpcore.WriteTimeout))
                sent = sock.send(view)
            except TimeoutError as exc:
                raise httpcore.WriteTimeout(exc) from exc
            except OSError as exc:
                raise httpcore.WriteError(exc) from exc
            view = view[sent:]

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = _left(timeout, httpcore.ConnectTimeout)
        return _BoundedStream(self._inner.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def _resolve(host: str, port: int, timeout: float | None) -> list[str]:
    """The addresses of `host`; a name lookup that hangs is given up on at `timeout`."""
    with contextlib.suppress(ValueError):
        return [str(ipaddress.ip_address(host.strip("[]")))]
    found: list[str] = []
    failed: list[OSError] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            failed.append(exc)
            return
        for info in infos:
            address = str(info[4][0])
            if address not in found:
                found.append(address)

    # getaddrinfo takes no timeout; a daemon thread lets the call go on without it.
    worker = threading.Thread(target=lookup, name="pos-app-dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"looking up {host} took too long")
    if failed:
        raise httpcore.ConnectError(failed[0])
    if not found:
        raise httpcore.ConnectError(f"{host} has no address")
    return found


class _BoundedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, with every step cut to the current call's deadline."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        if _DEADLINE.get() is None:
            stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
            return _BoundedStream(stream)
        options = list(socket_options or [])
        addresses = _resolve(host, port, _left(timeout, httpcore.ConnectTimeout))
        last: httpcore.ConnectError | None = None
        # Each address gets only what is left, unlike socket.create_connection's full timeout.
        for address in addresses:
            wait = _left(timeout, httpcore.ConnectTimeout)
            try:
                stream = self._inner.connect_tcp(address, port, wait, local_address, options)
            except httpcore.ConnectError as exc:
                last = exc
                continue
            return _BoundedStream(stream)
        assert last is not None
        raise last

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        wait = _left(timeout, httpcore.ConnectTimeout)
        return _BoundedStream(self._inner.connect_unix_socket(path, wait, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


_tls_lock = threading.Lock()
_tls: ssl.SSLContext | None = None


def shared_ssl_context() -> ssl.SSLContext:
    """One TLS context (system CAs, no environment) for every https client of the process,
    built on first use: loading the CA store takes 13-55 ms, and a process makes several
    clients. An SSLContext may be shared between threads."""
    global _tls
    with _tls_lock:
        if _tls is None:
            _tls = httpx.create_ssl_context(trust_env=False)
        return _tls


class BoundedTransport(httpx.HTTPTransport):
    """httpx's own transport (no environment proxy, system CAs) over `_BoundedBackend`.

    httpx builds its connection pool without a way to choose the network backend, so the
    pool is built here with the same settings as httpx's defaults. HTTPTransport's own
    __init__ only builds a pool (loading the CA store), so it is not called.
    """

    def __init__(self, *, tls: bool = True) -> None:
        """`tls`: the client talks https (an http:// client loads no CA store at all)."""
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
        self._pool = httpcore.ConnectionPool(
            ssl_context=shared_ssl_context() if tls else None,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_BoundedBackend(),
        )
