"""The returns made at this terminal as the manager reads them (issue 11 #3: "a shortfall
is shown to the cashier and listed for the manager, never hidden"): whose, what was
returned, the points taken back and any shortfall (the backend's figures once it
answered), and whether each is queued, settled or refused. The Returns tab of the
manager's view shows it; `pos-app returns --shortfalls` lists the same rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from ..domain.returns import LocalReturn
from ..domain.timefmt import to_db
from ..i18n import _, ngettext
from ..i18n.formats import number
from ..store import names, orders
from .terminal import Terminal


class ReturnState(StrEnum):
    QUEUED = "queued"  # not yet answered by the loyalty service (offline, or in flight)
    SETTLED = "settled"  # the backend's figures are recorded
    REFUSED = "refused"  # the backend refused it: nothing was taken back


@dataclass(frozen=True, slots=True)
class ReturnLine:
    created_at: datetime
    order_id: str
    customer_id: str
    customer_name: str | None
    returned_amount: int
    currency: str | None  # the sale's, when this terminal awarded it
    points_expected: int  # this terminal's figure
    points_reversed: int | None  # the backend's, once settled
    points_shortfall: int | None
    state: ReturnState
    operator: str | None

    @property
    def customer(self) -> str:
        return self.customer_name or self.customer_id


@dataclass(frozen=True, slots=True)
class ReturnsList:
    lines: tuple[ReturnLine, ...]  # newest first
    shortfalls: int  # returns with a shortfall, among all returns made here
    shortfall_points: int  # the points not recovered, between them
    shortfalls_only: bool
    queued: int = 0  # returns not yet settled, among all: their shortfall is not known yet

    @property
    def count_text(self) -> str:
        """ "3 returns with a shortfall: 210 points not recovered." """
        n, points = self.shortfalls, self.shortfall_points
        if not n:
            return _("No return has a shortfall.")
        returns = ngettext("{n} return with a shortfall", "{n} returns with a shortfall", n)
        lost = ngettext("{n} point not recovered.", "{n} points not recovered.", points)
        return _("{returns}: {points}").format(
            returns=returns.format(n=number(n)), points=lost.format(n=number(points))
        )

    @property
    def queued_text(self) -> str:
        """What is not known yet: "2 returns are queued: their shortfall is known once
        they sync." ("" when none is)."""
        q = self.queued
        if not q:
            return ""
        return ngettext(
            "{n} return is queued: its shortfall is known once it syncs.",
            "{n} returns are queued: their shortfall is known once they sync.",
            q,
        ).format(n=number(q))


def state_of(r: LocalReturn) -> ReturnState:
    if r.state == "pending" or (r.state == "done" and r.points_reversed is None):
        return ReturnState.QUEUED  # answered but not recorded yet: the next sync records it
    if r.state == "done":
        return ReturnState.SETTLED
    return ReturnState.REFUSED  # refused, a conflict (open or resolved), cancelled


def returns_list(t: Terminal, *, shortfalls_only: bool = False) -> ReturnsList:
    """Every return made here, newest first (only those with a shortfall if asked); the
    count of shortfalls is over all of them either way."""
    conn = t.db.conn
    made = orders.list_returns(conn)
    people = names.customers(conn, {r.customer_id for r in made})
    currencies: dict[str, str | None] = {}
    for order_id in {r.order_id for r in made}:
        order = orders.find_order(conn, order_id)
        currencies[order_id] = order.currency if order is not None else None
    short = [r for r in made if r.points_shortfall]
    lines = tuple(
        ReturnLine(
            r.created_at,
            r.order_id,
            r.customer_id,
            people.get(r.customer_id),
            r.returned_amount,
            currencies[r.order_id],
            r.points_expected,
            r.points_reversed,
            r.points_shortfall,
            state_of(r),
            r.operator,
        )
        for r in (short if shortfalls_only else made)
    )
    queued = sum(state_of(r) is ReturnState.QUEUED for r in made)
    return ReturnsList(
        lines, len(short), sum(r.points_shortfall or 0 for r in short), shortfalls_only, queued
    )


def export_data(listed: ReturnsList) -> dict[str, Any]:
    """What render/returns.py writes (the CSV of the Returns tab)."""
    return {
        "shortfalls_only": listed.shortfalls_only,
        "shortfalls": listed.shortfalls,
        "shortfall_points": listed.shortfall_points,
        "lines": [
            {
                "created_at": to_db(line.created_at),
                "order_id": line.order_id,
                "customer_id": line.customer_id,
                "customer_name": line.customer_name,
                "returned_amount": line.returned_amount,
                "currency": line.currency,
                "points_expected": line.points_expected,
                "points_reversed": line.points_reversed,
                "points_shortfall": line.points_shortfall,
                "state": line.state.value,
                "operator": line.operator,
            }
            for line in listed.lines
        ],
    }
