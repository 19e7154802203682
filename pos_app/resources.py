"""Where the app's read-only resources (stylesheets, icons) are: one answer for a source
checkout, an installed package and a frozen build. No Qt: the build's tests use it too."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """`resources/`: inside a PyInstaller build, under its bundle folder (`sys._MEIPASS`,
    where packaging/pos-app.spec puts it); else beside the package (a checkout or an
    editable install); else installed under `<prefix>/share/pos-app/resources`."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and isinstance(bundle, str):
        return Path(bundle) / "resources"
    here = Path(__file__).resolve().parents[1] / "resources"
    return here if here.is_dir() else Path(sys.prefix) / "share" / "pos-app" / "resources"
