"""The audit chain against someone who can write the database (ISSUE8 #9): they can drop
the triggers, cut entries, fix `settings.audit_head`, even recompute every hash. The head
is anchored where the database alone cannot rewrite it (SQLite's AUTOINCREMENT counter, an
owner-only file beside the database, the end-of-day report, the backend's copy in each
operation's metadata), and `audit verify` names the anchor that disagrees."""

from __future__ import annotations

import json
import sqlite3
import stat
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest
from support.terminal_helpers import FakeClock, backend, open_terminal

from pos_app.render import report as render_report
from pos_app.sandbox import SandboxServer
from pos_app.services import auditing, points, redeem, report, staff
from pos_app.store import audit

ADA = "cus_abc123"
REWARD = "rwd_xyz789"
BOSS = staff.Credentials("Maryam", "73915428")


@pytest.fixture
def data(sandbox: SandboxServer, tmp_path: Path) -> Path:
    """A terminal that did a day's work and closed (so its anchor file was written)."""
    directory = tmp_path / "terminal"
    clock = FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    with open_terminal(directory, sandbox, clock=clock) as t:
        staff.add_staff(t, BOSS.name, "manager", BOSS.pin, actor="system")
        staff.add_staff(t, "Chidi", "cashier", "52817", actor="system", manager=BOSS)
        redeem.redeem(t, ADA, REWARD, operator="Chidi")
        points.award(t, ADA, 40, "Purchase", operator="Chidi")
        redeem.redeem(t, ADA, REWARD, operator="Chidi")
    return directory


def tamper(directory: Path, sql: str) -> None:
    with closing(sqlite3.connect(directory / "terminal.db")) as raw:
        raw.executescript(
            "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;" + sql
        )


def rechain(directory: Path) -> None:
    """What a careful forger does after any change: recompute every link and hash, and
    the recorded head, so the chain itself is consistent again."""
    with closing(sqlite3.connect(directory / "terminal.db")) as raw:
        raw.row_factory = sqlite3.Row
        prev = audit.GENESIS
        for row in raw.execute("SELECT * FROM audit ORDER BY seq").fetchall():
            digest = audit._digest(
                prev, row["at"], row["actor"], row["action"], row["subject"], row["details"]
            )
            raw.execute(
                "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, row["seq"])
            )
            prev, last = digest, row["seq"]
        raw.execute("INSERT OR REPLACE INTO settings VALUES ('audit_head', ?)", (f"{last}:{prev}",))
        raw.commit()


def verify(sandbox: SandboxServer, directory: Path, *heads: str) -> list[str]:
    with open_terminal(directory, sandbox) as t:
        found = auditing.verify(t, heads) if heads else auditing.verify(t)
        return [f"#{p.seq}: {p.problem}" for p in found]


def head_of(sandbox: SandboxServer, directory: Path) -> str:
    with open_terminal(directory, sandbox) as t:
        found = auditing.head(t)
    assert found is not None
    return found


CUT_THREE = (
    "DELETE FROM audit WHERE seq > (SELECT max(seq) - 3 FROM audit);"
    "DELETE FROM settings WHERE key = 'audit_head';"
)


def test_an_untouched_log_is_intact_and_anchored(sandbox: SandboxServer, data: Path) -> None:
    assert verify(sandbox, data) == []
    anchor = data / audit.ANCHOR_FILE
    assert anchor.read_text().strip() == head_of(sandbox, data)
    assert stat.S_IMODE(anchor.stat().st_mode) == 0o600


def test_cutting_the_newest_entries_and_the_head_is_detected(
    sandbox: SandboxServer, data: Path
) -> None:
    """The issue's attack: it used to give "The audit log is intact"."""
    tamper(data, CUT_THREE)
    problems = verify(sandbox, data)
    assert any("sqlite_sequence" in p for p in problems), problems
    assert any("anchor file" in p for p in problems), problems


def test_cutting_and_fixing_sqlites_counter_is_caught_by_the_anchor_file(
    sandbox: SandboxServer, data: Path
) -> None:
    tamper(
        data,
        CUT_THREE + "UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM audit) "
        "WHERE name = 'audit';",
    )
    problems = verify(sandbox, data)
    assert problems and all("sqlite_sequence" not in p for p in problems), problems
    assert any("anchor file" in p and "removed" in p for p in problems), problems


def test_removing_the_anchor_file_too_is_detected(sandbox: SandboxServer, data: Path) -> None:
    tamper(data, CUT_THREE + "UPDATE sqlite_sequence SET seq = 1 WHERE name = 'audit';")
    (data / audit.ANCHOR_FILE).unlink()
    problems = verify(sandbox, data)
    assert any("has been removed" in p for p in problems), problems


def test_a_head_on_paper_catches_what_the_terminal_cannot(
    sandbox: SandboxServer, data: Path
) -> None:
    """Everything on the terminal rewritten consistently: only an outside copy tells."""
    with open_terminal(data, sandbox) as t:
        printed = report.daily(t).as_json()["audit_head"]
    assert printed == head_of(sandbox, data)
    tamper(
        data,
        CUT_THREE + "UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM audit) "
        "WHERE name = 'audit'; DELETE FROM settings WHERE key = 'audit_anchored';",
    )
    (data / audit.ANCHOR_FILE).unlink()
    assert verify(sandbox, data) == []  # nothing left on the terminal disagrees...
    problems = verify(sandbox, data, printed)
    assert any(f"the head {printed}" in p and "removed" in p for p in problems), problems


@pytest.mark.parametrize(
    ("sql", "what"),
    [
        pytest.param("UPDATE audit SET actor = 'Maryam' WHERE action = 'award.created';", "edit"),
        pytest.param("DELETE FROM audit WHERE seq = 3;", "delete-middle"),
        pytest.param(
            "UPDATE audit SET seq = seq + 1000 WHERE seq > 4;"
            "UPDATE audit SET seq = seq - 999 WHERE seq > 1000;"
            "INSERT INTO audit (seq, at, actor, action, subject, details, prev_hash, hash) "
            "VALUES (5, '2026-11-25T12:00:00.000000Z', 'Maryam', 'approval.granted', NULL, "
            "'{}', '', '');",
            "insert-middle",
        ),
    ],
)
def test_rewritten_chains_are_caught_by_the_anchors(
    sandbox: SandboxServer, data: Path, sql: str, what: str
) -> None:
    printed = head_of(sandbox, data)
    tamper(data, sql)
    assert verify(sandbox, data), f"{what}: the chain itself should break"
    rechain(data)  # now the chain is consistent again: the anchors must tell
    problems = verify(sandbox, data)
    assert any("anchor file" in p for p in problems), (what, problems)
    assert any("the head" in p for p in verify(sandbox, data, printed)), what


def test_the_backend_keeps_each_operations_audit_head(sandbox: SandboxServer, data: Path) -> None:
    with backend(sandbox) as client:
        sent = [
            r.metadata.get("audit_head")
            for r in client.iter_all(client.list_redemptions, limit=100)
            if r.metadata and r.metadata.get("audit_head")
        ]
    assert len(sent) == 2, sent
    assert verify(sandbox, data, *sent) == []
    tamper(data, CUT_THREE)
    rechain(data)
    problems = verify(sandbox, data, *sent)
    assert any("the head" in p for p in problems), problems


def test_the_report_carries_the_head_in_every_format(
    sandbox: SandboxServer, data: Path, tmp_path: Path
) -> None:
    head = head_of(sandbox, data)
    with open_terminal(data, sandbox) as t:
        found = report.daily(t, day=datetime(2026, 11, 25).date()).as_json()
    assert found["audit_head"] == head
    assert f"Audit head: {head}" in render_report.to_table(found)
    assert f"audit_head,audit_head,,,,{head}" in render_report.to_csv(found)
    assert json.loads(json.dumps(found))["audit_head"] == head
    pdf = tmp_path / "day.pdf"
    render_report.to_pdf(found, pdf)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert head.split(":")[0] in text and head.split(":")[1][:16] in text.replace("\n", "")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600


def test_the_anchor_file_is_never_moved_on_past_a_tampered_log(
    sandbox: SandboxServer, data: Path
) -> None:
    """Every command closes the terminal, which moves the anchor to the new head: never
    over a log that no longer agrees with it, or the next close would bless the cut."""
    anchored = (data / audit.ANCHOR_FILE).read_text()
    tamper(data, CUT_THREE)
    for _ in range(3):  # open and close, as every command does
        assert verify(sandbox, data)
    assert (data / audit.ANCHOR_FILE).read_text() == anchored
    with open_terminal(data, sandbox) as t:  # even after new work on the cut log
        points.award(t, ADA, 5, "Purchase")
    assert (data / audit.ANCHOR_FILE).read_text() == anchored
    assert any("anchor file" in p for p in verify(sandbox, data))
