"""Nothing left behind: no temp folder after a run, a SIGTERM or the suite; no library
chatter on stderr or in the log; a window title that says its name once.

The commands run as real processes (`python -m pos_app`, offscreen) with TMPDIR pointed
at a fresh folder of the test's own, which must be empty once they end.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.gui_helpers import MANAGER, MANAGER_PIN, open_window, sign_in
from support.logs import restored_logging

from pos_app.sandbox import SandboxServer

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals and TMPDIR"
)


def command_env(temp: Path) -> dict[str, str]:
    temp.mkdir(exist_ok=True)
    return {
        **os.environ,
        "TMPDIR": str(temp),
        "QT_QPA_PLATFORM": "offscreen",
        "POS_APP_LOG_DIR": str(temp.parent / "logs"),
    }


@pytest.mark.parametrize("with_data_dir", [False, True], ids=["temp-data", "data-dir"])
def test_quit_after_ready_leaves_no_temp_folder(tmp_path: Path, with_data_dir: bool) -> None:
    temp = tmp_path / "tmp"
    extra = ["--data-dir", str(tmp_path / "till")] if with_data_dir else []
    done = subprocess.run(
        [sys.executable, "-m", "pos_app", "--sandbox", "--quit-after-ready", *extra],
        capture_output=True,
        text=True,
        timeout=90,
        env=command_env(temp),
    )
    assert done.returncode == 0, done.stderr
    assert "ready in" in done.stdout, done.stdout
    assert sorted(p.name for p in temp.iterdir()) == []
    if with_data_dir:  # the terminal's own data stays where it was asked to be
        assert (tmp_path / "till" / "terminal.db").exists()
    assert (tmp_path / "logs" / "pos-app.log").exists()  # the log, in its own folder


class Lines:
    """A process's stdout, line by line, read on a thread so a wait can time out."""

    def __init__(self, stream: Any) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            self._queue.put(line)
        self._queue.put(None)

    def wait_for(self, prefix: str, timeout: float = 60) -> None:
        while True:
            line = self._queue.get(timeout=timeout)  # queue.Empty: it never came
            assert line is not None, f"ended before {prefix!r}: {self.seen}"
            self.seen.append(line)
            if line.startswith(prefix):
                return


@pytest.fixture
def gui_process(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Lines, Path]]:
    temp = tmp_path / "tmp"
    process = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "--sandbox", "--data-dir", str(tmp_path / "till")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=command_env(temp),
    )
    try:
        yield process, Lines(process.stdout), temp
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


# The first line comes while the window is being built; the second from the running loop.
# SIGINT is Ctrl+C where the terminal was started from a shell.
@pytest.mark.parametrize(
    ("after", "signum"),
    [
        ("Sandbox backend:", signal.SIGTERM),
        ("Demo accounts:", signal.SIGTERM),
        ("Demo accounts:", signal.SIGINT),
    ],
    ids=["sigterm-starting", "sigterm-running", "sigint-running"],
)
def test_a_stop_signal_closes_the_window_and_removes_the_temp_folder(
    gui_process: tuple[subprocess.Popen[str], Lines, Path], after: str, signum: int
) -> None:
    process, lines, temp = gui_process
    lines.wait_for(after)
    assert [p.name for p in temp.iterdir() if p.name.startswith("pos-app-sandbox-")], (
        "the sandbox's temp folder should exist while the terminal runs"
    )
    process.send_signal(signum)
    code = process.wait(timeout=60)
    stderr = process.stderr.read() if process.stderr else ""
    assert code == 128 + signum, (code, stderr)  # ended by the signal, cleanly
    assert "Traceback" not in stderr, stderr
    assert sorted(p.name for p in temp.iterdir()) == []


def test_report_pdf_prints_only_what_it_wrote(tmp_path: Path) -> None:
    out = tmp_path / "day.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pos_app",
            "--data-dir",
            str(tmp_path / "till"),
            "report",
            "daily",
            "--format",
            "pdf",
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        env=command_env(tmp_path / "tmp"),
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"Wrote {out}"]
    assert out.read_bytes().startswith(b"%PDF")


# The logging of a `pos-app` GUI process: the command line's set-up (cli main), then the
# GUI's log file (ui/app.py, INFO), then a PDF export (here through `report daily`).
GUI_PROCESS_PROBE = """
import sys
from pathlib import Path
from pos_app.cli import main
from pos_app.ui.app import _log_to_file
d = Path(sys.argv[1])
pdf = ["report", "daily", "--format", "pdf", "--output"]
main(["--data-dir", str(d / "till"), *pdf, str(d / "one.pdf")])
_log_to_file(d / "logs")
sys.exit(main(["--data-dir", str(d / "till"), *pdf, str(d / "two.pdf")]))
"""


def test_gui_process_stderr_and_log_stay_quiet_on_a_pdf_export(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", GUI_PROCESS_PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=90,
        env=command_env(tmp_path / "tmp"),
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"Wrote {tmp_path / 'one.pdf'}",
        f"Wrote {tmp_path / 'two.pdf'}",
    ], done.stderr[:2000]
    log = (tmp_path / "logs" / "pos-app.log").read_text(encoding="utf-8")
    assert "fontTools" not in log, log[:2000]


def test_gui_log_has_no_library_chatter_after_a_pdf_export(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """ui/app.py's log set-up (INFO to the file) around the manager's PDF export: fpdf's
    font subsetting logged ~40 `fontTools.subset` INFO lines per PDF."""
    from pos_app.ui import app as gui_app

    log_dir = tmp_path / "log"
    with restored_logging("fontTools", "fontTools.subset", "httpx"):
        gui_app._log_to_file(log_dir)
        g = open_window(qtbot, sandbox, tmp_path / "terminal")
        try:
            sign_in(qtbot, g, MANAGER, MANAGER_PIN)
            g.window.open_manager("report")
            tab = g.window.manager_view.report
            qtbot.waitUntil(lambda: tab.data is not None, timeout=10000)
            g.prompts.save_to = str(tmp_path / "day.pdf")
            tab.export("pdf")
            qtbot.waitUntil(
                lambda: "Saved" in tab.message.text() and (tmp_path / "day.pdf").exists(),
                timeout=10000,
            )
            logging.getLogger("pos_app.test").info("exported")  # the file takes INFO
        finally:
            g.window.close()
    text = (log_dir / "pos-app.log").read_text(encoding="utf-8")
    assert " INFO terminal=" in text and "operator=- op=- pos_app.test: exported" in text
    noisy = [line for line in text.splitlines() if " fontTools" in line or " fpdf" in line]
    assert noisy == [], noisy[:5]
    assert "fontTools" not in capfd.readouterr().err


def test_the_window_title_says_its_name_once(
    qtbot: Any, qapp: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """The title as the platform shows it: Qt appends the application's display name
    (ui/app.py sets "Loyalty terminal") unless the title already ends with it, so the old
    "Loyalty terminal · till-x" became "Loyalty terminal · till-x — Loyalty terminal"."""
    shown_name = qapp.applicationDisplayName()
    qapp.setApplicationDisplayName("Loyalty terminal")
    try:
        g = open_window(qtbot, sandbox, tmp_path / "terminal", staff_accounts=False)
        try:
            title = g.window.windowTitle()
            display = qapp.applicationDisplayName()
            shown = title if title.endswith(display) else f"{title} \u2014 {display}"
            terminal_id = g.window.terminal_id
            assert shown == f"{terminal_id} \u2014 Loyalty terminal", shown
            assert shown.count("Loyalty") == 1, shown
        finally:
            g.window.close()
    finally:
        qapp.setApplicationDisplayName(shown_name)
