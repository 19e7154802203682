"""The command line in the terminal's language (issue 13, item 3): `terminal.language` of
the data folder's config.toml, else the system's; a catalogue not built is English with
one warning, and the doctor names the fix. The doctor's own line is the message checked
(its other lines are other areas' words)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.terminal_helpers import InProcessCli as Cli

from pos_app import i18n

pytestmark = pytest.mark.usefixtures("usual_command_line")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    monkeypatch.setenv("POS_APP_LOG_DIR", str(tmp_path / "logs"))
    return Cli(capsys, monkeypatch, tmp_path / "data")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.use("en", "NG")


def choose(cli: Cli, language: str) -> None:
    cli.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    config = cli.data_dir / "config.toml"
    config.write_text(f'[terminal]\nlanguage = "{language}"\n', encoding="utf-8")
    config.chmod(0o600)


def language_line(out: str) -> str:
    """The doctor's language line, named in the language it speaks ("langue" in French)."""
    return next(line for line in out.splitlines() if line[6:].startswith(("language:", "langue:")))


def test_the_setting_makes_the_command_line_french(cli: Cli) -> None:
    choose(cli, "fr")
    run = cli("doctor")
    assert language_line(run.out) == "PASS  langue: Français (choisi)", run.out
    choose(cli, "en")
    assert language_line(cli("doctor").out) == "PASS  language: English (chosen)"


def test_auto_follows_the_system(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "fr_CI.UTF-8")
    assert language_line(cli("doctor").out) == "PASS  langue: Français (langue du système)"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert language_line(cli("doctor").out) == "PASS  language: English (the system's language)"


def test_json_is_for_machines_and_keeps_its_keys(cli: Cli) -> None:
    choose(cli, "fr")
    answer = json.loads(cli("--json", "doctor").out)
    (check,) = [c for c in answer["checks"] if c["name"] == "language"]
    assert check["status"] == "pass"


def test_a_catalogue_not_built_is_english_and_the_doctor_says_so(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(i18n, "HERE", tmp_path / "nothing built")
    monkeypatch.setattr(i18n, "_warned", set())
    choose(cli, "fr")
    with caplog.at_level(logging.WARNING, logger="pos_app.i18n"):
        run = cli("doctor")
    warned = [r.getMessage() for r in caplog.records if r.name == "pos_app.i18n"]
    assert warned == [
        "French chosen but its catalogue is not built (fr.mo): English is used; "
        "run python -m pos_app.i18n.compile"
    ]
    line = language_line(run.out)
    assert line.startswith("WARN  language: French chosen but its catalogue is not built (fr.mo")
    assert "      fix: run python -m pos_app.i18n.compile" in run.out
