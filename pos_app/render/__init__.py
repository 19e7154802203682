"""REDEEM codes as QR and Code 128 module patterns, with no Qt: the GUI paints them with
QPainter (ui/codes_paint.py). The daily report (text, CSV, PDF) is in report.py."""

from .codes import barcode_modules, qr_matrix

__all__ = ["barcode_modules", "qr_matrix"]
