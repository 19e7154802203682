"""Helpers of the sandbox's v1.1 tests: a raw HTTP client on a sandbox, fresh customers,
awards of a sale and returns."""

from __future__ import annotations

import itertools
from typing import Any

import httpx

from pos_app.sandbox import SandboxServer

_keys = itertools.count(1)


def new_key() -> str:
    return f"v11-key-{next(_keys)}"


def http(server: SandboxServer) -> httpx.Client:
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {server.api_key}"}, timeout=30
    )


def post(
    c: httpx.Client, path: str, body: dict[str, Any], key: str | None = None
) -> httpx.Response:
    return c.post(path, json=body, headers={"Idempotency-Key": key or new_key()})


def enrol(c: httpx.Client, name: str = "Test Customer") -> str:
    answer = post(c, "/v1/customers", {"name": name})
    assert answer.status_code == 200, answer.text
    customer_id: str = answer.json()["id"]
    return customer_id


def sale(
    c: httpx.Client,
    customer_id: str,
    order_id: str,
    points: int,
    amount: int | None,
    **extra: Any,
) -> httpx.Response:
    metadata: dict[str, Any] = {"order_id": order_id}
    if amount is not None:
        metadata["amount"] = amount
    body = {"customer_id": customer_id, "points": points, "metadata": metadata, **extra}
    return post(c, "/v1/points/award", body)


def give_back(
    c: httpx.Client, customer_id: str, order_id: str, amount: int, **extra: Any
) -> httpx.Response:
    body = {"customer_id": customer_id, "order_id": order_id, "returned_amount": amount, **extra}
    return post(c, "/v1/points/return", body)


def balance(c: httpx.Client, customer_id: str) -> dict[str, Any]:
    customer: dict[str, Any] = c.get(f"/v1/customers/{customer_id}").json()
    return customer


def history(c: httpx.Client, customer_id: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = c.get(
        "/v1/points", params={"customer_id": customer_id, "order": "asc", "limit": 100}
    ).json()["data"]
    return data


def error(answer: httpx.Response) -> dict[str, Any]:
    err: dict[str, Any] = answer.json()["error"]
    return err
