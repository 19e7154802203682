"""A database written by a newer pos-app (issue 12 Deliver 7) started in the GUI: one clear
message (what happened, what to do: install the newer build; nothing was changed), exit 1,
no traceback, and the file exactly as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from pos_app.store.migrations import MIGRATIONS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NEWER = len(MIGRATIONS) + 1
POS_APP = [sys.executable, "-m", "pos_app", "--backend", "https://loyalty.example.com"]


def newer_database(data: Path) -> Path:
    data.mkdir(parents=True)
    path = data / "terminal.db"
    shutil.copy(FIXTURES / "terminal_schema7.db", path)
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {NEWER}")
    raw.close()
    return path


def test_the_app_refuses_a_newer_database_in_one_message(tmp_path: Path) -> None:
    path = newer_database(tmp_path / "till")
    before = path.read_bytes()
    done = subprocess.run(
        [*POS_APP, "--data-dir", str(path.parent), "--quit-after-ready"],
        capture_output=True,
        text=True,
        timeout=90,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "LOYALPRO_API_KEY": "sk_test_not_used",
            "POS_APP_LOG_DIR": str(tmp_path / "logs"),
        },
    )
    assert done.returncode == 1, done
    assert "Traceback" not in done.stderr and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "newer version of pos-app" in line and f"data version {NEWER}" in line
    assert "Install that newer pos-app build" in line and "Nothing was changed" in line
    assert path.read_bytes() == before
    log = (tmp_path / "logs" / "pos-app.log").read_text(encoding="utf-8")
    assert f"schema {NEWER}" in log


def test_the_message_is_a_box_when_someone_is_there(
    qapp: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos_app.ui.app import run_gui

    path = newer_database(tmp_path / "till")
    before = path.read_bytes()
    monkeypatch.setenv("LOYALPRO_API_KEY", "sk_test_not_used")
    monkeypatch.setenv("POS_APP_LOG_DIR", str(tmp_path / "logs"))
    seen: list[str] = []

    def answer() -> None:  # the box is modal: read it and press OK, from the loop
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, answer)
    code = run_gui(
        data_dir=str(path.parent),
        backend="https://loyalty.example.com",
        terminal_id=None,
        sandbox=False,
        quit_after_ready=False,
    )
    assert code == 1
    (text,) = seen
    assert "newer version of pos-app" in text and "Install that newer pos-app build" in text
    assert "Nothing was changed" in text
    assert path.read_bytes() == before
