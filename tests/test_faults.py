"""The fault suite (issue 8, Deliver 2): redemptions, awards, adjustments and voids from
several terminals while the sandbox switches between an outage, 30% errors, latency, 20%
answers dropped after the backend applied the request, and rate limiting. Then the faults
stop, every terminal syncs until its queue drains, and the promise is checked operation by
operation against the backend's own database:

- every operation the counter reported as done (or handed out offline) is on the backend
  exactly once, with the terminal's amount, customer and expiry, or it is a conflict the
  terminal kept and the backend really refused;
- nothing reported as failed was applied (an applied-then-voided redemption is reported);
- every refusal the backend stored is a kept conflict (or the refusal the cashier saw);
- nothing is on the backend that no terminal made;
- every balance, after every transaction, and every customer's expiry lots equal the
  terminals' records replayed in the backend's order.

Short form in the default run (about 200 operations); POS_APP_SOAK=1 for the long form
(at least 1,000 operations, 50 customers, 2 terminals). Fixed seeds, printed. A failure
names the operation: kind, terminal, outbox id, code, customer, fault phase, report.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability.books import read_books
from reliability.fault_run import Plan, Run, drive
from reliability.injected import FaultCounter
from reliability.oracle import Oracle, Verdict, explain
from reliability.soak import SOAK, figures, scale

from pos_app.domain import pins
from pos_app.sandbox import SandboxServer

SEED = 20261126
PLAN = Plan(
    seed=SEED,
    operations=scale(200, 1200),
    customers=50,
    terminals=2,
    phase_length=scale(12, 40),
    latency_ms=scale(60, 500),
    sync_every=scale(15, 25),
)

pytestmark = pytest.mark.timeout(scale(150, 3600))


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
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pins, "SCRYPT_N", 2**12)  # the same scrypt path, cheaper (approvals)
        server.start()
        try:
            run = drive(server, counter, root, PLAN)
            books = read_books(db, set(run.customers))
        finally:
            server.close()
    verdict = Oracle(run.ops, run.seeds, run.local, run.local_status, books).judge()
    done = sum(op.done for op in run.ops)
    kinds = {k: sum(op.kind == k for op in run.ops) for k in ("redeem", "award", "adjust", "void")}
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
        reported_done=done,
        reported_failed=len(run.ops) - done,
        faults_injected=sum(run.faults.values()),
        **{f"faults_{k}": v for k, v in run.faults.items()},
        losses=len(verdict.lost),
        duplicates=len(verdict.doubled),
        conflicts=verdict.conflicts,
        failed_but_applied=len(verdict.failed_but_applied),
        applied_then_voided=len(verdict.applied_then_voided),
        auto_voids=verdict.auto_voids,
        balance_mismatches=len(verdict.balances),
        lot_mismatches=len(verdict.lots),
        final_sync_rounds=max(run.final_sync_rounds.values()),
        seconds=round(run.seconds, 1),
    )
    for line in verdict.applied_then_voided[:10]:
        print(f"applied then voided: {line}")
    yield run, verdict


def test_the_run_is_the_size_the_issue_asks(outcome: tuple[Run, Verdict]) -> None:
    run, _ = outcome
    assert len(run.ops) >= (1000 if SOAK else 150)
    assert len(run.customers) >= 50 and PLAN.terminals >= 2
    kinds = {op.kind for op in run.ops}
    assert kinds == {"redeem", "award", "adjust", "void"}, kinds
    assert set(run.faults) >= {"outage", "error", "latency", "drop", "rate_limit"}, run.faults


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


def test_balances_equal_the_terminals_records(outcome: tuple[Run, Verdict]) -> None:
    _, v = outcome
    assert not v.balances, explain(v.balances, "balances differ from the model")


def test_expiry_lots_equal_the_terminals_records(outcome: tuple[Run, Verdict]) -> None:
    _, v = outcome
    assert not v.lots, explain(v.lots, "customers' expiry lots differ from the model")
