"""The sandbox's seams, checked (docs/API.md, "Where it lives in the code"): it stands
alone as a backend, its ledger knows nothing of HTTP, and only the ledger runs SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from test_layers import absolute_imports

SANDBOX = Path(__file__).resolve().parents[2] / "pos_app" / "sandbox"


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _relative(path: Path) -> str:
    return str(path.relative_to(SANDBOX))


# The one helper it shares: how a package loads its names on first use (standard library
# only, nothing of the terminal's), so the demo's backend can give its address before it
# loads its web stack (sandbox/child.py).
SHARED = ("pos_app.lazy",)


@pytest.mark.parametrize("path", _modules(SANDBOX), ids=_relative)
def test_the_sandbox_imports_nothing_of_the_terminal(path: Path) -> None:
    leaks = {
        name
        for name in absolute_imports(path)
        if name.split(".")[0] == "pos_app"
        and name.split(".")[1:2] != ["sandbox"]
        and not name.startswith(SHARED)
    }
    assert not leaks, f"{_relative(path)} imports the terminal's {sorted(leaks)}"


def _file_of(module: str) -> Path | None:
    """The source of a pos_app.sandbox module, or None for a name that is not one."""
    parts = module.split(".")[2:]
    for candidate in (SANDBOX.joinpath(*parts, "__init__.py"), SANDBOX.joinpath(*parts)):
        if candidate.suffix != ".py":
            candidate = candidate.with_suffix(".py")
        if candidate.is_file():
            return candidate
    return None


def _reach(path: Path) -> set[str]:
    """Everything `path` imports, and what the sandbox modules it imports import, on down."""
    seen: set[Path] = set()
    found: set[str] = set()
    todo = [path]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for name in absolute_imports(current):
            found.add(name)
            if name.startswith("pos_app.sandbox"):
                source = _file_of(name)
                if source is not None:
                    todo.append(source)
    return found


@pytest.mark.parametrize("path", _modules(SANDBOX / "ledger"), ids=_relative)
def test_the_ledger_knows_nothing_of_http(path: Path) -> None:
    """Not even through what it imports: the books are the rules, the routers the HTTP."""
    http = {"fastapi", "starlette", "pydantic", "uvicorn", "httpx"}
    above = {"routers", "app", "handlers", "schemas", "idempotency", "wire", "paging", "server"}
    leaks = {
        name
        for name in _reach(path)
        if name.split(".")[0] in http
        or (name.startswith("pos_app.sandbox.") and name.split(".")[2] in above)
    }
    assert not leaks, f"{_relative(path)} reaches {sorted(leaks)}"


@pytest.mark.parametrize(
    "path", [p for p in _modules(SANDBOX) if "ledger" not in p.parts], ids=_relative
)
def test_only_the_ledger_runs_sql(path: Path) -> None:
    calls = [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"execute", "executemany", "executescript"}
    ]
    assert not calls, f"{_relative(path)} runs SQL at lines {calls}: give the ledger a method"
