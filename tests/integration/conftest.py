"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.raw_server import MisbehavingServer


@pytest.fixture
def server() -> Iterator[MisbehavingServer]:
    """A raw HTTP server the test scripts, answer by answer."""
    srv = MisbehavingServer()
    try:
        yield srv
    finally:
        srv.close()
