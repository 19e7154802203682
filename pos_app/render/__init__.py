"""REDEEM codes as QR and Code 128 module patterns, and as SVG, with no Qt: the GUI paints
the same patterns with QPainter, slips and tests use the SVG."""

from .codes import barcode_modules, barcode_svg, qr_matrix, qr_svg

__all__ = ["barcode_modules", "barcode_svg", "qr_matrix", "qr_svg"]
