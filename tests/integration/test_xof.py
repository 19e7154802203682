"""A store in Abidjan end to end against the sandbox: CFA francs (XOF, no minor unit) in
French, the currency from the backend's objects. An XOF reward (added to the seeded
sandbox: its demo catalogue is in naira), a redemption, an award for a sale at an XOF earn
rate from config.toml, and the slip as the printer gets it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.terminal_helpers import backend, open_terminal

import pos_app.i18n as i18n
from pos_app.config import AwardLimits, load_config
from pos_app.domain.money import format_money, reward_words
from pos_app.render import escpos_slip as slips
from pos_app.sandbox import SandboxServer, open_ledger
from pos_app.services import describe, redeem, sales, syncing
from pos_app.services.terminal import Terminal

ADA = "cus_abc123"
NB, NNB = "\u00a0", "\u202f"


@pytest.fixture
def abidjan(tmp_path: Path, seeded_template: Path) -> Iterator[SandboxServer]:
    """The seeded sandbox with one reward in CFA francs."""
    db = tmp_path / "sandbox.db"
    shutil.copy(seeded_template, db)
    ledger = open_ledger(db)
    with ledger.transaction():
        ledger.rewards.add("rwd_xof5000", "XOF 5000 off", 150, 5000, currency="XOF")
    ledger.close()
    with SandboxServer(db) as server:
        yield server


@pytest.fixture
def t(abidjan: SandboxServer, tmp_path: Path) -> Iterator[Terminal]:
    data = tmp_path / "t"
    data.mkdir()
    (data / "config.toml").write_text(
        'currency = "XOF"\ncountry = "CI"\n[earn.XOF]\npoints = 1\nper = 50\n', encoding="utf-8"
    )
    config = load_config(data_dir=data, env={})
    i18n.use("fr", config.country)
    try:
        with open_terminal(
            data,
            abidjan,
            currency=config.currency,
            country=config.country,
            earn=config.earn,
            award_limits=AwardLimits(tier_change_needs_approval=False),
        ) as terminal:
            syncing.sync_once(terminal)
            yield terminal
    finally:
        i18n.use("en", "NG")


def test_an_xof_reward_is_redeemed_in_cfa_francs(t: Terminal, abidjan: SandboxServer) -> None:
    done = redeem.redeem(t, ADA, "rwd_xof5000", operator="Awa")
    assert (done.discount_amount, done.currency) == (5000, "XOF")
    with backend(abidjan) as c:
        stored = c.get_redemption(done.code)
    assert (stored.discount_amount, stored.currency) == (5000, "XOF")
    words = describe.reward_words(done.reward_name, done.discount_amount, done.currency)
    assert words.headline == f"5{NNB}000{NB}F{NNB}CFA de remise"
    assert format_money(done.discount_amount, done.currency) == f"5{NNB}000{NB}F{NNB}CFA"
    slip = slips.RedemptionSlip(
        done.code, done.reward_name, 5000, "XOF", done.points, done.balance_after, None, False
    )
    where = slips.Where("Plateau", "caisse-2", "Awa", datetime(2026, 11, 26, 14, 5, tzinfo=UTC))
    data = slips.redemption(slip, where, 80)
    if i18n.language() == "fr" and i18n.mo_path("fr").exists():
        assert "5 000 F CFA de remise".encode("cp437") in data
    assert done.code.encode() in data and b".00" not in data


def test_a_sale_in_cfa_francs_earns_at_the_xof_rate(t: Terminal, abidjan: SandboxServer) -> None:
    assert t.config.earn.currency == "XOF"
    preview = sales.preview_sale(t, ADA, "CI-1001", "10000", operator="Awa")
    assert (preview.sale.currency, preview.points) == ("XOF", 200)  # 1 point per 50 F CFA
    assert preview.rate.endswith(f"50{NB}F{NNB}CFA")
    done = sales.award_sale(t, ADA, "CI-1001", 10_000, operator="Awa")
    assert (done.status, done.points) == ("confirmed", 200)
    with backend(abidjan) as c:
        [txn] = [
            x
            for x in c.iter_all(c.list_points, customer_id=ADA, limit=100)
            if x.metadata.get("order_id") == "CI-1001"
        ]
    assert (txn.points, txn.metadata["amount"], txn.metadata["currency"]) == (200, 10_000, "XOF")


def test_a_naira_reward_keeps_its_own_currency_in_an_xof_store(t: Terminal) -> None:
    """The currency comes from the backend's object, not the terminal's default."""
    words = reward_words("NGN 1,000 off", 1000, "NGN")
    assert words.headline.startswith(f"1{NNB}000{NB}NGN")  # fr_CI writes the naira's code
    done = redeem.redeem(t, ADA, "rwd_xyz789", operator="Awa")
    assert done.currency == "NGN"
