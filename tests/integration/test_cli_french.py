"""The command line speaks the system's language: with LANG=fr_FR.UTF-8 (and the built
catalogue) its answers for people, its errors and its --help are French; --json stays
English (it is for machines). Real subprocesses: the language is chosen at start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app.i18n.compile import build

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture(scope="module", autouse=True)
def _catalogue() -> None:
    build()  # fr.mo next to fr.po (built files are not committed)


def _run(data: Path, *args: str, lang: str = "fr_FR.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("POS_APP_", "LOYALPRO_", "LC_")) and k != "LANGUAGE"
    }
    env |= {"LANG": lang, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.run(
        [sys.executable, "-m", "pos_app", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_a_command_and_an_error_in_french(tmp_path: Path) -> None:
    listed = _run(tmp_path, "staff", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == (
        f"Aucun compte pour l'instant{NBSP}: ajoutez d'abord un responsable."
    )

    refused = _run(tmp_path, "customer", "find", "Ada", "--limit", "500")
    assert refused.returncode == 2
    assert refused.stderr.strip() == "pos-app: La limite est de 100 au plus."


def test_help_in_french_and_json_in_english(tmp_path: Path) -> None:
    helped = _run(tmp_path, "staff", "--help")
    assert helped.returncode == 0
    assert helped.stdout.startswith("utilisation" + NBSP + ": pos-app staff")
    assert "comptes des caissiers et responsables" in _run(tmp_path, "--help").stdout

    as_json = _run(tmp_path, "customer", "find", "Ada", "--limit", "500", "--json")
    assert as_json.returncode == 2
    answer = json.loads(as_json.stdout)
    assert answer["error"] == {"code": "bad_input", "message": "Limit must be at most 100."}


def test_english_without_a_french_system(tmp_path: Path) -> None:
    listed = _run(tmp_path, "staff", "list", lang="C.UTF-8")
    assert listed.stdout.strip() == "No staff yet: add a manager first."


def test_an_api_error_is_stored_in_english_and_shown_in_french() -> None:
    from pos_app import i18n
    from pos_app.api import Unauthorized

    assert i18n.use("fr")
    try:
        error = Unauthorized()
        assert error.message == "The terminal's API key was not accepted."  # logs, outbox
        assert error.shown == "La clé d'API du terminal n'a pas été acceptée."
        said_by_backend = Unauthorized("Key revoked by the merchant.")
        assert said_by_backend.shown == "Key revoked by the merchant."  # the backend's words
    finally:
        i18n.use(i18n.DEFAULT)
