"""The sandbox's own switches (authenticated, never faulted) and its health check:
for tests and demos, not part of the LoyalPro contract."""

from __future__ import annotations

import time
from enum import Enum
from typing import Any

from fastapi import FastAPI

from ..clock import format_ts, parse_ts
from ..faults import FaultState
from ..ledger import Ledger
from ..schemas import ClockModel, FaultsModel

TAGS: list[str | Enum] = ["sandbox"]


def install(app: FastAPI, ledger: Ledger, faults: FaultState) -> None:
    """Add the sandbox's controls and /healthz to `app`."""
    started = time.monotonic()

    @app.get("/_sandbox/faults", tags=TAGS)
    def get_faults() -> FaultsModel:
        return FaultsModel(**faults.as_dict())

    @app.put("/_sandbox/faults", tags=TAGS)
    def put_faults(body: FaultsModel) -> FaultsModel:
        faults.update(**body.model_dump())
        return FaultsModel(**faults.as_dict())

    @app.get("/_sandbox/clock", tags=TAGS)
    def get_clock() -> dict[str, str]:
        return {"now": format_ts(ledger.clock.now())}

    @app.put("/_sandbox/clock", tags=TAGS)
    def put_clock(body: ClockModel) -> dict[str, str]:
        with ledger.lock:
            if body.now is not None:
                ledger.clock.set(parse_ts(body.now))
            if body.advance_seconds is not None:
                ledger.clock.advance(body.advance_seconds)
        return {"now": format_ts(ledger.clock.now())}

    @app.get("/healthz", tags=TAGS)
    def healthz() -> dict[str, Any]:
        return {
            "ok": True,
            "time": format_ts(ledger.clock.now()),
            "uptime_s": round(time.monotonic() - started, 1),
        }
