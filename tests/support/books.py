"""A sandbox's books driven over HTTP for the analytics tests: customers, awards and
redemptions made at the moments the test sets (the sandbox's clock frozen there)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx

from pos_app.sandbox import SandboxServer


class Books:
    """An empty sandbox driven over HTTP, with its clock frozen where the test says."""

    def __init__(self, server: SandboxServer) -> None:
        self.server = server
        self.http = httpx.Client(
            base_url=server.url,
            headers={"Authorization": f"Bearer {server.api_key}"},
            timeout=10,
        )

    def at(self, when: datetime) -> Books:
        with self.server.ledger.lock:
            self.server.ledger.clock.freeze(when)
        return self

    def reward(self, reward_id: str, cost: int = 100, discount: int = 500) -> str:
        ledger = self.server.ledger
        with ledger.transaction():
            ledger.rewards.add(reward_id, f"Reward {reward_id}", cost, discount)
        return reward_id

    def customer(self, name: str = "Ada") -> str:
        answer = self.post("/v1/customers", name=name)
        return str(answer["id"])

    def post(self, path: str, **body: Any) -> dict[str, Any]:
        answer = self.http.post(path, json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
        assert answer.status_code == 200, answer.text
        data: dict[str, Any] = answer.json()
        return data

    def award(self, customer: str, points: int, **extra: Any) -> dict[str, Any]:
        return self.post("/v1/points/award", customer_id=customer, points=points, **extra)

    def redeem(self, customer: str, reward: str, points: int = 100, **extra: Any) -> dict[str, Any]:
        return self.post(
            "/v1/points/redeem", customer_id=customer, reward_id=reward, points=points, **extra
        )

    def get(self, **params: str) -> httpx.Response:
        return self.http.get("/v1/analytics/points", params=params)

    def report(self, **params: str) -> dict[str, Any]:
        answer = self.get(**params)
        assert answer.status_code == 200, answer.text
        data: dict[str, Any] = answer.json()
        return data
