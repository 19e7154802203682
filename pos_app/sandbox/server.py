"""Run the sandbox: in the foreground (`pos-app sandbox serve`) or in a background
thread (tests, and the GUI's one-command demo)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn

from .address import DEFAULT_API_KEY, bind_socket, url_of
from .app import create_app
from .faults import FaultState, SandboxGate
from .ledger import Ledger
from .seed import seed_demo

log = logging.getLogger("pos_app.sandbox")


def open_ledger(db_path: str | Path, *, demo_data: bool = True) -> Ledger:
    """Open (and on first use, seed) the sandbox's database."""
    ledger = Ledger(db_path)
    with ledger.lock:
        fresh = ledger.get_meta("created_at") is None
    if fresh:
        if demo_data:
            seed_demo(ledger)
        with ledger.transaction():
            ledger.set_meta("created_at", ledger.get_meta("seeded_at") or "")
    return ledger


class _QuietServer(uvicorn.Server):
    """uvicorn re-raises SIGINT/SIGTERM after its clean shutdown, so the process would end
    "killed by signal"; a sandbox stopped on purpose should exit 0 instead."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {
            sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


class _ThreadServer(uvicorn.Server):
    """uvicorn in a background thread (tests, the GUI's demo) that stops as soon as asked.
    uvicorn's own loop polls `should_exit` every 0.1 s and its shutdown sleeps another 0.1 s
    before it looks at the connections: a closing demo waited out both. Here `stop()` wakes
    the loop through an event (the loop still refreshes the Date header once a second), and
    the shutdown waits only as long as the connections take to go (a loop turn when idle)."""

    header_seconds = 1.0  # how often the Date header is refreshed (uvicorn: once a second)

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None

    def stop_soon(self) -> None:
        """From any thread: end serving now, not at the next poll."""
        self.should_exit = True
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already ended
                loop.call_soon_threadsafe(wake.set)

    async def main_loop(self) -> None:
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        if self.should_exit:  # asked to stop before the loop was known
            return
        while not await self.on_tick(0):  # tick 0: uvicorn refreshes the Date header
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.header_seconds)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown less its fixed 0.1 s sleeps: stop accepting, ask each
        connection to close (an idle kept-alive one closes at once, a busy one after its
        answer), then wait for them, at most the graceful timeout, and cancel the rest."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (self.config.timeout_graceful_shutdown or 0)
        state = self.server_state
        while (state.connections or state.tasks) and loop.time() < deadline:
            await asyncio.sleep(0.001)  # a loop turn: connection_lost runs, nothing is waited out
        for task in state.tasks:
            task.cancel(msg="sandbox stopped")
        for server in self.servers:
            await server.wait_closed()
        if not self.force_exit:
            await self.lifespan.shutdown()


@dataclass
class SandboxServer:
    """A sandbox on host:port (port 0 picks a free one). Start/stop may be repeated,
    on the same port, to simulate the backend going away and coming back."""

    db_path: str | Path
    host: str = "127.0.0.1"
    port: int = 0
    api_key: str = DEFAULT_API_KEY
    demo_data: bool = True
    access_log: bool = False
    api_version: str = "1.1"  # "1": a v1-only backend (every v1.1 addition off)
    faults: FaultState = field(default_factory=FaultState)
    ledger: Ledger = field(init=False)
    _server: _ThreadServer | None = field(default=None, init=False)
    _thread: threading.Thread | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.ledger = open_ledger(self.db_path, demo_data=self.demo_data)
        self.api = create_app(self.ledger, self.faults, self.api_version)
        self.app = SandboxGate(self.api, self.api_key, self.faults)

    @property
    def url(self) -> str:
        return url_of(self.host, self.port)

    def _config(self) -> uvicorn.Config:
        return uvicorn.Config(
            self.app,
            http="h11",
            lifespan="off",
            log_level="warning",
            access_log=self.access_log,
            timeout_graceful_shutdown=2,
        )

    def start(self, sock: socket.socket | None = None) -> SandboxServer:
        """Serve in a daemon thread; returns once the socket accepts connections. `sock`:
        one already listening on host:port (address.bind_socket), served from now on."""
        if self._thread is not None:
            raise RuntimeError("sandbox already running")
        if sock is None:
            sock = bind_socket(self.host, self.port)
        self.port = sock.getsockname()[1]
        server = _ThreadServer(self._config())
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name=f"sandbox:{self.port}", daemon=True
        )
        thread.start()
        ready = threading.Event()
        while thread.is_alive() and not server.started:
            ready.wait(0.005)
        if not server.started:
            raise RuntimeError("sandbox server failed to start")
        self._server, self._thread = server, thread
        return self

    def stop(self) -> None:
        """Stop serving (connections refused from here on); the database stays."""
        if self._server is None or self._thread is None:
            return
        self._server.stop_soon()
        self._thread.join(timeout=10)
        self._server, self._thread = None, None

    def close(self) -> None:
        self.stop()
        self.ledger.close()

    def serve_forever(self, on_ready: Callable[[], None] | None = None) -> None:
        """Foreground serving until Ctrl-C or SIGTERM; `on_ready` runs once bound."""
        sock = bind_socket(self.host, self.port)
        self.port = sock.getsockname()[1]
        if on_ready is not None:
            on_ready()
        _QuietServer(self._config()).run(sockets=[sock])

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.close()
