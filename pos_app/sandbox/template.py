"""The demo database, seeded once a day and copied per start (`pos-app --sandbox`).

Seeding replays a few thousand operations through the ledger (about 220 ms on an idle
core, seconds on a loaded one), and every demo start used to do it afresh. Now the first
start of the day seeds a template in a cache folder and every start copies it: the same
database a fresh seed gives (the seed is deterministic: same ids, same histories), dated
the same day. The template is named after the code that builds it (this package's
sources) and the day, so a change to the seed or the schema seeds a new one.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import zlib
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger("pos_app.sandbox")
_PREFIX = "sandbox-"
WAL_FILES = ("-wal", "-shm")


def _fingerprint() -> str:
    """This package's sources; in a frozen build (no sources), the build's executable. A
    checksum (CRC-32 and Adler-32, zlib's), not a cryptographic digest: it names a cache
    entry, and hashlib would start OpenSSL (about 4 MiB) in the demo window's process."""
    crc = adler = 1
    here = Path(__file__).parent
    sources = sorted(here.rglob("*.py"))
    parts = [p.relative_to(here).as_posix().encode() + p.read_bytes() for p in sources]
    if not sources:
        built = os.stat(sys.executable)
        parts.append(f"{sys.executable}:{built.st_size}:{built.st_mtime_ns}".encode())
    for part in parts:
        crc, adler = zlib.crc32(part, crc), zlib.adler32(part, adler)
    return f"{crc:08x}{adler:08x}"


def template_path(cache: Path, *, today: datetime | None = None) -> Path:
    """Where today's template for this code lives in `cache` (it may not exist yet)."""
    day = (today or datetime.now(UTC)).strftime("%Y%m%d")
    return cache / f"{_PREFIX}{_fingerprint()}-{day}.db"


def _private_copy(source: Path, target: Path) -> None:
    """`source`'s bytes in a new owner-only file `target`."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out, 1 << 20)


def _seed_template(path: Path) -> None:
    """Seed a new template at `path`: in a private file of its own next to it, renamed
    into place once complete (two demos starting together each make one; either wins)."""
    from .server import open_ledger

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, name = tempfile.mkstemp(prefix=".seeding-", suffix=".db", dir=path.parent)
    os.close(fd)  # an empty owner-only file: SQLite makes it an empty database
    partial = Path(name)
    try:
        open_ledger(partial).close()
        # The last connection's close folds the write-ahead log into the file; a log left
        # behind would mean a copy of the file alone misses part of the seed.
        if partial.with_name(partial.name + "-wal").exists():
            raise OSError("the seeded template's write-ahead log was not folded in")
        os.replace(partial, path)
    finally:
        for leftover in (partial, *(partial.with_name(partial.name + s) for s in WAL_FILES)):
            leftover.unlink(missing_ok=True)
    for old in path.parent.glob(f"{_PREFIX}*.db"):  # yesterday's, or older code's
        if old != path:
            old.unlink(missing_ok=True)


def copy_seeded(target: Path, cache: Path | None) -> bool:
    """A seeded demo database at `target` (which must not exist): a copy of today's
    template in `cache`, seeded first if missing. Without a cache folder, or one that
    cannot be written, `target` is left alone (the caller's `open_ledger` seeds it in
    place, as before). True when `target` was made from the template."""
    if cache is None:
        return False
    try:
        template = template_path(cache)
        if not template.exists():
            _seed_template(template)
        _private_copy(template, target)
    except OSError as error:
        log.warning("no demo template in %s (%s): seeding afresh", cache, error)
        Path(target).unlink(missing_ok=True)
        return False
    return True
