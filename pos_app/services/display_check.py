"""The doctor's line on the customer display: is the screen chosen in `display.screen`
connected? The screens come from a seam: the GUI's "Check this terminal" passes the ones
Qt sees; `pos-app doctor` (no Qt in its process) asks a small Qt probe in a subprocess,
bounded in time, so a display that hangs cannot hang the doctor."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence

from ..config import Config
from ..i18n import _
from .customer_display import ScreenInfo, choose_screen
from .machine_checks import Check

NAME = "customer display"
PROBE_TIMEOUT = 5.0  # seconds the Qt probe has to list the screens
Screens = Callable[[], Sequence[ScreenInfo]]


class NoDisplay(Exception):
    """There is no display to check on here; the message says why."""


def probe_screens(
    timeout: float = PROBE_TIMEOUT, env: Mapping[str, str] = os.environ
) -> list[ScreenInfo]:
    """The screens, as a Qt probe in a subprocess lists them (pos_app/ui/screen_probe.py)."""
    if importlib.util.find_spec("PySide6") is None:
        raise NoDisplay(_("the screen (GUI) part is not installed: pip install 'pos-app[gui]'"))
    graphical = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    if sys.platform.startswith("linux") and not any(env.get(name) for name in graphical):
        raise NoDisplay(_("there is no graphical display here (DISPLAY is not set)"))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pos_app.ui.screen_probe"],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=dict(env),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise NoDisplay(
            _("the display did not answer within {seconds} s").format(seconds=f"{timeout:g}")
        ) from None
    except OSError as error:
        raise NoDisplay(_("the screen probe could not start: {why}").format(why=error)) from None
    if done.returncode != 0:
        why = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise NoDisplay(_("Qt could not open the display: {why}").format(why=why[:200]))
    try:
        found = json.loads(done.stdout)
        return [ScreenInfo(str(s["name"]), int(s["width"]), int(s["height"])) for s in found]
    except (ValueError, KeyError, TypeError):
        raise NoDisplay(_("the screen probe gave an answer that cannot be read")) from None


def display_check(config: Config, screens: Screens | None = None) -> Check:
    chosen = config.display.screen
    if not chosen:
        return Check(NAME, True, _("off (display.screen is not set)"))
    try:
        found = list((screens or probe_screens)())
    except NoDisplay as why:
        return Check(
            NAME,
            None,
            _("screen {screen} not checked: {why}").format(screen=chosen, why=why),
            _(
                "run pos-app doctor on the till's desktop, or use Check this terminal "
                "in the settings"
            ),
        )
    listed = ", ".join(s.describe(i) for i, s in enumerate(found)) or _("none")
    index = choose_screen(chosen, found)
    if index is None:
        return Check(
            NAME,
            False,
            _("screen {screen} is not connected; screens found: {listed}").format(
                screen=chosen, listed=listed
            ),
            _(
                "connect the customer's screen, or choose one listed: "
                "pos-app config set display.screen N"
            ),
        )
    return Check(NAME, True, _("{screen} is connected").format(screen=found[index].describe(index)))
