"""Phone numbers are stored in E.164 whatever way they were typed (ISSUE9 #4), by every
entry point (services, so the CLI and the GUI alike), and found again as typed locally."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support.terminal_helpers import backend, open_terminal

from pos_app.cli import main
from pos_app.config import ConfigError, load_config
from pos_app.domain import phones
from pos_app.sandbox import SandboxServer
from pos_app.services import BadInput, Refused, lookup, points
from pos_app.services.syncing import sync_once
from pos_app.services.validate import phone as check_phone

PATTERN_TEXT = re.compile(r"pattern|\^|\$|\\[sd]|\[|String should")


@pytest.mark.parametrize(
    "typed",
    [
        "08031234567",
        "0803 123 4567",
        "0803-123-4567",
        "(0803) 123 4567",
        "+2348031234567",
        "+234 803 123 4567",
        "2348031234567",
        " 0803 123 4567 ",
    ],
)
def test_every_usual_form_becomes_e164(typed: str) -> None:
    assert phones.normalise(typed, "NG") == "+2348031234567"
    assert check_phone(typed, "NG") == "+2348031234567"


def test_the_region_says_what_a_local_number_means() -> None:
    assert phones.normalise("024 412 3456", "GH") == "+233244123456"
    assert phones.normalise("+234 803 123 4567", "GH") == "+2348031234567"
    assert phones.shown("+2348031234567", "NG") == "0803 123 4567"
    assert phones.shown("+442079460958", "NG") == "+44 20 7946 0958"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("0803123", "too few digits"),
        ("0803 123 4567 89", "too many digits"),
        ("call me", "not a phone number"),
        ("+999 123 4567", "No country has the code"),
        ("0000000000", "check the digits"),
    ],
)
def test_a_bad_phone_is_said_in_plain_words(typed: str, words: str) -> None:
    with pytest.raises(BadInput) as caught:
        check_phone(typed, "NG")
    assert words in caught.value.message
    assert caught.value.field == "phone"
    assert "0802 123 4567" in caught.value.message  # how to type it, by example
    assert not PATTERN_TEXT.search(caught.value.message), caught.value.message


def test_enrol_problems_name_each_field_in_plain_words() -> None:
    problems = points.enrol_problems(
        "", email="ada@", phone="12", card_number="LP 12!", region="NG"
    )
    assert list(problems) == ["name", "phone", "email", "card_number"]
    for message in problems.values():
        assert not PATTERN_TEXT.search(message), message
    assert "ada@example.com" in problems["email"]
    assert points.enrol_problems("Ada", email="", phone="", card_number="", region="NG") == {}


def test_phone_region_in_config_is_checked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    assert load_config(data_dir=data, env={}).phone_region == "NG"
    (data / "config.toml").write_text('phone_region = "gh"\n', encoding="utf-8")
    assert load_config(data_dir=data, env={}).phone_region == "GH"
    (data / "config.toml").write_text('phone_region = "Nigeria"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="two-letter country code such as NG"):
        load_config(data_dir=data, env={})


def test_enrolment_stores_e164_and_a_local_search_finds_it(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    with open_terminal(tmp_path / "t", sandbox) as t:
        created = points.enrol(t, "Funke Ade", phone="0803 555 0101", operator="Chidi")
        assert created.phone == "+2348035550101"
        with backend(sandbox) as c:
            assert c.get_customer(created.id).phone == "+2348035550101"
        sync_once(t)
        for typed in ("08035550101", "0803 555 0101", "+234 803 555 0101"):
            assert [c.id for c in lookup.find(t, typed)] == [created.id], typed


def test_a_local_search_follows_the_configured_region(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    with open_terminal(tmp_path / "t", sandbox, country="GH") as t:
        created = points.enrol(t, "Kofi Mensah", phone="024 412 3456", operator="Chidi")
        assert created.phone == "+233244123456"
        sync_once(t)
        assert [c.id for c in lookup.find(t, "024 412 3456")] == [created.id]


def test_a_bad_or_taken_phone_sends_nothing_and_names_the_field(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    with open_terminal(tmp_path / "t", sandbox) as t:
        with backend(sandbox) as c:
            before = len(list(c.iter_all(c.list_customers, limit=100)))
        with pytest.raises(BadInput) as bad:
            points.enrol(t, "Bo", phone="0803 12", operator="Chidi")
        assert bad.value.field == "phone" and "too few digits" in bad.value.message
        with pytest.raises(BadInput) as bad_email:
            points.enrol(t, "Bo", email="bo@nowhere", operator="Chidi")
        assert bad_email.value.field == "email"
        assert not PATTERN_TEXT.search(bad_email.value.message)
        # Ada's number typed the local way is still Ada's number.
        with pytest.raises(Refused) as taken:
            points.enrol(t, "Bo", phone="0801 234 5678", operator="Chidi")
        assert taken.value.field == "phone"
        assert taken.value.message.startswith("Another customer already has this phone number")
        with backend(sandbox) as c:
            assert len(list(c.iter_all(c.list_customers, limit=100))) == before


def test_the_cli_enrols_in_e164_too_and_says_what_is_wrong_in_words(
    sandbox: SandboxServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    base = ["--data-dir", str(tmp_path / "cli"), "--json", "customer", "enrol"]
    assert main([*base, "--name", "Tunde Bello", "--phone", "0803 555 0102"]) == 0
    created = json.loads(capsys.readouterr().out)["id"]
    with backend(sandbox) as c:
        assert c.get_customer(created).phone == "+2348035550102"
    assert main([*base, "--name", "Tunde Bello", "--phone", "0803 555"]) == 2
    err = capsys.readouterr().err
    assert "too few digits" in err and not PATTERN_TEXT.search(err), err
    assert main([*base, "--name", "Tunde Bello", "--email", "tunde@"]) == 2
    err = capsys.readouterr().err
    assert "not an email address" in err and not PATTERN_TEXT.search(err), err
