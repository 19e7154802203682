"""Logging set-up shared by the command line and the GUI: libraries keep quiet unless
asked (`-v`), so stderr and the terminal's log carry our own lines, not a font
subsetter's or an HTTP library's chatter."""

from __future__ import annotations

import logging

# Loggers of libraries that talk at INFO or DEBUG about their own work: fontTools.subset
# writes ~40 INFO lines for every PDF, httpx one per request, httpcore every socket step.
NOISY_LIBRARIES = ("fontTools", "fpdf", "httpx", "httpcore", "PIL")


def quiet_libraries(*, verbose: bool = False) -> None:
    """WARNING and above from NOISY_LIBRARIES; with `verbose`, whatever the root lets
    through."""
    for name in NOISY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.WARNING)


__all__ = ["NOISY_LIBRARIES", "quiet_libraries"]
