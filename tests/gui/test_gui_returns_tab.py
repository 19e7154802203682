"""The manager's Returns tab (ISSUE11 #3: "a shortfall ... is listed for the manager, never
hidden"), against the real sandbox: a return after the points were spent shows its
shortfall with the backend's figures, an offline return is queued then settled after
sync, the "shortfalls only" filter, the CSV export (owner-only), and a cashier never sees
the tab."""

from __future__ import annotations

import csv
import io
import sqlite3
import stat
from pathlib import Path
from typing import Any

from support.gui_helpers import ADA, Gui, open_ada
from support.sandbox_v11 import balance, http

from pos_app.render import returns as render_returns
from pos_app.services import returns_list
from pos_app.ui.answers import AwardAnswer, ReturnAnswer, SaleAnswer
from pos_app.ui.views.manager.returns import ReturnsTab, headers


def _said(g: Gui) -> int:
    return len(g.prompts.infos) + len(g.prompts.errors)


def _award_sale(qtbot: Any, g: Gui, order: str, amount: int) -> None:
    before = _said(g)
    g.prompts.award_answer = AwardAnswer(0, "", False, None, SaleAnswer(order, amount, "NGN"))
    g.window.award()
    qtbot.waitUntil(lambda: _said(g) > before, timeout=10000)
    assert "points awarded" in g.prompts.infos[-1][1], g.prompts.errors


def _spend(qtbot: Any, g: Gui, reward_id: str, having: int) -> None:
    """The customer, once the screen shows `having` points, spends some on a reward."""
    qtbot.waitUntil(lambda: f"{having:,}" in g.window.customer.balance.text(), timeout=10000)
    g.window.redeem(reward_id)
    qtbot.waitUntil(
        lambda: g.window.stack.currentWidget() is g.window.code or bool(g.prompts.errors),
        timeout=10000,
    )
    assert not g.prompts.errors, g.prompts.errors
    g.window.code_done()
    open_ada(qtbot, g)


def _take_return(qtbot: Any, g: Gui, order: str, amount: int) -> str:
    before = _said(g)
    g.prompts.return_answers = [ReturnAnswer(order, amount, "")]
    g.window.take_return()
    qtbot.waitUntil(lambda: _said(g) > before, timeout=10000)
    assert not g.prompts.errors, g.prompts.errors
    return g.prompts.infos[-1][1]


def _tab(qtbot: Any, g: Gui) -> ReturnsTab:
    g.window.open_manager("returns")
    tab = g.window.manager_view.returns
    assert g.window.manager_view.tabs.currentWidget() is tab
    qtbot.waitUntil(lambda: tab.data is not None, timeout=10000)
    return tab


def _rows(tab: ReturnsTab) -> list[list[str]]:
    t = tab.table
    return [
        [t.item(r, c).text() for c in range(t.columnCount())]  # type: ignore[union-attr]
        for r in range(t.rowCount())
    ]


def _backend_return(g: Gui, order: str) -> tuple[int, int]:
    """What the loyalty backend recorded for the order's return: (reversed, shortfall)."""
    with sqlite3.connect(f"file:{g.sandbox.db_path}?mode=ro", uri=True) as db:
        [row] = db.execute(
            "SELECT points_reversed, points_shortfall FROM returns WHERE order_id = ?", (order,)
        ).fetchall()
    return int(row[0]), int(row[1])


def test_a_shortfall_is_listed_with_the_backends_figures(qtbot: Any, boss: Gui) -> None:
    open_ada(qtbot, boss)
    _award_sale(qtbot, boss, "ORD-T-1", 20_000)  # 200 points: 500 + 200 = 700
    _spend(qtbot, boss, "rwd_off2500", 700)  # 450: 250 left
    _spend(qtbot, boss, "rwd_xyz789", 250)  # 200: 50 left
    said = _take_return(qtbot, boss, "ORD-T-1", 20_000)  # takes back 200; 50 are there
    assert "150 points could not be taken back" in said, said
    reversed_, shortfall = _backend_return(boss, "ORD-T-1")
    assert (reversed_, shortfall) == (50, 150)
    with http(boss.sandbox) as c:
        assert balance(c, ADA)["points_balance"] == 0

    tab = _tab(qtbot, boss)
    assert not tab.shortfalls_only.isChecked()  # every return, the shortfalls counted above
    assert tab.count.text() == "1 return with a shortfall: 150 points not recovered."
    assert tab.count.textFormat() == tab.count.textFormat().PlainText
    [row] = _rows(tab)
    assert row[1:] == [
        "ORD-T-1",
        "Ada Obi",
        "₦20,000",
        f"{reversed_:,}",
        f"{shortfall:,}",
        "settled",
    ], row
    assert [tab.table.horizontalHeaderItem(c).text() for c in range(7)] == headers()  # type: ignore[union-attr]


def test_an_offline_return_is_queued_then_settled_after_sync(qtbot: Any, boss: Gui) -> None:
    open_ada(qtbot, boss)
    _award_sale(qtbot, boss, "ORD-T-2", 10_000)  # 100 points
    tab = _tab(qtbot, boss)  # open before: the tab follows what happens after
    assert tab.data is not None and tab.data.lines == ()
    assert tab.empty.isVisible() and tab.count.text().startswith("No return has a shortfall")
    open_ada(qtbot, boss)
    boss.sandbox.faults.update(outage=True)
    try:
        said = _take_return(qtbot, boss, "ORD-T-2", 5_000)
    finally:
        boss.sandbox.faults.update(outage=False)
    assert "queued offline" in said, said
    qtbot.waitUntil(lambda: len(_rows(tab)) == 1, timeout=10000)  # on the return's Changed
    assert _rows(tab)[0][4:] == ["50 expected", "after sync", "queued"]
    assert tab.count.text() == "No return has a shortfall."
    assert tab.intro.text().endswith("1 return is queued: its shortfall is known once it syncs.")
    boss.window.sync_now()
    qtbot.waitUntil(lambda: _rows(tab)[0][6] == "settled", timeout=15000)  # on the sync
    assert _rows(tab)[0][4:] == ["50", "none", "settled"]
    assert tab.count.text() == "No return has a shortfall." and "queued" not in tab.intro.text()
    assert _backend_return(boss, "ORD-T-2") == (50, 0)


def test_the_filter_and_the_export(qtbot: Any, boss: Gui, tmp_path: Path) -> None:
    open_ada(qtbot, boss)
    _award_sale(qtbot, boss, "ORD-T-3", 10_000)  # 100 points: 600
    _take_return(qtbot, boss, "ORD-T-3", 2_500)  # 25 back, no shortfall: 575
    _award_sale(qtbot, boss, "ORD-T-4", 30_000)  # 300: 875
    _spend(qtbot, boss, "rwd_off5000", 875)  # 850: 25 left
    _take_return(qtbot, boss, "ORD-T-4", 30_000)  # takes back 300: 25 reversed, 275 short
    assert _backend_return(boss, "ORD-T-4") == (25, 275)

    tab = _tab(qtbot, boss)
    assert [r[1] for r in _rows(tab)] == ["ORD-T-4", "ORD-T-3"]  # newest first
    assert tab.count.text() == "1 return with a shortfall: 275 points not recovered."
    tab.shortfalls_only.setChecked(True)
    qtbot.waitUntil(lambda: tab.data is not None and tab.data.shortfalls_only, timeout=10000)
    assert [r[1] for r in _rows(tab)] == ["ORD-T-4"]
    assert tab.count.text() == "1 return with a shortfall: 275 points not recovered."

    path = tmp_path / "short.csv"
    boss.prompts.save_to = str(path)
    tab.csv_button.click()
    qtbot.waitUntil(lambda: tab.message.text() == f"Saved {path}", timeout=10000)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert tab.data is not None
    assert text == render_returns.to_csv(returns_list.export_data(tab.data))
    rows = list(csv.DictReader(io.StringIO(text)))
    totals = {r["state"]: r["value"] for r in rows if r["section"] == "total"}
    assert totals == {"shortfalls_only": "True", "shortfalls": "1", "shortfall_points": "275"}
    [line] = [r for r in rows if r["section"] == "return"]
    assert (line["order_id"], line["customer_id"], line["customer_name"]) == (
        "ORD-T-4",
        ADA,
        "Ada Obi",
    )
    assert (line["returned_amount"], line["points_reversed"], line["points_shortfall"]) == (
        "30000",
        "25",
        "275",
    )
    assert line["state"] == "settled"

    tab.shortfalls_only.setChecked(False)
    qtbot.waitUntil(lambda: tab.data is not None and len(tab.data.lines) == 2, timeout=10000)


def test_a_spreadsheet_formula_is_written_as_text() -> None:
    assert render_returns.cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert render_returns.cell("Ada Obi") == "Ada Obi" and render_returns.cell(None) == ""


def test_a_cashier_never_sees_the_returns_tab(qtbot: Any, gui: Gui) -> None:
    open_ada(qtbot, gui)
    _award_sale(qtbot, gui, "ORD-T-5", 10_000)
    _take_return(qtbot, gui, "ORD-T-5", 10_000)
    w = gui.window
    assert not w.manager_button.isVisible()
    w.open_manager("returns")
    assert gui.prompts.infos[-1][0] == "Managers only"
    assert w.stack.currentWidget() is not w.manager_view
    tab = w.manager_view.returns
    assert not tab.loaded and tab.data is None and tab.table.rowCount() == 0
