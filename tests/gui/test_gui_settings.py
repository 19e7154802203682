"""The settings screen (issue 12, item 4): managers only, audited; each field checked by the
settings schema with its message under it; a save written to config.toml (owner-only) and
audited per key, the live ones taking effect in the running till and the others saying a
restart is needed; the API key only to the keyring; "Check this terminal" shows the doctor."""

from __future__ import annotations

import json
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit
from support.gui_helpers import (
    CASHIER,
    CASHIER_PIN,
    MANAGER,
    MANAGER_PIN,
    Gui,
    signed_in,
)
from support.terminal_helpers import MemoryKeyring

from pos_app import logs
from pos_app.config import load_config
from pos_app.domain.earning import EarnRate
from pos_app.sandbox import SandboxServer
from pos_app.services import auditing
from pos_app.ui.answers import ApprovalAnswer
from pos_app.ui.bridge import Lane
from pos_app.ui.dialogs.settings import SettingField, SettingsDialog

WRONG_KEY = "sk_test_settings_screen_wrong_key_42"


@pytest.fixture
def ring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """The test's keyring (never the OS's), and no key from the environment."""
    monkeypatch.delenv("LOYALPRO_API_KEY", raising=False)
    previous = keyring.get_keyring()
    made = MemoryKeyring()
    keyring.set_keyring(made)
    try:
        yield made
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def log_folder(tmp_path: Path) -> Iterator[Path]:
    """The window's log written to a folder of the test's, as the app writes it."""
    folder = tmp_path / "logs"
    config = load_config(data_dir=tmp_path / "terminal", env={})
    with logs.to_file(config, verbose=True, env={"POS_APP_LOG_DIR": str(folder)}):
        yield folder


@pytest.fixture
def boss(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, ring: MemoryKeyring, log_folder: Path
) -> Iterator[Gui]:
    with signed_in(qtbot, sandbox, tmp_path / "terminal", MANAGER, MANAGER_PIN) as g:
        yield g


def actions(g: Gui) -> list[tuple[str, str, str, dict[str, Any]]]:
    with g.make_terminal() as t:
        entries = reversed(auditing.entries(t, 200))
        return [(e.actor, e.action, e.subject, json.loads(e.details or "{}")) for e in entries]


def opened(qtbot: Any, g: Gui) -> SettingsDialog:
    g.window.settings_action.trigger()
    qtbot.waitUntil(lambda: g.window.settings.dialog is not None, timeout=10000)
    dialog = g.window.settings.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def field(dialog: SettingsDialog, key: str) -> SettingField:
    return next(f for f in dialog.fields if f.key == key)


def typed(dialog: SettingsDialog, key: str, text: str) -> SettingField:
    made = field(dialog, key)
    assert isinstance(made.editor, QLineEdit)
    made.editor.setText(text)
    return made


def saved(qtbot: Any, dialog: SettingsDialog) -> str:
    dialog.save_button.click()
    qtbot.waitUntil(
        lambda: dialog.save_button.isEnabled() and bool(dialog.outcome.text()), timeout=10000
    )
    return dialog.outcome.text()


def config_file(g: Gui) -> Path:
    with g.make_terminal() as t:
        return t.config.data_dir / "config.toml"


def test_a_cashier_cannot_open_it(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> None:
    with signed_in(qtbot, sandbox, tmp_path / "terminal", CASHIER, CASHIER_PIN) as g:
        g.window.settings_action.trigger()
        assert g.prompts.infos == [
            ("Managers only", "A manager must sign in for this (Switch user, F9).")
        ]
        assert g.window.settings.dialog is None
        assert "settings.opened" not in [kind for _, kind, _, _ in actions(g)]


def test_a_manager_opens_it_audited(qtbot: Any, boss: Gui) -> None:
    w = boss.window
    assert w.settings_action.shortcut().toString() == "Ctrl+Shift+S"
    dialog = opened(qtbot, boss)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Backend",
        "Terminal",
        "Offline",
        "Awards",
        "Devices",
        "Check",
    ]
    lock = field(dialog, "lock_after_minutes")
    assert "locks itself" in lock.editor.toolTip()
    assert "before each code" in field(dialog, "scanner.prefix").editor.toolTip()
    assert "from a scanner" in field(dialog, "scanner.max_gap_ms").editor.toolTip()
    assert (MANAGER, "settings.opened") in [(a, k) for a, k, _, _ in actions(boss)]
    assert dialog.key_status.text() == "API key: missing"
    url = field(dialog, "backend_url").editor
    assert isinstance(url, QLineEdit)  # the running till's, from --backend here
    assert url.placeholderText() == f"not in config.toml; in use now: {boss.sandbox.url}"


def test_in_kiosk_mode_a_manager_pin_opens_it(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, ring: MemoryKeyring
) -> None:
    with signed_in(qtbot, sandbox, tmp_path / "t", synced=False, kiosk=True) as g:
        qtbot.waitUntil(g.window.isFullScreen)
        g.prompts.approval = ApprovalAnswer(MANAGER, MANAGER_PIN, "new store id")
        assert g.window.settings_action in g.window.kiosk.menu.actions()
        opened(qtbot, g)
        assert g.prompts.approvals_asked == ["opening the settings"]
        found = [(a, k, d) for a, k, _, d in actions(g) if k == "settings.opened"]
        assert found == [
            (MANAGER, "settings.opened", {"operator": CASHIER, "reason": "new store id"})
        ]


def test_an_invalid_value_shows_its_message_and_saves_nothing(qtbot: Any, boss: Gui) -> None:
    dialog = opened(qtbot, boss)
    typed(dialog, "award_limits.max_points_per_award", "500")  # fine, but not alone
    bad = typed(dialog, "lock_after_minutes", "ten")
    assert bad.problem.text() == (
        "lock_after_minutes must be a number of minutes from 0.5 to 480, not 'ten'."
    )
    text = saved(qtbot, dialog)
    assert text.startswith("Nothing saved: 1 field to fix")
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Terminal"  # its tab shown
    assert bad.problem.isVisibleTo(dialog)
    assert not config_file(boss).exists()
    assert "config.changed" not in [k for _, k, _, _ in actions(boss)]
    bad.editor.setText("2")  # mended: the message goes
    assert not bad.problem.text() and not bad.problem.isVisibleTo(dialog)


def test_a_change_is_written_audited_and_the_live_one_takes_effect(qtbot: Any, boss: Gui) -> None:
    w = boss.window
    dialog = opened(qtbot, boss)
    typed(dialog, "lock_after_minutes", "1.5")
    typed(dialog, "award_limits.max_points_per_award", "50")
    typed(dialog, "earn.XOF.per", "25")  # a built-in rate, shown on the Awards tab
    kiosk = field(dialog, "kiosk")
    assert isinstance(kiosk.editor, QCheckBox)
    kiosk.editor.setChecked(True)
    text = saved(qtbot, dialog)
    now = (
        "Took effect now: lock_after_minutes = 1.5, award_limits.max_points_per_award = 50, "
        "earn.XOF.per = 25."
    )
    assert now in text
    assert "Needs a restart of pos-app: kiosk = true." in text
    path = config_file(boss)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert tomllib.loads(path.read_text()) == {
        "lock_after_minutes": 1.5,
        "kiosk": True,
        "award_limits": {"max_points_per_award": 50},
        "earn": {"XOF": {"per": 25}},
    }
    changed = [(a, s, d) for a, k, s, d in actions(boss) if k == "config.changed"]
    assert (MANAGER, "lock_after_minutes", {"old": None, "new": 1.5, "operator": MANAGER}) in (
        changed
    )
    assert (MANAGER, "kiosk", {"old": None, "new": True, "operator": MANAGER}) in changed
    # Live: the auto-lock and the service threads' award limit; kiosk waits for a restart.
    assert w.session.idle.interval() == 90_000
    assert w.earn.rate("XOF") == EarnRate(1, 25)  # the next award's rate
    assert w.earn.rate("NGN") == EarnRate(1, 100)
    limits: list[int] = []
    w.runner.submit(
        lambda t: t.config.award_limits.max_points_per_award, limits.append, lane=Lane.REMOTE
    )
    qtbot.waitUntil(lambda: limits == [50], timeout=10000)
    assert not w.kiosk.active
    # Saved again unchanged: nothing more written or audited.
    assert saved(qtbot, dialog) == "Nothing changed."


def test_the_api_key_goes_to_the_keyring_only_and_the_check_shows_the_fix(
    qtbot: Any, boss: Gui, ring: MemoryKeyring, log_folder: Path
) -> None:
    dialog = opened(qtbot, boss)
    assert dialog.api_key.echoMode() == QLineEdit.EchoMode.Password
    dialog.api_key.setText("two words")
    assert dialog.api_key_problem.text() == (
        "The API key must be one line of visible characters (the value is not shown)."
    )
    dialog.api_key.setText(WRONG_KEY)
    text = saved(qtbot, dialog)
    assert "Needs a restart of pos-app: api_key." in text
    url = boss.sandbox.url
    assert ring.store[("pos-app", f"api-key:{url}")] == WRONG_KEY
    assert dialog.key_status.text() == "API key: set in keyring" and not dialog.api_key.text()
    path = config_file(boss)
    assert not path.exists() or WRONG_KEY not in path.read_text()
    audited = [(k, s, d) for _, k, s, d in actions(boss)]
    assert ("config.changed", "api_key", {"old": "missing", "new": "set in keyring"}) in [
        (k, s, {x: d[x] for x in ("old", "new")}) for k, s, d in audited if k == "config.changed"
    ]
    assert WRONG_KEY not in json.dumps(audited)
    # The check: the doctor's lines, the refused key with its fix.
    dialog.check_button.click()
    qtbot.waitUntil(
        lambda: dialog.check_button.isEnabled() and dialog.checks.count() > 0, timeout=15000
    )
    lines = [
        w.text()
        for w in dialog.check_page.findChildren(QLabel)
        if w.text()[:4] in ("PASS", "WARN", "FAIL")
    ]
    backend = next(line for line in lines if line.startswith("FAIL  backend:"))
    assert "refused" in backend and "Fix: " in backend and "pos-app config set api_key" in backend
    assert any(line.startswith("PASS  keyring:") for line in lines)
    assert WRONG_KEY not in "\n".join(lines)
    logged = "".join(p.read_text(errors="replace") for p in log_folder.glob("*"))
    assert logged and WRONG_KEY not in logged


def test_the_check_uses_the_running_key_when_none_is_stored(qtbot: Any, boss: Gui) -> None:
    """The demo (and a key handed over in the process) stores no key: the check is of the
    key the till runs with, not a false "no API key" while it works."""
    dialog = opened(qtbot, boss)
    assert dialog.key_status.text() == "API key: missing"  # nothing in the keyring or env
    dialog.check_button.click()
    qtbot.waitUntil(
        lambda: dialog.check_button.isEnabled() and dialog.checks.count() > 0, timeout=15000
    )
    lines = [
        w.text()
        for w in dialog.check_page.findChildren(QLabel)
        if w.text()[:4] in ("PASS", "WARN", "FAIL")
    ]
    backend = [line for line in lines if " backend:" in line]
    assert backend and all(line.startswith(("PASS", "WARN")) for line in backend), lines
    assert boss.sandbox.api_key not in "\n".join(lines)
