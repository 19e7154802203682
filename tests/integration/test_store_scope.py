"""Stores (issue 11 #6): store_id from config.toml goes with every operation, and the
manager's "whole store" report asks the backend for this store only; "whole merchant" is
a separate scope."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from support.terminal_helpers import FakeClock, backend, open_terminal

from pos_app.config import AwardLimits
from pos_app.render import report as render_report
from pos_app.sandbox import SandboxServer
from pos_app.services import points, redeem, report, syncing

ADA = "cus_abc123"
REWARD = "rwd_xyz789"


def test_the_whole_store_is_this_store_and_the_merchant_is_every_store(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0))
    limits = AwardLimits(tier_change_needs_approval=False)
    with (
        open_terminal(tmp_path / "a", sandbox, clock=clock, store_id="lagos-1") as lagos,
        open_terminal(
            tmp_path / "b", sandbox, clock=clock, store_id="abuja-1", award_limits=limits
        ) as abuja,
    ):
        syncing.sync_once(lagos)
        syncing.sync_once(abuja)
        mine = redeem.redeem(lagos, ADA, REWARD, operator="Chidi")
        theirs = redeem.redeem(abuja, ADA, REWARD, operator="Bola")
        points.award(abuja, ADA, 5, "Goodwill", operator="Bola")
        with backend(sandbox) as c:
            stores = {r.code: r for r in c.iter_all(c.list_redemptions, limit=100)}
            history = c.list_points(customer_id=ADA, limit=1).data
        assert mine.code in stores and theirs.code in stores
        assert history[0].metadata  # the award went through with abuja-1's store_id
        today = clock.now.astimezone(lagos.config.time_zone()).date()
        store = report.daily(lagos, day=today, scope="store").as_json()
        merchant = report.daily(lagos, day=today, scope="merchant").as_json()
        assert store["redemptions"] == 1
        assert merchant["redemptions"] >= store["redemptions"] + 1  # abuja-1 too
        assert "whole store" in render_report.to_table(store)
        assert "whole merchant" in render_report.to_table(merchant)
    with backend(sandbox) as c:
        only = list(c.iter_all(c.list_redemptions, store_id="abuja-1", limit=100))
    assert [r.code for r in only] == [theirs.code]


def test_a_v1_backend_cannot_give_the_whole_stores_report(
    tmp_path: Path, seeded_template: Path
) -> None:
    import shutil

    import pytest

    from pos_app.services import Refused

    db = tmp_path / "v1.db"
    shutil.copy(seeded_template, db)
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0))
    with (
        SandboxServer(db, api_version="1") as old,
        open_terminal(tmp_path / "a", old, clock=clock, store_id="lagos-1") as t,
    ):
        syncing.sync_once(t)
        redeem.redeem(t, ADA, REWARD, operator="Chidi")
        today = clock.now.astimezone(t.config.time_zone()).date()
        with pytest.raises(Refused, match="does not tell stores apart") as refused:
            report.daily(t, day=today, scope="store")
        assert refused.value.code == "not_offered"
        assert report.daily(t, day=today, scope="merchant").as_json()["redemptions"] >= 1
