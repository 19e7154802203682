"""QR codes and Code 128 barcodes painted with QPainter from their module patterns (as
Electrum's draw_qr does): crisp at any size, on a widget, an image or a printer page."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..render.codes import BARCODE_QUIET_ZONE, QR_QUIET_ZONE, bar_runs, barcode_modules, qr_matrix
from .i18n import tr

WHITE = QColor("#ffffff")
BLACK = QColor("#000000")


def _module(painter: QPainter, length: float, count: int) -> tuple[float, float]:
    """(module size, device pixel ratio): a whole number of device pixels per module when
    the space allows, so edges stay sharp on a 1.5x or 2x screen as on a printer."""
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    if length * ratio >= count:
        return math.floor(length * ratio / count) / ratio, ratio
    return length / count, ratio


def _snap(value: float, ratio: float) -> float:
    return round(value * ratio) / ratio


def paint_qr(painter: QPainter, area: QRectF, text: str) -> QRectF:
    """Paint the QR code of `text`, square and centred in `area`, with its quiet zone.
    Module edges fall on whole device pixels where the area allows it."""
    matrix = qr_matrix(text)
    count = len(matrix) + 2 * QR_QUIET_ZONE
    side = min(area.width(), area.height())
    module, ratio = _module(painter, side, count)
    total = module * count
    left = _snap(area.x() + (area.width() - total) / 2, ratio)
    top = _snap(area.y() + (area.height() - total) / 2, ratio)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRectF(left, top, total, total), WHITE)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BLACK)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(
                    QRectF(
                        left + (x + QR_QUIET_ZONE) * module,
                        top + (y + QR_QUIET_ZONE) * module,
                        module,
                        module,
                    )
                )
    painter.restore()
    return QRectF(left, top, total, total)


def paint_barcode(painter: QPainter, area: QRectF, text: str) -> QRectF:
    """Paint the Code 128 barcode of `text`, centred in `area`, with its quiet zones."""
    modules = barcode_modules(text)
    count = len(modules) + 2 * BARCODE_QUIET_ZONE
    module, ratio = _module(painter, area.width(), count)
    total = module * count
    left = _snap(area.x() + (area.width() - total) / 2, ratio)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRectF(left, area.y(), total, area.height()), WHITE)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BLACK)
    for start, run in bar_runs(modules):
        painter.drawRect(
            QRectF(
                left + (BARCODE_QUIET_ZONE + start) * module, area.y(), run * module, area.height()
            )
        )
    painter.restore()
    return QRectF(left, area.y(), total, area.height())


def code_image(text: str, kind: str, size: QSize) -> QImage:
    """The QR ("qr") or barcode ("barcode") of `text` as an image, e.g. to decode in tests."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(WHITE)
    painter = QPainter(image)
    area = QRectF(0, 0, size.width(), size.height())
    (paint_qr if kind == "qr" else paint_barcode)(painter, area, text)
    painter.end()
    return image


class QrWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setMinimumSize(180, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("QR code"))

    def set_text(self, text: str) -> None:
        self._text = text
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        paint_qr(painter, QRectF(self.rect()), self._text)
        painter.end()


class BarcodeWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setMinimumSize(260, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Barcode"))

    def set_text(self, text: str) -> None:
        self._text = text
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 160)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        paint_barcode(painter, QRectF(self.rect()), self._text)
        painter.end()
