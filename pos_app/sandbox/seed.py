"""Deterministic demo data: the seed document's examples, verbatim, plus a few hundred
customers with histories, built by replaying their operations through the ledger itself
(so balances, lots, expiries and tiers are right by construction)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from .clock import format_ts
from .ledger import Ledger

TIERS = (("tier_bronze", "Bronze", 0), ("tier_silver", "Silver", 1000), ("tier_gold", "Gold", 5000))

# (id, name, points_cost, discount NGN, tier_required, active)
REWARDS = (
    ("rwd_xyz789", "NGN 1,000 off", 200, 1000, None, True),
    ("rwd_drink150", "Free soft drink", 150, 500, None, True),
    ("rwd_ship300", "Free delivery", 300, 1500, None, True),
    ("rwd_off2500", "NGN 2,500 off", 450, 2500, None, True),
    ("rwd_silver500", "Silver weekend: NGN 3,000 off", 500, 3000, "tier_silver", True),
    ("rwd_off5000", "NGN 5,000 off", 850, 5000, None, True),
    ("rwd_off10000", "NGN 10,000 off", 1600, 10000, None, True),
    ("rwd_gold3000", "Gold: NGN 20,000 off", 3000, 20000, "tier_gold", True),
    ("rwd_hamper", "Holiday hamper (ended)", 2500, 15000, None, False),
)
# v1.1's pay with points: NGN 5 a point, 100 to 10,000 points in steps of 10 (API.md).
PAY_WITH_POINTS = {"discount_per_point": 5, "min_points": 100, "max_points": 10000, "step": 10}

FIRST = (
    "Ada",
    "Chinedu",
    "Ngozi",
    "Emeka",
    "Aisha",
    "Tunde",
    "Funmi",
    "Ibrahim",
    "Zainab",
    "Oluwaseun",
    "Kemi",
    "Bola",
    "Chioma",
    "Yusuf",
    "Amaka",
    "Segun",
    "Halima",
    "Uche",
    "Femi",
    "Nneka",
    "Musa",
    "Ifeoma",
    "Dapo",
    "Bisi",
    "Obinna",
    "Hadiza",
    "Kunle",
    "Adaeze",
    "Sani",
    "Temitope",
    "Efosa",
    "Ronke",
    "Gbenga",
    "Fatima",
    "Ikenna",
    "Yemi",
    "Zoë",
    "Chidera",
    "Mariam",
    "Olumide",
)
LAST = (
    "Obi",
    "Okafor",
    "Adeyemi",
    "Bello",
    "Eze",
    "Ogunleye",
    "Abubakar",
    "Nwosu",
    "Balogun",
    "Okonkwo",
    "Adebayo",
    "Lawal",
    "Ibe",
    "Danjuma",
    "Ogundipe",
    "Chukwu",
    "Mohammed",
    "Akande",
    "Uzor",
    "Olawale",
    "Yakubu",
    "Onyeka",
    "Fashola",
    "Ekwueme",
    "Salami",
    "Nnamdi",
    "Oyelaran",
    "Usman",
    "Afolabi",
    "Ebere",
)


@dataclass(frozen=True, slots=True)
class _Op:
    at: datetime
    order: int
    customer_id: str
    kind: Literal["award", "bonus", "redeem"]
    points: int = 0
    reward_id: str = ""
    expires_at: datetime | None = None
    reason: str = ""


def seed_demo(ledger: Ledger, *, customers: int = 320, seed: int = 2026) -> None:
    """Fill an empty ledger with the demo merchant. Same seed, same data."""
    rng = random.Random(seed)
    saved_rng = ledger.rng
    ledger.rng = random.Random(seed + 1)
    real_now = ledger.clock.now()
    start = real_now - timedelta(days=400)
    ledger.clock.freeze(start)
    try:
        with ledger.transaction():
            for tier_id, name, minimum in TIERS:
                ledger.rewards.add_tier(tier_id, name, minimum)
            for rid, name, cost, discount, tier, active in REWARDS:
                ledger.rewards.add(rid, name, cost, discount, tier_required=tier, active=active)
            ledger.rewards.add(
                "rwd_points", "Pay with points", None, None, per_point=PAY_WITH_POINTS
            )
            ops = _seed_customers(ledger, rng, customers, real_now)
            for op in sorted(ops, key=lambda o: (o.at, o.order)):
                ledger.clock.freeze(op.at)
                ledger.points.sweep_expired()
                _apply(ledger, op)
            ledger.clock.freeze(real_now)
            ledger.points.sweep_expired()
            _seed_returns(ledger, ops, real_now)
            ledger.set_meta("seeded_at", format_ts(real_now))
    finally:
        ledger.clock.freeze(None)
        ledger.rng = saved_rng


def _apply(ledger: Ledger, op: _Op) -> None:
    if op.kind == "redeem":
        reward = ledger.rewards.row(op.reward_id)
        balance = ledger.customers.row(op.customer_id)["points_balance"]
        if balance < reward["points_cost"]:
            return  # the plan outran the balance (points expired meanwhile): skip it
        red = ledger.redemptions.redeem(
            op.customer_id,
            op.reward_id,
            reward["points_cost"],
            code=None,
            occurred_at=None,
            terminal_id="term_demo_01",
            metadata={},
        )
        ledger.redemptions.use(red["id"])
        return
    order_id = f"order_{op.order:05d}" if op.kind == "award" else None
    ledger.points.award(
        op.customer_id,
        op.points,
        reason=op.reason,
        bonus=op.kind == "bonus",
        metadata={"order_id": order_id, "amount": op.points * 100} if order_id else {},
        expires_at=None if op.expires_at is None else format_ts(op.expires_at),
        order_id=order_id,
    )


def _seed_returns(ledger: Ledger, ops: list[_Op], now: datetime) -> None:
    """A few returns (v1.1), made last so that every other id stays as it was: every
    40th customer brings back a quarter of their first sale, one in three of those the
    rest too. Each is dated a minute after the customer's last activity (a purchase, a
    redemption or an expiry), so histories stay in time order. Ada returns nothing."""
    first_sales: dict[str, _Op] = {}
    last: dict[str, datetime] = {}
    for op in ops:
        if op.kind == "award" and op.customer_id != "cus_abc123":
            first_sales.setdefault(op.customer_id, op)
        times = [op.at] + ([op.expires_at] if op.expires_at and op.expires_at <= now else [])
        last[op.customer_id] = max([*times, last.get(op.customer_id, op.at)])
    for n, op in enumerate(first_sales.values()):
        if n % 40 != 17:
            continue
        order_id, amount = f"order_{op.order:05d}", op.points * 100
        parts = (amount // 4, amount - amount // 4) if n % 3 == 0 else (amount // 4,)
        for i, part in enumerate(parts):
            when = min(last[op.customer_id] + timedelta(minutes=1 + i), now)
            ledger.clock.freeze(when)
            ledger.returns.take_back(
                op.customer_id, order_id, part, reason="Return", store_id=None, metadata={}
            )
    ledger.clock.freeze(now)


def _seed_customers(ledger: Ledger, rng: random.Random, count: int, now: datetime) -> list[_Op]:
    ops: list[_Op] = []
    order = iter(range(10**9))
    # The seed document's customer, verbatim: 500 points, 200 of them expiring soon.
    ledger.customers.create(
        name="Ada Obi",
        email="ada@example.com",
        phone="+2348012345678",
        card_number="LP0000123456",
        customer_id="cus_abc123",
    )
    ada = "cus_abc123"
    for days, what, pts, rid, reason in (
        (300, "award", 700, "", "Purchase"),
        (250, "redeem", 0, "rwd_xyz789", ""),
        (180, "award", 300, "", "Purchase"),
        (120, "redeem", 0, "rwd_drink150", ""),
        (90, "redeem", 0, "rwd_xyz789", ""),
        (40, "redeem", 0, "rwd_drink150", ""),
    ):
        ops.append(
            _Op(
                now - timedelta(days=days),
                next(order),
                ada,
                "redeem" if what == "redeem" else "award",
                pts,
                rid,
                reason=reason,
            )
        )
    ops.append(
        _Op(
            now - timedelta(days=10),
            next(order),
            ada,
            "award",
            200,
            expires_at=(now + timedelta(weeks=6)).replace(hour=23, minute=59, second=59),
            reason="Promotional Campaign",
        )
    )

    affordable = [r for r in REWARDS if r[5] and r[4] is None]
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        cid = ledger.new_id("cus_", 10)
        ledger.customers.create(
            name=f"{first} {last}",
            email=f"{first.lower().replace('ë', 'e')}.{last.lower()}{n}@example.com",
            phone=f"+23480{n:08d}" if n % 3 else f"+23470{n:08d}",
            card_number=f"LP{1000000000 + n * 7919:010d}",
            customer_id=cid,
        )
        band = rng.random()
        target = (
            rng.randint(100, 950)
            if band < 0.55
            else rng.randint(1000, 4900)
            if band < 0.85
            else rng.randint(5000, 15000)
        )
        joined = now - timedelta(days=rng.randint(30, 380))
        earned = 0
        while earned < target:
            at = joined + timedelta(
                days=rng.uniform(0, (now - joined).days - 1), hours=rng.randint(8, 20)
            )
            pts = min(rng.choice((50, 80, 100, 150, 200, 250, 400, 600)), target - earned)
            pts = max(pts, 10)
            expiry = None
            roll = rng.random()
            if roll < 0.15:  # some lots expire soon, some have expired already
                expiry = at + timedelta(days=rng.randint(20, 120))
            kind: Literal["award", "bonus"] = "bonus" if roll > 0.9 else "award"
            reason = (
                rng.choice(("Birthday Bonus", "Referral", "Double points week"))
                if kind == "bonus"
                else "Purchase"
            )
            ops.append(_Op(at, next(order), cid, kind, pts, expires_at=expiry, reason=reason))
            earned += pts
        for _ in range(rng.randint(0, 4)):
            reward = rng.choice(affordable)
            at = joined + timedelta(days=rng.uniform(5, max(6, (now - joined).days - 1)))
            ops.append(_Op(at, next(order), cid, "redeem", reward_id=reward[0]))
    return ops
