"""Every screen in French fits (issue 13, item 3): test_gui_fit.py's walks, run again with
the terminal speaking French (Côte d'Ivoire) at 1024x768, 1366x768 and 1920x1080, failing
on clipped text as they do: a button's words wider than the button, a one-line label wider
than itself, a wrapped label lower than its lines, a squeezed widget or tab.

French words are often longer than English ones, so a screen that fits in English may not
in French. The walks are test_gui_fit.py's own (this file adds no screen of its own): a
screen or dialog added to those walks is walked in French too. They find what is wrapped
in `tr` and translated in pos_app/i18n/fr.ts; the words of a file still on
tests/unit/test_i18n_guard.py's NOT_CONVERTED list are English here until it is converted.
A French text that does not fit is made shorter (fr.ts), or its screen makes room."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import test_gui_fit as fit
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from support.gui_helpers import Gui

from pos_app.sandbox import SandboxServer
from pos_app.ui.language import install

SIZES, IDS = fit.SIZES, fit.IDS
theme = fit.theme  # the theme at a screen size's scale
till = fit.till  # the window at the test's size


@pytest.fixture(autouse=True)
def french(qapp: QApplication) -> Iterator[None]:
    """The terminal in French before the window is made; English again afterwards."""
    assert install(qapp, "fr", "CI") == "fr"
    try:
        yield
    finally:
        install(qapp, "en", "NG")


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_cashiers_screens_fit_in_french(qtbot: Any, till: Gui, size: QSize) -> None:
    fit.test_the_cashiers_screens_fit(qtbot, till, size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_first_run_sign_in_fits_in_french(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, theme: Any, size: QSize
) -> None:
    fit.test_the_first_run_sign_in_fits(qtbot, sandbox, tmp_path, theme, size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_managers_screens_fit_in_french(qtbot: Any, till: Gui, size: QSize) -> None:
    fit.test_the_managers_screens_fit(qtbot, till, size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_every_dialog_fits_in_french(qtbot: Any, till: Gui, size: QSize) -> None:
    fit.test_every_dialog_fits(qtbot, till, size)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_kiosk_mode_fits_in_french(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, theme: Any, size: QSize
) -> None:
    fit.test_kiosk_mode_fits_with_the_till_menu(qtbot, sandbox, tmp_path, theme, size)


def test_the_window_fits_a_1024x768_screen_with_a_taskbar_in_french(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, theme: Any
) -> None:
    fit.test_the_window_fits_a_1024x768_screen_with_a_taskbar(qtbot, sandbox, tmp_path, theme)
