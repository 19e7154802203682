"""Accessibility (issue 9, item 8), with real widgets against the real sandbox.

- WCAG AA contrast in both themes, computed from the stylesheet and palette that
  `apply_theme` really sets (tests/qss_contrast.py): 4.5:1 for text, 3:1 for large text,
  badges and focus rings.
- On every screen and dialog, every visible control:
  - has an accessible name (what a screen reader says);
  - is a touch target of at least 44 x 44 px (tabs, drop-down buttons and selectable table
    rows too);
  - shows a visible focus ring: its picture with focus differs from its picture without, by
    at least a 1 px ring's worth of pixels whose colour changes by 3:1 or more (the
    measure of WCAG 2.4.13).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QFile, QRect, Qt, QTimer
from PySide6.QtGui import QAccessible, QColor, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QScroller,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QTabWidget,
    QToolButton,
    QWidget,
)
from support.gui_helpers import (
    MANAGER,
    MANAGER_PIN,
    button_for,
    every_dialog,
    names_shown,
    open_ada,
    open_window,
    ready,
)
from support.qss_contrast import luminance, pairs, palette_pairs, ratio

from pos_app.sandbox import SandboxServer
from pos_app.ui.answers import RedeemQuestion
from pos_app.ui.prompts import Prompts
from pos_app.ui.theme import apply_theme, resources_dir

TOUCH = 44


@pytest.fixture
def light(qapp: Any) -> Iterator[None]:
    apply_theme(qapp, dark=False)
    yield


@pytest.fixture(params=[False, True], ids=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: Any) -> Iterator[bool]:
    apply_theme(qapp, dark=request.param)
    try:
        yield request.param
    finally:
        apply_theme(qapp, dark=False)  # the other GUI tests' theme


# ---------------------------------------------------------------- contrast
def tab_page_colour(qtbot: Any) -> QColor:
    """What the manager's tabs draw under their pages, measured from a real tab widget (the
    style may paint it in a colour of its own)."""
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Today's redemptions")
    tabs.resize(300, 200)
    tabs.show()
    qtbot.waitExposed(tabs)
    picture = tabs.grab().toImage()
    colour = picture.pixelColor(150, 150)
    tabs.close()
    return colour


def test_every_colour_pair_meets_wcag_aa_in_both_themes(qapp: Any, qtbot: Any) -> None:
    measured: dict[str, list[str]] = {}
    try:
        for dark in (False, True):
            apply_theme(qapp, dark=dark)
            surfaces = [tab_page_colour(qtbot)]
            found = pairs(qapp.styleSheet(), qapp.palette(), surfaces)
            found += palette_pairs(qapp.palette())
            names = {p.what for p in found}
            # The parser read the stylesheet: what the issue measured is among the pairs.
            for expected in (
                "#rewardNote",
                '#connectivity[state="online"]',
                "#expiring",
                "#balance",
                '#tierBadge[tier="gold"]',
                '#banner[state="offline"]',
                "QPushButton#primary:focus (focus ring)",
                "QPushButton#rewardCard:focus (focus ring)",
                "QPushButton:focus (focus ring)",
            ):
                assert expected in names, expected
            assert len(found) > 80
            measured["dark" if dark else "light"] = [str(p) for p in found if not p.ok]
    finally:
        apply_theme(qapp, dark=False)
    assert measured == {"light": [], "dark": []}, "below WCAG AA:\n" + "\n".join(
        f"{theme}: {pair}" for theme, failing in measured.items() for pair in failing
    )


def test_the_dark_theme_has_its_own_text_colours(qapp: Any) -> None:
    """The dark overrides are loaded after the main stylesheet, in the dark theme only."""
    dark_only = (resources_dir() / "style-dark.qss").read_text(encoding="utf-8")
    try:
        apply_theme(qapp, dark=True)
        assert qapp.styleSheet().endswith(dark_only)
        # The stylesheet's pictures (drop-down arrows, the tick) are found where it says.
        for name in re.findall(r"url\((icons:[\w.-]+)\)", qapp.styleSheet()):
            assert QFile.exists(name), name
        apply_theme(qapp, dark=False)
        assert dark_only not in qapp.styleSheet()
    finally:
        apply_theme(qapp, dark=False)


# ---------------------------------------------------------------- every screen
def controls(root: QWidget, *, tab_only: bool = False) -> list[QWidget]:
    """The visible controls that take the focus (by Tab or a click; by Tab only, given
    `tab_only`), on `root`'s window. The line edit inside a date or combo box is part of
    that box, and a tab widget hands its focus to its tab bar."""
    found = []
    for w in root.findChildren(QWidget):
        policy = w.focusPolicy()
        if (
            w.isVisible()
            and w.window() is root.window()
            and policy != Qt.FocusPolicy.NoFocus
            and (not tab_only or policy & Qt.FocusPolicy.TabFocus)
            and not isinstance(w, QTabWidget)
            and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
        ):
            found.append(w)
    return found


def describe(w: QWidget) -> str:
    name = w.accessibleName() or getattr(w, "text", lambda: "")() or w.objectName()
    return f"{type(w).__name__} {name!r}"


def walk(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, check: Callable[[str, QWidget], None]
) -> None:
    """Every screen and dialog, in the states a cashier and a manager see them in; `check`
    is called with the screen's name and its window."""
    g = open_window(qtbot, sandbox, tmp_path / "terminal", outage_switch=True)
    window = g.window
    try:
        names_shown(qtbot, g, timeout=10000)
        check("sign-in", window)
        ready(qtbot, g, MANAGER, MANAGER_PIN)
        check("lookup", window)
        open_ada(qtbot, g)
        qtbot.waitUntil(lambda: window.customer.history.rowCount() > 0, timeout=10000)
        check("customer", window)
        button_for(g, "rwd_xyz789").click()  # the scripted prompts confirm
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.code, timeout=10000)
        code = window.code.code.text()
        check("code", window)
        window.code_done()
        window.go_verify()
        check("verify", window)
        window.verify.input.setText(code)
        window.verify.check()
        qtbot.waitUntil(lambda: window.verify.current is not None, timeout=10000)
        check("verify, a valid code", window)
        window.open_manager("report")
        tabs = window.manager_view.tabs
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            check(f"manager: {tabs.tabText(index)}", window)
        window.go_lookup()
        question = RedeemQuestion("Ada Obi", "₦1,000 off", 200, "₦1,000", 500, 300)
        for name, make in every_dialog(window, question, "an adjustment", [MANAGER]):
            dialog: QDialog = make()
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow)
            check(name, dialog)
            dialog.close()
        # The questions asked in a message box (the real ones, through their modal loop).
        prompts = Prompts()
        for name, ask in (
            ("confirm award", lambda: prompts.confirm_award(window, "200 points to Ada Obi")),
            ("offer override", lambda: prompts.offer_override(window, "Offline limit reached.")),
        ):
            while_open(qtbot, ask, lambda box, name=name: check(name, box))
    finally:
        window.close()


def while_open(qtbot: Any, ask: Callable[[], object], check: Callable[[QWidget], None]) -> None:
    """Run `ask` (a modal question) and `check` its box while it is up, then cancel it."""
    seen: list[QWidget] = []

    def tick() -> None:
        box = QApplication.activeModalWidget()
        if seen or not isinstance(box, QDialog) or not box.isVisible():
            return
        seen.append(box)
        qtbot.waitUntil(box.isActiveWindow)
        check(box)
        box.reject()

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(tick)
    poll.start()
    try:
        ask()
    finally:
        poll.stop()
    assert seen, "the question never showed"


def accessible_name(w: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(w)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def test_every_control_on_every_screen_has_an_accessible_name(
    qtbot: Any,
    sandbox: SandboxServer,
    tmp_path: Path,
    light: None,
) -> None:
    unnamed: list[str] = []
    seen: list[str] = []

    def check(screen: str, root: QWidget) -> None:
        # Touch-only buttons (the PIN keypad's) are controls too.
        buttons = [b for b in root.findChildren(QAbstractButton) if b.isVisible()]
        for w in {*controls(root), *(b for b in buttons if b.window() is root.window())}:
            seen.append(describe(w))
            name = accessible_name(w)
            # A combo box's current text is not a name: it says nothing of what it sets;
            # nor is a symbol alone ("⌫"): a name has a letter or a digit.
            if not any(c.isalnum() for c in name) or (
                isinstance(w, QComboBox) and not w.accessibleName()
            ):
                unnamed.append(f"{screen}: {type(w).__name__} {name or w.objectName()!r}")

    walk(qtbot, sandbox, tmp_path, check)
    assert len(seen) > 40
    assert not unnamed, "no accessible name:\n" + "\n".join(unnamed)


def touch_problems(w: QWidget) -> list[str]:
    """What of `w` is smaller than a fingertip (44 x 44 px)."""
    out = []
    if w.width() < TOUCH or w.height() < TOUCH:
        out.append(f"{w.width()}x{w.height()}")
    if isinstance(w, QTabBar):
        for i in range(w.count()):
            r = w.tabRect(i)
            if r.width() < TOUCH or r.height() < TOUCH:
                out.append(f"tab {w.tabText(i)!r} {r.width()}x{r.height()}")
    # A drop-down button that is a target of its own (beside a field one can type in).
    if (isinstance(w, QComboBox) and w.isEditable()) or (
        isinstance(w, QDateEdit) and w.calendarPopup()
    ):
        option = QStyleOptionComboBox()
        option.initFrom(w)
        option.subControls = QStyle.SubControl.SC_All
        arrow: QRect = w.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, w
        )
        if arrow.width() < TOUCH or arrow.height() < TOUCH:
            out.append(f"drop-down button {arrow.width()}x{arrow.height()}")
    if isinstance(w, QDateEdit) and w.calendarPopup():
        out += calendar_problems(w)
    if (
        isinstance(w, QAbstractItemView)
        and w.selectionMode() != QAbstractItemView.SelectionMode.NoSelection
        and hasattr(w, "verticalHeader")
        and w.verticalHeader().defaultSectionSize() < TOUCH
    ):
        out.append(f"rows {w.verticalHeader().defaultSectionSize()} px")
    return out


def calendar_problems(edit: QDateEdit) -> list[str]:
    """The calendar a date box opens: its keys and days at 44 px, its weekends readable."""
    calendar = edit.calendarWidget()
    popup = calendar.window()
    popup.show()
    try:
        out = [
            f"calendar key {b.objectName()} {b.width()}x{b.height()}"
            for b in calendar.findChildren(QToolButton)
            if b.isVisible() and (b.width() < TOUCH or b.height() < TOUCH)
        ]
        days = calendar.findChild(QTableView)
        assert days is not None
        rows = [days.rowHeight(r) for r in range(1, days.model().rowCount())]
        columns = [days.columnWidth(c) for c in range(1, days.model().columnCount())]
        if min(rows) < TOUCH or min(columns) < TOUCH:
            out.append(f"calendar days {min(columns)}x{min(rows)}")
        base = calendar.palette().color(QPalette.ColorRole.Base)
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            brush = calendar.weekdayTextFormat(day).foreground()
            if brush.style() != Qt.BrushStyle.NoBrush and ratio(brush.color(), base) < 4.5:
                out.append(f"{day.name} in {brush.color().name()} on {base.name()}")
        return out
    finally:
        popup.hide()


def test_every_control_on_every_screen_is_a_44px_touch_target(
    qtbot: Any,
    sandbox: SandboxServer,
    tmp_path: Path,
    light: None,
) -> None:
    small: list[str] = []

    def check(screen: str, root: QWidget) -> None:
        touchable = set(controls(root)) | {
            b for b in root.findChildren(QAbstractButton) if b.isVisible()
        }
        # Lists and tables scroll under a finger: their scroll bars are narrower than one.
        for area in root.findChildren(QAbstractScrollArea):
            if (
                area.isVisible()
                and area.window() is root.window()
                and not isinstance(area, QHeaderView)  # it scrolls with its table
                and not QScroller.hasScroller(area.viewport())
            ):
                small.append(f"{screen}: {describe(area)} does not scroll by touch")
        for w in touchable:
            # A label whose text can be selected takes the focus, but is nothing to press.
            if w.window() is root.window() and not isinstance(w, QLabel):
                small.extend(f"{screen}: {describe(w)} {p}" for p in touch_problems(w))

    walk(qtbot, sandbox, tmp_path, check)
    assert not small, "smaller than 44 x 44 px:\n" + "\n".join(sorted(set(small)))


def rgb(image: QImage) -> memoryview:
    """The pixels as 0xffRRGGBB integers (copied: the converted image is a temporary)."""
    converted = image.convertToFormat(QImage.Format.Format_RGB32)
    return memoryview(bytes(converted.constBits())).cast("I")


def ring_pixels(before: QImage, after: QImage) -> int:
    """How many pixels change colour by 3:1 or more between the two pictures."""
    a, b = rgb(before), rgb(after)
    changed = 0
    cache: dict[int, float] = {}

    def lum(value: int) -> float:
        if value not in cache:
            cache[value] = luminance(QColor.fromRgb(value))
        return cache[value]

    for x, y in zip(a, b, strict=True):
        if x != y:
            la, lb = lum(x & 0xFFFFFF), lum(y & 0xFFFFFF)
            if (max(la, lb) + 0.05) / (min(la, lb) + 0.05) >= 3:
                changed += 1
    return changed


def test_every_control_on_every_screen_shows_a_focus_ring(
    qtbot: Any,
    sandbox: SandboxServer,
    tmp_path: Path,
    theme: bool,
) -> None:
    faint: list[str] = []
    checked = 0

    def check(screen: str, root: QWidget) -> None:
        nonlocal checked
        for w in controls(root, tab_only=True):
            if not w.isEnabled():
                continue
            w.clearFocus()
            qtbot.waitUntil(lambda w=w: not w.hasFocus())
            before = w.grab().toImage()
            w.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(lambda w=w: w.hasFocus())
            after = w.grab().toImage()
            w.clearFocus()
            # At least a 1 px ring around the control (a little less for round corners);
            # on a tab bar, around the current tab.
            size = w.tabRect(w.currentIndex()).size() if isinstance(w, QTabBar) else w.size()
            needed = int(0.9 * (2 * (size.width() + size.height())))
            found = ring_pixels(before, after)
            checked += 1
            if found < needed:
                faint.append(f"{screen}: {describe(w)} {found} of {needed} px")

    walk(qtbot, sandbox, tmp_path, check)
    assert checked > 40
    assert not faint, "no visible focus ring:\n" + "\n".join(faint)


def test_the_ring_measure_sees_a_ring_and_nothing_else(qtbot: Any, light: None) -> None:
    """The focus measure itself: a 3 px ring counts; the same button unfocused does not."""
    button = QPushButton("Sync now")
    qtbot.addWidget(button)
    button.resize(160, 48)
    button.show()
    qtbot.waitExposed(button)
    plain = button.grab().toImage()
    assert ring_pixels(plain, button.grab().toImage()) == 0
    ring = QImage(plain)
    painter = QPainter(ring)
    painter.setPen(QPen(QColor("#0b57d0"), 3))
    painter.drawRect(QRect(1, 1, 157, 45))
    painter.end()
    assert ring_pixels(plain, ring) >= 2 * (160 + 48)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_hour_chart_bars_stand_out_from_the_window(qtbot: Any, qapp: Any, dark: bool) -> None:
    """The report's bars are graphics that carry the numbers: 3:1 on the window (1.4.11)."""
    from pos_app.ui.views.manager import HourChart

    try:
        apply_theme(qapp, dark=dark)
        chart = HourChart()
        qtbot.addWidget(chart)
        chart.resize(480, 160)
        chart.set_counts([4 if hour == 12 else 0 for hour in range(24)])
        chart.show()
        qtbot.waitExposed(chart)
        picture = chart.grab().toImage()
        window = qapp.palette().color(QPalette.ColorRole.Window)
        bar_left = 8 + 12 * (480 - 16) / 24
        bar = picture.pixelColor(int(bar_left + (480 - 16) / 48), 160 - 22 - 4)
        assert bar != window  # a bar is drawn there
        assert ratio(bar, window) >= 3, f"{bar.name()} on {window.name()}"
    finally:
        apply_theme(qapp, dark=False)
