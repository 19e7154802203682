"""Module patterns of a code: the QR matrix from `qrcode`, the Code 128 bars from
`python-barcode`. Painting them as rectangles keeps them crisp at any size."""

from __future__ import annotations

from functools import lru_cache

import qrcode
import qrcode.constants
from barcode import Code128

QR_QUIET_ZONE = 4  # modules, as ISO/IEC 18004 asks
BARCODE_QUIET_ZONE = 10  # modules, as ISO/IEC 15417 asks


@lru_cache(maxsize=64)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR symbol's dark modules (True), without the quiet zone."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(text)
    qr.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in qr.get_matrix())


@lru_cache(maxsize=64)
def barcode_modules(text: str) -> str:
    """Code 128 as a string of '1' (bar) and '0' (space) modules, without quiet zones."""
    return "".join(Code128(text).build())


def qr_svg(text: str, module: int = 8) -> str:
    matrix = qr_matrix(text)
    size = (len(matrix) + 2 * QR_QUIET_ZONE) * module
    rects = [
        f'<rect x="{(x + QR_QUIET_ZONE) * module}" y="{(y + QR_QUIET_ZONE) * module}" '
        f'width="{module}" height="{module}"/>'
        for y, row in enumerate(matrix)
        for x, dark in enumerate(row)
        if dark
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/><g fill="#000">'
        + "".join(rects)
        + "</g></svg>"
    )


def bar_runs(modules: str) -> list[tuple[int, int]]:
    """(start, width) of each bar, in modules."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, bit in enumerate(modules + "0"):
        if bit == "1" and start is None:
            start = i
        elif bit == "0" and start is not None:
            runs.append((start, i - start))
            start = None
    return runs


def barcode_svg(text: str, module: int = 3, height: int = 120) -> str:
    modules = barcode_modules(text)
    width = (len(modules) + 2 * BARCODE_QUIET_ZONE) * module
    rects = [
        f'<rect x="{(BARCODE_QUIET_ZONE + start) * module}" y="0" '
        f'width="{run * module}" height="{height}"/>'
        for start, run in bar_runs(modules)
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" shape-rendering="crispEdges">'
        f'<rect width="{width}" height="{height}" fill="#fff"/><g fill="#000">'
        + "".join(rects)
        + "</g></svg>"
    )
