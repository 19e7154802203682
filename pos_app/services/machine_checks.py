"""The doctor's checks of this machine itself: the database (opened read-only), the disk's
free space, and whether a folder can be written (a file tried and removed at once). And
`Check`, the one line every check of `pos-app doctor` gives."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..store import health

MB = 1024 * 1024
DISK_WARN, DISK_FAIL = 500 * MB, 50 * MB
OLDEST_PENDING_WARN = timedelta(hours=1)


@dataclass(frozen=True)
class Check:
    """One line of the doctor: `ok` True pass, None warning, False fail."""

    name: str
    ok: bool | None
    detail: str
    fix: str = ""

    @property
    def status(self) -> str:
        return {True: "pass", None: "warn", False: "fail"}[self.ok]

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "status": self.status, "detail": self.detail, "fix": self.fix}


def failed(checks: list[Check]) -> bool:
    return any(c.ok is False for c in checks)


def database_checks(data_dir: Path, clock: Callable[[], datetime]) -> list[Check]:
    found = health.inspect(data_dir)
    if not found.exists:
        return [
            Check("database", None, f"no database yet at {found.path}", "it is made at first start")
        ]
    if found.problem:
        return [
            Check(
                "database",
                False,
                f"{found.path} cannot be read: {found.problem}",
                "close other copies of pos-app; if it persists, restore the latest "
                "terminal.db.schema*.bak or call support with pos-app doctor --bundle",
            )
        ]
    checks = [_schema(found)]
    if found.verdict != "ok":
        checks.append(
            Check(
                "integrity",
                False,
                f"{found.check}: {found.verdict}",
                "stop the terminal, copy the data folder aside and call support with "
                "pos-app doctor --bundle",
            )
        )
    else:
        checks.append(Check("integrity", True, f"{found.check}: ok ({found.size / MB:.1f} MB)"))
    checks.append(_queue(found, clock()))
    conflicts = found.count("conflict")
    checks.append(
        Check(
            "conflicts",
            None,
            f"{conflicts} conflict(s) wait for a manager",
            "pos-app conflicts list",
        )
        if conflicts
        else Check("conflicts", True, "none")
    )
    return checks


def _schema(found: health.Health) -> Check:
    mine, code = found.schema, found.code_schema
    if mine > code:
        return Check(
            "schema",
            False,
            f"the database is schema {mine}, newer than this pos-app knows ({code})",
            "install the newer pos-app that wrote it",
        )
    if mine < code:
        return Check(
            "schema",
            None,
            f"schema {mine}; this pos-app upgrades it to {code} at the next start",
            "start pos-app once (a copy is kept beside it first)",
        )
    return Check("schema", True, f"schema {mine}, as this pos-app expects")


def _queue(found: health.Health, now: datetime) -> Check:
    pending = found.count("pending")
    if not pending or found.oldest_pending is None:
        return Check("queue", True, "nothing waits to be sent")
    age = now - found.oldest_pending
    words = f"{pending} operation(s) wait to be sent; the oldest for {_age(age)}"
    if age > OLDEST_PENDING_WARN:
        return Check(
            "queue",
            None,
            words,
            "fix the backend check above, then pos-app sync --once (pos-app sync status shows why)",
        )
    return Check("queue", True, words)


def _age(age: timedelta) -> str:
    seconds = max(int(age.total_seconds()), 0)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


# ------------------------------------------------------------------ disk and folders
def disk_check(data_dir: Path, free_bytes: Callable[[Path], int]) -> Check:
    where = _existing(data_dir)
    try:
        free = free_bytes(where)
    except OSError as error:
        return Check("disk", None, f"free space of {where} unknown: {error}", "")
    words = f"{free / MB:,.0f} MB free on {where}"
    fix = "free disk space (old exports, downloads); the terminal needs room to queue work"
    if free < DISK_FAIL:
        return Check("disk", False, words, fix)
    if free < DISK_WARN:
        return Check("disk", None, words, fix)
    return Check("disk", True, words)


def _existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def folder_check(name: str, folder: Path) -> Check:
    if not folder.exists():
        return Check(name, None, f"{folder} does not exist yet", "it is made at first start")
    if not folder.is_dir():
        return Check(name, False, f"{folder} is a file, not a folder", f"move {folder} aside")
    probe = folder / f".pos-app-doctor-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as error:
        return Check(
            name,
            False,
            f"{folder} cannot be written: {error.strerror}",
            f"give the user who runs pos-app write access to {folder}",
        )
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    wide = [folder] if stat.S_IMODE(folder.stat().st_mode) & 0o077 else []
    wide += [
        p
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.is_symlink() and stat.S_IMODE(p.stat().st_mode) & 0o077
    ]
    if wide:
        shown = ", ".join(p.name or str(p) for p in wide[:5])
        return Check(
            name,
            False,
            f"readable by others: {shown}{' ...' if len(wide) > 5 else ''}",
            f"chmod 700 {folder} and chmod 600 the files in it",
        )
    return Check(name, True, f"{folder} is writable and owner-only")
