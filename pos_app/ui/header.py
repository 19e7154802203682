"""The main window's header: the app's name, who is signed in, and the buttons to every
flow. On a narrow screen (1024 px, a manager signed in: five buttons) the buttons' labels
shorten ("Find customer  (F2)" becomes "Find  F2") rather than being cut off; the key stays
on the button, and the whole label stays in its tooltip and accessible name. A long name
of the person signed in ends with "…" (whole in its tooltip) before anything else gives."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from .i18n import tr


class NavButton(QPushButton):
    """A header button with a full and a short label; both end with its key."""

    def __init__(self, name: str, short: str, key: str) -> None:
        super().__init__(f"{name}  ({key})")
        self.full_text = f"{name}  ({key})"
        self.short_text = f"{short}  {key}"
        self.setAccessibleName(name)
        self.setAccessibleDescription(tr("Shortcut {key}").format(key=key))
        self.setToolTip(f"{name} ({key})")
        self.setMinimumHeight(44)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_short(self, short: bool) -> None:
        text = self.short_text if short else self.full_text
        if self.text() != text:
            self.setText(text)


class PersonLabel(QLabel):
    """Who is signed in; gives way to the buttons, ending with "…" (whole in the tooltip)."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        room = metrics.horizontalAdvance("x" * 10) + self.contentsMargins().left()
        return QSize(min(hint.width(), room), hint.height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        area = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, area.width()
        )
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            area,
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            self.palette(),
            self.isEnabled(),
            shown,
            QPalette.ColorRole.WindowText,
        )


class Header(QWidget):
    def __init__(self, parent: QWidget | None = None, *, till: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.title = QLabel(tr("Loyalty"))
        self.title.setObjectName("appTitle")
        self.person = PersonLabel()
        self.person.setObjectName("person")
        self.person.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # The short labels, for a narrow screen ("Find  F2"): "short" tells them apart.
        self.find_button = NavButton(tr("Find customer"), tr("Find", "short"), "F2")
        self.verify_button = NavButton(tr("Check a code"), tr("Check", "short"), "F4")
        self.enrol_button = NavButton(tr("New customer"), tr("New", "short"), "F7")
        self.manager_button = NavButton(tr("Manager"), tr("Manager", "short"), "F8")
        self.switch_button = NavButton(tr("Switch user"), tr("Switch", "short"), "F9")
        self.buttons: tuple[NavButton, ...] = (
            self.find_button,
            self.verify_button,
            self.enrol_button,
            self.manager_button,
            self.switch_button,
        )
        # Kiosk mode (ui/kiosk.py): the Till menu, to leave it or close the app.
        self.till_button = NavButton(tr("Till"), tr("Till", "short"), "F10") if till else None
        if self.till_button is not None:
            self.buttons += (self.till_button,)
        # Measures a label's width without touching the buttons on screen.
        self._probe = QPushButton(self)
        self._probe.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 10, 24, 10)
        row.addWidget(self.title)
        row.addWidget(self.person, 1)
        for button in self.buttons:
            row.addWidget(button)
        self.short = False

    def _width(self, *, short: bool) -> int:
        """The width the header needs with full or short labels, the person's whole name."""
        row = self.layout()
        assert row is not None
        margins = row.contentsMargins()
        shown: list[int] = [self.title.sizeHint().width(), self.person.sizeHint().width()]
        self._probe.setMinimumHeight(44)
        for button in self.buttons:
            if button.isVisibleTo(self):
                self._probe.setText(button.short_text if short else button.full_text)
                shown.append(self._probe.sizeHint().width())
        spacing = max(row.spacing(), 0)
        return margins.left() + margins.right() + sum(shown) + spacing * len(shown)

    def fit(self) -> None:
        """Full labels when they fit the width, else short ones."""
        short = self._width(short=False) > self.width()
        self.short = short
        for button in self.buttons:
            button.set_short(short)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        row = self.layout()
        if row is None:
            return hint
        need = self._width(short=True) - self.person.sizeHint().width()
        return QSize(need + self.person.minimumSizeHint().width(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # A button shown or hidden (sign-in, lock), the person's name, a new theme.
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.StyleChange):
            self.fit()
        return handled
