"""One customer: name, tier, a large balance, expiring points, the rewards they can take,
and their history."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.models import Source
from ...services import ServiceError, history, lookup
from ..bridge import Lane, ServiceRunner
from ..changes import Changed
from ..i18n import tr
from .customer_actions import CustomerActions
from .customer_header import CustomerHeader
from .history import HistoryFilter, HistoryTable, label_words
from .reward_card import RewardButton

HISTORY_PAGE = 20


class CustomerView(QWidget):
    redeem_requested = Signal(str)  # reward id
    award_requested = Signal()
    return_requested = Signal()
    adjust_requested = Signal()
    back_requested = Signal()
    loaded = Signal()

    def __init__(self, runner: ServiceRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.current: lookup.CustomerScreen | None = None
        self._loading_id = ""
        self._history_cursor: str | None = None
        self._buttons: list[RewardButton] = []
        self._placed_columns = 0

        self.header = header = CustomerHeader()
        self.name, self.tier, self.details = header.name, header.tier, header.details
        self.balance, self.balance_note = header.balance, header.balance_note
        self.expiring, self.freshness, self.standing = (
            header.expiring,
            header.freshness,
            header.standing,
        )

        self.status = QLabel()
        self.status.setObjectName("confirming")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.hide()

        rewards_title = QLabel(tr("Rewards"))
        rewards_title.setObjectName("sectionTitle")
        self.grid_holder = QWidget()
        holder = QVBoxLayout(self.grid_holder)
        holder.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        holder.addLayout(self.grid)
        holder.addStretch(1)  # the cards stay together at the top, never spread down
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid_holder)
        # Tab goes from card to card (each scrolled into view), not to the area itself.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        history_title = QLabel(tr("History"))
        history_title.setObjectName("sectionTitle")
        self.history = HistoryTable()
        self.history_filter = HistoryFilter()
        self.history_filter.currentIndexChanged.connect(lambda _: self.refilter())
        self.history_note = QLabel()
        self.history_note.setObjectName("hint")
        self.older = QPushButton(tr("Load older"))
        self.older.clicked.connect(self.load_older)
        self.older.hide()

        self.action_bar = actions = CustomerActions()
        self.award_button, self.return_button = actions.award_button, actions.return_button
        self.adjust_button, self.back_button = actions.adjust_button, actions.back_button
        self.award_button.clicked.connect(self.award_requested)
        self.return_button.clicked.connect(self.return_requested)
        self.adjust_button.clicked.connect(self.adjust_requested)
        self.back_button.clicked.connect(self.back_requested)

        left = QVBoxLayout()
        left.addWidget(rewards_title)
        left.addWidget(scroll, 1)
        right = QVBoxLayout()
        history_head = QHBoxLayout()
        history_head.addWidget(history_title, 1)
        history_head.addWidget(self.history_filter)
        right.addLayout(history_head)
        right.addWidget(self.history, 1)
        history_foot = QHBoxLayout()
        history_foot.addWidget(self.history_note, 1)
        history_foot.addWidget(self.older)
        right.addLayout(history_foot)
        self.body = body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.status)
        layout.addLayout(body, 1)
        layout.addLayout(actions)

    # ---------------------------------------------------------------- loading
    def load(self, customer_id: str) -> None:
        """Show the cached customer at once, then refresh from the backend."""
        if self.current is not None and self.current.view.customer.id != customer_id:
            # Nothing of the last customer stays on screen (nor under a finger) while
            # this one loads.
            self.current = None
            self._fill_grid(())
            self.header.clear()
            with QSignalBlocker(self.history_filter):  # a new customer: all their history
                self.history_filter.choose(None)
        self._loading_id = customer_id
        self.name.setText(tr("Loading…"))
        self.history.setRowCount(0)
        self.runner.submit(
            lambda t: lookup.screen(t, customer_id, fresh=False),
            self._show_screen,
            self._load_failed,
            lane=Lane.LOCAL,
        )
        self.refresh()

    def refresh(self) -> None:
        customer_id = self._loading_id
        self.runner.submit(
            lambda t: lookup.screen(t, customer_id, fresh=True),
            self._show_screen,
            lambda _: None,
            lane=Lane.REFRESH,
        )
        self.refilter()

    def refilter(self) -> None:
        """The history again, of the type the filter shows (all, or one label)."""
        customer_id, only = self._loading_id, self.history_filter.label
        if not customer_id:
            return
        self._history_loading()
        self.runner.submit(
            lambda t: history.history(t, customer_id, HISTORY_PAGE, only=only),
            self._show_history,
            self._history_failed,
            lane=Lane.REFRESH,
        )

    def on_changed(self, change: Changed) -> None:
        """An operation changed the customer on this screen (an award, an adjustment): read
        their balance and history again. Hidden, it waits: opening a customer reads both."""
        parent = self.parentWidget()
        on_show = parent is None or self.isVisibleTo(parent)
        if change.customer_id is not None and change.customer_id == self._loading_id and on_show:
            self.refresh()

    @property
    def history_placeholder(self) -> bool:
        """The history table shows its loading row, not history."""
        return self.history.placeholder

    def _history_loading(self) -> None:
        """While history comes from the backend: a placeholder row in an empty table, or,
        over the rows already shown, a note that they are being brought up to date."""
        self.older.hide()
        if self.history.rowCount() and not self.history_placeholder:
            self.history_note.setText(tr("Updating history…"))
            return
        self.history.show_loading()
        self.history_note.setText(tr("Asking the loyalty service for this customer's history…"))

    def _clear_history(self) -> None:
        self.history.clear_rows()

    def _load_failed(self, error: BaseException) -> None:
        self.name.setText("")
        self.details.setText(
            error.message
            if isinstance(error, ServiceError)
            else tr("This customer could not be loaded.")
        )

    def _show_screen(self, screen: lookup.CustomerScreen) -> None:
        if screen.view.customer.id != self._loading_id:
            return
        self.current = screen
        self.header.show_screen(screen)
        self._fill_grid(screen.options)
        view = screen.view
        self.runner.submit(
            lambda t: lookup.tier_progress(t, view), self._show_progress, lambda _: None,
            lane=Lane.REFRESH,
        )  # fmt: skip
        self.loaded.emit()

    def _show_progress(self, found: lookup.Progress) -> None:
        """Lifetime points and the bar to the next tier; the points expiring soon with the
        days left ("200 points expire in 12 days"), the later ones with their date."""
        if self.current is None or self.current.view.customer.id != self._loading_id:
            return
        self.header.show_progress(self.current, found)

    def _fill_grid(self, options: tuple[lookup.RewardOption, ...]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._buttons = []
        for index, option in enumerate(options):
            button = RewardButton(option, index)
            button.clicked.connect(
                lambda _=False, rid=option.reward.id: self.redeem_requested.emit(rid)
            )
            self._buttons.append(button)
        self._place()

    def _columns(self) -> int:
        return 3 if self.window().width() >= 1200 else 2

    def _place(self) -> None:
        """The cards in rows of two, or three on a wide window (again after a resize: the
        window opens at one size and is maximised)."""
        columns = self._columns()
        self._placed_columns = columns
        # Two columns of cards (a narrow window) leave the history more room, for its
        # reasons to fit on one line; three share the width evenly.
        self.body.setStretch(0, 5 if columns == 2 else 1)
        self.body.setStretch(1, 7 if columns == 2 else 1)
        for index, button in enumerate(self._buttons):
            self.grid.addWidget(button, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._buttons and self._columns() != self._placed_columns:
            for button in self._buttons:
                self.grid.removeWidget(button)
            self._place()

    def reward_buttons(self) -> list[RewardButton]:
        """The cards on screen now (the ones replaced are still children until deleted)."""
        return list(self._buttons)

    def choose_reward(self, index: int) -> None:
        buttons = self.reward_buttons()
        if 0 <= index < len(buttons) and buttons[index].isEnabled():
            buttons[index].click()

    def _show_history(self, found: history.History) -> None:
        if found.customer_id != self._loading_id:
            return
        self._clear_history()
        self._append_history(found)
        only = self.history_filter.label
        none = only is not None and not found.lines
        empty = (
            tr("No {type} lines among the newest {n}. ").format(
                type=label_words(only), n=HISTORY_PAGE
            )
            if none
            else ""
        )
        offline = found.source is not Source.BACKEND
        self.history_note.setText(
            empty
            + (tr("Offline: history as last seen, plus what waits to sync") if offline else "")
        )

    def _append_history(self, found: history.History) -> None:
        self.history.append(found.lines)
        self._history_cursor = found.next_cursor
        self.older.setVisible(found.next_cursor is not None)

    def load_older(self) -> None:
        cursor, customer_id = self._history_cursor, self._loading_id
        only = self.history_filter.label
        if cursor is None:
            return
        self.older.setEnabled(False)
        self.older.setText(tr("Loading…"))

        def done(found: history.History) -> None:
            self.older.setEnabled(True)
            self.older.setText(tr("Load older"))
            if found.customer_id == self._loading_id:
                self._append_history(found)

        def failed(error: BaseException) -> None:
            self.older.setEnabled(True)
            self.older.setText(tr("Load older"))
            self.history_note.setText(
                error.message
                if isinstance(error, ServiceError)
                else tr("Older history could not be loaded.")
            )

        self.runner.submit(
            lambda t: history.history(t, customer_id, HISTORY_PAGE, cursor, only=only),
            done,
            failed,
        )

    def _history_failed(self, error: BaseException) -> None:
        if self.history_placeholder:
            self._clear_history()
        self.history_note.setText(
            error.message if isinstance(error, ServiceError) else tr("History could not be loaded.")
        )

    # ---------------------------------------------------------------- confirming
    def set_confirming(self, busy: bool, text: str | None = None) -> None:
        self.status.setText(tr("Confirming with the loyalty service…") if text is None else text)
        self.status.setVisible(busy)
        self.grid_holder.setEnabled(not busy)
        self.action_bar.set_busy(busy)
