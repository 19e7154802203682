"""Store managers: PINs, lock-out, approvals, adjustments, voids, conflict resolution,
the daily report against the backend, and the tamper-evident audit log."""

from __future__ import annotations

import base64
import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdf
import pytest
from support.terminal_helpers import (
    CHEAP_PINS,
    FakeClock,
    backend,
    backend_redemptions_with_code,
    key,
    open_terminal,
)

from pos_app.domain import pins
from pos_app.domain.models import RedemptionStatus
from pos_app.domain.offline_policy import OfflinePolicy
from pos_app.render import report as render_report
from pos_app.sandbox import SandboxServer
from pos_app.services import (
    BadInput,
    Refused,
    Terminal,
    approvals,
    auditing,
    redeem,
    report,
    staff,
    syncing,
)
from pos_app.store import audit, redemptions
from pos_app.store import staff as store_staff

ADA = "cus_abc123"
REWARD = "rwd_xyz789"
MANAGER_PIN = "73915428"
CASHIER_PIN = "52817"
BOSS = staff.Credentials("Maryam", MANAGER_PIN)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


@pytest.fixture
def t(sandbox: SandboxServer, tmp_path: Path, clock: FakeClock) -> Iterator[Terminal]:
    with open_terminal(tmp_path / "terminal", sandbox, clock=clock) as terminal:
        staff.add_staff(terminal, "Maryam", "manager", MANAGER_PIN, actor="system")
        staff.add_staff(terminal, "Chidi", "cashier", CASHIER_PIN, actor="system", manager=BOSS)
        syncing.sync_once(terminal)
        yield terminal


def ok(t: Terminal, action: str, reason: str = "checked with the customer") -> staff.Approval:
    return staff.approve(t, "Maryam", MANAGER_PIN, action=action, subject=None, reason=reason)


# ---------------------------------------------------------------- PINs
def test_pin_hash_uses_owasp_parameters_and_a_fresh_salt() -> None:
    first = pins.hash_pin("73915428")
    scheme, n, r, p, salt, digest = first.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**17, 8, 1)
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(digest)) == 32
    assert first != pins.hash_pin("73915428")  # salted
    assert pins.verify_pin("73915428", first)
    assert not pins.verify_pin("73915429", first)
    assert "73915428" not in first


def test_a_terminal_hashes_pins_at_the_cost_it_is_given(t: Terminal) -> None:
    """The cost is the terminal's (tests give a cheap one); a PIN hashed at less than the
    terminal's cost is hashed again when it is next used."""
    assert t.pin_cost == CHEAP_PINS and Terminal.__init__.__kwdefaults__["pin_cost"] is pins.OWASP
    (maryam,) = [row for row in store_staff.all_staff(t.db.conn) if row.name == "Maryam"]
    assert maryam.pin_hash.split("$")[1:4] == ["4096", "8", "1"]
    assert not pins.needs_rehash(maryam.pin_hash, CHEAP_PINS)
    assert pins.needs_rehash(maryam.pin_hash, pins.OWASP)


@pytest.mark.parametrize(
    "bad", ["", "123", "123456789", "12a4", "١٢٣٤٥", "0000", "1234", "98765", " 2468", "24 68"]
)
def test_bad_pins_are_refused(t: Terminal, bad: str) -> None:
    with pytest.raises(BadInput) as refused:
        staff.add_staff(t, "New Person", "cashier", bad, actor="system")
    assert "PIN" in refused.value.message


def test_lock_out_after_five_failures_for_thirty_minutes(t: Terminal, clock: FakeClock) -> None:
    for left in (4, 3, 2, 1):
        with pytest.raises(Refused) as wrong:
            staff.sign_in(t, "Chidi", "00000001")
        assert wrong.value.code == "wrong_pin" and f"{left} more" in wrong.value.message
    with pytest.raises(Refused) as locked:
        staff.sign_in(t, "Chidi", "00000001")
    assert locked.value.code == "staff_locked"
    with pytest.raises(Refused) as still:
        staff.sign_in(t, "Chidi", CASHIER_PIN)  # even the right PIN, while locked
    assert still.value.code == "staff_locked"
    clock.advance(29 * 60)
    with pytest.raises(Refused):
        staff.sign_in(t, "Chidi", CASHIER_PIN)
    clock.advance(2 * 60)
    assert staff.sign_in(t, "Chidi", CASHIER_PIN).name == "Chidi"
    # A success starts the count again.
    with pytest.raises(Refused) as again:
        staff.sign_in(t, "Chidi", "00000001")
    assert "4 more" in again.value.message


def test_reset_pin_lifts_a_lock_out(t: Terminal) -> None:
    for _ in range(5):
        with pytest.raises(Refused):
            staff.sign_in(t, "Chidi", "00000001")
    staff.reset_pin(t, "Chidi", "86420", actor="Maryam", manager=BOSS)
    assert staff.sign_in(t, "Chidi", "86420").role == "cashier"


def test_accounts_rules(t: Terminal, tmp_path: Path, sandbox: SandboxServer) -> None:
    with pytest.raises(Refused):
        staff.add_staff(t, "maryam", "cashier", "86420", actor="system")  # same name
    with pytest.raises(Refused) as last:
        staff.disable_staff(t, "Maryam", actor="system")
    assert last.value.code == "last_manager"
    staff.disable_staff(t, "Chidi", actor="Maryam", manager=BOSS)
    with pytest.raises(Refused) as disabled:
        staff.sign_in(t, "Chidi", CASHIER_PIN)
    assert disabled.value.code == "staff_disabled"
    with open_terminal(tmp_path / "fresh", sandbox) as fresh, pytest.raises(BadInput):
        staff.add_staff(fresh, "First", "cashier", "86420", actor="system")


def test_pins_never_reach_the_database_or_the_audit_log(t: Terminal) -> None:
    staff.sign_in(t, "Maryam", MANAGER_PIN)
    with pytest.raises(Refused):
        staff.sign_in(t, "Chidi", "60606061")
    raw = b"".join(p.read_bytes() for p in t.db.path.parent.glob("terminal.db*"))
    for pin in (MANAGER_PIN.encode(), b"60606061"):
        assert pin not in raw
    assert audit.verify(t.db.conn) == []


# ---------------------------------------------------------------- approvals
def test_only_a_manager_with_the_right_pin_and_a_reason_approves(t: Terminal) -> None:
    with pytest.raises(Refused) as cashier:
        staff.approve(t, "Chidi", CASHIER_PIN, action="adjust", subject=ADA, reason="x")
    assert cashier.value.code == "not_a_manager"
    with pytest.raises(Refused):
        staff.approve(t, "Maryam", "11112222", action="adjust", subject=ADA, reason="x")
    with pytest.raises(BadInput):
        staff.approve(t, "Maryam", MANAGER_PIN, action="adjust", subject=ADA, reason="  ")
    approval = ok(t, "adjust", "till miscount")
    assert (approval.manager, approval.action) == ("Maryam", "adjust")
    newest = auditing.entries(t, 1)[0]
    assert (newest["actor"], newest["action"]) == ("Maryam", "approval.granted")
    assert json.loads(newest["details"]) == {"for": "adjust", "reason": "till miscount"}


def test_offline_override_goes_past_the_policy_and_is_audited(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    with open_terminal(
        tmp_path / "t2", sandbox, policy=OfflinePolicy(max_points_per_redemption=100)
    ) as t2:
        staff.add_staff(t2, "Maryam", "manager", MANAGER_PIN, actor="system")
        syncing.sync_once(t2)
        sandbox.faults.update(outage=True)
        with pytest.raises(Refused) as refused:
            redeem.redeem(t2, ADA, REWARD, operator="system")
        assert "ask a manager" in refused.value.message
        approval = staff.approve(
            t2,
            "Maryam",
            MANAGER_PIN,
            action="offline_override",
            subject=ADA,
            reason="regular customer, known balance",
        )
        result = redeem.redeem(t2, ADA, REWARD, operator="system", override=approval)
        assert result.status == "offline"
        overrides = [
            e for e in auditing.entries(t2, 50) if e["action"] == "redeem.offline_override"
        ]
        assert overrides and overrides[0]["actor"] == "Maryam"
        sandbox.faults.update(outage=False)
        syncing.sync_once(t2)
        assert len(backend_redemptions_with_code(sandbox, result.code)) == 1


def test_services_refuse_without_an_approval_for_that_action(t: Terminal) -> None:
    with pytest.raises(Refused) as missing:
        approvals.adjust(t, ADA, 10, "x", approval=None)
    assert missing.value.code == "approval_required"
    with pytest.raises(Refused):
        approvals.adjust(t, ADA, 10, "x", approval=ok(t, "void"))  # approved for something else


# ---------------------------------------------------------------- adjust and void
def test_adjustment_online_and_offline(t: Terminal, sandbox: SandboxServer) -> None:
    assert (
        approvals.adjust(
            t, ADA, -50, "Double scan", approval=ok(t, "adjust"), operator="Chidi"
        ).balance_after
        == 450
    )
    with pytest.raises(Refused) as too_much:
        approvals.adjust(t, ADA, -1000, "x", approval=ok(t, "adjust"))
    assert too_much.value.code == "insufficient_balance"
    sandbox.faults.update(outage=True)
    assert approvals.adjust(t, ADA, 25, "Goodwill", approval=ok(t, "adjust")).status == "offline"
    sandbox.faults.update(outage=False)
    syncing.sync_once(t)
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 475
        latest = c.list_points(customer_id=ADA, limit=1).data[0]
        assert latest.metadata["approved_by"] == "Maryam"


def test_void_gives_points_back_online_and_offline(t: Terminal, sandbox: SandboxServer) -> None:
    first = redeem.redeem(t, ADA, REWARD, operator="Chidi")
    assert (
        approvals.void(t, first.code, "Wrong reward", approval=ok(t, "void")).status == "confirmed"
    )
    assert backend_redemptions_with_code(sandbox, first.code)[0].status.value == "void"
    sandbox.faults.update(outage=True)
    second = redeem.redeem(t, ADA, REWARD, operator="Chidi")
    assert second.status == "offline"
    assert (
        approvals.void(t, second.code, "Customer left", approval=ok(t, "void")).status == "offline"
    )
    with pytest.raises(Refused):
        approvals.void(t, second.code, "again", approval=ok(t, "void"))
    sandbox.faults.update(outage=False)
    syncing.sync_once(t)
    assert backend_redemptions_with_code(sandbox, second.code)[0].status.value == "void"
    with backend(sandbox) as c:
        assert c.get_customer(ADA).points_balance == 500


# ---------------------------------------------------------------- conflicts
def make_conflict(t: Terminal, sandbox: SandboxServer) -> tuple[int, str]:
    sandbox.faults.update(outage=True)
    offline = redeem.redeem(t, ADA, REWARD, operator="Chidi")
    sandbox.faults.update(outage=False)
    with backend(sandbox) as c:
        c.redeem_points(customer_id=ADA, reward_id="rwd_off2500", points=450, idempotency_key=key())
    syncing.sync_once(t)
    (conflict,) = syncing.conflicts(t)
    return conflict.entry.id, offline.code


def test_resolve_by_retry_after_something_changed(t: Terminal, sandbox: SandboxServer) -> None:
    entry_id, code = make_conflict(t, sandbox)
    with backend(sandbox) as c:  # the customer brought points back
        c.award_points(customer_id=ADA, points=300, idempotency_key=key())
    result = approvals.resolve_conflict(
        t,
        entry_id,
        "retry",
        "customer topped up",
        approval=ok(t, "resolve_conflict"),
        operator="Chidi",
    )
    assert "sent again" in result.message
    assert result.new_entry_id is not None and result.new_entry_id > entry_id
    syncing.sync_once(t)
    assert syncing.conflicts(t) == []
    assert len(backend_redemptions_with_code(sandbox, code)) == 1


@pytest.mark.parametrize(
    ("resolution", "status"),
    [("accept_loss", RedemptionStatus.CONFLICT), ("void_local", RedemptionStatus.VOID)],
)
def test_resolve_by_accepting_the_loss_or_voiding(
    t: Terminal, sandbox: SandboxServer, resolution: str, status: RedemptionStatus
) -> None:
    entry_id, code = make_conflict(t, sandbox)
    approvals.resolve_conflict(
        t, entry_id, resolution, "discussed with the customer", approval=ok(t, "resolve_conflict")
    )
    assert syncing.conflicts(t) == []
    assert syncing.status(t, probe=False).conflicts == 0
    assert redemptions.get(t.db.conn, code).status is status  # type: ignore[union-attr]
    row = t.db.conn.execute("SELECT * FROM outbox WHERE id = ?", (entry_id,)).fetchone()
    assert (row["state"], row["resolution"], row["resolved_by"]) == (
        "resolved",
        resolution,
        "Maryam",
    )
    assert any(e["action"] == f"conflict.{resolution}" for e in auditing.entries(t, 20))
    with pytest.raises(Refused):
        approvals.resolve_conflict(
            t, entry_id, "retry", "twice", approval=ok(t, "resolve_conflict")
        )


# ---------------------------------------------------------------- the daily report
def test_report_agrees_with_the_backend(
    t: Terminal, sandbox: SandboxServer, clock: FakeClock
) -> None:
    with backend(sandbox) as c:
        c.award_points(customer_id=ADA, points=2000, idempotency_key=key())
    redeem.redeem(t, ADA, REWARD, operator="Chidi")
    clock.advance(3600)
    redeem.redeem(t, ADA, "rwd_drink150", operator="Maryam")
    sandbox.faults.update(outage=True)
    offline = redeem.redeem(t, ADA, REWARD, operator="Chidi")
    voided = redeem.redeem(t, ADA, "rwd_drink150", operator="Chidi")
    approvals.void(t, voided.code, "mistake", approval=ok(t, "void"))
    sandbox.faults.update(outage=False)
    syncing.sync_once(t)
    found = report.daily(t, day=clock.now.date()).as_json()
    assert (found["redemptions"], found["points_redeemed"], found["discount_total"]) == (
        3,
        550,
        2500,
    )
    assert (found["offline"], found["voids"], found["conflicts"]) == (1, 1, 0)
    assert {line["key"]: line["count"] for line in found["by_cashier"]} == {"Chidi": 2, "Maryam": 1}
    assert sum(line["count"] for line in found["by_hour"]) == 3
    assert found["by_hour"][12]["count"] == 1 and found["by_hour"][13]["count"] == 2
    # The backend's own list, for this terminal and day, says the same.
    with backend(sandbox) as c:
        remote = [
            r
            for r in c.iter_all(c.list_redemptions, terminal_id=t.terminal_id, limit=100)
            if r.status.value != "void"
        ]
    assert len(remote) == found["redemptions"]
    assert sum(r.points for r in remote) == found["points_redeemed"]
    assert sum(r.discount_amount for r in remote) == found["discount_total"]
    by_reward = {line["key"]: line["count"] for line in found["by_reward"]}
    assert by_reward == {REWARD: 2, "rwd_drink150": 1}
    store = report.daily(t, day=clock.now.date(), scope="store").as_json()
    assert store["redemptions"] >= found["redemptions"]
    assert store["points_awarded"] is None and store["offline"] is None
    assert offline.code


def test_days_are_the_stores_local_days(sandbox: SandboxServer, tmp_path: Path) -> None:
    late = FakeClock(datetime(2026, 11, 25, 23, 30, tzinfo=UTC))  # 00:30 in Lagos
    with open_terminal(tmp_path / "lagos", sandbox, clock=late, timezone="Africa/Lagos") as t2:
        syncing.sync_once(t2)
        redeem.redeem(t2, ADA, REWARD)
        next_day = report.daily(t2, day=datetime(2026, 11, 26).date()).as_json()
        same_day = report.daily(t2, day=datetime(2026, 11, 25).date()).as_json()
    assert (next_day["redemptions"], same_day["redemptions"]) == (1, 0)
    assert next_day["by_hour"][0]["count"] == 1 and next_day["timezone"] == "Africa/Lagos"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"date_from": datetime(2026, 11, 25).date(), "date_to": datetime(2026, 11, 1).date()},
            "ends before",
        ),
        (
            {"date_from": datetime(2024, 1, 1).date(), "date_to": datetime(2026, 1, 1).date()},
            "at most",
        ),
        ({"day": datetime(2026, 1, 1).date(), "date_from": datetime(2026, 1, 1).date()}, "either"),
    ],
)
def test_report_refuses_bad_ranges(t: Terminal, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(BadInput) as refused:
        report.daily(t, **kwargs)
    assert message in refused.value.message


def test_csv_and_pdf_exports(t: Terminal, tmp_path: Path, clock: FakeClock) -> None:
    redeem.redeem(t, ADA, REWARD, operator="Chidi")
    found = report.daily(t, day=clock.now.date()).as_json()
    rows = list(csv.DictReader(io.StringIO(render_report.to_csv(found))))
    totals = {r["key"]: r["value"] for r in rows if r["section"] == "total"}
    assert totals["redemptions"] == "1" and totals["discount_total"] == "1000"
    rewards = [r for r in rows if r["section"] == "reward"]
    assert [(r["key"], r["count"], r["points"]) for r in rewards] == [(REWARD, "1", "200")]
    assert len([r for r in rows if r["section"] == "hour"]) == 24
    pdf = tmp_path / "eod.pdf"
    render_report.to_pdf(found, pdf)
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "End-of-day redemption report" in text
    assert "₦1,000 off" in text and "NGN" not in text and "Chidi" in text


# ---------------------------------------------------------------- the audit log
def tamper(path: Path, sql: str) -> None:
    raw = sqlite3.connect(path)
    raw.executescript("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;" + sql)
    raw.close()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit SET details = '{\"points\":1}' WHERE seq = 3;",
        "UPDATE audit SET actor = 'Chidi' WHERE seq = 4;",
        "DELETE FROM audit WHERE seq = 2;",
        "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit);",
    ],
)
def test_audit_verify_detects_edits_and_deletions(t: Terminal, sql: str) -> None:
    redeem.redeem(t, ADA, REWARD, operator="Chidi")
    assert auditing.verify(t) == []
    tamper(t.db.path, sql)
    assert auditing.verify(t) != []


def test_audit_is_append_only_and_exports(t: Terminal) -> None:
    with pytest.raises(sqlite3.DatabaseError):
        t.db.conn.execute("DELETE FROM audit")
    lines = auditing.export(t, "json").splitlines()
    assert all("hash" in json.loads(line) for line in lines)
    rows = list(csv.DictReader(io.StringIO(auditing.export(t, "csv"))))
    assert len(rows) == len(lines) and rows[0]["prev_hash"] == "0" * 64
    assert MANAGER_PIN not in auditing.export(t, "csv")
