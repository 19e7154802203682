"""`pos-app logs [--since 10m|2h|1d|ISO] [--follow]`: the terminal's log, oldest first,
across its rotated files; with --follow, new lines as they come, until Ctrl+C."""

from __future__ import annotations

import argparse
import contextlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ... import logs
from ...i18n import _
from ...services import BadInput
from ..output import Output, print_document, say

DURATION_RE = re.compile(r"^(\d{1,6})([smhd])$")
UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
FOLLOW_POLL_SECONDS = 0.2


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "logs",
        help=_("print the terminal's log (its folder: POS_APP_LOG_DIR, else the platform's)"),
    )
    command.add_argument(
        "--since",
        metavar="WHEN",
        help=_(
            "only lines from then on: a duration back from now (30s, 10m, 2h, 1d) or a "
            "time (2026-11-26T14:00, local unless it has an offset)"
        ),
    )
    command.add_argument(
        "--follow", action="store_true", help=_("keep printing new lines until Ctrl+C")
    )
    command.set_defaults(handler=cmd_logs, bare=True)


@dataclass(frozen=True, slots=True)
class LogLines:
    log_dir: str
    lines: list[str]


def parse_since(given: str, now: datetime) -> datetime:
    matched = DURATION_RE.match(given.strip())
    if matched:
        return now - timedelta(**{UNITS[matched[2]]: int(matched[1])})
    try:
        moment = datetime.fromisoformat(given.strip())
    except ValueError:
        raise BadInput(
            _(
                "--since {value} must be a duration such as 30s, 10m, 2h or 1d, or a time "
                "such as 2026-11-26T14:00."
            ).format(value=repr(given[:40]))
        ) from None
    return moment if moment.tzinfo else moment.astimezone()


def cmd_logs(args: argparse.Namespace, out: Output) -> int:
    now = datetime.now().astimezone()
    since = parse_since(args.since, now) if args.since is not None else None
    folder = logs.log_dir()
    files = logs.log_files(folder) if folder.is_dir() else []
    if not files and not args.follow:
        say(_("no log yet in {folder}").format(folder=folder))
        out.emit(LogLines(str(folder), []), "")
        return 0
    lines = list(_since(_lines(files), since))
    if out.as_json and not args.follow:
        out.emit(LogLines(str(folder), [line.rstrip("\n") for line in lines]), "")
        return 0
    print_document("".join(lines))
    if args.follow:
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how --follow ends
            _follow(folder / logs.LOG_NAME)
    return 0


def _lines(files: list[Path]) -> Iterator[str]:
    for path in files:
        try:
            with path.open(encoding="utf-8", errors="replace") as f:
                yield from f
        except FileNotFoundError:
            continue  # rotated away while we read


def _time_of(line: str) -> datetime | None:
    head = line.split(" ", 1)[0]
    try:
        moment = datetime.fromisoformat(head)
    except ValueError:
        return None  # a traceback's line: it goes with the line above
    return moment if moment.tzinfo else moment.astimezone()


def _since(lines: Iterator[str], since: datetime | None) -> Iterator[str]:
    showing = since is None
    for line in lines:
        moment = _time_of(line)
        if moment is not None and since is not None:
            showing = moment >= since
        if showing:
            yield line


def _follow(path: Path) -> None:
    """Print what is appended to `path`, from its end now; a rotation (a new file under
    the name) is followed from the new file's start."""
    position, identity = _where(path)
    while True:
        time.sleep(FOLLOW_POLL_SECONDS)
        size, now_identity = _where(path)
        if now_identity != identity or size < position:
            position, identity = 0, now_identity  # rotated: the new file from its start
        if size > position:
            with path.open("rb") as f:
                f.seek(position)
                chunk = f.read(size - position)
            position += len(chunk)
            print_document(chunk.decode("utf-8", errors="replace"))


def _where(path: Path) -> tuple[int, tuple[int, int] | None]:
    try:
        st = path.stat()
    except FileNotFoundError:
        return 0, None
    return st.st_size, (st.st_dev, st.st_ino)
