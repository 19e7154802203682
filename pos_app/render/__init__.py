"""REDEEM codes as QR and Code 128 module patterns, with no Qt: the GUI paints them with
QPainter (ui/codes_paint.py); the daily report as text, CSV and JSON."""

from .codes import barcode_modules, qr_matrix

__all__ = ["barcode_modules", "qr_matrix"]
