"""Starting a terminal, without Qt, for the command line and the GUI alike: its config,
its API key, the `Terminal` itself, the in-process sandbox of `pos-app --sandbox`, the
first-run setup that writes config.toml, and the sandbox demo's staff accounts.

Only `sandbox()` loads the sandbox's web stack (FastAPI, uvicorn), and only when called."""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config import (
    CONFIG_NAME,
    STORE_ID_RE,
    TERMINAL_ID_RE,
    Config,
    ConfigError,
    check_backend_url,
    load_config,
)
from .credentials import CredentialError, get_api_key, store_api_key
from .domain.pins import OWASP, ScryptCost, hash_pin, needs_rehash
from .files import write_private
from .i18n import _, formats
from .services import Terminal
from .settings import file as settings_file

if TYPE_CHECKING:
    from .demo_backend import DemoBackend
    from .sandbox import SandboxServer

log = logging.getLogger(__name__)


# Where the `--sandbox` demo keeps what it computes once (the seeded sandbox database of the
# day, the demo staff's PIN hashes): this, else the platform's cache folder.
ENV_DEMO_CACHE = "POS_APP_DEMO_CACHE"


def demo_cache() -> Path:
    """The demo's cache folder (nothing in it is a secret; it is owner-only all the same)."""
    chosen = os.environ.get(ENV_DEMO_CACHE)
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs  # only the demo needs its cache

    return Path(platformdirs.user_cache_dir("pos-app")) / "demo"


# The contracts the built-in sandbox can serve: "1" is a v1-only backend (docs/API.md).
SANDBOX_API_VERSIONS = ("1.1", "1")


class MissingExtra(ConfigError):
    """A part of pos-app this install left out (`pip install pos-app` is the core and the
    command line): the message names the extra that brings it."""

    def __init__(self, extra: str, what: str, error: ImportError) -> None:
        super().__init__(
            _(
                "{what} needs the '{extra}' extra ({error}); install it with "
                "pip install 'pos-app[{extra}]', or everything with pip install 'pos-app[all]'"
            ).format(what=what, extra=extra, error=error)
        )


def sandbox_server() -> type[SandboxServer]:
    """The sandbox backend's server class (FastAPI and uvicorn: the 'sandbox' extra)."""
    try:
        from .sandbox import SandboxServer
    except ImportError as error:
        raise MissingExtra("sandbox", _("The sandbox backend"), error) from None
    return SandboxServer


@dataclass(frozen=True, slots=True)
class Start:
    """What a terminal starts from: its config and the API key for its backend (None:
    none configured or stored), the in-process sandbox serving it, if any, and the scrypt
    cost its terminals hash staff PINs with (whoever builds the Start may lower it: tests
    running the command line in-process give it their cheap cost)."""

    config: Config
    api_key: str | None
    server: SandboxServer | None = None
    pin_cost: ScryptCost = OWASP
    # One pusher at a time on this database in this process: every terminal made here
    # shares it (the GUI's counter and sync workers).
    push_lock: threading.Lock = field(default_factory=threading.Lock, compare=False)

    @property
    def configured(self) -> bool:
        """A backend and its key are known (else the GUI asks for them: first-run setup)."""
        return bool(self.config.backend_url and self.api_key)

    @classmethod
    def of(cls, config: Config, *, pin_cost: ScryptCost = OWASP) -> Start:
        """This config, with the key stored for its backend (LOYALPRO_API_KEY, keyring)."""
        key = get_api_key(config.backend_url) if config.backend_url else None
        formats.use_store(config.country, config.time_zone() if config.timezone else None)
        return cls(config, key, pin_cost=pin_cost)

    def terminal(self) -> Terminal:
        """A new Terminal (its own database connection); close it, or use it in `with`."""
        return Terminal(
            self.config, api_key=self.api_key, push_lock=self.push_lock, pin_cost=self.pin_cost
        )


def configured(
    *,
    data_dir: str | Path | None,
    backend: str | None = None,
    terminal_id: str | None = None,
    insecure: bool = False,
    pin_cost: ScryptCost = OWASP,
) -> Start:
    """The configured backend: config.toml, the environment and these flags, and the key
    from LOYALPRO_API_KEY or the OS keyring. Raises ConfigError or CredentialError."""
    config = load_config(
        data_dir=data_dir, backend_url=backend, terminal_id=terminal_id, insecure=insecure
    )
    return Start.of(config, pin_cost=pin_cost)


@contextmanager
def sandbox(
    *,
    data_dir: str | Path | None,
    terminal_id: str | None = None,
    pin_cost: ScryptCost = OWASP,
    api_version: str = "1.1",
    own: DemoBackend | None = None,
    cache: Path | None = None,
    synced: bool = False,
) -> Iterator[Start]:
    """The built-in sandbox backend, for as long as the block runs: in this process, or
    `own`, the one in a process of its own that the GUI's demo started early (its owner
    closes it; pos_app/demo_backend.py). Its database (and the terminal's data, without
    data_dir) lives in a temporary folder, removed at the end even when data_dir keeps
    the terminal's; it starts as a copy of the day's seeded demo (sandbox/template.py,
    in `cache`, else `demo_cache()`). `api_version` "1": a v1-only backend (every v1.1
    addition off). `synced` (the GUI's demo): without data_dir, the terminal starts as a
    copy of the day's terminal synced with that demo (pos_app/demo_terminal.py), and a
    demo that found none makes it as it ends."""
    folder = cache or demo_cache()
    missing = False
    with _sandbox(data_dir, terminal_id, pin_cost, api_version, own, folder) as start:
        if synced and data_dir is None:
            from . import demo_terminal

            missing = not demo_terminal.copy_into(start.config.data_dir, folder, api_version)
        yield start
    if missing:
        from . import demo_terminal

        demo_terminal.make(folder, api_version)


@contextmanager
def _sandbox(
    data_dir: str | Path | None,
    terminal_id: str | None,
    pin_cost: ScryptCost,
    api_version: str,
    own: DemoBackend | None,
    cache: Path,
) -> Iterator[Start]:
    if own is not None:
        url, key = own.address()
        base = Path(data_dir) if data_dir else own.folder / "terminal"
        config = replace(load_config(data_dir=base, terminal_id=terminal_id), backend_url=url)
        yield Start(config, key, pin_cost=pin_cost)
        return
    server_class = sandbox_server()
    import shutil  # only the sandbox's own folder needs them
    import tempfile

    from .sandbox.template import copy_seeded

    temp_dir = tempfile.mkdtemp(prefix="pos-app-sandbox-")
    try:
        db = Path(temp_dir) / "sandbox.db"
        copy_seeded(db, cache)  # today's seeded demo, not a seed per start
        server = server_class(db, api_version=api_version).start()
        try:
            base = Path(data_dir) if data_dir else Path(temp_dir) / "terminal"
            config = replace(
                load_config(data_dir=base, terminal_id=terminal_id), backend_url=server.url
            )
            yield Start(config, server.api_key, server, pin_cost=pin_cost)
        finally:
            server.close()
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)


def save_setup(
    config: Config, *, backend_url: str, api_key: str, terminal_id: str, store_id: str
) -> Config:
    """Keep what first-run setup was given: the key in the OS keyring, the rest in
    config.toml. Raises ConfigError or CredentialError with a message for the person."""
    url = check_backend_url(backend_url, insecure=config.insecure_http)
    key = api_key.strip()
    if not key:
        raise CredentialError(_("the API key is needed"))
    values: dict[str, str | bool] = {"backend_url": url}
    if terminal_id.strip():
        if not TERMINAL_ID_RE.match(terminal_id.strip()):
            raise ConfigError(_("the terminal id may use letters, digits, '.', '_' and '-'"))
        values["terminal_id"] = terminal_id.strip()
    if store_id.strip():
        if not STORE_ID_RE.fullmatch(store_id.strip()):
            raise ConfigError(
                _(
                    "the store id may use up to 64 printable ASCII characters "
                    "(letters, digits, spaces and punctuation; no emoji or accents)"
                )
            )
        values["store_id"] = store_id.strip()
    if config.insecure_http:
        values["insecure_http"] = True
    store_api_key(url, key)
    config.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = config.data_dir / CONFIG_NAME
    try:  # keep what else config.toml holds (kiosk, limits, ... set before the first start)
        kept = {k: v for k, v in settings_file.read(path).items() if k not in SETUP_KEYS}
    except ConfigError:
        kept = {}
    import tomli_w  # only here: first-run setup writes config.toml

    write_private(path, tomli_w.dumps({**values, **kept}).encode("utf-8"))
    return load_config(data_dir=config.data_dir)


SETUP_KEYS = ("backend_url", "terminal_id", "store_id", "insecure_http")


DEMO_STAFF = (("Chidi", "cashier", "1357"), ("Maryam", "manager", "2468"))
# The demo's hashes are kept under this file's fingerprint (a frozen build: its executable).
_HAVE_SOURCE = Path(__file__).suffix == ".py" and Path(__file__).is_file()


def add_demo_staff(t: Terminal, cache: Path | None = None) -> None:
    """The sandbox demo's accounts (documented in the README), on a new data dir only.
    Their PINs are hashed once (salted scrypt at the terminal's own cost, like any PIN)
    and the hashes, never the PINs, kept in the demo's cache (`demo_cache()`) for every
    later demo: the queue that fills the sign-in screen no longer waits for scrypt."""
    from .services import demo_staff, staff  # the demo's only

    if staff.has_staff(t):
        return
    ordered = sorted(DEMO_STAFF, key=lambda x: x[1] != "manager")  # a manager's first
    hashes = _demo_hashes(cache or demo_cache(), t.pin_cost)
    accounts = [(name, role, hashes[name]) for name, role, _pin in ordered]
    demo_staff.add_hashed_first_accounts(t, accounts, actor="sandbox demo")


def _demo_hashes(cache: Path, cost: ScryptCost) -> dict[str, str]:
    """Each demo account's PIN hash: from the cache when it holds them at this cost for
    this code (the file is named after both: a PIN changed in this file is a new name),
    else hashed now and kept there (owner-only; a cache that cannot be written is only
    a slower next start)."""
    import hashlib  # only the demo's staff need a digest

    built = os.stat(sys.executable)
    code = hashlib.sha256(
        Path(__file__).read_bytes()
        if _HAVE_SOURCE
        else f"{built.st_size}:{built.st_mtime_ns}".encode()
    )
    path = cache / f"staff-{cost.n}-{cost.r}-{cost.p}-{code.hexdigest()[:16]}.json"
    names = {name for name, _role, _pin in DEMO_STAFF}
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if (
            isinstance(kept, dict)
            and set(kept) == names
            and all(isinstance(h, str) and not needs_rehash(h, cost) for h in kept.values())
        ):
            return kept
    except (OSError, ValueError):
        pass
    made = {name: hash_pin(pin, cost) for name, _role, pin in DEMO_STAFF}
    try:
        cache.mkdir(parents=True, exist_ok=True, mode=0o700)
        for old in cache.glob("staff-*.json"):
            old.unlink(missing_ok=True)
        write_private(path, json.dumps(made).encode("utf-8"))
    except OSError as error:
        log.warning("cannot keep the demo staff's PIN hashes in %s (%s)", cache, error)
    return made
