"""The manager's Analytics tab against the real sandbox: its figures are the backend's to
the point for the same range, the interval and the scope are what it asks for, the exports
are the command line's (owner-only), and a v1-only or unreachable backend is said so plainly,
never shown as zeros."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from support.gui_helpers import MANAGER, MANAGER_PIN, Gui, signed_in

from pos_app.api import LoyaltyClient
from pos_app.domain.jsonable import jsonable
from pos_app.domain.money import format_money
from pos_app.render import analytics as render_analytics
from pos_app.sandbox import SandboxServer
from pos_app.services import analytics
from pos_app.services.report import day_bounds
from pos_app.ui.views.manager.analytics import (
    FIGURES,
    AnalyticsTab,
    not_offered,
    offline,
)

STORE = "lagos-ikeja"


def shown(qtbot: Any, g: Gui) -> AnalyticsTab:
    """The Analytics tab open, its first answer on screen."""
    g.window.open_manager("analytics")
    tab = g.window.manager_view.analytics
    qtbot.waitUntil(lambda: tab.data is not None or tab.message.text() not in ("", "Loading…"))
    return tab


def refreshed(qtbot: Any, tab: AnalyticsTab, condition: Any) -> None:
    tab.refresh_button.click()
    qtbot.waitUntil(lambda: not tab.busy and condition(), timeout=10000)


def cells(tab: AnalyticsTab, row: int) -> list[str]:
    table = tab.table
    return [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]


def backend_answer(g: Gui, data: dict[str, Any], **options: Any) -> Any:
    zone = str(data["timezone"])
    start, end = day_bounds(
        date.fromisoformat(data["date_from"]), date.fromisoformat(data["date_to"]), ZoneInfo(zone)
    )
    with LoyaltyClient(g.sandbox.url, g.sandbox.api_key) as client:
        return client.points_analytics(
            start, end, interval=data["interval"], tz=zone, store_id=options.get("store_id")
        )


def test_the_table_is_the_backends_answer_to_the_point(qtbot: Any, boss: Gui) -> None:
    tab = shown(qtbot, boss)
    assert tab.data is not None and tab.content.isVisible()
    data = tab.data
    # The default: the last 30 days in the store's zone, the whole merchant (no store_id).
    first, last = date.fromisoformat(data["date_from"]), date.fromisoformat(data["date_to"])
    assert (last - first).days == 29 and data["scope"] == "merchant"
    assert tab.scope_note.text().startswith("Whole merchant, days in ")
    assert "no store_id in config.toml" in tab.scope_note.text()
    found = backend_answer(boss, data)
    assert tab.table.rowCount() == len(found.periods) == 30
    assert sum(p.earned for p in found.periods) > 0  # the demo has activity to compare
    for row, period in enumerate(found.periods):
        shown_cells = cells(tab, row)
        numbers = [int(text.replace(",", "")) for text in shown_cells[1:8]]
        assert numbers == [getattr(period, key) for key in FIGURES]
        assert shown_cells[8] == format_money(period.discount_total, found.currency)
        assert int(shown_cells[9].replace(",", "")) == period.customers_active
    assert data["outstanding_points"] == found.outstanding_points
    text = tab.summary.text()
    assert f"{found.outstanding_points:,} points" in text
    assert "/".join(f"{e.points:,}" for e in found.expiring).replace("/", " / ") in text
    assert tab.summary.textFormat() == tab.message.textFormat()  # plain text, both


def test_the_interval_changes_the_periods(qtbot: Any, boss: Gui) -> None:
    tab = shown(qtbot, boss)
    tab.interval.setCurrentIndex(tab.interval.findData("week"))
    refreshed(qtbot, tab, lambda: tab.data is not None and tab.data["interval"] == "week")
    assert tab.data is not None
    found = backend_answer(boss, tab.data)
    assert tab.table.rowCount() == len(found.periods) < 30
    assert all(cells(tab, r)[0].startswith("week of ") for r in range(tab.table.rowCount()))
    assert [int(cells(tab, r)[1].replace(",", "")) for r in range(tab.table.rowCount())] == [
        p.earned for p in found.periods
    ]
    tab.interval.setCurrentIndex(tab.interval.findData("month"))
    refreshed(qtbot, tab, lambda: tab.data is not None and tab.data["interval"] == "month")
    assert 1 <= tab.table.rowCount() <= 2


def test_this_store_sends_the_store_id(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> None:
    data_dir = tmp_path / "terminal"
    data_dir.mkdir()
    (data_dir / "config.toml").write_text(f'store_id = "{STORE}"\n', encoding="utf-8")
    with signed_in(qtbot, sandbox, data_dir, MANAGER, MANAGER_PIN) as g:
        tab = shown(qtbot, g)
        assert tab.data is not None
        assert tab.scope.currentData() == "store" and STORE in tab.scope.currentText()
        assert tab.data["scope"] == "store" and tab.data["store_id"] == STORE
        assert tab.scope_note.text().startswith(f"Store {STORE}, days in ")
        with g.make_terminal() as t:
            expected = jsonable(
                analytics.analytics(
                    t,
                    date_from=date.fromisoformat(tab.data["date_from"]),
                    date_to=date.fromisoformat(tab.data["date_to"]),
                    scope="store",
                )
            )
        assert expected["store_id"] == STORE
        assert tab.data["periods"] == expected["periods"]
        assert tab.data["totals"] == expected["totals"]
        store = backend_answer(g, tab.data, store_id=STORE)
        merchant = backend_answer(g, tab.data)
        assert [p.earned for p in store.periods] == [p["earned"] for p in tab.data["periods"]]
        assert [p.earned for p in store.periods] != [p.earned for p in merchant.periods]
        tab.scope.setCurrentIndex(tab.scope.findData("merchant"))
        refreshed(qtbot, tab, lambda: tab.data is not None and tab.data["scope"] == "merchant")
        assert tab.data["store_id"] is None


def test_the_exports_are_the_command_lines_and_owner_only(
    qtbot: Any, boss: Gui, tmp_path: Path
) -> None:
    tab = shown(qtbot, boss)
    assert tab.data is not None
    folder = tmp_path / "exports"
    folder.mkdir()
    for fmt in ("csv", "pdf"):
        path = folder / f"analytics.{fmt}"
        boss.prompts.save_to = str(path)
        getattr(tab, f"{fmt}_button").click()
        qtbot.waitUntil(lambda path=path: tab.message.text() == f"Saved {path}", timeout=10000)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    csv_text = (folder / "analytics.csv").read_text(encoding="utf-8")
    assert csv_text == render_analytics.to_csv(tab.data)
    assert (folder / "analytics.pdf").read_bytes().startswith(b"%PDF")


def test_a_v1_only_backend_is_said_plainly(qtbot: Any, tmp_path: Path) -> None:
    with (
        SandboxServer(tmp_path / "v1.db", api_version="1") as server,
        signed_in(qtbot, server, tmp_path / "terminal", MANAGER, MANAGER_PIN) as g,
    ):
        tab = shown(qtbot, g)
        assert tab.message.text() == not_offered()
        assert tab.data is None and not tab.content.isVisible()  # no zeros
        assert not tab.csv_button.isEnabled() and not tab.pdf_button.isEnabled()


def test_offline_says_to_try_again_when_online(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with signed_in(
        qtbot, sandbox, tmp_path / "terminal", MANAGER, MANAGER_PIN, outage_switch=True
    ) as g:
        tab = shown(qtbot, g)
        assert tab.data is not None
        sandbox.faults.update(outage=True)
        refreshed(qtbot, tab, lambda: tab.message.text() == offline())
        assert tab.data is None and not tab.content.isVisible()
        sandbox.faults.update(outage=False)
        refreshed(qtbot, tab, lambda: tab.data is not None)
        assert tab.content.isVisible() and tab.message.text() == ""
