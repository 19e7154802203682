"""httpx, imported without its own command line: every pos_app module takes httpx from
here (`from ..api.http_library import httpx`), never with a bare `import httpx`.

httpx's `__init__` runs `from ._main import main` (the `httpx` console script) inside
`try: ... except ImportError:`, falling back to a stub `main()` that says the 'cli' extra
is missing. `httpx._main` imports click, rich and pygments whenever they are installed
(other tools bring them in), and that costs a `pos-app` command tens of milliseconds for a
program it never runs. A `None` in `sys.modules` makes an import of that name raise
ImportError (the import system's documented way to block one), so httpx takes its fallback.
The block lasts only while httpx itself is imported: afterwards `import httpx._main` (or
`python -m httpx`) works as usual. If httpx was imported before this module, this does
nothing. tests/unit/test_cli_lazy.py checks that click, rich and pygments stay out."""

from __future__ import annotations

import sys

_CLI = "httpx._main"

if "httpx" not in sys.modules and _CLI not in sys.modules:
    sys.modules[_CLI] = None  # type: ignore[assignment]
    try:
        import httpx
    finally:
        if sys.modules.get(_CLI, False) is None:
            del sys.modules[_CLI]

import httpx  # noqa: E402  (already imported above, or by someone before us)

__all__ = ["httpx"]
