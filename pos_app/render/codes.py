"""Module patterns of a code: the QR matrix from `qrcode`, the Code 128 bars from
`python-barcode`. Painting them as rectangles keeps them crisp at any size.

Both libraries (and Pillow, which `qrcode` loads) are imported by the first code drawn,
not with this module: the window's start-up shows no code."""

from __future__ import annotations

from functools import lru_cache

QR_QUIET_ZONE = 4  # modules, as ISO/IEC 18004 asks
BARCODE_QUIET_ZONE = 10  # modules, as ISO/IEC 15417 asks


@lru_cache(maxsize=64)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR symbol's dark modules (True), without the quiet zone."""
    import qrcode  # on the first code drawn (see above)
    import qrcode.constants

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(text)
    qr.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in qr.get_matrix())


@lru_cache(maxsize=64)
def barcode_modules(text: str) -> str:
    """Code 128 as a string of '1' (bar) and '0' (space) modules, without quiet zones."""
    from barcode import Code128  # on the first code drawn (see above)

    return "".join(Code128(text).build())


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
