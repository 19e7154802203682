"""Counting the faults the sandbox really injected, without changing the sandbox: a thin
ASGI layer in front of its gate (outages, latency) and a wrapper around its dice (errors,
dropped answers, rate limiting)."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from pos_app.sandbox import SandboxServer
from pos_app.sandbox.faults import Receive, Scope, Send


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
        await self._gate(scope, receive, send)

    @property
    def total(self) -> int:
        with self._lock:
            return sum(self.counts.values())

    def summary(self) -> dict[str, Any]:
        with self._lock:
            return dict(sorted(self.counts.items()))
