"""Hypothesis throws arbitrary JSON at the sandbox's POST endpoints: every answer is a
contract answer (never a 5xx or a traceback), and a refused request changes nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.sandbox import SandboxServer

ADA = "cus_abc123"

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)

FIELDS = {
    "/v1/points/award": ["customer_id", "points", "reason", "type", "metadata", "expires_at"],
    "/v1/points/redeem": [
        "customer_id",
        "reward_id",
        "points",
        "code",
        "occurred_at",
        "terminal_id",
        "metadata",
    ],
    "/v1/points/adjust": ["customer_id", "points", "reason", "metadata"],
    "/v1/customers": ["name", "email", "phone", "card_number", "metadata"],
}


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    path = draw(st.sampled_from(sorted(FIELDS)))
    plausible = {
        "customer_id": st.just(ADA) | st.text(max_size=10),
        "reward_id": st.just("rwd_xyz789") | st.text(max_size=10),
        "points": st.integers(-(10**12), 10**12) | json_values,
    }
    body = {}
    for field in draw(st.lists(st.sampled_from(FIELDS[path]), unique=True)):
        body[field] = draw(plausible.get(field, json_values))
    if draw(st.booleans()):
        body[draw(st.text(min_size=1, max_size=6))] = draw(json_values)
    return path, body


@pytest.fixture(scope="module")
def shared_sandbox(tmp_path_factory: pytest.TempPathFactory, seeded_template: Any) -> SandboxServer:
    import shutil

    db = tmp_path_factory.mktemp("fuzz") / "sandbox.db"
    shutil.copy(seeded_template, db)
    server = SandboxServer(db).start()
    yield server
    server.close()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(request=requests())
def test_any_json_body_gets_a_contract_answer(
    shared_sandbox: SandboxServer, request: tuple[str, dict[str, Any]]
) -> None:
    path, body = request
    with httpx.Client(
        base_url=shared_sandbox.url, headers={"Authorization": f"Bearer {shared_sandbox.api_key}"}
    ) as c:
        before = c.get(f"/v1/customers/{ADA}").json()["points_balance"]
        answer = c.post(path, json=body)
        assert answer.status_code in (200, 400, 402, 404, 409, 422), answer.text
        payload = answer.json()
        if answer.status_code != 200:
            error = payload["error"]
            assert error["code"] and error["message"]
            after = c.get(f"/v1/customers/{ADA}").json()["points_balance"]
            assert after == before


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity", b"1e999"])
def test_non_finite_numbers_are_refused(shared_sandbox: SandboxServer, literal: bytes) -> None:
    body = b'{"customer_id": "cus_abc123", "points": 5, "metadata": {"x": ' + literal + b"}}"
    with httpx.Client(
        base_url=shared_sandbox.url,
        headers={
            "Authorization": f"Bearer {shared_sandbox.api_key}",
            "Content-Type": "application/json",
        },
    ) as c:
        answer = c.post("/v1/points/award", content=body)
        assert answer.status_code == 400
        assert answer.json()["error"]["param"] == "metadata"
