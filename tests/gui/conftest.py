"""Fixtures shared by the GUI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.gui_helpers import CASHIER, CASHIER_PIN, Gui, open_window, sign_in, wait_synced

from pos_app.sandbox import SandboxServer


@pytest.fixture
def gui(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> Iterator[Gui]:
    g = open_window(qtbot, sandbox, tmp_path / "terminal")
    assert g.window.stack.currentWidget() is g.window.signin  # it opens on sign-in
    sign_in(qtbot, g, CASHIER, CASHIER_PIN)
    # Ready: the first sync filled the cache and customers are on screen.
    wait_synced(qtbot, g)
    yield g
    g.window.close()
