"""packaging/linux/install-linux.sh on a stand-in build (a script for the binary, the real
desktop entry, one icon), in a temporary HOME: install, upgrade, auto-start and uninstall
put and remove exactly the program, its menu entry and icons, and never touch the data
folder. The real build is checked by packaging/smoke.sh (and CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "packaging" / "linux" / "install-linux.sh"
DESKTOP = ROOT / "packaging" / "linux" / "pos-app.desktop"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux install")


def fake_build(folder: Path, version: str) -> Path:
    """A folder shaped like dist/pos-app/ on Linux, whose binary only says its version."""
    (folder / "_internal").mkdir(parents=True)
    binary = folder / "pos-app"
    binary.write_text(f'#!/bin/sh\necho "pos-app {version}"\n', encoding="utf-8")
    binary.chmod(0o755)
    (folder / "share" / "applications").mkdir(parents=True)
    shutil.copy(DESKTOP, folder / "share" / "applications" / "pos-app.desktop")
    icons = folder / "share" / "icons" / "hicolor" / "16x16" / "apps"
    icons.mkdir(parents=True)
    (icons / "pos-app.png").write_bytes(b"\x89PNG stand-in")
    (folder / "_internal" / f"only-in-{version}").write_text("x", encoding="utf-8")
    return folder


def install(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)}
    return subprocess.run(
        ["bash", str(INSTALL), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_install_upgrade_autostart_and_uninstall(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share" / "pos-app"
    data.mkdir(parents=True)
    (data / "terminal.db").write_bytes(b"the till's data")
    app = home / ".local" / "lib" / "pos-app"
    entry = home / ".local" / "share" / "applications" / "pos-app.desktop"
    autostart = home / ".config" / "autostart" / "pos-app.desktop"

    done = install(home, str(fake_build(tmp_path / "v1", "1.0")))
    assert done.returncode == 0, done.stderr
    assert "installed pos-app 1.0" in done.stdout
    assert (home / ".local" / "bin" / "pos-app").resolve() == (app / "pos-app").resolve()
    text = entry.read_text(encoding="utf-8")
    assert f"Exec={app}/pos-app\n" in text and f"TryExec={app}/pos-app\n" in text
    assert (home / ".local/share/icons/hicolor/16x16/apps/pos-app.png").is_file()
    assert not autostart.exists()
    if shutil.which("desktop-file-validate"):
        valid = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True)
        assert valid.returncode == 0, valid.stdout

    done = install(home, "--autostart", str(fake_build(tmp_path / "v2", "2.0")))
    assert done.returncode == 0, done.stderr
    assert "installed pos-app 2.0" in done.stdout
    assert not (app / "_internal" / "only-in-1.0").exists()  # replaced whole
    assert (app / "_internal" / "only-in-2.0").exists()
    assert f"Exec={app}/pos-app\n" in autostart.read_text(encoding="utf-8")
    assert (data / "terminal.db").read_bytes() == b"the till's data"

    done = install(home, "--uninstall")
    assert done.returncode == 0, done.stderr
    assert not app.exists() and not entry.exists() and not autostart.exists()
    assert not (home / ".local" / "bin" / "pos-app").exists()
    assert (data / "terminal.db").read_bytes() == b"the till's data"


def test_refuses_what_is_not_a_build(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = install(tmp_path / "home", str(tmp_path / "empty"))
    assert done.returncode == 2
    assert "is not a build of pos-app" in done.stderr
    assert not (tmp_path / "home" / ".local" / "lib" / "pos-app").exists()

    done = install(tmp_path / "home", "--colour")
    assert done.returncode == 2 and "unknown option --colour" in done.stderr
