"""The packages whose names load on first use (pos_app/lazy.py): every name they list
resolves from the module their table names, and a name they do not list is an error."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

PACKAGES = ("pos_app.api", "pos_app.api.models", "pos_app.sync", "pos_app.ui.dialogs")


@pytest.mark.parametrize("package", PACKAGES)
def test_every_listed_name_has_a_home_and_resolves(package: str) -> None:
    module = importlib.import_module(package)
    homes = module._HOMES
    listed = sorted(name for names in homes.values() for name in names)
    assert listed == sorted(module.__all__)
    for home, names in homes.items():
        source = importlib.import_module(f"{package}.{home}")
        for name in names:
            assert getattr(module, name) is getattr(source, name)
            assert name in vars(module)  # kept: the next lookup is a plain read


@pytest.mark.parametrize("package", PACKAGES)
def test_an_unlisted_name_is_an_attribute_error(package: str) -> None:
    module = importlib.import_module(package)
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        module.Nothing  # noqa: B018
    assert not hasattr(module, "Nothing")


def test_a_name_loads_its_module_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "lazypkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from pos_app.lazy import exports\n__getattr__ = exports(__name__, {'heavy': ('Thing',)})\n"
    )
    (package / "heavy.py").write_text("Thing = object()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    lazypkg = importlib.import_module("lazypkg")
    try:
        assert "lazypkg.heavy" not in sys.modules
        thing = lazypkg.Thing
        assert "lazypkg.heavy" in sys.modules
        assert thing is sys.modules["lazypkg.heavy"].Thing
    finally:
        for name in ("lazypkg", "lazypkg.heavy"):
            sys.modules.pop(name, None)
