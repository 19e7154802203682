"""The settings schema (pos_app/settings): one description of every key of config.toml,
the defaults Config starts from, the one message style of a bad value, and any valid value
round-tripping through `config set` (text), config.toml and `load_config` / `config get`."""

from __future__ import annotations

import dataclasses
import math
import re
import string
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.config import Config, ConfigError, load_config
from pos_app.settings import SETTINGS, Applies, Kind, Setting, SettingError, UnknownSetting, find
from pos_app.settings import file as settings_file

FIXED = [s for s in SETTINGS if s.kind is not Kind.SECRET and "<" not in s.key]
# The Config field each setting becomes (the rest are read into a table's object).
FIELD = {
    "logs.max_kib": "log_max_kib",
    "logs.files": "log_files",
    **{s.key: s.key for s in FIXED if "." not in s.key},
}
# Older names, read into the fields of their successors (test_earning, test_country_*).
for _old in ("naira_per_point", "phone_region", "country"):
    del FIELD[_old]


def test_every_setting_is_described() -> None:
    keys = [s.key for s in SETTINGS]
    assert len(keys) == len(set(keys))
    for s in SETTINGS:
        assert s.help and s.allowed and s.applies in (Applies.LIVE, Applies.RESTART), s
        assert "\n" not in s.help and len(s.help) <= 100, s.key
        if s.default is None:
            assert s.default_words, f"{s.key}: say what an unset value means"
        else:
            assert s.check(s.default) == s.default, s.key


def test_the_teams_shared_keys_are_in_the_schema(tmp_path: Path) -> None:
    """TEAM12's shared decisions: kiosk, [logs] max_kib and files, verbatim."""
    kiosk = find("kiosk")
    assert (kiosk.kind, kiosk.default, kiosk.table) == (Kind.BOOL, False, "")
    size, count = find("logs.max_kib"), find("logs.files")
    assert (size.kind, size.default, size.lo, size.hi) == (Kind.WHOLE, 1024, 64, 102_400)
    assert (count.kind, count.default, count.lo, count.hi) == (Kind.WHOLE, 5, 1, 50)
    config = load_config(data_dir=tmp_path, env={})
    assert (config.kiosk, config.log_max_kib, config.log_files) == (False, 1024, 5)


def test_config_starts_from_the_schemas_defaults(tmp_path: Path) -> None:
    config = load_config(data_dir=tmp_path, env={})
    got = settings_file.resolve({}, "", flags={}, env={})
    for key, field in FIELD.items():
        assert getattr(config, field) == got[key].value == find(key).default, key
    assert dataclasses.asdict(config.offline_policy) == {
        s.leaf: s.default for s in SETTINGS if s.table == "offline_policy"
    }
    assert dataclasses.asdict(config.award_limits) == {
        s.leaf: s.default for s in SETTINGS if s.table == "award_limits"
    }
    defaults = Config(tmp_path, None, None)  # the dataclass's own defaults agree
    for key, field in FIELD.items():
        if key not in ("backend_url", "terminal_id"):
            assert getattr(defaults, field) == find(key).default, key


def test_pattern_keys_are_found_and_unknown_ones_named() -> None:
    assert find("earn.GHS.per").key == "earn.<CURRENCY>.per"
    assert find("earn.tiers.tier_gold").key == "earn.tiers.<TIER>"
    with pytest.raises(UnknownSetting, match="did you mean lock_after_minutes"):
        find("lock_after_minute")
    for wrong in ("earn.ghs.per", "earn.NGN.rate", "award_limits", "logs.max", ""):
        with pytest.raises(UnknownSetting):
            find(wrong)


# A value each setting does not allow: the message names the key, the value and what is
# allowed, whatever the setting.
WRONG: dict[Kind, list[Any]] = {
    Kind.BOOL: ["yes", 1, None],
    Kind.WHOLE: [1.5, True, "7", -(10**12), 10**12],
    Kind.NUMBER: [True, "5", math.nan, math.inf, -1e9, 1e12],
    Kind.TEXT: [5, "\x1b[2J", "", "Ада🎉" * 20],
}


@pytest.mark.parametrize("setting", [s for s in SETTINGS if s.kind is not Kind.SECRET], ids=str)
def test_a_bad_value_is_one_clear_message(setting: Setting) -> None:
    key = setting.key.replace("<CURRENCY>", "GHS").replace("<TIER>", "tier_gold")
    for value in WRONG[setting.kind]:
        try:
            setting.check(value, key)
        except SettingError as error:
            message = str(error)
            assert message.startswith(f"{key} must be {setting.allowed}, not "), message
            assert repr(value)[:40] in message and "\n" not in message, message
        else:  # only a text the setting happens to allow
            assert setting.kind is Kind.TEXT, (setting.key, value)


def test_a_secret_is_never_quoted() -> None:
    with pytest.raises(SettingError) as caught:
        find("api_key").check("sk_live_ two words")
    assert "sk_live" not in str(caught.value) and "api_key" in str(caught.value)


def test_a_password_in_a_url_is_masked_in_messages() -> None:
    with pytest.raises(SettingError) as caught:
        find("backend_url").check("ftp://admin:hunter2@loyalty.example")
    assert "hunter2" not in str(caught.value)


def test_command_line_text_is_read_strictly() -> None:
    assert find("kiosk").parse("TRUE") is True
    assert find("lock_after_minutes").parse("2") == 2
    assert find("lock_after_minutes").parse("2.5") == 2.5
    assert find("offline_policy.max_cache_age_hours").parse("1e-05") == 1e-05
    for key, text in [("kiosk", "yes"), ("logs.files", "5.0"), ("logs.files", "five")]:
        with pytest.raises(SettingError, match=re.escape(f"{key} must be")):
            find(key).parse(text)


# --- any valid value round-trips ------------------------------------------------------------
def _valid(setting: Setting) -> st.SearchStrategy[Any]:
    if setting.kind is Kind.BOOL:
        return st.booleans()
    if setting.key == "earn.tiers.<TIER>":
        return st.integers(1, 1000).map(lambda n: n / 100)
    if setting.key == "printer.paper_mm":
        return st.sampled_from([58, 80])
    if setting.kind is Kind.WHOLE:
        return st.integers(int(setting.lo or 0), int(setting.hi or 10**9))
    if setting.kind is Kind.NUMBER:
        return st.floats(setting.lo, setting.hi) | st.integers(
            math.ceil(setting.lo or 0), math.floor(setting.hi or 0)
        )
    return {
        "backend_url": st.sampled_from(
            ["https://loyalty.example", "https://a.b:8443/api", "http://127.0.0.1:9"]
        ),
        "terminal_id": st.from_regex(r"[A-Za-z0-9_.\-]{1,64}", fullmatch=True),
        "store_id": st.text(string.printable[:95], min_size=1, max_size=64),
        "phone_region": st.sampled_from(["NG", "GH", "KE", "ZA", "GB", "US"]),
        "country": st.sampled_from(["NG", "GH", "KE", "CI", "SN", "ZA"]),
        "currency": st.sampled_from(["NGN", "GHS", "KES", "XOF", "ZAR", "USD"]),
        "timezone": st.sampled_from(["Africa/Lagos", "Africa/Accra", "UTC", "Europe/London"]),
        "earn.currency": st.just("NGN"),
        "terminal.language": st.sampled_from(["auto", "en", "fr"]),
        "scanner.prefix": st.sampled_from(["", "]C1", "#", "~A"]),
        "scanner.suffix": st.sampled_from(["Enter", "Tab", "#", "END"]),
        "printer.device": st.sampled_from(
            ["", "usb:04b8:0e15", "net:192.168.1.50", "net:printer.local:9101", "file:/tmp/p"]
        ),
        "display.screen": st.sampled_from(["", "2", "HDMI-2", "DP-1"]),
        "display.store_name": st.sampled_from(["", "Ikeja City Mall", "Plateau - Abidjan"]),
    }[setting.key]


KEYED = [
    (s, s.key.replace("<CURRENCY>", "NGN").replace("<TIER>", "tier_gold"))
    for s in SETTINGS
    if s.kind is not Kind.SECRET
]


@pytest.mark.parametrize(("setting", "key"), KEYED, ids=[k for _, k in KEYED])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_valid_value_round_trips(setting: Setting, key: str, data: st.DataObject) -> None:
    value = data.draw(_valid(setting))
    assert setting.parse(setting.text(value), key) == value  # `config set KEY TEXT`
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        base: dict[str, Any] = {"earn": {"NGN": {"per": 100}}} if key.startswith("earn") else {}
        settings_file.write(path, settings_file.with_value(base, key, value))
        values = settings_file.read(path)
        assert settings_file.lookup(values, key) == (True, value)  # `config get KEY`
        assert [p for p in settings_file.problems(values, str(path))] == []
        config = load_config(data_dir=folder, env={})  # what the terminal runs with
        if key in FIELD:
            expected = value
            if key == "backend_url":
                expected = value.rstrip("/")
            assert getattr(config, FIELD[key]) == expected
        elif key in ("country", "phone_region"):  # the store's country, by either name
            assert config.country == config.phone_region == value
        elif key.startswith(("offline_policy.", "award_limits.", "scanner.")):
            tables = {"o": config.offline_policy, "a": config.award_limits, "s": config.scanner}
            assert getattr(tables[key[0]], key.rpartition(".")[2]) == value


def test_with_value_keeps_every_other_key_and_unset_removes() -> None:
    values = {"kiosk": True, "earn": {"NGN": {"per": 100}}, "logs": {"files": 3}}
    changed = settings_file.with_value(values, "logs.max_kib", 128)
    assert changed == {
        "kiosk": True,
        "earn": {"NGN": {"per": 100}},
        "logs": {"files": 3, "max_kib": 128},
    }
    assert values["logs"] == {"files": 3}  # a copy: the original is untouched
    assert settings_file.with_value(changed, "kiosk", None) == {
        "earn": {"NGN": {"per": 100}},
        "logs": {"files": 3, "max_kib": 128},
    }


def test_check_lists_every_problem_and_startup_names_the_first(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        'kiosk = "yes"\nlock_after_minute = 3\napi_key = "sk_test_NEVERSHOWN"\n'
        "[logs]\nfiles = 0\nmax_kib = 1\n[offline_policy]\nenabled = 1\n",
        encoding="utf-8",
    )
    found = settings_file.problems(settings_file.read(tmp_path / "config.toml"), "config.toml")
    words = [p.message for p in found]
    assert len(words) == 6, words
    assert all("\n" not in w and "NEVERSHOWN" not in w for w in words)
    assert [p.fatal for p in found] == [True, False, False, True, True, True]
    assert "did you mean lock_after_minutes" in words[1]
    assert "files in [logs] of config.toml must be a whole number from 1 to 50, not 0" in words
    with pytest.raises(ConfigError, match=r"kiosk in .* must be true or false, not 'yes' \(and 3"):
        load_config(data_dir=tmp_path, env={})


def test_a_flag_or_the_environment_is_named_when_it_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^--terminal-id \(the terminal id\) must be .*'a b'"):
        load_config(data_dir=tmp_path, terminal_id="a b", env={})
    env = {"POS_APP_TERMINAL_ID": "x" * 65}
    with pytest.raises(ConfigError, match=r"^POS_APP_TERMINAL_ID \(the terminal id\) must be"):
        load_config(data_dir=tmp_path, env=env)
    got = settings_file.resolve(
        {"terminal_id": "file"}, "f", flags={"terminal_id": None}, env={"POS_APP_TERMINAL_ID": ""}
    )
    assert (got["terminal_id"].value, got["terminal_id"].source) == ("file", "file")


def test_the_readme_describes_every_setting() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Settings", 1)[1].split("\n### ", 1)[0]
    for s in SETTINGS:
        row = next((line for line in section.splitlines() if line.startswith(f"| `{s.key}` |")), "")
        assert row and f"| {s.applies} |" in row, s.key


def test_an_empty_earn_table_is_the_default_rate(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("naira_per_point = 50\n[earn]\n", encoding="utf-8")
    assert settings_file.problems(settings_file.read(tmp_path / "config.toml"), "x") == []
    rate = load_config(data_dir=tmp_path, env={}).earn.rate("NGN")
    assert rate is not None and rate.per == 50
