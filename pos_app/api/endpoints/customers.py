"""The customer endpoints of `LoyaltyClient` (docs/API.md, "Endpoints")."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..answers import customer_is, customer_named
from ..channel import Channel
from ..encoding import Metadata, json_body, path_segment, query_string
from ..models.page import page_parser

if TYPE_CHECKING:
    from ..models import Customer, Page

__all__ = ["CustomerEndpoints"]

# The models are imported by the methods that parse them: a client (every command that
# calls the backend) loads only the resources it asks for.


class CustomerEndpoints(Channel):
    """GET and list customers, and enrol one."""

    def get_customer(self, customer_id: str) -> Customer:
        """GET /v1/customers/{id}."""
        from ..models import parse_customer

        path = f"/v1/customers/{path_segment(customer_id, 'customer_id')}"
        return self._call("GET", path, parse_customer, expect=customer_is(customer_id))

    def list_customers(
        self,
        *,
        query: str | None = None,
        updated_since: datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Customer]:
        """GET /v1/customers: search by `query`, or a delta pull ordered by `updated_at`."""
        from ..models import parse_customer

        params = query_string(query=query, updated_since=updated_since, limit=limit, cursor=cursor)
        return self._call("GET", "/v1/customers", page_parser(parse_customer), params=params)

    def create_customer(
        self,
        *,
        name: str,
        email: str | None = None,
        phone: str | None = None,
        card_number: str | None = None,
        metadata: Metadata | None = None,
        idempotency_key: str,
    ) -> Customer:
        """POST /v1/customers: enrol a customer."""
        from ..models import parse_customer

        body = json_body(
            name=name, email=email, phone=phone, card_number=card_number, metadata=metadata
        )
        return self._call(
            "POST",
            "/v1/customers",
            parse_customer,
            body=body,
            idempotency_key=idempotency_key,
            expect=customer_named(name),
        )
