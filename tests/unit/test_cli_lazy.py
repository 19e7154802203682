"""A command imports only what it needs (the command line's start-up time is mostly
imports): the command table lists every command without importing the modules, the
chosen command's module is imported alone, and httpx (with the API client and the sync
engine) stays out of commands that do not call the backend, and never brings its own CLI.

Structure, not timing: each probe runs `pos_app.cli.main` in a fresh interpreter and
reports which modules it loaded."""

from __future__ import annotations

import argparse
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from perf.data import REWARD, build_terminal, customer_id

from pos_app.cli import _leaves, build_parser
from pos_app.cli.commands import COMMANDS, LazyCommands

COMMAND_MODULES = sorted({f"pos_app.cli.commands.{module}" for _, module, _ in COMMANDS})
# Brought by httpx's own command line (httpx._main), when installed.
HTTPX_CLI = ("httpx._main", "click", "rich", "pygments")
RENDERERS = ("fpdf", "qrcode", "barcode", "escpos", "PIL", "pos_app.render")
BACKEND = ("httpx", "httpcore", "pos_app.api.client", "pos_app.sync.engine")
UNUSED = ("phonenumbers", "tomli_w")  # no phone number read, no config.toml written
# What a command that only reads the store never needs, each loaded where it is used: the
# operations' classes (to queue one), the sync's events (to publish one), the reward and tier
# rules (to judge a reward), uuid with `platform` (a new key), OpenSSL (a PIN, a digest, a
# random code), the API's models and the temporary-file machinery.
STORE_READS_SKIP = (
    "pos_app.domain.operations",
    "pos_app.sync.events",
    "pos_app.domain.eligibility",
    "pos_app.domain.progress",
    "pos_app.domain.returns",
    "pos_app.api.models",
    "uuid",
    "platform",
    "_hashlib",
    "tempfile",
)
# Read with the settings by every command, used by none of these: the receipt printer's spec
# (imported when a printer setting is checked) and `customer show`/`enrol`'s answers.
NOT_READ = ("pos_app.domain.printers", "pos_app.cli.customer_answers")
# The API's models of the resources a call does not ask for (each endpoint imports its own).
MODELS = "pos_app.api.models"

PROBE = """\
import json, sys
from pos_app.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as done:
    code = done.code
sys.stdout.flush()
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def run_probe(probe: str, tmp_path: Path, *argv: str, backend: bool = False) -> dict[str, Any]:
    """Run the script `probe` with ARGV in a new interpreter, in a bare environment (its
    own home and log folder, no keyring): the JSON it printed last on stderr."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "POS_APP_LOG_DIR": str(tmp_path / "logs"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "LC_ALL": "C.UTF-8",
    }
    if backend:  # a backend that is down: nothing listens on port 9 of the loopback
        env.update(POS_APP_BACKEND_URL="http://127.0.0.1:9", LOYALPRO_API_KEY="lp_test_key")
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    report: dict[str, Any] = json.loads(done.stderr.strip().splitlines()[-1])
    return report


def loaded(tmp_path: Path, *argv: str, backend: bool = False) -> tuple[int, set[str]]:
    """Run `pos-app ARGV` in a new interpreter: its exit status and the modules it loaded."""
    report = run_probe(PROBE, tmp_path, *argv, backend=backend)
    return report["code"], set(report["modules"])


def among(modules: set[str], names: tuple[str, ...] | list[str]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.fixture(scope="module")
def terminal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synced terminal with a few cached customers and the perf reward."""
    data_dir = tmp_path_factory.mktemp("terminal")
    build_terminal(data_dir, customers=20)
    return data_dir


def test_the_table_agrees_with_the_modules() -> None:
    """Each module's add_parsers adds exactly its commands in COMMANDS, with the same help
    line and in the same order (`pos-app --help` shows the table's)."""
    for module in sorted({m for _, m, _ in COMMANDS}):
        plain = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"pos_app.cli.commands.{module}").add_parsers(plain)
        theirs = [(action.dest, action.help) for action in plain._choices_actions]
        assert theirs == [(name, text) for name, m, text in COMMANDS if m == module]


def test_every_command_gets_its_real_parser_and_the_global_options() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, LazyCommands))
    commands.load_all()
    assert list(commands.choices) == [name for name, _, _ in COMMANDS]
    for sub in commands.choices.values():
        for leaf in _leaves(sub):
            assert any("--json" in action.option_strings for action in leaf._actions)
    args = parser.parse_args(["redeem", "--customer", "c", "--reward", "r", "--json"])
    assert args.json is True and args.handler.__name__ == "cmd_redeem"


def test_the_table_builds_one_placeholder_not_a_parser_per_command() -> None:
    commands = next(a for a in build_parser()._actions if isinstance(a, LazyCommands))
    assert len({id(parser) for parser in commands.choices.values()}) == 1
    placeholder = commands.choices["customer"]
    commands.load("redeem")  # its module's commands get their real parsers
    for name in ("redeem", "void", "recovery"):
        assert commands.choices[name] is not placeholder
    assert commands.choices["customer"] is placeholder


def test_the_help_lists_every_command_and_imports_none(tmp_path: Path) -> None:
    code, modules = loaded(tmp_path, "--help")
    assert code == 0
    assert among(modules, COMMAND_MODULES) == []
    assert among(modules, [*BACKEND, *RENDERERS]) == []


def test_a_command_help_imports_its_module_only(tmp_path: Path) -> None:
    code, modules = loaded(tmp_path, "redeem", "--help")
    assert code == 0
    assert among(modules, COMMAND_MODULES) == ["pos_app.cli.commands.redemptions"]


def test_the_help_loads_nothing_a_command_would(tmp_path: Path) -> None:
    code, modules = loaded(tmp_path, "--data-dir", str(tmp_path / "data"), "--help")
    assert code == 0
    assert among(modules, STORE_READS_SKIP) == []
    # Running a command (and writing its answer) is imported when one runs: the GUI, which
    # starts through pos_app.cli too, never loads it.
    assert among(modules, ["pos_app.cli.runner", "pos_app.cli.output"]) == []


def test_sync_status_without_a_backend_loads_no_http_and_no_other_command(
    tmp_path: Path,
) -> None:
    code, modules = loaded(
        tmp_path, "--data-dir", str(tmp_path / "data"), "--json", "sync", "status"
    )
    assert code == 0
    assert among(modules, COMMAND_MODULES) == ["pos_app.cli.commands.sync"]
    assert among(modules, [*BACKEND, *HTTPX_CLI, *RENDERERS, *UNUSED, *NOT_READ]) == []
    # (OpenSSL: a first run makes the terminal's id with `secrets`.)
    assert among(modules, [m for m in STORE_READS_SKIP if m != "_hashlib"]) == []


def test_sync_status_probing_a_backend_loads_the_tiers_models_only(
    terminal: Path, tmp_path: Path
) -> None:
    """The probe asks for the tiers: httpx and the client, and of the API's models only the
    catalogue's (with the page and the values they are made of)."""
    argv = ("--data-dir", str(terminal), "--json", "sync", "status")
    code, modules = loaded(tmp_path, *argv, backend=True)
    assert code == 0  # the backend is down: "online": false
    assert "pos_app.api.client" in modules
    assert among(modules, [MODELS]) == [
        MODELS,
        f"{MODELS}.catalogue",
        f"{MODELS}.page",
        f"{MODELS}.values",
    ]
    assert among(modules, ["pos_app.sync.engine", *HTTPX_CLI, *RENDERERS, *UNUSED]) == []
    # (httpx itself brings OpenSSL and tempfile.)
    ours = [m for m in STORE_READS_SKIP if m not in (MODELS, "_hashlib", "tempfile")]
    assert among(modules, ours) == []


def test_customer_find_on_the_cache_loads_no_http(terminal: Path, tmp_path: Path) -> None:
    code, modules = loaded(
        tmp_path, "--data-dir", str(terminal), "customer", "find", "a", backend=True
    )
    assert code == 0
    assert among(modules, COMMAND_MODULES) == ["pos_app.cli.commands.customers"]
    assert among(modules, [*BACKEND, *HTTPX_CLI, *RENDERERS, *UNUSED, *NOT_READ]) == []
    assert among(modules, STORE_READS_SKIP) == []


def test_an_offline_redemption_loads_httpx_without_its_cli(terminal: Path, tmp_path: Path) -> None:
    argv = ("--data-dir", str(terminal), "--json", "redeem")
    code, modules = loaded(
        tmp_path, *argv, "--customer", customer_id(3), "--reward", REWARD, backend=True
    )
    assert code == 0  # redeemed offline: the backend is down
    assert "httpx" in modules
    assert among(modules, COMMAND_MODULES) == ["pos_app.cli.commands.redemptions"]
    assert among(modules, [*HTTPX_CLI, *RENDERERS, *NOT_READ]) == []
    # Its own models only (the reward's, the redemption's): not the customers', points',
    # returns' or analytics'; no sale or return records.
    unasked = [f"{MODELS}.{m}" for m in ("analytics", "customers", "points", "returns")]
    assert among(modules, [*unasked, "pos_app.domain.returns"]) == []
    # --json writes no words for people: not the reward's, nor the audit's that come with them.
    assert among(modules, ["pos_app.services.describe", "pos_app.services.audit_words"]) == []
    # Redeemed as `system`, without a manager's approval: no staff account is read.
    assert among(modules, ["pos_app.services.staff", "pos_app.store.staff"]) == []


@pytest.mark.parametrize("command", ["sync status", "redeem"])
def test_a_json_answer_loads_no_babel(command: str, terminal: Path, tmp_path: Path) -> None:
    """The words of a --json answer are never written (Output.emit calls its text only for
    people): Babel, and the locale's CLDR data it would load to write numbers and money,
    stay out. The same command for people writes them."""
    argv = ["--data-dir", str(terminal), *command.split()]
    if command == "redeem":
        argv += ["--customer", customer_id(4), "--reward", REWARD]
    code, modules = loaded(tmp_path, "--json", *argv, backend=True)
    assert code == 0
    assert among(modules, ["babel"]) == []
    if command == "sync status":
        code, modules = loaded(tmp_path, *argv, backend=True)
        assert code == 0 and "babel.numbers" in modules


def test_httpx_from_pos_app_has_no_cli_and_the_cli_still_imports(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from pos_app.api.http_library import httpx\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('click', 'rich', 'pygments')]\n"
        "assert 'httpx._main' not in sys.modules and not bad, bad\n"
        "assert sys.modules.get('httpx._main', 0) == 0  # the block is gone\n"
        "httpx.Client().close()\n"
        "try:\n"
        "    import httpx._main\n"
        "except ImportError as error:  # httpx without its 'cli' extra\n"
        "    assert 'blocked' not in str(error) and 'halted' not in str(error), error\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_the_user_agent_names_the_installed_version() -> None:
    """channel.py takes the version from pos_app.__version__ (importlib.metadata costs
    every command that calls the backend its import and a scan of the installed
    distributions): it must stay the version pyproject.toml installs."""
    from importlib.metadata import version

    from pos_app.api.channel import _user_agent

    assert _user_agent() == f"pos-app/{version('pos-app')}"


def test_no_module_imports_httpx_but_through_http_library() -> None:
    """A bare `import httpx` that runs first would bring httpx's CLI back (click, rich,
    pygments): pos_app takes httpx from pos_app.api.http_library only."""
    package = Path(__file__).resolve().parents[2] / "pos_app"
    bare = re.compile(r"^\s*(import httpx\b|from httpx\b)", re.MULTILINE)
    offenders = [
        str(path.relative_to(package))
        for path in sorted(package.rglob("*.py"))
        if path.name != "http_library.py" and bare.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# What `customer find` never needs: the rest of the lookups (a customer's view and rewards,
# the backend's error mapping and the queue's verdicts).
FIND_SKIPS = (
    "pos_app.services.lookup",
    "pos_app.services.backend",
    "pos_app.sync.verdicts",
    "pos_app.api",
    # Run as `system`: no staff account is read (services/system.py tells it).
    "pos_app.services.staff",
    "pos_app.services.demo_staff",
    "pos_app.store.staff",
    # Money is only written by the earn rules' words; no config.toml to parse here.
    "pos_app.domain.money",
    "tomllib",
)


def test_customer_find_loads_none_of_the_other_lookups(terminal: Path, tmp_path: Path) -> None:
    code, modules = loaded(
        tmp_path, "--data-dir", str(terminal), "customer", "find", "a", backend=True
    )
    assert code == 0
    assert among(modules, FIND_SKIPS) == []
    assert "pos_app.services.search" in modules
