"""The points endpoints of `LoyaltyClient` (docs/API.md, "Endpoints"): award, redeem,
adjust, return (v1.1), and a customer's history. `store_id` (v1.1) is sent only when
given; a v1 backend that refuses it as an unknown field (400 naming `store_id`, answered
before the idempotency key and not stored) gets the same request without it, so a
terminal with a store_id still works against a v1-only backend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Literal, TypeVar

from ..answers import redemption_made, return_made, transaction_is, transactions_of
from ..channel import Channel
from ..encoding import Metadata, json_body, query_string
from ..errors import InvalidRequest, NotFound, not_offered
from ..models.page import page_parser

if TYPE_CHECKING:
    from ..models import AwardType, Page, PointsTransaction, Redemption, Return

__all__ = ["PointsEndpoints"]

# The models are imported by the methods that parse them: a client (every command that
# calls the backend) loads only the resources it asks for.
T = TypeVar("T")


class PointsEndpoints(Channel):
    """Move points: each POST returns the transaction or redemption it wrote."""

    def award_points(
        self,
        *,
        customer_id: str,
        points: int,
        reason: str | None = None,
        type: AwardType | Literal["earned", "bonus"] = "earned",
        metadata: Metadata | None = None,
        expires_at: datetime | None = None,
        store_id: str | None = None,
        idempotency_key: str,
    ) -> PointsTransaction:
        """POST /v1/points/award: the `earned` transaction it wrote. A sale's award carries
        `metadata.order_id`, `amount` and `currency`."""
        from ..models import AwardType, TransactionType

        body = json_body(
            customer_id=customer_id,
            points=points,
            reason=reason,
            type=AwardType(type).value,
            metadata=metadata,
            expires_at=expires_at,
            store_id=store_id,
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
        store_id: str | None = None,
        idempotency_key: str,
    ) -> Redemption:
        """POST /v1/points/redeem: `points` must equal the reward's cost; `code` if issued here."""
        from ..models import parse_redemption

        body = json_body(
            customer_id=customer_id,
            reward_id=reward_id,
            points=points,
            code=code,
            occurred_at=occurred_at,
            terminal_id=terminal_id,
            metadata=metadata,
            store_id=store_id,
        )
        return self._post(
            "/v1/points/redeem",
            parse_redemption,
            body,
            idempotency_key,
            redemption_made(customer_id, reward_id, points, code),
        )

    def adjust_points(
        self,
        *,
        customer_id: str,
        points: int,
        reason: str,
        metadata: Metadata | None = None,
        store_id: str | None = None,
        idempotency_key: str,
    ) -> PointsTransaction:
        """POST /v1/points/adjust: a signed, non-zero correction with a reason."""
        from ..models import TransactionType

        body = json_body(
            customer_id=customer_id,
            points=points,
            reason=reason,
            metadata=metadata,
            store_id=store_id,
        )
        expect = transaction_is(customer_id, points, TransactionType.ADJUSTED)
        return self._move("/v1/points/adjust", body, idempotency_key, expect)

    def return_points(
        self,
        *,
        customer_id: str,
        order_id: str,
        returned_amount: int,
        reason: str | None = None,
        store_id: str | None = None,
        metadata: Metadata | None = None,
        idempotency_key: str,
    ) -> Return:
        """POST /v1/points/return (v1.1): take back what a returned part of a sale earned.
        A 404 that names neither the customer nor the order is a backend without the
        route (v1 only): `NotOffered`, never a refusal of the return."""
        from ..models import parse_return

        body = json_body(
            customer_id=customer_id,
            order_id=order_id,
            returned_amount=returned_amount,
            reason=reason,
            store_id=store_id,
            metadata=metadata,
        )
        expect = return_made(customer_id, order_id, returned_amount)
        try:
            # No retry without `store_id`: a backend without v1.1 has no such route.
            return self._post(
                "/v1/points/return", parse_return, body, idempotency_key, expect, v1_retry=False
            )
        except NotFound as error:
            if error.code in ("customer_not_found", "order_not_found"):
                raise
            raise not_offered(error, "returns") from None

    def _move(
        self,
        path: str,
        body: dict[str, object],
        idempotency_key: str,
        expect: Callable[[PointsTransaction], None],
    ) -> PointsTransaction:
        """POST an award or an adjustment: the transaction it wrote, as `expect` wants it."""
        from ..models import parse_points_transaction

        return self._post(path, parse_points_transaction, body, idempotency_key, expect)

    def _post(
        self,
        path: str,
        parse: Callable[[object], T],
        body: dict[str, object],
        idempotency_key: str,
        expect: Callable[[T], None],
        *,
        v1_retry: bool = True,
    ) -> T:
        """POST `body`; with `v1_retry`, again without its `store_id` if the backend does not
        know the field."""
        try:
            return self._call(
                "POST", path, parse, body=body, idempotency_key=idempotency_key, expect=expect
            )
        except InvalidRequest as error:
            if not v1_retry or "store_id" not in body or error.param != "store_id":
                raise
        rest = {name: value for name, value in body.items() if name != "store_id"}
        return self._call(
            "POST", path, parse, body=rest, idempotency_key=idempotency_key, expect=expect
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
        from ..models import parse_points_transaction

        params = query_string(customer_id=customer_id, limit=limit, order=order, cursor=cursor)
        return self._call(
            "GET",
            "/v1/points",
            page_parser(parse_points_transaction),
            params=params,
            expect=transactions_of(customer_id),
        )
