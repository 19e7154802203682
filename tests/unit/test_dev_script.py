"""packaging/dev.sh, run on a copy of the checkout whose Python, pip and app are stand-ins
that log their calls: a clean clone installs and builds the catalogues; a second start runs
neither pip nor the catalogue build (pip's re-check took ~7 s of every `dev.sh demo`); a
changed pyproject.toml, a package gone from the venv, a failed install or a changed
catalogue source redoes its step; the stamps are owner-only."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Stand-in for `python3 -m venv .venv`: a venv whose pip and app log their calls, and whose
# python builds the catalogues (one .qm per .ts, one .mo per .po) and logs that.
FAKE_PYTHON = r"""#!/usr/bin/env bash
set -euo pipefail
log="$DEV_LOG"
if [ "$1 $2" = "-m venv" ]; then
    venv="$3"
    mkdir -p "$venv/bin" "$venv/lib/python3.11/site-packages"
    cp "$0" "$venv/bin/python"
    cat >"$venv/bin/pip" <<'EOF'
#!/usr/bin/env bash
echo "pip $*" >>"$DEV_LOG"
[ -z "${PIP_FAILS:-}" ] || exit 1
touch "$(dirname "$0")/../lib/python3.11/site-packages/installed.dist-info"
EOF
    printf '#!/usr/bin/env bash\necho "app $*" >>"$DEV_LOG"\n' >"$venv/bin/pos-app"
    chmod +x "$venv/bin/pip" "$venv/bin/pos-app"
    echo venv >>"$log"
    exit 0
fi
if [ "$1 $2" = "-m pos_app.i18n.compile" ]; then
    for f in pos_app/i18n/*.ts; do cp "$f" "${f%.ts}.qm"; done
    for f in pos_app/i18n/*.po; do cp "$f" "${f%.po}.mo"; done
    echo compile >>"$log"
    exit 0
fi
echo "python $*" >>"$log"
"""

# Every Debian package the script checks counts as installed: no apt-get from a test.
FAKE_DPKG_QUERY = r"""#!/usr/bin/env bash
shift 2
for pkg in "$@"; do echo "$pkg=install ok installed"; done
"""
PIP_ALL = "pip install -q --disable-pip-version-check -e .[all]"
FAKE_APT_GET = '#!/usr/bin/env bash\necho apt-get >>"$DEV_LOG"\nexit 1\n'


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    (root / "packaging").mkdir(parents=True)
    (root / "pos_app" / "i18n").mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "dev.sh", root / "packaging" / "dev.sh")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for name in ("fr.ts", "en.ts", "fr.po"):
        shutil.copy(ROOT / "pos_app" / "i18n" / name, root / "pos_app" / "i18n" / name)
    tools = tmp_path / "tools"
    tools.mkdir()
    for name, text in (
        ("python", FAKE_PYTHON),
        ("dpkg-query", FAKE_DPKG_QUERY),
        ("apt-get", FAKE_APT_GET),
    ):
        (tools / name).write_text(text)
        (tools / name).chmod(0o755)
    return root


def run(root: Path, *args: str, **env: str) -> list[str]:
    """dev.sh's calls to pip, the catalogue build and the app, in order."""
    log = root.parent / "calls.log"
    log.unlink(missing_ok=True)
    tools = root.parent / "tools"
    environ = {
        **os.environ,
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "PYTHON": str(tools / "python"),
        "DEV_LOG": str(log),
        **env,
    }
    done = subprocess.run(
        ["bash", str(root / "packaging" / "dev.sh"), *args],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    calls = log.read_text().splitlines() if log.exists() else []
    if done.returncode:
        calls.append(f"exit {done.returncode}")
    return calls


def test_a_clean_clone_installs_then_a_second_start_only_runs_the_app(checkout: Path) -> None:
    assert run(checkout, "demo", "--quit-after-ready") == [
        "venv",
        PIP_ALL,
        "compile",
        "app --sandbox --quit-after-ready",
    ]
    assert run(checkout, "demo", "--quit-after-ready") == ["app --sandbox --quit-after-ready"]


def test_the_stamps_are_owner_only(checkout: Path) -> None:
    run(checkout, "demo")
    stamps = sorted((checkout / ".venv").glob(".dev-*"))
    assert [p.name for p in stamps] == [".dev-catalogues", ".dev-installed-all"]
    for path in stamps:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_changed_pyproject_reinstalls(checkout: Path) -> None:
    run(checkout, "demo")
    with (checkout / "pyproject.toml").open("a") as handle:
        handle.write("\n# a new dependency\n")
    assert run(checkout, "demo") == [
        PIP_ALL,
        "compile",
        "app --sandbox",
    ]
    assert run(checkout, "demo") == ["app --sandbox"]


def test_a_broken_venv_reinstalls(checkout: Path) -> None:
    run(checkout, "demo")
    (checkout / ".venv/lib/python3.11/site-packages/installed.dist-info").unlink()
    assert run(checkout, "demo")[0].startswith("pip install")
    (checkout / ".venv/bin/python").unlink()  # the venv's interpreter gone
    assert run(checkout, "demo")[:2] == ["venv", PIP_ALL]


def test_a_failed_install_is_retried_on_the_next_start(checkout: Path) -> None:
    assert run(checkout, "demo", PIP_FAILS="1") == [
        "venv",
        PIP_ALL,
        "exit 1",
    ]
    assert run(checkout, "demo") == [
        PIP_ALL,
        "compile",
        "app --sandbox",
    ]


def test_a_changed_or_missing_catalogue_is_rebuilt_without_pip(checkout: Path) -> None:
    run(checkout, "demo")
    with (checkout / "pos_app/i18n/fr.po").open("a") as handle:
        handle.write("\n")
    assert run(checkout, "demo") == ["compile", "app --sandbox"]
    (checkout / "pos_app/i18n/fr.qm").unlink()
    assert run(checkout, "demo") == ["compile", "app --sandbox"]
    assert run(checkout, "demo") == ["app --sandbox"]


def test_the_tests_install_their_extra_which_covers_the_demo(checkout: Path) -> None:
    run(checkout, "demo")
    assert run(checkout, "test", "-q") == [
        "pip install -q --disable-pip-version-check -e .[test]",
        "compile",
        "python -m pytest -q",
    ]
    assert run(checkout, "test") == ["python -m pytest"]
    assert run(checkout, "demo") == ["app --sandbox"]
