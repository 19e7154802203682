"""The screen's language, chosen once at start (a change of `terminal.language` needs a
restart): pos_app's own words (pos_app/i18n/<language>.qm, built by `python -m
pos_app.i18n.compile`), Qt's own (qtbase_<language>.qm from Qt's translations folder: the
standard buttons, "Annuler"), the core's messages (gettext, pos_app.i18n) and how numbers
and dates are written (QLocale's default, the language in the store's country)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .. import i18n

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []


def install(app: QCoreApplication, setting: str | None, region: str | None = None) -> str:
    """Speak the language `setting` means ("auto": the system's; "en", "fr") in the store's
    country `region` from now on; returns the language in use. A catalogue not built is
    English, with one warning in the log (pos_app.i18n.start)."""
    language = i18n.start(setting, region, screen=True)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ours = QTranslator(app)
    if ours.load(str(i18n.HERE / f"{language}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    if language != i18n.DEFAULT:
        qt = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}", folder):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            log.warning("Qt's own %s words are missing from %s: its buttons stay English",
                        i18n.ENGLISH_NAMES[language], folder)  # fmt: skip
    QLocale.setDefault(QLocale(i18n.locale_id()))
    return language
