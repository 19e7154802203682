"""How an operation is sent, as the domain sees it: a `Sender` with one method per kind of
operation. The API client (`LoyaltyClient` in pos_app/api/) satisfies it as it is; the
domain names only this protocol, never the client, so it imports nothing of the API."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Literal, Protocol

# What a metadata value may be on the wire: a string, a number or a boolean.
MetadataValue = str | int | float | bool
Metadata = Mapping[str, MetadataValue]
AwardType = Literal["earned", "bonus"]


class Sender(Protocol):
    """Sends one operation under its idempotency key and returns the backend's answer
    (the sender's own object: the domain does not look into it)."""

    def redeem_points(
        self,
        *,
        customer_id: str,
        reward_id: str,
        points: int,
        code: str,
        occurred_at: datetime | None,
        terminal_id: str,
        metadata: Metadata | None,
        store_id: str | None,
        idempotency_key: str,
    ) -> object: ...

    def award_points(
        self,
        *,
        customer_id: str,
        points: int,
        reason: str | None,
        type: AwardType,
        metadata: Metadata | None,
        expires_at: datetime | None,
        store_id: str | None,
        idempotency_key: str,
    ) -> object: ...

    def adjust_points(
        self,
        *,
        customer_id: str,
        points: int,
        reason: str,
        metadata: Metadata | None,
        store_id: str | None,
        idempotency_key: str,
    ) -> object: ...

    def return_points(
        self,
        *,
        customer_id: str,
        order_id: str,
        returned_amount: int,
        reason: str | None,
        store_id: str | None,
        metadata: Metadata | None,
        idempotency_key: str,
    ) -> object: ...

    def use_redemption(self, id_or_code: str, *, idempotency_key: str) -> object: ...

    def void_redemption(
        self, id_or_code: str, *, reason: str | None, idempotency_key: str
    ) -> object: ...
