"""`pip install pos-app` is the core and the command line: no Qt and no web server stack.
The extras bring them ([gui], [sandbox], both with [all]); what is left out says which
extra brings it. Installed for real into a new virtual environment (pip's cache and the
configured index make it quick)."""

from __future__ import annotations

import os
import subprocess
import tomllib
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEFT_OUT = ("PySide6", "fastapi", "uvicorn", "starlette", "pydantic")


def test_the_core_dependencies_leave_qt_and_the_web_stack_to_extras() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"]).casefold()
    assert not any(name.casefold() in core for name in LEFT_OUT)
    extras = project["optional-dependencies"]
    assert any("pyside6" in dep.casefold() for dep in extras["gui"])
    assert {"fastapi", "uvicorn"} <= {dep.split(">")[0].split("=")[0] for dep in extras["sandbox"]}
    assert extras["all"] == ["pos-app[gui,sandbox]"]
    assert "pos-app[all]" in extras["test"]


@pytest.mark.timeout(900)
def test_a_core_only_install_runs_the_command_line(tmp_path: Path) -> None:
    env_dir = tmp_path / "core"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=840,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    for module in LEFT_OUT:
        probe = subprocess.run([str(python), "-c", f"import {module}"], capture_output=True)
        assert probe.returncode != 0, f"{module} was installed with the core"

    app = str(env_dir / "bin" / "pos-app")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [app, "--data-dir", str(tmp_path / "till"), *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )

    helped = run("--help")
    assert helped.returncode == 0, helped.stderr
    assert "sync" in helped.stdout
    status = run("sync", "status")
    assert status.returncode == 0, status.stdout + status.stderr
    assert "no backend configured" in status.stdout
    # What is left out says which extra brings it, in one line, without a traceback.
    gui = run()
    assert gui.returncode == 2
    assert "pip install 'pos-app[gui]'" in gui.stderr
    assert "Traceback" not in gui.stderr
    served = run("sandbox", "serve", "--db", str(tmp_path / "sandbox.db"))
    assert served.returncode == 2
    assert "pip install 'pos-app[sandbox]'" in served.stderr
    assert "Traceback" not in served.stderr
