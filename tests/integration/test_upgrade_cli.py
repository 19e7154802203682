"""Upgrades through the command line (issue 12 Deliver 7): a newer build over an older data
folder migrates it, keeping its copy; a database from a newer build is refused in one line
that names both schemas and says to upgrade, and nothing is changed."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from support.terminal_helpers import InProcessCli

from pos_app.store.migrations import MIGRATIONS

pytestmark = pytest.mark.usefixtures("usual_command_line")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> InProcessCli:
    (tmp_path / "data").mkdir()
    return InProcessCli(capsys, monkeypatch, tmp_path / "data")


def test_todays_data_folder_keeps_working(cli: InProcessCli) -> None:
    shutil.copy(FIXTURES / "terminal_schema7.db", cli.data_dir / "terminal.db")
    run = cli("--json", "sync", "status")
    assert run.code == 0, run
    assert json.loads(run.out)["pending"] == 1
    assert "Maryam" in cli("staff", "list").out


def test_an_older_data_folder_is_migrated_with_its_copy_kept(cli: InProcessCli) -> None:
    shutil.copy(FIXTURES / "outbox_schema4.db", cli.data_dir / "terminal.db")
    run = cli("--json", "sync", "status")
    assert run.code == 0, run
    assert (cli.data_dir / "terminal.db.schema4.bak").exists()


def test_a_newer_database_is_refused_in_one_line(cli: InProcessCli) -> None:
    path = cli.data_dir / "terminal.db"
    shutil.copy(FIXTURES / "terminal_schema7.db", path)
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    before = path.read_bytes()
    run = cli("sync", "status")
    assert run.code == 1 and run.out == "", run
    (line,) = run.err.splitlines()
    assert f"schema {len(MIGRATIONS) + 1}" in line and f"schema {len(MIGRATIONS)} " in line
    assert "upgrade pos-app" in line and "Traceback" not in run.err
    assert path.read_bytes() == before
