"""Idempotency-Key: a retried request gets the first answer again, never a second effect.

Answers are kept by key for 24 hours (the ledger's answers book), with a hash of the
request: the same key with another request is refused, and so is a key whose first request
is still running. A 400 is not kept: the request never reached the ledger.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from .errors import LedgerError
from .faults import FaultState
from .handlers import error_response
from .ledger import Ledger

IDEMPOTENCY_KEY_RE = re.compile(r"^[\x20-\x7e]{1,255}$")


class Idempotency:
    """Replays answers by key (24 h) and refuses a key whose first request still runs."""

    def __init__(self, ledger: Ledger, faults: FaultState) -> None:
        self.ledger = ledger
        self.faults = faults
        self._running: set[str] = set()
        self._guard = threading.Lock()

    def is_running(self, key: str) -> bool:
        """Whether a request holding this key is being processed (for tests and demos)."""
        with self._guard:
            return key in self._running

    def run(
        self,
        key: str | None,
        request: Request,
        body: BaseModel | dict[str, Any],
        work: Callable[[], dict[str, Any]],
        status: int = 200,
    ) -> JSONResponse:
        """Answer with `work()`, done in one ledger transaction, or with the key's answer.
        `body` is the request's (a request model, or what stands for it) for the key's hash."""
        if isinstance(body, BaseModel):
            body = body.model_dump(mode="json")
        if key is not None and not IDEMPOTENCY_KEY_RE.match(key):
            return error_response(
                400,
                "invalid_request",
                "Idempotency-Key must be 1-255 printable ASCII characters.",
                "Idempotency-Key",
            )
        request_hash = hashlib.sha256(
            json.dumps([request.method, request.url.path, body], sort_keys=True).encode()
        ).hexdigest()
        if key is not None:
            with self.ledger.lock:
                stored = self.ledger.answers.get(key)
            if stored is not None:
                if stored["request_hash"] != request_hash:
                    return error_response(
                        409,
                        "idempotency_key_reused",
                        "This Idempotency-Key was used with another request.",
                    )
                return JSONResponse(
                    json.loads(stored["body"]),
                    status_code=stored["status"],
                    headers={"Idempotent-Replayed": "true"},
                )
            with self._guard:
                if key in self._running:
                    return error_response(
                        409,
                        "idempotency_in_progress",
                        "A request with this Idempotency-Key is still running; retry shortly.",
                    )
                self._running.add(key)
        try:
            return self._answer(key, request_hash, work, status)
        finally:
            if key is not None:
                with self._guard:
                    self._running.discard(key)

    def _answer(
        self,
        key: str | None,
        request_hash: str,
        work: Callable[[], dict[str, Any]],
        status: int,
    ) -> JSONResponse:
        self.faults.processing_delay()
        try:
            with self.ledger.transaction():
                answer_status, answer = status, work()
                if key is not None:
                    self.ledger.answers.store(key, request_hash, answer_status, json.dumps(answer))
        except LedgerError as refusal:
            answer_status = refusal.status
            answer = refusal.body()
            if key is not None and refusal.status != 400:
                with self.ledger.transaction():
                    self.ledger.answers.store(key, request_hash, answer_status, json.dumps(answer))
        return JSONResponse(answer, status_code=answer_status)
