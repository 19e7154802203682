"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.raw_server import MisbehavingServer
from support.terminal_helpers import isolated_command_line


@pytest.fixture
def server() -> Iterator[MisbehavingServer]:
    """A raw HTTP server the test scripts, answer by answer."""
    srv = MisbehavingServer()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture
def usual_command_line(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The command line kept from the developer's shell and OS keyring, under the usual
    umask (0o022: anything made without care is 0644)."""
    with isolated_command_line(monkeypatch, umask=0o022):
        yield
