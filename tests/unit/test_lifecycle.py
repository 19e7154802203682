"""A redemption's lifecycle (domain/lifecycle.py): the store refuses every status change the
table does not allow, and makes every one it does. Every pair of statuses is tried."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pos_app.domain import lifecycle
from pos_app.domain.lifecycle import IllegalTransition
from pos_app.domain.models import HANDED_OUT, LocalRedemption, RedemptionStatus
from pos_app.store import Database, open_database, redemptions

T0 = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
S = RedemptionStatus

# The lifecycle, written out independently of the table it checks (besides restating a
# status, which is always allowed).
ALLOWED = {
    (S.PENDING, S.CONFIRMED),  # the backend accepted it
    (S.PENDING, S.OFFLINE),  # no answer; the offline policy handed it out
    (S.PENDING, S.REJECTED),  # refused before it was handed out
    (S.PENDING, S.CANCELLED),  # no answer; outside the offline policy
    (S.PENDING, S.USED),  # the backend's fact, pulled
    (S.PENDING, S.VOID),  # the backend's fact, pulled
    (S.OFFLINE, S.CONFIRMED),  # synced
    (S.OFFLINE, S.CONFLICT),  # refused after it was handed out
    (S.OFFLINE, S.USED),  # used at the counter before it synced
    (S.OFFLINE, S.VOID),  # a manager voided it
    (S.CONFIRMED, S.USED),
    (S.CONFIRMED, S.VOID),
    (S.CONFLICT, S.OFFLINE),  # a manager's retry
    (S.CONFLICT, S.VOID),  # a manager's void_local, or the backend's fact
    (S.CONFLICT, S.USED),  # the backend's fact
    (S.USED, S.CONFLICT),  # used offline, then the redemption itself was refused
    (S.USED, S.VOID),  # the backend's fact
    (S.VOID, S.CONFLICT),  # voided offline, then the redemption itself was refused
    (S.VOID, S.USED),  # the backend's fact
    (S.CANCELLED, S.VOID),  # abandoned, applied after all, and voided by the sync engine
    (S.CANCELLED, S.USED),  # the backend's fact
}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("lifecycle"))
    try:
        yield db
    finally:
        db.close()


def a_redemption(code: str, status: RedemptionStatus) -> LocalRedemption:
    return LocalRedemption(
        code=code,
        customer_id="cus_a",
        customer_name="Ada",
        reward_id="rwd_a",
        reward_name="Coffee",
        points=100,
        discount_amount=500,
        currency="NGN",
        status=status,
        remote_id=None,
        balance_after=None,
        terminal_id="till-1",
        operator="amaka",
        occurred_at=T0,
        created_at=T0,
        shown_at=None,
        refusal_code=None,
        refusal_message=None,
    )


def status_of(conn: sqlite3.Connection, code: str) -> RedemptionStatus:
    found = redemptions.get(conn, code)
    assert found is not None
    return found.status


@pytest.mark.parametrize(("old", "new"), list(itertools.product(S, S)), ids=str)
def test_the_store_makes_every_allowed_change_and_refuses_every_other(
    database: Database, old: RedemptionStatus, new: RedemptionStatus
) -> None:
    code = f"L-{old.value}-{new.value}"
    with database.transaction() as conn:
        redemptions.insert(conn, a_redemption(code, old), outbox_id=None)
    allowed = old is new or (old, new) in ALLOWED
    assert lifecycle.may_become(old, new) is allowed
    if allowed:
        with database.transaction() as conn:
            redemptions.set_status(conn, code, new, now=T0 + timedelta(seconds=1))
        assert status_of(database.conn, code) is new
    else:
        with pytest.raises(IllegalTransition) as refused, database.transaction() as conn:
            redemptions.set_status(conn, code, new, now=T0 + timedelta(seconds=1))
        assert (refused.value.old, refused.value.new) == (old, new)
        assert status_of(database.conn, code) is old  # the transaction rolled back


def test_the_table_names_every_status() -> None:
    assert set(lifecycle.TRANSITIONS) == set(S)
    assert all(old not in nexts for old, nexts in lifecycle.TRANSITIONS.items())


def test_a_pull_does_not_take_over_a_fact_the_lifecycle_refuses(database: Database) -> None:
    """A rejected redemption never reached the backend: a pulled `used` for its code
    (another redemption's) leaves it rejected."""
    with database.transaction() as conn:
        redemptions.insert(conn, a_redemption("L-PULLED", S.REJECTED), outbox_id=None)
        redemptions.upsert_remote(conn, a_redemption("L-PULLED", S.USED))
    assert status_of(database.conn, "L-PULLED") is S.REJECTED


def test_changing_the_status_of_an_unknown_code_is_a_no_op(database: Database) -> None:
    with database.transaction() as conn:
        redemptions.set_status(conn, "L-NOBODY", S.VOID, now=T0)
    assert redemptions.get(database.conn, "L-NOBODY") is None


def test_handed_out_means_a_usable_code() -> None:
    assert set(HANDED_OUT) == {S.CONFIRMED, S.OFFLINE}


def test_a_code_in_play_but_never_shown_is_listed(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    try:
        with db.transaction() as conn:
            for status in S:
                redemptions.insert(conn, a_redemption(f"U-{status.value}", status), outbox_id=None)
        listed = {red.status for red in redemptions.unshown(db.conn)}
    finally:
        db.close()
    assert listed == {S.PENDING, S.CONFIRMED, S.OFFLINE}
