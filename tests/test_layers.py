"""The layering of DESIGN.md, checked: only ui/ imports Qt; api and store never import each
other; the command line answers without loading Qt or the sandbox's web stack."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pos_app"


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
