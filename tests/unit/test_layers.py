"""The layering of docs/ARCHITECTURE.md, checked: only ui/ imports Qt; api and store never
import each other; the domain imports nothing of the terminal outside itself; the command
line answers without loading Qt or the sandbox's web stack."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pos_app"


def imports_of(layer: str) -> set[str]:
    found: set[str] = set()
    for path in (PACKAGE / layer).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                prefix = "." * node.level
                found.add(prefix + (node.module or ""))
    return found


@pytest.mark.parametrize(
    "layer", ["domain", "store", "api", "sync", "services", "render", "cli", "sandbox"]
)
def test_core_layers_import_no_qt(layer: str) -> None:
    assert not any(name.startswith("PySide6") for name in imports_of(layer))


def test_api_and_store_do_not_import_each_other() -> None:
    assert not any("store" in name for name in imports_of("api"))
    assert not any("api" in name.split(".") for name in imports_of("store"))
    assert not any(
        name.lstrip(".").startswith(("services", "ui", "cli")) for name in imports_of("domain")
    )


def test_cli_commands_load_neither_qt_nor_the_web_stack(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from pos_app.cli import main\n"
        f"code = main(['--data-dir', {str(tmp_path)!r}, 'sync', 'status'])\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'fastapi', 'uvicorn'))]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stdout + done.stderr


# --- the store: only services reach it, and only the store speaks SQL -----------------------

SQL_LAYERS = ("store", "sandbox")  # the only packages that may hold SQL
SQL_TEXT = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|ALTER|DROP|PRAGMA|WITH)\s", re.ASCII
)
SQL_CALLS = {"execute", "executemany", "executescript"}


def modules(*layers: str) -> list[Path]:
    """pos_app's modules in these layers (all of them when none is named)."""
    roots = [PACKAGE / layer for layer in layers] if layers else [PACKAGE]
    return sorted(path for root in roots for path in root.rglob("*.py"))


def name_of(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def absolute_imports(path: Path, where: str | None = None) -> set[str]:
    """Every module `path` imports, relative imports resolved (`..store` from
    pos_app/cli/x.py is pos_app.store); `from pkg import mod` also counts pkg.mod.
    `where`: the module's place in pos_app ("ui/views/x.py"), if not its path."""
    place = Path(where) if where else path.relative_to(PACKAGE)
    package = ["pos_app", *place.parent.parts]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def reaches_the_store(path: Path, where: str | None = None) -> list[str]:
    return sorted(
        name
        for name in absolute_imports(path, where)
        if name in ("pos_app.store", "sqlite3") or name.startswith("pos_app.store.")
    )


def speaks_sql(path: Path) -> list[str]:
    """Where `path` runs SQL itself: an execute call, or a string that is a statement."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SQL_CALLS
        ):
            found.append(f"line {node.lineno}: .{node.func.attr}(...)")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SQL_TEXT.match(node.value)
        ):
            found.append(f"line {node.lineno}: {node.value[:40]!r}")
    return found


def outside_the_domain(path: Path, where: str | None = None) -> list[str]:
    """The terminal's modules `path` imports that are not in domain/ (the standard library
    and third-party packages are not the terminal's). pos_app.i18n is allowed: the domain's
    words for people go through gettext, and i18n is a leaf like the standard library's
    gettext (it imports nothing of the terminal: checked below)."""
    return sorted(
        name
        for name in absolute_imports(path, where)
        if (name == "pos_app" or name.startswith("pos_app."))
        and not (name == "pos_app.domain" or name.startswith("pos_app.domain."))
        and not (name == "pos_app.i18n" or name.startswith("pos_app.i18n."))
    )


@pytest.mark.parametrize("path", modules("i18n"), ids=name_of)
def test_i18n_is_a_leaf(path: Path) -> None:
    """What the domain may import imports nothing of the terminal but itself."""
    outside = [
        name
        for name in absolute_imports(path)
        if name.startswith("pos_app.") and not name.startswith("pos_app.i18n")
    ]
    assert outside == [], f"{name_of(path)} imports {outside}"


@pytest.mark.parametrize("path", modules("domain"), ids=name_of)
def test_the_domain_imports_nothing_but_the_domain(path: Path) -> None:
    assert outside_the_domain(path) == [], f"{name_of(path)} imports outside the domain"


@pytest.mark.parametrize("path", modules("ui", "cli"), ids=name_of)
def test_ui_and_cli_reach_the_store_only_through_services(path: Path) -> None:
    assert reaches_the_store(path) == [], f"{name_of(path)} imports the store"


@pytest.mark.parametrize(
    "path",
    [p for p in modules() if p.relative_to(PACKAGE).parts[0] not in SQL_LAYERS],
    ids=name_of,
)
def test_no_sql_outside_the_store_and_the_sandbox(path: Path) -> None:
    assert speaks_sql(path) == [], f"{name_of(path)} runs SQL"


def test_the_layer_checks_catch_what_they_look_for(tmp_path: Path) -> None:
    """The checks themselves: each finds a planted breach, and ordinary words pass."""
    sample = tmp_path / "sample.py"
    sample.write_text('rows = conn.execute("SELECT 1")\nq = """\n  DELETE FROM audit"""\n')
    assert len(speaks_sql(sample)) == 3
    sample.write_text('print("Selected items", "update me")\n')
    assert speaks_sql(sample) == []
    sample.write_text("from ...store import cache\nfrom ..services import lookup\n")
    assert reaches_the_store(sample, "ui/views/x.py") == ["pos_app.store", "pos_app.store.cache"]
    sample.write_text("from .. import store\n")
    assert reaches_the_store(sample, "cli/x.py") == ["pos_app.store"]
    sample.write_text("import sqlite3\nfrom ..services import report\n")
    assert reaches_the_store(sample, "cli/x.py") == ["sqlite3"]
    sample.write_text(
        "import json\nimport phonenumbers\nfrom .models import OperationKind\n"
        "from . import money\nfrom pos_app.domain.pins import OWASP\n"
    )
    assert outside_the_domain(sample, "domain/x.py") == []
    sample.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..api import models\n"
    )
    assert outside_the_domain(sample, "domain/x.py") == ["pos_app.api", "pos_app.api.models"]
    sample.write_text("from .. import files\nimport pos_app.store.outbox\n")
    assert outside_the_domain(sample, "domain/x.py") == [
        "pos_app",
        "pos_app.files",
        "pos_app.store.outbox",
    ]


MAX_MODULE_LINES = 400  # past this a module holds several jobs: split it along its seams


def test_no_module_is_over_400_lines() -> None:
    long = {
        name_of(path): n
        for path in modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}, f"modules over {MAX_MODULE_LINES} lines: {long}"
