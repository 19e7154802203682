"""The customer's standing and history at the counter (real widgets, the real sandbox):
lifetime points and the bar to the next tier against the backend's figures, the points
expiring soon with the days left, history lines labelled, and the filter by type (online
and offline)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from support.gui_helpers import ADA, Gui, open_ada
from support.terminal_helpers import backend, key

from pos_app.domain.models import TierInfo
from pos_app.domain.progress import Label, tier_progress
from pos_app.services import points
from pos_app.ui.views.history import waiting
from pos_app.ui.views.standing import BAR_STEPS


def labels(view: Any) -> list[str]:
    table = view.history
    if table.placeholder:
        return []
    return [table.item(r, 1).text() for r in range(table.rowCount())]


def test_the_bar_says_how_far_to_the_next_tier(qtbot: Any, gui: Gui) -> None:
    with backend(gui.sandbox) as c:
        lifetime = c.get_customer(ADA).lifetime_points
        tiers = [TierInfo(t.id, t.name, t.min_points) for t in c.list_tiers().data]
    expected = tier_progress(lifetime, tiers)
    assert expected.next_tier is not None  # Ada is Silver: Gold is ahead
    open_ada(qtbot, gui)
    standing = gui.window.customer.standing
    qtbot.waitUntil(lambda: standing.isVisibleTo(gui.window.customer), timeout=10000)
    assert standing.lifetime.text() == f"Lifetime {lifetime:,} pts"
    gold = expected.next_tier.min_points - lifetime
    assert standing.words.text() == f"{gold:,} points to Gold"
    assert standing.bar.value() == round(expected.fraction * BAR_STEPS)
    assert standing.bar.accessibleDescription() == f"{gold:,} points to Gold"


def test_at_the_top_tier_it_says_so(qtbot: Any, gui: Gui) -> None:
    with backend(gui.sandbox) as c:
        lifetime = c.get_customer(ADA).lifetime_points
        c.award_points(
            customer_id=ADA, points=5000 - lifetime, reason="to gold", idempotency_key=key()
        )
    open_ada(qtbot, gui)
    standing = gui.window.customer.standing
    qtbot.waitUntil(lambda: standing.words.text() == "Gold: the top tier", timeout=10000)
    assert standing.bar.value() == BAR_STEPS  # full


def test_points_expiring_soon_say_the_days_left(qtbot: Any, gui: Gui) -> None:
    soon = datetime.now(UTC) + timedelta(days=12, hours=6)
    with backend(gui.sandbox) as c:
        c.award_points(
            customer_id=ADA, points=150, reason="promo", expires_at=soon, idempotency_key=key()
        )
    open_ada(qtbot, gui)
    view = gui.window.customer
    qtbot.waitUntil(lambda: "150 points expire in 12 days" in view.expiring.text(), timeout=10000)
    assert "200 pts expire on" in view.expiring.text()  # the later lot keeps its date


def test_history_lines_are_labelled_and_filtered_online_and_offline(qtbot: Any, gui: Gui) -> None:
    with backend(gui.sandbox) as c:
        c.award_points(
            customer_id=ADA, points=100, reason="Sale", idempotency_key=key(),
            metadata={"order_id": "ord_gui_1", "amount": 10000, "currency": "NGN"},
        )  # fmt: skip
        c.award_points(
            customer_id=ADA, points=25, reason="Birthday", type="bonus", idempotency_key=key()
        )
    open_ada(qtbot, gui)
    view = gui.window.customer
    qtbot.waitUntil(lambda: "Sale ord_gui_1" in labels(view), timeout=10000)
    assert labels(view)[:2] == ["Bonus", "Sale ord_gui_1"]
    assert "Redemption" in labels(view)
    assert view.history_filter.accessibleName() == "History type"
    everything = labels(view)
    view.history_filter.choose(Label.SALE)
    sales = [x for x in everything if x.startswith("Sale ")]
    qtbot.waitUntil(lambda: labels(view) == sales, timeout=10000)
    assert sales[0] == "Sale ord_gui_1"
    view.history_filter.choose(Label.BONUS)
    bonuses = [x for x in everything if x == "Bonus"]
    qtbot.waitUntil(lambda: labels(view) == bonuses, timeout=10000)

    gui.sandbox.faults.update(outage=True)  # offline: the copy is labelled and filtered too
    try:
        with gui.make_terminal() as t:
            points.award(t, ADA, 30, "Weekend", bonus=True, operator="Chidi")
        view.history_filter.choose(None)
        view.history_filter.choose(Label.BONUS)
        qtbot.waitUntil(lambda: labels(view) == ["Bonus", *bonuses], timeout=15000)
        assert view.history.item(0, 3).text() == waiting()  # waiting to sync, marked
        assert view.history.item(0, 0).font().italic()
        assert "Offline" in view.history_note.text()
        view.history_filter.choose(Label.EXPIRY)
        qtbot.waitUntil(lambda: view.history.rowCount() == 0, timeout=10000)
        assert "No expiry lines" in view.history_note.text()
    finally:
        gui.sandbox.faults.update(outage=False)
