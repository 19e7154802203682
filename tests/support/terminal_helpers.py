"""Helpers shared by the terminal-core tests."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import pytest
from keyring.backends import fail

from pos_app.api import LoyaltyClient
from pos_app.cli import main
from pos_app.config import Config
from pos_app.domain.offline_policy import OfflinePolicy
from pos_app.domain.pins import ScryptCost
from pos_app.sandbox import SandboxServer
from pos_app.services import Terminal

#: The same scrypt code path as a real terminal at a fraction of the cost, given to every
#: terminal a test makes (test_managers checks the real parameters); the command line run
#: in-process gets it through `main(argv, pin_cost=CHEAP_PINS)` (see `InProcessCli`).
CHEAP_PINS = ScryptCost(n=2**12, r=8, p=1)


#: The environment a developer's shell may set that would reach a test's terminal.
TERMINAL_ENV = ("POS_APP_BACKEND_URL", "LOYALPRO_API_KEY", "POS_APP_DATA_DIR")
#: A keyring backend that stores nothing, for this process and any subprocess.
FAIL_KEYRING = "keyring.backends.fail.Keyring"


@contextmanager
def isolated_command_line(
    monkeypatch: pytest.MonkeyPatch,
    *,
    env: tuple[str, ...] = TERMINAL_ENV,
    umask: int | None = None,
) -> Iterator[None]:
    """No stray configuration from the developer's shell, and never the real OS keyring
    (in this process, or in a subprocess, which inherits the environment). With `umask`,
    that umask for the duration."""
    for name in env:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_KEYRING)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    old_umask = os.umask(umask) if umask is not None else None
    try:
        yield
    finally:
        if old_umask is not None:
            os.umask(old_umask)
        keyring.set_keyring(previous)


def run_pos_app(
    data_dir: Path, url: str, api_key: str, *args: str, unset: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """`python -m pos_app --data-dir DATA_DIR ARGS` in a child process, on the backend `url`
    with `api_key` and no OS keyring, without the environment variables `unset`."""
    env = {
        **os.environ,
        "POS_APP_BACKEND_URL": url,
        "LOYALPRO_API_KEY": api_key,
        "PYTHON_KEYRING_BACKEND": FAIL_KEYRING,
    }
    for name in unset:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "pos_app", "--data-dir", str(data_dir), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class FakeClock:
    """A clock the test moves by hand (backoff timers, cache age)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def make_config(data_dir: Path, sandbox: SandboxServer, **overrides: Any) -> Config:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "backend_url": sandbox.url,
        "terminal_id": None,
        "online_wait_seconds": 2.0,
    }
    values.update(overrides)
    return Config(**values)


@contextmanager
def open_terminal(
    data_dir: Path,
    sandbox: SandboxServer,
    *,
    clock: Any = None,
    policy: OfflinePolicy | None = None,
    push_lock: threading.Lock | None = None,
    **overrides: Any,
) -> Iterator[Terminal]:
    if policy is not None:
        overrides["offline_policy"] = policy
    config = make_config(data_dir, sandbox, **overrides)
    kwargs: dict[str, Any] = {"pin_cost": CHEAP_PINS}
    if clock is not None:
        kwargs["clock"] = clock
    if push_lock is not None:
        kwargs["push_lock"] = push_lock
    with Terminal(config, api_key=sandbox.api_key, **kwargs) as t:
        yield t


def backend(sandbox: SandboxServer) -> LoyaltyClient:
    return LoyaltyClient(sandbox.url, sandbox.api_key)


def key() -> str:
    return str(uuid.uuid4())


def backend_redemptions_with_code(sandbox: SandboxServer, code: str) -> list[Any]:
    with backend(sandbox) as c:
        return [r for r in c.iter_all(c.list_redemptions, limit=100) if r.code == code]


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring for tests. `priority` is left unimplemented (the base raises),
    so keyring never picks this class by itself: it is only used when set by hand."""

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@dataclass
class CliRun:
    code: int
    out: str
    err: str


@dataclass
class InProcessCli:
    """`pos-app --data-dir DIR ...` run in this process (fast), with `stdin` as its input
    and its terminal hashing PINs at `pin_cost`; everything it printed is also kept in
    `printed` (for the secret checks)."""

    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch
    data_dir: Path
    printed: list[str] = field(default_factory=list)
    pin_cost: ScryptCost = CHEAP_PINS

    def __call__(self, *args: str, stdin: str = "") -> CliRun:
        self.capsys.readouterr()
        self.monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            code = main(["--data-dir", str(self.data_dir), *args], pin_cost=self.pin_cost)
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        out, err = self.capsys.readouterr()
        self.printed += [out, err]
        return CliRun(code, out, err)
