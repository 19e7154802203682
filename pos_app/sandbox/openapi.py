"""The sandbox's /openapi.json, made to say what the sandbox answers (API.md).

FastAPI's generated document declares a 422 validation answer on every operation with an
input, while the contract (and the sandbox) answers 400; it leaves out the 401, 402, 404,
409 and 429 answers; and its 200 answers are "any object". Clients and test tools that
read the document (schemathesis in tests/integration/test_sandbox_openapi.py) would then call true
answers "undocumented" and find nothing wrong with a wrong one. This module rewrites the
generated document once: the answers each operation can give, with the contract's error
object and the objects' real shapes, and the bearer key.
The objects' own shapes are in wire_schema.py.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from .schemas import CODE_RE
from .wire_schema import SCHEMAS, SCHEMAS_V11, ref

__all__ = ["install_openapi"]

JSON = dict[str, Any]

# What each /v1 operation answers with 200.
_ANSWERS: dict[tuple[str, str], str] = {
    ("get", "/v1/customers/{customer_id}"): "Customer",
    ("get", "/v1/customers"): "CustomerList",
    ("post", "/v1/customers"): "Customer",
    ("post", "/v1/points/award"): "PointsTransaction",
    ("post", "/v1/points/redeem"): "Redemption",
    ("post", "/v1/points/adjust"): "PointsTransaction",
    ("get", "/v1/points"): "PointsTransactionList",
    ("get", "/v1/rewards"): "RewardList",
    ("get", "/v1/tiers"): "TierList",
    ("get", "/v1/redemptions/{id_or_code}"): "Redemption",
    ("get", "/v1/redemptions"): "RedemptionList",
    ("post", "/v1/redemptions/{id_or_code}/use"): "Redemption",
    ("post", "/v1/redemptions/{id_or_code}/void"): "Redemption",
}

# The refusals each operation can give besides those of every /v1 call (API.md's table).
_REFUSALS: dict[tuple[str, str], dict[str, str]] = {
    ("get", "/v1/customers/{customer_id}"): {"404": "customer_not_found"},
    ("post", "/v1/customers"): {"409": "customer_exists, or an Idempotency-Key conflict"},
    ("post", "/v1/points/award"): {
        "404": "customer_not_found",
        "409": "an Idempotency-Key conflict",
    },
    ("post", "/v1/points/redeem"): {
        "402": "insufficient_balance",
        "404": "customer_not_found or reward_not_found",
        "409": "code_taken, or an Idempotency-Key conflict",
        "422": "reward_unavailable (inactive, or tier too low)",
    },
    ("post", "/v1/points/adjust"): {
        "402": "insufficient_balance (the balance would go below zero)",
        "404": "customer_not_found",
        "409": "an Idempotency-Key conflict",
    },
    ("get", "/v1/points"): {"404": "customer_not_found"},
    ("get", "/v1/redemptions/{id_or_code}"): {"404": "redemption_not_found"},
    ("post", "/v1/redemptions/{id_or_code}/use"): {
        "404": "redemption_not_found",
        "409": "redemption_not_usable, or an Idempotency-Key conflict",
    },
    ("post", "/v1/redemptions/{id_or_code}/void"): {
        "404": "redemption_not_found",
        "409": "redemption_not_voidable, or an Idempotency-Key conflict",
    },
}

# What v1.1 adds (API.md "Version 1.1").
_ANSWERS_V11: dict[tuple[str, str], str] = {("post", "/v1/points/return"): "Return"}
_REFUSALS_V11: dict[tuple[str, str], dict[str, str]] = {
    ("post", "/v1/points/award"): {
        "404": "customer_not_found",
        "409": "order_already_awarded (with the first award's transaction_id), or an "
        "Idempotency-Key conflict",
    },
    ("post", "/v1/points/return"): {
        "404": "customer_not_found or order_not_found",
        "409": "an Idempotency-Key conflict",
        "422": "order_not_returnable (the award has no amount) or return_exceeds_sale",
    },
}

# Every /v1 call: the key is checked first, and the sandbox's fault switches can answer
# 429 or 503 (or drop the connection) on any of them.
_EVERY_CALL = {
    "401": "authentication_failed: a missing or wrong API key",
    "429": "rate_limited (with Retry-After seconds)",
    "500": "internal_error",
    "503": "unavailable",
}


# What the sandbox's validators check beyond what pydantic writes into the document, so
# that a request the document calls valid is accepted, and one it calls invalid refused.
_TIMESTAMP_IN: JSON = {
    "type": "string",
    "format": "date-time",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})$",
}
# Whitespace spelt out: `\s` means different things to Python (the sandbox's strip()),
# Rust (pydantic's patterns) and ECMA-262 (the document's readers).
_PY_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_RUST_SPACE = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Not blank: something besides what str.strip() removes.
_TEXT: JSON = {"type": "string", "minLength": 1, "maxLength": 500, "pattern": f"[^{_PY_SPACE}]"}
_EMAIL: JSON = {
    "type": "string",
    "maxLength": 254,
    "pattern": f"^[^@{_RUST_SPACE}]+@[^@{_RUST_SPACE}]+$",
}
_METADATA_IN: JSON = {
    "type": "object",
    "maxProperties": 50,
    "propertyNames": {"minLength": 1, "maxLength": 40},
    "additionalProperties": {
        "anyOf": [
            {"type": "string", "maxLength": 500},
            {"type": "boolean"},
            {"type": "integer", "minimum": -(2**53), "maximum": 2**53},
            {"type": "number", "not": {"type": "integer"}},
        ]
    },
}
# v1.1: an award's sale (API.md "Awards tied to a sale").
_AWARD_METADATA_IN: JSON = {
    **_METADATA_IN,
    "properties": {
        "order_id": {"type": "string", "pattern": r"^[\x20-\x7e]{1,64}$"},
        "amount": {"type": "integer", "minimum": 1, "maximum": 2**53},
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
    },
}
_IDEMPOTENCY_KEY: JSON = {
    "type": "string",
    # 1-255 printable ASCII; no space at either end (HTTP would strip it off).
    "pattern": r"^[\x21-\x7e]([\x20-\x7e]{0,253}[\x21-\x7e])?$",
}


def _nullable(schema: JSON) -> JSON:
    return {"anyOf": [schema, {"type": "null"}]}


_BODY_FIELDS: dict[str, dict[str, JSON]] = {
    "CustomerCreate": {
        "name": {**_TEXT, "maxLength": 200},
        "email": _nullable(_EMAIL),
        "metadata": _nullable(_METADATA_IN),
    },
    "AwardRequest": {
        "reason": _nullable(_TEXT),
        "metadata": _nullable(_METADATA_IN),
        "expires_at": _nullable(_TIMESTAMP_IN),
    },
    "RedeemRequest": {
        "code": _nullable({"type": "string", "pattern": CODE_RE.pattern}),
        "occurred_at": _nullable(_TIMESTAMP_IN),
        "metadata": _nullable(_METADATA_IN),
    },
    "AdjustRequest": {
        "reason": _TEXT,
        "metadata": _nullable(_METADATA_IN),
    },
    "VoidRequest": {"reason": _nullable(_TEXT)},
    "ReturnRequest": {
        "reason": _nullable(_TEXT),
        "metadata": _nullable(_METADATA_IN),
    },
}
_QUERY_TIMESTAMPS = {"updated_since", "created_from", "created_to"}


def _tighten_inputs(doc: JSON, v11: bool) -> None:
    schemas = doc.get("components", {}).get("schemas", {})
    body_fields = _BODY_FIELDS
    if v11:
        award = {**_BODY_FIELDS["AwardRequest"], "metadata": _nullable(_AWARD_METADATA_IN)}
        body_fields = {**_BODY_FIELDS, "AwardRequest": award}
    for model, fields in body_fields.items():
        properties = schemas.get(model, {}).get("properties", {})
        for name, schema in fields.items():
            if name in properties:
                properties[name] = {**schema, "title": properties[name].get("title", name)}
    adjust_points = schemas.get("AdjustRequest", {}).get("properties", {}).get("points")
    if adjust_points is not None:
        adjust_points["not"] = {"const": 0}  # signed, never 0 (API.md)
    for operations in doc.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "Idempotency-Key":
                    parameter["schema"] = _IDEMPOTENCY_KEY
                elif parameter["in"] == "query" and parameter["name"] in _QUERY_TIMESTAMPS:
                    parameter["schema"] = _TIMESTAMP_IN


def _error(description: str) -> JSON:
    return {
        "description": description,
        "content": {"application/json": {"schema": ref("Error")}},
    }


def _has_input(operation: JSON) -> bool:
    return bool(operation.get("parameters")) or "requestBody" in operation


def _document_operation(method: str, path: str, operation: JSON, v11: bool) -> None:
    responses: JSON = operation.setdefault("responses", {})
    # FastAPI's validation answer: the sandbox answers 400 invalid_request instead.
    responses.pop("422", None)
    answers = {**_ANSWERS, **_ANSWERS_V11} if v11 else _ANSWERS
    refusals = {**_REFUSALS, **_REFUSALS_V11} if v11 else _REFUSALS
    answer = answers.get((method, path))
    if answer is not None:
        responses["200"] = {
            "description": f"A {answer}",
            "content": {"application/json": {"schema": ref(answer)}},
        }
    if _has_input(operation):
        responses["400"] = _error("invalid_request: the request breaks the contract (param)")
    if path.startswith("/v1/"):
        for status, description in refusals.get((method, path), {}).items():
            responses[status] = _error(description)
        for status, description in _EVERY_CALL.items():
            responses[status] = _error(description)
        operation["security"] = [{"bearer": []}]
    elif path.startswith("/_sandbox"):
        responses["401"] = _error(_EVERY_CALL["401"])
        operation["security"] = [{"bearer": []}]
    else:
        operation["security"] = []


def document(app: FastAPI) -> JSON:
    """The OpenAPI document of `app`, with the answers the sandbox really gives."""
    doc = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version=app.openapi_version,
        description=app.description,
        routes=app.routes,
    )
    v11 = app.version == "1.1"
    for path, operations in doc.get("paths", {}).items():
        for method, operation in operations.items():
            _document_operation(method, path, operation, v11)
    _tighten_inputs(doc, v11)
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    schemas.update(SCHEMAS_V11 if v11 else SCHEMAS)
    components["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "description": "sk_test_... key"}
    }
    return doc


def install_openapi(app: FastAPI) -> None:
    """Serve `document(app)` at /openapi.json (built on first request, then kept)."""

    def openapi() -> JSON:
        if app.openapi_schema is None:
            app.openapi_schema = document(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
