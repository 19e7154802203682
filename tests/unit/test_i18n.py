"""The translation layer (pos_app/i18n): which language is spoken, what happens when its
catalogue is not built, the build itself, and THE completeness rule: every message of the
source has its French (and each count its English forms)."""

from __future__ import annotations

import gettext
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app import i18n
from pos_app.config import ConfigError, load_config
from pos_app.i18n import compile as catalogues
from pos_app.i18n.formats import number
from pos_app.services.doctor import language_check


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.use("en", "NG")


@pytest.fixture
def unbuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No catalogue built (a checkout where nobody ran the build), no warning given yet."""
    monkeypatch.setattr(i18n, "HERE", tmp_path)
    monkeypatch.setattr(i18n, "_warned", set())
    return tmp_path


# ---------------------------------------------------------------- which language
@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_CI.UTF-8"}, "fr"),
        ({"LANG": "fr_SN"}, "fr"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_NG.UTF-8"}, "fr"),  # LC_ALL first
        ({"LC_ALL": "C", "LANG": "fr_CI.UTF-8"}, "fr"),  # "C" names no language
        ({"LC_MESSAGES": "en_GH.UTF-8", "LANG": "fr_CI.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:en"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # a language the terminal does not have
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_auto_follows_the_system(environ: dict[str, str], expected: str) -> None:
    assert i18n.resolve("auto", environ) == expected
    assert i18n.resolve(None, environ) == expected


def test_a_chosen_language_wins_over_the_system() -> None:
    assert i18n.resolve("fr", {"LANG": "en_NG.UTF-8"}) == "fr"
    assert i18n.resolve("en", {"LANG": "fr_CI.UTF-8"}) == "en"


def test_the_setting_is_in_the_schema_and_checked(tmp_path: Path) -> None:
    assert load_config(data_dir=tmp_path, env={}).language == "auto"
    (tmp_path / "config.toml").write_text('[terminal]\nlanguage = "fr"\n', encoding="utf-8")
    assert load_config(data_dir=tmp_path, env={}).language == "fr"
    (tmp_path / "config.toml").write_text('[terminal]\nlanguage = "de"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"language in \[terminal\] .* must be auto .*'de'"):
        load_config(data_dir=tmp_path, env={})


def test_french_is_spoken_and_written_for_the_store_country() -> None:
    assert i18n.start("fr", "CI") == "fr"
    assert i18n._("French") == "Français"
    assert i18n.locale_id() == "fr_CI"
    assert number(12345) == "12\N{NARROW NO-BREAK SPACE}345"
    assert i18n.start("en", "NG") == "en"
    assert i18n._("French") == "French" and number(12345) == "12,345"


# ---------------------------------------------------------------- a catalogue not built
def test_a_catalogue_not_built_is_english_with_one_warning(
    unbuilt: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="pos_app.i18n"):
        assert i18n.start("fr", "CI") == "en"
        assert i18n.start("fr", "CI") == "en"  # the GUI chooses again: still one line
    assert i18n.language() == "en" and i18n._("French") == "French"
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1, lines
    assert lines[0].startswith("French chosen but its catalogue is not built (fr.mo)")
    assert lines[0].endswith("run python -m pos_app.i18n.compile")


def test_the_doctor_says_a_catalogue_is_not_built(unbuilt: Path) -> None:
    check = language_check("fr", screen=True)
    assert check.ok is None  # a warning: the terminal works, in English
    assert check.detail == "French chosen but its catalogue is not built (fr.mo, fr.qm)"
    assert check.fix == "run python -m pos_app.i18n.compile"
    assert language_check("en", screen=False).ok is True  # English needs no .mo


def test_the_doctor_passes_a_built_catalogue() -> None:
    check = language_check("fr", screen=False)
    assert (check.ok, check.detail) == (True, "French (chosen)")


# ---------------------------------------------------------------- the build
def test_the_build_writes_loadable_catalogues(tmp_path: Path) -> None:
    written = {p.name for p in catalogues.build(tmp_path)}
    assert written == {"fr.mo", "fr.qm", "en.qm"}
    with (tmp_path / "fr.mo").open("rb") as handle:
        french = gettext.GNUTranslations(handle)
    assert french.gettext("French") == "Français"
    for qm in ("fr.qm", "en.qm"):  # Qt's magic number; loaded by QTranslator in test_gui_language
        assert (tmp_path / qm).read_bytes()[:16] == bytes.fromhex(
            "3cb86418caef9c95cd211cbf60a1bddd"
        )
    assert not catalogues.stale(tmp_path)
    os.utime(tmp_path / "fr.mo", (0, 0))  # older than fr.po: built again by the tests
    assert catalogues.stale(tmp_path)


def test_every_message_has_its_french() -> None:
    """THE completeness rule: every `tr`, `_`, `ngettext` and `N_` message of the source
    (extracted afresh) has a finished French translation, and every count its English
    forms. Fix: python -m pos_app.i18n.compile --update, then translate (README,
    "Languages")."""
    gaps = catalogues.missing()
    assert not gaps, "\n".join(f"{gap.catalogue}: {gap.source}" for gap in gaps)
