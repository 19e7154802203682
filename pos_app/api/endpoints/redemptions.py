"""The redemption endpoints of `LoyaltyClient` (docs/API.md, "Endpoints"): look one up,
list them, and use or void an issued one."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..answers import redemption_is
from ..channel import Channel
from ..encoding import json_body, path_segment, query_string
from ..models.page import page_parser

if TYPE_CHECKING:
    from ..models import Page, Redemption, RedemptionStatus

__all__ = ["RedemptionEndpoints"]

# The models are imported by the methods that parse them: a client (every command that
# calls the backend) loads only the resources it asks for.


class RedemptionEndpoints(Channel):
    """Redemptions after they are made (making one is `PointsEndpoints.redeem_points`)."""

    def get_redemption(self, id_or_code: str) -> Redemption:
        """GET /v1/redemptions/{id or code}."""
        from ..models import parse_redemption

        path = f"/v1/redemptions/{path_segment(id_or_code, 'id_or_code')}"
        return self._call("GET", path, parse_redemption, expect=redemption_is(id_or_code))

    def list_redemptions(
        self,
        *,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
        terminal_id: str | None = None,
        store_id: str | None = None,
        status: RedemptionStatus | None = None,
        updated_since: datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Redemption]:
        """GET /v1/redemptions (`store_id`: v1.1)."""
        from ..models import RedemptionStatus, parse_redemption

        params = query_string(
            created_from=created_from,
            created_to=created_to,
            terminal_id=terminal_id,
            store_id=store_id,
            status=None if status is None else RedemptionStatus(status).value,
            updated_since=updated_since,
            limit=limit,
            cursor=cursor,
        )
        return self._call("GET", "/v1/redemptions", page_parser(parse_redemption), params=params)

    def use_redemption(self, id_or_code: str, *, idempotency_key: str) -> Redemption:
        """POST /v1/redemptions/{id or code}/use: mark an issued redemption used (once)."""
        from ..models import RedemptionStatus, parse_redemption

        path = f"/v1/redemptions/{path_segment(id_or_code, 'id_or_code')}/use"
        return self._call(
            "POST",
            path,
            parse_redemption,
            body={},
            idempotency_key=idempotency_key,
            expect=redemption_is(id_or_code, RedemptionStatus.USED),
        )

    def void_redemption(
        self, id_or_code: str, *, reason: str | None = None, idempotency_key: str
    ) -> Redemption:
        """POST /v1/redemptions/{id or code}/void: void an issued redemption, refunding points."""
        from ..models import RedemptionStatus, parse_redemption

        path = f"/v1/redemptions/{path_segment(id_or_code, 'id_or_code')}/void"
        return self._call(
            "POST",
            path,
            parse_redemption,
            body=json_body(reason=reason),
            idempotency_key=idempotency_key,
            expect=redemption_is(id_or_code, RedemptionStatus.VOID),
        )
