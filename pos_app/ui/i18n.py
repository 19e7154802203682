"""The screen's words in the terminal's language: Qt's translation layer.

Every string the screen shows a person goes through `tr`, written where it is shown:

    tr("Find a customer")
    tr("{points} points to {name}").format(points=number(p), name=name)   # no f-strings
    tr("{n} operation(s) waiting", "", n).format(n=number(n))             # a count

`pyside6-lupdate` extracts the calls (one context for the whole app, so the same words
are translated once) into pos_app/i18n/fr.ts; the build turns it into fr.qm. A count
passes `n` as the third argument, so the catalogue holds each language's plural forms
(English's too: en.ts). The second argument tells two uses of the same words apart when
they need different translations ("Return" the action vs. "Return" the noun). The core's
own messages (services, the command line) come translated already (pos_app.i18n `_`).

Words defined at import time (a constant, a table) are marked there and translated where
shown, once the language is installed (ui/language.py):

    REFUSED = QT_TRANSLATE_NOOP("", "This till is in kiosk mode")   # "" is the context
    notice.error(tr(REFUSED))

tests/unit/test_i18n_guard.py fails on a string literal handed straight to a Qt text API
(setText, QLabel(...), addTab...) in pos_app/ui without tr.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(source: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("", source, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # lupdate knows the name
    """Marks `source` for the catalogue (context "": the app's one); `tr` it when shown."""
    return source


def role_name(role: str) -> str:
    """A staff role as the screen says it: "manager" is stored, "responsable" shown."""
    return {"manager": tr("manager"), "cashier": tr("cashier")}.get(role, role)
