"""The screen in the terminal's language (issue 13, item 3): French words on a real screen,
Qt's own buttons in French, the numbers' locale, English's plural forms, the setting on
the settings screen, and English (with one warning) when the catalogue is not built."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QWidget
from support.gui_helpers import names_shown, window

from pos_app import i18n
from pos_app.config import load_config
from pos_app.sandbox import SandboxServer
from pos_app.ui.app import _speak
from pos_app.ui.dialogs.settings import SettingsDialog, SettingsState
from pos_app.ui.dialogs.settings_fields import GROUPS
from pos_app.ui.i18n import tr
from pos_app.ui.language import install

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """French in Côte d'Ivoire, as `terminal.language = "fr"` makes it; English after."""
    assert install(qapp, "fr", "CI") == "fr"
    try:
        yield
    finally:
        install(qapp, "en", "NG")


def test_the_sign_in_screen_speaks_french(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, french: None
) -> None:
    with window(qtbot, sandbox, tmp_path / "terminal") as g:
        view = names_shown(qtbot, g, "Chidi")
        w = g.window
        assert view.title.text() == f"Qui est à la caisse{NBSP}?"
        assert view.keypad.enter.text() == "Se connecter"
        assert view.pin.placeholderText() == "Code PIN"
        names = [b.text() for b in view.names_box.findChildren(QPushButton)]
        assert "Chidi   ·   caissier" in names and "Maryam   ·   responsable" in names
        view.submit()  # nobody chosen
        assert view.message.text() == "Touchez d'abord votre nom."
        assert w.status.pending.text() == "Rien en attente"
        assert w.status.sync_button.text() == "Synchroniser  (F5)"
        assert w.find_button.accessibleName() == "Rechercher un client"
        assert w.notice.close_button.text() == "Fermer"
        assert w.windowTitle().endswith("Terminal de fidélité")
        w.status.set_queue(2, 1)  # French plural forms: 0 and 1 singular
        assert w.status.pending.text() == "2 opérations en attente"
        assert w.status.conflicts.text() == "1 litige"


def test_qt_s_own_words_and_numbers_are_french(qapp: QApplication, french: None) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Annuler"  # qtbase_fr.qm
    assert QLocale().name() == "fr_CI"
    assert i18n.language() == "fr" and i18n._("French") == "Français"  # the core's too


def test_english_has_its_plural_forms(qapp: QApplication) -> None:
    assert tr("{n} conflict(s)", "", 1).format(n=1) == "1 conflict"
    assert tr("{n} conflict(s)", "", 2).format(n=2) == "2 conflicts"
    assert tr("Who is at the till?") == "Who is at the till?"


def test_the_built_catalogue_loads(qapp: QApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(i18n.HERE / "fr.qm"))
    assert translator.translate("", "Sign in") == "Se connecter"
    assert translator.translate("", "Find", "short") == "Client"


def test_the_gui_starts_in_the_configured_language(qapp: QApplication, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[terminal]\nlanguage = "fr"\n', encoding="utf-8")
    try:
        _speak(qapp, load_config(data_dir=tmp_path, env={}))
        assert QCoreApplication.translate("", "Sign in") == "Se connecter"
        assert QApplication.applicationDisplayName() == "Terminal de fidélité"
    finally:
        install(qapp, "en", "NG")


def test_a_catalogue_not_built_is_english_with_one_warning(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(i18n, "_warned", set())
    try:
        with monkeypatch.context() as unbuilt, caplog.at_level(logging.WARNING):
            unbuilt.setattr(i18n, "HERE", tmp_path)
            assert install(qapp, "fr", "CI") == "en"
        assert tr("Sign in") == "Sign in"
        said = [r.getMessage() for r in caplog.records if r.name == "pos_app.i18n"]
        assert said == [
            "French chosen but its catalogue is not built (fr.mo, fr.qm): English is used; "
            "run python -m pos_app.i18n.compile"
        ]
    finally:
        install(qapp, "en", "NG")


def test_the_language_is_on_the_terminal_tab_and_needs_a_restart(qtbot: Any) -> None:
    assert "terminal.language" in dict(GROUPS)["Terminal"]
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1366, 768)
    dialog = SettingsDialog(parent, SettingsState())
    qtbot.addWidget(dialog)
    (field,) = [f for f in dialog.fields if f.key == "terminal.language"]
    assert "A change needs a restart." in field.editor.toolTip()
    field.editor.setText("de")  # type: ignore[union-attr]
    assert "auto (the system's language), en or fr" in field.check()
    field.editor.setText("fr")  # type: ignore[union-attr]
    assert field.check() == "" and field.value() == "fr"
