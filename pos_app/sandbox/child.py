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
- reads commands on stdin, one a line: `outage on`, `outage off`;
- stops when stdin ends: its parent closed it, or ended in any way (even killed);
- with POS_APP_SANDBOX_PEAK_FILE set (the benchmark, tests/perf/startup.py), writes its
  peak memory there as it exits (ru_maxrss: KiB on Linux), owner-only: the window's
  process reaps it, and a reaped child's peak hides behind the window's larger one.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from .address import DEFAULT_API_KEY, bind_socket, url_of
from .template import copy_seeded

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
    if not db.exists():
        copy_seeded(db, Path(argv[2]) if len(argv) > 2 and argv[2] else None)
    from .server import SandboxServer  # the web stack: after the window has the address

    server = SandboxServer(db, host=HOST, api_version=api_version).start(sock)
    try:
        for line in sys.stdin:
            words = line.split()
            if words[:1] == ["outage"] and len(words) == 2:
                server.faults.update(outage=words[1] == "on")
    finally:
        server.close()
    return 0


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
