"""Files the terminal writes outside its database (exports, reports, the audit anchor):
owner-only (0600) from the moment they exist, whatever the umask, and replaced whole."""

from __future__ import annotations

import contextlib
import io
import logging.handlers
import os
from pathlib import Path

PRIVATE = 0o600


class MissingFolder(OSError):
    """The folder a file should go into does not exist."""


def write_private(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write `data` to `path` readable by its owner only: a temporary file beside it
    (created 0600), then an atomic rename, so a reader never sees half a file and a
    crash leaves the old one. `durable` also fsyncs the file and its folder."""
    folder = path.parent
    if not folder.is_dir():
        raise MissingFolder(f"the folder {folder} does not exist")
    temporary = folder / f".{path.name}.{os.getpid()}.tmp"
    fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_TRUNC, PRIVATE)
    try:
        os.fchmod(fd, PRIVATE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if durable:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    os.close(fd)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    if durable:
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def make_private(path: Path) -> None:
    """Narrow an existing file of ours to its owner (a log after rotation, say)."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, PRIVATE)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is owner-only: the stock handler opens each new
    file with the umask's mode (0644 as a rule), so the log turned world-readable at its
    first rotation. Rotated copies are renames of an owner-only file, so they stay so."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE)
        try:
            os.fchmod(fd, PRIVATE)  # a file left from before, with a wider mode
        except OSError:
            os.close(fd)
            raise
        return open(fd, "a", encoding=self.encoding, errors=self.errors)
