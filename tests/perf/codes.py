"""Code rendering: a redemption code as the screen draws it (the module patterns, then
QPainter into an image) against the `qrcode` and python-barcode libraries' own generation
of an image (qrcode.make; Code128 rendered by its default SVG writer)."""

from __future__ import annotations

import qrcode
from barcode import Code128
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from pos_app.ui.codes_paint import paint_barcode, paint_qr

from .timing import Figure, Plan, alternate, median, timed_ms

CODES = [f"LP-{i:04d}-7Q2M" for i in range(10_000)]


def figures(plan: Plan) -> list[Figure]:
    app = QApplication.instance() or QApplication([])
    del app
    texts = iter(CODES)  # a new code each time: no cache helps either side

    def ours() -> float:
        text = next(texts)
        image = QImage(400, 520, QImage.Format.Format_RGB32)
        image.fill(0xFFFFFFFF)

        def paint() -> None:
            painter = QPainter(image)
            try:
                paint_qr(painter, QRectF(0, 0, 400, 400), text)
                paint_barcode(painter, QRectF(0, 410, 400, 100), text)
            finally:
                painter.end()

        return timed_ms(paint)

    def floor() -> float:
        text = next(texts)
        return timed_ms(lambda: (qrcode.make(text), Code128(text).render()))

    mine, theirs = alternate(Plan(plan.warmup * 3, plan.runs * 6), ours, floor)
    return [
        Figure("code rendering (QR + Code 128)", median(mine), "ms", median(theirs), "<= 1.5 x")
    ]
