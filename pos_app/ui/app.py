"""Starting the GUI: `pos-app` (the configured backend, or first-run setup) and
`pos-app --sandbox` (the built-in sandbox in-process: the one-command demo)."""

from __future__ import annotations

import json
import logging
import logging.handlers
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDir, QSize, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from ..config import (
    CONFIG_NAME,
    TERMINAL_ID_RE,
    Config,
    ConfigError,
    check_backend_url,
    load_config,
)
from ..credentials import CredentialError, get_api_key, store_api_key
from ..files import PrivateRotatingFileHandler, write_private
from ..logs import quiet_libraries
from ..services import Terminal, staff
from .bridge import ServiceRunner, SyncBridge, SyncWorker
from .dialogs import SetupDialog
from .main_window import APP_DISPLAY_NAME, MainWindow
from .notices import notice_of

log = logging.getLogger(__name__)


def resources_dir() -> Path:
    """`resources/` beside the package (a checkout or editable install), else installed
    under `<prefix>/share/pos-app/resources`."""
    here = Path(__file__).resolve().parents[2] / "resources"
    return here if here.is_dir() else Path(sys.prefix) / "share" / "pos-app" / "resources"


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


# WCAG AA in both themes (tests/test_gui_accessibility.py measures every pair): grey hints
# and selected rows at 4.5:1 or more, and an accent for focus rings at 3:1 or more next to
# the window, a button and a field. Light changes Fusion's standard palette only here.
LIGHT_CHANGES = (
    (QPalette.ColorRole.PlaceholderText, "#595f69"),  # was 50% black: 3.9:1 on the window
    (QPalette.ColorRole.Highlight, "#0b57d0"),  # white on it 6.4:1 (was 3.7:1)
    (QPalette.ColorRole.Accent, "#0b57d0"),
)
DARK_CHANGES = (
    (QPalette.ColorRole.PlaceholderText, "#9da7b3"),  # 5.4:1 on a button (was 4.3:1)
    (QPalette.ColorRole.Highlight, "#1f6feb"),  # white on it 4.6:1 (was 3.7:1)
    (QPalette.ColorRole.Accent, "#58a6ff"),
    (QPalette.ColorRole.Mid, "#6e7681"),  # borders: Fusion's #b8b8b8 glared on dark grey
)


def dark_stylesheet(dark: bool) -> str:
    """The dark theme's lighter text colours (resources/style-dark.qss), or nothing."""
    path = resources_dir() / "style-dark.qss"
    return "\n" + path.read_text(encoding="utf-8") if dark and path.exists() else ""


# The stylesheet's sizes are for a 1366x768 screen; a larger one scales them (type, cards,
# keys) by its size over this, up to twice; a smaller one keeps them (1024x768 fits as is).
DESIGN_SIZE = QSize(1366, 768)
MAX_SCALE = 2.0
_PX = re.compile(r"(?<![\w.#-])(\d+(?:\.\d+)?)px\b")


def ui_scale(available: QSize) -> float:
    """How much larger than designed the type and the cards are on a screen with this much
    room (its available size: without a taskbar), in steps of 0.05."""
    factor = min(available.width() / DESIGN_SIZE.width(), available.height() / DESIGN_SIZE.height())
    return round(min(max(factor, 1.0), MAX_SCALE) * 20) / 20


def scaled_stylesheet(text: str, scale: float) -> str:
    """Every size in px of a stylesheet times `scale` (a 1 px border stays at least 1 px)."""
    if scale == 1.0:
        return text
    return _PX.sub(lambda m: f"{max(1, round(float(m.group(1)) * scale))}px", text)


def screen_scale() -> float:
    screen = QGuiApplication.primaryScreen()
    return 1.0 if screen is None else ui_scale(screen.availableGeometry().size())


def show_main_window(window: QWidget, *, fullscreen: bool = False) -> None:
    """The till's window fills its screen: maximised (the taskbar and the title bar stay),
    or full screen with `fullscreen = true` in config.toml. Restored (un-maximised), it
    is never larger than the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        window.resize(window.size().boundedTo(screen.availableGeometry().size()))
    if fullscreen:
        window.showFullScreen()
    else:
        window.showMaximized()


def apply_theme(app: QApplication, *, dark: bool | None = None, scale: float | None = None) -> None:
    """Fusion, in the system's light or dark colour scheme (or the one asked for), plus our
    stylesheet, whose colours come from the palette and whose sizes grow with the screen
    (`scale`; by default from the primary screen's available size, see ui_scale)."""
    if scale is None:
        scale = screen_scale()
    app.setStyle("Fusion")
    if dark is None:
        dark = system_prefers_dark()
    if not dark:
        palette = app.style().standardPalette()
        for role, colour in LIGHT_CHANGES:
            palette.setColor(role, QColor(colour))
        # A calendar shows the other months' days in this grey: 4.5:1 on white (was 1.9:1).
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#767676"))
        app.setPalette(palette)
    else:
        palette = QPalette()
        for role, colour in (
            *DARK_CHANGES,
            (QPalette.ColorRole.Window, "#1f2328"),
            (QPalette.ColorRole.WindowText, "#e6e6e6"),
            (QPalette.ColorRole.Base, "#16191d"),
            (QPalette.ColorRole.AlternateBase, "#23272e"),
            (QPalette.ColorRole.Text, "#e6e6e6"),
            (QPalette.ColorRole.Button, "#2b3036"),
            (QPalette.ColorRole.ButtonText, "#e6e6e6"),
            (QPalette.ColorRole.HighlightedText, "#ffffff"),
            (QPalette.ColorRole.ToolTipBase, "#2b3036"),
            (QPalette.ColorRole.ToolTipText, "#e6e6e6"),
        ):
            palette.setColor(role, QColor(colour))
        for role in (  # a disabled field or button must look it (greyed, as in light)
            QPalette.ColorRole.Text,
            QPalette.ColorRole.WindowText,
            QPalette.ColorRole.ButtonText,
        ):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8590"))
        app.setPalette(palette)
    QDir.setSearchPaths("icons", [str(resources_dir() / "icons")])  # url(icons:...) in the qss
    font = app.font()
    base = app.property("basePointSize")  # the system's size, before any scaling
    if not isinstance(base, float):
        base = max(font.pointSizeF(), 11.0)
        app.setProperty("basePointSize", base)
    font.setPointSizeF(base * scale)
    app.setFont(font)
    app.setProperty("dark", dark)
    app.setProperty("uiScale", scale)
    style = resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(
            scaled_stylesheet(style.read_text(encoding="utf-8") + dark_stylesheet(dark), scale)
        )
    icon = resources_dir() / "icons" / "app.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def save_setup(
    config: Config, *, backend_url: str, api_key: str, terminal_id: str, store_id: str
) -> Config:
    """Keep what the setup screen was given: the key in the OS keyring, the rest in
    config.toml. Raises ConfigError or CredentialError with a message for the person."""
    url = check_backend_url(backend_url, insecure=config.insecure_http)
    key = api_key.strip()
    if not key:
        raise CredentialError("the API key is needed")
    lines = [f"backend_url = {json.dumps(url)}"]
    if terminal_id.strip():
        if not TERMINAL_ID_RE.match(terminal_id.strip()):
            raise ConfigError("the terminal id may use letters, digits, '.', '_' and '-'")
        lines.append(f"terminal_id = {json.dumps(terminal_id.strip())}")
    if store_id.strip():
        lines.append(f"store_id = {json.dumps(store_id.strip())}")
    if config.insecure_http:
        lines.append("insecure_http = true")
    store_api_key(url, key)
    config.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(config.data_dir / CONFIG_NAME, ("\n".join(lines) + "\n").encode("utf-8"))
    return load_config(data_dir=config.data_dir)


def run_setup(config: Config) -> Config | None:
    """First run: ask for backend URL, API key, terminal and store ids."""
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


def _log_to_file(data_dir: Path, *, verbose: bool = False) -> logging.Handler:
    """The terminal's log, beside its data (rotated; never a PIN or a key: nothing logs
    them). An error nobody caught is logged there and shown as one short sentence.
    Returns the handler, for the caller to close."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = data_dir / "pos-app.log"
    # Customer names may appear in it: owner only, and so is every file rotation makes.
    handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level, logging.INFO) if root.level else logging.INFO)
    quiet_libraries(verbose=verbose)

    def on_uncaught(kind: type[BaseException], error: BaseException, trace: object) -> None:
        log.error("uncaught error", exc_info=(kind, error, trace))  # type: ignore[arg-type]
        app = QApplication.instance()
        if app is not None and not issubclass(kind, KeyboardInterrupt):
            title = "Something went wrong"
            text = (
                "Something unexpected went wrong and was logged. If it happens again, "
                "tell your manager."
            )
            # In the window's notice, as every other problem; a box only without a window.
            for window in QApplication.topLevelWidgets():
                notice = notice_of(window) if window.isVisible() else None
                if notice is not None:
                    notice.error(title, text)
                    return
            QMessageBox.warning(None, title, text)

    sys.excepthook = on_uncaught
    return handler


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


DEMO_STAFF = (("Chidi", "cashier", "1357"), ("Maryam", "manager", "2468"))


def add_demo_staff(t: Terminal) -> None:
    """The sandbox demo's accounts (documented in the README), on a new data dir only."""
    if staff.has_staff(t):
        return
    first = staff.Credentials(*next((n, p) for n, role, p in DEMO_STAFF if role == "manager"))
    for name, role, pin in sorted(DEMO_STAFF, key=lambda x: x[1] != "manager"):
        approver = None if name == first.name else first  # the first manager approves the rest
        staff.add_staff(t, name, role, pin, actor="sandbox demo", manager=approver)


def run_gui(
    *,
    data_dir: str | None,
    backend: str | None,
    terminal_id: str | None,
    sandbox: bool,
    quit_after_ready: bool,
    verbose: bool = False,
) -> int:
    started = time.monotonic()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("pos-app")
    # Qt adds it to every window title that does not already end with it.
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    apply_theme(app)
    # Follow the system when it switches between light and dark while the till runs.
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _: apply_theme(app))
    # Whatever way the run ends (a return, an error, the window closed, a SIGTERM), the
    # ExitStack closes the sandbox and its log and removes the temporary folder.
    with quit_on_stop_signals(app), ExitStack() as cleanup:
        code = _run_gui(
            app,
            cleanup,
            started=started,
            data_dir=data_dir,
            backend=backend,
            terminal_id=terminal_id,
            sandbox=sandbox,
            quit_after_ready=quit_after_ready,
            verbose=verbose,
        )
    return code


def _run_gui(
    app: QApplication,
    cleanup: ExitStack,
    *,
    started: float,
    data_dir: str | None,
    backend: str | None,
    terminal_id: str | None,
    sandbox: bool,
    quit_after_ready: bool,
    verbose: bool,
) -> int:
    server = None
    try:
        if sandbox:
            from ..sandbox import SandboxServer

            # The sandbox's database (and the terminal's data, without --data-dir) lives
            # here for this run only: removed even when --data-dir keeps the terminal's.
            temp_dir = tempfile.mkdtemp(prefix="pos-app-sandbox-")
            cleanup.callback(shutil.rmtree, temp_dir, ignore_errors=True)
            server = SandboxServer(Path(temp_dir) / "sandbox.db").start()
            cleanup.callback(server.close)
            base = Path(data_dir) if data_dir else Path(temp_dir) / "terminal"
            config = replace(
                load_config(data_dir=base, terminal_id=terminal_id), backend_url=server.url
            )
            api_key: str | None = server.api_key
            print(f"Sandbox backend: {server.url} (API key {server.api_key})", flush=True)
        else:
            config = load_config(data_dir=data_dir, backend_url=backend, terminal_id=terminal_id)
            api_key = get_api_key(config.backend_url) if config.backend_url else None
            if not config.backend_url or not api_key:
                configured = run_setup(config)
                if configured is None:
                    return 2
                config = configured
                api_key = get_api_key(config.backend_url or "")
    except ConfigError as error:
        print(f"pos-app: {error}", file=sys.stderr)
        return 2

    handler = _log_to_file(config.data_dir, verbose=verbose)
    cleanup.callback(handler.close)
    cleanup.callback(logging.getLogger().removeHandler, handler)

    push_lock = threading.Lock()  # one pusher at a time on this database, in this process

    def make_terminal() -> Terminal:
        return Terminal(config, api_key=api_key, push_lock=push_lock)

    first = make_terminal()  # creates the database and the terminal id, once
    terminal_id_now = first.terminal_id
    first.close()
    runner = ServiceRunner(make_terminal)
    hint = ""
    if sandbox and not quit_after_ready:
        runner.submit(add_demo_staff, lambda _: None, lane="local")
        hint = "Demo accounts: " + ", ".join(
            f"{name} ({role}) PIN {pin}" for name, role, pin in DEMO_STAFF
        )
    bridge = SyncBridge()
    worker = SyncWorker(make_terminal, bridge)
    window = MainWindow(
        runner,
        worker,
        bridge,
        terminal_id=terminal_id_now,
        naira_per_point=config.naira_per_point,
        phone_region=config.phone_region,
        # --quit-after-ready measures start-up to customer data: no one signs in.
        require_sign_in=not quit_after_ready,
        lock_after_ms=int(config.lock_after_minutes * 60_000),
        demo_hint=hint,
        sandbox_outage=(lambda on: server.faults.update(outage=on)) if server else None,
    )
    worker.start()
    if quit_after_ready:

        def report() -> None:
            print(f"ready in {(time.monotonic() - started) * 1000:.0f} ms", flush=True)
            QTimer.singleShot(0, window.close)

        window.ready.connect(report)
        QTimer.singleShot(
            60_000, lambda: (print("not ready after 60 s", file=sys.stderr), app.exit(1))
        )
    elif hint:
        # Printed once the window is up and the loop runs (the sign-in screen shows it too).
        QTimer.singleShot(0, lambda: print(hint, flush=True))
    show_main_window(window, fullscreen=config.fullscreen)
    return app.exec()
