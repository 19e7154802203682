"""Money, numbers and dates in the five countries' locales (Babel), the printer's form of
them, a French slip's bytes, and phone numbers typed as people dial them in each country."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

import pos_app.i18n as i18n
from pos_app.domain import phones
from pos_app.domain.money import format_money, money_codes, money_text, printer_text, reward_words
from pos_app.i18n import formats
from pos_app.render import escpos_slip as slips

NB, NNB = "\u00a0", "\u202f"


@pytest.fixture
def speak() -> Iterator[object]:
    """i18n.use(language, country) for one test; English in Nigeria afterwards."""
    yield i18n.use
    i18n.use("en", "NG")
    formats.use_zone(None)


@pytest.mark.parametrize(
    ("language", "country", "currency", "amount", "text"),
    [
        ("en", "NG", "NGN", 12_345, "₦12,345"),
        ("en", "NG", "NGN", -1_000, "-₦1,000"),
        ("en", "GH", "GHS", 12_345, "GH₵12,345"),
        ("en", "KE", "KES", 12_345, f"Ksh{NB}12,345"),
        ("fr", "CI", "XOF", 12_345, f"12{NNB}345{NB}F{NNB}CFA"),
        ("fr", "SN", "XOF", 5_000, f"5{NNB}000{NB}F{NNB}CFA"),
        ("fr", "CI", "XOF", 0, f"0{NB}F{NNB}CFA"),
        ("en", "ZA", "ZAR", 12_345, f"R12{NB}345"),
        ("fr", "CI", "NGN", 1_000, f"1{NNB}000{NB}NGN"),  # a currency not the country's
    ],
)
def test_money_in_each_countrys_locale_has_no_fraction(
    speak: object, language: str, country: str, currency: str, amount: int, text: str
) -> None:
    i18n.use(language, country)
    assert i18n.locale_id() == f"{language}_{country}"
    assert format_money(amount, currency) == text
    assert not re.search(r"[.,]\d\d(?!\d)", text)  # no cents


@pytest.mark.parametrize(
    ("language", "country", "number", "signed"),
    [
        ("en", "NG", "12,345", "+12,345"),
        ("en", "GH", "12,345", "+12,345"),
        ("en", "KE", "12,345", "+12,345"),
        ("fr", "CI", f"12{NNB}345", f"+12{NNB}345"),
        ("fr", "SN", f"12{NNB}345", f"+12{NNB}345"),
        ("en", "ZA", f"12{NB}345", f"+12{NB}345"),
    ],
)
def test_numbers_in_each_locale(
    speak: object, language: str, country: str, number: str, signed: str
) -> None:
    i18n.use(language, country)
    assert formats.number(12_345) == number
    assert formats.signed(12_345) == signed
    assert formats.signed(-5) == "\N{MINUS SIGN}5"


def test_dates_in_the_locale_and_the_stores_zone(speak: object) -> None:
    at = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    formats.use_zone(ZoneInfo("Africa/Lagos"))  # UTC+1: already the 27th
    i18n.use("en", "NG")
    assert formats.date_text(at) == "27 November 2026"
    assert formats.time_text(at) == "00:30"
    assert formats.datetime_text(at) == "27 Nov 2026 00:30"
    i18n.use("fr", "CI")
    formats.use_zone(ZoneInfo("Africa/Abidjan"))  # UTC
    assert formats.date_text(at) == "26 novembre 2026"
    assert formats.datetime_text(at) == "26 nov. 2026 23:30"


@pytest.mark.parametrize(
    ("language", "country", "name", "shown"),
    [
        ("fr", "CI", "XOF 5000 off", f"5{NNB}000{NB}F{NNB}CFA off"),
        ("fr", "SN", "Gold: 10 000 XOF off", f"Gold: 10{NNB}000{NB}F{NNB}CFA off"),
        ("en", "GH", "GHS 50 off", "GH₵50 off"),
        ("en", "KE", "KES 500 off", f"Ksh{NB}500 off"),
        ("en", "ZA", "ZAR 1000 off", f"R1{NB}000 off"),
        ("en", "NG", "NGN 1,000 off", "₦1,000 off"),
    ],
)
def test_money_inside_a_rewards_name_in_each_locale(
    speak: object, language: str, country: str, name: str, shown: str
) -> None:
    i18n.use(language, country)
    assert money_text(name) == shown
    assert money_text(shown) == shown  # written once, it stays as it is


def test_reward_words_with_babels_money(speak: object) -> None:
    i18n.use("en", "ZA")
    words = reward_words("ZAR 1000 off", 1000, "ZAR")
    assert (words.headline, words.detail, words.item) == (f"R1{NB}000 off", "", False)
    i18n.use("en", "GH")
    words = reward_words("Free meat pie", 25, "GHS")
    assert (words.headline, words.detail, words.item) == ("Free meat pie", "worth GH₵25", True)


def test_the_printer_form_writes_codes_for_signs_outside_ascii(speak: object) -> None:
    i18n.use("en", "GH")
    assert money_codes(format_money(5000, "GHS")) == "GHS 5,000"
    i18n.use("en", "NG")
    assert money_codes("Gold: ₦20,000 off, -₦5") == "Gold: NGN 20,000 off, -NGN 5"
    i18n.use("fr", "CI")
    assert printer_text(format_money(12_345, "XOF")) == "12 345 F CFA"  # ASCII: kept
    assert printer_text(format_money(-1_000, "NGN")) == "-1 000 NGN"


def test_a_french_slip_reaches_the_printer_with_its_accents(speak: object) -> None:
    """python-escpos's magic encoding: CP437 holds é (0x82) and à (0x85); the slip selects
    it (ESC t 0) before the text. Money is Babel's, with ASCII spaces."""
    if not i18n.use("fr", "CI"):
        pytest.skip("the French catalogue is not built: python -m pos_app.i18n.compile")
    where = slips.Where("Plateau", "caisse-2", "Awa", datetime(2026, 11, 26, 14, 5, tzinfo=UTC))
    slip = slips.RedemptionSlip(
        "REDEEM-ABC123", "XOF 5000 off", 5000, "XOF", 1_200, 3_400, "Aya", offline=False
    )
    data = slips.redemption(slip, where, 80)
    assert b"\x1bt\x00" in data  # the code page CP437 is chosen
    assert "RÉCOMPENSE FIDÉLITÉ".encode("cp437") in data
    assert "Présentez ce code à la caisse.".encode("cp437") in data
    assert "5 000 F CFA de remise".encode("cp437") in data
    assert "Solde après".encode("cp437") in data and b"3 400" in data
    assert "\u202f".encode() not in data and b"\xe2" not in data  # no UTF-8 leaked
    assert b"LOYALTY REWARD" not in data


def test_an_english_slip_in_ghana_writes_the_code_for_the_cedi(speak: object) -> None:
    i18n.use("en", "GH")
    where = slips.Where("Osu", "till-1", "Kofi", datetime(2026, 11, 26, 14, 5, tzinfo=UTC))
    slip = slips.RedemptionSlip("REDEEM-ABC123", "GHS 50 off", 50, "GHS", 200, 10, None, False)
    data = slips.redemption(slip, where, 58)
    assert b"GHS 50 off" in data and "₵".encode() not in data


@pytest.mark.parametrize(
    ("country", "typed", "e164", "shown"),
    [
        ("GH", "024 412 3456", "+233244123456", "024 412 3456"),
        ("KE", "0712 345678", "+254712345678", "0712 345678"),
        ("CI", "07 01 23 45 67", "+2250701234567", "07 01 23 4567"),
        ("ZA", "071 234 5678", "+27712345678", "071 234 5678"),
        ("SN", "77 123 45 67", "+221771234567", "77 123 45 67"),
        ("NG", "0803 123 4567", "+2348031234567", "0803 123 4567"),
    ],
)
def test_local_numbers_by_the_stores_country(
    country: str, typed: str, e164: str, shown: str
) -> None:
    assert phones.normalise(typed, country) == e164
    assert phones.maybe_e164(typed, country) == e164
    assert phones.shown(e164, country) == shown
    assert phones.shown(e164, "NG" if country != "NG" else "GH").startswith("+")


def test_the_hint_names_the_stores_country_not_nigeria() -> None:
    with pytest.raises(phones.PhoneProblem) as caught:
        phones.normalise("12", "KE")
    assert "+254" in str(caught.value) and "+234" not in str(caught.value)
    assert phones.example("ZA").startswith("0")


def test_no_country_code_is_written_in_the_phone_code() -> None:
    from pathlib import Path

    source = Path(phones.__file__).read_text(encoding="utf-8").split('"""', 2)[2]
    assert "234" not in source
