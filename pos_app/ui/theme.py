"""How the till looks: Fusion in the system's light or dark scheme, our stylesheet with
its sizes scaled to the screen, the icons, and the main window filling its screen."""

from __future__ import annotations

import re

from PySide6.QtCore import QDir, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# Re-exported: the tests and the screenshots find the stylesheets through the theme.
from ..resources import resources_dir as resources_dir


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


# WCAG AA in both themes (tests/gui/test_gui_accessibility.py measures every pair): grey hints
# and selected rows at 4.5:1 or more, and an accent for focus rings at 3:1 or more next to
# the window, a button and a field. Light changes Fusion's standard palette only here.
LIGHT_CHANGES = (
    (QPalette.ColorRole.PlaceholderText, "#595f69"),  # was 50% black: 3.9:1 on the window
    (QPalette.ColorRole.Highlight, "#0b57d0"),  # white on it 6.4:1 (was 3.7:1)
    (QPalette.ColorRole.Accent, "#0b57d0"),
)
DARK_CHANGES = (
    (QPalette.ColorRole.PlaceholderText, "#9da7b3"),  # 5.4:1 on a button (was 4.3:1)
    (QPalette.ColorRole.Highlight, "#1f6feb"),  # white on it 4.6:1 (was 3.7:1)
    (QPalette.ColorRole.Accent, "#58a6ff"),
    (QPalette.ColorRole.Mid, "#6e7681"),  # borders: Fusion's #b8b8b8 glared on dark grey
)


def dark_stylesheet(dark: bool) -> str:
    """The dark theme's lighter text colours (resources/style-dark.qss), or nothing."""
    path = resources_dir() / "style-dark.qss"
    return "\n" + path.read_text(encoding="utf-8") if dark and path.exists() else ""


# The stylesheet's sizes are for a 1366x768 screen; a larger one scales them (type, cards,
# keys) by its size over this, up to twice; a smaller one keeps them (1024x768 fits as is).
DESIGN_SIZE = QSize(1366, 768)
MAX_SCALE = 2.0
_PX = re.compile(r"(?<![\w.#-])(\d+(?:\.\d+)?)px\b")


def ui_scale(available: QSize) -> float:
    """How much larger than designed the type and the cards are on a screen with this much
    room (its available size: without a taskbar), in steps of 0.05."""
    factor = min(available.width() / DESIGN_SIZE.width(), available.height() / DESIGN_SIZE.height())
    return round(min(max(factor, 1.0), MAX_SCALE) * 20) / 20


def scaled_stylesheet(text: str, scale: float) -> str:
    """Every size in px of a stylesheet times `scale` (a 1 px border stays at least 1 px)."""
    if scale == 1.0:
        return text
    return _PX.sub(lambda m: f"{max(1, round(float(m.group(1)) * scale))}px", text)


def screen_scale() -> float:
    screen = QGuiApplication.primaryScreen()
    return 1.0 if screen is None else ui_scale(screen.availableGeometry().size())


def show_main_window(window: QWidget, *, fullscreen: bool = False) -> None:
    """The till's window fills its screen: maximised (the taskbar and the title bar stay),
    or full screen with `fullscreen = true` in config.toml. Restored (un-maximised), it
    is never larger than the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        window.resize(window.size().boundedTo(screen.availableGeometry().size()))
    if fullscreen:
        window.showFullScreen()
    else:
        window.showMaximized()


def apply_theme(app: QApplication, *, dark: bool | None = None, scale: float | None = None) -> None:
    """Fusion, in the system's light or dark colour scheme (or the one asked for), plus our
    stylesheet, whose colours come from the palette and whose sizes grow with the screen
    (`scale`; by default from the primary screen's available size, see ui_scale)."""
    if scale is None:
        scale = screen_scale()
    app.setStyle("Fusion")
    if dark is None:
        dark = system_prefers_dark()
    if not dark:
        palette = app.style().standardPalette()
        for role, colour in LIGHT_CHANGES:
            palette.setColor(role, QColor(colour))
        # A calendar shows the other months' days in this grey: 4.5:1 on white (was 1.9:1).
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#767676"))
        app.setPalette(palette)
    else:
        palette = QPalette()
        for role, colour in (
            *DARK_CHANGES,
            (QPalette.ColorRole.Window, "#1f2328"),
            (QPalette.ColorRole.WindowText, "#e6e6e6"),
            (QPalette.ColorRole.Base, "#16191d"),
            (QPalette.ColorRole.AlternateBase, "#23272e"),
            (QPalette.ColorRole.Text, "#e6e6e6"),
            (QPalette.ColorRole.Button, "#2b3036"),
            (QPalette.ColorRole.ButtonText, "#e6e6e6"),
            (QPalette.ColorRole.HighlightedText, "#ffffff"),
            (QPalette.ColorRole.ToolTipBase, "#2b3036"),
            (QPalette.ColorRole.ToolTipText, "#e6e6e6"),
        ):
            palette.setColor(role, QColor(colour))
        for role in (  # a disabled field or button must look it (greyed, as in light)
            QPalette.ColorRole.Text,
            QPalette.ColorRole.WindowText,
            QPalette.ColorRole.ButtonText,
        ):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8590"))
        app.setPalette(palette)
    QDir.setSearchPaths("icons", [str(resources_dir() / "icons")])  # url(icons:...) in the qss
    font = app.font()
    base = app.property("basePointSize")  # the system's size, before any scaling
    if not isinstance(base, float):
        base = max(font.pointSizeF(), 11.0)
        app.setProperty("basePointSize", base)
    font.setPointSizeF(base * scale)
    app.setFont(font)
    app.setProperty("dark", dark)
    app.setProperty("uiScale", scale)
    style = resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(
            scaled_stylesheet(style.read_text(encoding="utf-8") + dark_stylesheet(dark), scale)
        )
    icon = resources_dir() / "icons" / "app.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


# The analytics chart's series, each 3:1 or more on its theme's window (a graphical object):
# points in (earned, of which bonus; adjusted up) above the axis, points out below.
CHART_SERIES = {
    False: {
        "earned": "#1f7a4d",
        "bonus": "#8a5a00",
        "redeemed": "#0b57d0",
        "expired": "#5d646e",
        "adjusted": "#8250df",
        "returned": "#c62828",
    },
    True: {
        "earned": "#3fb950",
        "bonus": "#d29922",
        "redeemed": "#58a6ff",
        "expired": "#9da7b3",
        "adjusted": "#bc8cff",
        "returned": "#ff7b72",
    },
}


def chart_colour(series: str, dark: bool) -> QColor:
    return QColor(CHART_SERIES[dark][series])
