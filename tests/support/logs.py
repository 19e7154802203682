"""Logging set-up that a test changes on purpose (ui/app.py's `_log_to_file`, a handler of
its own), put back as it was afterwards."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def restored_logging(*names: str) -> Iterator[None]:
    """On the way out: the root logger's new handlers removed and closed, its level and
    `sys.excepthook` as before, and so the levels of the loggers `names`."""
    root = logging.getLogger()
    before, hook, level = list(root.handlers), sys.excepthook, root.level
    levels = {name: logging.getLogger(name).level for name in names}
    try:
        yield
    finally:
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()
        sys.excepthook = hook
        root.setLevel(level)
        for name, was in levels.items():
            logging.getLogger(name).setLevel(was)
