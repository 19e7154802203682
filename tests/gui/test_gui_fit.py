"""Fits every counter screen (issue 9, item 3), with real widgets against the real sandbox.

At 1024x768, 1366x768 and 1920x1080 (and 1024x680: maximised on a 1024x768 screen with a
taskbar), on every screen (sign-in, first-run sign-in, lookup, customer, code in each state,
checkout, the manager's tabs, analytics included) and in every dialog, nothing is cut off:
- each visible widget lies inside its parent, all the way up to the window (a scroll area's
  content may scroll up and down, never sideways);
- no button's text is wider than the room the style leaves for it (QFontMetrics against the
  style's contents rectangle), nor a one-line label's text wider than the label;
- no laid-out widget is squeezed below its minimum, no wrapped label is lower than its
  lines, no table column narrower than its heading or its text, no tab squeezed.
The type and the cards grow with the screen, and the window opens maximised (or full
screen, by config).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontInfo, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QTableView,
    QWidget,
)
from support.gui_helpers import (
    ADA,
    CASHIER,
    CASHIER_PIN,
    MANAGER,
    MANAGER_PIN,
    Gui,
    every_dialog,
    names_shown,
    open_ada,
    open_window,
    ready,
    sign_in,
)
from support.terminal_helpers import backend
from support.terminal_helpers import key as idempotency_key

from pos_app.config import ConfigError, load_config
from pos_app.domain.progress import Label
from pos_app.sandbox import SandboxServer
from pos_app.services import returns, sales, staff
from pos_app.services.printing import PrinterError
from pos_app.ui.answers import RedeemQuestion
from pos_app.ui.flows.printing import failure_line
from pos_app.ui.theme import apply_theme, ui_scale

SIZES = [QSize(1024, 768), QSize(1366, 768), QSize(1920, 1080)]
IDS = [f"{s.width()}x{s.height()}" for s in SIZES]
# The window maximised on a 1024x768 screen, less a taskbar and a title bar: its minimum.
TASKBAR = QSize(1024, 680)
WALK = [*SIZES, TASKBAR]
WALK_IDS = [*IDS, "1024x680"]


# ---------------------------------------------------------------- the checks
def _inside(child: QRect, outer: QRect, *, vertical: bool = True) -> bool:
    if child.left() < outer.left() or child.right() > outer.right():
        return False
    return not vertical or (child.top() >= outer.top() and child.bottom() <= outer.bottom())


def _name(w: QWidget) -> str:
    text = w.text() if isinstance(w, QAbstractButton | QLabel) else ""
    return f"{type(w).__name__}#{w.objectName() or '-'} {text[:40]!r}"


def _button_room(b: QAbstractButton) -> int:
    """The width the style leaves for a button's text (and icon): its contents rectangle,
    after the stylesheet's border and padding."""
    if isinstance(b, QPushButton):
        opt = QStyleOptionButton()
        opt.initFrom(b)
        opt.text = b.text()
        opt.icon = b.icon()
        opt.iconSize = b.iconSize()
        return b.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, b).width()
    if isinstance(b, QCheckBox | QRadioButton):
        opt = QStyleOptionButton()
        opt.initFrom(b)
        opt.text = b.text()
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(b, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonContents
        )
        return b.style().subElementRect(element, opt, b).width()
    return b.contentsRect().width()


def _text_width(w: QWidget, text: str) -> int:
    metrics = w.fontMetrics()
    return max(metrics.horizontalAdvance(line) for line in text.replace("&&", "&").split("\n"))


def _in(layout: QLayout, w: QWidget) -> bool:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is w:
            return True
        inner = item.layout()
        if inner is not None and _in(inner, w):
            return True
    return False


def _laid_out(w: QWidget) -> bool:
    """Placed by its parent's layout (not by hand, as a table places its headers)."""
    parent = w.parentWidget()
    layout = parent.layout() if parent is not None else None
    return layout is not None and _in(layout, w)


def _least(w: QWidget) -> QSize:
    """The smallest a layout may make `w`: its minimum size, else its minimum size hint
    (unless its size policy ignores the hint), as Qt's layouts reckon it."""
    hint, policy = w.minimumSizeHint(), w.sizePolicy()
    ignored = QSizePolicy.Policy.Ignored
    width = w.minimumWidth() or (0 if policy.horizontalPolicy() == ignored else hint.width())
    height = w.minimumHeight() or (0 if policy.verticalPolicy() == ignored else hint.height())
    return QSize(max(width, 0), max(height, 0))


def _table_problems(table: QTableView) -> list[str]:
    """A column narrower than its heading, or than a cell's one line of text; a wrapped
    row lower than its text."""
    found: list[str] = []
    model, header = table.model(), table.horizontalHeader()
    if table.horizontalScrollBar().isVisible():
        found.append(f"{_name(table)} scrolls sideways")
    for c in range(model.columnCount()):
        if table.isColumnHidden(c):
            continue
        title = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        width = header.sectionSize(c)
        if header.isVisible() and header.sectionSizeFromContents(c).width() > width:
            found.append(f"column {title!r} is {width} px, narrower than its heading")
        if not table.wordWrap() and table.sizeHintForColumn(c) > width:
            found.append(
                f"column {title!r} is {width} px; its text needs {table.sizeHintForColumn(c)}"
            )
    if table.wordWrap():
        for r in range(model.rowCount()):
            if table.rowHeight(r) < table.sizeHintForRow(r):
                found.append(
                    f"row {r} of {model.headerData(0, Qt.Orientation.Horizontal)!r} "
                    f"is {table.rowHeight(r)} px, its text needs {table.sizeHintForRow(r)}"
                )
    return found


def problems(top: QWidget) -> list[str]:
    """Everything on `top` (a window or a dialog) that is cut off: a widget outside its
    parent (a scroll area's content may scroll up and down, never sideways), a button whose
    text is wider than its room, a one-line label wider than itself, a squeezed tab."""
    found: list[str] = []
    for w in top.findChildren(QWidget):
        if w.isWindow() or not w.isVisibleTo(top):
            continue
        parent = w.parentWidget()
        if parent is None:
            continue
        rect = QRect(w.mapTo(parent, QPoint(0, 0)), w.size())
        scrolled = isinstance(parent.parentWidget(), QAbstractScrollArea) and (
            parent is parent.parentWidget().viewport()  # type: ignore[union-attr]
        )
        if not _inside(rect, parent.rect(), vertical=not scrolled):
            found.append(f"{_name(w)} at {rect} lies outside {_name(parent)} {parent.rect()}")
        if isinstance(w, QAbstractButton) and w.text():
            need = _text_width(w, w.text())
            if not w.icon().isNull():
                need += w.iconSize().width() + 4
            room = _button_room(w)
            if need > room:
                found.append(f"{_name(w)}: text needs {need} px, has {room}")
        if (
            isinstance(w, QLabel)
            and type(w) is QLabel
            and w.text()
            and not w.wordWrap()
            and w.textFormat() != Qt.TextFormat.RichText
            and "<" not in w.text()
        ):
            need = _text_width(w, w.text())
            if need > w.contentsRect().width():
                found.append(f"{_name(w)}: text needs {need} px, has {w.contentsRect().width()}")
        if isinstance(w, QLabel) and w.wordWrap() and w.text():
            need = w.heightForWidth(w.contentsRect().width()) if w.hasHeightForWidth() else -1
            if need > w.height():
                found.append(f"{_name(w)}: wrapped text needs {need} px high, has {w.height()}")
        if _laid_out(w) and not (isinstance(w, QLabel) and w.wordWrap()):
            least = _least(w)
            if w.width() < least.width() or w.height() < least.height():
                found.append(
                    f"{_name(w)} is squeezed to {w.width()}x{w.height()}, "
                    f"below its minimum {least.width()}x{least.height()}"
                )
        if isinstance(w, QTableView):
            found.extend(_table_problems(w))
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.tabRect(i).width() < _text_width(w, w.tabText(i)) + 16:
                    found.append(f"tab {w.tabText(i)!r} squeezed to {w.tabRect(i).width()} px")
    return found


def assert_fits(qtbot: Any, top: QWidget, where: str) -> None:
    """Laid out (the event loop has settled the geometry), then nothing cut off."""
    for _ in range(3):
        QApplication.processEvents()
    found = problems(top)
    assert not found, f"{where}: " + "\n".join(found)


# ---------------------------------------------------------------- fixtures
@pytest.fixture
def theme(qapp: QApplication) -> Iterator[Any]:
    """Applies the theme at a screen size's scale; afterwards the default light theme."""

    def use(size: QSize, dark: bool = False) -> None:
        apply_theme(qapp, dark=dark, scale=ui_scale(size))

    try:
        yield use
    finally:
        apply_theme(qapp, dark=False, scale=1.0)


def _window(qtbot: Any, sandbox: SandboxServer, tmp_path: Path, size: QSize) -> Gui:
    g = open_window(qtbot, sandbox, tmp_path / "terminal")
    g.window.resize(size)
    qtbot.waitUntil(lambda: g.window.size() == size)
    return g


@pytest.fixture
def till(qtbot: Any, sandbox: SandboxServer, tmp_path: Path, theme: Any, size: QSize) -> Gui:
    """The window at the test's `size`, in the theme at that size's scale."""
    theme(size)
    return _window(qtbot, sandbox, tmp_path, size)


def _settle(qtbot: Any, g: Gui, size: QSize) -> None:
    qtbot.waitUntil(lambda: g.window.size() == size)
    for _ in range(3):
        QApplication.processEvents()


def _ready(qtbot: Any, g: Gui, name: str, pin: str, size: QSize) -> None:
    """`name` signed in, the first sync done, the window settled at `size`."""
    ready(qtbot, g, name, pin)
    _settle(qtbot, g, size)


@pytest.mark.parametrize("size", WALK, ids=WALK_IDS)
def test_the_cashiers_screens_fit(qtbot: Any, till: Gui, size: QSize) -> None:
    w = till.window
    names_shown(qtbot, till).choose(CASHIER)
    assert_fits(qtbot, w, "sign-in")
    _ready(qtbot, till, CASHIER, CASHIER_PIN, size)
    assert_fits(qtbot, w, "lookup")
    open_ada(qtbot, till)
    qtbot.waitUntil(lambda: w.customer.history.rowCount() > 0, timeout=10000)
    # The tier bar with its words, and the points expiring soon, under the name.
    qtbot.waitUntil(lambda: w.customer.standing.words.text() != "", timeout=10000)
    _settle(qtbot, till, size)
    assert_fits(qtbot, w, "customer")
    w.customer.history_filter.choose(Label.REDEMPTION)  # the filter, and a filtered history
    qtbot.waitUntil(lambda: not w.customer.history.placeholder, timeout=10000)
    _settle(qtbot, till, size)
    assert_fits(qtbot, w, "customer, history filtered")
    w.customer.history_filter.choose(None)
    w.redeem("rwd_xyz789")
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.code, timeout=10000)
    code = w.code.result.code if w.code.result else ""
    _settle(qtbot, till, size)
    assert_fits(qtbot, w, "code")
    # With a receipt printer (the A5 slip a second button) whose slip failed: its line.
    w.code.set_receipt_printer(True)
    w.code.slip_failed(failure_line(PrinterError("no_device", "")))
    _settle(qtbot, till, size)
    assert_fits(qtbot, w, "code, slip not printed")
    # The same screen's other states, through its own methods: recovered after a restart
    # and offline (the longest banner), then refused later by the backend.
    assert w.code.result is not None
    w.code.show_result(replace(w.code.result, status="offline"), recovered=True)
    _settle(qtbot, till, size)
    assert_fits(qtbot, w, "code, offline and recovered")
    w.code.set_status("conflict")
    _settle(qtbot, till, size)
    assert_fits(qtbot, w, "code, refused")
    w.code_done()
    w.go_verify()
    w.verify.input.setText(code)
    w.verify.check()
    qtbot.waitUntil(lambda: w.verify.current is not None, timeout=10000)
    _settle(qtbot, till, size)
    assert_fits(qtbot, w, "checkout, a valid code")
    w.verify.use()
    qtbot.waitUntil(lambda: w.verify.verdict.property("state") == "used", timeout=10000)
    w.verify.check()
    qtbot.waitUntil(lambda: w.verify.stop.isVisible(), timeout=10000)
    _settle(qtbot, till, size)
    assert_fits(qtbot, w, "checkout, DO NOT ACCEPT")
    # Fewer points now: most cards say how many more are needed, on two lines at 1024.
    open_ada(qtbot, till)
    qtbot.waitUntil(lambda: sum(bool(o.note) for o in w.customer.current.options) >= 4)
    _settle(qtbot, till, size)
    assert_fits(qtbot, w, "customer with fewer points")
    w.close()


@pytest.mark.parametrize("size", [TASKBAR, SIZES[2]], ids=["1024x680", "1920x1080"])
def test_the_first_run_sign_in_fits(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, theme: Any, size: QSize
) -> None:
    """No accounts yet: the first manager's name, PIN and PIN again, and the keypad."""
    theme(size)
    g = open_window(qtbot, sandbox, tmp_path / "terminal", staff_accounts=False)
    w = g.window
    w.resize(size)
    qtbot.waitUntil(lambda: w.signin.pin_again.isVisible() and w.signin.new_name.isVisible())
    _settle(qtbot, g, size)
    assert_fits(qtbot, w, "first-run sign-in")
    w.close()


def _returns_with_a_shortfall(g: Gui) -> None:
    """Two returns made here for the Returns tab: one whole, one after the points were
    spent (a shortfall)."""
    with g.make_terminal() as t:
        sales.award_sale(t, ADA, "ORD-20261126-0311", 10_000, operator=MANAGER)
        returns.return_sale(t, "ORD-20261126-0311", 2_500, operator=MANAGER)
        sales.award_sale(t, ADA, "ORD-20261126-0312", 80_000, operator=MANAGER)
        with backend(g.sandbox) as c:  # spent at another till
            points = c.get_customer(ADA).points_balance
            c.adjust_points(customer_id=ADA, points=-(points - 100), reason="Spent",
                            idempotency_key=idempotency_key())  # fmt: skip
        returns.return_sale(t, "ORD-20261126-0312", 80_000, operator=MANAGER)


@pytest.mark.parametrize("size", WALK, ids=WALK_IDS)
def test_the_managers_screens_fit(qtbot: Any, till: Gui, size: QSize) -> None:
    w = till.window
    _ready(qtbot, till, MANAGER, MANAGER_PIN, size)  # every header button shows
    assert all(b.isVisible() for b in w.nav_buttons)
    assert_fits(qtbot, w, "lookup, manager signed in")
    open_ada(qtbot, till)
    _settle(qtbot, till, size)
    assert_fits(qtbot, w, "customer, manager signed in")
    w.redeem("rwd_xyz789")  # the report has a row for a reward and one for a cashier
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.code, timeout=10000)
    w.code_done()
    _returns_with_a_shortfall(till)
    w.open_manager("report")
    qtbot.waitUntil(
        lambda: (
            w.manager_view.report.by_cashier.rowCount() > 0
            and w.manager_view.audit.table.rowCount() > 0
        ),
        timeout=10000,
    )
    for tab in ("report", "conflicts", "returns", "audit", "analytics"):
        w.manager_view.open(tab)
        if tab == "analytics":  # its chart, figures and table on screen
            qtbot.waitUntil(lambda: w.manager_view.analytics.data is not None, timeout=10000)
        if tab == "returns":  # a settled return with a shortfall, and the count line
            qtbot.waitUntil(lambda: w.manager_view.returns.table.rowCount() > 0, timeout=10000)
        _settle(qtbot, till, size)
        assert_fits(qtbot, w, f"manager: {tab}")
    w.close()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_every_dialog_fits(qtbot: Any, till: Gui, size: QSize) -> None:
    w = till.window
    question = RedeemQuestion("Ada Obi", "₦1,000 off", 500, "₦1,000", 1200, 700)
    approval = "+2,000 points for Ada Obi (bulk order)"
    dialogs = [make() for _, make in every_dialog(w, question, approval, [MANAGER, "Tunde"])]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for _ in range(3):
            QApplication.processEvents()
        where = f"{type(dialog).__name__} at {size.width()}x{size.height()}"
        assert dialog.width() <= size.width() and dialog.height() <= size.height() - 40, where
        assert_fits(qtbot, dialog, where)
        dialog.reject()
    w.close()


# ---------------------------------------------------------------- the header
@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_header_buttons_shorten_but_keep_their_names_and_keys(
    qtbot: Any, till: Gui, size: QSize
) -> None:
    w = till.window
    sign_in(qtbot, till, MANAGER, MANAGER_PIN)
    _settle(qtbot, till, size)
    names = {
        w.find_button: ("Find customer", "F2"),
        w.verify_button: ("Check a code", "F4"),
        w.enrol_button: ("New customer", "F7"),
        w.manager_button: ("Manager", "F8"),
        w.switch_button: ("Switch user", "F9"),
    }
    for button, (name, key) in names.items():
        assert button.accessibleName() == name  # whatever the label shows now
        assert name in button.toolTip() and key in button.toolTip()
        assert key in button.text()  # the key stays on the button
    assert_fits(qtbot, w.findChild(QWidget, "header"), "header")
    w.close()


def test_a_long_name_gives_way_to_the_buttons(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, theme: Any
) -> None:
    """A manager with a long name at 1024 px: the name ends with "…" (whole in its tooltip)
    and every button keeps its whole label."""
    theme(SIZES[0])
    name = "Oluwaseun Adebayo-Williamson"
    g = open_window(qtbot, sandbox, tmp_path / "terminal")
    with g.make_terminal() as t:
        staff.add_staff(
            t,
            name,
            "manager",
            "8642",
            actor="test",
            manager=staff.Credentials(MANAGER, MANAGER_PIN),
        )
    w = g.window
    w.resize(SIZES[0])
    w.signin.refresh()
    sign_in(qtbot, g, name, "8642")
    _settle(qtbot, g, SIZES[0])
    assert all(b.isVisible() for b in w.nav_buttons)
    assert w.person.toolTip() == f"{name} · manager"
    assert w.person.width() < w.person.fontMetrics().horizontalAdvance(w.person.text())
    assert_fits(qtbot, w, "header with a long name")
    w.close()


# ---------------------------------------------------------------- scale
def test_type_and_cards_grow_on_a_large_screen(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, theme: Any
) -> None:
    """At 1920x1080 the text and the reward cards are larger than at 1366x768, and the
    cards stay together at the top instead of floating apart down the screen."""
    measured: dict[int, tuple[int, int, int]] = {}
    g = _window(qtbot, sandbox, tmp_path, SIZES[1])
    w = g.window
    _ready(qtbot, g, CASHIER, CASHIER_PIN, SIZES[1])
    for size in (SIZES[1], SIZES[2]):
        theme(size)
        w.resize(size)
        open_ada(qtbot, g)
        _settle(qtbot, g, size)
        qtbot.waitUntil(
            lambda: (
                bool(w.customer.reward_buttons())
                and all(b.isVisible() for b in w.customer.reward_buttons())
            )
        )
        _settle(qtbot, g, size)
        buttons = w.customer.reward_buttons()
        measured[size.width()] = (
            QFontInfo(w.lookup.results.font()).pixelSize(),
            QFontInfo(w.customer.name.font()).pixelSize(),
            buttons[0].height(),
        )
        rows = sorted({b.y() for b in buttons})
        gaps = [b - a for a, b in itertools.pairwise(rows)]
        spacing = w.customer.grid.verticalSpacing()
        assert all(gap <= buttons[0].height() + spacing + 1 for gap in gaps), (size, gaps)
    small, large = measured[1366], measured[1920]
    assert large[0] >= small[0] * 1.25 and large[1] >= small[1] * 1.25, measured
    assert large[2] >= small[2] * 1.2, measured
    w.close()


def test_reward_cards_reflow_when_the_window_is_resized(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, theme: Any
) -> None:
    """The window opens at one size and is then maximised: the cards follow, two to a row
    on a 1024 px window and three on a wider one."""
    theme(SIZES[0])
    g = _window(qtbot, sandbox, tmp_path, SIZES[0])
    w = g.window
    _ready(qtbot, g, CASHIER, CASHIER_PIN, SIZES[0])
    open_ada(qtbot, g)

    def columns() -> int:
        return len({b.x() for b in w.customer.reward_buttons()})

    qtbot.waitUntil(lambda: len(w.customer.reward_buttons()) >= 6 and columns() == 2)
    w.resize(SIZES[1])
    qtbot.waitUntil(lambda: columns() == 3)
    w.resize(SIZES[0])
    qtbot.waitUntil(lambda: columns() == 2)
    _settle(qtbot, g, SIZES[0])
    assert_fits(qtbot, w, "customer after resizing")
    w.close()


def test_ui_scale_follows_the_screen() -> None:
    assert ui_scale(QSize(1024, 768)) == 1.0
    assert ui_scale(QSize(1366, 728)) == 1.0
    assert 1.3 <= ui_scale(QSize(1920, 1040)) <= 1.45
    assert ui_scale(QSize(3840, 2160)) <= 2.0
    assert ui_scale(QSize(800, 600)) == 1.0  # never smaller than designed


# ---------------------------------------------------------------- how it opens
def test_the_window_fits_a_1024x768_screen_with_a_taskbar(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, theme: Any
) -> None:
    """Maximised on a 1024x768 screen, a taskbar and a title bar leave about 1024x690: the
    window's minimum is below that (every screen at its minimum: the walks above), and the
    status bar with Sync now stays on it."""
    theme(SIZES[0])
    g = open_window(qtbot, sandbox, tmp_path / "terminal")
    w = g.window
    assert w.minimumWidth() <= TASKBAR.width() and w.minimumHeight() <= TASKBAR.height()
    assert w.minimumSizeHint().width() <= TASKBAR.width()
    assert w.minimumSizeHint().height() <= TASKBAR.height()
    w.resize(TASKBAR)
    _ready(qtbot, g, MANAGER, MANAGER_PIN, TASKBAR)
    assert w.statusBar().geometry().bottom() < w.height()
    assert w.status.sync_button.isVisible()
    # ...and not flush with the screen's edge, where its border would be lost.
    right = w.status.sync_button.mapTo(w, w.status.sync_button.rect().topRight()).x()
    assert right <= w.width() - 5, right
    w.close()


def test_fullscreen_in_config(tmp_path: Path) -> None:
    assert load_config(data_dir=tmp_path, env={}).fullscreen is False
    (tmp_path / "config.toml").write_text("fullscreen = true\n")
    assert load_config(data_dir=tmp_path, env={}).fullscreen is True
    (tmp_path / "config.toml").write_text('fullscreen = "yes"\n')
    with pytest.raises(ConfigError, match=r"fullscreen in .* must be true or false"):
        load_config(data_dir=tmp_path, env={})


def test_the_window_opens_maximised_or_full_screen(qtbot: Any, tmp_path: Path) -> None:
    from pos_app.ui.theme import show_main_window

    for fullscreen in (False, True):
        window = QWidget()
        qtbot.addWidget(window)
        window.resize(5000, 5000)  # larger than any screen: restored, it fits the screen
        show_main_window(window, fullscreen=fullscreen)
        available = window.screen().availableGeometry().size()
        assert window.normalGeometry().width() <= available.width()
        assert window.normalGeometry().height() <= available.height()
        qtbot.waitExposed(window)
        state = window.windowState()
        if fullscreen:
            assert state & Qt.WindowState.WindowFullScreen
        else:
            assert state & Qt.WindowState.WindowMaximized
        window.close()


def test_dark_theme_fits_at_1024(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, theme: Any, qapp: QApplication
) -> None:
    size = SIZES[0]
    theme(size, dark=True)
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 100
    g = _window(qtbot, sandbox, tmp_path, size)
    w = g.window
    _ready(qtbot, g, MANAGER, MANAGER_PIN, size)
    assert_fits(qtbot, w, "dark lookup")
    open_ada(qtbot, g)
    _settle(qtbot, g, size)
    assert_fits(qtbot, w, "dark customer")
    w.close()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_kiosk_mode_fits_with_the_till_menu(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, theme: Any, size: QSize
) -> None:
    """Kiosk mode (the whole screen: no taskbar, no title bar), a manager signed in: six
    header buttons, the Till menu's the last. Measured as the same window after a manager
    left kiosk mode (the offscreen screen's full screen has its own size)."""
    theme(size)
    g = open_window(qtbot, sandbox, tmp_path / "terminal", kiosk=True)
    w = g.window
    qtbot.waitUntil(w.isFullScreen)
    w.kiosk.leave()
    w.showNormal()
    w.resize(size)
    _ready(qtbot, g, MANAGER, MANAGER_PIN, size)
    assert w.till_button is not None and w.till_button in w.nav_buttons
    assert all(b.isVisible() for b in w.nav_buttons)
    assert_fits(qtbot, w, "kiosk, manager signed in")
    w.kiosk.allow_close()
    w.close()
