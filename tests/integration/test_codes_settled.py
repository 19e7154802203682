"""What a code check returns for a spent code: when, where and by whom, from this
terminal's own records and the backend's, and nothing guessed (no Qt here)."""

from __future__ import annotations

from pathlib import Path

from support.terminal_helpers import backend, key, open_terminal

from pos_app.domain.models import RedemptionStatus
from pos_app.sandbox import SandboxServer
from pos_app.services import Terminal, codes, redeem

ADA = "cus_abc123"


def made(t: Terminal) -> str:
    result = redeem.redeem(t, ADA, "rwd_xyz789")
    redeem.mark_shown(t, result.code)
    return result.code


def test_a_code_used_here_offline_says_here_when_and_by_whom(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    with open_terminal(tmp_path / "till", sandbox) as t:
        code = made(t)
        sandbox.faults.update(outage=True)
        codes.use(t, code, operator="Chidi")
        status = codes.verify(t, code)
        assert (status.source, status.redemption.status) == ("cache", RedemptionStatus.USED)
        assert status.settled is not None
        assert (status.settled.here, status.settled.terminal_id, status.settled.by) == (
            True,
            t.terminal_id,
            "Chidi",
        )
        assert status.settled.at is not None
        assert status.as_json()["settled"] == {
            "at": status.settled.at.isoformat(),
            "here": True,
            "terminal_id": t.terminal_id,
            "by": "Chidi",
            "approved_by": None,
        }


def test_system_is_nobody_and_another_till_knows_no_name(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    with open_terminal(tmp_path / "till", sandbox) as t:
        here, elsewhere = made(t), made(t)
        codes.use(t, here)  # no person given: recorded as "system", which names nobody
        with backend(sandbox) as c:
            used = c.use_redemption(elsewhere, idempotency_key=key())
        mine = codes.verify(t, here).settled
        theirs = codes.verify(t, elsewhere).settled
    assert mine is not None and mine.here and mine.by is None
    assert theirs is not None
    assert (theirs.here, theirs.terminal_id, theirs.by) == (False, None, None)
    assert theirs.at == used.used_at
