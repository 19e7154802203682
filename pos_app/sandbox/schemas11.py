"""What a request may carry in v1.1 (API.md "Version 1.1"): the v1 bodies (schemas.py)
with `store_id`, the return's body, and the checks of a sale in an award's metadata.
Same class names as in v1: each app's OpenAPI document names its own."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, StrictInt, StrictStr

from . import schemas
from .errors import LedgerError

PRINTABLE_RE = re.compile(r"^[\x20-\x7e]{1,64}$")
StoreId = Annotated[StrictStr | None, Field(pattern=r"^[\x20-\x7e]{1,64}$")]
OrderId = Annotated[StrictStr, Field(pattern=r"^[\x20-\x7e]{1,64}$")]
MAX_AMOUNT = 2**53


class AwardRequest(schemas.AwardRequest):
    store_id: StoreId = None


class RedeemRequest(schemas.RedeemRequest):
    store_id: StoreId = None


class AdjustRequest(schemas.AdjustRequest):
    store_id: StoreId = None


class ReturnRequest(schemas._Body):
    customer_id: schemas.ShortId
    order_id: OrderId
    returned_amount: Annotated[StrictInt, Field(ge=1, le=MAX_AMOUNT)]
    reason: schemas.Reason = None
    store_id: StoreId = None
    metadata: schemas.MetadataField = None


def sale_of(metadata: dict[str, Any] | None) -> str | None:
    """The order id of an award's sale, if its metadata names one; LedgerError (400) when
    `order_id`, `amount` or `currency` break the contract."""
    meta = metadata or {}
    order_id = meta.get("order_id")
    if "order_id" in meta and not (isinstance(order_id, str) and PRINTABLE_RE.match(order_id)):
        raise LedgerError(
            400,
            "invalid_request",
            "metadata.order_id must be 1-64 printable ASCII characters.",
            "metadata.order_id",
        )
    amount = meta.get("amount")
    if "amount" in meta and (
        not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0
    ):
        raise LedgerError(
            400,
            "invalid_request",
            "metadata.amount must be a whole amount of the currency's main unit, above 0.",
            "metadata.amount",
        )
    currency = meta.get("currency")
    if "currency" in meta and not (
        isinstance(currency, str) and re.fullmatch(r"[A-Z]{3}", currency)
    ):
        raise LedgerError(
            400,
            "invalid_request",
            "metadata.currency must be an ISO 4217 code such as NGN.",
            "metadata.currency",
        )
    return order_id if isinstance(order_id, str) else None
