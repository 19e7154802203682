"""The core's messages in French: a service's refusal and a doctor's line come out in the
terminal's language, while `--json` keeps the English (it is for machines)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app import i18n
from pos_app.domain.models import PerPointRule, TierInfo
from pos_app.domain.pay_with_points import card_title
from pos_app.domain.progress import tier_progress
from pos_app.i18n import compile as catalogues
from pos_app.services import validate
from pos_app.services.errors import BadInput, DiskFullError
from pos_app.services.machine_checks import folder_check
from pos_app.settings import find


@pytest.fixture
def french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    built = tmp_path / "built"
    built.mkdir()
    catalogues.build(out=built)
    monkeypatch.setattr(i18n, "mo_path", lambda language: built / f"{language}.mo")
    assert i18n.use("fr")
    try:
        yield
    finally:
        i18n.use("en")


def test_a_service_message_comes_out_in_french(french: None) -> None:
    with pytest.raises(BadInput) as refused:
        validate.query("")
    assert refused.value.message.startswith("Tapez un nom")
    assert DiskFullError().message.startswith("Le disque est plein")


def test_a_whole_number_message_and_a_count_in_french(french: None) -> None:
    with pytest.raises(BadInput) as typed:
        validate.points("abc")
    assert "doit être un nombre entier" in typed.value.message
    forms = ("{n} return with a shortfall", "{n} returns with a shortfall")
    assert i18n.ngettext(*forms, 0) == "{n} retour avec un manque"  # French: 0 is singular
    assert i18n.ngettext(*forms, 2) == "{n} retours avec un manque"


def test_a_doctor_line_is_french_on_screen_and_english_in_json(
    french: None, tmp_path: Path
) -> None:
    check = folder_check("log folder", tmp_path / "nowhere")
    assert check.detail.endswith("n'existe pas encore")
    assert check.fix == "création automatique au premier démarrage"
    shown = check.as_json()
    assert str(shown["detail"]).endswith("does not exist yet")
    assert shown["fix"] == "it is made at first start"


def test_a_settings_help_is_french_where_shown(french: None) -> None:
    setting = find("printer.device")
    assert setting.help_text.startswith("l'imprimante de tickets")
    assert setting.help.startswith("the ESC/POS receipt printer")  # the key's own record


def test_the_tier_progress_and_pay_with_points_rate_are_french_on_screen(french: None) -> None:
    """They were English inside French screens (f-strings); `--json` keeps the English."""
    tiers = [TierInfo("tier_gold", "Gold", 5000), TierInfo("tier_silver", "Silver", 1000)]
    progress = tier_progress(3900, tiers)
    assert progress.text == "Encore 1\u202f100 points pour Gold"
    assert progress.as_json()["text"] == "1\u202f100 points to Gold"
    assert tier_progress(6000, tiers).text == "Gold\u00a0: niveau le plus haut"
    rule = PerPointRule(discount_per_point=5, min_points=100, max_points=10_000, step=10)
    assert card_title("Pay with points", rule, "XOF").endswith("\u00a0: 5\u00a0F\u202fCFA le point")


def test_english_is_back_after(tmp_path: Path) -> None:
    assert i18n.language() == "en"
    assert folder_check("log folder", tmp_path / "nowhere").detail.endswith("does not exist yet")
