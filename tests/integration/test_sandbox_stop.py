"""The in-process sandbox (tests, `pos-app --sandbox`) stops as soon as it is asked to
(issue 14): uvicorn's own loop looked at `should_exit` every 0.1 s and its shutdown slept
another 0.1 s, which every closing demo waited out. No timing here: the server thread's
calls are watched (threading.setprofile) for a timed sleep of 0.1 s or more."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import httpx
import pytest

from pos_app.sandbox import DEFAULT_API_KEY, SandboxServer
from pos_app.sandbox import server as sandbox_server


@contextmanager
def long_sleeps_recorded() -> Iterator[list[float]]:
    """The delays of every `asyncio.sleep(d)` with d >= 0.05 s in threads started inside."""
    seen: list[float] = []

    def watch(frame: FrameType, event: str, _arg: Any) -> None:
        if event == "call" and frame.f_code is asyncio.sleep.__code__:
            delay = frame.f_locals.get("delay")
            if isinstance(delay, int | float) and delay >= 0.05:
                seen.append(float(delay))

    threading.setprofile(watch)  # type: ignore[arg-type]
    try:
        yield seen
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]


def test_stopping_waits_out_no_poll_even_with_a_kept_alive_connection(tmp_path: Path) -> None:
    with long_sleeps_recorded() as sleeps:
        server = SandboxServer(tmp_path / "sandbox.db", demo_data=False).start()
        try:
            with httpx.Client(headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}) as client:
                assert client.get(f"{server.url}/v1/rewards").status_code == 200
                server.stop()  # the client still holds its kept-alive connection
                assert server._thread is None
        finally:
            server.close()
    assert sleeps == []


def test_the_server_stops_while_it_waits_for_its_next_header_refresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loop wakes on stop(), not on a timer: with the Date header refreshed once an
    hour, stop() still returns (pytest-timeout would end a loop that waits the hour)."""
    monkeypatch.setattr(sandbox_server._ThreadServer, "header_seconds", 3600.0)
    server = SandboxServer(tmp_path / "sandbox.db", demo_data=False)
    try:
        server.start()
        server.stop()
        assert server._thread is None
        server.start()  # and it serves again on the same port (the outage tests do this)
        with httpx.Client(headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}) as client:
            assert client.get(f"{server.url}/v1/rewards").status_code == 200
    finally:
        server.close()
