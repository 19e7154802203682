"""The `--sandbox` demo starts from what its first start computed (issue 14): the day's
seeded database, copied (a copy is what a fresh seed is), and the demo staff's PIN
hashes, kept as the salted scrypt hashes they are. No timing: the seeder and the hashing
are counted through our own seams."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from pos_app import bootstrap
from pos_app.config import Config
from pos_app.domain import pins
from pos_app.domain.pins import ScryptCost
from pos_app.sandbox import DEFAULT_API_KEY, Ledger, open_ledger, template
from pos_app.sandbox import server as sandbox_server
from pos_app.services import Terminal, demo_staff, staff

CHEAP = ScryptCost(n=2**4, r=8, p=1)


@pytest.fixture
def seeds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """A cache folder of the test's own; one entry per seed of the demo data."""
    monkeypatch.setenv(bootstrap.ENV_DEMO_CACHE, str(tmp_path / "cache"))
    counted: list[int] = []
    real: Callable[..., None] = sandbox_server.seed_demo

    def counting(ledger: object, **kwargs: object) -> None:
        counted.append(1)
        real(ledger, **kwargs)

    monkeypatch.setattr(sandbox_server, "seed_demo", counting)
    return counted


def _customers(url: str) -> list[tuple[str, str, int]]:
    with httpx.Client(headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}) as client:
        page = client.get(f"{url}/v1/customers", params={"limit": 100}).json()["data"]
        page.append(client.get(f"{url}/v1/customers/cus_abc123").json())
    return [(c["id"], c["name"], c["points_balance"]) for c in page]


def test_the_second_demo_start_copies_the_seeded_database(seeds: list[int], tmp_path: Path) -> None:
    with bootstrap.sandbox(data_dir=tmp_path / "one", pin_cost=CHEAP) as first:
        assert first.server is not None
        seen_first = _customers(first.server.url)
        # What the demo does to its copy stays in that copy.
        first.server.ledger.customers.create(
            name="Only Here", email=None, phone=None, card_number=None, customer_id="cus_only"
        )
    assert len(seeds) == 1  # the first start of the day seeds the template
    with bootstrap.sandbox(data_dir=tmp_path / "two", pin_cost=CHEAP) as second:
        assert second.server is not None
        seen_second = _customers(second.server.url)
    assert len(seeds) == 1  # the second copies it: no seed
    assert seen_second == seen_first
    assert "cus_only" not in {c[0] for c in seen_second}
    assert seen_first[-1] == ("cus_abc123", "Ada Obi", 500)  # the seed document's Ada


def test_a_copy_is_what_a_fresh_seed_is_and_owner_only(seeds: list[int], tmp_path: Path) -> None:
    cache = Path(os.environ[bootstrap.ENV_DEMO_CACHE])
    assert template.copy_seeded(tmp_path / "copy.db", cache)
    assert template.copy_seeded(tmp_path / "again.db", cache)
    assert len(seeds) == 1
    fresh = open_ledger(tmp_path / "fresh.db")
    copy = open_ledger(tmp_path / "again.db")
    try:
        tables = ("customers", "transactions", "lots", "rewards", "tiers", "redemptions")
        for table in tables:
            # Ids come from the seed's own random generator: the same in both. Times are
            # the seed's "now" less so many days: only they differ.
            def rows(ledger: Ledger, table: str = table) -> list[tuple[object, ...]]:
                found = ledger.db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
                return [
                    tuple(v for k, v in dict(r).items() if not k.endswith("_at")) for r in found
                ]

            assert rows(copy) == rows(fresh), table
    finally:
        fresh.close()
        copy.close()
    for made in (tmp_path / "copy.db", template.template_path(cache)):
        assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert sorted(p.name for p in cache.iterdir()) == [template.template_path(cache).name]


def test_yesterdays_template_is_replaced_and_an_unwritable_cache_seeds_in_place(
    seeds: list[int], tmp_path: Path
) -> None:
    cache = Path(os.environ[bootstrap.ENV_DEMO_CACHE])
    cache.mkdir(mode=0o700)
    old = cache / "sandbox-0000000000000000-20000101.db"
    old.write_bytes(b"")
    assert template.copy_seeded(tmp_path / "copy.db", cache)
    assert not old.exists()
    assert len(seeds) == 1
    blocked = tmp_path / "not-a-folder"
    blocked.write_bytes(b"")
    assert not template.copy_seeded(tmp_path / "other.db", blocked)
    assert not (tmp_path / "other.db").exists()  # open_ledger seeds it, as before
    open_ledger(tmp_path / "other.db").close()
    assert len(seeds) == 2


def test_the_demo_staff_pins_are_hashed_once_and_kept_only_as_hashes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    hashed: list[str] = []
    real = bootstrap.hash_pin

    def counting(pin: str, cost: ScryptCost) -> str:
        hashed.append(pin)
        return real(pin, cost)

    monkeypatch.setattr(bootstrap, "hash_pin", counting)

    def demo_terminal(name: str) -> Terminal:
        config = Config(data_dir=tmp_path / name, backend_url=None, terminal_id=None)
        return bootstrap.Start(config, None, pin_cost=CHEAP).terminal()

    with demo_terminal("one") as t:
        bootstrap.add_demo_staff(t, cache)
    assert len(hashed) == 2  # the first demo hashes the two PINs
    with demo_terminal("two") as t:
        bootstrap.add_demo_staff(t, cache)
        assert len(hashed) == 2  # the second reuses the hashes: no scrypt at all
        assert [(m.name, m.role) for m in staff.list_staff(t)] == [
            ("Maryam", "manager"),
            ("Chidi", "cashier"),
        ]
        for name, _role, pin in bootstrap.DEMO_STAFF:
            assert staff.sign_in(t, name, pin).name == name
        bootstrap.add_demo_staff(t, cache)  # a terminal with staff is left alone
        assert len(staff.list_staff(t)) == 2
    (kept,) = cache.glob("staff-*.json")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    values = json.loads(kept.read_text())
    assert sorted(values) == ["Chidi", "Maryam"]
    assert all(v.startswith(f"scrypt${CHEAP.n}$") for v in values.values())  # salted scrypt
    assert {pin for _n, _r, pin in bootstrap.DEMO_STAFF}.isdisjoint(values.values())


def test_hashes_weaker_than_the_terminals_cost_are_made_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A kept hash is used only at the cost it was kept for, never a cheaper one; and
    an account of the demo is never written with a weaker hash than the terminal's."""
    cache = tmp_path / "cache"
    config = Config(data_dir=tmp_path / "till", backend_url=None, terminal_id=None)
    with bootstrap.Start(config, None, pin_cost=CHEAP).terminal() as t:
        weak = {
            n: pins.hash_pin(p, ScryptCost(n=2**2, r=8, p=1)) for n, _r, p in bootstrap.DEMO_STAFF
        }
        with pytest.raises(ValueError):
            demo_staff.add_hashed_first_accounts(
                t, [("Maryam", "manager", weak["Maryam"])], actor="sandbox demo"
            )
        assert not staff.has_staff(t)
        monkeypatch.setattr(bootstrap, "_demo_hashes", lambda *_: weak)
        with pytest.raises(ValueError):
            bootstrap.add_demo_staff(t, cache)
        assert not staff.has_staff(t)
