"""What every flow holds: the window it works in (its screens, runner, prompts, session);
and `OnFirstUse`, a flow of the window built (its module imported) when first used."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from ..main_window import MainWindow

F = TypeVar("F", bound="Flow")


class Flow:
    def __init__(self, window: MainWindow) -> None:
        # The window is read at each step, never copied: a test (or a new prompts object)
        # may replace window.prompts, and the session changes at every sign-in.
        self.window = window


class OnFirstUse(Generic[F]):
    """`awarding: OnFirstUse[AwardFlow] = OnFirstUse("award", "AwardFlow")` in the window's
    class: the first `window.awarding` imports ui/flows/award.py and builds the flow, which
    the window then keeps (a plain attribute from then on). A flow that only answers a
    person's action needs nothing at start-up: neither its module nor the services and API
    models under it (tests/gui/test_gui_startup.py)."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name
        self.attr = ""

    def __set_name__(self, owner: type, attr: str) -> None:
        self.attr = attr

    def __get__(self, window: Any, owner: type | None = None) -> F:
        if window is None:
            return self  # type: ignore[return-value]  # the class's own attribute
        module = importlib.import_module(f"{__package__}.{self.module}")
        made: F = getattr(module, self.name)(window)
        vars(window)[self.attr] = made
        return made


def if_built(window: object, attr: str, method: str) -> Callable[..., None]:
    """A slot for the window's `attr` flow (an `OnFirstUse`): its `method`, if the flow was
    built; a flow never used has nothing to answer (and is not built for it)."""

    def slot(*args: object) -> None:
        flow = vars(window).get(attr)
        if flow is not None:
            getattr(flow, method)(*args)

    return slot
