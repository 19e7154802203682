"""The window's screens a cashier's start-up does not show (the customer's, the code's,
the checkout's code check), built when first shown: `OnFirstShow` in the window's class,
`when_built` for what listens to a screen, `showing` to ask whether one is on screen
without building it (tests/gui/test_gui_startup.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtWidgets import QWidget

from .first_use import OnFirst, built
from .touch import touch_scrolling

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .views.code import CodeView
    from .views.customer import CustomerView
    from .views.verify import VerifyView

V = TypeVar("V", bound=QWidget)

_WAITING = "_when_built"  # the window's {screen: [what to do once it is built]}


class OnFirstShow(OnFirst[V]):
    """`code: OnFirstShow[CodeView] = OnFirstShow("code", "CodeView")` in the window's
    class: the first `window.code` imports ui/views/code.py, builds the screen (with the
    window's runner when `runner`), adds it to the window's stack, makes its lists
    touch-scrollable and runs what `when_built` queued for it."""

    package = f"{__package__}.views"

    def __init__(self, module: str, name: str, *, runner: bool = True) -> None:
        super().__init__(module, name)
        self.runner = runner

    def make(self, window: Any, kind: Any) -> V:
        return kind(window.runner) if self.runner else kind()  # type: ignore[no-any-return]

    def added(self, window: Any, view: V) -> None:
        window.stack.addWidget(view)
        touch_scrolling(view)
        for wire in vars(window).get(_WAITING, {}).pop(self.attr, []):
            wire(view)


def when_built(window: object, attr: str, wire: Callable[[Any], object]) -> None:
    """`wire(screen)` once the window's `attr` screen is built: now if it is."""
    view = built(window, attr)
    if view is not None:
        wire(view)
    else:
        vars(window).setdefault(_WAITING, {}).setdefault(attr, []).append(wire)


def showing(window: Any, attr: str) -> bool:
    """Whether the window's `attr` screen is the one on screen (an unbuilt one is not)."""
    view = built(window, attr)
    return view is not None and window.stack.currentWidget() is view


def wire_screens(w: MainWindow) -> None:
    """What the window does with each of these screens' requests, once it is built."""

    def customer(view: CustomerView) -> None:
        w.changes.changed.connect(view.on_changed)
        view.back_requested.connect(w.go_lookup)
        view.redeem_requested.connect(w.redeem)
        view.award_requested.connect(w.award)
        view.return_requested.connect(w.take_return)
        view.adjust_requested.connect(w.adjust_points)

    def code(view: CodeView) -> None:
        view.done.connect(w.code_done)
        view.print_requested.connect(w.print_slip)
        view.displayed.connect(w.redeeming.displayed)

    def verify(view: VerifyView) -> None:
        w.changes.changed.connect(view.on_changed)
        view.back_requested.connect(w.go_lookup)
        view.void_requested.connect(w.managing.void)
        view.operator = w.member.name if w.member is not None else None  # the session's

    when_built(w, "customer", customer)
    when_built(w, "code", code)
    when_built(w, "verify", verify)


__all__ = ["OnFirstShow", "built", "showing", "when_built", "wire_screens"]
