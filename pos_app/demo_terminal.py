"""The `--sandbox` demo's terminal, started from a cache already synced with the day's
seeded sandbox, so the window shows customers at once while its backend starts.

The demo's backend (demo_backend.py) needs half a second to its first answer (its web
stack's imports), and the window's terminal used to start empty: no customer on screen
until its first pull. Now, next to the day's sandbox template (sandbox/template.py) sits a
terminal template: a terminal database filled by a real pull (the sync engine, the code
the GUI runs) from a sandbox serving a copy of that template, with nothing else in it (no
staff, no outbox, no audit entry, no terminal id). Each later demo copies it into its new
data folder before the window opens; the worker's first sync then only confirms it (the
backend is a copy of the same template, so the cursors match).

The template is named after what made it: the sandbox template it was pulled from (its
name, the code and day, and that very file: a template seeded again is another), the API
version served, and this terminal's code (the store, sync, API and domain sources; a
frozen build's executable). Made once, when a demo that found none ends (`make`: after
the window closed, off its start); anything wrong with it (missing, stale, unreadable,
damaged) leaves the demo as it was before: an empty terminal that the first pull fills.

`python -m pos_app.demo_terminal CACHE API_VERSION` makes it in a process of its own."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from .store.db import DB_NAME

log = logging.getLogger(__name__)

PREFIX = "terminal-"
# The template's own terminal id, given, never stored: each copy makes its own on first use.
TEMPLATE_TERMINAL = "demo-template"
# What decides what a pull writes into the cache: the schema, the engine, the wire, the models.
CODE = ("store", "sync", "api", "domain")


def _checksum(parts: list[bytes]) -> str:
    """A 64-bit checksum (CRC-32 and Adler-32, zlib's) of `parts`: it names a cache entry
    and finds a damaged file; hashlib would start OpenSSL (about 4 MiB) in the window's
    process before its first screen, for no secret."""
    crc = adler = 1
    for part in parts:
        crc, adler = zlib.crc32(part, crc), zlib.adler32(part, adler)
    return f"{crc:08x}{adler:08x}"


def _fingerprint() -> str:
    """This terminal's code (CODE's sources); in a frozen build, the build's executable."""
    here = Path(__file__).parent
    sources = sorted(p for part in CODE for p in (here / part).rglob("*.py"))
    parts = [p.relative_to(here).as_posix().encode() + p.read_bytes() for p in sources]
    if not sources:
        built = os.stat(sys.executable)
        parts.append(f"{sys.executable}:{built.st_size}:{built.st_mtime_ns}".encode())
    return _checksum(parts)


def _key(cache: Path, api_version: str) -> str | None:
    """What names today's terminal template in `cache`: the sandbox template it is pulled
    from (that very file), the API version served and this terminal's code. None while
    there is no sandbox template to pull from."""
    from .sandbox.template import template_path as sandbox_template

    sandbox = sandbox_template(cache)
    try:
        made = sandbox.stat()
    except OSError:
        return None
    key = f"{sandbox.name}:{made.st_ino}:{made.st_size}:{made.st_mtime_ns}:{api_version}"
    return _checksum([key.encode(), _fingerprint().encode()])


def template_path(cache: Path, api_version: str) -> Path | None:
    """Today's terminal template in `cache`, if there is one. Its name ends with its
    bytes' checksum: each copy checks it, so a damaged template is never started from."""
    key = _key(cache, api_version)
    found = sorted(cache.glob(f"{PREFIX}{key}-*.db")) if key else []
    return found[0] if found else None


def _digest(data: bytes) -> str:
    return _checksum([data])


def _private_write(target: Path, data: bytes) -> None:
    """`data` in a new owner-only file `target` (never over an existing one)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "wb") as out:
        out.write(data)


def copy_into(data_dir: Path, cache: Path, api_version: str) -> bool:
    """Start the new, empty terminal folder `data_dir` from today's terminal template.
    True if it did; False (and `data_dir` as it was) when there is none, or it is stale,
    or it cannot be read or is damaged (that one is removed: the next demo makes
    another). Never over a terminal's data: a folder with a database is left alone."""
    template = template_path(cache, api_version)
    target = data_dir / DB_NAME
    if template is None or target.exists():
        return False
    try:
        data = template.read_bytes()
        if not template.name.endswith(f"-{_digest(data)}.db"):
            log.warning("the demo's terminal template %s is damaged: starting empty", template)
            template.unlink(missing_ok=True)
            return False
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        _private_write(target, data)
    except OSError as error:
        log.warning("cannot start the demo from %s (%s): starting empty", template, error)
        target.unlink(missing_ok=True)
        return False
    return True


def _problem(data_dir: Path) -> str:
    """What keeps the terminal database in `data_dir` from being a template ("": none)."""
    from .store.health import CODE_SCHEMA, inspect

    found = inspect(data_dir)
    if found.problem or not found.exists:
        return found.problem or "missing"
    if found.verdict != "ok":
        return f"integrity: {found.verdict}"
    if found.schema != CODE_SCHEMA:
        return f"schema {found.schema}, not {CODE_SCHEMA}"
    if found.queue or found.terminal_id:
        return "it has an outbox or a terminal id"
    return ""


def build(cache: Path, api_version: str) -> Path:
    """Make today's terminal template in `cache`: a sandbox serving a copy of today's
    sandbox template (seeded first if missing), a new terminal pulling from it with the
    sync engine, and that terminal's database, checked and renamed into place (two demos
    making one at once: either wins). Returns its path; raises OSError if it cannot."""
    from . import bootstrap  # the sandbox's web stack: only here

    with tempfile.TemporaryDirectory(prefix="pos-app-demo-terminal-") as folder:
        data_dir = Path(folder) / "terminal"
        with (
            bootstrap.sandbox(
                data_dir=data_dir,
                terminal_id=TEMPLATE_TERMINAL,
                api_version=api_version,
                cache=cache,
            ) as start,
            start.terminal() as terminal,
        ):
            report = terminal.engine.sync_once(ignore_backoff=False)
        made = data_dir / DB_NAME
        if not (report.reached_backend and not report.errors and report.pulled_customers):
            raise OSError(f"the demo terminal's pull failed: {report}")
        if made.with_name(made.name + "-wal").exists():
            raise OSError("the demo terminal's write-ahead log was not folded in")
        problem = _problem(data_dir)
        if problem:
            raise OSError(f"the demo terminal is not a template: {problem}")
        key = _key(cache, api_version)
        if key is None:
            raise OSError("no sandbox template to pull from")
        data = made.read_bytes()
    target = cache / f"{PREFIX}{key}-{_digest(data)}.db"
    fd, name = tempfile.mkstemp(prefix=".terminal-", suffix=".db", dir=cache)
    os.close(fd)
    partial = Path(name)
    try:
        partial.unlink()
        _private_write(partial, data)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    for old in cache.glob(f"{PREFIX}*.db"):  # yesterday's, or older code's
        if old != target:
            old.unlink(missing_ok=True)
    return target


# Making the template waits this long at most (a loaded machine: a few seconds).
BUILD_SECONDS = 60.0


def make(cache: Path, api_version: str) -> None:
    """Make today's terminal template if it is missing, and wait for it: called as a demo
    that started without one ends, after its window closed. In a process of its own (the
    window's never loads the sandbox's web stack), or in this one in a frozen build (its
    sandbox runs in-process: the web stack is loaded already). Never raises: without a
    template the next demo starts as this one did."""
    if template_path(cache, api_version) is not None:
        return
    try:
        if getattr(sys, "frozen", False):
            build(cache, api_version)
            return
        done = subprocess.run(  # noqa: S603 (our own module, our own Python)
            [sys.executable, "-m", "pos_app.demo_terminal", str(cache), api_version],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=BUILD_SECONDS,
            check=False,
        )
        if done.returncode != 0:
            raise OSError(done.stderr.strip().splitlines()[-1:] or done.returncode)
    except Exception as error:
        log.warning("could not make the demo's terminal template in %s (%s)", cache, error)


def main(argv: list[str]) -> int:
    try:
        build(Path(argv[0]), argv[1])
    except OSError as error:
        print(f"demo terminal: {error}", file=sys.stderr)  # i18n: IT only (logged)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
