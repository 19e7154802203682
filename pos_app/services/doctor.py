"""`pos-app doctor`: is this terminal fit to work? Each check says pass, warning or fail,
what it found and how to fix it. Read-only (the database is opened read-only; a folder's
write access is tried with a file removed at once), no Qt (the GUI's "Check this
terminal" calls `examine` too), and bounded: a backend that hangs costs `timeout` seconds.

The API key is used to ask the backend, never shown: a check names where it came from."""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import shutil
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from .. import i18n
from ..api import ApiError, LoyaltyClient, NetworkError, Unauthorized
from ..api.http_library import httpx
from ..config import LOOPBACK_HOSTS, Config
from ..credentials import ENV_API_KEY, KeyringStatus, get_api_key, keyring_status
from ..domain.timefmt import utcnow
from ..i18n import N_, _
from ..i18n.formats import number
from .display_check import Screens, display_check
from .machine_checks import Check, database_checks, disk_check, folder_check
from .words import say

SKEW_WARN, SKEW_FAIL = timedelta(minutes=2), timedelta(minutes=10)
DEFAULT_TIMEOUT = 3.0  # seconds the backend has, in all, to answer the doctor
SET_KEY = N_("pos-app config set api_key (or pos-app login), which reads it from stdin")


def check_terminal(
    config: Config,
    log_dir: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    env: Mapping[str, str] = os.environ,
    running_key: str | None = None,
    screens: Screens | None = None,
) -> list[Check]:
    """`examine` with the key this terminal would use (LOYALPRO_API_KEY, else the OS
    keyring): what `pos-app doctor` and the settings screen's "Check this terminal" run.
    `running_key`: the key a running terminal was given, checked when none is stored (the
    `--sandbox` demo hands its key over in the process). `screens`: the screens attached
    (the GUI passes Qt's); None asks a Qt probe in a subprocess (services/display_check.py)."""
    key = get_api_key(config.backend_url, env) if config.backend_url else None
    key = key or running_key
    from_env = bool(env.get(ENV_API_KEY, "").strip())
    return examine(
        config,
        api_key=key,
        key_from_env=from_env,
        log_dir=log_dir,
        timeout=timeout,
        screens=screens,
    )


def examine(
    config: Config,
    *,
    api_key: str | None,
    key_from_env: bool,
    log_dir: Path,
    timeout: float = DEFAULT_TIMEOUT,
    clock: Callable[[], datetime] = utcnow,
    keyring: Callable[[str | None], KeyringStatus] = keyring_status,
    disk_usage: Callable[[Path], int] = lambda p: shutil.disk_usage(p).free,
    screens: Screens | None = None,
) -> list[Check]:
    """Every check, in the order a person fixes things."""
    checks = [_keyring(keyring(config.backend_url), key_from_env)]
    checks += _backend(config, api_key, timeout, clock)
    checks += database_checks(config.data_dir, clock)
    checks.append(disk_check(config.data_dir, disk_usage))
    checks.append(folder_check("data folder", config.data_dir))
    checks.append(folder_check("log folder", log_dir))
    checks.append(_printer(config, timeout))
    checks.append(display_check(config, screens))
    checks.append(language_check(config.language))
    return checks


def language_check(setting: str, *, screen: bool | None = None) -> Check:
    """The chosen language's catalogues are built (the screen's only where it is
    installed: `screen` None looks for PySide6 without importing it)."""
    language = i18n.resolve(setting)
    if screen is None:
        screen = importlib.util.find_spec("PySide6") is not None
    name = _(i18n.ENGLISH_NAMES[language])
    missing = i18n.unbuilt(language, screen=screen)
    if missing:
        words = _("{language} chosen but its catalogue is not built ({files})")
        found = words.format(language=name, files=", ".join(p.name for p in missing))
        return Check("language", None, found, _("run {command}").format(command=i18n.COMPILE))
    chosen = _("chosen") if setting in i18n.LANGUAGES else _("the system's language")
    return Check("language", True, _("{language} ({how})").format(language=name, how=chosen))


def _printer(config: Config, timeout: float) -> Check:
    """The receipt printer (services/printing.py): none configured is a pass."""
    from . import printing

    return Check("printer", *printing.check(config, timeout=timeout))


# ------------------------------------------------------------------ the key and the backend
def _keyring(status: KeyringStatus, key_from_env: bool) -> Check:
    if not status.usable:
        where = {"backend": status.backend, "problem": status.problem}
        fix = N_(
            "install or unlock the system keyring (Secret Service on Linux, Credential "
            "Manager on Windows, Keychain on macOS)"
        )
        if key_from_env:
            found = N_(
                "the OS keyring does not work here ({backend}: {problem}); "
                "the key comes from LOYALPRO_API_KEY"
            )
            return Check("keyring", None, say(found, **where), say(fix))
        found = N_("the OS keyring does not work here ({backend}: {problem})")
        fix = N_(
            "install or unlock the system keyring (Secret Service on Linux, Credential "
            "Manager on Windows, Keychain on macOS), or set LOYALPRO_API_KEY for the service"
        )
        return Check("keyring", False, say(found, **where), say(fix))
    if status.has_key:
        held = N_("{backend} works and holds a key for this backend")
        if key_from_env:
            held = N_(
                "{backend} works and holds a key for this backend "
                "(LOYALPRO_API_KEY is used instead)"
            )
    else:
        held = N_("{backend} works and holds no key for this backend")
        if key_from_env:
            held = N_(
                "{backend} works and holds no key for this backend "
                "(LOYALPRO_API_KEY is used instead)"
            )
    return Check("keyring", True, say(held, backend=status.backend))


def _backend(
    config: Config, key: str | None, timeout: float, clock: Callable[[], datetime]
) -> list[Check]:
    url = config.backend_url
    if not url:
        fix = say(N_("pos-app config set backend_url https://... (or POS_APP_BACKEND_URL)"))
        return [
            Check("backend", False, say(N_("no backend is configured")), fix),
            Check("clock", None, say(N_("not compared: no backend"))),
        ]
    if not key:
        return [
            Check(
                "backend",
                False,
                say(N_("no API key for {url}"), url=url),
                say(N_("set one with {how}"), how=_(SET_KEY)),
            ),
            Check("clock", None, say(N_("not compared: the backend was not asked"))),
        ]
    kind = _key_kind(url, key)
    started = time.monotonic()
    try:
        client = LoyaltyClient(
            url, key, timeout=httpx.Timeout(timeout, connect=min(timeout, 2.0)), budget=timeout
        )
    except ValueError:
        return [
            Check(
                "backend",
                False,
                say(N_("the API key is not one line of visible ASCII")),
                say(SET_KEY),
            ),
            Check("clock", None, say(N_("not compared: the backend was not asked"))),
        ]
    try:
        client.list_tiers()
        error: ApiError | None = None
    except ApiError as caught:
        error = caught
    finally:
        client.close()
    now = clock()
    took = f"{number(round((time.monotonic() - started) * 1000))} ms"
    if isinstance(error, Unauthorized):
        reached = Check(
            "backend",
            False,
            say(N_("{url} answered in {took}: the key was refused (401)"), url=url, took=took),
            say(N_("the key was refused: set the new one with {how}"), how=_(SET_KEY)),
        )
    elif isinstance(error, NetworkError):
        reached = Check(
            "backend",
            False,
            say(
                N_("{url} did not answer within {timeout} s: {error}"),
                url=url,
                timeout=f"{timeout:g}",
                error=error,
            ),
            say(
                N_(
                    "check the network and backend_url (pos-app config get backend_url); the "
                    "terminal works offline meanwhile, within the offline policy"
                )
            ),
        )
    elif error is not None:
        reached = Check(
            "backend",
            False,
            say(
                N_("{url} answered in {took} with an error: {code} ({error})"),
                url=url,
                took=took,
                code=error.code,
                error=error,
            ),
            say(N_("ask the backend's operator; the terminal queues work meanwhile")),
        )
    else:
        reached = Check(
            "backend",
            True,
            say(N_("{url} answered in {took}; the key was accepted"), url=url, took=took),
        )
    checks = [reached]
    if kind is not None:
        checks.append(kind)
    if isinstance(error, NetworkError):
        checks.append(Check("clock", None, say(N_("not compared: the backend did not answer"))))
    else:
        checks.append(_clock(client.last_date, now))
    return checks


def _on_this_machine(url: str) -> bool:
    host = (urlsplit(url).hostname or "").casefold()
    if host in LOOPBACK_HOSTS or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _key_kind(url: str, key: str) -> Check | None:
    loopback = _on_this_machine(url)
    if key.startswith("sk_test_") and not loopback:
        return Check(
            "key kind",
            None,
            say(
                N_("a test key (sk_test_) is used against {url}, which is not this machine"),
                url=url,
            ),
            say(N_("use the store's live key if this is a real till: {how}"), how=_(SET_KEY)),
        )
    if key.startswith("sk_live_") and loopback:
        return Check(
            "key kind",
            None,
            say(
                N_("a live key (sk_live_) is used against {url}, a backend on this machine"),
                url=url,
            ),
            say(N_("a live key belongs to the live backend only: use a test key here")),
        )
    if not key.startswith(("sk_test_", "sk_live_")):
        return Check(
            "key kind",
            None,
            say(N_("the key is neither a live (sk_live_) nor a test (sk_test_) key")),
            say(N_("check that the key was copied whole: {how}"), how=_(SET_KEY)),
        )
    test = key.startswith("sk_test_")
    return Check("key kind", True, say(N_("a test key") if test else N_("a live key")))


def _clock(date_header: str | None, now: datetime) -> Check:
    if not date_header:
        return Check("clock", None, say(N_("not compared: the backend sent no Date header")))
    try:
        theirs = parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        shown = repr(date_header[:40])
        return Check("clock", None, say(N_("not compared: a Date header {shown}"), shown=shown))
    skew = now - theirs
    seconds = number(round(abs(skew).total_seconds()))
    if skew > timedelta(0):
        words = say(N_("this machine is {seconds} s ahead of the backend"), seconds=seconds)
    else:
        words = say(N_("this machine is {seconds} s behind the backend"), seconds=seconds)
    fix = say(N_("turn on automatic time (NTP) in the system's date and time settings"))
    if abs(skew) > SKEW_FAIL:
        return Check("clock", False, words, fix)
    if abs(skew) > SKEW_WARN:
        return Check("clock", None, words, fix)
    return Check("clock", True, words)


# ------------------------------------------------------------------ the database
