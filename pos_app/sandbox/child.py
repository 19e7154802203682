"""The sandbox backend in a process of its own, for the GUI's one-command demo
(`pos-app --sandbox`), as a real backend is one: its web stack (FastAPI, pydantic,
uvicorn) loads on the other core while the window's loads, and never in the window's
process. `python -m pos_app.sandbox.child DB API_VERSION [CACHE]`:

- makes DB a copy of the day's seeded demo (template.py, in CACHE), unless DB exists;
- prints `URL API_KEY` on one line once it accepts connections;
- reads commands on stdin, one a line: `outage on`, `outage off`;
- stops when stdin ends: its parent closed it, or ended in any way (even killed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .server import SandboxServer
from .template import copy_seeded


def main(argv: list[str]) -> int:
    db, api_version = Path(argv[0]), argv[1]
    if not db.exists():
        copy_seeded(db, Path(argv[2]) if len(argv) > 2 and argv[2] else None)
    server = SandboxServer(db, api_version=api_version).start()
    try:
        print(server.url, server.api_key, flush=True)
        for line in sys.stdin:
            words = line.split()
            if words[:1] == ["outage"] and len(words) == 2:
                server.faults.update(outage=words[1] == "on")
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    # Served, closed, its database folded in: what is left is the interpreter undoing a
    # web stack's thousand modules (a third of a second), which the window's exit would
    # wait for. Nothing of ours needs it.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
