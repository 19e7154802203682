"""The fault suite (issue 8, Deliver 2): redemptions, awards, adjustments, voids and (issue
11) sale awards, one order rung up at two tills, and returns, from several terminals while
the sandbox switches between an outage, 30% errors, latency, 20% answers dropped after
the backend applied the request, rate limiting, and wire faults after the backend applied
a POST (a 500, an answer cut off mid-JSON, an answer after the client hung up). Then the faults
stop, every terminal syncs until its queue drains, and the promise is checked operation by
operation against the backend's own database:

- every operation the counter reported as done (or handed out offline) is on the backend
  exactly once, with the terminal's amount, customer and expiry, or it is a conflict the
  terminal kept and the backend really refused;
- nothing reported as failed was applied (an applied-then-voided redemption is reported);
- every refusal the backend stored is a kept conflict (or the refusal the cashier saw);
- nothing is on the backend that no terminal made;
- every balance, after every transaction, and every customer's expiry lots equal the
  terminals' records replayed in the backend's order;
- each order earned once on the backend, and each terminal's order index names that
  award; each return a terminal recorded is the backend's return, with the points the
  terminal worked out, and no order's returns take back more than it earned.

Short form in the default run (about 200 operations); POS_APP_SOAK=1 for the long form
(at least 1,000 operations, 50 customers, 2 terminals). Fixed seeds, printed. A failure
names the operation: kind, terminal, outbox id, code, customer, fault phase, report.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.reliability.books import Books, Red, Ret, StoredAnswer, Txn, read_books
from support.reliability.fault_run import Plan, Run, drive
from support.reliability.injected import FaultCounter
from support.reliability.oracle import (
    LocalEntry,
    LocalOrder,
    LocalReturn,
    Op,
    Oracle,
    Seed,
    Verdict,
    explain,
)
from support.reliability.soak import SOAK, figures, scale

from pos_app.sandbox import SandboxServer

SEED = int(os.environ.get("POS_APP_SEED", "20261126"))  # another seed: explore, then pin it
PLAN = Plan(
    seed=SEED,
    operations=scale(300, 1200),
    customers=50,
    terminals=2,
    phase_length=scale(12, 40),
    latency_ms=scale(60, 500),
    sync_every=scale(15, 25),
)

KINDS = ("redeem", "award", "adjust", "void", "sale", "return")

pytestmark = pytest.mark.timeout(scale(300, 3600))


@pytest.fixture(scope="module")
def outcome(
    tmp_path_factory: pytest.TempPathFactory, seeded_template: Path
) -> Iterator[tuple[Run, Verdict]]:
    root = tmp_path_factory.mktemp("faults")
    db = root / "sandbox.db"
    shutil.copy(seeded_template, db)
    server = SandboxServer(db)
    counter = FaultCounter(server)
    print(f"\nfault suite: seed {PLAN.seed}, form {'long' if SOAK else 'short'}, {PLAN}")
    server.start()
    try:
        run = drive(server, counter, root, PLAN)
        books = read_books(db, set(run.customers))
    finally:
        server.close()
    verdict = Oracle(
        run.ops, run.seeds, run.local, run.local_status, books, run.orders, run.returns
    ).judge()
    done = sum(op.done for op in run.ops)
    kinds = {k: sum(op.kind == k for op in run.ops) for k in KINDS}
    figures(
        "fault-suite",
        seed=PLAN.seed,
        operations=len(run.ops),
        customers=len(run.customers),
        terminals=PLAN.terminals,
        redeems=kinds["redeem"],
        awards=kinds["award"],
        adjusts=kinds["adjust"],
        voids=kinds["void"],
        sales=kinds["sale"],
        returns=kinds["return"],
        sales_refused_as_awarded=sum(
            op.kind == "sale" and "already earned" in op.message for op in run.ops
        ),
        order_index_mismatches=len(verdict.orders),
        return_mismatches=len(verdict.returns),
        reported_done=done,
        reported_failed=len(run.ops) - done,
        faults_injected=sum(run.faults.values()),
        **{f"faults_{k}": v for k, v in run.faults.items()},
        losses=len(verdict.lost),
        duplicates=len(verdict.doubled),
        conflicts=verdict.conflicts,
        failed_but_applied=len(verdict.failed_but_applied),
        applied_then_voided=len(verdict.applied_then_voided),
        applied_though_never_applied=len(verdict.applied_though_never_applied),
        auto_voids=verdict.auto_voids,
        auto_voids_noted=verdict.auto_voids_noted,
        balance_mismatches=len(verdict.balances),
        lot_mismatches=len(verdict.lots),
        final_sync_rounds=max(run.final_sync_rounds.values()),
        seconds=round(run.seconds, 1),
    )
    failed = Counter(
        f"{op.kind} {op.reported}: {_shape(op.message)}" for op in run.ops if not op.done
    )
    for what, n in failed.most_common():
        print(f"reported failed {n} x {what}")
    for name, found in vars(verdict).items():
        if isinstance(found, list):
            for line in found[:10]:
                print(
                    f"{'REPORTED' if name == 'applied_then_voided' else 'VIOLATION'} {name}: {line}"
                )
    yield run, verdict


def _shape(message: str) -> str:
    """A message without its numbers and names, so alike failures count together."""
    text = re.sub(r"Fault Suite \d+|Customer cus_\w+|REDEEM-\w+|'[^']*'", "X", message)
    return re.sub(r"[\d,]+", "N", text.split(". ")[0])[:90]


def test_the_run_is_the_size_the_issue_asks(outcome: tuple[Run, Verdict]) -> None:
    run, _ = outcome
    assert len(run.ops) >= (1000 if SOAK else 200)
    assert len(run.customers) >= 50 and PLAN.terminals >= 2
    kinds = {op.kind for op in run.ops}
    assert kinds == set(KINDS), kinds
    assert set(run.faults) >= {"outage", "error", "latency", "drop", "rate_limit"}, run.faults
    assert set(run.faults) >= {"error500", "malformed", "hangup"}, run.faults


def test_no_operation_raised_an_unexpected_error(outcome: tuple[Run, Verdict]) -> None:
    _, v = outcome
    assert not v.unexpected, explain(v.unexpected, "operations raised an unexpected error")


def test_every_operation_reported_done_is_on_the_backend_exactly_once(
    outcome: tuple[Run, Verdict],
) -> None:
    _, v = outcome
    assert not v.lost, explain(v.lost, "operations reported done are not on the backend")
    assert not v.doubled, explain(v.doubled, "operations were applied more than once")
    assert not v.mismatched, explain(v.mismatched, "operations were applied differently")


def test_nothing_reported_failed_was_applied(outcome: tuple[Run, Verdict]) -> None:
    _, v = outcome
    assert not v.failed_but_applied, explain(
        v.failed_but_applied, "operations reported failed are applied on the backend"
    )


def test_a_redemption_the_backend_never_applied_is_not_applied_later(
    outcome: tuple[Run, Verdict],
) -> None:
    _, v = outcome
    assert not v.applied_though_never_applied, explain(
        v.applied_though_never_applied,
        "redemptions refused at the counter after an answer that proves the backend did not "
        "apply them were applied by a later sync",
    )


def test_every_backend_refusal_is_a_kept_conflict(outcome: tuple[Run, Verdict]) -> None:
    _, v = outcome
    assert not v.refusals_not_kept, explain(v.refusals_not_kept, "refusals were not kept")
    assert not v.conflicts_without_refusal, explain(
        v.conflicts_without_refusal, "conflicts have no refusal behind them"
    )


def test_nothing_is_on_the_backend_that_no_terminal_made(outcome: tuple[Run, Verdict]) -> None:
    _, v = outcome
    assert not v.unexplained, explain(v.unexplained, "backend entries no terminal made")


def test_every_queue_drains_and_agrees_with_the_backend(outcome: tuple[Run, Verdict]) -> None:
    _, v = outcome
    assert not v.not_drained, explain(v.not_drained, "local records disagree after the sync")


def test_every_order_earns_once_and_the_order_index_agrees_with_the_ledger(
    outcome: tuple[Run, Verdict],
) -> None:
    run, v = outcome
    assert any(op.kind == "sale" and op.done for op in run.ops)
    assert not v.orders, explain(v.orders, "order index rows disagree with the backend")


def test_every_return_reverses_once_with_the_terminals_figures(
    outcome: tuple[Run, Verdict],
) -> None:
    run, v = outcome
    assert any(op.kind == "return" and op.done for op in run.ops)
    assert not v.returns, explain(v.returns, "returns disagree with the backend")


def test_balances_equal_the_terminals_records(outcome: tuple[Run, Verdict]) -> None:
    _, v = outcome
    assert not v.balances, explain(v.balances, "balances differ from the model")


def test_expiry_lots_equal_the_terminals_records(outcome: tuple[Run, Verdict]) -> None:
    """A terminal's own void of a redemption it had cancelled must keep the customer's
    expiry dates, or say in its note why it cannot (issue 8, Deliver 1)."""
    _, v = outcome
    assert not v.lots, explain(v.lots, "customers' expiry lots differ from the model")


def test_the_oracle_catches_and_names_every_kind_of_violation() -> None:
    """A harness that cannot fail proves nothing: books with one of each violation."""
    cid, exp = "cus_oracle", "2027-01-01T00:00:00Z"

    def txn(seq: int, kind: str, pts: int, after: int, reason: str, **meta: str) -> Txn:
        return Txn(seq, f"txn_{seq}", cid, kind, pts, after, reason, meta, None, None)

    ops = [
        Op(1, "redeem", "T1", cid, 200, "r1", "drop20", "offline", code="REDEEM-AAAA1111"),
        Op(2, "award", "T1", cid, 50, "a2", "drop20", "confirmed", outbox_id=2),
        Op(3, "award", "T2", cid, 25, "a3", "outage", "offline", outbox_id=3),
        Op(4, "adjust", "T1", cid, 10, "a4", "errors30", "refused", outbox_id=4),
    ]
    ops[0].reward_id = "rwd_xyz789"
    books = Books(balances={cid: 999}, lots={cid: {exp: 300}})
    books.txns[cid] += [
        txn(1, "earned", 500, 500, "seed"),
        txn(2, "redeemed", -200, 300, "Redeemed", code="REDEEM-AAAA1111"),
        txn(3, "earned", 50, 350, "a2"),
        txn(4, "earned", 50, 400, "a2"),
        txn(5, "adjusted", 10, 410, "a4"),
        txn(6, "earned", 7, 417, "mystery"),
    ]
    red = Red("red_1", cid, "rwd_xyz789", 200, "REDEEM-AAAA1111", 1000, "issued", "term_1")
    books.redemptions[red.code], books.by_id[red.id] = red, red
    books.answers["k9"] = StoredAnswer("k9", 402, {"error": {"code": "insufficient_balance"}})
    local = [
        LocalEntry("T1", 1, "redeem", "done", "k1", True, red.code, cid, False, "system"),
        LocalEntry("T1", 2, "award", "done", "k2", False, None, cid, False, "system"),
        LocalEntry("T2", 3, "award", "done", "k3", True, None, cid, False, "system"),
        LocalEntry("T2", 9, "award", "pending", "k9", True, None, cid, False, "system"),
    ]
    oracle = Oracle(
        ops, [Seed(cid, 500, exp, "seed")], local, {red.code: ("T1", "confirmed")}, books
    )
    v = oracle.judge()
    assert any("op#3 on T2" in x and "outbox #3" in x and cid in x for x in v.lost), v.lost
    assert any("op#2 on T1" in x and "2 times" in x for x in v.doubled), v.doubled
    assert any("op#4 on T1" in x for x in v.failed_but_applied), v.failed_but_applied
    assert any("outbox #9 on T2" in x for x in v.refusals_not_kept), v.refusals_not_kept
    assert any("mystery" in x for x in v.unexplained), v.unexplained
    assert any("backend balance 999" in x for x in v.balances), v.balances
    assert v.lots and v.not_drained


@pytest.mark.parametrize(
    ("note", "lots_ok"),
    [
        ("Abandoned at the counter: no answer in time", False),
        ("Applied after all: points given back; their expiry dates cannot be kept", True),
    ],
)
def test_the_oracle_wants_expiry_dates_back_or_a_note_saying_why(note: str, lots_ok: bool) -> None:
    cid, exp = "cus_oracle", "2027-01-01T00:00:00Z"
    op = Op(1, "redeem", "T2", cid, 200, "r1", "errors30", "refused", code="REDEEM-BBBB2222")
    op.reward_id, op.outbox_id, op.counter_error = "rwd_xyz789", 1, "unavailable"
    red = Red("red_2", cid, "rwd_xyz789", 200, "REDEEM-BBBB2222", 1000, "void", "term_2")
    books = Books(balances={cid: 500}, lots={cid: {exp: 300, None: 200}})
    books.txns[cid] += [
        Txn(1, "txn_1", cid, "earned", 500, 500, "seed", {}, exp, None),
        Txn(2, "txn_2", cid, "redeemed", -200, 300, "R", {"code": red.code}, None, red.id),
        Txn(3, "txn_3", cid, "adjusted", 200, 500, note, {}, None, red.id),
    ]
    books.redemptions[red.code], books.by_id[red.id] = red, red
    local = [LocalEntry("T2", 1, "redeem", "done", "k1", False, red.code, cid, True, "x")]
    seeds = [Seed(cid, 500, exp, "seed")]
    v = Oracle([op], seeds, local, {red.code: ("T2", "cancelled")}, books).judge()
    assert (not v.lots) is lots_ok, v.lots
    assert v.applied_then_voided and v.applied_though_never_applied
    assert not (v.lost or v.doubled or v.unexplained or v.balances or v.failed_but_applied)
    assert not (v.refusals_not_kept or v.conflicts_without_refusal or v.not_drained)


def test_the_oracle_catches_orders_and_returns_that_disagree_with_the_ledger() -> None:
    """A sale that earned twice, a return reversed twice, an order index row naming the
    wrong award, a return whose figures differ from the backend's: each is named."""
    cid = "cus_oracle"

    def txn(seq: int, type_: str, pts: int, after: int, reason: str, **meta: object) -> Txn:
        return Txn(seq, f"txn_{seq}", cid, type_, pts, after, reason, meta, None, None)

    sale = Op(1, "sale", "T1", cid, 97, "s1", "drop20", "confirmed", outbox_id=1)
    sale.order, sale.money = "ORD-1", 9700
    back = Op(2, "return", "T1", cid, 0, "r2", "wire", "confirmed", outbox_id=2)
    back.order, back.money = "ORD-1", 3333
    books = Books(balances={cid: 64}, lots={cid: {None: 64}})
    books.txns[cid] += [
        txn(1, "earned", 97, 97, "s1", order_id="ORD-1", amount=9700),
        txn(2, "adjusted", -33, 64, "r2", kind="return", order_id="ORD-1"),
    ]
    books.returns["ret_1"] = Ret("ret_1", cid, "ORD-1", 3333, 33, 0, "txn_2", "r2")
    books.returns["ret_2"] = Ret("ret_2", cid, "ORD-1", 3333, 0, 80, None, "r2")
    local = [
        LocalEntry("T1", 1, "award", "done", "k1", False, None, cid, False, "system"),
        LocalEntry("T1", 2, "return", "done", "k2", False, None, cid, False, "system"),
    ]
    orders = [
        LocalOrder("T1", "ORD-1", cid, 97, 1, "txn_99", "done"),
        LocalOrder("T2", "ORD-1", cid, 97, 7, "txn_1", "done"),
    ]
    returns = [LocalReturn("T1", "ORD-1", cid, 3333, 32, 33, 0, "ret_1", 2, "done")]
    v = Oracle([sale, back], [], local, {}, books, orders, returns).judge()
    assert any("op#2" in x and "2 times" in x for x in v.doubled), v.doubled
    assert any("order ORD-1" in x and "took back 113 of 97" in x for x in v.doubled), v.doubled
    assert any("counts as earned" in x for x in v.doubled), v.doubled
    assert any("txn_99" in x for x in v.orders), v.orders
    assert any("worked out 32" in x for x in v.returns), v.returns
    assert any("ret_2" in x and "no terminal" in x for x in v.returns), v.returns
