"""The sandbox backend in a process of its own, for the GUI's one-command demo
(`pos-app --sandbox`), as a real backend is one: its web stack (FastAPI, pydantic,
uvicorn) loads on the other core while the window's loads, and never in the window's
process. `python -m pos_app.sandbox.child DB API_VERSION [CACHE]`:

- binds its socket on 127.0.0.1 and prints `URL API_KEY` on one line at once, before it
  loads its web stack: the window goes on building itself meanwhile, and its first
  request waits in the socket's queue until the server answers it (it waited here for
  the whole start, about 0.2 s on an idle core and 0.4 s on a loaded one);
- makes DB a copy of the day's seeded demo (template.py, in CACHE), unless DB exists;
- without its web stack (the 'sandbox' extra), prints why and exits 2, no address;
- reads commands on stdin, one a line: `outage on`, `outage off` (one sent while it
  starts is applied as it starts);
- stops when stdin ends: its parent closed it, or ended in any way (even killed); at
  once, even if it is still starting (its web stack half loaded: a window ready from its
  synced cache and closed at once does not wait for a backend nobody will ask);
- with POS_APP_SANDBOX_PEAK_FILE set (the benchmark, tests/perf/startup.py), writes its
  peak memory there as it exits (ru_maxrss: KiB on Linux), owner-only: the window's
  process reaps it, and a reaped child's peak hides behind the window's larger one.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import socket
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .address import DEFAULT_API_KEY, bind_socket, url_of
from .template import copy_seeded

if TYPE_CHECKING:
    from .server import SandboxServer

HOST = "127.0.0.1"
WEB_STACK = ("fastapi", "uvicorn")


def main(argv: list[str]) -> int:
    db, api_version = Path(argv[0]), argv[1]
    missing = [name for name in WEB_STACK if importlib.util.find_spec(name) is None]
    if missing:
        print(
            f"sandbox: {', '.join(missing)} not installed: pip install 'pos-app[sandbox]'",
            file=sys.stderr,
        )
        return 2
    sock = bind_socket(HOST, 0)
    print(url_of(HOST, sock.getsockname()[1]), DEFAULT_API_KEY, flush=True)
    cache = Path(argv[2]) if len(argv) > 2 and argv[2] else None
    serving = _Serving(db, cache, api_version, sock)
    # Its start (the web stack: the longest part) in a thread; this one reads stdin, so a
    # window closed before its backend is up (it was ready from its synced cache) ends
    # it at once, instead of waiting for a start that nobody will use.
    threading.Thread(target=serving.start, name="start", daemon=True).start()
    for line in sys.stdin:
        words = line.split()
        if words[:1] == ["outage"] and len(words) == 2:
            serving.outage(words[1] == "on")
    serving.close()
    return 0


class _Serving:
    """The backend's start, its outage switch and its end, from two threads: a switch
    before the server is up is applied as it starts; an end before then stops the start
    where it is (after the database's copy, which is never left half made)."""

    def __init__(self, db: Path, cache: Path | None, api_version: str, sock: socket.socket):
        self._db, self._cache, self._api_version, self._sock = db, cache, api_version, sock
        self._lock = threading.Lock()
        self._copying = threading.Lock()
        self._server: SandboxServer | None = None
        self._outage: bool | None = None
        self._closed = False

    def start(self) -> None:
        with self._copying:
            if self._closed:
                return
            if not self._db.exists():
                copy_seeded(self._db, self._cache)
        from .server import SandboxServer  # the web stack: after the window has the address

        with self._lock:
            if self._closed:
                return
            server = self._server = SandboxServer(
                self._db, host=HOST, api_version=self._api_version
            )
            server.start(self._sock)
            if self._outage is not None:
                server.faults.update(outage=self._outage)

    def outage(self, on: bool) -> None:
        with self._lock:
            self._outage = on
            if self._server is not None:
                self._server.faults.update(outage=on)

    def close(self) -> None:
        with self._copying, self._lock:
            self._closed = True
            if self._server is not None:
                self._server.close()


PEAK_FILE = "POS_APP_SANDBOX_PEAK_FILE"


def report_peak(environ: Mapping[str, str] = os.environ) -> None:
    """This process's peak memory into the file PEAK_FILE names, if it names one."""
    path = environ.get(PEAK_FILE)
    if not path:
        return
    with contextlib.suppress(ImportError, OSError):  # no `resource` on Windows
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="ascii") as out:
            out.write(f"{peak}\n")


if __name__ == "__main__":
    code = main(sys.argv[1:])
    # Served, closed, its database folded in: what is left is the interpreter undoing a
    # web stack's thousand modules (a third of a second), which the window's exit would
    # wait for. Nothing of ours needs it.
    report_peak()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
