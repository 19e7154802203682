"""The manager's daily report for this store or the whole merchant (real widgets, the real
sandbox): "This store" asks the backend for config.toml's store_id, "Whole merchant" for
every store; without a store_id the view says so and offers the merchant's report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from support.gui_helpers import ADA, CASHIER, MANAGER, MANAGER_PIN, signed_in
from support.terminal_helpers import backend, key

from pos_app.sandbox import SandboxServer
from pos_app.services import redeem
from pos_app.services.report import ReportScope


def choose(tab: Any, scope: ReportScope) -> None:
    tab.scope.setCurrentIndex(tab.scope.findData(scope.value))


def test_this_store_and_the_whole_merchant(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "terminal"
    data_dir.mkdir()
    (data_dir / "config.toml").write_text('store_id = "store_ikeja"\n')
    with signed_in(qtbot, sandbox, data_dir, MANAGER, MANAGER_PIN, synced=False) as g:
        with g.make_terminal() as t:
            redeem.redeem(t, ADA, "rwd_xyz789", operator=CASHIER)  # at store_ikeja
        with backend(sandbox) as c:  # another store's redemption, the same day
            c.redeem_points(
                customer_id=ADA, reward_id="rwd_xyz789", points=200, store_id="store_vi",
                idempotency_key=key(),
            )  # fmt: skip
        g.window.open_manager("report")
        tab = g.window.manager_view.report
        qtbot.waitUntil(lambda: "store_ikeja" in tab.scope.itemText(1), timeout=10000)
        assert not tab.store_note.isVisibleTo(tab)
        choose(tab, ReportScope.STORE)
        tab.load()
        qtbot.waitUntil(
            lambda: tab.data is not None and tab.data["scope"] == "store", timeout=10000
        )
        assert tab.data["store_id"] == "store_ikeja" and tab.data["redemptions"] == 1
        choose(tab, ReportScope.MERCHANT)
        tab.load()
        qtbot.waitUntil(
            lambda: tab.data is not None and tab.data["scope"] == "merchant", timeout=10000
        )
        assert tab.data["store_id"] is None and tab.data["redemptions"] == 2


def test_without_a_store_id_the_merchant_scope_is_offered(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with signed_in(qtbot, sandbox, tmp_path / "terminal", MANAGER, MANAGER_PIN) as g:
        g.window.open_manager("report")
        tab = g.window.manager_view.report
        qtbot.waitUntil(lambda: tab.store_note.isVisibleTo(tab), timeout=10000)
        assert tab.store_note.text() == "No store set for this terminal."
        assert "store_id in config.toml" in tab.store_note.toolTip()
        index = tab.scope.findData(ReportScope.STORE.value)
        assert not tab.scope.model().item(index).isEnabled()
        choose(tab, ReportScope.MERCHANT)
        tab.load()
        qtbot.waitUntil(
            lambda: tab.data is not None and tab.data["scope"] == "merchant", timeout=10000
        )
        assert tab.data["store_id"] is None
