"""A reward on the customer screen: a card large enough to touch, which says what the
reward is worth and, when it cannot be chosen, why."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout

from ...domain.money import format_money
from ...domain.pay_with_points import card_title
from ...i18n.formats import number
from ...services import describe, lookup
from ..i18n import tr


class RewardButton(QPushButton):
    """A reward card, large enough to touch; its text wraps instead of being cut."""

    def __init__(self, option: lookup.RewardOption, index: int) -> None:
        super().__init__()
        reward = option.reward
        self.reward_id = reward.id
        self.setObjectName("rewardCard")
        self.setEnabled(option.available)
        self.setMinimumSize(180, 92)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        words = describe.reward_words(reward.name, reward.discount_amount, reward.currency)
        title = QLabel(words.name or words.headline)  # "Free soft drink", "₦1,000 off"
        title.setObjectName("rewardTitle")
        # The value, unless the name already says it: "150 pts · worth ₦500", "200 pts".
        value = format_money(reward.discount_amount, reward.currency)
        said = value in title.text()
        cost = number(reward.points_cost)
        worth = QLabel(
            tr("{points} pts").format(points=cost)
            if said
            else tr("{points} pts  ·  worth {value}").format(points=cost, value=value)
        )
        if reward.per_point is not None:  # pay with points: "Pay with points: ₦5 a point"
            rule = reward.per_point
            title.setText(card_title(words.name or tr("Pay with points"), rule, reward.currency))
            worth.setText(
                tr("{least} to {most} pts, in {step}s").format(
                    least=cost, most=number(rule.max_points), step=number(rule.step)
                )
            )
        worth.setObjectName("rewardWorth")
        note = QLabel(option.note)
        note.setObjectName("rewardNote")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        for label in (title, worth, note):
            label.setProperty("available", option.available)
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        note.setVisible(bool(option.note))
        layout.addStretch(1)
        if index < 9:
            self.setToolTip(f"Ctrl+{index + 1}")  # i18n: not words
        said_name = tr("{reward}, {points} point(s). {note}", "", reward.points_cost)
        self.setAccessibleName(
            said_name.format(reward=title.text(), points=reward.points_cost, note=option.note)
        )

    # As tall as its wrapped lines need at the width it gets (a button's own size hint
    # knows nothing of its labels: on a narrow window they were squeezed and overlapped).
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        need = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(need, self.minimumHeight(), super().sizeHint().height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(max(hint.width(), self.minimumWidth())))
