"""Typed LoyalPro objects and their strict parsers (API.md, "Objects").

Every parser takes a decoded JSON value and either returns a frozen object or raises
`ProtocolError` naming the offending field; unknown extra fields are ignored.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from types import MappingProxyType
from typing import Generic, TypeVar

from .errors import ProtocolError

__all__ = [
    "AwardType",
    "Customer",
    "ExpiringPoints",
    "MetadataValue",
    "Page",
    "PointsTransaction",
    "Redemption",
    "RedemptionStatus",
    "Reward",
    "Tier",
    "TierRef",
    "TransactionType",
    "format_timestamp",
    "parse_customer",
    "parse_page",
    "parse_points_transaction",
    "parse_redemption",
    "parse_reward",
    "parse_tier",
    "parse_timestamp",
]

T = TypeVar("T")

MetadataValue = str | int | float | bool

_EMPTY_METADATA: Mapping[str, MetadataValue] = MappingProxyType({})


class TransactionType(enum.StrEnum):
    EARNED = "earned"
    REDEEMED = "redeemed"
    EXPIRED = "expired"
    ADJUSTED = "adjusted"


class AwardType(enum.StrEnum):
    """The `type` of an award; a bonus is recorded as an `earned` transaction."""

    EARNED = "earned"
    BONUS = "bonus"


class RedemptionStatus(enum.StrEnum):
    ISSUED = "issued"
    USED = "used"
    VOID = "void"


# Timestamps


_RFC3339 = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]"
    r"(?P<h>[0-9]{2}):(?P<m>[0-9]{2}):(?P<s>[0-9]{2})(?:\.(?P<frac>[0-9]{1,9}))?"
    r"(?:(?P<z>[Zz])|(?P<sign>[+-])(?P<oh>[0-9]{2}):(?P<om>[0-9]{2}))"
)


def parse_timestamp(text: str) -> datetime:
    """An RFC 3339 timestamp with a zone (`Z` or `±hh:mm`) as an aware UTC datetime.

    Raises ValueError for anything else, including a missing zone.
    """
    match = _RFC3339.fullmatch(text)
    if match is None:
        raise ValueError(f"not an RFC 3339 timestamp with a time zone: {_show(text)}")
    year, month, day = (int(part) for part in match["date"].split("-"))
    frac = (match["frac"] or "").ljust(6, "0")[:6]
    if match["z"]:
        zone = UTC
    else:
        hours, minutes = int(match["oh"]), int(match["om"])
        if hours > 23 or minutes > 59:
            raise ValueError(f"bad UTC offset in {_show(text)}")
        offset = timedelta(hours=hours, minutes=minutes)
        zone = timezone(-offset if match["sign"] == "-" else offset)
    try:
        value = datetime(
            year,
            month,
            day,
            int(match["h"]),
            int(match["m"]),
            int(match["s"]),
            int(frac),
            tzinfo=zone,
        )
        return value.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"not a valid date and time: {_show(text)}") from exc


def format_timestamp(value: datetime) -> str:
    """`value` as `YYYY-MM-DDTHH:MM:SSZ` in UTC, whole seconds; a naive datetime is a ValueError."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("a timestamp for the loyalty service must be timezone-aware")
    utc = value.astimezone(UTC)
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z"
    )


# Objects


@dataclass(frozen=True, slots=True)
class TierRef:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class ExpiringPoints:
    points: int
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Customer:
    id: str
    name: str
    email: str | None
    phone: str | None
    card_number: str | None
    points_balance: int
    lifetime_points: int
    tier: TierRef | None
    points_expiring: tuple[ExpiringPoints, ...]
    # hash=False: a MappingProxyType is not hashable, and the id already identifies the object.
    metadata: Mapping[str, MetadataValue] = field(hash=False)
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Reward:
    id: str
    name: str
    points_cost: int
    discount_amount: int
    currency: str
    tier_required: str | None
    active: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Tier:
    id: str
    name: str
    min_points: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PointsTransaction:
    id: str
    customer_id: str
    type: TransactionType
    points: int
    balance_after: int
    reason: str | None
    metadata: Mapping[str, MetadataValue] = field(hash=False)
    expires_at: datetime | None
    redemption_id: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Redemption:
    id: str
    customer_id: str
    reward_id: str
    points: int
    code: str
    discount_amount: int
    currency: str
    status: RedemptionStatus
    transaction_id: str | None
    balance_after: int | None
    terminal_id: str | None
    occurred_at: datetime | None
    created_at: datetime
    updated_at: datetime
    used_at: datetime | None
    voided_at: datetime | None
    metadata: Mapping[str, MetadataValue] = field(hash=False)


# No slots here: on Python 3.11, slots plus Generic breaks `Page[Customer](...)`
# (the frozen __setattr__ then fails with a TypeError instead of being skipped).
@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list; `next_cursor` is set whenever `has_more` is true."""

    data: tuple[T, ...]
    has_more: bool
    next_cursor: str | None


# Strict reading of JSON values


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _show(value: str) -> str:
    """A server string for an error message: short ones whole, never a cut-off piece."""
    # A cut-off piece of an echoed API key could not be scrubbed by the client.
    if len(value) <= 40 and value.isprintable():
        return f"'{value}'"
    return f"a string of {len(value)} characters"


def _fail(path: str, expected: str, value: object) -> ProtocolError:
    return ProtocolError(f"{path}: expected {expected}, got {_kind(value)}")


class _Fields:
    """Typed access to the fields of one JSON object, with errors that name the field."""

    __slots__ = ("_data", "_path")

    def __init__(self, value: object, path: str, kind: str | None) -> None:
        if not isinstance(value, dict):
            raise _fail(path, "object", value)
        self._data: dict[str, object] = value
        self._path = path
        if kind is not None:
            got = self._data.get("object", _MISSING)
            if got is _MISSING:
                raise ProtocolError(f"{path}.object: missing")
            if got != kind:
                shown = _show(got) if isinstance(got, str) else _kind(got)
                raise ProtocolError(f"{path}.object: expected '{kind}', got {shown}")

    def where(self, name: str) -> str:
        return f"{self._path}.{name}"

    def _get(self, name: str, *, required: bool) -> object:
        value = self._data.get(name, _MISSING)
        if value is _MISSING:
            if required:
                raise ProtocolError(f"{self.where(name)}: missing")
            return None
        return value

    def text(self, name: str) -> str:
        value = self._get(name, required=True)
        if not isinstance(value, str):
            raise _fail(self.where(name), "string", value)
        return value

    # Nullable fields may also be absent: absent and null mean the same to every caller.
    def opt_text(self, name: str) -> str | None:
        value = self._get(name, required=False)
        if value is not None and not isinstance(value, str):
            raise _fail(self.where(name), "string or null", value)
        return value

    def integer(self, name: str) -> int:
        value = self._get(name, required=True)
        # bool is a subclass of int in Python but not an integer in JSON.
        if not isinstance(value, int) or isinstance(value, bool):
            raise _fail(self.where(name), "integer", value)
        return value

    def opt_integer(self, name: str) -> int | None:
        value = self._get(name, required=False)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise _fail(self.where(name), "integer or null", value)
        return value

    def boolean(self, name: str) -> bool:
        value = self._get(name, required=True)
        if not isinstance(value, bool):
            raise _fail(self.where(name), "boolean", value)
        return value

    def timestamp(self, name: str) -> datetime:
        return _timestamp(self.where(name), self._get(name, required=True))

    def opt_timestamp(self, name: str) -> datetime | None:
        value = self._get(name, required=False)
        return None if value is None else _timestamp(self.where(name), value)

    def choice(self, name: str, cls: type[_E]) -> _E:
        value = self.text(name)
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(f"'{member.value}'" for member in cls)
            raise ProtocolError(
                f"{self.where(name)}: expected one of {allowed}, got {_show(value)}"
            ) from None

    def metadata(self, name: str) -> Mapping[str, MetadataValue]:
        value = self._get(name, required=True)
        return _metadata(self.where(name), value)

    def raw(self, name: str, *, required: bool) -> object:
        return self._get(name, required=required)


_E = TypeVar("_E", bound=enum.StrEnum)
_MISSING = object()


def _timestamp(path: str, value: object) -> datetime:
    if not isinstance(value, str):
        raise _fail(path, "RFC 3339 timestamp string", value)
    try:
        return parse_timestamp(value)
    except ValueError:
        raise ProtocolError(
            f"{path}: expected RFC 3339 timestamp with a time zone, got {_show(value)}"
        ) from None


def _metadata(path: str, value: object) -> Mapping[str, MetadataValue]:
    if not isinstance(value, dict):
        raise _fail(path, "object", value)
    if not value:
        return _EMPTY_METADATA
    copy: dict[str, MetadataValue] = {}
    for key, item in value.items():
        if not isinstance(item, str | int | float):  # bool is an int subclass, so included
            raise _fail(f"{path}[{_show(key)}]", "string, number or boolean", item)
        copy[key] = item
    return MappingProxyType(copy)


# Parsers


def _parse_tier_ref(value: object, path: str = "tier") -> TierRef:
    """A customer's `tier` object (`id` and `name`)."""
    f = _Fields(value, path, None)
    return TierRef(id=f.text("id"), name=f.text("name"))


def _parse_expiring(value: object, path: str) -> ExpiringPoints:
    f = _Fields(value, path, None)
    return ExpiringPoints(points=f.integer("points"), expires_at=f.timestamp("expires_at"))


def parse_customer(value: object, path: str = "customer") -> Customer:
    """A Customer object, or ProtocolError."""
    f = _Fields(value, path, "customer")
    tier_value = f.raw("tier", required=False)
    lots = f.raw("points_expiring", required=True)
    if not isinstance(lots, list):
        raise _fail(f.where("points_expiring"), "array", lots)
    return Customer(
        id=f.text("id"),
        name=f.text("name"),
        email=f.opt_text("email"),
        phone=f.opt_text("phone"),
        card_number=f.opt_text("card_number"),
        points_balance=f.integer("points_balance"),
        lifetime_points=f.integer("lifetime_points"),
        tier=None if tier_value is None else _parse_tier_ref(tier_value, f.where("tier")),
        points_expiring=tuple(
            _parse_expiring(lot, f"{f.where('points_expiring')}[{i}]") for i, lot in enumerate(lots)
        ),
        metadata=f.metadata("metadata"),
        created_at=f.timestamp("created_at"),
        updated_at=f.timestamp("updated_at"),
    )


def parse_reward(value: object, path: str = "reward") -> Reward:
    """A Reward object, or ProtocolError."""
    f = _Fields(value, path, "reward")
    return Reward(
        id=f.text("id"),
        name=f.text("name"),
        points_cost=f.integer("points_cost"),
        discount_amount=f.integer("discount_amount"),
        currency=f.text("currency"),
        tier_required=f.opt_text("tier_required"),
        active=f.boolean("active"),
        created_at=f.timestamp("created_at"),
        updated_at=f.timestamp("updated_at"),
    )


def parse_tier(value: object, path: str = "tier") -> Tier:
    """A Tier object (from the tiers list), or ProtocolError."""
    f = _Fields(value, path, "tier")
    return Tier(
        id=f.text("id"),
        name=f.text("name"),
        min_points=f.integer("min_points"),
        created_at=f.timestamp("created_at"),
    )


def parse_points_transaction(value: object, path: str = "points_transaction") -> PointsTransaction:
    """A points transaction object, or ProtocolError."""
    f = _Fields(value, path, "points_transaction")
    return PointsTransaction(
        id=f.text("id"),
        customer_id=f.text("customer_id"),
        type=f.choice("type", TransactionType),
        points=f.integer("points"),
        balance_after=f.integer("balance_after"),
        reason=f.opt_text("reason"),
        metadata=f.metadata("metadata"),
        expires_at=f.opt_timestamp("expires_at"),
        redemption_id=f.opt_text("redemption_id"),
        created_at=f.timestamp("created_at"),
    )


def parse_redemption(value: object, path: str = "redemption") -> Redemption:
    """A Redemption object, or ProtocolError; a missing `updated_at` equals `created_at`."""
    f = _Fields(value, path, "redemption")
    created_at = f.timestamp("created_at")
    updated_at = f.opt_timestamp("updated_at")
    return Redemption(
        id=f.text("id"),
        customer_id=f.text("customer_id"),
        reward_id=f.text("reward_id"),
        points=f.integer("points"),
        code=f.text("code"),
        discount_amount=f.integer("discount_amount"),
        currency=f.text("currency"),
        status=f.choice("status", RedemptionStatus),
        transaction_id=f.opt_text("transaction_id"),
        balance_after=f.opt_integer("balance_after"),
        terminal_id=f.opt_text("terminal_id"),
        occurred_at=f.opt_timestamp("occurred_at"),
        created_at=created_at,
        updated_at=created_at if updated_at is None else updated_at,
        used_at=f.opt_timestamp("used_at"),
        voided_at=f.opt_timestamp("voided_at"),
        metadata=f.metadata("metadata"),
    )


def parse_page(value: object, parse_item: Callable[[object, str], T]) -> Page[T]:
    """A list envelope whose items are parsed by `parse_item(item, path)`, or ProtocolError."""
    f = _Fields(value, "list", "list")
    items = f.raw("data", required=True)
    if not isinstance(items, list):
        raise _fail(f.where("data"), "array", items)
    has_more = f.boolean("has_more")
    next_cursor = f.opt_text("next_cursor")
    if has_more and not next_cursor:
        # Following such a page would either stop early or restart from the beginning.
        raise ProtocolError("list.next_cursor: has_more is true but there is no cursor")
    data = tuple(parse_item(item, f"list.data[{i}]") for i, item in enumerate(items))
    return Page(data=data, has_more=has_more, next_cursor=next_cursor)
