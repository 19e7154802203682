"""The objects the sandbox sends (wire.py), as the JSON Schemas /openapi.json gives them:
every field always present, nothing else."""

from __future__ import annotations

from typing import Any

JSON = dict[str, Any]

_TIMESTAMP: JSON = {"type": "string", "format": "date-time"}
_NULLABLE_TIMESTAMP: JSON = {"anyOf": [_TIMESTAMP, {"type": "null"}]}
_NULLABLE_STRING: JSON = {"type": ["string", "null"]}
_METADATA: JSON = {
    "type": "object",
    "maxProperties": 50,
    "additionalProperties": {"type": ["string", "number", "boolean"]},
}


def _object(kind: str, properties: JSON) -> JSON:
    """A contract object: every field always present, nothing else."""
    fields = {"object": {"const": kind}, **properties}
    return {
        "type": "object",
        "properties": fields,
        "required": sorted(fields),
        "additionalProperties": False,
    }


def ref(name: str) -> JSON:
    return {"$ref": f"#/components/schemas/{name}"}


def _list_of(name: str) -> JSON:
    return {
        "type": "object",
        "properties": {
            "object": {"const": "list"},
            "data": {"type": "array", "items": ref(name)},
            "has_more": {"type": "boolean"},
            "next_cursor": _NULLABLE_STRING,
        },
        "required": ["object", "data", "has_more", "next_cursor"],
        "additionalProperties": False,
    }


SCHEMAS: dict[str, JSON] = {
    "Error": {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "param": {"type": "string"},
                    "transaction_id": {"type": "string"},
                },
                "required": ["type", "code", "message"],
            }
        },
        "required": ["error"],
        "additionalProperties": False,
    },
    "Customer": _object(
        "customer",
        {
            "id": {"type": "string", "pattern": "^cus_"},
            "name": {"type": "string"},
            "email": _NULLABLE_STRING,
            "phone": _NULLABLE_STRING,
            "card_number": _NULLABLE_STRING,
            "points_balance": {"type": "integer", "minimum": 0},
            "lifetime_points": {"type": "integer", "minimum": 0},
            "tier": {
                "anyOf": [
                    {
                        "type": "object",
                        "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
                        "required": ["id", "name"],
                        "additionalProperties": False,
                    },
                    {"type": "null"},
                ]
            },
            "points_expiring": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "points": {"type": "integer", "minimum": 1},
                        "expires_at": _TIMESTAMP,
                    },
                    "required": ["points", "expires_at"],
                    "additionalProperties": False,
                },
            },
            "metadata": _METADATA,
            "created_at": _TIMESTAMP,
            "updated_at": _TIMESTAMP,
        },
    ),
    "PointsTransaction": _object(
        "points_transaction",
        {
            "id": {"type": "string", "pattern": "^txn_"},
            "customer_id": {"type": "string"},
            "type": {"enum": ["earned", "redeemed", "expired", "adjusted"]},
            "points": {"type": "integer"},
            "balance_after": {"type": "integer", "minimum": 0},
            "reason": _NULLABLE_STRING,
            "metadata": _METADATA,
            "expires_at": _NULLABLE_TIMESTAMP,
            "redemption_id": _NULLABLE_STRING,
            "created_at": _TIMESTAMP,
        },
    ),
    "Reward": _object(
        "reward",
        {
            "id": {"type": "string", "pattern": "^rwd_"},
            "name": {"type": "string"},
            "points_cost": {"type": "integer", "minimum": 1},
            "discount_amount": {"type": "integer", "minimum": 0},
            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
            "tier_required": _NULLABLE_STRING,
            "active": {"type": "boolean"},
            "created_at": _TIMESTAMP,
            "updated_at": _TIMESTAMP,
        },
    ),
    "Tier": _object(
        "tier",
        {
            "id": {"type": "string", "pattern": "^tier_"},
            "name": {"type": "string"},
            "min_points": {"type": "integer", "minimum": 0},
            "created_at": _TIMESTAMP,
        },
    ),
    "Redemption": _object(
        "redemption",
        {
            "id": {"type": "string", "pattern": "^red_"},
            "customer_id": {"type": "string"},
            "reward_id": {"type": "string"},
            "points": {"type": "integer", "minimum": 1},
            "code": {"type": "string", "pattern": "^REDEEM-[0-9A-Z]{6,12}$"},
            "discount_amount": {"type": "integer", "minimum": 0},
            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
            "status": {"enum": ["issued", "used", "void"]},
            "transaction_id": _NULLABLE_STRING,
            "balance_after": {"type": ["integer", "null"]},
            "terminal_id": _NULLABLE_STRING,
            "occurred_at": _NULLABLE_TIMESTAMP,
            "created_at": _TIMESTAMP,
            "updated_at": _TIMESTAMP,
            "used_at": _NULLABLE_TIMESTAMP,
            "voided_at": _NULLABLE_TIMESTAMP,
            "metadata": _METADATA,
        },
    ),
    "CustomerList": _list_of("Customer"),
    "PointsTransactionList": _list_of("PointsTransaction"),
    "RewardList": _list_of("Reward"),
    "TierList": _list_of("Tier"),
    "RedemptionList": _list_of("Redemption"),
}


def _v11_object(name: str, after: str, added: JSON) -> JSON:
    """A v1 object's schema with v1.1's fields inserted after the field `after`."""
    base = SCHEMAS[name]
    fields: JSON = {}
    for key, value in base["properties"].items():
        fields[key] = value
        if key == after:
            fields.update(added)
    return {**base, "properties": fields, "required": sorted(fields)}


_STORE = {"store_id": _NULLABLE_STRING}
_NULLABLE_INT: JSON = {"type": ["integer", "null"]}
_REWARD11 = _v11_object(
    "Reward",
    "name",
    {"kind": {"enum": ["fixed", "per_point"]}},
)
_REWARD11_FIELDS: JSON = {}
for _key, _value in _REWARD11["properties"].items():
    if _key == "points_cost":
        _value = {"type": ["integer", "null"], "minimum": 1}
    elif _key == "discount_amount":
        _value = {"type": ["integer", "null"], "minimum": 0}
    _REWARD11_FIELDS[_key] = _value
    if _key == "discount_amount":
        _REWARD11_FIELDS["per_point"] = {
            "anyOf": [
                {
                    "type": "object",
                    "properties": {
                        name: {"type": "integer", "minimum": 1}
                        for name in ("discount_per_point", "min_points", "max_points", "step")
                    },
                    "required": ["discount_per_point", "max_points", "min_points", "step"],
                    "additionalProperties": False,
                },
                {"type": "null"},
            ]
        }
_REWARD11 = {**_REWARD11, "properties": _REWARD11_FIELDS, "required": sorted(_REWARD11_FIELDS)}

# The objects of a v1.1 backend (API.md "Version 1.1"): v1's, with stores, per-point
# rewards, and the Return.
SCHEMAS_V11: dict[str, JSON] = {
    **SCHEMAS,
    "PointsTransaction": _v11_object("PointsTransaction", "redemption_id", _STORE),
    "Reward": _REWARD11,
    "Redemption": _v11_object("Redemption", "terminal_id", _STORE),
    "Return": _object(
        "return",
        {
            "id": {"type": "string", "pattern": "^ret_"},
            "customer_id": {"type": "string"},
            "order_id": {"type": "string"},
            "returned_amount": {"type": "integer", "minimum": 1},
            "points_reversed": {"type": "integer", "minimum": 0},
            "points_shortfall": {"type": "integer", "minimum": 0},
            "transaction_id": _NULLABLE_STRING,
            "balance_after": {"type": "integer", "minimum": 0},
            "store_id": _NULLABLE_STRING,
            "created_at": _TIMESTAMP,
        },
    ),
}
