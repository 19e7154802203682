"""The garbage collector in the till's process.

A full (generation-2) collection walks every object the process tracks, and the thread
that triggers it holds the GIL until it is done: during a pull of 100,000 customers the
sync thread's full collections froze the screen for 46-53 ms, walking mostly what the
imports made (modules, classes, functions, the libraries' tables: about 125,000 objects),
which lives as long as the process anyway. `freeze_start_up()` moves those objects to the
permanent generation (`gc.freeze()`), once per process: a full collection then walks only
what was made since (measured after importing the app: 80-98 ms of CPU before, under
0.1 ms after).

Two steps, one mechanism (`freeze(step)`): the main window calls `freeze_start_up()` as
it starts to be built (ui/main_window.py): the imports are
done, and the window itself stays collectable (a window closed in a test is freed). It
also spares the start-up the full collection the window's own objects used to set off.
The thresholds stay CPython's: a full collection is still due when the objects that
survived since the last one reach a quarter of those it kept, which now counts only the
young ones, so it comes about as often and costs a fraction. Nothing is collected first
(that would cost the start-up a whole collection on the GUI thread): the little garbage
the imports left is kept. Once the first screen has its answers, `freeze_first_screen()`
(ui/app.py) freezes the window and what the lanes made, before the sync worker starts.
"""

from __future__ import annotations

import gc
from enum import StrEnum


class Step(StrEnum):
    """When the start-up freezes what it made so far, each once per process."""

    IMPORTS = "imports"  # the window starts to be built: the modules, classes, tables
    FIRST_SCREEN = "first screen"  # its first answers are in: the screens, the lanes


_done: set[Step] = set()


def freeze(step: Step) -> bool:
    """Move what the process has made so far out of every full collection, at `step`,
    the first time only; True if it did. The second step freezes what the first screen
    made (its widgets and the lanes' terminals, which live as long as the process too)."""
    if step in _done:
        return False
    _done.add(step)
    gc.freeze()
    return True


def freeze_start_up() -> bool:
    """The first step: the imports are done (ui/main_window.py, as the window starts)."""
    return freeze(Step.IMPORTS)


def freeze_first_screen() -> bool:
    """The second step: the window is up with its first answers (ui/app.py), just before
    the sync worker starts making garbage of its own."""
    return freeze(Step.FIRST_SCREEN)


__all__ = ["Step", "freeze", "freeze_first_screen", "freeze_start_up"]
