"""The suite's own layout, checked: every test module lives in tests/unit, tests/integration
or tests/gui, and each folder keeps to what it promises.

- unit: no sandbox, no Qt, no network. It imports none of them (nor the support modules
  that start them) and takes none of their fixtures.
- integration: the real sandbox on loopback, the command line, sync, faults, crash, disk;
  no widgets: it imports neither Qt nor pytest-qt itself and takes no qtbot (one security
  check calls ui/app.py's log set-up, which is no screen).
- gui: pytest-qt.

A test module imports another test module only from its own folder (each folder is put on
sys.path for its own modules); what folders share lives in tests/support."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
FOLDERS = ("unit", "integration", "gui")

QT = ("PySide6", "pytestqt")
QT_FIXTURES = {"qtbot", "qapp"}
# What a unit test may not reach: Qt and the screens, the sandbox and its web stack, and
# the support modules that start a sandbox, a raw server or a full disk.
NOT_IN_UNIT = (
    *QT,
    "pos_app.ui",
    "pos_app.sandbox",
    "fastapi",
    "uvicorn",
    "socket",
    "support.terminal_helpers",
    "support.sandbox_process",
    "support.raw_server",
    "support.disk_helpers",
    "support.reliability",
)
NOT_IN_UNIT_FIXTURES = {*QT_FIXTURES, "sandbox", "empty_sandbox", "seeded_template"}


def imports_in(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def fixtures_in(path: Path) -> set[str]:
    """The argument names of every function in the module: the fixtures its tests take."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found |= {a.arg for a in (*node.args.posonlyargs, *node.args.args)}
    return found


def breaches(path: Path, folder: str) -> list[str]:
    """What the module at `path` uses that `folder` promises not to."""
    imported = imports_in(path)
    found: list[str] = []
    forbidden, fixtures = {
        "unit": (NOT_IN_UNIT, NOT_IN_UNIT_FIXTURES),
        "integration": (QT, QT_FIXTURES),
        "gui": ((), set()),
    }[folder]
    found += sorted(n for n in imported if any(n == f or n.startswith(f + ".") for f in forbidden))
    found += sorted(f"fixture {name}" for name in fixtures_in(path) & fixtures)
    siblings = {p.stem for p in path.parent.glob("test_*.py")}
    found += sorted(
        f"{name} (another folder's test module)"
        for name in imported
        if name.startswith("test_") and "." not in name and name not in siblings
    )
    return sorted(set(found))


def test_every_test_module_lives_in_one_of_the_three_folders() -> None:
    misplaced = [
        str(p.relative_to(TESTS))
        for p in TESTS.rglob("test_*.py")
        if p.relative_to(TESTS).parts[0] not in FOLDERS
        and p.relative_to(TESTS).parts[0] not in {".venv", "__pycache__"}
    ]
    assert misplaced == [], (
        f"move these into tests/unit, tests/integration or tests/gui: {misplaced}"
    )


def test_each_folder_keeps_to_what_it_promises() -> None:
    found = {
        str(p.relative_to(TESTS)): b
        for folder in FOLDERS
        for p in sorted((TESTS / folder).glob("test_*.py"))
        if (b := breaches(p, folder))
    }
    assert found == {}


def test_the_layout_checks_catch_what_they_look_for(tmp_path: Path) -> None:
    """The check itself: each planted breach is found, and an ordinary module passes."""
    unit = tmp_path / "unit"
    unit.mkdir()
    sample = unit / "test_sample.py"
    sample.write_text("import json\nfrom pos_app.domain import pins\n\ndef test_x(tmp_path): ...\n")
    assert breaches(sample, "unit") == []
    sample.write_text("from PySide6.QtWidgets import QLabel\n")
    assert "PySide6.QtWidgets" in breaches(sample, "unit")
    assert "PySide6.QtWidgets" in breaches(sample, "integration")
    assert breaches(sample, "gui") == []
    sample.write_text("from pos_app.ui import app\n")
    assert breaches(sample, "unit") == ["pos_app.ui", "pos_app.ui.app"]
    sample.write_text("from pos_app.sandbox import SandboxServer\n")
    assert breaches(sample, "unit") == ["pos_app.sandbox", "pos_app.sandbox.SandboxServer"]
    sample.write_text("from support.raw_server import MisbehavingServer\n")
    assert "support.raw_server" in breaches(sample, "unit")
    sample.write_text("def test_x(sandbox): ...\n")
    assert breaches(sample, "unit") == ["fixture sandbox"]
    assert breaches(sample, "integration") == []
    sample.write_text("def test_x(qtbot): ...\n")
    assert breaches(sample, "integration") == ["fixture qtbot"]
    sample.write_text("from test_gui import open_window\n")
    assert breaches(sample, "unit") == ["test_gui (another folder's test module)"]
    (unit / "test_gui.py").write_text("")
    assert breaches(sample, "unit") == []
