"""The earn rate (config.toml `[earn]`, domain/earning.py): points from a sale's amount,
rounded down, and the config's checks naming key, value and what is allowed."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.config import ConfigError, load_config
from pos_app.domain.earning import EarnRate, EarnRules, points_for


def test_points_round_down_to_complete_units() -> None:
    rate = EarnRate(1, 100)
    assert points_for(10_000, rate) == 100
    assert points_for(199, rate) == 1
    assert points_for(99, rate) == 0
    assert points_for(0, rate) == 0
    assert points_for(10_000, EarnRate(3, 250)) == 120
    assert points_for(150, rate, Fraction(3, 2)) == 2  # 1.5 * 1.5 = 2.25
    assert points_for(10_000, rate, Fraction("1.5")) == 150
    with pytest.raises(ValueError):
        points_for(-1, rate)


@settings(max_examples=200, derandomize=True)
@given(
    amount=st.integers(0, 10**9),
    points=st.integers(1, 1000),
    per=st.integers(1, 10_000),
    hundredths=st.integers(1, 1000),
)
def test_points_are_the_exact_floor(amount: int, points: int, per: int, hundredths: int) -> None:
    got = points_for(amount, EarnRate(points, per), Fraction(hundredths, 100))
    assert got == (amount * points * hundredths) // (per * 100)


def _config(tmp_path: Path, text: str) -> EarnRules:
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    return load_config(data_dir=tmp_path, env={}).earn


def test_earn_defaults_to_naira_per_point(tmp_path: Path) -> None:
    rules = _config(tmp_path, "naira_per_point = 50\n")
    assert rules.currency == "NGN"
    assert rules.rate("ngn") == EarnRate(1, 50)
    assert rules.multiplier("tier_gold") == 1


def test_earn_table_read(tmp_path: Path) -> None:
    rules = _config(
        tmp_path,
        "[earn]\ncurrency = 'GHS'\n[earn.NGN]\nper = 100\n[earn.GHS]\npoints = 2\nper = 1\n"
        "[earn.tiers]\ntier_gold = 1.5\ntier_silver = 1\n",
    )
    assert rules.currency == "GHS"
    assert rules.rate("GHS") == EarnRate(2, 1)
    assert rules.rate("USD") is None
    assert rules.multiplier("tier_gold") == Fraction(3, 2)
    assert rules.multiplier(None) == 1


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ("[earn.NGN]\nper = 0\n", "per in [earn.NGN]"),
        ("[earn.NGN]\nper = 1.5\n", "whole number from 1 to 1,000,000, not 1.5"),
        ("[earn.NGN]\npoints = 1\n", "needs per"),
        ("[earn.NGN]\nper = 100\nrate = 2\n", "unknown keys: rate (allowed: points, per)"),
        ("[earn]\nNGN = 0.01\n", "must be a table with points and per"),
        ("[earn]\nnaira = 1\n", "unknown key 'naira'"),
        ("[earn.NGN]\nper = 100\n[earn.tiers]\ntier_gold = 0\n", "above 0 and up to 10"),
        ("[earn.NGN]\nper = 100\n[earn.tiers]\ntier_gold = 1.555\n", "at most two decimals"),
        ("[earn.NGN]\nper = 100\n[earn.tiers]\ntier_gold = true\n", "not True"),
        ("[earn]\ncurrency = 'USD'\n[earn.NGN]\nper = 100\n", "one of the rates' currencies"),
        ("earn = 5\n", "must be a table"),
    ],
)
def test_earn_config_is_checked(tmp_path: Path, table: str, words: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(words)):
        _config(tmp_path, table)


# --- a rate per currency (issue 13): no more naira-only fallback --------------------------
def test_every_currency_of_the_five_earns_without_an_earn_table(tmp_path: Path) -> None:
    rules = _config(tmp_path, "")
    assert rules.currency == "NGN"
    assert {c: rules.rate(c) for c in ("NGN", "GHS", "KES", "XOF", "ZAR")} == {
        "NGN": EarnRate(1, 100),
        "GHS": EarnRate(1, 1),
        "KES": EarnRate(1, 10),
        "XOF": EarnRate(1, 50),
        "ZAR": EarnRate(1, 1),
    }


def test_an_old_naira_per_point_is_the_ngn_rate_and_no_other(tmp_path: Path) -> None:
    rules = _config(tmp_path, "naira_per_point = 250\n[earn.XOF]\npoints = 2\nper = 100\n")
    assert rules.rate("NGN") == EarnRate(1, 250)
    assert rules.rate("XOF") == EarnRate(2, 100)
    assert rules.rate("GHS") == EarnRate(1, 1)  # untouched by a naira setting
    assert rules.currency == "XOF"  # the only [earn] table, as before


def test_an_earn_ngn_table_wins_over_the_old_naira_per_point(tmp_path: Path) -> None:
    rules = _config(tmp_path, "naira_per_point = 250\n[earn.NGN]\nper = 40\n")
    assert rules.rate("NGN") == EarnRate(1, 40)


def test_the_terminals_currency_is_the_sales(tmp_path: Path) -> None:
    rules = _config(tmp_path, "currency = 'XOF'\n")
    assert rules.currency == "XOF" and rules.rate("XOF") == EarnRate(1, 50)
    config = load_config(data_dir=tmp_path, env={})
    assert config.currency == "XOF"


def test_an_unknown_currency_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("currency = 'ABC'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="ISO 4217"):
        load_config(data_dir=tmp_path, env={})


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("", "NG"),
        ("phone_region = 'GH'\n", "GH"),  # an old file
        ("country = 'CI'\n", "CI"),
        ("country = 'ZA'\nphone_region = 'GH'\n", "ZA"),
    ],
)
def test_the_stores_country_reads_the_old_phone_region(
    tmp_path: Path, text: str, country: str
) -> None:
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    config = load_config(data_dir=tmp_path, env={})
    assert config.country == config.phone_region == country


def test_a_rate_says_itself_in_the_locale() -> None:
    import pos_app.i18n as i18n

    try:
        i18n.use("en", "NG")
        assert EarnRate(1, 100).describe("NGN") == "1 point per ₦100"
        i18n.use("en", "ZA")
        assert EarnRate(2, 1000).describe("ZAR") == "2 points per R1\u00a0000"
    finally:
        i18n.use("en", "NG")
