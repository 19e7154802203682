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

from babel.numbers import format_decimal

from ..i18n import N_, _, locale_id
from ..i18n.formats import number
from ..store import health
from .words import english, say, say_n

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

    @property
    def title(self) -> str:
        """The check's name for a person, in the terminal's language (`name` stays the
        stable English id of `--json` and the support bundle)."""
        words = CHECK_TITLES.get(self.name)
        return _(words) if words else self.name

    def as_json(self) -> dict[str, object]:
        """For machines (`--json`, the support bundle): the English words."""
        detail, fix = english(self.detail), english(self.fix)
        return {"name": self.name, "status": self.status, "detail": detail, "fix": fix}


# Each check's name, for people (the doctor's lines, "Check this terminal").
CHECK_TITLES = {
    "config": N_("config"),
    "keyring": N_("keyring"),
    "backend": N_("backend"),
    "key kind": N_("key kind"),
    "clock": N_("clock"),
    "database": N_("database"),
    "integrity": N_("integrity"),
    "schema": N_("schema"),
    "queue": N_("queue"),
    "conflicts": N_("conflicts"),
    "disk": N_("disk"),
    "data folder": N_("data folder"),
    "log folder": N_("log folder"),
    "printer": N_("printer"),
    "customer display": N_("customer display"),
    "language": N_("language"),
}


def failed(checks: list[Check]) -> bool:
    return any(c.ok is False for c in checks)


def database_checks(data_dir: Path, clock: Callable[[], datetime]) -> list[Check]:
    found = health.inspect(data_dir)
    if not found.exists:
        return [
            Check(
                "database",
                None,
                say(N_("no database yet at {path}"), path=found.path),
                say(N_("it is made at first start")),
            )
        ]
    if found.problem:
        return [
            Check(
                "database",
                False,
                say(N_("{path} cannot be read: {problem}"), path=found.path, problem=found.problem),
                say(
                    N_(
                        "close other copies of pos-app; if it persists, restore the latest "
                        "terminal.db.schema*.bak or call support with pos-app doctor --bundle"
                    )
                ),
            )
        ]
    checks = [_schema(found)]
    if found.verdict != "ok":
        checks.append(
            Check(
                "integrity",
                False,
                f"{found.check}: {found.verdict}",
                say(
                    N_(
                        "stop the terminal, copy the data folder aside and call support with "
                        "pos-app doctor --bundle"
                    )
                ),
            )
        )
    else:
        size = format_decimal(round(found.size / MB, 1), locale=locale_id())
        checks.append(
            Check(
                "integrity", True, say(N_("{check}: ok ({size} MB)"), check=found.check, size=size)
            )
        )
    checks.append(_queue(found, clock()))
    conflicts = found.count("conflict")
    checks.append(
        Check(
            "conflicts",
            None,
            say_n(
                N_("{n} conflict waits for a manager"),
                N_("{n} conflicts wait for a manager"),
                conflicts,
            ),
            "pos-app conflicts list",
        )
        if conflicts
        else Check("conflicts", True, say(N_("none")))
    )
    return checks


def _schema(found: health.Health) -> Check:
    mine, code = found.schema, found.code_schema
    if mine > code:
        return Check(
            "schema",
            False,
            say(
                N_("the database is schema {mine}, newer than this pos-app knows ({code})"),
                mine=mine,
                code=code,
            ),
            say(N_("install the newer pos-app that wrote it")),
        )
    if mine < code:
        return Check(
            "schema",
            None,
            say(
                N_("schema {mine}; this pos-app upgrades it to {code} at the next start"),
                mine=mine,
                code=code,
            ),
            say(N_("start pos-app once (a copy is kept beside it first)")),
        )
    return Check("schema", True, say(N_("schema {mine}, as this pos-app expects"), mine=mine))


def _queue(found: health.Health, now: datetime) -> Check:
    pending = found.count("pending")
    if not pending or found.oldest_pending is None:
        return Check("queue", True, say(N_("nothing waits to be sent")))
    age = now - found.oldest_pending
    words = say_n(
        N_("{n} operation waits to be sent, for {age}"),
        N_("{n} operations wait to be sent; the oldest for {age}"),
        pending,
        age=_age(age),
    )
    if age > OLDEST_PENDING_WARN:
        return Check(
            "queue",
            None,
            words,
            say(
                N_(
                    "fix the backend check above, then pos-app sync --once "
                    "(pos-app sync status shows why)"
                )
            ),
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
        return Check(
            "disk",
            None,
            say(N_("free space of {where} unknown: {error}"), where=where, error=error),
        )
    words = say(N_("{mb} MB free on {where}"), mb=number(round(free / MB)), where=where)
    fix = say(N_("free disk space (old exports, downloads); the terminal needs room to queue work"))
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
        return Check(
            name,
            None,
            say(N_("{folder} does not exist yet"), folder=folder),
            say(N_("it is made at first start")),
        )
    if not folder.is_dir():
        return Check(
            name,
            False,
            say(N_("{folder} is a file, not a folder"), folder=folder),
            say(N_("move {folder} aside"), folder=folder),
        )
    probe = folder / f".pos-app-doctor-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as error:
        return Check(
            name,
            False,
            say(N_("{folder} cannot be written: {error}"), folder=folder, error=error.strerror),
            say(N_("give the user who runs pos-app write access to {folder}"), folder=folder),
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
            say(N_("readable by others: {files}"), files=shown + (" ..." if len(wide) > 5 else "")),
            say(N_("chmod 700 {folder} and chmod 600 the files in it"), folder=folder),
        )
    return Check(name, True, say(N_("{folder} is writable and owner-only"), folder=folder))
