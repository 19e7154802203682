"""`pos-app config show | get | set | unset | check` (issue 12 Deliver 4): every setting with
its value and where it came from; a change only by a manager, checked with the schema,
written owner-only with every other key kept, and audited with the old and new value; a
bad key or value is one clear line, exit 2, nothing changed; the API key goes to the
keyring from stdin, never argv, and never appears in a file or any output."""

from __future__ import annotations

import json
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from support.seed import BOSS, BOSS_PIN
from support.terminal_helpers import InProcessCli, MemoryKeyring

from pos_app.domain.earning import DEFAULT_RATES
from pos_app.settings import SETTINGS, Kind

pytestmark = pytest.mark.usefixtures("usual_command_line")

CASHIER, CASHIER_PIN = "Chidi", "1357"
SECRET = "sk_test_not_a_real_key_config_cli"


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> InProcessCli:
    return InProcessCli(capsys, monkeypatch, tmp_path / "data")


@pytest.fixture
def staffed(cli: InProcessCli) -> InProcessCli:
    """A terminal with a manager and a cashier."""
    assert cli("staff", "add", "--name", BOSS, "--role", "manager", stdin=f"{BOSS_PIN}\n").code == 0
    added = cli(
        "staff", "add", "--name", CASHIER, "--role", "cashier", "--manager", BOSS,
        stdin=f"{BOSS_PIN}\n{CASHIER_PIN}\n",
    )  # fmt: skip
    assert added.code == 0, added
    return cli


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    memory = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        yield memory
    finally:
        keyring.set_keyring(previous)


def config_file(cli: InProcessCli) -> Path:
    return cli.data_dir / "config.toml"


def one_line(run: object, code: int) -> str:
    assert run.code == code, run
    err = run.err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, run
    assert "Traceback" not in err and "Unexpected" not in err, run
    return lines[0]


# ---------------------------------------------------------------- show, get
def test_show_gives_every_setting_its_value_and_source(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.data_dir.mkdir()
    config_file(cli).write_text("lock_after_minutes = 2\n[logs]\nfiles = 3\n", encoding="utf-8")
    monkeypatch.setenv("POS_APP_TERMINAL_ID", "till-env")
    monkeypatch.setenv("LOYALPRO_API_KEY", SECRET)
    run = cli("--json", "config", "show", "--backend", "https://loyalty.example")
    assert run.code == 0, run
    rows = {row["key"]: row for row in json.loads(run.out)["data"]}
    fixed = {s.key for s in SETTINGS if "<" not in s.key and not s.key.startswith("earn.")}
    rates = {f"earn.{code}.{leaf}" for code in DEFAULT_RATES for leaf in ("points", "per")}
    assert fixed | {"data_dir"} | rates == set(rows)  # a built-in rate for each currency
    assert (rows["backend_url"]["source"], rows["backend_url"]["origin"]) == ("flag", "--backend")
    assert rows["terminal_id"]["source"] == "env"
    assert (
        rows["lock_after_minutes"]["source"] == "file" and rows["lock_after_minutes"]["value"] == 2
    )
    assert rows["logs.files"]["value"] == 3 and rows["logs.max_kib"]["source"] == "default"
    assert rows["api_key"]["value"] == "from LOYALPRO_API_KEY"
    assert {row["applies"] for row in rows.values()} == {"live", "restart"}
    text = cli("config", "show")
    assert text.code == 0 and "lock_after_minutes" in text.out and "[file: " in text.out
    assert SECRET not in "".join(cli.printed)


def test_get_prints_one_value_and_the_key_only_as_set_or_missing(
    cli: InProcessCli, ring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("config", "get", "offline_policy.max_points_per_redemption").out == "1000\n"
    assert cli("config", "get", "timezone").out == "\n"
    assert cli("config", "get", "api_key").out == "missing\n"
    monkeypatch.setenv("POS_APP_BACKEND_URL", "https://loyalty.example")
    keyring.set_password("pos-app", "api-key:https://loyalty.example", SECRET)
    assert cli("config", "get", "api_key").out == "set in keyring\n"
    got = json.loads(cli("--json", "config", "get", "earn.NGN.per").out)
    assert (got["value"], got["source"]) == (100, "default")
    got = json.loads(cli("--json", "config", "get", "earn.XOF.per").out)
    assert (got["value"], got["source"]) == (50, "default")
    config_file(cli).parent.mkdir(parents=True, exist_ok=True)
    config_file(cli).write_text("naira_per_point = 250\n", encoding="utf-8")  # an old file
    got = json.loads(cli("--json", "config", "get", "earn.NGN.per").out)
    assert (got["value"], got["origin"]) == (250, "naira_per_point")
    assert SECRET not in "".join(cli.printed)


@pytest.mark.parametrize("verb", ["get", "set", "unset"])
def test_an_unknown_key_is_one_line_with_a_suggestion(cli: InProcessCli, verb: str) -> None:
    line = one_line(cli("config", verb, "lock_after_minute", *(["1"] * (verb == "set"))), 2)
    assert "'lock_after_minute'" in line and "did you mean lock_after_minutes" in line, line
    assert not cli.data_dir.exists()  # nothing made


# ---------------------------------------------------------------- set
def test_a_manager_sets_a_value_kept_whole_owner_only_and_audited(staffed: InProcessCli) -> None:
    cli = staffed
    config_file(cli).write_text(
        'store_id = "Ikeja 1"\n[earn.NGN]\nper = 50\n[earn.tiers]\ntier_gold = 1.5\n',
        encoding="utf-8",
    )
    config_file(cli).chmod(0o644)
    run = cli("config", "set", "award_limits.max_points_per_award", "250", "--manager", BOSS,
              stdin=f"{BOSS_PIN}\n")  # fmt: skip
    assert run.code == 0, run
    assert "was the default" in run.out and "Restart" not in run.out
    written = tomllib.loads(config_file(cli).read_text(encoding="utf-8"))
    assert written == {
        "store_id": "Ikeja 1",
        "earn": {"NGN": {"per": 50}, "tiers": {"tier_gold": 1.5}},
        "award_limits": {"max_points_per_award": 250},
    }
    assert stat.S_IMODE(config_file(cli).stat().st_mode) == 0o600
    assert cli("config", "get", "award_limits.max_points_per_award").out == "250\n"
    again = cli("--json", "config", "set", "award_limits.max_points_per_award", "300",
                "--manager", BOSS, stdin=f"{BOSS_PIN}\n")  # fmt: skip
    assert json.loads(again.out) == {
        "key": "award_limits.max_points_per_award",
        "old": 250,
        "new": 300,
        "applies": "live",
        "restart_needed": False,
    }
    entries = json.loads(cli("--json", "audit", "list").out)["data"]
    changes = [e for e in entries if e["action"] == "config.changed"]
    assert [(e["actor"], json.loads(e["details"])["old"], json.loads(e["details"])["new"])
            for e in changes] == [(BOSS, 250, 300), (BOSS, None, 250)]  # fmt: skip
    words = cli("audit", "list").out
    assert "changed the setting award_limits.max_points_per_award from 250 to 300" in words


def test_a_setting_read_at_start_says_a_restart_is_needed(staffed: InProcessCli) -> None:
    run = staffed("config", "set", "kiosk", "true", "--manager", BOSS, stdin=f"{BOSS_PIN}\n")
    assert run.code == 0 and "Restart pos-app for it to take effect" in run.out, run
    run = staffed("config", "unset", "kiosk", "--manager", BOSS, stdin=f"{BOSS_PIN}\n")
    assert run.code == 0 and "back to its default" in run.out, run
    assert tomllib.loads(config_file(staffed).read_text(encoding="utf-8")) == {}


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        (
            "lock_after_minutes",
            "0",
            "lock_after_minutes must be a number of minutes from 0.5 to 480, not 0",
        ),
        ("kiosk", "yes", "kiosk must be true or false, not 'yes'"),
        ("logs.files", "99", "logs.files must be a whole number from 1 to 50, not 99"),
        ("terminal_id", "till 7!", "terminal_id must be 1-64 letters"),
        ("earn.GHS.points", "2", "[earn.GHS] in"),  # a rate needs per: the file would be broken
        ("backend_url", "http://10.1.2.3", "plain http to another machine"),
        ("phone_region", "Nigeria", "not 'Nigeria'"),
    ],
)
def test_a_bad_value_is_refused_before_any_pin_and_changes_nothing(
    staffed: InProcessCli, key: str, value: str, says: str
) -> None:
    before = staffed("--json", "audit", "list").out
    line = one_line(staffed("config", "set", key, value, "--manager", BOSS, stdin=""), 2)
    assert says in line, line
    assert not config_file(staffed).exists()
    assert staffed("--json", "audit", "list").out == before  # not even a sign-in


def test_no_manager_no_change(staffed: InProcessCli) -> None:
    cli = staffed
    line = one_line(cli("config", "set", "kiosk", "true"), 2)
    assert "--manager" in line
    line = one_line(cli("config", "set", "kiosk", "true", "--manager", CASHIER,
                        stdin=f"{CASHIER_PIN}\n"), 3)  # fmt: skip
    assert "not a manager" in line
    line = one_line(cli("config", "set", "kiosk", "true", "--manager", BOSS, stdin="0000\n"), 3)
    assert "Wrong PIN" in line
    assert not config_file(cli).exists()
    fresh = InProcessCli(cli.capsys, cli.monkeypatch, cli.data_dir.parent / "fresh")
    line = one_line(fresh("config", "set", "kiosk", "true", "--manager", BOSS,
                          stdin=f"{BOSS_PIN}\n"), 2)  # fmt: skip
    assert "staff add" in line and not fresh.data_dir.exists()


def test_a_broken_file_can_be_mended_one_key_at_a_time(staffed: InProcessCli) -> None:
    config_file(staffed).write_text("kiosk = 1\nlock_after_minutes = 0\n", encoding="utf-8")
    assert staffed("staff", "list").code == 2  # the terminal will not start like this
    run = staffed("config", "set", "kiosk", "false", "--manager", BOSS, stdin=f"{BOSS_PIN}\n")
    assert run.code == 0, run
    run = staffed("config", "set", "lock_after_minutes", "3", "--manager", BOSS,
                  stdin=f"{BOSS_PIN}\n")  # fmt: skip
    assert run.code == 0, run
    assert staffed("config", "check").code == 0
    assert staffed("staff", "list").code == 0


# ---------------------------------------------------------------- the API key
def test_the_api_key_is_never_taken_from_argv(staffed: InProcessCli, ring: MemoryKeyring) -> None:
    staffed.monkeypatch.setenv("POS_APP_BACKEND_URL", "https://loyalty.example")
    line = one_line(
        staffed("config", "set", "api_key", SECRET, "--manager", BOSS, stdin=f"{BOSS_PIN}\n"), 2
    )
    assert "never given on the command line" in line
    assert ring.store == {}
    assert SECRET not in "".join(staffed.printed)


def test_the_api_key_goes_from_stdin_to_the_keyring_only(
    staffed: InProcessCli, ring: MemoryKeyring
) -> None:
    cli = staffed
    assert cli("config", "set", "backend_url", "https://loyalty.example", "--manager", BOSS,
               stdin=f"{BOSS_PIN}\n").code == 0  # fmt: skip
    run = cli("config", "set", "api_key", "--manager", BOSS, stdin=f"{BOSS_PIN}\n{SECRET}\n")
    assert run.code == 0 and "OS keyring" in run.out, run
    assert ring.store == {("pos-app", "api-key:https://loyalty.example"): SECRET}
    assert cli("config", "get", "api_key").out == "set in keyring\n"
    assert cli("config", "show").code == 0
    cli("--json", "config", "show")
    cli("audit", "list")
    cli("--json", "audit", "list")
    assert SECRET not in "".join(cli.printed)
    for path in cli.data_dir.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert "api_key" not in tomllib.loads(config_file(cli).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- check
def test_check_lists_every_problem_one_line_each(cli: InProcessCli) -> None:
    assert cli("config", "check").code == 0  # no file: every default
    cli.data_dir.mkdir(exist_ok=True)
    config_file(cli).write_text(
        f'kiosk = "on"\napi_key = "{SECRET}"\nlock_after_minute = 3\n'
        "[award_limits]\nmax_points_per_award = 0\n[logs]\nmax_kib = 10\n",
        encoding="utf-8",
    )
    run = cli("config", "check")
    assert run.code == 2, run
    lines = run.err.splitlines()
    assert len(lines) == 5, lines
    assert any("kiosk in " in x and "not 'on'" in x for x in lines)
    assert any("api_key must not be in" in x for x in lines)
    assert any("max_kib in [logs]" in x and "64 to 102,400" in x for x in lines)
    assert "5 problems" in run.out
    report = json.loads(cli("--json", "config", "check").out)
    assert report["ok"] is False and len(report["problems"]) == 5
    assert SECRET not in "".join(cli.printed)
    config_file(cli).write_text("kiosk = true\n[logs]\nfiles = 2\n", encoding="utf-8")
    assert cli("config", "check").code == 0


def test_every_setting_can_be_set_from_the_command_line(staffed: InProcessCli) -> None:
    """Each key of the schema through `config set` (a valid value: its default, or one
    picked here), then read back with `config get`."""
    picked = {
        "backend_url": "https://loyalty.example",
        "terminal_id": "till-9",
        "store_id": "Ikeja 1",
        "timezone": "Africa/Lagos",
        "country": "CI",
        "phone_region": "CI",
        "naira_per_point": "120",
        "earn.currency": "NGN",
        "earn.<CURRENCY>.per": "25",
        "earn.<CURRENCY>.points": "2",
        "earn.tiers.<TIER>": "1.25",
    }
    # A rate first: [earn] without one is refused ("has no rate").
    for setting in sorted(SETTINGS, key=lambda s: s.key != "earn.<CURRENCY>.per"):
        if setting.kind is Kind.SECRET:
            continue
        key = setting.key.replace("<CURRENCY>", "NGN").replace("<TIER>", "tier_gold")
        text = picked.get(setting.key) or setting.text(setting.default)
        run = staffed("config", "set", key, text, "--manager", BOSS, stdin=f"{BOSS_PIN}\n")
        assert run.code == 0, (key, run)
        assert staffed("config", "get", key).out == f"{text}\n", key
    assert staffed("config", "check").code == 0
