"""The top of the customer screen: who (name, tier badge, standing, details, how fresh) on
the left, and the money (a large balance, what waits to sync, the points expiring) on the
right."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ...domain import phones
from ...domain.models import Source
from ...i18n.formats import number
from ...services import lookup
from ..fmt import date_text, datetime_text
from ..i18n import tr
from .standing import TierStanding, soon_text


def expires_on(points: int, day: datetime) -> str:
    """ "200 pts expire on 12 March 2027"."""
    said = tr("{points} pts expire on {date}", "", points)
    return said.format(points=number(points), date=date_text(day))


class CustomerHeader(QHBoxLayout):
    """The header block as one layout; CustomerView names its labels (tests read them)."""

    def __init__(self) -> None:
        super().__init__()
        self.name = QLabel()
        self.name.setObjectName("customerName")
        self.tier = QLabel()
        self.tier.setObjectName("tierBadge")
        self.details = QLabel()
        self.details.setObjectName("hint")
        self.balance = QLabel()
        self.balance.setObjectName("balance")
        self.balance.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.balance_note = QLabel()
        self.balance_note.setObjectName("hint")
        self.balance_note.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.expiring = QLabel()
        self.expiring.setObjectName("expiring")
        self.expiring.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.freshness = QLabel()
        self.freshness.setObjectName("hint")

        who = QVBoxLayout()
        title_row = QHBoxLayout()
        title_row.addWidget(self.name)
        title_row.addWidget(self.tier)
        title_row.addStretch(1)
        who.addLayout(title_row)
        self.standing = TierStanding()
        who.addWidget(self.standing)
        who.addWidget(self.details)
        who.addWidget(self.freshness)
        money = QVBoxLayout()
        money.addWidget(self.balance)
        money.addWidget(self.balance_note)
        money.addWidget(self.expiring)
        self.addLayout(who, 1)
        self.addLayout(money)

    def clear(self) -> None:
        """Nothing of the last customer (the name says what comes instead)."""
        for label in (self.tier, self.details, self.balance, self.balance_note):
            label.setText("")
        self.expiring.setText("")
        self.freshness.setText("")
        self.standing.clear()

    def show_screen(self, screen: lookup.CustomerScreen) -> None:
        c = screen.view.customer
        self.name.setText(c.name)
        self.tier.setText(c.tier_name or tr("No tier"))
        self.tier.setProperty("tier", (c.tier_name or "none").casefold())
        self.tier.style().unpolish(self.tier)
        self.tier.style().polish(self.tier)
        phone = phones.shown(c.phone, "") if c.phone else None  # "+234 803 123 4567"
        self.details.setText("  ·  ".join(x for x in (c.id, phone, c.email, c.card_number) if x))
        self.balance.setText(tr("{points} pts").format(points=number(c.points_balance)))
        pending = screen.view.pending_points
        self.balance_note.setText(
            tr("{balance} after {points} waiting to sync").format(
                balance=number(screen.view.projected_balance), points=number(pending)
            )
            if pending
            else ""
        )
        self.expiring.setText(
            "\n".join(expires_on(lot.points, lot.expires_at) for lot in c.points_expiring[:3])
        )
        when = datetime_text(c.cached_at)
        self.freshness.setText(
            tr("Up to date")
            if screen.view.source is Source.BACKEND
            else tr("From this terminal's copy, as of {when}").format(when=when)
        )

    def show_progress(self, screen: lookup.CustomerScreen, found: lookup.Progress) -> None:
        """Lifetime points and the bar to the next tier; the points expiring soon with the
        days left ("200 points expire in 12 days"), the later ones with their date."""
        self.standing.show_progress(found.tier)
        soon = [soon_text(s) for s in found.expiring[:3]]
        later = [
            expires_on(lot.points, lot.expires_at)
            for lot in screen.view.customer.points_expiring
            if all(lot.expires_at != s.expires_at for s in found.expiring)
        ]
        self.expiring.setText("\n".join((soon + later)[:3]))
