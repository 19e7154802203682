"""pos_app.bootstrap: how a terminal starts, without Qt, for the command line and the GUI
alike (config, key, Terminal, the in-process sandbox, first-run setup). That it loads
neither Qt nor the web stack: tests/test_layers.py runs the CLI, which starts through it."""

from __future__ import annotations

import ast
import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from support.terminal_helpers import CHEAP_PINS, MemoryKeyring

from pos_app import bootstrap
from pos_app.config import Config, ConfigError, load_config
from pos_app.credentials import get_api_key
from pos_app.domain.pins import OWASP

PACKAGE = Path(__file__).resolve().parents[2] / "pos_app"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(previous)


def sandbox_importers(layer: str) -> list[str]:
    """Modules of `layer` that import pos_app.sandbox themselves."""
    found = []
    for path in (PACKAGE / layer).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level and node.module:
                if node.module == "sandbox" or node.module.startswith("sandbox."):
                    up = len(path.relative_to(PACKAGE).parts) - 1  # levels up to pos_app/
                    if node.level == up + 1:
                        found.append(str(path.relative_to(PACKAGE)))
            elif isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                )
                if any((n or "").startswith("pos_app.sandbox") for n in names):
                    found.append(str(path.relative_to(PACKAGE)))
    return found


def test_the_gui_hosts_the_sandbox_only_through_the_bootstrap() -> None:
    assert sandbox_importers("ui") == []
    # `pos-app sandbox serve` is the one command that serves it itself.
    assert sandbox_importers("cli") == ["cli/commands/sandbox.py"]


def test_the_in_process_sandbox_serves_a_terminal_and_leaves_nothing(tmp_path: Path) -> None:
    with bootstrap.sandbox(data_dir=None) as start:
        assert start.server is not None and start.configured
        assert start.config.backend_url == start.server.url
        temp = start.config.data_dir.parent
        with start.terminal() as t:
            assert t.has_backend
            assert t.probe_client.get_customer("cus_abc123").id == "cus_abc123"
    assert not temp.exists()


@pytest.mark.parametrize(
    "store_id",
    [
        pytest.param('Lekki "Phase 1" \\ annex', id="quotes"),  # TOML must escape them
        pytest.param("Ikeja #2 {annex}", id="punctuation"),
    ],
)
def test_first_run_setup_writes_toml_that_reads_back(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, store_id: str
) -> None:
    monkeypatch.delenv("LOYALPRO_API_KEY", raising=False)
    config = Config(data_dir=tmp_path / "till", backend_url=None, terminal_id=None)
    saved = bootstrap.save_setup(
        config,
        backend_url="http://127.0.0.1:8765",
        api_key="sk_test_xyz",
        terminal_id="till-3",
        store_id=store_id,
    )
    assert saved.store_id == store_id
    written = tomllib.loads((tmp_path / "till" / "config.toml").read_text(encoding="utf-8"))
    assert written == {
        "backend_url": "http://127.0.0.1:8765",
        "terminal_id": "till-3",
        "store_id": store_id,
    }
    assert load_config(data_dir=tmp_path / "till").store_id == store_id
    assert bootstrap.Start.of(saved).api_key == "sk_test_xyz"
    assert get_api_key("http://127.0.0.1:8765", env={}) == "sk_test_xyz"


@pytest.mark.parametrize(
    "store_id",
    [
        pytest.param("Ikeja \U0001f3ea", id="astral"),
        pytest.param("Yaba\x7f", id="delete"),
        pytest.param("x" * 65, id="too-long"),
    ],
)
def test_first_run_setup_refuses_a_store_id_the_backend_would_refuse(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, store_id: str
) -> None:
    # API.md v1.1: a store_id is 1-64 printable ASCII. Setup used to write one that the
    # terminal could then not start with ("store_id in config.toml must be ...").
    monkeypatch.delenv("LOYALPRO_API_KEY", raising=False)
    config = Config(data_dir=tmp_path / "till", backend_url=None, terminal_id=None)
    with pytest.raises(ConfigError, match="store id may use up to 64 printable ASCII"):
        bootstrap.save_setup(
            config,
            backend_url="http://127.0.0.1:8765",
            api_key="sk_test_xyz",
            terminal_id="till-3",
            store_id=store_id,
        )
    assert not (tmp_path / "till" / "config.toml").exists()  # nothing written
    assert get_api_key("http://127.0.0.1:8765", env={}) is None


def test_a_command_runs_on_a_sandbox_of_its_own(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`pos-app --sandbox COMMAND`: the same bootstrap as the GUI's demo, for one command;
    nothing is left in the terminal's usual data directory."""
    from pos_app.cli import main

    monkeypatch.setenv("POS_APP_DATA_DIR", str(tmp_path / "usual"))
    monkeypatch.delenv("POS_APP_BACKEND_URL", raising=False)
    assert main(["--sandbox", "--json", "customer", "show", "cus_abc123"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["id"], answer["source"]) == ("cus_abc123", "backend")
    assert not (tmp_path / "usual").exists()


def test_the_pin_cost_is_the_starts_own(tmp_path: Path) -> None:
    """What staff PINs are hashed with is a field of the Start, OWASP's unless whoever
    builds it says otherwise (the command line: `main(argv, pin_cost=...)`), and every
    terminal it makes uses it; no module global to patch."""
    config = Config(data_dir=tmp_path / "till", backend_url=None, terminal_id=None)
    assert bootstrap.Start(config, None).pin_cost is OWASP
    assert bootstrap.Start.of(config, pin_cost=CHEAP_PINS).pin_cost == CHEAP_PINS
    with bootstrap.Start(config, None, pin_cost=CHEAP_PINS).terminal() as t:
        assert t.pin_cost == CHEAP_PINS
    assert not hasattr(bootstrap, "PIN_COST")


def test_first_run_setup_keeps_the_other_settings(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings made before the first start (`pos-app config set kiosk true`) survive it."""
    monkeypatch.delenv("LOYALPRO_API_KEY", raising=False)
    folder = tmp_path / "till"
    folder.mkdir()
    (folder / "config.toml").write_text(
        'kiosk = true\nterminal_id = "old"\n[award_limits]\nmax_points_per_award = 200\n',
        encoding="utf-8",
    )
    saved = bootstrap.save_setup(
        Config(data_dir=folder, backend_url=None, terminal_id=None),
        backend_url="http://127.0.0.1:8765",
        api_key="sk_test_xyz",
        terminal_id="till-3",
        store_id="",
    )
    assert (saved.kiosk, saved.terminal_id, saved.award_limits.max_points_per_award) == (
        True,
        "till-3",
        200,
    )
    assert "sk_test_xyz" not in (folder / "config.toml").read_text(encoding="utf-8")
