"""`pos-app doctor --bundle FILE.zip`: what a support desk needs, in one owner-only zip,
with no secret and no customer's details in it:

- `doctor.json`: the doctor's checks;
- `logs/`: the terminal's log files (an API key's shape, e-mail addresses and phone
  numbers masked once more on the way in);
- `config.toml`: the configuration without any key that could hold a secret (there is
  none by design: the API key lives in the keyring);
- `queue.json`: the outbox counted by kind and state (no customer id, code or amount);
- `about.json`: the versions of the app, Python, Qt and the database schema, the
  platform, and the terminal's and store's ids.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import sys
import tomllib
import zipfile
from collections.abc import Iterable
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import tomli_w

from .. import __version__
from ..config import CONFIG_NAME, Config
from ..files import PRIVATE
from ..logs import log_files, mask_secrets
from ..store import health
from .machine_checks import Check, failed

# Config keys that could carry a secret, whatever table they are in.
SECRET_KEY_RE = re.compile(r"(key|secret|password|passwd|token|pin|credential)", re.IGNORECASE)
EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
PHONE_RE = re.compile(r"\+\d{7,15}\b")
PARTS = ("doctor.json", "config.toml", "queue.json", "about.json")


def write_bundle(path: Path, *, checks: list[Check], config: Config, log_dir: Path) -> list[str]:
    """Write the bundle to `path` (owner-only from the start, replaced whole); the names
    of what it holds."""
    found = health.inspect(config.data_dir)
    parts: dict[str, bytes] = {
        "doctor.json": _json({"ok": not failed(checks), "checks": [c.as_json() for c in checks]}),
        "config.toml": _config(config.data_dir / CONFIG_NAME),
        "queue.json": _json(
            {
                "by_kind_and_state": [
                    {"kind": kind, "state": state, "count": n}
                    for (kind, state), n in sorted(found.queue.items())
                ],
                "oldest_pending": found.oldest_pending.isoformat()
                if found.oldest_pending
                else None,
            }
        ),
        "about.json": _json(_about(config, found)),
    }
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_TRUNC, PRIVATE)
    names = list(parts)
    try:
        os.fchmod(fd, PRIVATE)
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in parts.items():
                zf.writestr(name, data)
            for log in log_files(log_dir) if log_dir.is_dir() else []:
                zf.writestr(f"logs/{log.name}", _scrubbed(log))
                names.append(f"logs/{log.name}")
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return names


def _json(value: object) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def scrub(text: str) -> str:
    """A log line as the bundle carries it: no key, no e-mail address, no phone number."""
    return PHONE_RE.sub("<phone>", EMAIL_RE.sub("<email>", mask_secrets(text)))


def _scrubbed(log: Path) -> bytes:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"(could not be read: {error.strerror})\n".encode()
    return scrub(text).encode("utf-8")


def _config(path: Path) -> bytes:
    if not path.is_file():
        return b"# no config.toml: built-in defaults and the environment\n"
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return f"# config.toml could not be read: {error}\n".encode()
    removed: list[str] = []
    kept = _without_secrets(values, "", removed)
    head = "".join(f"# removed: {name}\n" for name in removed)
    return head.encode("utf-8") + tomli_w.dumps(kept).encode("utf-8")


def _without_secrets(values: dict[str, Any], prefix: str, removed: list[str]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            kept[key] = _without_secrets(value, f"{name}.", removed)
        elif SECRET_KEY_RE.search(key) or (isinstance(value, str) and mask_secrets(value) != value):
            removed.append(name)
        else:
            kept[key] = value
    return kept


def _about(config: Config, found: health.Health) -> dict[str, object]:
    return {
        "pos_app": __version__,
        "python": sys.version.split()[0],
        "qt": _version_of(("PySide6", "PySide6-Essentials")),
        "platform": platform.platform(),
        "schema": {"database": found.schema if found.exists else None, "code": found.code_schema},
        "terminal_id": config.terminal_id or found.terminal_id,
        "store_id": config.store_id,
        "backend_url": config.backend_url,
        "written_at": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def _version_of(names: Iterable[str]) -> str | None:
    """A package's version without importing it (the command line never loads Qt)."""
    for name in names:
        with contextlib.suppress(metadata.PackageNotFoundError):
            return metadata.version(name)
    return None
