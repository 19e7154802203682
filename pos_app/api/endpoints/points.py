"""The points endpoints of `LoyaltyClient` (docs/API.md, "Endpoints"): award, redeem,
adjust, and a customer's history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Literal

from ..answers import redemption_made, transaction_is, transactions_of
from ..channel import Channel
from ..encoding import Metadata, json_body, query_string
from ..models import (
    AwardType,
    Page,
    PointsTransaction,
    Redemption,
    TransactionType,
    parse_points_transaction,
    parse_redemption,
)
from ..models.page import page_parser

__all__ = ["PointsEndpoints"]

_transaction_page = page_parser(parse_points_transaction)


class PointsEndpoints(Channel):
    """Move points: each POST returns the transaction or redemption it wrote."""

    def award_points(
        self,
        *,
        customer_id: str,
        points: int,
        reason: str | None = None,
        type: AwardType | Literal["earned", "bonus"] = AwardType.EARNED,
        metadata: Metadata | None = None,
        expires_at: datetime | None = None,
        idempotency_key: str,
    ) -> PointsTransaction:
        """POST /v1/points/award: the `earned` transaction it wrote."""
        body = json_body(
            customer_id=customer_id,
            points=points,
            reason=reason,
            type=AwardType(type).value,
            metadata=metadata,
            expires_at=expires_at,
        )
        # A bonus is recorded as an `earned` transaction too (API.md).
        expect = transaction_is(customer_id, points, TransactionType.EARNED)
        return self._move("/v1/points/award", body, idempotency_key, expect)

    def redeem_points(
        self,
        *,
        customer_id: str,
        reward_id: str,
        points: int,
        code: str | None = None,
        occurred_at: datetime | None = None,
        terminal_id: str | None = None,
        metadata: Metadata | None = None,
        idempotency_key: str,
    ) -> Redemption:
        """POST /v1/points/redeem: `points` must equal the reward's cost; `code` if issued here."""
        body = json_body(
            customer_id=customer_id,
            reward_id=reward_id,
            points=points,
            code=code,
            occurred_at=occurred_at,
            terminal_id=terminal_id,
            metadata=metadata,
        )
        return self._call(
            "POST",
            "/v1/points/redeem",
            parse_redemption,
            body=body,
            idempotency_key=idempotency_key,
            expect=redemption_made(customer_id, reward_id, points, code),
        )

    def adjust_points(
        self,
        *,
        customer_id: str,
        points: int,
        reason: str,
        metadata: Metadata | None = None,
        idempotency_key: str,
    ) -> PointsTransaction:
        """POST /v1/points/adjust: a signed, non-zero correction with a reason."""
        body = json_body(customer_id=customer_id, points=points, reason=reason, metadata=metadata)
        expect = transaction_is(customer_id, points, TransactionType.ADJUSTED)
        return self._move("/v1/points/adjust", body, idempotency_key, expect)

    def _move(
        self,
        path: str,
        body: dict[str, object],
        idempotency_key: str,
        expect: Callable[[PointsTransaction], None],
    ) -> PointsTransaction:
        """POST an award or an adjustment: the transaction it wrote, as `expect` wants it."""
        return self._call(
            "POST",
            path,
            parse_points_transaction,
            body=body,
            idempotency_key=idempotency_key,
            expect=expect,
        )

    def list_points(
        self,
        *,
        customer_id: str,
        limit: int | None = None,
        order: Literal["asc", "desc"] = "desc",
        cursor: str | None = None,
    ) -> Page[PointsTransaction]:
        """GET /v1/points: a customer's history in the order it was applied."""
        params = query_string(customer_id=customer_id, limit=limit, order=order, cursor=cursor)
        return self._call(
            "GET",
            "/v1/points",
            _transaction_page,
            params=params,
            expect=transactions_of(customer_id),
        )
