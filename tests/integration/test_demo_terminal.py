"""The `--sandbox` demo's terminal starts from a cache synced with the day's seeded
sandbox (issue 14: pos_app/demo_terminal.py): made by a real pull, copied per start, each
copy a terminal of its own; a missing, stale or damaged template leaves the demo as it was
(an empty terminal); never over a terminal's own data. Structure only, no timing."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app import bootstrap, demo_terminal
from pos_app.config import Config
from pos_app.domain.pins import ScryptCost
from pos_app.sandbox import template
from pos_app.services import auditing, lookup, staff, syncing

CHEAP = ScryptCost(n=2**4, r=8, p=1)


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(bootstrap.ENV_DEMO_CACHE, str(folder))
    return folder


@pytest.fixture
def made(cache: Path) -> Path:
    """Today's terminal template, made as a demo's end makes it (in a process of its own)."""
    demo_terminal.make(cache, "1.1")
    found = demo_terminal.template_path(cache, "1.1")
    assert found is not None and found.is_file()
    return found


def _customers(data_dir: Path) -> list[tuple[object, ...]]:
    """The cached customers as the backend gave them (not when this terminal cached them)."""
    with sqlite3.connect(data_dir / "terminal.db") as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("SELECT * FROM customers ORDER BY id").fetchall()
    conn.close()
    return [tuple(v for k, v in dict(r).items() if k != "cached_at") for r in rows]


def test_a_demo_starts_from_the_synced_cache_and_its_first_sync_only_confirms(
    made: Path, cache: Path
) -> None:
    ids = []
    for _ in range(2):
        with bootstrap.sandbox(data_dir=None, pin_cost=CHEAP, synced=True) as start:
            data_dir = start.config.data_dir
            before = _customers(data_dir)
            with start.terminal() as t:
                ids.append(t.terminal_id)
                # On screen before any request: the seed's Ada, from the copied cache.
                assert [c.name for c in lookup.find(t, "Ada Obi")][:1] == ["Ada Obi"]
                assert not staff.has_staff(t) and not auditing.entries(t)
                bootstrap.add_demo_staff(t, cache)  # the demo's staff, as on an empty one
                assert auditing.verify(t) == []
                # A real pull of this backend gives what the copy holds: nothing new.
                report = syncing.sync_once(t)
                assert report.reached_backend and not report.errors
                assert syncing.status(t, probe=False).pending == 0
            # Each pulled row again at most (the cursor's own instant), none changed.
            assert report.pulled_customers < len(before) // 10
            assert _customers(data_dir) == before
    # Each copy is a terminal of its own: the template holds no id, each start makes one.
    assert len(set(ids)) == 2 and demo_terminal.TEMPLATE_TERMINAL not in ids


def test_the_template_is_what_a_real_pull_gives_and_owner_only(made: Path, tmp_path: Path) -> None:
    # An empty terminal's first pull from a fresh copy of the same sandbox template.
    fresh = bootstrap.sandbox(data_dir=tmp_path / "fresh", pin_cost=CHEAP)
    with fresh as start, start.terminal() as t:
        assert syncing.sync_once(t).reached_backend
    assert _customers(tmp_path / "fresh") == _customers_of(made, tmp_path / "read")
    assert demo_terminal.copy_into(tmp_path / "copy", made.parent, "1.1")
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "copy" / "terminal.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "copy").stat().st_mode) == 0o700
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    # Beside it, only the sandbox template it was pulled from (and nothing half-made).
    names = sorted(p.name for p in made.parent.iterdir())
    assert names == sorted([made.name, template.template_path(made.parent).name])


def _customers_of(db: Path, folder: Path) -> list[tuple[object, ...]]:
    folder.mkdir()
    (folder / "terminal.db").write_bytes(db.read_bytes())
    return _customers(folder)


def test_a_damaged_template_falls_back_and_the_demo_makes_another(
    made: Path, cache: Path, tmp_path: Path
) -> None:
    good = made.read_bytes()
    made.write_bytes(good[: len(good) // 3])  # cut short
    demo = bootstrap.sandbox(data_dir=None, pin_cost=CHEAP, synced=True)
    with demo as start, start.terminal() as t:  # an empty terminal, as before the template
        assert lookup.recent(t) == []
        assert syncing.sync_once(t).pulled_customers > 0
    again = demo_terminal.template_path(cache, "1.1")  # made again as that demo ended
    assert again is not None and again != made and not made.exists()
    assert demo_terminal.copy_into(tmp_path / "again", cache, "1.1")
    # One byte changed in the middle: the copy checks the whole file against its name.
    data = bytearray(again.read_bytes())
    data[len(data) // 2] ^= 0xFF
    again.write_bytes(bytes(data))
    assert not demo_terminal.copy_into(tmp_path / "flipped", cache, "1.1")
    assert not (tmp_path / "flipped" / "terminal.db").exists()
    assert not again.exists()  # removed: the next demo's end makes another
    assert demo_terminal.template_path(cache, "1.1") is None


def test_a_stale_template_is_not_used(made: Path, cache: Path, tmp_path: Path) -> None:
    # The sandbox template seeded again (another day, other code, or removed and made
    # anew): its cursors are not the backend's any more.
    sandbox = template.template_path(cache)
    os.utime(sandbox, ns=(sandbox.stat().st_atime_ns, sandbox.stat().st_mtime_ns + 1))
    assert demo_terminal.template_path(cache, "1.1") is None
    assert not demo_terminal.copy_into(tmp_path / "t", cache, "1.1")
    assert not (tmp_path / "t" / "terminal.db").exists()
    sandbox.unlink()
    assert demo_terminal.template_path(cache, "1.1") is None
    assert made.exists()  # left for the next demo's end to replace


def test_another_api_version_has_its_own(made: Path, cache: Path, tmp_path: Path) -> None:
    assert demo_terminal.template_path(cache, "1") is None
    assert not demo_terminal.copy_into(tmp_path / "v1", cache, "1")


def test_only_a_pull_alone_makes_a_template(tmp_path: Path) -> None:
    """A terminal with an id of its own, or an outbox, is not what a pull alone makes."""
    config = Config(data_dir=tmp_path / "till", backend_url=None, terminal_id=None)
    with bootstrap.Start(config, None, pin_cost=CHEAP).terminal():  # stores its own id
        pass
    assert "terminal id" in demo_terminal._problem(tmp_path / "till")
    (tmp_path / "till" / "terminal.db").write_bytes(b"not a database" * 100)
    assert demo_terminal._problem(tmp_path / "till")


def test_the_data_dir_given_is_never_written_over(made: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    with bootstrap.sandbox(data_dir=mine, pin_cost=CHEAP, synced=True) as start:
        assert start.config.data_dir == mine
        assert not (mine / "terminal.db").exists()
    with (
        bootstrap.sandbox(data_dir=mine, pin_cost=CHEAP, synced=True) as start,
        start.terminal() as t,
    ):
        own_id = t.terminal_id
    assert not demo_terminal.copy_into(mine, made.parent, "1.1")  # a database is there
    with (
        bootstrap.sandbox(data_dir=mine, pin_cost=CHEAP, synced=True) as start,
        start.terminal() as t,
    ):
        assert t.terminal_id == own_id


def test_without_a_template_the_demo_starts_empty_and_its_end_makes_one(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[Path, str]] = []
    monkeypatch.setattr(demo_terminal, "make", lambda *a: asked.append(a))
    with bootstrap.sandbox(data_dir=None, pin_cost=CHEAP, synced=True) as start:
        assert not (start.config.data_dir / "terminal.db").exists()
    assert asked == [(cache, "1.1")]
    with bootstrap.sandbox(data_dir=None, pin_cost=CHEAP) as start:  # a command's sandbox
        pass
    assert asked == [(cache, "1.1")]


def test_the_demo_window_never_starts_openssl(cache: Path, tmp_path: Path) -> None:
    """The second demo of the day is ready from its copied cache without the sync engine
    and httpx (its worker never starts under --quit-after-ready), and without OpenSSL
    (hashlib, hmac, secrets: about 4 MiB of the window's peak): the template's names are
    zlib checksums and a new till's id is os.urandom's."""
    script = f"""
import atexit, sys
atexit.register(lambda: print("LOADED", sorted(m for m in {HEAVY!r} if m in sys.modules)))
sys.argv = ["pos-app", "--sandbox", "--quit-after-ready"]
from pos_app.cli import main
sys.exit(main())
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_APP_LOG_DIR": str(tmp_path)}
    for _ in range(2):  # the first of the day makes the template as it ends
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
        )
        assert done.returncode == 0, done.stderr
        assert "ready in" in done.stdout
    assert demo_terminal.template_path(cache, "1.1") is not None
    assert "LOADED []" in done.stdout, done.stdout


HEAVY = ("_hashlib", "hmac", "secrets", "httpx", "pos_app.sync.engine", "pos_app.api.channel")
