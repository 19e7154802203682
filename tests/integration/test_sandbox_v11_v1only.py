"""The v1-only switch: a sandbox started with api_version "1" (create_app, SandboxServer,
`pos-app sandbox serve --api-version 1`, `pos-app --sandbox --api-version 1`) answers as a
backend without any v1.1 addition (docs/API.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support.sandbox_process import serve
from support.sandbox_v11 import enrol, error, history, http, post, sale

from pos_app import bootstrap
from pos_app.sandbox import SandboxServer


@pytest.fixture
def v1(tmp_path: Path, seeded_template: Path) -> Iterator[SandboxServer]:
    db = tmp_path / "v1.db"
    shutil.copy(seeded_template, db)
    with SandboxServer(db, api_version="1") as server:
        yield server


@pytest.fixture
def c(v1: SandboxServer) -> Iterator[httpx.Client]:
    with http(v1) as client:
        yield client


def test_the_v11_paths_are_unknown_paths(c: httpx.Client) -> None:
    unknown = c.post("/v1/nothing-here", json={})
    for path in ("/v1/points/return", "/v1/analytics/points"):
        answer = c.post(
            path, json={"customer_id": "cus_abc123", "order_id": "o", "returned_amount": 1}
        )
        assert answer.status_code == 404 == unknown.status_code
        assert error(answer)["code"] == error(unknown)["code"] == "not_found"
    assert c.get("/v1/analytics/points").status_code == 404


def test_no_store_id_and_no_order_rule(c: httpx.Client) -> None:
    cid = enrol(c)
    refused = post(c, "/v1/points/award", {"customer_id": cid, "points": 5, "store_id": "s1"})
    assert (refused.status_code, error(refused)["param"]) == (400, "store_id")
    first, second = (
        sale(c, cid, "order_v1_twice", 100, 1000),
        sale(c, cid, "order_v1_twice", 100, 1000),
    )
    assert first.status_code == second.status_code == 200
    assert "store_id" not in first.json()
    assert c.get(f"/v1/customers/{cid}").json()["points_balance"] == 200
    # v1 sends no sale checks either: any metadata value the v1 rules allow.
    odd = post(c, "/v1/points/award", {"customer_id": cid, "points": 1, "metadata": {"amount": -3}})
    assert odd.status_code == 200
    assert all("store_id" not in t for t in history(c, cid))
    red = post(
        c, "/v1/points/redeem", {"customer_id": cid, "reward_id": "rwd_xyz789", "points": 200}
    )
    assert red.status_code == 200 and "store_id" not in red.json()
    assert c.get("/v1/redemptions", params={"store_id": "s1"}).json()["data"]  # ignored, as v1


def test_rewards_have_no_kind_and_no_pay_with_points(c: httpx.Client) -> None:
    rewards = c.get("/v1/rewards").json()["data"]
    assert rewards and "rwd_points" not in {r["id"] for r in rewards}
    assert all("kind" not in r and "per_point" not in r for r in rewards)
    cid = enrol(c)
    post(c, "/v1/points/award", {"customer_id": cid, "points": 1000})
    answer = post(
        c, "/v1/points/redeem", {"customer_id": cid, "reward_id": "rwd_points", "points": 100}
    )
    assert (answer.status_code, error(answer)["code"]) == (404, "reward_not_found")


def test_a_fixed_rewards_cost_is_checked_as_in_v1(c: httpx.Client) -> None:
    body = {"customer_id": "cus_nobody", "reward_id": "rwd_xyz789", "points": 150}
    answer = post(c, "/v1/points/redeem", body)  # existence first, as v1 did
    assert (answer.status_code, error(answer)["code"]) == (404, "customer_not_found")


def test_the_document_is_v1(c: httpx.Client) -> None:
    doc = c.get("/openapi.json").json()
    assert doc["info"]["version"] == "1"
    assert "/v1/points/return" not in doc["paths"]
    assert "Return" not in doc["components"]["schemas"]


def test_create_app_refuses_an_unknown_version(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="api_version"):
        SandboxServer(tmp_path / "x.db", demo_data=False, api_version="2").close()


def test_bootstrap_sandbox_serves_v1_when_asked(tmp_path: Path) -> None:
    with bootstrap.sandbox(data_dir=tmp_path / "terminal", api_version="1") as start:
        assert start.server is not None and start.server.api_version == "1"
        with http(start.server) as client:
            assert client.post("/v1/points/return", json={}).status_code == 404
    with bootstrap.sandbox(data_dir=tmp_path / "terminal2") as start:
        assert start.server is not None
        with http(start.server) as client:
            assert client.post("/v1/points/return", json={}).status_code == 400


def test_serve_api_version_1(tmp_path: Path) -> None:
    with serve(tmp_path / "sb.db", "--api-version", "1") as served:
        headers = {"Authorization": "Bearer sk_test_sandbox"}
        answer = httpx.post(f"{served.url}/v1/points/return", json={}, headers=headers)
        assert answer.status_code == 404
        rewards = httpx.get(f"{served.url}/v1/rewards", headers=headers).json()["data"]
        assert "rwd_points" not in {r["id"] for r in rewards}
    assert served.process.returncode == 0


def test_an_unknown_api_version_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pos_app",
            "sandbox",
            "serve",
            "--db",
            str(tmp_path / "x.db"),
            "--api-version",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--api-version" in done.stderr


def test_the_command_line_on_a_v1_sandbox(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pos_app",
            "--sandbox",
            "--api-version",
            "1",
            "--data-dir",
            str(tmp_path / "t"),
            "customer",
            "show",
            "cus_abc123",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "serving API v1 only" in done.stderr
    assert "Ada Obi" in done.stdout


def test_the_v1_document_is_the_v11_document_without_the_additions(c: httpx.Client) -> None:
    from pos_app.sandbox.app import create_app
    from pos_app.sandbox.faults import FaultState

    v11 = create_app(None, FaultState()).openapi()  # type: ignore[arg-type]
    v1 = c.get("/openapi.json").json()
    assert set(v11["paths"]) - set(v1["paths"]) == {"/v1/points/return", "/v1/analytics/points"}
    assert v11["paths"]["/v1/customers"] == v1["paths"]["/v1/customers"]
    assert "store_id" in v11["components"]["schemas"]["PointsTransaction"]["properties"]
    assert "store_id" not in v1["components"]["schemas"]["PointsTransaction"]["properties"]


def test_the_v1_document_is_unchanged(c: httpx.Client) -> None:
    """The document a v1-only sandbox serves is the one the sandbox served before v1.1,
    kept in tests/support/openapi_v1.json."""
    kept = json.loads((Path(__file__).parents[1] / "support" / "openapi_v1.json").read_text())
    assert c.get("/openapi.json").json() == kept
