"""Fixtures the unit tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pos_app import i18n


@pytest.fixture
def french() -> Iterator[None]:
    """The core speaking French in Côte d'Ivoire (fr_CI), from the catalogues the session
    built (tests/conftest.py); English and Nigeria again afterwards."""
    assert i18n.use("fr", "CI")
    try:
        yield
    finally:
        i18n.use("en", "NG")
