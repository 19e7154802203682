"""The garbage collector while a command line starts (`python -m pos_app`, the frozen
build), the GUI's start-up included up to the point where the GUI takes over.

A start-up imports: it makes about 100,000 objects (modules, classes, functions, the
tables of the settings and the catalogues) that live as long as the process, and frees
almost none. The collector still ran about 70 young and 5 middle collections of them
during `customer find`, which found 468 objects to free and cost 8-10 ms of a 150 ms
command. `pause()` (pos_app/__main__.py, before anything else is imported) turns it off;
`resume()` turns it back on before the command's own work (its handler: a pull of 100,000
customers makes garbage worth collecting), once, and only if `pause()` turned it off (a
test that runs `main()` in its own process never has its collector touched).

With `freeze`, what the start-up made goes to the permanent generation first (the GUI's
reason too, ui/collector.py): later collections walk only what the command makes (Babel's
locale data loads the first time a number is written, with the collector on again)."""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """The collector off until `resume()`, if it was on."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(*, freeze: bool) -> bool:
    """The collector on again if `pause()` turned it off (True then), with what was made
    so far frozen first if `freeze`."""
    global _paused
    if not _paused:
        return False
    _paused = False
    if freeze:
        gc.freeze()
    gc.enable()
    return True
