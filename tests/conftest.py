"""Shared fixtures: a real sandbox backend on a free loopback port, per test."""

from __future__ import annotations

import os

# Real Qt widgets, headless: set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app.sandbox import SandboxServer, open_ledger


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, seeded once per test session; each test gets a copy."""
    path = tmp_path_factory.mktemp("sandbox-template") / "template.db"
    open_ledger(path).close()
    return path


@pytest.fixture
def sandbox(tmp_path: Path, seeded_template: Path) -> Iterator[SandboxServer]:
    db = tmp_path / "sandbox.db"
    shutil.copy(seeded_template, db)
    server = SandboxServer(db).start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def empty_sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    server = SandboxServer(tmp_path / "empty.db", demo_data=False).start()
    try:
        yield server
    finally:
        server.close()
