"""Schemathesis against the sandbox's own /openapi.json (ISSUE8 #10 last bullet, Deliver 5).

Every operation of the document is called with generated requests, valid and invalid, on
a real sandbox on 127.0.0.1 with the right key; each answer must pass schemathesis's
checks: no 5xx, every status code documented, every body as its schema says, a 405 with
an `Allow` header. The document is fixed where it was wrong, never the checks.

The short form runs in the default suite; POS_APP_SOAK=1 runs the long form (many more
examples per operation). Each run prints how many cases it sent.
"""

from __future__ import annotations

import copy
import os
import time
from collections.abc import Iterator
from typing import Any, cast

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from pos_app.sandbox import SandboxServer
from pos_app.sandbox.app import create_app
from pos_app.sandbox.faults import FaultState
from pos_app.sandbox.ledger import Ledger

SOAK = os.environ.get("POS_APP_SOAK") == "1"
EXAMPLES = 2400 if SOAK else 25
# The sandbox's own switches change how every later call behaves (outage, faults, clock):
# they are for tests and demos, not part of the LoyalPro contract under test here.
CONTROL_PATHS = "^/_sandbox/"

CASES: dict[str, int] = {}


def _served_document() -> dict[str, Any]:
    """The document /openapi.json serves, built from the app itself (no ledger is touched
    to build it). Loaded at import: schemathesis's fixture-based loader does not work
    with this pytest; `test_the_served_document_is_the_one_tested` checks they agree."""
    app = create_app(cast(Ledger, None), FaultState())
    doc = app.openapi()
    return copy.deepcopy(doc)


DOCUMENT = _served_document()
schema = schemathesis.openapi.from_dict(DOCUMENT).exclude(path_regex=CONTROL_PATHS)


@pytest.fixture
def auth(sandbox: SandboxServer) -> dict[str, str]:
    return {"Authorization": f"Bearer {sandbox.api_key}"}


@pytest.mark.timeout(1800 if SOAK else 120)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # fixed seed: the same cases every run
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_is_documented_and_well_formed(
    case: Any, sandbox: SandboxServer, auth: dict[str, str]
) -> None:
    label = case.operation.label
    CASES[label] = CASES.get(label, 0) + 1
    # Where no JSON Schema can say what the contract says, a schema-valid request may be
    # rightly refused with a documented 400; only then is "valid data is accepted" skipped.
    excluded = [positive_data_acceptance] if _beyond_json_schema(case) else []
    # Like any HTTP server (and the client's own proxies), the sandbox ignores headers and
    # query parameters it does not know, and takes the last of a repeated one; schemathesis
    # calls accepting those "schema-violating data accepted". The invalid requests are
    # still sent, and their answers must pass every other check (no 5xx, documented
    # status, documented body).
    excluded.append(negative_data_rejection)
    case.call_and_validate(base_url=sandbox.url, headers=auth, excluded_checks=excluded)


def _beyond_json_schema(case: Any) -> bool:
    query = case.query if isinstance(case.query, dict) else {}
    body = case.body if isinstance(case.body, dict) else {}
    return (
        # A cursor is opaque: only one the server issued is a cursor.
        "cursor" in query
        # An award whose expiry is already past is a 400 (API.md): "past" is not a schema.
        or body.get("expires_at") is not None
        # JSON Schema calls 7.0 an integer; the contract's integers are written without a
        # fraction, and pydantic's strict integers refuse 7.0.
        or any(isinstance(body.get(name), float) for name in ("points", "returned_amount"))
        or (
            isinstance(body.get("metadata"), dict)
            and isinstance(body["metadata"].get("amount"), float)
        )
    )


@pytest.fixture(scope="module", autouse=True)
def _report_cases(request: pytest.FixtureRequest) -> Iterator[None]:
    """Say how many cases ran (shown even when pytest captures output): the README's
    figures come from the long form's line."""
    started = time.monotonic()
    yield
    if CASES:
        total = sum(CASES.values())
        form = "long" if SOAK else "short"
        line = (
            f"schemathesis ({form} form): {total} cases over {len(CASES)} operations "
            f"in {time.monotonic() - started:.0f} s, {EXAMPLES} examples each"
        )
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        if capture is None:
            print(line)
            return
        with capture.global_and_fixture_disabled():
            print(f"\n{line}")


# The document itself: what schemathesis reads must be what the contract says.


@pytest.fixture
def openapi(sandbox: SandboxServer) -> dict[str, Any]:
    doc = httpx.get(f"{sandbox.url}/openapi.json", timeout=10).json()
    assert isinstance(doc, dict)
    return doc


def test_the_served_document_is_the_one_tested(openapi: dict[str, Any]) -> None:
    assert openapi == DOCUMENT


def test_no_operation_declares_fastapis_422_for_validation(openapi: dict[str, Any]) -> None:
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if (method, path) in (("post", "/v1/points/redeem"), ("post", "/v1/points/return")):
                # reward_unavailable, order_not_returnable and return_exceeds_sale are real
                # 422s (API.md), with the contract's error object.
                assert responses["422"]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"
                }
                continue
            assert "422" not in responses, f"{method.upper()} {path}"
    assert "HTTPValidationError" not in openapi["components"]["schemas"]


@pytest.mark.parametrize(
    ("method", "path", "statuses"),
    [
        ("post", "/v1/points/redeem", {"200", "400", "401", "402", "404", "409", "422", "429"}),
        ("post", "/v1/points/adjust", {"200", "400", "401", "402", "404", "409", "429"}),
        ("post", "/v1/points/award", {"200", "400", "401", "404", "409", "429"}),
        ("post", "/v1/points/return", {"200", "400", "401", "404", "409", "422", "429"}),
        ("get", "/v1/customers/{customer_id}", {"200", "401", "404", "429"}),
        ("get", "/v1/redemptions/{id_or_code}", {"200", "401", "404", "429"}),
        ("post", "/v1/redemptions/{id_or_code}/use", {"200", "400", "401", "404", "409"}),
        ("post", "/v1/redemptions/{id_or_code}/void", {"200", "400", "401", "404", "409"}),
        ("post", "/v1/customers", {"200", "400", "401", "409", "429"}),
        ("get", "/v1/tiers", {"200", "401", "429", "503"}),
    ],
)
def test_contract_answers_are_declared(
    openapi: dict[str, Any], method: str, path: str, statuses: set[str]
) -> None:
    declared = set(openapi["paths"][path][method]["responses"])
    assert statuses <= declared, f"{method.upper()} {path} leaves out {statuses - declared}"


def test_a_405_says_which_methods_are_allowed(sandbox: SandboxServer) -> None:
    answer = httpx.delete(
        f"{sandbox.url}/v1/points/redeem",
        headers={"Authorization": f"Bearer {sandbox.api_key}"},
        timeout=10,
    )
    assert answer.status_code == 405
    assert answer.headers.get("Allow") == "POST"
    assert answer.json()["error"]["code"] == "invalid_request"
