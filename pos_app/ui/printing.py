"""The redemption slip: printed through the system's print dialog, or saved as a PDF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from ..domain.models import Outcome
from ..i18n.formats import number
from ..services import describe
from .codes_paint import paint_barcode, paint_qr
from .fmt import datetime_text
from .i18n import tr

if TYPE_CHECKING:
    from ..services.redeem import RedeemResult


def paint_slip(
    painter: QPainter, page: QRectF, result: RedeemResult, terminal_id: str, when: datetime
) -> None:
    """A receipt-shaped slip at the top of the page: the reward, code, QR, barcode."""
    width = min(page.width(), page.height() * 0.6)
    left = page.x() + (page.width() - width) / 2
    y = page.y()
    unit = width / 40

    def text(line: str, size: float, bold: bool = False, lines: int = 1) -> None:
        """One line of text, centred; a long one (an item's name) wraps onto up to `lines`
        lines, then gets smaller type: never cut."""
        nonlocal y
        font = QFont("DejaVu Sans")
        font.setBold(bold)
        pixels = max(1, int(size * unit))
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        while True:
            font.setPixelSize(pixels)
            metrics = QFontMetricsF(font, painter.device())
            box = metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, line)
            rows = round(box.height() / metrics.lineSpacing())
            if (box.width() <= width and rows <= lines) or pixels <= 4:
                break
            pixels = int(pixels * 0.9)
        painter.setFont(font)
        height = max(size * unit * 1.5, box.height() + pixels * 0.5)
        painter.drawText(QRectF(left, y, width, height), flags, line)
        y += height

    # What to give, large: the item ("Free soft drink") or the discount ("₦1,000 off"); then
    # the item's value ("worth ₦500") or a discount's own name.
    words = describe.reward_words(result.reward_name, result.discount_amount, result.currency)
    text(tr("Loyalty reward"), 2.2, bold=True)
    text(words.headline, 4.5, bold=True, lines=2)
    if words.detail:
        text(words.detail, 1.8)
    points = tr("{n} point(s)", "", result.points).format(n=number(result.points))
    text(f"{result.customer_name}  ·  {points}", 1.6)
    y += unit
    qr = paint_qr(painter, QRectF(left + width * 0.2, y, width * 0.6, width * 0.6), result.code)
    y = qr.bottom() + unit
    paint_barcode(painter, QRectF(left, y, width, width * 0.22), result.code)
    y += width * 0.22 + unit
    text(result.code, 2.6, bold=True)
    confirmed = result.status is Outcome.CONFIRMED
    text(tr("Confirmed") if confirmed else tr("Issued offline, will sync"), 1.6)
    stamp = datetime_text(when)
    text(tr("{time}  ·  terminal {id}").format(time=stamp, id=terminal_id), 1.4)
    text(tr("Valid once. Show this code at the checkout."), 1.4)


def save_slip_pdf(path: Path, result: RedeemResult, terminal_id: str, when: datetime) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(tr("Redemption {code}").format(code=result.code))
    painter = QPainter(writer)
    paint_slip(painter, QRectF(painter.viewport()), result, terminal_id, when)
    painter.end()


def print_slip(parent: QWidget, result: RedeemResult, terminal_id: str, when: datetime) -> bool:
    """The system print dialog (which also offers printing to a PDF file)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(tr("Redemption {code}").format(code=result.code))
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    painter = QPainter(printer)
    paint_slip(painter, QRectF(painter.viewport()), result, terminal_id, when)
    painter.end()
    return True
