"""The operations a terminal sends to the loyalty service, one frozen dataclass per kind.

Each knows what it stores in the outbox (`payload`, read back by `decode`), the fields its
request carries (`carried`: a 400 naming one of them is about the operation, not the
terminal), whose lane it waits in, and how it is sent (`send`, through the `Sender` of
domain/sending.py, which the API client satisfies: the domain imports nothing of the API).
A new kind of operation is a new class here plus its entry in `KINDS` (and, for a new
endpoint, its method on `Sender`); the outbox, the one submit path (services/submit.py)
and the pusher (sync/push.py) need nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, ClassVar

from .models import OperationKind
from .sending import MetadataValue, Sender

Metadata = dict[str, MetadataValue]


def _text(values: Mapping[str, object], name: str) -> str:
    return str(values[name])


def _optional_text(values: Mapping[str, object], name: str) -> str | None:
    value = values.get(name)
    return None if value is None else str(value)


def _optional_integer(values: Mapping[str, object], name: str) -> int | None:
    value = values.get(name)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"outbox payload {name} is not an integer")
    return value


def _integer(values: Mapping[str, object], name: str) -> int:
    value = values[name]
    if not isinstance(value, int):
        raise ValueError(f"outbox payload {name} is not an integer")
    return value


def _time(values: Mapping[str, object], name: str) -> datetime | None:
    value = values.get(name)
    return None if value is None else datetime.fromisoformat(str(value))


def _metadata(values: Mapping[str, object]) -> Metadata:
    value = values.get("metadata")
    return dict(value) if isinstance(value, dict) else {}


def _set(**fields: object) -> dict[str, object]:
    """v1.1 fields, stored only when set: a row written before them reads back the same."""
    return {name: value for name, value in fields.items() if value is not None}


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass(frozen=True, slots=True)
class Operation:
    """What every kind shares. `metadata` travels with the request (the audit head among
    it: see `with_metadata`); kinds without metadata leave it empty and never send it."""

    kind: ClassVar[OperationKind]
    # The audit action that records it being made at the counter.
    created_action: ClassVar[str]
    # Fields the request carries in its URL path rather than under their own name.
    path_fields: ClassVar[frozenset[str]] = frozenset()

    def payload(self) -> dict[str, object]:
        raise NotImplementedError

    def send(self, sender: Sender, *, key: str, terminal_id: str) -> object:
        raise NotImplementedError

    @property
    def redemption_code(self) -> str | None:
        """The redemption it is about (None for points operations)."""
        return None

    def carried(self) -> frozenset[str]:
        """The fields the operation's request sends: a 400 naming one of them is about it."""
        sent = {name for name, value in self.payload().items() if value is not None and value != {}}
        return frozenset(sent) | self.path_fields

    def with_metadata(self, extra: Mapping[str, str]) -> Operation:
        """The same operation with `extra` added to its metadata (kinds without metadata
        are returned as they are)."""
        return self


@dataclass(frozen=True, slots=True)
class Redeem(Operation):
    kind: ClassVar[OperationKind] = OperationKind.REDEEM
    created_action: ClassVar[str] = "redeem.created"
    path_fields: ClassVar[frozenset[str]] = frozenset({"terminal_id"})

    customer_id: str
    reward_id: str
    points: int
    code: str
    occurred_at: datetime | None
    metadata: Metadata = field(default_factory=dict)
    store_id: str | None = None  # v1.1: config.toml's store_id

    @property
    def redemption_code(self) -> str:
        return self.code

    def payload(self) -> dict[str, object]:
        return {
            "customer_id": self.customer_id,
            "reward_id": self.reward_id,
            "points": self.points,
            "code": self.code,
            "occurred_at": _iso(self.occurred_at),
            "metadata": self.metadata,
            **_set(store_id=self.store_id),
        }

    @classmethod
    def decode(cls, p: Mapping[str, object]) -> Redeem:
        return cls(
            _text(p, "customer_id"),
            _text(p, "reward_id"),
            _integer(p, "points"),
            _text(p, "code"),
            _time(p, "occurred_at"),
            _metadata(p),
            _optional_text(p, "store_id"),
        )

    def with_metadata(self, extra: Mapping[str, str]) -> Redeem:
        return replace(self, metadata={**self.metadata, **extra})

    def send(self, sender: Sender, *, key: str, terminal_id: str) -> object:
        return sender.redeem_points(
            customer_id=self.customer_id,
            reward_id=self.reward_id,
            points=self.points,
            code=self.code,
            occurred_at=self.occurred_at,
            terminal_id=terminal_id,
            metadata=self.metadata or None,
            store_id=self.store_id,
            idempotency_key=key,
        )


@dataclass(frozen=True, slots=True)
class Award(Operation):
    """Points for a customer. An award for a sale (v1.1) carries its `order_id`, `amount`
    (main unit) and `currency`, sent as `metadata.order_id`, `amount` and `currency`; a
    bonus or a manual award has none."""

    kind: ClassVar[OperationKind] = OperationKind.AWARD
    created_action: ClassVar[str] = "award.created"

    customer_id: str
    points: int
    reason: str | None = None
    bonus: bool = False
    metadata: Metadata = field(default_factory=dict)
    expires_at: datetime | None = None
    order_id: str | None = None
    amount: int | None = None
    currency: str | None = None
    store_id: str | None = None

    def payload(self) -> dict[str, object]:
        return {
            "customer_id": self.customer_id,
            "points": self.points,
            "reason": self.reason,
            "type": "bonus" if self.bonus else "earned",
            "metadata": self.metadata,
            "expires_at": _iso(self.expires_at),
            **_set(
                order_id=self.order_id,
                amount=self.amount,
                currency=self.currency,
                store_id=self.store_id,
            ),
        }

    @classmethod
    def decode(cls, p: Mapping[str, object]) -> Award:
        return cls(
            _text(p, "customer_id"),
            _integer(p, "points"),
            _optional_text(p, "reason"),
            _optional_text(p, "type") == "bonus",
            _metadata(p),
            _time(p, "expires_at"),
            _optional_text(p, "order_id"),
            _optional_integer(p, "amount"),
            _optional_text(p, "currency"),
            _optional_text(p, "store_id"),
        )

    def carried(self) -> frozenset[str]:
        # The sale travels in the metadata (a 400 names `metadata.order_id`).
        sale = {"metadata"} if self.order_id is not None else set()
        return Operation.carried(self) - {"order_id", "amount", "currency"} | sale

    def sale_metadata(self) -> Metadata:
        """The metadata as sent: the sale's fields over the rest."""
        sale: Metadata = {}
        if self.order_id is not None:
            sale["order_id"] = self.order_id
        if self.amount is not None:
            sale["amount"] = self.amount
        if self.currency is not None:
            sale["currency"] = self.currency
        return {**self.metadata, **sale}

    def with_metadata(self, extra: Mapping[str, str]) -> Award:
        return replace(self, metadata={**self.metadata, **extra})

    def send(self, sender: Sender, *, key: str, terminal_id: str) -> object:
        return sender.award_points(
            customer_id=self.customer_id,
            points=self.points,
            reason=self.reason,
            type="bonus" if self.bonus else "earned",
            metadata=self.sale_metadata() or None,
            expires_at=self.expires_at,
            store_id=self.store_id,
            idempotency_key=key,
        )


@dataclass(frozen=True, slots=True)
class Adjust(Operation):
    kind: ClassVar[OperationKind] = OperationKind.ADJUST
    created_action: ClassVar[str] = "adjust.created"

    customer_id: str
    points: int  # signed
    reason: str
    metadata: Metadata = field(default_factory=dict)
    store_id: str | None = None

    def payload(self) -> dict[str, object]:
        return {
            "customer_id": self.customer_id,
            "points": self.points,
            "reason": self.reason,
            "metadata": self.metadata,
            **_set(store_id=self.store_id),
        }

    @classmethod
    def decode(cls, p: Mapping[str, object]) -> Adjust:
        return cls(
            _text(p, "customer_id"),
            _integer(p, "points"),
            _text(p, "reason"),
            _metadata(p),
            _optional_text(p, "store_id"),
        )

    def with_metadata(self, extra: Mapping[str, str]) -> Adjust:
        return replace(self, metadata={**self.metadata, **extra})

    def send(self, sender: Sender, *, key: str, terminal_id: str) -> object:
        return sender.adjust_points(
            customer_id=self.customer_id,
            points=self.points,
            reason=self.reason,
            metadata=self.metadata or None,
            store_id=self.store_id,
            idempotency_key=key,
        )


@dataclass(frozen=True, slots=True)
class Return(Operation):
    """v1.1: take back the points a returned part of a sale (`order_id`) earned."""

    kind: ClassVar[OperationKind] = OperationKind.RETURN
    created_action: ClassVar[str] = "return.created"

    customer_id: str
    order_id: str
    returned_amount: int
    reason: str | None = None
    metadata: Metadata = field(default_factory=dict)
    store_id: str | None = None

    def payload(self) -> dict[str, object]:
        return {
            "customer_id": self.customer_id,
            "order_id": self.order_id,
            "returned_amount": self.returned_amount,
            "reason": self.reason,
            "metadata": self.metadata,
            "store_id": self.store_id,
        }

    @classmethod
    def decode(cls, p: Mapping[str, object]) -> Return:
        return cls(
            _text(p, "customer_id"),
            _text(p, "order_id"),
            _integer(p, "returned_amount"),
            _optional_text(p, "reason"),
            _metadata(p),
            _optional_text(p, "store_id"),
        )

    def with_metadata(self, extra: Mapping[str, str]) -> Return:
        return replace(self, metadata={**self.metadata, **extra})

    def send(self, sender: Sender, *, key: str, terminal_id: str) -> object:
        return sender.return_points(
            customer_id=self.customer_id,
            order_id=self.order_id,
            returned_amount=self.returned_amount,
            reason=self.reason,
            store_id=self.store_id,
            metadata=self.metadata or None,
            idempotency_key=key,
        )


@dataclass(frozen=True, slots=True)
class Use(Operation):
    kind: ClassVar[OperationKind] = OperationKind.USE
    created_action: ClassVar[str] = "code.use"
    path_fields: ClassVar[frozenset[str]] = frozenset({"id_or_code"})

    code: str

    @property
    def redemption_code(self) -> str:
        return self.code

    def payload(self) -> dict[str, object]:
        return {"code": self.code}

    @classmethod
    def decode(cls, p: Mapping[str, object]) -> Use:
        return cls(_text(p, "code"))

    def send(self, sender: Sender, *, key: str, terminal_id: str) -> object:
        return sender.use_redemption(self.code, idempotency_key=key)


@dataclass(frozen=True, slots=True)
class Void(Operation):
    kind: ClassVar[OperationKind] = OperationKind.VOID
    created_action: ClassVar[str] = "void.created"
    path_fields: ClassVar[frozenset[str]] = frozenset({"id_or_code"})

    code: str
    reason: str | None = None

    @property
    def redemption_code(self) -> str:
        return self.code

    def payload(self) -> dict[str, object]:
        return {"code": self.code, "reason": self.reason}

    @classmethod
    def decode(cls, p: Mapping[str, object]) -> Void:
        return cls(_text(p, "code"), _optional_text(p, "reason"))

    def send(self, sender: Sender, *, key: str, terminal_id: str) -> object:
        return sender.void_redemption(self.code, reason=self.reason, idempotency_key=key)


KINDS: dict[OperationKind, Any] = {
    OperationKind.REDEEM: Redeem,
    OperationKind.AWARD: Award,
    OperationKind.ADJUST: Adjust,
    OperationKind.USE: Use,
    OperationKind.VOID: Void,
    OperationKind.RETURN: Return,
}


def decode(kind: OperationKind, payload: Mapping[str, object]) -> Operation:
    """The operation an outbox row holds (its payload as `payload()` wrote it)."""
    found: Operation = KINDS[kind].decode(payload)
    return found
