"""What every flow holds: the window it works in (its screens, runner, prompts, session);
and `OnFirstUse`, a flow of the window built (its module imported) when first used."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from ..first_use import OnFirst, built

if TYPE_CHECKING:
    from ..main_window import MainWindow

F = TypeVar("F", bound="Flow")


class Flow:
    def __init__(self, window: MainWindow) -> None:
        # The window is read at each step, never copied: a test (or a new prompts object)
        # may replace window.prompts, and the session changes at every sign-in.
        self.window = window


class OnFirstUse(OnFirst[F]):
    """A flow of the window (ui/flows/<module>.py), built from the window when first used.
    A flow that only answers a person's action needs nothing at start-up: neither its
    module nor the services and API models under it."""

    package = __package__ or ""


def if_built(window: object, attr: str, method: str) -> Callable[..., None]:
    """A slot for the window's `attr` flow (an `OnFirstUse`): its `method`, if the flow was
    built; a flow never used has nothing to answer (and is not built for it)."""

    def slot(*args: object) -> None:
        flow = built(window, attr)
        if flow is not None:
            getattr(flow, method)(*args)

    return slot
