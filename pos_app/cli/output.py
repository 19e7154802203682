"""What a command prints: every `--json` answer through the one JSON encoder
(`jsonable`, from `pos_app/domain/jsonable.py`), text made safe for a terminal, problems
on stderr, documents on stdout and files written whole.

Names and messages may come from the backend or an old database: nothing raw reaches the
terminal (no escape sequence, no bidi override)."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.jsonable import jsonable as jsonable
from ..domain.models import Outcome
from ..files import write_private
from ..i18n import _
from ..i18n.formats import number
from ..services import BadInput, DiskFullError, ServiceError, is_disk_full
from ..services.validate import has_unsafe, safe_for_terminal

if TYPE_CHECKING:
    from ..services.approvals import QueuedResult

log = logging.getLogger("pos_app.cli")


# ------------------------------------------------------------------ JSON
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(value: object) -> str:
    """A value as JSON text, characters as they are (a document: a report, an export)."""
    return json.dumps(jsonable(value), ensure_ascii=False)


def dump_json(value: object) -> str:
    """One JSON object for a terminal or a script; json escapes C0 controls itself, this
    escapes the rest (C1, bidi overrides), which can only sit inside strings."""
    text = json_text(value)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True, slots=True)
class Listing:
    """A list answer: {"object": "list", "data": [...]}."""

    data: Sequence[object]
    object: str = "list"

    def as_json(self) -> dict[str, Any]:
        return {"object": self.object, "data": jsonable(self.data)}


@dataclass(frozen=True, slots=True)
class About:
    """A result with what it is about in front: {"code": "RDM-...", "status": ...}."""

    key: str
    subject: object
    result: object

    def as_json(self) -> dict[str, Any]:
        return {self.key: jsonable(self.subject), **jsonable(self.result)}


# ------------------------------------------------------------------ stdout, stderr
class Output:
    """Where a command's answer goes: one JSON object on stdout with --json, else text."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def emit(self, answer: object, text: str | Callable[[], str]) -> None:
        """`answer` as JSON with --json, else `text`; a `text` that is a function is called
        only for people (writing numbers and money loads the locale's CLDR data, which
        costs a command about 20 ms that a script reading the JSON never sees)."""
        if self.as_json:
            print(dump_json(answer), flush=True)
        else:
            print(safe_for_terminal(text if isinstance(text, str) else text()), flush=True)


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # for scripts: "bad_input", "insufficient_points", ...
    message: str  # for people


@dataclass(frozen=True, slots=True)
class Failure:
    """A command's answer when it did not do what was asked: {"error": {...}}."""

    error: Problem


def fail(out: Output, status: int, code: str, message: str) -> int:
    """Say what went wrong on stderr (and as JSON on stdout with --json); the status."""
    print(f"pos-app: {safe_for_terminal(message)}", file=sys.stderr, flush=True)
    if out.as_json:
        print(dump_json(Failure(Problem(code, message))), flush=True)
    return status


def unexpected(out: Output, error: BaseException) -> int:
    log.debug("unexpected error", exc_info=True)
    if is_disk_full(error):  # an export or report file on a full disk
        return fail(out, DiskFullError.exit_code, "disk_full", DiskFullError().message)
    return fail(
        out,
        1,
        "unexpected",
        _("Unexpected error ({kind}); run with -v for details.").format(kind=type(error).__name__),
    )


def say(message: str) -> None:
    """One line for the person, on stderr."""
    print(safe_for_terminal(f"pos-app: {message}"), file=sys.stderr, flush=True)


def warn(message: str) -> None:
    print(_("pos-app: warning: {message}").format(message=message), file=sys.stderr, flush=True)


def how_it_ended(confirmed: bool, balance_after: int | None = None) -> str:
    """What became of an operation, in the same words in every command: "confirmed" (and
    the balance after it, where there is one) once the backend has it, else "offline, will
    sync" (queued; the offline policy handed it out)."""
    if not confirmed:
        return _("offline, will sync")
    if balance_after is None:
        return _("confirmed")
    return _("confirmed, balance {balance}").format(balance=number(balance_after))


def emit_approved(out: Output, key: str, subject: str, result: QueuedResult, done: str) -> int:
    """The answer to a change a manager approved (an adjustment, a void): as JSON, the
    result with what it is about in front; in words, what was `done` and how it ended."""
    ended = how_it_ended(result.status is Outcome.CONFIRMED, result.balance_after)
    out.emit(
        About(key, subject, result),
        _("{done}: {ended}.").format(done=done, ended=ended) + unrecorded(result.recorded),
    )
    return 0


def unrecorded(recorded: bool) -> str:
    """What a full disk changes in a success line: nothing the customer gets, only when
    this terminal writes it down (a retry would apply it twice)."""
    return "" if recorded else " " + _("Recorded on this terminal when disk space allows.")


def stdout_gone() -> bool:
    """Whether our stdout is a pipe whose reader has hung up (poll says POLLERR), so a
    BrokenPipeError is about `| head`, not about some socket of ours."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        events = poller.poll(0)
    except (AttributeError, OSError, ValueError):  # no poll(), or stdout is no real file
        return False
    return any(mask & (select.POLLERR | select.POLLHUP) for _, mask in events)


# ------------------------------------------------------------------ documents and files
def print_document(text: str) -> None:
    """A report or export on stdout. Piped or redirected it stays byte for byte what the
    terminal holds (an exported audit log is checked against its hashes); on a screen,
    names from the backend cannot send escape sequences to it."""
    print(safe_for_terminal(text) if sys.stdout.isatty() else text, end="", flush=True)


def output_folder(output: str) -> Path:
    """--output FILE: its folder must exist (one clear line, exit 2, if not)."""
    path = Path(output)
    if not output.strip() or path.is_dir() or has_unsafe(output):
        raise BadInput(
            _("--output {value} must name a file (no control characters).").format(
                value=repr(output[:80])
            )
        )
    if not path.parent.is_dir():
        raise BadInput(
            _("The folder {folder} does not exist; create it or choose another.").format(
                folder=path.parent
            )
        )
    return path


def write_output(output: str, text: str) -> None:
    """An export or report file: owner-only (it names customers and staff), whole or not
    at all."""
    path = output_folder(output)
    try:
        write_private(path, text.encode("utf-8"))
    except OSError as error:
        raise cannot_write(output, error) from None
    print(_("Wrote {file}").format(file=output), file=sys.stderr)


def document(text: str, output: str | None) -> None:
    """A document (report, export) to --output FILE, or on stdout."""
    if output is not None:
        write_output(output, text)
    else:
        print_document(text)


def cannot_write(output: str, error: OSError) -> ServiceError:
    """A full disk where the file goes is its own exit status (5), like the terminal's own
    disk; anything else (permissions, a read-only medium) is a path to fix: exit 2."""
    if is_disk_full(error):
        return DiskFullError(
            _(
                "The disk is full: {file} was not written. Free some space there and try again."
            ).format(file=output),
        )
    return BadInput(
        _("Cannot write {file}: {problem}.").format(file=output, problem=error.strerror or error)
    )
