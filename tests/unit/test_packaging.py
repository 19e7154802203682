"""The build's lists, checked without building (bash packaging/build.sh and smoke.sh do that):
every file, module, distribution and Qt plugin packaging/pos-app.spec names exists, what it
leaves out is nothing the app imports, the desktop entry names the icon the build renders,
and resources are found from source and from a frozen build."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from pos_app import resources

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    """The spec's module-level names, as PyInstaller would see them, minus the build."""
    namespace: dict[str, Any] = {"SPECPATH": str(PACKAGING), "__name__": "spec_check"}
    source = (PACKAGING / "pos-app.spec").read_text(encoding="utf-8")
    exec(compile(source, "pos-app.spec", "exec"), namespace)
    return namespace


def module_file_exists(name: str) -> bool:
    """Whether a module's file is there, importing nothing but locating its top package."""
    top, *rest = name.split(".")
    found = importlib.util.find_spec(top)
    if found is None:
        return False
    if not rest:
        return True
    if not found.submodule_search_locations:
        return False
    for location in found.submodule_search_locations:
        path = Path(location).joinpath(*rest)
        if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
            return True
    return False


def test_the_data_files_exist(spec: dict[str, Any]) -> None:
    for source, dest in spec["DATAS"]:
        assert (ROOT / source).exists(), source
        assert dest.startswith("resources")
    assert (ROOT / "packaging" / "pos_app_main.py").is_file()


def test_the_catalogues_shipped_are_the_ones_compile_builds(
    spec: dict[str, Any], tmp_path: Path
) -> None:
    """The spec ships what `python -m pos_app.i18n.compile` writes, and Qt's own French."""
    from pos_app.i18n import compile as catalogues

    built = {p.name for p in catalogues.build(tmp_path)}
    assert {Path(src).name for src in spec["CATALOGUES"]} == built
    assert spec["QT_TRANSLATIONS"] == [f"qtbase_{lang}.qm" for lang in catalogues.TRANSLATED]


def test_the_hidden_imports_exist(spec: dict[str, Any]) -> None:
    missing = [name for name in spec["HIDDENIMPORTS"] if not module_file_exists(name)]
    assert not missing


def test_the_copied_metadata_is_installed(spec: dict[str, Any]) -> None:
    for dist in spec["METADATA"]:
        assert importlib.metadata.distribution(dist).version


def test_nothing_excluded_is_imported_by_the_app(spec: dict[str, Any]) -> None:
    excluded = set(spec["EXCLUDES"])
    offenders = []
    for path in (ROOT / "pos_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if any(".".join(parts[:i]) in excluded for i in range(1, len(parts) + 1)):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert not offenders


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="names Linux's plugin files")
def test_the_kept_qt_plugins_exist(spec: dict[str, Any]) -> None:
    found = importlib.util.find_spec("PySide6")
    if found is None or not found.submodule_search_locations:
        pytest.skip("PySide6 is not installed")
    plugins = Path(next(iter(found.submodule_search_locations))) / "Qt" / "plugins"
    missing = [
        f"{folder}/{name}"
        for folder in spec["QT_PLUGINS"]
        for name in spec["wanted_plugins"](folder, "linux")
        if not (plugins / folder / f"lib{name}.so").is_file()
    ]
    assert not missing
    assert spec["wanted_plugins"]("platforms", "linux")[:1] == ["qoffscreen"]


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ],
)
def test_only_the_wanted_qt_plugins_are_kept(
    spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch, dest: str, kept: bool
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert spec["keep_qt_plugin"](dest) is kept


def test_the_desktop_entry_names_the_rendered_icon() -> None:
    entry = (PACKAGING / "linux" / "pos-app.desktop").read_text(encoding="utf-8")
    keys = dict(line.split("=", 1) for line in entry.splitlines()[1:] if "=" in line)
    assert entry.startswith("[Desktop Entry]\n")
    assert keys["Exec"] == "pos-app" and keys["Type"] == "Application"
    assert keys["Icon"] == "pos-app" and keys["Categories"].endswith(";")
    icons = (PACKAGING / "render_icons.py").read_text(encoding="utf-8")
    assert "SIZES = (16, 24, 32, 48, 64, 128, 256, 512)" in icons
    assert '"pos-app.png"' in icons


def test_resources_are_found_from_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert resources.resources_dir() == ROOT / "resources"
    assert (resources.resources_dir() / "style.qss").is_file()


def test_resources_are_found_in_a_frozen_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"


class _Recorder:
    """Stand-ins for PyInstaller's spec classes: each call is kept with its arguments."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def stand_in(self, kind: str) -> Any:
        recorder = self

        class Target:
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                recorder.calls.append((kind, args, kwargs))
                self.pure: list[Any] = []
                self.scripts: list[Any] = []
                self.binaries = [
                    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "/x/a", "BINARY"),
                    ("PySide6/Qt/plugins/platforms/libqeglfs.so", "/x/b", "BINARY"),
                ]
                self.datas: list[Any] = [
                    ("PySide6/Qt/translations/qt_de.qm", "/x/c", "DATA"),
                    ("PySide6/Qt/translations/qtbase_fr.qm", "/x/d", "DATA"),
                ]

        return Target

    def named(self, kind: str) -> list[dict[str, Any]]:
        return [kwargs for k, _, kwargs in self.calls if k == kind]


def _submodules(package: str) -> list[str]:
    """PyInstaller's collect_submodules, for the package this checkout has."""
    import pkgutil

    root = importlib.import_module(package)
    found = pkgutil.walk_packages(root.__path__, prefix=f"{package}.")
    return [package, *(info.name for info in found)]


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_the_spec_builds_on_each_platform(monkeypatch: pytest.MonkeyPatch, platform: str) -> None:
    """The spec's build part, run with stand-ins for PyInstaller: one console `pos-app`
    everywhere, a windowed `pos-app-gui` beside it on Windows, the .app on macOS."""
    import types

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.copy_metadata = lambda dist: [(f"/site/{dist}.dist-info", f"{dist}.dist-info")]  # type: ignore[attr-defined]
    hooks.collect_submodules = _submodules  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    recorder = _Recorder()
    namespace: dict[str, Any] = {"SPECPATH": str(PACKAGING), "__name__": "spec_build"}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = recorder.stand_in(kind)
    source = (PACKAGING / "pos-app.spec").read_text(encoding="utf-8")
    exec(compile(source, "pos-app.spec", "exec"), namespace)

    exes = {kwargs["name"]: kwargs["console"] for kwargs in recorder.named("EXE")}
    assert exes == (
        {"pos-app": True, "pos-app-gui": False} if platform == "win32" else {"pos-app": True}
    )
    (analysis,) = recorder.named("Analysis")
    assert "pos-app.dist-info" in {dest for _, dest in analysis["datas"]}
    # The modules the app imports by name when first used are in the build (a command's).
    assert {"pos_app.cli.commands.sync", "pos_app.api.client"} <= set(analysis["hiddenimports"])
    a = namespace["a"]
    assert [dest for dest, _, _ in a.binaries] == ["PySide6/Qt/plugins/platforms/libqoffscreen.so"]
    # Qt's translations stay out, but for those of the terminal's languages (French).
    assert [dest for dest, _, _ in a.datas] == ["PySide6/Qt/translations/qtbase_fr.qm"]
    shipped = {Path(src).name for src, dest in analysis["datas"] if dest == "pos_app/i18n"}
    assert shipped == {"en.qm", "fr.qm", "fr.mo"}  # the catalogues, built by build.sh
    bundles = recorder.named("BUNDLE")
    if platform == "darwin":
        assert bundles[0]["name"] == "pos-app.app"
        assert bundles[0]["info_plist"]["CFBundleShortVersionString"] == namespace["VERSION"]
    else:
        assert not bundles
