"""The whole of API.md, through the typed client, against the real sandbox on loopback."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from pos_app.api import (
    AwardType,
    CodeTaken,
    CustomerExists,
    IdempotencyInProgress,
    InsufficientBalance,
    InvalidRequest,
    LoyaltyClient,
    NetworkError,
    NotFound,
    RateLimited,
    RedemptionNotUsable,
    RedemptionNotVoidable,
    RedemptionStatus,
    RewardUnavailable,
    ServerError,
    TransactionType,
    Unauthorized,
)
from pos_app.sandbox import SandboxServer

ADA = "cus_abc123"
REWARD = "rwd_xyz789"


def key() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def client(sandbox: SandboxServer) -> LoyaltyClient:
    with LoyaltyClient(sandbox.url, sandbox.api_key) as c:
        yield c


def raw(sandbox: SandboxServer) -> httpx.Client:
    return httpx.Client(
        base_url=sandbox.url, headers={"Authorization": f"Bearer {sandbox.api_key}"}
    )


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    done = threading.Event()
    deadline = datetime.now(UTC) + timedelta(seconds=timeout)
    while not condition():
        if datetime.now(UTC) > deadline:
            raise AssertionError("condition not met in time")
        done.wait(0.005)


def server_now(client_raw: httpx.Client) -> datetime:
    return datetime.fromisoformat(client_raw.get("/_sandbox/clock").json()["now"])


def advance_clock(sandbox: SandboxServer, seconds: int) -> None:
    with raw(sandbox) as c:
        assert c.put("/_sandbox/clock", json={"advance_seconds": seconds}).status_code == 200


def history(client: LoyaltyClient, customer_id: str) -> list[Any]:
    return list(
        client.iter_all(client.list_points, customer_id=customer_id, order="asc", limit=100)
    )


# ---------------------------------------------------------------- the seed, verbatim
def test_seed_examples_work_verbatim(client: LoyaltyClient) -> None:
    customer = client.get_customer(ADA)
    assert customer.points_balance == 500
    assert customer.name == "Ada Obi"
    assert customer.tier is not None and customer.tier.name == "Silver"
    assert [lot.points for lot in customer.points_expiring] == [200]
    weeks = (customer.points_expiring[0].expires_at - datetime.now(UTC)).days / 7
    assert 3 <= weeks <= 8

    txn = client.award_points(
        customer_id=ADA,
        points=100,
        reason="Purchase",
        metadata={"order_id": "order_12345", "amount": 10000},
        idempotency_key=key(),
    )
    assert (txn.type, txn.points, txn.balance_after) == (TransactionType.EARNED, 100, 600)
    assert dict(txn.metadata) == {"order_id": "order_12345", "amount": 10000}

    bonus = client.award_points(
        customer_id=ADA,
        points=50,
        reason="Birthday Bonus",
        type=AwardType.BONUS,
        idempotency_key=key(),
    )
    assert bonus.type == TransactionType.EARNED and bonus.metadata["kind"] == "bonus"

    expiry = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    promo = client.award_points(
        customer_id=ADA,
        points=200,
        reason="Promotional Campaign",
        expires_at=expiry,
        idempotency_key=key(),
    )
    assert promo.expires_at == expiry

    redemption = client.redeem_points(
        customer_id=ADA, reward_id=REWARD, points=200, idempotency_key=key()
    )
    assert redemption.code.startswith("REDEEM-")
    assert (redemption.discount_amount, redemption.currency) == (1000, "NGN")
    assert redemption.balance_after == 650
    assert redemption.status == RedemptionStatus.ISSUED

    page = client.list_points(customer_id=ADA, limit=20, order="desc")
    assert [t.type for t in page.data[:4]] == [
        TransactionType.REDEEMED,
        TransactionType.EARNED,
        TransactionType.EARNED,
        TransactionType.EARNED,
    ]
    assert page.data[0].redemption_id == redemption.id


def test_demo_data_has_tiers_rewards_and_histories(client: LoyaltyClient) -> None:
    customers = list(client.iter_all(client.list_customers, limit=100))
    assert len(customers) >= 300
    tiers = {c.tier.name for c in customers if c.tier}
    assert tiers == {"Bronze", "Silver", "Gold"}
    assert all(c.phone and c.email and c.card_number for c in customers)
    soon = datetime.now(UTC) + timedelta(days=30)
    assert sum(1 for c in customers for lot in c.points_expiring if lot.expires_at < soon) >= 3
    rewards = client.list_rewards(active=True).data
    assert len(rewards) >= 8
    assert any(r.tier_required for r in rewards)
    assert [t.name for t in client.list_tiers().data] == ["Bronze", "Silver", "Gold"]
    some = customers[42]
    lines = history(client, some.id)
    assert lines and lines[-1].balance_after == some.points_balance
    assert sum(t.points for t in lines) == some.points_balance
    assert sum(t.points for t in lines if t.type == TransactionType.EARNED) == some.lifetime_points


def test_demo_data_is_deterministic(tmp_path) -> None:
    from pos_app.sandbox import open_ledger

    snapshots = []
    for name in ("a.db", "b.db"):
        ledger = open_ledger(tmp_path / name)
        with ledger.transaction():
            snapshots.append(
                ledger.db.execute(
                    "SELECT id, name, phone, points_balance, lifetime_points FROM customers "
                    "ORDER BY seq"
                ).fetchall()
            )
        ledger.close()
    assert [tuple(r) for r in snapshots[0]] == [tuple(r) for r in snapshots[1]]


# ---------------------------------------------------------------- balances and lots
def test_history_chains_balance_after(client: LoyaltyClient) -> None:
    for points in (10, 20, 30):
        client.award_points(customer_id=ADA, points=points, idempotency_key=key())
    client.adjust_points(customer_id=ADA, points=-15, reason="Till error", idempotency_key=key())
    lines = history(client, ADA)
    balance = 0
    for line in lines:
        balance += line.points
        assert line.balance_after == balance
    assert balance == client.get_customer(ADA).points_balance == 545


def test_lots_expiring_soonest_are_spent_first_and_expiry_writes_transactions(
    sandbox: SandboxServer, client: LoyaltyClient
) -> None:
    customer = client.create_customer(name="Lot Tester", idempotency_key=key())
    now = datetime.now(UTC).replace(microsecond=0)
    client.award_points(customer_id=customer.id, points=300, idempotency_key=key())  # no expiry
    client.award_points(
        customer_id=customer.id,
        points=100,
        expires_at=now + timedelta(days=10),
        idempotency_key=key(),
    )
    client.award_points(
        customer_id=customer.id,
        points=100,
        expires_at=now + timedelta(days=5),
        idempotency_key=key(),
    )
    fetched = client.get_customer(customer.id)
    assert [lot.points for lot in fetched.points_expiring] == [100, 100]
    assert fetched.points_expiring[0].expires_at < fetched.points_expiring[1].expires_at

    client.redeem_points(
        customer_id=customer.id, reward_id="rwd_drink150", points=150, idempotency_key=key()
    )
    fetched = client.get_customer(customer.id)
    # 100 from the 5-day lot, 50 from the 10-day lot; the undated lot is untouched.
    assert [(lot.points, (lot.expires_at - now).days) for lot in fetched.points_expiring] == [
        (50, 10)
    ]
    assert fetched.points_balance == 350

    advance_clock(sandbox, 11 * 86400)
    fetched = client.get_customer(customer.id)
    assert fetched.points_balance == 300
    assert fetched.points_expiring == ()
    last = client.list_points(customer_id=customer.id, limit=1).data[0]
    assert (last.type, last.points, last.balance_after) == (TransactionType.EXPIRED, -50, 300)


def test_tier_follows_lifetime_points(client: LoyaltyClient) -> None:
    customer = client.create_customer(name="Climber", idempotency_key=key())
    assert customer.tier is not None and customer.tier.name == "Bronze"
    with pytest.raises(RewardUnavailable):
        client.award_points(customer_id=customer.id, points=3000, idempotency_key=key())
        client.redeem_points(
            customer_id=customer.id, reward_id="rwd_gold3000", points=3000, idempotency_key=key()
        )
    assert client.get_customer(customer.id).tier.name == "Silver"  # type: ignore[union-attr]
    client.award_points(customer_id=customer.id, points=2000, idempotency_key=key())
    assert client.get_customer(customer.id).tier.name == "Gold"  # type: ignore[union-attr]
    red = client.redeem_points(
        customer_id=customer.id, reward_id="rwd_gold3000", points=3000, idempotency_key=key()
    )
    assert red.balance_after == 2000
    # Spending does not lower the tier: it follows points earned, not the balance.
    assert client.get_customer(customer.id).tier.name == "Gold"  # type: ignore[union-attr]


# ---------------------------------------------------------------- concurrency
def test_parallel_redemptions_never_overdraw(client: LoyaltyClient, sandbox: SandboxServer) -> None:
    customer = client.create_customer(name="Parallel", idempotency_key=key())
    client.award_points(customer_id=customer.id, points=5 * 200, idempotency_key=key())

    def attempt(_: int) -> str:
        with LoyaltyClient(sandbox.url, sandbox.api_key) as own:
            try:
                own.redeem_points(
                    customer_id=customer.id, reward_id=REWARD, points=200, idempotency_key=key()
                )
            except InsufficientBalance:
                return "insufficient_balance"
            return "ok"

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(attempt, range(20)))
    assert outcomes.count("ok") == 5
    assert outcomes.count("insufficient_balance") == 15
    assert client.get_customer(customer.id).points_balance == 0
    lines = history(client, customer.id)
    assert [line.balance_after for line in lines] == [1000, 800, 600, 400, 200, 0]


def test_parallel_requests_with_one_key_apply_once(
    client: LoyaltyClient, sandbox: SandboxServer
) -> None:
    customer = client.create_customer(name="Same Key", idempotency_key=key())
    client.award_points(customer_id=customer.id, points=1000, idempotency_key=key())
    shared = key()
    barrier = threading.Barrier(8)

    def attempt(_: int) -> str:
        with LoyaltyClient(sandbox.url, sandbox.api_key) as own:
            barrier.wait()
            try:
                return own.redeem_points(
                    customer_id=customer.id, reward_id=REWARD, points=200, idempotency_key=shared
                ).code
            except IdempotencyInProgress:
                return "in_progress"

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(attempt, range(8)))
    codes = {o for o in outcomes if o != "in_progress"}
    assert len(codes) == 1  # every answer that came back is the same redemption
    assert client.get_customer(customer.id).points_balance == 800
    assert len(client.list_redemptions(limit=100).data) >= 1
    assert sum(1 for t in history(client, customer.id) if t.type == TransactionType.REDEEMED) == 1


def test_key_in_flight_is_refused_as_retryable_then_replayed(
    client: LoyaltyClient, sandbox: SandboxServer
) -> None:
    sandbox.faults.update(latency_ms=400)
    shared = key()
    results: list[Any] = []

    def first() -> None:
        with LoyaltyClient(sandbox.url, sandbox.api_key) as own:
            results.append(own.award_points(customer_id=ADA, points=7, idempotency_key=shared))

    thread = threading.Thread(target=first)
    thread.start()
    wait_until(lambda: sandbox.api.state.idempotency.is_running(shared))
    with pytest.raises(IdempotencyInProgress) as refused:
        client.award_points(customer_id=ADA, points=7, idempotency_key=shared)
    assert refused.value.retryable
    thread.join()
    sandbox.faults.update(latency_ms=0)
    again = client.award_points(customer_id=ADA, points=7, idempotency_key=shared)
    assert again == results[0]
    assert client.get_customer(ADA).points_balance == 507


# ---------------------------------------------------------------- idempotency
def test_replay_returns_original_answer_and_header(sandbox: SandboxServer) -> None:
    body = {"customer_id": ADA, "reward_id": REWARD, "points": 200}
    headers = {"Idempotency-Key": "redeem-1"}
    with raw(sandbox) as c:
        first = c.post("/v1/points/redeem", json=body, headers=headers)
        second = c.post("/v1/points/redeem", json=body, headers=headers)
        assert first.status_code == second.status_code == 200
        assert first.json() == second.json()
        assert second.headers["Idempotent-Replayed"] == "true"
        assert "Idempotent-Replayed" not in first.headers
        # Another valid body (v1.1: points that do not match the reward's cost are a 400,
        # answered before the key is looked at).
        other = {**body, "terminal_id": "term_other"}
        reused = c.post("/v1/points/redeem", json=other, headers=headers)
        assert reused.status_code == 409
        assert reused.json()["error"]["code"] == "idempotency_key_reused"
        assert c.get(f"/v1/customers/{ADA}").json()["points_balance"] == 300


def test_refusals_after_validation_are_replayed_but_400s_are_not(sandbox: SandboxServer) -> None:
    with raw(sandbox) as c:
        poor = c.post("/v1/customers", json={"name": "Poor"}, headers={"Idempotency-Key": "p"})
        poor_id = poor.json()["id"]
        body = {"customer_id": poor_id, "reward_id": REWARD, "points": 200}
        refused = c.post("/v1/points/redeem", json=body, headers={"Idempotency-Key": "k"})
        assert refused.status_code == 402
        c.post("/v1/points/award", json={"customer_id": poor_id, "points": 500})
        replay = c.post("/v1/points/redeem", json=body, headers={"Idempotency-Key": "k"})
        assert replay.status_code == 402 and replay.headers["Idempotent-Replayed"] == "true"

        bad = {"customer_id": poor_id, "reward_id": REWARD, "points": "lots"}
        assert (
            c.post("/v1/points/redeem", json=bad, headers={"Idempotency-Key": "v"}).status_code
            == 400
        )
        fixed = c.post("/v1/points/redeem", json=body, headers={"Idempotency-Key": "v"})
        assert fixed.status_code == 200  # the 400 was not stored: the key is free


def test_idempotency_keys_expire_after_24_hours(
    client: LoyaltyClient, sandbox: SandboxServer
) -> None:
    shared = key()
    client.award_points(customer_id=ADA, points=5, idempotency_key=shared)
    client.award_points(customer_id=ADA, points=5, idempotency_key=shared)
    assert client.get_customer(ADA).points_balance == 505
    advance_clock(sandbox, 24 * 3600 + 60)
    client.award_points(customer_id=ADA, points=5, idempotency_key=shared)
    assert client.get_customer(ADA).points_balance == 510


# ---------------------------------------------------------------- codes, use and void
def test_client_issued_code_is_kept_and_unique(client: LoyaltyClient) -> None:
    red = client.redeem_points(
        customer_id=ADA,
        reward_id=REWARD,
        points=200,
        code="REDEEM-7K2M9QXT",
        occurred_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        terminal_id="term_1",
        idempotency_key=key(),
    )
    assert red.code == "REDEEM-7K2M9QXT"
    assert red.occurred_at == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    assert client.get_redemption("REDEEM-7K2M9QXT").id == red.id
    assert client.get_redemption("redeem-7k2m9qxt").id == red.id  # typed by hand
    with pytest.raises(CodeTaken):
        client.redeem_points(
            customer_id=ADA,
            reward_id=REWARD,
            points=200,
            code="REDEEM-7K2M9QXT",
            idempotency_key=key(),
        )
    assert client.get_customer(ADA).points_balance == 300


def test_use_is_one_time_and_void_gives_points_back(client: LoyaltyClient) -> None:
    first = client.redeem_points(
        customer_id=ADA, reward_id=REWARD, points=200, idempotency_key=key()
    )
    used = client.use_redemption(first.code, idempotency_key=key())
    assert used.status == RedemptionStatus.USED and used.used_at is not None
    with pytest.raises(RedemptionNotUsable):
        client.use_redemption(first.code, idempotency_key=key())
    with pytest.raises(RedemptionNotVoidable):
        client.void_redemption(first.id, reason="too late", idempotency_key=key())

    second = client.redeem_points(
        customer_id=ADA, reward_id=REWARD, points=200, idempotency_key=key()
    )
    assert second.balance_after == 100
    voided = client.void_redemption(
        second.id, reason="Customer changed mind", idempotency_key=key()
    )
    assert voided.status == RedemptionStatus.VOID and voided.voided_at is not None
    with pytest.raises(RedemptionNotUsable):
        client.use_redemption(second.code, idempotency_key=key())
    customer = client.get_customer(ADA)
    assert customer.points_balance == 300
    back = client.list_points(customer_id=ADA, limit=1).data[0]
    assert (back.type, back.points, back.redemption_id) == (
        TransactionType.ADJUSTED,
        200,
        second.id,
    )
    # The first redemption spent the expiring lot; voided points come back undated.
    assert customer.points_expiring == ()


# ---------------------------------------------------------------- lists and filters
def test_cursor_pagination_walks_everything_once(client: LoyaltyClient) -> None:
    ids: list[str] = []
    cursor = None
    while True:
        page = client.list_points(customer_id=ADA, limit=2, cursor=cursor)
        ids += [t.id for t in page.data]
        if not page.has_more:
            assert page.next_cursor is None
            break
        cursor = page.next_cursor
    assert len(ids) == len(set(ids)) == len(history(client, ADA))


@pytest.mark.parametrize("limit", [0, 101, -1])
def test_limit_out_of_range_is_refused_not_clamped(client: LoyaltyClient, limit: int) -> None:
    with pytest.raises(InvalidRequest) as refused:
        client.list_points(customer_id=ADA, limit=limit)
    assert refused.value.param == "limit"


def test_foreign_cursor_is_refused(client: LoyaltyClient) -> None:
    with pytest.raises(InvalidRequest) as refused:
        client.list_points(customer_id=ADA, cursor="not-a-cursor")
    assert refused.value.param == "cursor"


@pytest.mark.parametrize(
    "query",
    [
        "cus_abc123",
        "LP0000123456",
        "lp0000123456",
        "+2348012345678",
        "08012345678",
        "ADA@example.com",
        "Ada",
        "ada o",
        "Obi",
    ],
)
def test_customer_query_matches_id_card_phone_email_and_name(
    client: LoyaltyClient, query: str
) -> None:
    found = client.list_customers(query=query, limit=100).data
    assert ADA in [c.id for c in found]


def test_customer_query_with_like_wildcards_matches_literally(client: LoyaltyClient) -> None:
    assert client.list_customers(query="%").data == ()
    assert client.list_customers(query="_da").data == ()


def test_delta_pull_by_updated_since(client: LoyaltyClient, sandbox: SandboxServer) -> None:
    with raw(sandbox) as c:
        since = server_now(c)
    advance_clock(sandbox, 5)
    client.award_points(customer_id=ADA, points=1, idempotency_key=key())
    changed = list(client.iter_all(client.list_customers, updated_since=since))
    assert [c.id for c in changed] == [ADA]
    stamps = [
        c.updated_at
        for c in client.iter_all(
            client.list_customers, updated_since=since - timedelta(days=400), limit=50
        )
    ]
    assert stamps == sorted(stamps)


def test_redemption_filters(client: LoyaltyClient, sandbox: SandboxServer) -> None:
    with raw(sandbox) as c:
        start = server_now(c)
    mine = client.redeem_points(
        customer_id=ADA, reward_id=REWARD, points=200, terminal_id="term_A", idempotency_key=key()
    )
    client.redeem_points(
        customer_id=ADA,
        reward_id="rwd_drink150",
        points=150,
        terminal_id="term_B",
        idempotency_key=key(),
    )
    today = client.list_redemptions(created_from=start, limit=100).data
    assert len(today) == 2
    assert [r.id for r in client.list_redemptions(terminal_id="term_A").data] == [mine.id]
    client.use_redemption(mine.id, idempotency_key=key())
    used_today = client.list_redemptions(created_from=start, status=RedemptionStatus.USED).data
    assert [r.id for r in used_today] == [mine.id]
    assert client.list_redemptions(created_to=start - timedelta(days=500)).data == ()
    changed = list(client.iter_all(client.list_redemptions, updated_since=start))
    assert {r.id for r in changed} >= {mine.id}


# ---------------------------------------------------------------- errors of the table
def test_wrong_or_missing_key_is_401(sandbox: SandboxServer) -> None:
    with LoyaltyClient(sandbox.url, "sk_test_wrong") as wrong, pytest.raises(Unauthorized):
        wrong.get_customer(ADA)
    with httpx.Client(base_url=sandbox.url) as anonymous:
        answer = anonymous.get(f"/v1/customers/{ADA}")
        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "authentication_failed"
        assert anonymous.put("/_sandbox/faults", json={"outage": True}).status_code == 401


def test_authentication_is_checked_before_validation(sandbox: SandboxServer) -> None:
    with httpx.Client(base_url=sandbox.url) as anonymous:
        assert anonymous.post("/v1/points/redeem", content=b"{nonsense").status_code == 401


@pytest.mark.parametrize(
    ("call", "error", "code"),
    [
        (lambda c: c.get_customer("cus_nobody"), NotFound, "customer_not_found"),
        (lambda c: c.get_redemption("REDEEM-NOPE0000"), NotFound, "redemption_not_found"),
        (
            lambda c: c.redeem_points(
                customer_id=ADA, reward_id="rwd_nope", points=200, idempotency_key=key()
            ),
            NotFound,
            "reward_not_found",
        ),
        (
            lambda c: c.redeem_points(
                customer_id=ADA, reward_id="rwd_off5000", points=850, idempotency_key=key()
            ),
            InsufficientBalance,
            "insufficient_balance",
        ),
        (
            lambda c: c.adjust_points(
                customer_id=ADA, points=-501, reason="x", idempotency_key=key()
            ),
            InsufficientBalance,
            "insufficient_balance",
        ),
        (
            lambda c: c.redeem_points(
                customer_id=ADA, reward_id="rwd_hamper", points=2500, idempotency_key=key()
            ),
            RewardUnavailable,
            "reward_unavailable",
        ),
        (
            lambda c: c.redeem_points(
                customer_id=ADA, reward_id="rwd_gold3000", points=3000, idempotency_key=key()
            ),
            RewardUnavailable,
            "reward_unavailable",
        ),
        (
            lambda c: c.create_customer(
                name="Copy", email="ada@example.com", idempotency_key=key()
            ),
            CustomerExists,
            "customer_exists",
        ),
        (
            lambda c: c.create_customer(
                name="Copy", card_number="LP0000123456", idempotency_key=key()
            ),
            CustomerExists,
            "customer_exists",
        ),
        (
            lambda c: c.redeem_points(
                customer_id=ADA, reward_id=REWARD, points=150, idempotency_key=key()
            ),
            InvalidRequest,
            "invalid_request",
        ),
    ],
)
def test_error_codes_of_the_contract(
    client: LoyaltyClient, call: Any, error: type, code: str
) -> None:
    with pytest.raises(error) as refused:
        call(client)
    assert refused.value.code == code
    assert not refused.value.retryable
    assert client.get_customer(ADA).points_balance == 500  # nothing changed


BAD_BODIES = [
    ("/v1/points/award", {"customer_id": ADA, "points": 0}, "points"),
    ("/v1/points/award", {"customer_id": ADA, "points": -5}, "points"),
    ("/v1/points/award", {"customer_id": ADA, "points": 10**30}, "points"),
    ("/v1/points/award", {"customer_id": ADA, "points": "100"}, "points"),
    ("/v1/points/award", {"customer_id": ADA, "points": 1.5}, "points"),
    ("/v1/points/award", {"customer_id": ADA, "points": True}, "points"),
    ("/v1/points/award", {"points": 5}, "customer_id"),
    ("/v1/points/award", {"customer_id": ADA, "points": 5, "colour": "red"}, "colour"),
    ("/v1/points/award", {"customer_id": ADA, "points": 5, "type": "gift"}, "type"),
    (
        "/v1/points/award",
        {"customer_id": ADA, "points": 5, "expires_at": "2020-01-01T00:00:00Z"},
        "expires_at",
    ),
    (
        "/v1/points/award",
        {"customer_id": ADA, "points": 5, "expires_at": "2099-01-01T00:00:00"},
        "expires_at",
    ),
    ("/v1/points/award", {"customer_id": ADA, "points": 5, "expires_at": "tomorrow"}, "expires_at"),
    (
        "/v1/points/award",
        {"customer_id": ADA, "points": 5, "metadata": {f"k{i}": i for i in range(51)}},
        "metadata",
    ),
    ("/v1/points/award", {"customer_id": ADA, "points": 5, "metadata": {"x": None}}, "metadata"),
    (
        "/v1/points/award",
        {"customer_id": ADA, "points": 5, "metadata": {"x": "y" * 501}},
        "metadata",
    ),
    ("/v1/points/award", {"customer_id": ADA, "points": 5, "metadata": {"x": [1]}}, "metadata"),
    ("/v1/points/award", {"customer_id": ADA, "points": 5, "reason": "r" * 501}, "reason"),
    (
        "/v1/points/redeem",
        {"customer_id": ADA, "reward_id": REWARD, "points": 200, "code": "REDEEM-abc"},
        "code",
    ),
    (
        "/v1/points/redeem",
        {"customer_id": ADA, "reward_id": REWARD, "points": 200, "code": "FREE-STUFF"},
        "code",
    ),
    ("/v1/points/adjust", {"customer_id": ADA, "points": 0, "reason": "x"}, "points"),
    ("/v1/points/adjust", {"customer_id": ADA, "points": 5}, "reason"),
    ("/v1/points/adjust", {"customer_id": ADA, "points": 5, "reason": "   "}, "reason"),
    ("/v1/customers", {"email": "x@example.com"}, "name"),
    ("/v1/customers", {"name": ""}, "name"),
    ("/v1/customers", {"name": "Ok", "email": "not-an-email"}, "email"),
    ("/v1/customers", {"name": "Ok", "phone": "call me"}, "phone"),
]


@pytest.mark.parametrize(("path", "body", "param"), BAD_BODIES)
def test_validation_errors_are_400_with_param_and_change_nothing(
    sandbox: SandboxServer, path: str, body: dict[str, Any], param: str
) -> None:
    with raw(sandbox) as c:
        answer = c.post(path, json=body, headers={"Idempotency-Key": key()})
        assert answer.status_code == 400, answer.text
        error = answer.json()["error"]
        assert error["code"] == "invalid_request"
        assert error["param"] == param
        assert error["message"]
        assert c.get(f"/v1/customers/{ADA}").json()["points_balance"] == 500


@pytest.mark.parametrize("payload", [b"{nonsense", b"[1, 2]", b"", b"null", b"\xff\xfe"])
def test_malformed_bodies_are_400(sandbox: SandboxServer, payload: bytes) -> None:
    with raw(sandbox) as c:
        answer = c.post(
            "/v1/points/award", content=payload, headers={"Content-Type": "application/json"}
        )
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "invalid_request"


def test_unicode_survives_the_round_trip(client: LoyaltyClient) -> None:
    customer = client.create_customer(
        name="Zoë Ọláwálé 李", metadata={"note": "ẹ̀kọ́ ✓"}, idempotency_key=key()
    )
    fetched = client.get_customer(customer.id)
    assert fetched.name == "Zoë Ọláwálé 李"
    assert fetched.metadata["note"] == "ẹ̀kọ́ ✓"
    assert client.list_customers(query="zoë ọ").data[0].id == customer.id


def test_unknown_route_is_a_contract_error(sandbox: SandboxServer) -> None:
    with raw(sandbox) as c:
        answer = c.get("/v1/nothing-here")
        assert answer.status_code == 404
        assert answer.json()["error"]["code"] == "not_found"


# ---------------------------------------------------------------- faults
def test_faults_are_set_over_http_and_an_outage_looks_like_a_dead_network(
    client: LoyaltyClient, sandbox: SandboxServer
) -> None:
    with raw(sandbox) as c:
        assert c.put("/_sandbox/faults", json={"outage": True}).json()["outage"] is True
        with pytest.raises(NetworkError) as down:
            client.get_customer(ADA)
        assert down.value.retryable
        # The control endpoint is never faulted, so the outage can be switched off.
        assert c.get("/_sandbox/faults").json()["outage"] is True
        assert c.put("/_sandbox/faults", json={"outage": False}).status_code == 200
    assert client.get_customer(ADA).points_balance == 500


def test_fault_knobs_are_validated(sandbox: SandboxServer) -> None:
    with raw(sandbox) as c:
        for bad in ({"error_rate": 2}, {"latency_ms": -1}, {"outage": "yes"}, {"chaos": 1}):
            assert c.put("/_sandbox/faults", json=bad).status_code == 400


def test_error_rate_gives_retryable_server_errors(
    client: LoyaltyClient, sandbox: SandboxServer
) -> None:
    sandbox.faults.update(error_rate=1.0)
    with pytest.raises(ServerError) as failed:
        client.award_points(customer_id=ADA, points=5, idempotency_key=key())
    assert failed.value.retryable
    sandbox.faults.update(error_rate=0.0)
    assert client.get_customer(ADA).points_balance == 500


def test_rate_limit_carries_retry_after(client: LoyaltyClient, sandbox: SandboxServer) -> None:
    sandbox.faults.update(rate_limit_rate=1.0)
    with pytest.raises(RateLimited) as limited:
        client.get_customer(ADA)
    assert limited.value.retry_after == 1 and limited.value.retryable


def test_dropped_response_was_applied_once_and_replays(
    client: LoyaltyClient, sandbox: SandboxServer
) -> None:
    op_key = key()
    sandbox.faults.update(drop_response_rate=1.0)
    with pytest.raises(NetworkError):
        client.redeem_points(
            customer_id=ADA,
            reward_id=REWARD,
            points=200,
            code="REDEEM-DR0PPED1",
            idempotency_key=op_key,
        )
    sandbox.faults.update(drop_response_rate=0.0)
    # Applied although nobody heard the answer...
    assert client.get_customer(ADA).points_balance == 300
    # ...and the retry with the same key gets the original answer, not a second redemption.
    again = client.redeem_points(
        customer_id=ADA,
        reward_id=REWARD,
        points=200,
        code="REDEEM-DR0PPED1",
        idempotency_key=op_key,
    )
    assert again.code == "REDEEM-DR0PPED1" and again.balance_after == 300
    assert client.get_customer(ADA).points_balance == 300


def test_slow_server_times_out_the_client(sandbox: SandboxServer) -> None:
    sandbox.faults.update(latency_ms=2000)
    impatient = LoyaltyClient(sandbox.url, sandbox.api_key, timeout=httpx.Timeout(0.2, connect=1.0))
    started = datetime.now(UTC)
    with impatient, pytest.raises(NetworkError):
        impatient.get_customer(ADA)
    assert datetime.now(UTC) - started < timedelta(seconds=1.5)


def test_stopped_server_refuses_and_restarts_on_the_same_port(
    client: LoyaltyClient, sandbox: SandboxServer
) -> None:
    port = sandbox.port
    client.award_points(customer_id=ADA, points=10, idempotency_key=key())
    sandbox.stop()
    with pytest.raises(NetworkError):
        client.get_customer(ADA)
    sandbox.start()
    assert sandbox.port == port
    assert client.get_customer(ADA).points_balance == 510  # the database outlived the server


# ---------------------------------------------------------------- OpenAPI
def test_openapi_document_matches_what_is_served(sandbox: SandboxServer) -> None:
    with httpx.Client(base_url=sandbox.url) as c:
        spec = c.get("/openapi.json").json()
    documented = {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops}
    served = {
        (method, route.path)
        for route in sandbox.api.routes
        for method in getattr(route, "methods", ()) or ()
        if route.path.startswith(("/v1", "/_sandbox"))
    }
    assert served <= documented
    for method, path in [
        ("GET", "/v1/customers/{customer_id}"),
        ("GET", "/v1/customers"),
        ("POST", "/v1/customers"),
        ("POST", "/v1/points/award"),
        ("POST", "/v1/points/redeem"),
        ("POST", "/v1/points/adjust"),
        ("GET", "/v1/points"),
        ("GET", "/v1/rewards"),
        ("GET", "/v1/tiers"),
        ("GET", "/v1/redemptions/{id_or_code}"),
        ("GET", "/v1/redemptions"),
        ("POST", "/v1/redemptions/{id_or_code}/use"),
        ("POST", "/v1/redemptions/{id_or_code}/void"),
        ("GET", "/_sandbox/faults"),
        ("PUT", "/_sandbox/faults"),
    ]:
        assert (method, path) in documented
    award = spec["paths"]["/v1/points/award"]["post"]
    assert "Idempotency-Key" in {p["name"] for p in award.get("parameters", [])}
