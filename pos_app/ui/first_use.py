"""A part of the window made when first asked for: `OnFirst` in the window's class, as
`awarding: OnFirstUse[AwardFlow] = OnFirstUse("award", "AwardFlow")` (ui/flows/base.py)
or `code: OnFirstShow[CodeView] = OnFirstShow("code", "CodeView")` (ui/screens.py).

The first `window.awarding` imports the module, makes the part and keeps it in the
window's own attributes, where later reads find it (a plain attribute from then on). A
cashier's start-up shows sign-in and the lookup: the rest, with the services and models
under it, is made when a person first needs it (tests/gui/test_gui_startup.py)."""

from __future__ import annotations

import importlib
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class OnFirst(Generic[T]):
    """The descriptor: `package` is where `module` lives; `make` makes the part from its
    class, and `added` does what the window needs once it is kept."""

    package = ""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name
        self.attr = ""

    def __set_name__(self, owner: type, attr: str) -> None:
        self.attr = attr

    def __get__(self, window: Any, owner: type | None = None) -> T:
        if window is None:
            return self  # type: ignore[return-value]  # the class's own attribute
        kind = getattr(importlib.import_module(f"{self.package}.{self.module}"), self.name)
        made: T = self.make(window, kind)
        vars(window)[self.attr] = made
        self.added(window, made)
        return made

    def make(self, window: Any, kind: Any) -> T:
        return kind(window)  # type: ignore[no-any-return]

    def added(self, window: Any, made: T) -> None:
        return None


def built(window: object, attr: str) -> Any:
    """The window's `attr` part if it was made, else None (and it is not made)."""
    return vars(window).get(attr)


__all__ = ["OnFirst", "built"]
