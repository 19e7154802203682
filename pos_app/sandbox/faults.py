"""Authentication and fault injection, as one ASGI layer in front of the API.

Faults apply to `/v1` only; `/_sandbox/*` is never faulted, so an outage can always be
switched off. An outage and a dropped response both close the connection without an
HTTP answer, which is what a client sees when the network or the server goes away.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import random
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .errors import error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("pos_app.sandbox")

_KNOBS = {
    "error_rate": float,
    "latency_ms": int,
    "drop_response_rate": float,
    "outage": bool,
    "rate_limit_rate": float,
}


class FaultState:
    """The knobs of GET/PUT /_sandbox/faults; thread-safe, read per request."""

    def __init__(self, rng: random.Random | None = None, **knobs: Any) -> None:
        self._lock = threading.Lock()
        self._rng = rng or random.Random()
        self.error_rate = 0.0
        self.latency_ms = 0
        self.drop_response_rate = 0.0
        self.outage = False
        self.rate_limit_rate = 0.0
        self.update(**knobs)

    def update(self, **knobs: Any) -> None:
        with self._lock:
            for name, value in knobs.items():
                if name not in _KNOBS:
                    raise ValueError(f"unknown fault {name!r}")
                setattr(self, name, _KNOBS[name](value))

    def seed(self, value: int) -> None:
        """Make the injected faults repeatable (tests, demos)."""
        with self._lock:
            self._rng = random.Random(value)

    def as_dict(self) -> dict[str, Any]:
        with self._lock:
            return {name: getattr(self, name) for name in _KNOBS}

    def roll(self, rate: float) -> bool:
        with self._lock:
            return rate > 0 and self._rng.random() < rate

    def processing_delay(self) -> None:
        """Blocking sleep of `latency_ms`, used inside worker threads of POST handlers."""
        if self.latency_ms:
            time.sleep(self.latency_ms / 1000)  # simulated server time, by design


def _json(
    status: int, body: dict[str, Any], headers: tuple[tuple[bytes, bytes], ...] = ()
) -> tuple[Message, Message]:
    payload = json.dumps(body).encode()
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
            *headers,
        ],
    }
    return start, {"type": "http.response.body", "body": payload}


async def _close_without_answer(send: Send) -> None:
    """Close the client's connection with no HTTP answer at all.

    ASGI has no message for this, so reach the server's transport through the bound
    `send` of uvicorn's request cycle. Elsewhere, fall back to a bare 503.
    """
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        start, body = _json(503, error_body("unavailable", "Connection dropped."))
        await send(start)
        await send(body)
        return
    transport.abort()
    for _ in range(100):  # let connection_lost run, so the server sends nothing else
        if getattr(cycle, "disconnected", True):
            break
        await asyncio.sleep(0)


class SandboxGate:
    """ASGI middleware: bearer-key authentication, then the faults."""

    def __init__(self, app: ASGIApp, api_key: str, faults: FaultState) -> None:
        self.app = app
        self.api_key = api_key.encode()
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        api = path.startswith("/v1/") or path == "/v1"
        if api and self.faults.outage:
            await _close_without_answer(send)
            return
        if (api or path.startswith("/_sandbox")) and not self._authorised(scope):
            await self._send(
                send,
                401,
                "authentication_failed",
                "Missing or invalid API key: send 'Authorization: Bearer <secret key>'.",
            )
            return
        if api and self.faults.roll(self.faults.rate_limit_rate):
            await self._send(
                send,
                429,
                "rate_limited",
                "Too many requests; retry later.",
                ((b"retry-after", b"1"),),
            )
            return
        if api and self.faults.roll(self.faults.error_rate):
            await self._send(send, 503, "unavailable", "Injected fault: service unavailable.")
            return
        if api and scope["method"] != "POST" and self.faults.latency_ms:
            await asyncio.sleep(self.faults.latency_ms / 1000)
        if api and self.faults.roll(self.faults.drop_response_rate):

            async def swallow(message: Message) -> None:
                return None

            await self.app(scope, receive, swallow)
            log.info("fault: applied %s %s and dropped the response", scope["method"], path)
            await _close_without_answer(send)
            return
        await self.app(scope, receive, send)

    def _authorised(self, scope: Scope) -> bool:
        for name, value in scope["headers"]:
            if name == b"authorization":
                scheme, _, token = bytes(value).partition(b" ")
                return scheme.lower() == b"bearer" and hmac.compare_digest(
                    token.strip(), self.api_key
                )
        return False

    @staticmethod
    async def _send(
        send: Send,
        status: int,
        code: str,
        message: str,
        headers: tuple[tuple[bytes, bytes], ...] = (),
    ) -> None:
        start, body = _json(status, error_body(code, message), headers)
        await send(start)
        await send(body)
