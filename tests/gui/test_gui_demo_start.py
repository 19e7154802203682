"""The `--sandbox` demo's window is ready (customer data on screen) from the day's synced
terminal (pos_app/demo_terminal.py) before its backend answers (issue 14): the backend
here listens and never answers, as the real one does while it loads its web stack. On
the old code the window waited for the first pull, which never came: not ready, exit 1.

The window runs in a process of its own, as `pos-app --sandbox` does: `run_gui` sets the
application's theme, language and signals, which the other GUI tests share in this one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pos_app import bootstrap, demo_terminal

# A demo backend (demo_backend.DemoBackend's seams) whose socket listens, and nothing
# answers: every request waits in its queue. Prints whether any request reached it.
WINDOW = """\
import socket, sys
from pathlib import Path
from pos_app.sandbox import DEFAULT_API_KEY
from pos_app.ui.app import run_gui

class StillStarting:
    def __init__(self, folder):
        self.folder = folder
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.setblocking(False)

    def address(self):
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}", DEFAULT_API_KEY

    def set_outage(self, on):
        pass

    def asked(self):
        try:
            self.sock.accept()[0].close()
        except BlockingIOError:
            return False
        return True

backend = StillStarting(Path(sys.argv[1]))
code = run_gui(data_dir=None, backend=None, terminal_id=None, sandbox=True,
               quit_after_ready=True, own_sandbox=backend)
print("asked" if backend.asked() else "not asked", flush=True)
sys.exit(code)
"""


def test_the_second_demo_is_ready_from_the_copied_cache_before_the_backend_answers(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    demo_terminal.make(cache, "1.1")  # what the first demo of the day leaves behind
    folder = tmp_path / "backend"
    done = subprocess.run(
        [sys.executable, "-c", WINDOW, str(folder)],
        env={
            **os.environ,
            bootstrap.ENV_DEMO_CACHE: str(cache),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "POS_APP_LOG_DIR": str(tmp_path / "logs"),
        },
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ready in" in done.stdout  # customer data was on screen (MainWindow.ready)
    assert "not asked" in done.stdout  # and not one request reached the backend
    assert (folder / "terminal" / "terminal.db").is_file()
