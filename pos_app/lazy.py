"""Names a package exports, each imported from its own module when first asked for.

A package's `__init__` that re-exported everything eagerly made every importer pay for
every module: naming one API error loaded httpx, and the terminal's first screen loaded
every dialog. `exports(package, homes)` returns the package's module `__getattr__`
(PEP 562): the first `package.Name` (or `from package import Name`) imports the module
that `homes` says holds it, and keeps the value in the package, so later lookups are plain
attribute reads. The package still lists the names under `TYPE_CHECKING` for the type
checker, and the frozen build takes every module (packaging/pos_app.spec's
`collect_submodules`), so a name imported on first use is always there.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def exports(package: str, homes: Mapping[str, tuple[str, ...]]) -> Callable[[str], Any]:
    """The `__getattr__` of `package`: `homes` maps each of its modules (relative to it)
    to the names it exports."""
    home_of = {name: module for module, names in homes.items() for name in names}
    namespace = vars(sys.modules[package])

    def __getattr__(name: str) -> Any:
        home = home_of.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        namespace[name] = value
        return value

    return __getattr__


__all__ = ["exports"]
