"""Fixtures shared by the GUI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from support.gui_helpers import (
    CASHIER,
    CASHIER_PIN,
    MANAGER,
    MANAGER_PIN,
    Gui,
    sign_in,
    signed_in,
    wait_synced,
    window,
)

from pos_app.i18n import compile as catalogues
from pos_app.sandbox import SandboxServer
from pos_app.ui.language import install


@pytest.fixture(scope="session", autouse=True)
def english(qapp: Any, catalogues_built: None) -> None:
    """The screen speaks English (as on a till whose system is English), with the built
    catalogue: English's plural forms ("1 conflict", "2 conflicts") come from en.qm. A
    test in another language installs it and puts English back."""
    install(qapp, "en", "NG")


@pytest.fixture(scope="session", autouse=True)
def english_catalogue(
    qapp: QApplication, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """English's own plural forms ("1 point expires", "2 points expire"), built from en.ts
    and installed as the app installs its language."""
    out = tmp_path_factory.mktemp("catalogues")
    catalogues.build(out)
    translator = QTranslator(qapp)
    assert translator.load(str(out / "en.qm"))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def gui(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> Iterator[Gui]:
    """The cashier signed in, the first sync done."""
    with window(qtbot, sandbox, tmp_path / "terminal") as g:
        assert g.window.stack.currentWidget() is g.window.signin  # it opens on sign-in
        sign_in(qtbot, g, CASHIER, CASHIER_PIN)
        # Ready: the first sync filled the cache and customers are on screen.
        wait_synced(qtbot, g)
        yield g


@pytest.fixture
def boss(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> Iterator[Gui]:
    """The manager signed in, the first sync done."""
    with signed_in(qtbot, sandbox, tmp_path / "terminal", MANAGER, MANAGER_PIN) as g:
        yield g
