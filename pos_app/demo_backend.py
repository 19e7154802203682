"""`pos-app --sandbox`'s backend in a process of its own (pos_app/sandbox/child.py), as a
real backend is one. The command line starts it first thing, so its web stack (FastAPI,
pydantic, uvicorn: about 40 MiB and, on an idle core, 0.4 s) loads on the other core
while the window's Qt loads, instead of before it in the same process. It tells its
address as soon as its socket listens, before that web stack: the window does not wait
for it, only its first request does, in the socket's queue. `pos-app --sandbox COMMAND`,
the tests and a frozen build (whose executable runs no `-m`) keep the sandbox in-process
(bootstrap.sandbox).

It ends when its stdin does: `close()`, or this process ending in any way. Its folder
(its database, and the terminal's data without --data-dir) is temporary, removed at
`close()`. Imports nothing of the sandbox: that is the point."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

from .config import ConfigError
from .i18n import _


class DemoBackend:
    def __init__(self, api_version: str, cache: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="pos-app-sandbox-"))
        self._address: tuple[str, str] | None = None
        try:
            self._process: subprocess.Popen[str] = subprocess.Popen(  # noqa: S603 (our own module, our own Python)
                [
                    sys.executable,
                    "-m",
                    "pos_app.sandbox.child",
                    str(self.folder / "sandbox.db"),
                    api_version,
                    str(cache),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                # Not in the terminal's process group: a Ctrl+C or a closed terminal
                # reaches the window, which closes this backend in its turn.
                start_new_session=True,
            )
        except OSError:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def address(self) -> tuple[str, str]:
        """(URL, API key), once its socket listens (waits for that: the interpreter's
        start, not the web stack's). ConfigError if it ended instead (its reason is on
        stderr, which it shares)."""
        if self._address is None:
            out: IO[str] | None = self._process.stdout
            words = out.readline().split() if out is not None else []
            if len(words) != 2:
                raise ConfigError(_("the sandbox backend did not start"))
            self._address = (words[0], words[1])
        return self._address

    def set_outage(self, on: bool) -> None:
        """The demo's "Sandbox outage" switch. A line down a pipe: nothing is waited for
        (the backend applies it as it reads it, within a moment)."""
        stdin = self._process.stdin
        with contextlib.suppress(OSError, ValueError):  # it has ended: nothing to switch
            if stdin is not None:
                stdin.write(f"outage {'on' if on else 'off'}\n")
                stdin.flush()

    def close(self) -> None:
        """End it (its stdin ends) and wait for it, then remove its folder. Repeatable."""
        process = self._process
        for stream in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> DemoBackend:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def start(api_version: str, cache: Path) -> DemoBackend | None:
    """The demo's backend, started now; None where it runs in-process (a frozen build)."""
    if getattr(sys, "frozen", False):
        return None
    return DemoBackend(api_version, cache)
