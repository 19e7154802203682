"""The customer, lookup and manager screens speak the terminal's language: their words
come from the catalogue (fr.qm), counts take each language's plural form (en.qm, fr.qm),
and numbers are written as the language writes them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from pos_app import i18n
from pos_app.domain.progress import ExpiringSoon
from pos_app.i18n import compile as catalogues
from pos_app.ui.views.customer_actions import CustomerActions
from pos_app.ui.views.history import HistoryFilter, waiting
from pos_app.ui.views.manager.returns import headers
from pos_app.ui.views.standing import soon_text

WHEN = datetime(2027, 1, 8, tzinfo=UTC)


@pytest.fixture
def french(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The screen in French, in Côte d'Ivoire, as the app installs it; English after."""
    catalogues.build(tmp_path)
    translator = QTranslator(qapp)
    assert translator.load(str(tmp_path / "fr.qm"))
    qapp.installTranslator(translator)
    i18n.use("fr", "CI")
    try:
        yield
    finally:
        qapp.removeTranslator(translator)
        i18n.use("en", "NG")


def test_counts_take_the_english_plural_form(qapp: Any) -> None:
    assert soon_text(ExpiringSoon(1, WHEN, 0)) == "1 point expires today"
    assert soon_text(ExpiringSoon(200, WHEN, 1)) == "200 points expire tomorrow"
    assert soon_text(ExpiringSoon(1500, WHEN, 12)) == "1,500 points expire in 12 days"


def test_the_screens_words_and_numbers_in_french(qapp: Any, french: None) -> None:
    assert soon_text(ExpiringSoon(1, WHEN, 0)) == "1 point expire aujourd'hui"
    # French agrees the verb with the points; the days have their own plural.
    said = soon_text(ExpiringSoon(1500, WHEN, 12))
    assert said == "1\N{NARROW NO-BREAK SPACE}500 points expirent dans 12 jours", repr(said)
    actions = CustomerActions()
    assert actions.award_button.text() == "Attribuer des points  (F6)"
    assert actions.return_button.accessibleName() == "Enregistrer un retour"
    assert HistoryFilter().itemText(0) == "Tous les types"
    assert waiting() == "en attente"
    assert headers()[5] == "Manque"
