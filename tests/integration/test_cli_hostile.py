"""Hostile arguments for every command (ISSUE8 Deliver 5): empty, negative, 10^30,
non-numeric, unicode, control characters, SQL metacharacters, long strings, missing
folders, and invalid UTF-8. Each is refused with exit 2 (bad input) or 3 (refused) and
one line on stderr, no traceback and no "Unexpected error", and the terminal's database
is exactly as before (its SQL dump compared).

Most cases run in-process (pos_app.cli.main) against one prepared terminal; invalid UTF-8
can only travel as bytes in a real argv, so those run as subprocesses. A slot of free text
(a search, a reason) takes unicode and SQL metacharacters as the text they are, so only
the kinds that are hostile there are tried."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from support.seed import BOSS, BOSS_PIN, C, R
from support.terminal_helpers import CHEAP_PINS

from pos_app.cli import main
from pos_app.sandbox import SandboxServer

VALUES = {
    "empty": "",
    "negative": "-5",
    "huge": "1" + "0" * 30,
    "non-numeric": "abc",
    "unicode": "Ада🎉٣",
    "control": "a\x1b[2J\x07b",
    "sql": "x'; DROP TABLE audit; --",
    "long": "A" * 5000,
}
ALL = tuple(VALUES)
FREE_TEXT = ("empty", "control", "long")  # a search or a reason: unicode and SQL are text
NAME = ("empty", "control", "long")


@dataclass(frozen=True)
class Slot:
    """Where a hostile value goes: `{}` in argv is replaced by it."""

    id: str
    argv: tuple[str, ...]
    kinds: tuple[str, ...] = ALL
    stdin: str = ""


def S(name: str, *argv: str, kinds: tuple[str, ...] = ALL, stdin: str = "") -> Slot:
    return Slot(name, argv, kinds, stdin)


CODE = "REDEEM-ZZZZZZZZZZ"
SLOTS = [
    S("customer-show", "customer", "show", "{}"),
    S("customer-find-query", "customer", "find", "{}", kinds=FREE_TEXT),
    S("customer-find-limit", "customer", "find", "ada", "--limit", "{}"),
    S("enrol-name", "customer", "enrol", "--name", "{}", kinds=NAME),
    S("enrol-email", "customer", "enrol", "--name", "Bo", "--email", "{}", kinds=ALL[1:]),
    S(
        "enrol-phone",
        "customer",
        "enrol",
        "--name",
        "Bo",
        "--phone",
        "{}",
        kinds=("control", "long"),
    ),
    S("enrol-card", "customer", "enrol", "--name", "Bo", "--card", "{}", kinds=("control", "long")),
    S("redeem-customer", "redeem", "--customer", "{}", "--reward", R),
    S("redeem-reward", "redeem", "--customer", C, "--reward", "{}"),
    S("redeem-points", "redeem", "--customer", C, "--reward", R, "--points", "{}"),
    S(
        "redeem-override-reason",
        *("redeem", "--customer", C, "--reward", R, "--manager", BOSS),
        *("--override-reason", "{}"),
        kinds=FREE_TEXT,
    ),
    S("award-customer", "award", "--customer", "{}", "--points", "5", "--reason", "x"),
    S("award-points", "award", "--customer", C, "--points", "{}", "--reason", "x"),
    S("award-reason", "award", "--customer", C, "--points", "5", "--reason", "{}", kinds=FREE_TEXT),
    S(
        "award-expires",
        "award",
        "--customer",
        C,
        "--points",
        "5",
        "--reason",
        "x",
        "--expires-at",
        "{}",
    ),
    # A sale's award and a return (issue 11): "-5", digits, words and SQL text are
    # printable ASCII, which a receipt's order number may be.
    S(
        "award-order",
        *("award", "--customer", C, "--order", "{}", "--amount", "500"),
        kinds=("empty", "unicode", "control", "long"),
    ),
    S("award-amount", "award", "--customer", C, "--order", "R-1", "--amount", "{}"),
    S(
        "return-order",
        *("return", "--order", "{}", "--amount", "5", "--customer", C),
        kinds=("empty", "unicode", "control", "long"),
    ),
    S("return-amount", "return", "--order", "R-1", "--amount", "{}", "--customer", C),
    S("return-customer", "return", "--order", "R-1", "--amount", "5", "--customer", "{}"),
    S("history-customer", "history", "--customer", "{}"),
    S("history-limit", "history", "--customer", C, "--limit", "{}"),
    S("code-verify", "code", "verify", "{}"),
    S("code-use", "code", "use", "{}"),
    S("recovery-show", "recovery", "show", "{}"),
    S(
        "resolve-id",
        "conflicts",
        "resolve",
        "{}",
        "--resolution",
        "retry",
        "--note",
        "x",
        "--manager",
        BOSS,
    ),
    S(
        "resolve-note",
        "conflicts",
        "resolve",
        "1",
        "--resolution",
        "retry",
        "--note",
        "{}",
        "--manager",
        BOSS,
        kinds=FREE_TEXT,
    ),
    S(
        "resolve-manager",
        "conflicts",
        "resolve",
        "1",
        "--resolution",
        "retry",
        "--note",
        "x",
        "--manager",
        "{}",
    ),
    S(
        "staff-add-name",
        "staff",
        "add",
        "--name",
        "{}",
        "--role",
        "cashier",
        "--manager",
        BOSS,
        kinds=NAME,
    ),
    S(
        "staff-add-manager",
        "staff",
        "add",
        "--name",
        "Eve",
        "--role",
        "cashier",
        "--manager",
        "{}",
        stdin="1\n86420\n",
    ),
    S("staff-disable", "staff", "disable", "{}", "--manager", BOSS),
    S("staff-disable-manager", "staff", "disable", "Chidi", "--manager", "{}"),
    S("staff-reset-pin", "staff", "reset-pin", "{}", "--manager", BOSS),
    S(
        "adjust-customer",
        "adjust",
        "--customer",
        "{}",
        "--points",
        "5",
        "--reason",
        "x",
        "--manager",
        BOSS,
    ),
    S(
        "adjust-points",
        "adjust",
        "--customer",
        C,
        "--points",
        "{}",
        "--reason",
        "x",
        "--manager",
        BOSS,
        kinds=ALL[:1] + ALL[2:],
    ),
    S(
        "adjust-reason",
        "adjust",
        "--customer",
        C,
        "--points",
        "5",
        "--reason",
        "{}",
        "--manager",
        BOSS,
        kinds=FREE_TEXT,
    ),
    S(
        "adjust-manager",
        "adjust",
        "--customer",
        C,
        "--points",
        "5",
        "--reason",
        "x",
        "--manager",
        "{}",
    ),
    S("void-code", "void", "{}", "--reason", "x", "--manager", BOSS),
    S("void-reason", "void", CODE, "--reason", "{}", "--manager", BOSS, kinds=FREE_TEXT),
    S("report-date", "report", "daily", "--date", "{}"),
    S("report-from", "report", "daily", "--from", "{}", "--to", "2026-11-25"),
    S("report-to", "report", "daily", "--from", "2026-11-25", "--to", "{}"),
    S(
        "report-output",
        "report",
        "daily",
        "--format",
        "csv",
        "--output",
        "{}",
        kinds=("empty", "control"),
    ),
    S("analytics-from", "report", "analytics", "--from", "{}", "--to", "2026-11-25"),
    S("analytics-to", "report", "analytics", "--from", "2026-11-25", "--to", "{}"),
    S("audit-list-limit", "audit", "list", "--limit", "{}"),
    S("audit-verify-head", "audit", "verify", "--head", "{}"),
    S("audit-export-output", "audit", "export", "--output", "{}", kinds=("empty", "control")),
    S("operator", "--operator", "{}", "sync", "status"),
    S(
        "terminal-id",
        *("--terminal-id", "{}", "sync", "status"),
        kinds=("empty", "unicode", "control", "sql", "long"),
    ),
    S("backend", "--backend", "{}", "sync", "status"),
    S("login-key", "login", stdin="{}\n", kinds=("control",)),
    S("config-get-key", "config", "get", "{}"),
    S("config-set-key", "config", "set", "{}", "5", "--manager", BOSS),
    S("config-set-value", "config", "set", "lock_after_minutes", "{}", "--manager", BOSS),
    S("config-set-text", "config", "set", "timezone", "{}", "--manager", BOSS),
]
MISSING_FOLDER = [
    ("report-output-missing", ["report", "daily", "--format", "csv", "--output"]),
    ("report-pdf-missing", ["report", "daily", "--format", "pdf", "--output"]),
    ("audit-export-missing", ["audit", "export", "--output"]),
    (
        "analytics-output-missing",
        ["report", "analytics", "--from", "2026-11-25", "--to", "2026-11-25", "--output"],
    ),
]


@dataclass
class Terminal:
    data: Path
    sandbox: SandboxServer


@pytest.fixture(scope="module")
def prepared(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Terminal]:
    """One terminal that has synced, with a manager and a cashier, shared by every case
    (each case checks that it changed nothing, so one that does fails on its own)."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copy(seeded_template, root / "sandbox.db")
    server = SandboxServer(root / "sandbox.db").start()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POS_APP_BACKEND_URL", server.url)
        mp.setenv("LOYALPRO_API_KEY", server.api_key)
        mp.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
        mp.delenv("POS_APP_DATA_DIR", raising=False)
        data = root / "data"
        for argv, stdin in [
            (["staff", "add", "--name", BOSS, "--role", "manager"], f"{BOSS_PIN}\n"),
            (["staff", "add", "--name", "Chidi", "--role", "cashier", "--manager", BOSS],
             f"{BOSS_PIN}\n52817\n"),
            (["sync", "--once"], ""),
            (["customer", "show", C], ""),
        ]:  # fmt: skip
            mp.setattr("sys.stdin", io.StringIO(stdin))
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()) as err,
            ):
                code = main(["--data-dir", str(data), *argv], pin_cost=CHEAP_PINS)
                assert code == 0, err.getvalue()
    try:
        yield Terminal(data, server)
    finally:
        server.close()


@pytest.fixture
def env(prepared: Terminal, monkeypatch: pytest.MonkeyPatch) -> Terminal:
    monkeypatch.setenv("POS_APP_BACKEND_URL", prepared.sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", prepared.sandbox.api_key)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("POS_APP_DATA_DIR", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield prepared
    keyring.set_keyring(previous)


# The backend's data, cached: any lookup may refresh it (new `cached_at`), which changes
# nothing the terminal owns. Everything else (outbox, redemptions, audit, staff, settings)
# must be exactly as before.
CACHE_TABLES = ("customers", "customer_words", "rewards", "tiers", "sync_cursors", "history_cache")


def dump(data: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(data / "terminal.db")) as db:
        return [
            line
            for line in db.iterdump()
            if not line.startswith(tuple(f'INSERT INTO "{t}"' for t in CACHE_TABLES))
        ]


# The short form (CI) tries three kinds per slot, chosen so that across the slots every
# kind is tried many times; POS_APP_SOAK=1 (the long form) tries every kind in every slot.
FULL = os.environ.get("POS_APP_SOAK", "") not in ("", "0")
SHORT_PER_SLOT = 3


def cases() -> Iterator[object]:
    for n, slot in enumerate(SLOTS):
        kinds = slot.kinds
        if not FULL and len(kinds) > SHORT_PER_SLOT:
            kinds = tuple(kinds[(n + i) % len(kinds)] for i in range(SHORT_PER_SLOT))
        for kind in kinds:
            yield pytest.param(slot, VALUES[kind], id=f"{slot.id}-{kind}")


def check(code: int, err: str, out: str) -> None:
    assert code in (2, 3), f"exit {code}\n{out}\n{err}"
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "Unexpected" not in err, err
    for raw in ("\x1b", "\x07"):
        assert raw not in err + out, repr(err)


@pytest.mark.parametrize(("slot", "value"), list(cases()))
def test_hostile_argument(
    env: Terminal, capsys: pytest.CaptureFixture[str], slot: Slot, value: str, tmp_path: Path
) -> None:
    before = dump(env.data)
    argv = [a.replace("{}", value) for a in slot.argv]
    stdin = slot.stdin.replace("{}", value) or f"{BOSS_PIN}\n86420\n"
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(["--data-dir", str(env.data), *argv], pin_cost=CHEAP_PINS)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    check(code, err, out)
    assert dump(env.data) == before


@pytest.mark.parametrize(("name", "argv"), MISSING_FOLDER)
def test_output_in_a_missing_folder(
    env: Terminal, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, argv: list[str]
) -> None:
    before = dump(env.data)
    code = main(
        ["--data-dir", str(env.data), *argv, str(tmp_path / "missing" / "x")], pin_cost=CHEAP_PINS
    )
    out, err = capsys.readouterr()
    check(code, err, out)
    assert "does not exist" in err
    assert dump(env.data) == before


BAD_UTF8 = os.fsdecode(b"\xff\xfe\xc3(")
UTF8_CASES = [
    ["customer", "show", BAD_UTF8],
    ["customer", "find", BAD_UTF8],
    ["customer", "enrol", "--name", BAD_UTF8],
    ["redeem", "--customer", C, "--reward", BAD_UTF8],
    ["award", "--customer", C, "--points", "5", "--reason", BAD_UTF8],
    ["code", "verify", BAD_UTF8],
    ["report", "daily", "--output", BAD_UTF8],
    ["--operator", BAD_UTF8, "sync", "status"],
]


def test_invalid_utf8_arguments(env: Terminal) -> None:
    """Bytes that are not UTF-8, in a real argv (surrogateescape on the way in)."""
    before = dump(env.data)
    for argv in UTF8_CASES if FULL else UTF8_CASES[::3]:
        run = subprocess.run(
            [
                os.fsencode(a)
                for a in [sys.executable, "-m", "pos_app", "--data-dir", str(env.data), *argv]
            ],
            capture_output=True,
            timeout=60,
            check=False,
        )
        err = run.stderr.decode("utf-8", "replace")
        check(run.returncode, err, run.stdout.decode("utf-8", "replace"))
        assert "UTF-8" in err, err
    assert dump(env.data) == before
