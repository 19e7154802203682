"""The garbage collector in the till's process.

A full (generation-2) collection walks every object the process tracks, and the thread
that triggers it holds the GIL until it is done: during a pull of 100,000 customers the
sync thread's full collections froze the screen for 46-53 ms, walking mostly what the
imports made (modules, classes, functions, the libraries' tables: about 125,000 objects),
which lives as long as the process anyway. `freeze_start_up()` moves those objects to the
permanent generation (`gc.freeze()`), once per process: a full collection then walks only
what was made since (measured after importing the app: 80-98 ms of CPU before, under
0.1 ms after).

The main window calls it as it starts to be built (ui/main_window.py): the imports are
done, and the window itself stays collectable (a window closed in a test is freed). It
also spares the start-up the full collection the window's own objects used to set off.
The thresholds stay CPython's: a full collection is still due when the objects that
survived since the last one reach a quarter of those it kept, which now counts only the
young ones, so it comes about as often and costs a fraction. Nothing is collected first
(that would cost the start-up a whole collection on the GUI thread): the little garbage
the imports left is kept.
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_start_up() -> bool:
    """Freeze what the process has made so far, the first time only; True if it did."""
    global _frozen
    if _frozen:
        return False
    _frozen = True
    gc.freeze()
    return True


__all__ = ["freeze_start_up"]
