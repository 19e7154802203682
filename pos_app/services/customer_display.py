"""The customer display: what the screen that faces the customer shows, and when it goes
back to idle. Pure (no Qt): the Qt window (ui/customer_display.py) only paints `Screen`.

States: IDLE (the store's name, "Scan your card"), CUSTOMER (first name, balance, tier,
progress to the next tier), CODE (a redemption's code, as text and QR), POINTS (points
earned or taken back, the new balance). Any state but IDLE lasts `idle_seconds` after it
began; `leave()` (lock, sign-out, the cashier left the customer) goes back to IDLE at
once. It never holds two customers: a new customer replaces everything of the last one,
and no history is ever shown."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..domain.progress import TierProgress
from ..i18n import _, ngettext
from ..i18n.formats import number, signed

DEFAULT_IDLE_SECONDS = 30.0


class State(StrEnum):
    IDLE = "idle"
    CUSTOMER = "customer"
    CODE = "code"
    POINTS = "points"


class Size(StrEnum):
    """How large a line is painted (the window scales each to the screen's height)."""

    TITLE = "title"
    HUGE = "huge"
    BIG = "big"
    NORMAL = "normal"


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    size: Size


@dataclass(frozen=True, slots=True)
class Screen:
    """What the display shows now: lines of words, a QR code's text ("" none) and a
    progress bar's fill (None: no bar)."""

    state: State
    lines: tuple[Line, ...]
    qr: str = ""
    bar: float | None = None

    def text(self) -> str:
        """Every word on the display, one line each (for tests and the log)."""
        return "\n".join(line.text for line in self.lines)


def first_name(name: str) -> str:
    """Only the first of a customer's names: the display faces the queue."""
    parts = name.split()
    return parts[0] if parts else ""


def _points(n: int) -> str:
    return ngettext("{n} point", "{n} points", abs(n)).format(n=number(n))


def idle_screen(store: str) -> Screen:
    return Screen(
        State.IDLE,
        (
            Line(store or _("Welcome"), Size.TITLE),
            Line(_("Scan your card"), Size.HUGE),
            Line(_("or give the cashier your phone number"), Size.NORMAL),
        ),
    )


def customer_screen(name: str, balance: int, progress: TierProgress | None) -> Screen:
    lines = [
        Line(_("Hello {name}").format(name=first_name(name)), Size.TITLE),
        Line(_points(balance), Size.HUGE),
    ]
    bar = None
    if progress is not None and progress.tier is not None:
        lines.append(Line(_("Tier: {tier}").format(tier=progress.tier.name), Size.BIG))
    if progress is not None and progress.next_tier is not None:
        bar = progress.fraction
        lines.append(
            Line(
                ngettext(
                    "{n} point to {tier}", "{n} points to {tier}", progress.points_to_next
                ).format(n=number(progress.points_to_next), tier=progress.next_tier.name),
                Size.NORMAL,
            )
        )
    elif progress is not None and progress.tier is not None:
        bar = 1.0
        lines.append(Line(_("You have reached the top tier"), Size.NORMAL))
    return Screen(State.CUSTOMER, tuple(lines), bar=bar)


def code_screen(code: str, reward: str, balance_after: int) -> Screen:
    return Screen(
        State.CODE,
        (
            Line(reward or _("Your code"), Size.TITLE),
            Line(code, Size.HUGE),
            Line(_("Balance after: {points}").format(points=_points(balance_after)), Size.NORMAL),
        ),
        qr=code,
    )


def points_screen(points: int, balance: int | None) -> Screen:
    said = (
        ngettext("Point earned", "Points earned", points)
        if points >= 0
        else ngettext("Point taken back", "Points taken back", -points)
    )
    lines = [Line(said, Size.TITLE), Line(signed(points), Size.HUGE)]
    if balance is not None:
        lines.append(Line(_("New balance: {points}").format(points=_points(balance)), Size.BIG))
    else:
        lines.append(Line(_("Your balance is updated when the till is online"), Size.NORMAL))
    return Screen(State.POINTS, tuple(lines))


class CustomerDisplay:
    """The display's state and its timeout. `clock` is the seam the tests move."""

    def __init__(
        self,
        store: str = "",
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.idle_seconds = idle_seconds
        self.clock = clock
        self.customer_id: str | None = None  # whose data is shown (None: nobody's)
        self.since = clock()
        self.screen = idle_screen(store)

    @property
    def state(self) -> State:
        return self.screen.state

    def _show(self, customer_id: str, screen: Screen, *, restart: bool = True) -> None:
        if customer_id != self.customer_id or restart:
            self.since = self.clock()
        self.customer_id = customer_id
        self.screen = screen

    def customer(
        self, customer_id: str, name: str, balance: int, progress: TierProgress | None
    ) -> None:
        """The cashier has this customer open. The same customer read again (a refresh)
        updates what is shown without restarting the timeout, and does not replace a code
        or points shown for them; another customer replaces everything."""
        same = customer_id == self.customer_id and self.state is not State.IDLE
        if same and self.state is not State.CUSTOMER:
            return
        self._show(customer_id, customer_screen(name, balance, progress), restart=not same)

    def code(self, customer_id: str, code: str, reward: str, balance_after: int) -> None:
        self._show(customer_id, code_screen(code, reward, balance_after))

    def points(self, customer_id: str, points: int, balance: int | None) -> None:
        """Points earned (positive) or taken back (negative) for this customer."""
        self._show(customer_id, points_screen(points, balance))

    def opening(self, customer_id: str) -> None:
        """The cashier opens a customer: anyone else's data goes at once."""
        if customer_id != self.customer_id:
            self.leave()

    def leave(self) -> None:
        """Back to idle at once: the till locked, the cashier signed out or left the
        customer."""
        self.customer_id = None
        self.since = self.clock()
        self.screen = idle_screen(self.store)

    def due_in(self) -> float | None:
        """Seconds until the timeout sends the display back to idle (None: idle)."""
        if self.state is State.IDLE:
            return None
        return max(0.0, self.since + self.idle_seconds - self.clock())

    def tick(self) -> bool:
        """Idle if the timeout has passed; True when that changed what is shown."""
        due = self.due_in()
        if due is None or due > 0:
            return False
        self.leave()
        return True


@dataclass(frozen=True, slots=True)
class ScreenInfo:
    """A screen attached to this machine, as Qt lists it."""

    name: str
    width: int
    height: int

    def describe(self, index: int) -> str:
        if not self.name:
            return _("screen {n} ({width}x{height})").format(
                n=number(index + 1), width=self.width, height=self.height
            )
        return _("screen {n} ({name}, {width}x{height})").format(
            n=number(index + 1), name=self.name, width=self.width, height=self.height
        )


def choose_screen(setting: str | None, screens: Sequence[ScreenInfo]) -> int | None:
    """The index of the screen `display.screen` names: its number from 1 (as the doctor
    lists them) or its name (HDMI-2). None: off, or no such screen."""
    wanted = (setting or "").strip()
    if not wanted:
        return None
    if wanted.isdigit():
        index = int(wanted) - 1
        return index if 0 <= index < len(screens) else None
    for index, screen in enumerate(screens):
        if screen.name.casefold() == wanted.casefold():
            return index
    return None
