"""A real full disk for tests: a tiny tmpfs mounted under the test's tmp dir, filled on
demand with a ballast file (ENOSPC, as at a till whose disk filled up) and freed again.

Mounting needs root (CAP_SYS_ADMIN). Where it is not allowed (or with
POS_APP_FULL_DISK=rlimit), the same tests run on `FileSizeLimit`: the command's own
RLIMIT_FSIZE is lowered to the size its files have, so every write that would grow one
fails with EFBIG (SIGXFSZ ignored), which SQLite reports as it does a full disk.
"""

from __future__ import annotations

import contextlib
import errno
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

BALLAST = ".ballast"


# Runs pos-app with no room to grow any file (RLIMIT_FSIZE 0): a disk full from the start.
_NO_ROOM = (
    "import resource, runpy, signal, sys; "
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
    "resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.getrlimit(resource.RLIMIT_FSIZE)[1])); "
    "sys.argv[0] = 'pos-app'; runpy.run_module('pos_app', run_name='__main__')"
)
POS_APP = [sys.executable, "-m", "pos_app"]


class TinyDisk:
    """A tmpfs of `size_mb` at `path`. `fill()` takes every free byte; `free()` gives
    them back. `pid` (the command being tested) is not needed: the disk is shared."""

    real = True

    def __init__(self, path: Path, size_mb: int = 16) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        if os.environ.get("POS_APP_FULL_DISK") == "rlimit":
            raise OSError("POS_APP_FULL_DISK=rlimit asks for the file-size limit instead")
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=0700", "tmpfs", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if mounted.returncode != 0:
            raise OSError(mounted.stderr.strip() or "mount failed")
        self._fills = 0

    def command(self) -> list[str]:
        return POS_APP

    def fill(self, pid: int | None = None) -> None:
        """Write ballast until the filesystem says ENOSPC: the disk is now full."""
        self._fills += 1
        block = b"\0" * 65536
        fd = os.open(self.path / f"{BALLAST}{self._fills}", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                try:
                    os.write(fd, block)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    if len(block) == 1:
                        return
                    block = block[: len(block) // 2]
        finally:
            os.close(fd)

    def free(self) -> None:
        for ballast in self.path.glob(f"{BALLAST}*"):
            ballast.unlink()

    def close(self) -> None:
        self.free()
        subprocess.run(["umount", "-l", str(self.path)], capture_output=True, check=False)


class FileSizeLimit:
    """The fallback full disk: `fill(pid)` lowers the running command's RLIMIT_FSIZE to
    the size of the biggest file its write-ahead log has, so the next write that grows
    it fails (EFBIG; SIGXFSZ is ignored, as the test process ignores it and children
    inherit that); `fill()` without a pid makes the next `command()` start with no
    room at all."""

    real = False

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        self._from_start = False

    def command(self) -> list[str]:
        return [sys.executable, "-c", _NO_ROOM] if self._from_start else POS_APP

    def fill(self, pid: int | None = None) -> None:
        if pid is None:
            self._from_start = True
            return
        wal = [f.stat().st_size for f in self.path.rglob("*-wal")]
        limit = max(wal, default=0)
        hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
        with contextlib.suppress(ProcessLookupError):
            resource.prlimit(pid, resource.RLIMIT_FSIZE, (limit, hard))

    def free(self) -> None:
        self._from_start = False

    def close(self) -> None:
        self.free()


FullDisk = TinyDisk | FileSizeLimit


@contextlib.contextmanager
def full_disk(path: Path, size_mb: int = 16) -> Iterator[FullDisk]:
    """A tiny tmpfs where one can be mounted, else the file-size limit."""
    try:
        disk: FullDisk = TinyDisk(path, size_mb)
    except OSError:
        disk = FileSizeLimit(path)
    try:
        yield disk
    finally:
        disk.close()


def wait_for(condition: Callable[[], bool], timeout: float = 20.0, what: str = "") -> None:
    """Poll `condition` until it holds (never a bare sleep that hopes it is long enough)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.002)  # sleep-ok: the poll interval of a wait-for-condition
