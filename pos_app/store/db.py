"""Opening the local database: WAL, synchronous=FULL, owner-only file, migrations."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..i18n import _
from .migrations import MIGRATIONS

DB_NAME = "terminal.db"


class StoreError(Exception):
    """The local database cannot be used (locked, corrupt, newer than this program)."""


class DatabaseTooNew(StoreError):
    """The database was written by a newer pos-app (a higher schema than this one reads).
    Nothing in it was changed: the way out is to install that newer build."""

    def __init__(self, path: Path, found: int, readable: int) -> None:
        super().__init__(
            _(
                "the database {file} was written by a newer pos-app (schema {found}); this "
                "pos-app reads schema {readable} at most: upgrade pos-app to that newer build "
                "or a later one (the data is left as it was)"
            ).format(file=path, found=found, readable=readable)
        )
        self.path, self.found, self.readable = path, found, readable


class DiskFull(StoreError):
    """The disk holding the terminal's data refused a write: the transaction that hit it
    was rolled back whole, so nothing of it was kept. Callers that have already had an
    operation applied by the backend catch this and report what really happened."""


# SQLite says SQLITE_FULL when a write met ENOSPC. A full tmpfs or a file-size limit
# (EFBIG) can also come back as an I/O error while writing the WAL or setting up or
# growing its shared-memory index; those are a full disk only if there is no room left.
_SQLITE_FULL = 13
_SQLITE_IOERR_WRITE = 778
_SQLITE_IOERR_SHMOPEN = 4618
_SQLITE_IOERR_SHMSIZE = 4874
_MAYBE_FULL = {_SQLITE_IOERR_WRITE, _SQLITE_IOERR_SHMOPEN, _SQLITE_IOERR_SHMSIZE}
_NO_SPACE = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
_LITTLE = 1 << 20  # less free space than this (or a file-size limit this low) is none


def is_disk_full(exc: BaseException, directory: Path | None = None) -> bool:
    """Whether `exc` says the disk (or this process's file-size limit) is full. An I/O
    error counts only if `directory` has no room left: a failing disk or a permission
    problem is not called full."""
    if isinstance(exc, DiskFull):
        return True
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code == _SQLITE_FULL:
            return True
        return code in _MAYBE_FULL and directory is not None and _no_room(directory)
    return isinstance(exc, OSError) and exc.errno in _NO_SPACE


def _no_room(directory: Path) -> bool:
    if sys.platform != "win32":
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
        if soft != resource.RLIM_INFINITY and soft < _LITTLE:
            return True
    try:
        found = os.statvfs(directory)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < _LITTLE


_BUSY_SECONDS = 10.0


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=_BUSY_SECONDS, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    _until_unlocked(lambda: conn.execute("PRAGMA journal_mode=WAL"))
    # FULL: a commit survives power loss, which is what "nothing is lost" means at a till.
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _until_unlocked(step: Callable[[], object]) -> None:
    """Run `step`, again while SQLite says the file is locked, for up to `_BUSY_SECONDS`.

    SQLite does not call its busy handler where waiting could deadlock: switching a new
    file to WAL while another connection does the same, or copying pages while another
    process migrates. Those come back as "locked" at once; they clear in milliseconds."""
    deadline = time.monotonic() + _BUSY_SECONDS
    pause = 0.005
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _create_private(path: Path) -> None:
    """Create the file readable by its owner only, before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


class Database:
    """One connection to the terminal's database, for one thread at a time.

    Each thread that needs the database (the UI's worker, the sync worker) opens its own
    `Database` on the same file; SQLite's WAL lets readers and one writer work together.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            if not path.exists():
                _create_private(path)
            self.conn = _connect(path)
            self._migrate()
        except DatabaseTooNew:
            self.conn.close()
            raise
        except (sqlite3.DatabaseError, OSError) as exc:
            if is_disk_full(exc, path.parent):
                raise DiskFull(
                    _("the disk is full: cannot open {file}: {problem}").format(
                        file=path, problem=exc
                    )
                ) from exc
            if isinstance(exc, OSError):
                raise
            raise StoreError(
                _("cannot open the terminal database {file}: {problem}").format(
                    file=path, problem=exc
                )
            ) from exc

    def _migrate(self) -> None:
        """Apply what is missing, one migration per transaction. The version is read
        again under the write lock, so two processes opening a new file at once do not
        both apply the same step. A database with data in it is copied first (`backup_path`):
        a migration that goes wrong leaves the terminal's queue recoverable."""
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if 0 < version < len(MIGRATIONS):
            self._backup(version)
        while True:
            with self.transaction():
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if version > len(MIGRATIONS):
                    raise DatabaseTooNew(self.path, version, len(MIGRATIONS))
                if version == len(MIGRATIONS):
                    return
                for statement in _statements(MIGRATIONS[version]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {version + 1}")

    def _backup(self, version: int) -> None:
        """A consistent copy of the whole database (WAL included) at schema `version`,
        readable by its owner only, written beside it and renamed into place once complete.

        Each copy is written to a file of its own (`mkstemp` makes it 0600), so terminals
        that open an old database at the same moment never write into, or delete, one
        another's copy. A copy that finds the database already migrated past `version` by
        another opener is dropped: that opener kept the copy before its migration."""
        target = backup_path(self.path, version)
        import tempfile  # only a backup writes a file beside the database

        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
        os.close(fd)
        partial = Path(name)
        try:
            copy = sqlite3.connect(partial)
            try:
                with self._lock:
                    _until_unlocked(lambda: self.conn.backup(copy))
                copy.execute("PRAGMA journal_mode=DELETE")
                copied = copy.execute("PRAGMA user_version").fetchone()[0]
            finally:
                copy.close()
            if copied != version:
                partial.unlink()
                return
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: one durable unit, or nothing on error.

        A failed COMMIT is rolled back too (SQLite may or may not have done it already),
        so the connection is usable for the next transaction; a full disk is raised as
        `DiskFull`, whichever statement met it."""
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            self.conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                if is_disk_full(exc, self.path.parent):
                    raise DiskFull(_("the disk is full: {problem}").format(problem=exc)) from exc
                raise

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def integrity_check(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])


def _statements(script: str) -> list[str]:
    """Split a migration into statements (triggers contain semicolons of their own)."""
    statements, buffer = [], ""
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of a database at schema `version` is kept before it is migrated."""
    return path.with_name(f"{path.name}.schema{version}.bak")


def open_database(data_dir: Path) -> Database:
    return Database(data_dir / DB_NAME)
