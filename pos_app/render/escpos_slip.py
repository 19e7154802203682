"""Slips as ESC/POS bytes for a thermal receipt printer (python-escpos; no Qt): the
redemption slip (the code large, a native QR and a Code 128 barcode of it), the award and
return slips, the end-of-day report, and a test page. Laid out for 32 characters a line
(58 mm paper) or 48 (80 mm); every slip ends with a paper cut.

Words in the terminal's language (`_`, pos_app/i18n/fr.po). Money is written as the rest of
the terminal writes it (domain/money.py, Babel in the terminal's locale), then with the
currency's code instead of a sign no printer's code page has ("NGN 1,000"; "5 000 F CFA"
stays). Text reaches the printer through python-escpos's magic encoding, which picks the
code page of each character (CP437's é, à, ç), so a French slip keeps its accents; CLDR's
no-break spaces are printed as spaces. Numbers and the time: pos_app.i18n.formats."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.models import LocalRedemption
from ..domain.money import format_money, printer_text, reward_words
from ..domain.printers import PAPER_COLUMNS
from ..i18n import _
from ..i18n.formats import datetime_text, number

QR_SIZE = {58: 6, 80: 8}  # dots per QR module
BAR_WIDTH = {58: 2, 80: 3}  # dots per Code 128 module, at most
DOTS_PER_COLUMN = 12  # font A: 32 columns are 384 dots (58 mm), 48 are 576 (80 mm)


def bar_width(data: str, paper_mm: int) -> int | None:
    """The widest module (dots, 2 to 3) at which the Code 128 of `data` (code set B: start,
    data, check and stop) fits the paper, or None: a printer drops a barcode wider than its
    paper (the paper's own margins are its quiet zone). "REDEEM-" and 8 characters: 2 dots
    on 80 mm; none on 58 mm (400 dots of 384), where the QR alone carries the code."""
    modules = 11 * (len(data) + 2) + 13
    dots = PAPER_COLUMNS[paper_mm] * DOTS_PER_COLUMN
    width = min(BAR_WIDTH[paper_mm], dots // modules)
    return width if width >= 2 else None  # python-escpos and the printers: 2 to 6


@dataclass(frozen=True, slots=True)
class Where:
    """Who printed it, where and when: the foot of every slip."""

    store: str | None
    terminal: str
    cashier: str | None
    when: datetime


@dataclass(frozen=True, slots=True)
class RedemptionSlip:
    code: str
    reward_name: str | None
    discount_amount: int
    currency: str
    points: int
    balance_after: int | None
    customer_name: str | None
    offline: bool


def from_redemption(found: LocalRedemption) -> RedemptionSlip:
    """The slip of a redemption this terminal made (a reprint)."""
    return RedemptionSlip(
        code=found.code,
        reward_name=found.reward_name,
        discount_amount=found.discount_amount,
        currency=found.currency,
        points=found.points,
        balance_after=found.balance_after,
        customer_name=found.customer_name,
        offline=found.issued_offline,
    )


@dataclass(frozen=True, slots=True)
class PointsSlip:
    """An award (points earned) or a return (points taken back)."""

    taken_back: bool
    points: int
    balance: int | None
    customer_name: str | None
    order: str | None
    offline: bool


def _dummy() -> Any:
    """python-escpos's Dummy printer. Importing python-escpos calls logging.basicConfig(),
    which would put every log line on stderr: the root logger's handlers are kept as they
    were."""
    import tempfile  # here, with the printer library: the GUI imports this module at start

    import platformdirs

    root = logging.getLogger()
    handlers = list(root.handlers)
    # Its printer profiles' cache: in pos-app's cache folder, not a new temp folder a run.
    cache = Path(platformdirs.user_cache_dir("pos-app")) / "escpos"
    cache.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(cache))
    before, tempfile.tempdir = tempfile.tempdir, str(cache)  # it makes one temp folder anyway
    try:
        from escpos.printer import Dummy
    finally:
        tempfile.tempdir = before
        for made in cache.glob("tmp*"):
            with contextlib.suppress(OSError):
                made.rmdir()

    root.handlers[:] = handlers
    return Dummy()


class _Slip:
    """Lines of at most `columns` characters (half as many in double width)."""

    def __init__(self, paper_mm: int) -> None:
        self.paper_mm = paper_mm
        self.columns = PAPER_COLUMNS[paper_mm]
        self.p = _dummy()
        self.p.hw("INIT")

    def style(
        self, *, big: bool = False, bold: bool = False, align: str = "left", wide: bool = True
    ) -> None:
        self.p.set(
            align=align,
            bold=bold,
            double_width=big and wide,
            double_height=big,
            normal_textsize=not big,
        )

    def line(
        self, text: str = "", *, big: bool = False, bold: bool = False, center: bool = False
    ) -> None:
        """Large text is double width and height; too long for that (a code on 58 mm
        paper), double height only, so that it stays on one line."""
        wide = len(text) <= self.columns // 2
        self.style(big=big, bold=bold, align="center" if center else "left", wide=wide)
        width = self.columns // 2 if big and wide else self.columns
        for row in textwrap.wrap(printer_text(text), width) or [""]:
            self.p.textln(row)

    def pair(self, left: str, right: str) -> None:
        """ "Balance after ....... 1,250": the label left, the value right."""
        self.style()
        left, right = printer_text(left), printer_text(right)
        room = self.columns - len(right) - 1
        if room < 8:  # a long value: on its own line
            self.line(left)
            self.line("  " + right)
            return
        rows = textwrap.wrap(left, room) or [""]
        for row in rows[:-1]:
            self.p.textln(row)
        self.p.textln(rows[-1].ljust(room) + " " + right)

    def rule(self, char: str = "-") -> None:
        self.style()
        self.p.textln(char * self.columns)

    def qr(self, data: str) -> None:
        self.style(align="center")
        from escpos.constants import QR_ECLEVEL_M  # imported with the Dummy printer

        # error correction M (15 %): a thermal slip fades and creases in a pocket
        self.p.qr(data, native=True, ec=QR_ECLEVEL_M, size=QR_SIZE[self.paper_mm], center=False)
        self.p.ln()  # a quiet zone between the QR and the barcode: each scans alone

    def barcode(self, data: str) -> None:
        width = bar_width(data, self.paper_mm)
        if width is None:
            return
        self.style(align="center")
        with contextlib.redirect_stdout(io.StringIO()):  # python-escpos prints a note
            self.p.barcode(
                "{B" + data,
                "CODE128",
                function_type="B",
                width=width,
                height=80,
                pos="OFF",
            )
        self.p.ln()

    def foot(self, where: Where) -> None:
        self.rule()
        if where.store:
            self.pair(_("Store"), where.store)
        self.pair(_("Terminal"), where.terminal)
        if where.cashier:
            self.pair(_("Cashier"), where.cashier)
        self.pair(_("Time"), datetime_text(where.when))

    def done(self) -> bytes:
        self.style()
        self.p.cut()
        data: bytes = self.p.output
        return data


def redemption(slip: RedemptionSlip, where: Where, paper_mm: int) -> bytes:
    s = _Slip(paper_mm)
    words = reward_words(slip.reward_name, slip.discount_amount, slip.currency)
    s.line(_("LOYALTY REWARD"), bold=True, center=True)
    if slip.offline:
        s.line(_("OFFLINE"), big=True, center=True)
        s.line(_("issued offline: syncs later"), center=True)
    s.rule()
    s.line(words.headline, big=True, center=True)
    if words.detail:
        s.line(words.detail, center=True)
    s.rule()
    s.pair(_("Reward"), words.name or words.headline)
    s.pair(_("Discount"), format_money(slip.discount_amount, slip.currency))
    s.pair(_("Points used"), number(slip.points))
    if slip.balance_after is not None:
        s.pair(_("Balance after"), number(slip.balance_after))
    if slip.customer_name:
        s.pair(_("Customer"), slip.customer_name)
    s.p.ln()
    s.qr(slip.code)
    s.barcode(slip.code)
    s.line(slip.code, big=True, bold=True, center=True)
    s.line(_("Valid once. Show this code at the checkout."), center=True)
    s.foot(where)
    return s.done()


def points(slip: PointsSlip, where: Where, paper_mm: int) -> bytes:
    s = _Slip(paper_mm)
    s.line(
        _("POINTS TAKEN BACK") if slip.taken_back else _("POINTS EARNED"), bold=True, center=True
    )
    if slip.offline:
        s.line(_("OFFLINE: syncs later"), center=True)
    s.rule()
    sign = "-" if slip.taken_back else "+"
    s.line(_("{points} pts").format(points=sign + number(slip.points)), big=True, center=True)
    s.rule()
    if slip.customer_name:
        s.pair(_("Customer"), slip.customer_name)
    if slip.order:
        s.pair(_("Order"), slip.order)
    if slip.balance is not None:
        s.pair(_("Balance"), number(slip.balance))
    s.foot(where)
    return s.done()


def report(
    r: dict[str, Any],
    where: Where,
    paper_mm: int,
    rows: Callable[[dict[str, Any]], list[tuple[str, str]]] | None = None,
) -> bytes:
    """The end-of-day report (services/report.py's answer) as a short slip."""
    from .report import period, summary_rows

    s = _Slip(paper_mm)
    s.line(_("END OF DAY"), big=True, center=True)
    s.line(period(r), center=True)
    s.rule()
    for label, value in (rows or summary_rows)(r):
        s.pair(label, value)
    s.foot(where)
    return s.done()


def test_page(where: Where, paper_mm: int) -> bytes:
    """What `pos-app print test` prints: who and where, a QR, a barcode, the width ruler."""
    s = _Slip(paper_mm)
    s.line(_("PRINTER TEST"), big=True, center=True)
    s.line(
        _("{mm} mm paper, {columns} characters a line").format(mm=paper_mm, columns=s.columns),
        center=True,
    )
    s.rule("=")
    ruler = "".join(str(i % 10) for i in range(1, s.columns + 1))
    s.line(ruler)
    s.rule("=")
    s.line(_("Large text"), big=True)
    s.line(_("Bold text"), bold=True)
    s.line(_("Money: {amount}").format(amount=format_money(12_345, "NGN")))
    s.line(_("Accents: é è à ç ô É"))
    s.p.ln()
    data = f"TEST-{where.terminal}"[:40]
    s.qr(data)
    s.barcode(data)
    s.line(data, center=True)
    s.foot(where)
    return s.done()
