"""What a request may carry: the bodies and parameters of API.md as pydantic models, with
the checks the contract makes of each field. A request that fails one is answered 400
invalid_request, naming the field (errors.py)."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from fastapi import Header, Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from .clock import format_ts, parse_ts

CODE_RE = re.compile(r"^REDEEM-[0-9A-Z]{6,12}$")
MAX_POINTS = 100_000_000
Metadata = dict[str, Any]


def _check_metadata(value: Metadata | None) -> Metadata | None:
    if value is None:
        return None
    if len(value) > 50:
        raise ValueError("at most 50 keys")
    for key, item in value.items():
        if not key or len(key) > 40:
            raise ValueError(f"key {key[:40]!r} must be 1-40 characters")
        if isinstance(item, str):
            if len(item) > 500:
                raise ValueError(f"value of {key!r} is longer than 500 characters")
        elif isinstance(item, bool | int):
            if isinstance(item, int) and not isinstance(item, bool) and abs(item) > 2**53:
                raise ValueError(f"value of {key!r} is too large")
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise ValueError(f"value of {key!r} must be a finite number")
        else:
            raise ValueError(f"value of {key!r} must be a string, a number or a boolean")
    return value


def _check_timestamp(value: str | None) -> str | None:
    return None if value is None else format_ts(parse_ts(value))


def _check_text(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("must not be blank")
    return value


def _check_code(value: str | None) -> str | None:
    if value is not None and not CODE_RE.match(value):
        raise ValueError("must match ^REDEEM-[0-9A-Z]{6,12}$")
    return value


MetadataField = Annotated[Metadata | None, AfterValidator(_check_metadata)]
Timestamp = Annotated[StrictStr | None, AfterValidator(_check_timestamp)]
Reason = Annotated[StrictStr | None, Field(max_length=500), AfterValidator(_check_text)]
Points = Annotated[StrictInt, Field(ge=1, le=MAX_POINTS)]
ShortId = Annotated[StrictStr, Field(min_length=1, max_length=64)]

Limit = Annotated[int, Query(ge=1, le=100)]
IdemKey = Annotated[str | None, Header(alias="Idempotency-Key")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CustomerCreate(_Body):
    name: Annotated[StrictStr, Field(min_length=1, max_length=200), AfterValidator(_check_text)]
    email: Annotated[StrictStr | None, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")] = None
    phone: Annotated[StrictStr | None, Field(pattern=r"^\+?[0-9][0-9 \-]{5,19}$")] = None
    card_number: Annotated[StrictStr | None, Field(pattern=r"^[A-Za-z0-9]{4,32}$")] = None
    metadata: MetadataField = None


class AwardRequest(_Body):
    customer_id: ShortId
    points: Points
    reason: Reason = None
    type: Literal["earned", "bonus"] = "earned"
    metadata: MetadataField = None
    expires_at: Timestamp = None


class RedeemRequest(_Body):
    customer_id: ShortId
    reward_id: ShortId
    points: Points
    code: Annotated[StrictStr | None, AfterValidator(_check_code)] = None
    occurred_at: Timestamp = None
    terminal_id: Annotated[StrictStr | None, Field(min_length=1, max_length=64)] = None
    metadata: MetadataField = None


class AdjustRequest(_Body):
    customer_id: ShortId
    points: Annotated[StrictInt, Field(ge=-MAX_POINTS, le=MAX_POINTS)]
    reason: Annotated[StrictStr, Field(min_length=1, max_length=500), AfterValidator(_check_text)]
    metadata: MetadataField = None


class VoidRequest(_Body):
    reason: Reason = None


class FaultsModel(_Body):
    error_rate: Annotated[float, Field(ge=0, le=1)] = 0.0
    latency_ms: Annotated[StrictInt, Field(ge=0, le=120_000)] = 0
    drop_response_rate: Annotated[float, Field(ge=0, le=1)] = 0.0
    outage: StrictBool = False
    rate_limit_rate: Annotated[float, Field(ge=0, le=1)] = 0.0


class ClockModel(_Body):
    now: Timestamp = None
    advance_seconds: Annotated[StrictInt | None, Field(ge=-(10**9), le=10**9)] = None
