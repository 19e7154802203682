"""Starting the GUI: `pos-app` (the configured backend, or first-run setup) and
`pos-app --sandbox` (the built-in sandbox in-process: the one-command demo)."""

from __future__ import annotations

import logging
import logging.handlers
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog

from .. import bootstrap, logs, started
from ..bootstrap import DEMO_STAFF, add_demo_staff, save_setup
from ..config import (
    Config,
    ConfigError,
)
from ..credentials import CredentialError
from ..logs import quiet_libraries
from ..services import DatabaseTooNew, StoreError
from .bridge import Lane, ServiceRunner, SyncBridge, SyncWorker
from .collector import freeze_first_screen
from .i18n import role_name, tr
from .kiosk import allow_every_close
from .language import install as install_language
from .main_window import APP_DISPLAY_NAME, MainWindow
from .notices import notice_of
from .theme import apply_theme, show_main_window

if TYPE_CHECKING:
    from ..demo_backend import DemoBackend

log = logging.getLogger(__name__)


def _speak(app: QApplication, config: Config) -> None:
    """The terminal's language from now on (a change needs a restart: ui/language.py)."""
    install_language(app, config.language, config.phone_region)
    app.setApplicationDisplayName(tr(APP_DISPLAY_NAME))


def _outage_switch(
    start: bootstrap.Start, own: DemoBackend | None
) -> Callable[[bool], None] | None:
    """The demo's "Sandbox outage" switch: the sandbox's faults, in this process or not."""
    server = start.server
    if own is not None:
        return own.set_outage
    if server is not None:
        return lambda on: server.faults.update(outage=on)
    return None


def run_setup(config: Config) -> Config | None:
    """First run: ask for backend URL, API key, terminal and store ids."""
    from .dialogs import SetupDialog  # a first run only

    dialog = SetupDialog(config.backend_url or "", config.terminal_id or "")
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            return save_setup(
                config,
                backend_url=dialog.backend.text(),
                api_key=dialog.api_key.text(),
                terminal_id=dialog.terminal.text(),
                store_id=dialog.store.text(),
            )
        except (ConfigError, CredentialError) as error:
            dialog.show_problem(f"{error}.")
    return None


def _log_to_file(
    directory: Path | None = None, *, config: Config | None = None, verbose: bool = False
) -> logging.Handler | None:
    """The terminal's log (pos_app/logs.py: the platform's log folder unless `directory`,
    rotated as `config` says, owner-only; never a PIN or a key: nothing logs them). An
    error nobody caught is logged there and shown as one short sentence. Returns the
    handler, for the caller to close (None: the log folder cannot be written; the warning
    is on stderr)."""
    folder = directory or logs.log_dir()
    max_kib, files = (config.log_max_kib, config.log_files) if config else (1024, 5)
    try:
        handler = logs.file_handler(folder, max_kib=max_kib, files=files)
    except OSError as error:
        log.warning("cannot write the log in %s (%s); run pos-app doctor", folder, error)
        handler = None
    root = logging.getLogger()
    if handler is not None:
        handler.setLevel(logging.DEBUG if verbose else logging.INFO)
        root.addHandler(handler)
    root.setLevel(min(root.level, logging.INFO) if root.level else logging.INFO)
    quiet_libraries(verbose=verbose)

    def on_uncaught(kind: type[BaseException], error: BaseException, trace: object) -> None:
        log.error("uncaught error", exc_info=(kind, error, trace))  # type: ignore[arg-type]
        app = QApplication.instance()
        if app is not None and not issubclass(kind, KeyboardInterrupt):
            title = tr("Something went wrong")
            text = tr(
                "Something unexpected went wrong and was logged. If it happens again, "
                "tell your manager."
            )
            # In the window's notice, as every other problem; a box only without a window.
            for window in QApplication.topLevelWidgets():
                notice = notice_of(window) if window.isVisible() else None
                if notice is not None:
                    notice.error(title, text)
                    return
            from PySide6.QtWidgets import QMessageBox  # made when first needed

            QMessageBox.warning(None, title, text)

    sys.excepthook = on_uncaught
    return handler


def _cannot_open(error: StoreError, *, ask: bool) -> int:
    """The terminal's database cannot be used: one message (a box unless nobody is there
    to read it: --quit-after-ready) and on stderr, exit 1; nothing was changed."""
    if isinstance(error, DatabaseTooNew):
        title = tr("This terminal's data is from a newer pos-app")
        text = tr(
            "The terminal's database ({path}) was written by a newer version of "
            "pos-app (data version {found}; this version reads up to "
            "{readable}). Install that newer pos-app build, or a later one, on this "
            "PC and start it again. Nothing was changed: the data is as it was."
        ).format(path=error.path, found=error.found, readable=error.readable)
    else:
        title = tr("The terminal's data cannot be opened")
        text = tr(
            "The terminal's database cannot be used: {error}. Nothing was changed. "
            "Run 'pos-app doctor' to see what is wrong, or call support."
        ).format(error=error)
    log.info("not started: %s", error)  # stderr has the message once; the log keeps it
    print(f"pos-app: {text}", file=sys.stderr, flush=True)
    if ask:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAccessibleName(title)
        box.exec()
    return 1


# Signals that ask the terminal to end: a service manager's stop, Ctrl+C, a closed terminal.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


@contextmanager
def quit_on_stop_signals(app: QApplication) -> Iterator[None]:
    """While inside, SIGTERM, SIGINT and SIGHUP close every window and end the Qt loop
    (exit status 128 + the signal's number), so the `finally` blocks and the windows'
    close events run: the sync worker stops, the databases close, temp folders go.
    Python's default SIGTERM ends the process on the spot, and a Python handler alone
    would wait for Python code to run while Qt's loop sleeps in C++: the signal also
    writes to a socket that Qt watches, which wakes the loop."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only
        return

    def stop(signum: int) -> None:
        log.info("signal %d: closing", signum)
        allow_every_close(app)  # kiosk mode refuses a cashier's close, never the system's
        app.closeAllWindows()
        app.exit(128 + signum)

    def on_signal(signum: int, _frame: object) -> None:
        # Through the loop: a signal before app.exec() still ends it once it starts.
        QTimer.singleShot(0, lambda: stop(signum))

    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def drain() -> None:  # the Python handler has run by now; only empty the socket
        with suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    previous = {signum: signal.signal(signum, on_signal) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()


def _nothing(_terminal: object) -> None:
    return None


def _started_up(worker: SyncWorker) -> None:
    """The window is up with its first answers: what start-up made (modules, screens)
    lives as long as the process, so no garbage collection walks it again (a full one
    froze the screen for about 50 ms during a pull: ui/collector.py), and the sync
    worker starts."""
    freeze_first_screen()
    worker.start()


def run_gui(
    *,
    data_dir: str | None,
    backend: str | None,
    terminal_id: str | None,
    sandbox: bool,
    quit_after_ready: bool,
    verbose: bool = False,
    api_version: str = "1.1",
    kiosk: bool = False,
    own_sandbox: DemoBackend | None = None,
) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("pos-app")
    # Qt adds it to every window title that does not already end with it.
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    apply_theme(app)
    # Follow the system when it switches between light and dark while the till runs.
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _: apply_theme(app))
    # The user logs out or the computer shuts down: kiosk mode does not stand in the way.
    app.commitDataRequest.connect(lambda _: allow_every_close(app))
    # Whatever way the run ends (a return, an error, the window closed, a SIGTERM), the
    # ExitStack closes the sandbox and its log and removes the temporary folder.
    with quit_on_stop_signals(app), ExitStack() as cleanup:
        code = _run_gui(
            app,
            cleanup,
            data_dir=data_dir,
            backend=backend,
            terminal_id=terminal_id,
            sandbox=sandbox,
            quit_after_ready=quit_after_ready,
            verbose=verbose,
            api_version=api_version,
            kiosk=kiosk,
            own_sandbox=own_sandbox,
        )
    return code


def _run_gui(
    app: QApplication,
    cleanup: ExitStack,
    *,
    data_dir: str | None,
    backend: str | None,
    terminal_id: str | None,
    sandbox: bool,
    quit_after_ready: bool,
    verbose: bool,
    api_version: str = "1.1",
    kiosk: bool = False,
    own_sandbox: DemoBackend | None = None,
) -> int:
    try:
        if sandbox:
            start = cleanup.enter_context(
                bootstrap.sandbox(
                    data_dir=data_dir,
                    terminal_id=terminal_id,
                    api_version=api_version,
                    own=own_sandbox,
                    synced=True,  # customers on screen before the backend answers
                )
            )
            url = start.config.backend_url
            print(f"Sandbox backend: {url} (API key {start.api_key})", flush=True)
            _speak(app, start.config)
        else:
            start = bootstrap.configured(
                data_dir=data_dir, backend=backend, terminal_id=terminal_id
            )
            _speak(app, start.config)
            if not start.configured:
                configured = run_setup(start.config)
                if configured is None:
                    return 2
                start = bootstrap.Start.of(configured)
    except ConfigError as error:
        print(f"pos-app: {error}", file=sys.stderr)
        return 2
    config = start.config

    handler = _log_to_file(config=config, verbose=verbose)
    if handler is not None:
        cleanup.callback(handler.close)
        cleanup.callback(logging.getLogger().removeHandler, handler)

    make_terminal = start.terminal
    try:
        first = make_terminal()  # creates the database and the terminal id, once
    except StoreError as error:
        return _cannot_open(error, ask=not quit_after_ready)
    terminal_id_now = first.terminal_id
    logs.set_terminal(terminal_id_now)
    first.close()
    runner = ServiceRunner(make_terminal)
    hint = ""
    if sandbox and not quit_after_ready:
        runner.submit(add_demo_staff, lambda _: None, lane=Lane.LOCAL)
        accounts = ", ".join(
            tr("{name} ({role}) PIN {pin}").format(name=name, role=role_name(role), pin=pin)
            for name, role, pin in DEMO_STAFF
        )
        hint = tr("Demo accounts: {accounts}").format(accounts=accounts)
    bridge = SyncBridge()
    worker = SyncWorker(make_terminal, bridge)
    window = MainWindow(
        runner,
        worker,
        bridge,
        terminal_id=terminal_id_now,
        earn=config.earn,
        phone_region=config.phone_region,
        # --quit-after-ready measures start-up to customer data: no one signs in.
        require_sign_in=not quit_after_ready,
        lock_after_ms=int(config.lock_after_minutes * 60_000),
        demo_hint=hint,
        sandbox_outage=_outage_switch(start, own_sandbox),
        kiosk=kiosk or config.kiosk,
        scanner=config.scanner,
        display=config.display,
        store=config.store_id or "",
    )

    def go(_: object) -> None:
        """The sync starts once the first screen's questions are answered (the lane runs
        in order), or failed: a pull does not compete with the first search. Under
        --quit-after-ready with customer data on screen already, the window is closing: no
        sync starts (the worker would load the engine and httpx on its thread only to be
        told to stop, and the close would wait for it). With none yet (a new till, the
        demo), the sync starts: the first pull is what brings customer data."""
        if quit_after_ready and window.is_ready:
            return
        _started_up(worker)

    runner.submit(_nothing, go, go, lane=Lane.LOCAL)
    if quit_after_ready:

        def report() -> None:
            # From the process start, imports included (pos_app/started.py).
            print(f"ready in {started.ms_since_start():.0f} ms", flush=True)
            window.kiosk.allow_close()
            QTimer.singleShot(0, window.close)

        window.ready.connect(report)
        QTimer.singleShot(
            60_000, lambda: (print("not ready after 60 s", file=sys.stderr), app.exit(1))
        )
    elif hint:
        # Printed once the window is up and the loop runs (the sign-in screen shows it too).
        QTimer.singleShot(0, lambda: print(hint, flush=True))
    if window.kiosk.configured:
        window.kiosk.enter()  # full screen, no title bar (ui/kiosk.py)
    else:
        show_main_window(window, fullscreen=config.fullscreen)
    return app.exec()
