"""The `--sandbox` demo starts from the day's seeded database (issue 14): the first start
seeds a template in the demo's cache folder, every later start copies it, and a copy is
what a fresh seed is. No timing: the seeder is counted through our own seam."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from pos_app import bootstrap
from pos_app.domain.pins import ScryptCost
from pos_app.sandbox import DEFAULT_API_KEY, Ledger, open_ledger, template
from pos_app.sandbox import server as sandbox_server

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
