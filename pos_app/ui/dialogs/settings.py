"""The settings screen (a manager's): every setting of config.toml in tabs, each field made
from the settings schema (pos_app/settings): its help as tooltip and description, checked
as it is typed, with the message under the field; the API key write-only (where it comes
from, never the key); and "Check this terminal" (the doctor's checks). It only asks: the
settings flow (ui/flows/settings.py) saves, off the UI thread, and says what took effect."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...i18n.formats import number
from ...settings import Kind, Setting, SettingError, find
from ..i18n import tr
from .forms import FieldProblem, plain
from .settings_fields import GROUPS, field_title, setting_hint, tab_title


@dataclass(frozen=True)
class SettingsState:
    """What the screen opens with (read off the UI thread): config.toml's values (dotted
    keys; a key not there is at its default), where the API key comes from, the file."""

    values: dict[str, Any] = field(default_factory=dict)
    key_source: str = "missing"
    path: str = "config.toml"
    in_use: dict[str, str] = field(default_factory=dict)  # from a flag, the environment...


@dataclass(frozen=True)
class CheckLine:
    """One line of the doctor, as the screen shows it."""

    status: str  # pass, warn, fail
    name: str
    detail: str
    fix: str = ""


class SettingField:
    """One setting's editor: a check box or a line, its problem line under it."""

    def __init__(self, key: str, setting: Setting, value: Any, in_use: str = "") -> None:
        self.key, self.setting, self.old = key, setting, value
        help_text = tr("{help}. Allowed: {allowed}.").format(
            help=setting.help_text, allowed=setting.allowed_text
        )
        restart = " " + tr("A change needs a restart.") if setting.applies == "restart" else ""
        self.editor: QCheckBox | QLineEdit
        if setting.kind is Kind.BOOL:
            now = value if isinstance(value, bool) else bool(setting.default)
            self.editor = QCheckBox(setting.help_text[:1].upper() + setting.help_text[1:])
            self.editor.setChecked(now)
        else:
            self.editor = QLineEdit("" if value is None else setting.text(value))
            default = setting.default_text or setting.text(setting.default)
            shown = (
                tr("not in config.toml; in use now: {value}").format(value=in_use)
                if in_use
                else tr("not set: {default}").format(default=default)
            )
            self.editor.setPlaceholderText(shown)
        self.editor.setAccessibleName(key)
        self.editor.setToolTip(help_text + restart)
        self.editor.setAccessibleDescription(help_text + restart)
        self.problem = FieldProblem(self.editor)
        if isinstance(self.editor, QLineEdit):
            self.editor.textChanged.connect(lambda _: self.check())

    def value(self) -> Any:
        """The value typed (None: not set, the default); SettingError if not allowed."""
        if isinstance(self.editor, QCheckBox):
            on = self.editor.isChecked()
            return None if self.old is None and on == bool(self.setting.default) else on
        text = self.editor.text().strip()
        if not text:
            return None
        value = self.setting.parse(text, self.key)
        return value.rstrip("/") if self.key == "backend_url" else value

    def check(self) -> str:
        try:
            self.value()
        except SettingError as error:
            message = f"{error}."
        else:
            message = ""
        if self.problem.text() != message:
            self.problem.say(message)
        return message

    def changed(self) -> bool:
        return bool(self.value() != self.old)


class SettingsDialog(QDialog):
    save_requested = Signal(object, object)  # {key: value or None}, a new API key or None
    check_requested = Signal()

    def __init__(self, parent: QWidget, state: SettingsState) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Settings"))
        self.setAccessibleName(tr("Settings"))
        self.fields: list[SettingField] = []
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Settings"))
        earn = sorted(k for k in state.values if k.startswith("earn.") and k != "earn.currency")
        for title, keys in GROUPS:
            more = tuple(earn) if title == "Awards" else ()
            shown = tab_title(title)
            self.tabs.addTab(self._page(shown, (*keys, *more), state), shown)
        self.tabs.addTab(self._check_page(), tr("Check", "settings tab"))
        intro = plain(
            tr(
                "These settings are kept in {path}. Each change is audited with its old "
                "and new value. Hover over a field for what it does."
            ).format(path=state.path)
        )
        self.outcome = plain(name=tr("What the save did"))
        self.outcome.hide()
        self.save_button = QPushButton(_save_words())
        self.save_button.setObjectName("primary")
        self.save_button.setAccessibleName(tr("Save settings"))
        self.save_button.clicked.connect(self.ask_save)
        QShortcut(QKeySequence("Ctrl+S"), self, self.ask_save)
        close = QPushButton(tr("Close  (Esc)"))
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.outcome)
        layout.addLayout(row)
        # Most of the window: every tab's name shows, and a page's fields without much scrolling.
        room = parent.window().size()
        width = min(room.width() - 40, max(980, int(room.width() * 0.75)))
        height = min(room.height() - 60, max(640, int(room.height() * 0.85)))
        self.resize(max(width, 600), max(height, 480))

    def _page(self, title: str, keys: Sequence[str], state: SettingsState) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        for key in keys:
            setting = find(key)
            if setting.kind is Kind.SECRET:
                self._api_key_rows(column, state.key_source)
                continue
            made = SettingField(key, setting, state.values.get(key), state.in_use.get(key, ""))
            self.fields.append(made)
            label = QLabel(field_title(key))
            label.setObjectName("fieldName")
            label.setToolTip(
                tr("{help} (config.toml: {key})").format(help=setting.help_text, key=key)
            )
            label.setBuddy(made.editor)
            column.addWidget(label)
            column.addWidget(made.editor)
            column.addWidget(made.problem)
            column.addWidget(plain(setting_hint(setting), style="hint"))
            column.addSpacing(8)
        column.addStretch(1)
        return _scrolled(page, tr("{tab} settings").format(tab=title))

    def _api_key_rows(self, column: QVBoxLayout, source: str) -> None:
        self.key_status = plain(_key_words(source), name=tr("Where the API key comes from"))
        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText(tr("type a new key to replace it (never shown)"))
        self.api_key.setAccessibleName(tr("New API key"))
        setting = find("api_key")
        self.api_key.setToolTip(
            tr("{help}. A change needs a restart.").format(help=setting.help_text)
        )
        self.api_key_problem = FieldProblem(self.api_key)
        self.api_key.textChanged.connect(lambda _: self._check_key())
        label = QLabel(field_title("api_key"))
        label.setObjectName("fieldName")
        label.setBuddy(self.api_key)
        hint = plain(setting_hint(setting), style="hint")
        for widget in (label, self.key_status, self.api_key, self.api_key_problem, hint):
            column.addWidget(widget)
        column.addSpacing(8)

    def _check_key(self) -> str:
        text = self.api_key.text().strip()
        message = ""
        if text:
            try:
                find("api_key").check(text)
            except SettingError as error:
                message = f"{error.describe(tr('The API key'))}."
        self.api_key_problem.say(message)
        return message

    def _check_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.check_button = QPushButton(_check_words())
        self.check_button.setAccessibleName(tr("Check this terminal"))
        self.check_button.clicked.connect(self.ask_check)
        QShortcut(QKeySequence("Ctrl+D"), self, self.ask_check)
        column.addWidget(
            plain(
                tr(
                    "The same checks as 'pos-app doctor': each a pass, warning or fail, "
                    "and its fix."
                )
            )
        )
        column.addWidget(self.check_button)
        self.checks = QVBoxLayout()
        self.check_lines: list[QLabel] = []
        column.addLayout(self.checks)
        column.addStretch(1)
        self.check_page = _scrolled(page, tr("Check this terminal"))
        return self.check_page

    # ------------------------------------------------------------------ asking
    def problems(self) -> list[tuple[QWidget, str]]:
        found = [(f.editor, f.check()) for f in self.fields]
        found.append((self.api_key, self._check_key()))
        return [(w, m) for w, m in found if m]

    def ask_save(self) -> None:
        """Every field checked; a problem anywhere: its tab shown, nothing saved."""
        if not self.save_button.isEnabled():
            return
        found = self.problems()
        if found:
            editor = found[0][0]
            for i in range(self.tabs.count()):
                page = self.tabs.widget(i)
                if page is not None and page.isAncestorOf(editor):
                    self.tabs.setCurrentIndex(i)
            editor.setFocus()
            self.say(
                tr("Nothing saved: {n} field(s) to fix ({first})", "", len(found)).format(
                    n=number(len(found)), first=found[0][1]
                )
            )
            return
        wanted = {f.key: f.value() for f in self.fields if f.changed()}
        key = self.api_key.text().strip() or None
        if not wanted and key is None:
            self.say(tr("Nothing changed."))
            return
        self.busy(True)
        self.save_requested.emit(wanted, key)

    def ask_check(self) -> None:
        if self.check_button.isEnabled():
            self.tabs.setCurrentWidget(self.check_page)
            self.check_button.setEnabled(False)
            self.check_button.setText(tr("Checking..."))
            self.check_requested.emit()

    # ------------------------------------------------------------------ answers
    def busy(self, on: bool) -> None:
        self.save_button.setEnabled(not on)
        self.save_button.setText(tr("Saving...") if on else _save_words())
        if on:
            self.say("")

    def say(self, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.setVisible(bool(text))

    def saved(self, text: str, values: dict[str, Any], key_source: str | None) -> None:
        """Saved: what took effect; the fields now start from what was written."""
        self.busy(False)
        for f in self.fields:
            f.old = values.get(f.key)
        if key_source is not None:
            self.api_key.clear()
            self.key_status.setText(_key_words(key_source))
        self.say(text)

    def not_saved(self, text: str) -> None:
        self.busy(False)
        self.say(text)

    def show_checks(self, lines: Sequence[CheckLine]) -> None:
        # Not takeAt(): a layout item handed to Python outlives its widget, and PySide
        # may later give its stale wrapper to a new object at the same address.
        for old in self.check_lines:
            self.checks.removeWidget(old)
            old.deleteLater()
        self.check_lines = []
        for line in lines:
            text = tr("{status}  {name}: {detail}").format(
                status=_status_words(line.status), name=line.name, detail=line.detail
            )
            if line.fix:
                text += "\n    " + tr("Fix: {fix}").format(fix=line.fix)
            label = plain(text, style={"fail": "problem"}.get(line.status, ""), name=line.name)
            self.checks.addWidget(label)
            self.check_lines.append(label)
        self.check_button.setEnabled(True)
        self.check_button.setText(_check_words())


def _save_words() -> str:
    return tr("Save  (Ctrl+S)")


def _check_words() -> str:
    return tr("Check this terminal  (Ctrl+D)")


def _key_words(source: str) -> str:
    """Where the API key comes from; `source` is the core's words (translated there)."""
    return tr("API key: {source}").format(source=source)


def _status_words(status: str) -> str:
    """A check's outcome as the doctor's lines start (PASS, WARN, FAIL)."""
    return {"pass": tr("PASS"), "warn": tr("WARN"), "fail": tr("FAIL")}.get(status, status.upper())


def _scrolled(page: QWidget, name: str) -> QScrollArea:
    """A tab's page, scrolled up and down (a finger drags it), never sideways."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(page)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
    scroll.setAccessibleName(name)
    QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return scroll
