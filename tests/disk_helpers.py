"""A real full disk for tests: a tiny tmpfs mounted under the test's tmp dir, filled on
demand with a ballast file (ENOSPC, as at a till whose disk filled up) and freed again.

Mounting needs root (CAP_SYS_ADMIN); where it is not allowed, `tiny_disk` skips the test.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

BALLAST = ".ballast"


class TinyDisk:
    """A tmpfs of `size_mb` at `path`. `fill()` takes every free byte; `free()` gives
    them back."""

    def __init__(self, path: Path, size_mb: int = 16) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=0700", "tmpfs", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if mounted.returncode != 0:
            raise OSError(mounted.stderr.strip() or "mount failed")
        self._fills = 0

    def fill(self) -> None:
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


class TinyDiskUnavailable(Exception):
    """This machine does not let the tests mount a tmpfs (not root, or no CAP_SYS_ADMIN)."""


@contextlib.contextmanager
def mount_tiny_disk(path: Path, size_mb: int = 16) -> Iterator[TinyDisk]:
    try:
        disk = TinyDisk(path, size_mb)
    except OSError as exc:
        raise TinyDiskUnavailable(str(exc)) from exc
    try:
        yield disk
    finally:
        disk.close()


@contextlib.contextmanager
def tiny_disk(path: Path, size_mb: int = 16) -> Iterator[TinyDisk]:
    """A tiny disk, or the test is skipped where none can be mounted."""
    try:
        with mount_tiny_disk(path, size_mb) as disk:
            yield disk
    except TinyDiskUnavailable as exc:
        pytest.skip(f"cannot mount a tmpfs for a full-disk test: {exc}")


def wait_for(condition: Callable[[], bool], timeout: float = 20.0, what: str = "") -> None:
    """Poll `condition` until it holds (never a bare sleep that hopes it is long enough)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.002)
