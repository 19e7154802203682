"""Counting the faults the sandbox really injected, without changing the sandbox: a thin
ASGI layer in front of its gate (outages, latency) and a wrapper around its dice (errors,
dropped answers, rate limiting)."""

from __future__ import annotations

import asyncio
import json
import random
import threading
from collections import Counter
from typing import Any

from pos_app.sandbox import SandboxServer
from pos_app.sandbox.faults import Message, Receive, Scope, Send

#: Wire faults the sandbox has no knob for, each after the backend applied a POST:
#: "error500" answers 500 `internal_error`, "malformed" answers 200 with a body cut off
#: mid-JSON, "hangup" answers only after the client has given up (hung up) on it.
WIRE_FAULTS = ("error500", "malformed", "hangup")


class FaultCounter:
    """Install on a sandbox before `start()`; `counts` says what was injected, by kind."""

    def __init__(self, server: SandboxServer) -> None:
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._faults = server.faults
        self._gate = server.app
        self._roll = server.faults.roll
        server.faults.roll = self._counted_roll  # type: ignore[method-assign]
        server.app = self  # type: ignore[assignment]  # any ASGI app will do
        self.wire: dict[str, float] = {}  # WIRE_FAULTS -> rate (0 or absent: off)
        self.hang_seconds = 2.0
        self._dice = random.Random(0)

    def seed(self, value: int) -> None:
        self._dice = random.Random(value)

    def _wire_fault(self) -> str | None:
        with self._lock:
            for kind in WIRE_FAULTS:
                if self._dice.random() < self.wire.get(kind, 0.0):
                    return kind
        return None

    def _add(self, kind: str) -> None:
        with self._lock:
            self.counts[kind] += 1

    def _counted_roll(self, rate: float) -> bool:
        hit = self._roll(rate)
        if hit:
            f = self._faults
            kind = (
                "rate_limit"
                if rate == f.rate_limit_rate
                else "error"
                if rate == f.error_rate
                else "drop"
                if rate == f.drop_response_rate
                else "other"
            )
            self._add(kind)
        return hit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope["path"]).startswith("/v1"):
            if self._faults.outage:
                self._add("outage")
            elif self._faults.latency_ms:
                self._add("latency")
            elif scope["method"] == "POST" and (kind := self._wire_fault()):
                self._add(kind)
                await self._after_applying(kind, scope, receive, send)
                return
        await self._gate(scope, receive, send)

    async def _after_applying(self, kind: str, scope: Scope, receive: Receive, send: Send) -> None:
        """Let the backend apply the request, then answer as `kind` says."""
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self._gate(scope, receive, hold)
        if kind == "hangup":
            await asyncio.sleep(self.hang_seconds)  # the client's budget ends meanwhile
            for message in held:
                await send(message)
            return
        status, body = (
            (500, json.dumps({"error": {"code": "internal_error", "message": "Injected."}}))
            if kind == "error500"
            else (200, '{"id": "txn_')
        )
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body.encode()})

    @property
    def total(self) -> int:
        with self._lock:
            return sum(self.counts.values())

    def summary(self) -> dict[str, Any]:
        with self._lock:
            return dict(sorted(self.counts.items()))
