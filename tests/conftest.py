"""Shared fixtures: a real sandbox backend on a free loopback port, per test."""

from __future__ import annotations

import os

# Real Qt widgets, headless: set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The terminal follows the system's language (terminal.language = "auto"): the tests speak
# English whatever the developer's shell says; a test of another language chooses it.
os.environ["LC_ALL"] = "C.UTF-8"

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from pos_app.sandbox import SandboxServer, open_ledger

# Property tests: the same examples on every run (fixed seed, no example database), and
# no per-example time limit, which a loaded CI core breaks while the property holds.
# HYPOTHESIS_PROFILE=explore searches afresh (the release form).
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session", autouse=True)
def nothing_left_in_temp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The whole session, and every command it starts, makes its temp files in one folder
    of its own (TMPDIR), which must be empty at the end: `pos-app --sandbox` once left a
    `pos-app-sandbox-*` folder per run. pytest's own tmp_path folders stay where they were
    (its base is fixed first)."""
    tmp_path_factory.getbasetemp()
    watched = Path(tempfile.mkdtemp(prefix="pos-app-tests-"))
    previous_env, previous_dir = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = str(watched)
    tempfile.tempdir = str(watched)
    try:
        yield watched
    finally:
        tempfile.tempdir = previous_dir
        if previous_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = previous_env
        left = sorted(p.name for p in watched.iterdir())
        shutil.rmtree(watched, ignore_errors=True)
        assert not left, f"the test session left these in the temp folder: {left}"


@pytest.fixture(scope="session", autouse=True)
def logs_kept_apart(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The terminal's log (pos_app/logs.py) goes to a folder of the session's, never the
    developer's own log folder, here and in every command a test starts (the environment
    is inherited). A test that reads the log sets POS_APP_LOG_DIR to a folder of its own."""
    folder = tmp_path_factory.mktemp("pos-app-logs")
    previous = os.environ.get("POS_APP_LOG_DIR")
    os.environ["POS_APP_LOG_DIR"] = str(folder)
    try:
        yield folder
    finally:
        if previous is None:
            os.environ.pop("POS_APP_LOG_DIR", None)
        else:
            os.environ["POS_APP_LOG_DIR"] = previous


@pytest.fixture(scope="session", autouse=True)
def demo_cache_kept_apart(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The `--sandbox` demo's cache (bootstrap.demo_cache: the day's seeded database, the
    demo staff's PIN hashes) is a folder of the session's, here and in every command a
    test starts, never the developer's own cache."""
    from pos_app.bootstrap import ENV_DEMO_CACHE

    folder = tmp_path_factory.mktemp("pos-app-demo-cache")
    previous = os.environ.get(ENV_DEMO_CACHE)
    os.environ[ENV_DEMO_CACHE] = str(folder)
    try:
        yield folder
    finally:
        if previous is None:
            os.environ.pop(ENV_DEMO_CACHE, None)
        else:
            os.environ[ENV_DEMO_CACHE] = previous


@pytest.fixture(scope="session", autouse=True)
def catalogues_built() -> None:
    """The translation catalogues (pos_app/i18n/*.qm, *.mo: built, never committed), built
    once a session when one is missing or older than its source (a .ts or .po changed)."""
    from pos_app.i18n import compile as catalogues

    if catalogues.stale():
        catalogues.build()


@pytest.fixture(autouse=True)
def language_and_region_kept() -> Iterator[None]:
    """A test that changes the store's country (or language, or zone) through the app, such
    as `config set country CI`, does not leave it to the tests after it."""
    from pos_app import i18n
    from pos_app.i18n import formats

    language, region, zone = i18n.language(), i18n._region, formats._zone
    yield
    i18n.use(language, region)
    formats.use_zone(zone)


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
    with SandboxServer(db) as server:
        yield server


@pytest.fixture
def empty_sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(tmp_path / "empty.db", demo_data=False) as server:
        yield server
