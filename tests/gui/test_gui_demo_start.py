"""The `--sandbox` demo's window is ready (customer data on screen) from the day's synced
terminal (pos_app/demo_terminal.py) before its backend answers (issue 14): the backend
here listens and never answers, as the real one does while it loads its web stack. On
the old code the window waited for the first pull, which never came: not ready, exit 1."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from pos_app import bootstrap, demo_terminal
from pos_app.sandbox import DEFAULT_API_KEY


class StillStarting:
    """A demo backend (demo_backend.DemoBackend's seams) whose socket listens, and
    nothing answers: every request waits in its queue."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.setblocking(False)

    def address(self) -> tuple[str, str]:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}", DEFAULT_API_KEY

    def set_outage(self, on: bool) -> None:
        pass

    def asked(self) -> bool:
        try:
            self.sock.accept()[0].close()
        except BlockingIOError:
            return False
        return True


def test_the_second_demo_is_ready_from_the_copied_cache_before_the_backend_answers(
    qapp: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from pos_app.ui.app import run_gui

    cache = tmp_path / "cache"
    monkeypatch.setenv(bootstrap.ENV_DEMO_CACHE, str(cache))
    demo_terminal.make(cache, "1.1")  # what the first demo of the day leaves behind
    backend = StillStarting(tmp_path / "backend")
    try:
        code = run_gui(
            data_dir=None,
            backend=None,
            terminal_id=None,
            sandbox=True,
            quit_after_ready=True,
            own_sandbox=backend,  # type: ignore[arg-type]
        )
        out = capsys.readouterr().out
        assert code == 0, out
        assert "ready in" in out  # customer data was on screen (MainWindow.ready)
        assert not backend.asked()  # and not one request reached the backend
        copied = backend.folder / "terminal" / "terminal.db"
        assert copied.is_file()
    finally:
        backend.sock.close()
