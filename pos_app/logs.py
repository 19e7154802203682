"""Logging set-up shared by the command line and the GUI.

- Libraries keep quiet unless asked (`-v`), so stderr and the terminal's log carry our
  own lines, not a font subsetter's or an HTTP library's chatter.
- The terminal's log: rotating, owner-only files (`PrivateRotatingFileHandler`) in the
  platform's log folder (`platformdirs.user_log_dir("pos-app")`, or `POS_APP_LOG_DIR`),
  `[logs] max_kib` and `files` of config.toml.
- One line per event: ISO time, level, terminal, operator, operation (the outbox row's
  idempotency key, which the backend sees too), logger, message. The three ids come from
  context variables (`context(...)`), so a redemption can be followed from the tap through
  every retry of the sync engine to the backend's answer: `grep op=<key>`.
- Whatever slips through, an API key's shape (`sk_live_...`, `sk_test_...`) is masked.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .files import PrivateRotatingFileHandler

if TYPE_CHECKING:
    from .config import Config

# Loggers of libraries that talk at INFO or DEBUG about their own work: fontTools.subset
# writes ~40 INFO lines for every PDF, httpx one per request, httpcore every socket step.
NOISY_LIBRARIES = ("fontTools", "fpdf", "httpx", "httpcore", "PIL")

ENV_LOG_DIR = "POS_APP_LOG_DIR"
LOG_NAME = "pos-app.log"
LINE_FORMAT = (
    "%(asctime)s %(levelname)s terminal=%(terminal)s operator=%(operator)s "
    "op=%(operation)s %(name)s: %(message)s"
)
# An API key's shape, wherever it hides (the keys are never logged: this is the backstop).
SECRET_RE = re.compile(r"\b(sk_(?:live|test)_)[A-Za-z0-9_\-]+")

_terminal: ContextVar[str | None] = ContextVar("pos_app_log_terminal", default=None)
_operator: ContextVar[str | None] = ContextVar("pos_app_log_operator", default=None)
_operation: ContextVar[str | None] = ContextVar("pos_app_log_operation", default=None)
# One process is one terminal: a thread that set nothing (the sync worker's) still says
# which terminal it works for.
_process_terminal: list[str] = ["-"]


def quiet_libraries(*, verbose: bool = False) -> None:
    """WARNING and above from NOISY_LIBRARIES; with `verbose`, whatever the root lets
    through."""
    for name in NOISY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.WARNING)


def log_dir(env: Mapping[str, str] = os.environ) -> Path:
    """Where the terminal's log files go: `POS_APP_LOG_DIR`, else the platform's."""
    chosen = env.get(ENV_LOG_DIR)
    if not chosen:
        import platformdirs  # only without POS_APP_LOG_DIR

        chosen = platformdirs.user_log_dir("pos-app")
    return Path(chosen).expanduser()


def log_files(directory: Path) -> list[Path]:
    """The log and its rotated copies, oldest first (pos-app.log.5 ... pos-app.log)."""

    def age(path: Path) -> int:
        suffix = path.name[len(LOG_NAME) + 1 :]
        return int(suffix) if suffix.isdigit() else 0

    found = [p for p in directory.glob(f"{LOG_NAME}*") if p.is_file()]
    found = [p for p in found if p.name == LOG_NAME or p.name[len(LOG_NAME) + 1 :].isdigit()]
    return sorted(found, key=age, reverse=True)


def set_terminal(terminal_id: str) -> None:
    """The terminal id every line of this process carries unless a context says another."""
    _process_terminal[0] = terminal_id


@contextlib.contextmanager
def context(
    *, terminal: str | None = None, operator: str | None = None, operation: str | None = None
) -> Iterator[None]:
    """Lines logged inside carry these ids (those not given stay as they were)."""
    tokens = [
        (var, var.set(value))
        for var, value in ((_terminal, terminal), (_operator, operator), (_operation, operation))
        if value is not None
    ]
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


class ContextFilter(logging.Filter):
    """Puts the terminal, operator and operation ids on each record (`-`: none)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.terminal = _terminal.get() or _process_terminal[0]
        record.operator = _operator.get() or "-"
        record.operation = _operation.get() or "-"
        return True


class LineFormatter(logging.Formatter):
    """ISO 8601 local time with its offset (millisecond precision), and no API key."""

    def __init__(self) -> None:
        super().__init__(LINE_FORMAT)

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created).astimezone()
        return moment.isoformat(timespec="milliseconds")

    def format(self, record: logging.LogRecord) -> str:
        for name in ("terminal", "operator", "operation"):
            if not hasattr(record, name):
                setattr(record, name, "-")
        return mask_secrets(super().format(record))


def mask_secrets(text: str) -> str:
    return SECRET_RE.sub(r"\1***", text)


class _TerminalLog(PrivateRotatingFileHandler):
    """With `files = 1` (no rotated copy kept) the file starts again when full; the stock
    handler would let it grow, trying to rotate at every line."""

    def doRollover(self) -> None:
        if self.backupCount > 0:
            super().doRollover()
            return
        if self.stream:
            self.stream.close()
            self.stream = None
        os.truncate(self.baseFilename, 0)
        self.stream = self._open()


def file_handler(directory: Path, *, max_kib: int, files: int) -> logging.Handler:
    """The rotating, owner-only log in `directory` (made owner-only if it is new): `files`
    files at most (the current one included), each up to `max_kib` KiB."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = _TerminalLog(
        directory / LOG_NAME,
        maxBytes=max_kib * 1024,
        backupCount=max(files - 1, 0),
        encoding="utf-8",
    )
    handler.setFormatter(LineFormatter())
    handler.addFilter(ContextFilter())
    handler.setLevel(logging.INFO)
    return handler


@contextlib.contextmanager
def to_file(
    config: Config, *, verbose: bool = False, env: Mapping[str, str] = os.environ
) -> Iterator[logging.Handler | None]:
    """While inside, the root logger writes INFO and above to the terminal's log (DEBUG
    with `verbose`). A log folder that cannot be written is a warning on stderr, never a
    reason not to work (`pos-app doctor` says what to fix). Yields the handler (None: no
    file), removed, closed and the root's level put back on the way out."""
    root = logging.getLogger()
    path = (log_dir(env) / LOG_NAME).resolve()
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        yield None  # already logging there (a command run inside the GUI's process)
        return
    try:
        handler = file_handler(log_dir(env), max_kib=config.log_max_kib, files=config.log_files)
    except OSError as error:
        logging.getLogger(__name__).warning(
            "cannot write the log in %s (%s); run pos-app doctor", log_dir(env), error
        )
        yield None
        return
    level = root.level
    handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.addHandler(handler)
    root.setLevel(min(level, handler.level) if level else handler.level)
    quiet_libraries(verbose=verbose)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(level)


__all__ = [
    "ENV_LOG_DIR",
    "LOG_NAME",
    "NOISY_LIBRARIES",
    "ContextFilter",
    "LineFormatter",
    "context",
    "file_handler",
    "log_dir",
    "log_files",
    "mask_secrets",
    "quiet_libraries",
    "set_terminal",
    "to_file",
]
