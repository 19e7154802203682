"""How long this process has run, counted from its start (the kernel's record of it), not
from when the imports were done: `ready in N ms` tells the truth about a whole start-up."""

from __future__ import annotations

import os
import time


def _seconds_since_process_start() -> float | None:
    """From /proc/self/stat (Linux): field 22 is the start time in clock ticks after boot,
    on the clock CLOCK_BOOTTIME reads. None where there is no /proc."""
    try:
        with open("/proc/self/stat", "rb") as stat:
            text = stat.read()
        ticks = int(text[text.rindex(b")") + 2 :].split()[19])
        return time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


# Elsewhere, the first import of the package (pos_app/__init__.py imports this module
# before anything else) is the nearest point to the start there is.
_STARTED = time.monotonic() - (_seconds_since_process_start() or 0.0)


def ms_since_start() -> float:
    """Milliseconds since this process started."""
    return (time.monotonic() - _STARTED) * 1000
