"""Kiosk mode: full screen with no window controls; Alt+F4, the close button and Escape do
not get a cashier out; a manager leaves it or closes the app with their PIN, audited."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from support.gui_helpers import (
    CASHIER,
    CASHIER_PIN,
    MANAGER,
    MANAGER_PIN,
    Gui,
    signed_in,
)

from pos_app.config import ConfigError, load_config
from pos_app.sandbox import SandboxServer
from pos_app.services import auditing
from pos_app.ui.answers import ApprovalAnswer
from pos_app.ui.kiosk import REFUSED


@pytest.fixture
def kiosk(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> Iterator[Gui]:
    """A till in kiosk mode, the cashier signed in."""
    with signed_in(qtbot, sandbox, tmp_path / "terminal", synced=False, kiosk=True) as g:
        qtbot.waitUntil(g.window.isFullScreen)
        yield g


def actions(g: Gui) -> list[tuple[str, str, dict[str, Any]]]:
    with g.make_terminal() as t:
        entries = reversed(auditing.entries(t, 200))
        return [(e.actor, e.action, json.loads(e.details or "{}")) for e in entries]


def cleaned_up(g: Gui) -> bool:
    """closeEvent's clean-up: the sync worker told to stop, the service lanes closed."""
    worker = g.window.sync_worker
    return worker is not None and worker._stop.is_set() and g.window.runner._closed


def refused_on_screen(g: Gui) -> bool:
    notice = g.window.notice
    return notice.isVisible() and notice.text.text() == REFUSED


def test_full_screen_without_window_controls(kiosk: Gui) -> None:
    w = kiosk.window
    assert w.isFullScreen()
    assert w.windowState() & Qt.WindowState.WindowFullScreen
    assert w.windowFlags() & Qt.WindowType.FramelessWindowHint
    # Not on top of everything: the till's own dialogs show over it.
    assert not w.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert w.till_button is not None and w.till_button.isVisible()
    assert w.till_button.accessibleName() == "Till"
    names = [a.text() for a in w.kiosk.menu.actions() if a.isVisible()]
    assert names == ["Leave kiosk mode", "Settings", "Close the terminal"]
    assert w.kiosk.close_action.shortcut().toString() == "Ctrl+Shift+Q"
    assert w.kiosk.leave_action.shortcut().toString() == "Ctrl+Shift+K"


def test_the_close_button_is_refused_with_a_message(qtbot: Any, kiosk: Gui) -> None:
    w = kiosk.window
    event = QCloseEvent()
    w.closeEvent(event)
    assert not event.isAccepted()
    assert refused_on_screen(kiosk)
    assert not w.close()  # what the window manager's close button asks
    assert w.isVisible() and w.isFullScreen()
    assert not cleaned_up(kiosk)


def test_alt_f4_and_escape_are_refused(qtbot: Any, kiosk: Gui) -> None:
    w = kiosk.window
    qtbot.keyClick(w, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: refused_on_screen(kiosk))
    assert w.isVisible() and w.isFullScreen()
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert w.isFullScreen()


def test_a_manager_leaves_kiosk_mode_audited(qtbot: Any, kiosk: Gui) -> None:
    w = kiosk.window
    kiosk.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "printer jam")
    w.kiosk.leave_action.trigger()
    qtbot.waitUntil(lambda: not w.kiosk.active, timeout=10000)
    qtbot.waitUntil(lambda: not w.isFullScreen())
    assert not w.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert kiosk.prompts.approvals_asked == [
        "leaving kiosk mode (the window gets its title bar back)"
    ]
    audited = actions(kiosk)
    assert ("Maryam", "kiosk.left", {"operator": CASHIER, "reason": "printer jam"}) in audited
    granted = [d for a, kind, d in audited if kind == "approval.granted"]
    assert granted[-1]["for"] == "leave_kiosk"
    with kiosk.make_terminal() as t:  # the audit tab's words
        said = [line.text for line in auditing.described(t, 5)]
    assert "Maryam took the till out of kiosk mode (Chidi was signed in): printer jam" in said
    assert "Maryam approved leaving kiosk mode for " + w.terminal_id + ": printer jam" in said
    # Out of kiosk mode, the window closes as any other; the menu can go back.
    names = [a.text() for a in w.kiosk.menu.actions() if a.isVisible()]
    assert names == ["Back to kiosk mode", "Settings", "Close the terminal"]
    w.kiosk.enter_action.trigger()
    qtbot.waitUntil(w.isFullScreen)
    assert w.kiosk.active and w.windowFlags() & Qt.WindowType.FramelessWindowHint
    qtbot.waitUntil(lambda: "kiosk.entered" in [kind for _, kind, _ in actions(kiosk)])


def test_a_cashier_pin_or_a_wrong_pin_changes_nothing(qtbot: Any, kiosk: Gui) -> None:
    w = kiosk.window
    prompts = kiosk.prompts
    before = len(actions(kiosk))
    prompts.approval = ApprovalAnswer(CASHIER, CASHIER_PIN, "want to go home")
    w.kiosk.leave_action.trigger()
    qtbot.waitUntil(lambda: len(prompts.approvals_again) == 1, timeout=10000)
    assert prompts.approvals_again[0][1][0] == "manager"  # not a manager: said by the name
    prompts.approval = ApprovalAnswer(MANAGER, "0000", "wrong")
    w.kiosk.close_action.trigger()
    qtbot.waitUntil(lambda: len(prompts.approvals_again) == 2, timeout=10000)
    assert prompts.approvals_again[1][1][0] == "pin"
    assert w.kiosk.active and w.isVisible() and w.isFullScreen()
    kinds = [kind for _, kind, _ in actions(kiosk)[before:]]
    # The cashier's right PIN, the manager's wrong one: audited as every approval's.
    assert kinds == ["approval.ok", "approval.failed"]


def test_a_manager_closes_the_app_audited_and_cleaned_up(qtbot: Any, kiosk: Gui) -> None:
    w = kiosk.window
    kiosk.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "end of day")
    qtbot.keyClick(
        w, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=10000)
    assert cleaned_up(kiosk)  # closeEvent's clean-up ran
    audited = actions(kiosk)
    assert (
        "Maryam",
        "app.closed_by_manager",
        {"operator": CASHIER, "reason": "end of day"},
    ) in audited


def test_the_sign_in_screen_offers_no_way_out(qtbot: Any, kiosk: Gui) -> None:
    w = kiosk.window
    assert w.till_button is not None
    w.kiosk.menu.popup(w.till_button.mapToGlobal(w.till_button.rect().bottomLeft()))
    qtbot.waitUntil(w.kiosk.menu.isVisible)
    w.lock()  # Switch user (F9), or idle too long
    qtbot.waitUntil(lambda: not w.kiosk.menu.isVisible())
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.signin)
    assert w.till_button is not None and not w.till_button.isVisible()
    kiosk.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "x")
    w.kiosk.close_action.trigger()
    w.kiosk.leave_action.trigger()
    assert kiosk.prompts.approvals_asked == []
    assert not w.close() and w.isFullScreen()


def test_without_kiosk_nothing_changes(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> None:
    with signed_in(qtbot, sandbox, tmp_path / "terminal", synced=False) as g:
        w = g.window
        assert w.till_button is None and not w.kiosk.configured
        assert not w.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert not w.isFullScreen()
        assert w.close()
        assert not w.isVisible()
        assert cleaned_up(g)


def test_kiosk_in_config(tmp_path: Path) -> None:
    assert load_config(data_dir=tmp_path, env={}).kiosk is False
    (tmp_path / "config.toml").write_text("kiosk = true\n")
    assert load_config(data_dir=tmp_path, env={}).kiosk is True
    (tmp_path / "config.toml").write_text('kiosk = "yes"\n')
    with pytest.raises(ConfigError, match=r"kiosk in .* must be true or false, not 'yes'"):
        load_config(data_dir=tmp_path, env={})


def run_app(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app", "--sandbox", *args],
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )


@pytest.mark.parametrize("how", ["--kiosk", "config.toml"])
def test_kiosk_from_the_command_line_or_config(tmp_path: Path, how: str) -> None:
    """`--quit-after-ready` (the smoke test) still ends a kiosk-mode run by itself."""
    data = tmp_path / "till"
    data.mkdir()
    if how == "config.toml":
        (data / "config.toml").write_text("kiosk = true\n")
    flags = ["--kiosk"] if how == "--kiosk" else []
    logs = tmp_path / "logs"
    done = run_app(
        *flags, "--quit-after-ready", "--data-dir", str(data), env={"POS_APP_LOG_DIR": str(logs)}
    )
    assert done.returncode == 0, done.stderr
    assert "ready in" in done.stdout
    log = (logs / "pos-app.log").read_text(encoding="utf-8")
    assert "kiosk mode on" in log
    assert "a close was refused" not in log


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX")
def test_a_stop_signal_still_closes_a_kiosk_till(tmp_path: Path) -> None:
    """The system stopping the app (a service manager, a shutdown) is never refused."""
    data, logs = tmp_path / "till", tmp_path / "logs"
    process = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "--sandbox", "--kiosk", "--data-dir", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_APP_LOG_DIR": str(logs)},
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:  # the loop runs once the demo accounts are printed
            if line.startswith("Demo accounts:"):
                break
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 128 + signal.SIGTERM
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)
    log = (logs / "pos-app.log").read_text(encoding="utf-8")
    assert "kiosk mode on" in log and "a close was refused" not in log
