"""The many-tills suite (issue 8, Deliver 4 and #11): at least ten till processes against
one sandbox, with overlapping customers. The backend goes away; every till redeems offline
within its own offline policy (and queues an award); the backend comes back and all tills
sync at the same moment. Then:

- the backend never went negative: every balance, and every transaction's balance_after;
- every code handed out beyond a balance is a conflict on the till that made it (its
  `pos-app --json conflicts list`), matched to the backend's stored refusal by the
  operation's idempotency key;
- nothing is lost or doubled: every handed-out code is on the backend exactly once (from
  the till that made it) or is that till's conflict; every queued award is applied once;
  nothing else is on the backend; balances equal the start plus awards minus what the
  backend accepted;
- the store's exposure is measured and printed: the naira value and points of the codes
  handed out offline beyond the balances (= the conflicts), per customer and in total.
  One till's policy cannot cap this; a store-wide cap needs shared state (issue 8, #11).

Short form in the default run (10 tills, a few operations each); POS_APP_SOAK=1 for the
long form. Fixed seeds, printed."""

from __future__ import annotations

import random
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from support.reliability.books import Books, negative_balances, read_books
from support.reliability.soak import SOAK, figures, scale
from support.reliability.tills import Answer, Till, all_at_once, make_tills
from support.terminal_helpers import backend, key

from pos_app.domain.offline_policy import OfflinePolicy
from pos_app.sandbox import SandboxServer

SEED = 11_2026
TILLS = scale(10, 12)
CUSTOMERS = scale(4, 24)
REDEEMS_PER_TILL = scale(3, 12)
BALANCES = (500, 800, 1200, 300, 2000, 650)  # cycled; 500 is the issue's example
REWARDS = {"rwd_xyz789": (200, 1000), "rwd_drink150": (150, 500), "rwd_ship300": (300, 1500)}
POLICY = OfflinePolicy()  # each till's own (default) offline policy

pytestmark = pytest.mark.timeout(scale(300, 1800))


@dataclass
class Handed:
    till: str
    code: str
    customer: str
    reward: str
    points: int
    discount: int


@dataclass
class TillsRun:
    tills: list[Till]
    customers: dict[str, int] = field(default_factory=dict)  # id -> starting balance
    handed: list[Handed] = field(default_factory=list)
    refused_at_counter: list[str] = field(default_factory=list)
    awards: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # tag -> till, cid, pts
    unexpected: list[str] = field(default_factory=list)
    conflicts: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    outbox_keys: dict[str, tuple[str, int, str | None]] = field(default_factory=dict)
    sync_rcs: list[int] = field(default_factory=list)
    sync_rounds: int = 0
    books: Books = field(default_factory=Books)
    seconds: dict[str, float] = field(default_factory=dict)


def _check(answer: Answer, what: str, run: TillsRun, ok: tuple[int, ...] = (0,)) -> None:
    if answer.rc not in ok:
        run.unexpected.append(f"{what}: exit {answer.rc}: {answer.stderr.strip()[-300:]}")


def _counter_work(till: Till, run: TillsRun, rng: random.Random) -> None:
    """One till during the outage: redemptions for overlapping customers, one award."""
    customers = list(run.customers)
    for n in range(REDEEMS_PER_TILL):
        # Every till starts with the first customer (500 points, the issue's example).
        cid = customers[0] if n == 0 else rng.choice(customers)
        reward = rng.choice(sorted(REWARDS))
        answer = till.run("redeem", "--customer", cid, "--reward", reward)
        what = f"{till.name} redeem {reward} for {cid}"
        if answer.rc == 0 and answer.payload.get("status") == "offline":
            points, naira = REWARDS[reward]
            run.handed.append(
                Handed(till.name, str(answer.payload["code"]), cid, reward, points, naira)
            )
        elif answer.rc == 3:
            run.refused_at_counter.append(f"{what}: {answer.stderr.strip()}")
        else:
            run.unexpected.append(
                f"{what}: exit {answer.rc} {answer.payload} {answer.stderr.strip()[-300:]}"
            )
    cid = rng.choice(customers)
    tag = f"tills {SEED} award {till.name}"
    answer = till.run("award", "--customer", cid, "--points", "25", "--reason", tag)
    _check(answer, f"{till.name} award", run)
    if answer.rc == 0:
        run.awards[tag] = (till.name, cid, 25)


def _drive(sandbox: SandboxServer, root: Path) -> TillsRun:
    run = TillsRun(make_tills(sandbox, root, TILLS))
    with backend(sandbox) as c:
        for i in range(CUSTOMERS):
            cid = c.create_customer(name=f"Shared Customer {i:02d}", idempotency_key=key()).id
            balance = BALANCES[i % len(BALANCES)]
            c.award_points(
                customer_id=cid, points=balance, reason="tills start", idempotency_key=key()
            )
            run.customers[cid] = balance
    started = time.monotonic()
    for answer, till in zip(
        all_at_once(run.tills, lambda t: t.run("sync", "--once")), run.tills, strict=True
    ):
        _check(answer, f"{till.name} first sync", run)
    run.seconds["online_sync"] = time.monotonic() - started

    sandbox.faults.update(outage=True)
    started = time.monotonic()
    seeds = {t.name: random.Random(f"{SEED}-{t.name}") for t in run.tills}
    all_at_once(run.tills, lambda t: _counter_work(t, run, seeds[t.name]))
    run.seconds["outage"] = time.monotonic() - started
    sandbox.faults.update(outage=False)

    started = time.monotonic()
    for rounds in range(1, 6):  # all at once; then again only if something still waits
        answers = all_at_once(run.tills, lambda t: t.run("sync", "--once"))
        run.sync_rcs += [a.rc for a in answers]
        run.sync_rounds = rounds
        if all(a.rc == 0 and a.payload.get("pending") == 0 for a in answers):
            break
    run.seconds["simultaneous_sync"] = time.monotonic() - started

    for till in run.tills:
        answer = till.run("conflicts", "list")
        _check(answer, f"{till.name} conflicts list", run)
        data = answer.payload.get("data")
        run.conflicts[till.name] = list(data) if isinstance(data, list) else []
        for row in till.outbox():
            run.outbox_keys[row["idempotency_key"]] = (till.name, row["id"], row["redemption_code"])
    run.books = read_books(Path(sandbox.db_path), set(run.customers))
    return run


@pytest.fixture(scope="module")
def tills_run(
    tmp_path_factory: pytest.TempPathFactory, seeded_template: Path
) -> Iterator[TillsRun]:
    root = tmp_path_factory.mktemp("tills")
    db = root / "sandbox.db"
    shutil.copy(seeded_template, db)
    print(
        f"\nmany-tills suite: seed {SEED}, form {'long' if SOAK else 'short'}, {TILLS} tills, "
        f"{CUSTOMERS} customers, {REDEEMS_PER_TILL} redemptions per till"
    )
    server = SandboxServer(db).start()
    try:
        run = _drive(server, root)
    finally:
        server.close()
    _report(run)
    yield run


def _exposure(run: TillsRun) -> tuple[dict[str, list[int]], int, int]:
    """Per customer [points, naira] of handed-out codes the backend refused; totals."""
    applied = set(run.books.redemptions)
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for h in run.handed:
        if h.code not in applied:
            per[h.customer][0] += h.points
            per[h.customer][1] += h.discount
    return per, sum(p for p, _ in per.values()), sum(n for _, n in per.values())


def _report(run: TillsRun) -> None:
    per, points, naira = _exposure(run)
    handed_points = Counter[str]()
    for h in run.handed:
        handed_points[h.customer] += h.points
    for cid, (p, n) in sorted(per.items(), key=lambda kv: -kv[1][1]):
        print(
            f"exposure {cid}: balance {run.customers[cid]} pts, codes handed out "
            f"{handed_points[cid]} pts, beyond the balance {p} pts = NGN {n:,}"
        )
    worst = max(per.values(), key=lambda pn: pn[1], default=[0, 0])
    figures(
        "tills",
        seed=SEED,
        tills=len(run.tills),
        customers=len(run.customers),
        operations=len(run.handed) + len(run.refused_at_counter) + len(run.awards),
        handed_out=len(run.handed),
        refused_at_counter=len(run.refused_at_counter),
        conflicts=sum(len(c) for c in run.conflicts.values()),
        losses=len(_lost(run)),
        duplicates=len(_doubled(run)),
        exposure_points=points,
        exposure_naira=naira,
        max_customer_exposure_points=worst[0],
        max_customer_exposure_naira=worst[1],
        sync_rounds=run.sync_rounds,
        simultaneous_sync_seconds=round(run.seconds["simultaneous_sync"], 1),
        seconds=round(sum(run.seconds.values()), 1),
    )


def _lost(run: TillsRun) -> list[str]:
    conflict_codes = {
        (name, str(c.get("code"))) for name, rows in run.conflicts.items() for c in rows
    }
    return [
        f"LOST {h.code} ({h.points} pts for {h.customer}) handed out by {h.till}"
        for h in run.handed
        if h.code not in run.books.redemptions and (h.till, h.code) not in conflict_codes
    ]


def _doubled(run: TillsRun) -> list[str]:
    codes = Counter(
        str(t.metadata.get("code"))
        for txns in run.books.txns.values()
        for t in txns
        if t.type == "redeemed"
    )
    reasons = Counter(
        t.reason for txns in run.books.txns.values() for t in txns if t.type == "earned"
    )
    return [f"DOUBLED redemption {c} applied {n} times" for c, n in codes.items() if n > 1] + [
        f"DOUBLED award {r!r} applied {n} times"
        for r, n in reasons.items()
        if n > 1 and r in run.awards
    ]


def test_the_run_is_the_size_the_issue_asks(tills_run: TillsRun) -> None:
    assert len(tills_run.tills) >= 10
    assert len(tills_run.handed) >= len(tills_run.tills), "every till handed out codes offline"
    shared = Counter(h.customer for h in tills_run.handed)
    tills_per_customer = {
        cid: len({h.till for h in tills_run.handed if h.customer == cid}) for cid in shared
    }
    assert max(tills_per_customer.values()) >= 5, f"customers overlap: {tills_per_customer}"


def test_every_till_command_answered_as_documented(tills_run: TillsRun) -> None:
    assert not tills_run.unexpected, "\n".join(tills_run.unexpected)
    assert set(tills_run.sync_rcs) == {0}, tills_run.sync_rcs


def test_every_till_stayed_within_its_own_offline_policy(tills_run: TillsRun) -> None:
    per: Counter[tuple[str, str]] = Counter()
    for h in tills_run.handed:
        per[(h.till, h.customer)] += h.points
    over = [
        f"{till} handed out {pts} pts for {cid} (balance {tills_run.customers[cid]}, "
        f"policy {POLICY.max_pending_points_per_customer})"
        for (till, cid), pts in per.items()
        if pts > min(POLICY.max_pending_points_per_customer, tills_run.customers[cid])
    ]
    assert not over, "\n".join(over)


def test_the_backend_never_goes_negative(tills_run: TillsRun) -> None:
    found = negative_balances(tills_run.books)
    assert not found, "\n".join(found)


def test_every_excess_is_a_conflict_on_the_till_that_made_it(tills_run: TillsRun) -> None:
    run = tills_run
    problems = []
    for till in run.tills:
        mine = {h.code for h in run.handed if h.till == till.name}
        excess = {c for c in mine if c not in run.books.redemptions}
        listed = {str(c.get("code")) for c in run.conflicts[till.name]}
        if excess != listed:
            problems.append(
                f"{till.name}: refused by the backend {sorted(excess)}, "
                f"its conflicts list {sorted(listed)}"
            )
        problems += [
            f"{till.name}: conflict #{c.get('id')} {c.get('code')} is {c.get('error_code')}"
            for c in run.conflicts[till.name]
            if c.get("error_code") != "insufficient_balance"
        ]
    for answer in run.books.refusals():
        owner = run.outbox_keys.get(answer.key)
        if owner is None:
            continue
        name, entry_id, code = owner
        pairs = {(c.get("id"), c.get("code")) for c in run.conflicts[name]}
        if (entry_id, code) not in pairs:
            problems.append(
                f"the backend refused {name}'s outbox #{entry_id} {code} "
                f"({answer.status} {answer.error_code}); not in {name}'s conflicts list"
            )
    assert not problems, "\n".join(problems)


def test_nothing_is_lost_or_doubled(tills_run: TillsRun) -> None:
    run = tills_run
    problems = _lost(run) + _doubled(run)
    by_code = {h.code: h for h in run.handed}
    for code, red in run.books.redemptions.items():
        h = by_code.get(code)
        if h is None:
            problems.append(f"backend redemption {code} that no till handed out")
        elif (red.customer_id, red.points, red.terminal_id) != (
            h.customer,
            h.points,
            f"term_{h.till}",
        ):
            problems.append(f"{code} of {h.till}: the backend holds {red}")
    applied_awards = Counter(
        t.reason for txns in run.books.txns.values() for t in txns if t.type == "earned"
    )
    problems += [
        f"award {tag} queued by {till} is on the backend {applied_awards[tag]} times"
        for tag, (till, _, _) in run.awards.items()
        if applied_awards[tag] != 1
    ]
    for cid, start in run.customers.items():
        awarded = sum(p for _, c, p in run.awards.values() if c == cid)
        spent = sum(r.points for r in run.books.redemptions.values() if r.customer_id == cid)
        want = start + awarded - spent
        if run.books.balances[cid] != want:
            problems.append(f"{cid}: backend balance {run.books.balances[cid]}, expected {want}")
    assert not problems, "\n".join(problems)


def test_the_exposure_equals_the_conflicts(tills_run: TillsRun) -> None:
    """The measured exposure is exactly the conflicts the tills hold: nothing hides."""
    run = tills_run
    _, points, naira = _exposure(run)
    listed = [c for rows in run.conflicts.values() for c in rows]
    assert points == sum(int(str(c.get("points") or 0)) for c in listed)
    discounts = {h.code: h.discount for h in run.handed}
    assert naira == sum(discounts.get(str(c.get("code")), 0) for c in listed)
