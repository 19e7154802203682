"""One way to show things (ISSUE9 #9): money as ₦1,000 everywhere (also inside reward
names from the backend, "NGN 1,000 off"), an item reward as the item it is, never as a
naira discount, and the audit log in sentences that name people, never event keys or JSON.
Also: `pos-app code verify` says when, where and by whom a spent code was used or voided.

Against the real sandbox, a real terminal and the real command line (in process)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.terminal_helpers import (
    CHEAP_PINS,
    FakeClock,
    InProcessCli,
)

from pos_app.config import load_config
from pos_app.domain import money
from pos_app.render import report as render_report
from pos_app.sandbox import SandboxServer
from pos_app.services import (
    Terminal,
    approvals,
    auditing,
    codes,
    describe,
    points,
    redeem,
    report,
    staff,
    syncing,
)

ADA = "cus_abc123"
DRINK = "rwd_drink150"  # "Free soft drink", 150 points, worth 500
OFF1000 = "rwd_xyz789"  # "NGN 1,000 off", 200 points
MANAGER, MANAGER_PIN = "Maryam", "73915428"
CASHIER, CASHIER_PIN = "Chidi", "52817"
BOSS = staff.Credentials(MANAGER, MANAGER_PIN)
# What an audit line or a screen must never show: an event key, a JSON object, a raw
# field name.
RAW = re.compile(r"\b[a-z_]+\.[a-z_]+(\.[a-z_]+)?\b|[{}]|\b[a-z]+_[a-z_]+\b|\"")


# ---------------------------------------------------------------- money, rewards
@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("NGN 1,000 off", "₦1,000 off"),
        ("NGN1000 off", "₦1,000 off"),
        ("ngn 2500 off", "₦2,500 off"),
        ("Gold: NGN 20,000 off", "Gold: ₦20,000 off"),
        ("₦ 5000 off", "₦5,000 off"),
        ("A 500 NGN voucher", "A ₦500 voucher"),
        ("USD 5 off", "US$5 off"),  # CLDR en_NG
        ("Free soft drink", "Free soft drink"),
        ("N95 mask, 2 for 1", "N95 mask, 2 for 1"),  # not money: left alone
        ("Buy 3, pay for 2", "Buy 3, pay for 2"),
    ],
)
def test_money_inside_text_is_written_one_way(given: str, shown: str) -> None:
    assert money.money_text(given) == shown


def test_money_codes_for_a_font_without_the_naira_sign() -> None:
    assert money.money_codes("Gold: ₦20,000 off, -₦5") == "Gold: NGN 20,000 off, -NGN 5"


@pytest.mark.parametrize(
    ("name", "amount", "headline", "detail", "item"),
    [
        ("Free soft drink", 500, "Free soft drink", "worth ₦500", True),
        ("Free delivery", 1500, "Free delivery", "worth ₦1,500", True),
        ("NGN 1,000 off", 1000, "₦1,000 off", "", False),
        ("Silver weekend: NGN 3,000 off", 3000, "₦3,000 off", "Silver weekend: ₦3,000 off", False),
        ("Birthday discount", 2000, "₦2,000 off", "Birthday discount", False),
        (None, 700, "A reward worth ₦700", "", False),  # not known here: never "off"
    ],
)
def test_a_reward_is_shown_as_what_it_gives(
    name: str | None, amount: int, headline: str, detail: str, item: bool
) -> None:
    words = money.reward_words(name, amount, "NGN")
    assert (words.headline, words.detail, words.item) == (headline, detail, item)
    if item:
        assert "off" not in words.full


# ---------------------------------------------------------------- a day at the till
@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


@pytest.fixture
def data_dir(sandbox: SandboxServer, tmp_path: Path) -> Path:
    """A terminal's folder whose config.toml names the sandbox and the store's time zone,
    for the services and the command line alike."""
    folder = tmp_path / "terminal"
    folder.mkdir()
    (folder / "config.toml").write_text(
        f'backend_url = "{sandbox.url}"\ntimezone = "Africa/Lagos"\n', encoding="utf-8"
    )
    return folder


@pytest.fixture
def t(sandbox: SandboxServer, data_dir: Path, clock: FakeClock) -> Iterator[Terminal]:
    with Terminal(
        load_config(data_dir=data_dir, env={}),
        api_key=sandbox.api_key,
        clock=clock,
        pin_cost=CHEAP_PINS,
    ) as t:
        staff.add_staff(t, MANAGER, "manager", MANAGER_PIN, actor="first-run setup")
        staff.add_staff(t, CASHIER, "cashier", CASHIER_PIN, actor=MANAGER, manager=BOSS)
        syncing.sync_once(t)
        yield t


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sandbox: SandboxServer,
    data_dir: Path,
) -> InProcessCli:
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return InProcessCli(capsys, monkeypatch, data_dir)


def approval(t: Terminal, action: str, subject: str, reason: str) -> staff.Approval:
    return staff.approve(t, MANAGER, MANAGER_PIN, action=action, subject=subject, reason=reason)


def a_day(t: Terminal) -> dict[str, str]:
    """Every kind of entry a till makes in a day, through the real services."""
    staff.sign_in(t, CASHIER, CASHIER_PIN)
    with pytest.raises(Exception, match="Wrong PIN"):
        staff.sign_in(t, CASHIER, "99999")
    points.award(t, ADA, 300, "Purchase", operator=CASHIER)
    points.award(
        t, ADA, 1500, "Bulk order", operator=CASHIER, approval=approval(t, "award", ADA, "bulk")
    )
    approvals.adjust(
        t,
        ADA,
        -50,
        "returned item",
        approval=approval(t, "adjust", ADA, "returned item"),
        operator=MANAGER,
    )
    approvals.adjust(
        t, ADA, 20, "goodwill", approval=approval(t, "adjust", ADA, "goodwill"), operator=CASHIER
    )
    drink = redeem.redeem(t, ADA, DRINK, operator=CASHIER).code
    codes.use(t, drink, operator=CASHIER)
    off = redeem.redeem(t, ADA, OFF1000, operator=CASHIER).code
    approvals.void(
        t, off, "customer changed mind", approval=approval(t, "void", off, "changed mind"),
        operator=CASHIER,
    )  # fmt: skip
    return {"drink": drink, "off": off}


def test_the_audit_log_speaks_in_sentences_that_name_people(t: Terminal) -> None:
    made = a_day(t)
    lines = [line.text for line in auditing.described(t, 500)]
    assert "Maryam approved an adjustment of −50 points for Ada Obi: returned item" in lines
    assert "Maryam approved Chidi's adjustment of +20 points for Ada Obi: goodwill" in lines
    assert "Chidi awarded 300 points to Ada Obi: Purchase" in lines
    assert "Chidi awarded 1,500 points to Ada Obi, approved by Maryam: Bulk order" in lines
    assert f"Chidi redeemed {made['drink']} (Free soft drink for Ada Obi), 150 points" in lines
    assert f"Chidi marked a code used: {made['drink']} (Free soft drink for Ada Obi)" in lines
    assert (
        f"Chidi voided {made['off']} (₦1,000 off for Ada Obi), approved by Maryam; "
        "200 points go back to the customer: customer changed mind"
    ) in lines
    assert "Chidi signed in" in lines
    assert "A wrong PIN was entered for Chidi" in lines
    assert "Maryam added cashier Chidi" in lines
    assert "The manager account Maryam was created (first-run setup)" in lines
    assert "The loyalty service recorded Chidi's award of +300 points for Ada Obi" in lines
    assert (
        f"The loyalty service recorded Chidi's use of {made['drink']} (Free soft drink for Ada Obi)"
        in lines
    )
    for line in lines:
        assert not RAW.search(line.replace(made["drink"], "").replace(made["off"], "")), line
        assert "NGN" not in line and "system" not in line, line


def test_cli_audit_list_prints_the_same_sentences(t: Terminal, cli: InProcessCli) -> None:
    a_day(t)
    t.close()
    shown = cli("audit", "list", "--limit", "500")
    assert shown.code == 0, shown
    text = shown.out
    assert "Maryam approved an adjustment of −50 points for Ada Obi: returned item" in text
    for raw in ("adjust.created", "award.created", "approval.granted", "{", "outbox_id"):
        assert raw not in text
    # Each line: number, the store's local time, the sentence.
    assert re.search(r"^#\d+\s+2026-11-25 13:00  Chidi signed in$", text, re.MULTILINE), text
    as_json = json.loads(cli("--json", "audit", "list").out)  # for machines: the fields
    assert {"seq", "actor", "action", "details"} <= set(as_json["data"][0])


# ---------------------------------------------------------------- pos-app code verify
def test_cli_verify_of_a_used_code_says_do_not_accept_when_where_and_by_whom(
    t: Terminal, cli: InProcessCli
) -> None:
    made = a_day(t)
    till = t.terminal_id
    t.close()
    used = cli("code", "verify", made["drink"])
    assert used.code == 3, used
    lines = used.out.splitlines()
    assert lines[0] == "DO NOT ACCEPT"
    assert lines[1] == f"{made['drink']}: already used"
    assert lines[2] == f"  Used 25 Nov 2026 13:00 (Africa/Lagos) at this till ({till}) by Chidi"
    assert lines[3] == "  was: Free soft drink (worth ₦500), 150 points, for Ada Obi"
    void = cli("code", "verify", made["off"])
    assert void.code == 3, void
    assert void.out.splitlines()[2:5] == [
        f"  Voided 25 Nov 2026 13:00 (Africa/Lagos) at this till ({till}) by Chidi",
        "  approved by Maryam",
        "  was: ₦1,000 off, 200 points, for Ada Obi",
    ]
    assert "NGN" not in used.out + void.out


def test_cli_redeem_and_verify_show_an_item_as_the_item(t: Terminal, cli: InProcessCli) -> None:
    t.close()
    made = cli("redeem", "--customer", ADA, "--reward", DRINK)
    assert made.code == 0, made
    assert "Free soft drink (worth ₦500), 150 points, for Ada Obi" in made.out
    code = made.out.split()[0]
    checked = cli("code", "verify", code)
    assert checked.code == 0, checked
    assert "give: Free soft drink (worth ₦500)" in checked.out
    used = cli("code", "use", code)
    assert f"{code} marked used: give Free soft drink (worth ₦500) to Ada Obi." in used.out
    discount = cli("redeem", "--customer", ADA, "--reward", OFF1000)
    assert "₦1,000 off, 200 points" in discount.out
    for out in (made.out, checked.out, used.out, discount.out):
        assert "₦500 off" not in out and "NGN" not in out, out


def test_report_text_and_pdf_write_reward_names_with_the_naira_sign(
    t: Terminal, tmp_path: Path
) -> None:
    import pypdf

    redeem.redeem(t, ADA, OFF1000, operator=CASHIER)
    data = report.daily(t).as_json()
    table = render_report.to_table(data)
    assert "₦1,000 off" in table and "NGN" not in table
    render_report.to_pdf(data, tmp_path / "r.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "r.pdf").pages)
    assert "₦1,000 off" in text and "NGN" not in text


def test_a_refusal_names_the_reward_in_the_one_money_form(t: Terminal) -> None:
    from pos_app.services import Refused

    with pytest.raises(Refused) as refused:
        redeem.redeem(t, ADA, "rwd_off5000", operator=CASHIER)  # "NGN 5,000 off", 850 points
    assert "₦5,000 off needs 850" in refused.value.message
    assert "NGN" not in refused.value.message


# Entries a quiet test day does not make (offline, overrides, conflicts, sync refusals),
# from the same sentence builder, with what a terminal knows to name things.
NAMES = describe.Names(
    customers={ADA: "Ada Obi"},
    codes={"REDEEM-AAAA1111": ("Ada Obi", "Free soft drink", 500, "NGN")},
    operations={7: ("redeem", ADA, CASHIER, None), 8: ("award", ADA, CASHIER, 1500)},
    staff=frozenset({"maryam", "chidi"}),
)


@pytest.mark.parametrize(
    ("actor", "action", "subject", "details", "sentence"),
    [
        (
            CASHIER, "redeem.offline", "REDEEM-AAAA1111", {"points": 150, "reason": "no_answer"},
            "Chidi gave out REDEEM-AAAA1111 (Free soft drink for Ada Obi) offline; it will sync",
        ),
        (
            MANAGER, "redeem.offline_override", "REDEEM-AAAA1111",
            {"rule": "max_points", "reason": "regular customer", "cashier": CASHIER},
            "Maryam allowed REDEEM-AAAA1111 (Free soft drink for Ada Obi) for Chidi beyond the "
            "offline limits: regular customer",
        ),
        (
            CASHIER, "conflict.accept_loss", "REDEEM-AAAA1111",
            {"outbox_id": 7, "approved_by": MANAGER, "note": "drink was given", "error": "x"},
            "Chidi accepted the loss on #7, Chidi's redemption REDEEM-AAAA1111 (Free soft drink "
            "for Ada Obi), approved by Maryam: drink was given",
        ),
        (
            "system", "sync.award.refused", ADA,
            {"outbox_id": 8, "code": "customer_inactive", "message": "The customer is inactive."},
            "The loyalty service refused Chidi's award of +1,500 points for Ada Obi: The "
            "customer is inactive.",
        ),
        (
            "system", "sync.redeem.conflict", "REDEEM-AAAA1111",
            {"outbox_id": 7, "code": "insufficient_balance", "message": "Not enough points."},
            "The loyalty service refused, after it was given out, Chidi's redemption "
            "REDEEM-AAAA1111 (Free soft drink for Ada Obi): Not enough points.",
        ),
        (
            MANAGER, "staff.pin_reset", CASHIER, {"operator": MANAGER, "was_locked": True},
            "Maryam set a new PIN for Chidi and lifted the lock-out",
        ),
        (
            CASHIER, "sign_in.failed", CASHIER, {"locked": True},
            "A wrong PIN was entered for Chidi and the account is now locked",
        ),
        (
            CASHIER, "customer.enrolled", "cus_new1", {"name": "Bola Ade"},
            "Chidi enrolled Bola Ade (cus_new1)",
        ),
        (
            CASHIER, "something.new_kind", "cus_abc123", {"some_key": 5},
            "Chidi: something new kind cus_abc123 (some key 5)",
        ),
    ],
)  # fmt: skip
def test_every_kind_of_entry_is_a_sentence(
    actor: str, action: str, subject: str, details: dict[str, object], sentence: str
) -> None:
    assert describe.audit_sentence(actor, action, subject, details, NAMES) == sentence


def test_cli_history_writes_money_in_reasons_one_way(t: Terminal, cli: InProcessCli) -> None:
    t.close()
    shown = cli("history", "--customer", ADA, "--limit", "100")
    assert shown.code == 0, shown
    assert "Redeemed: ₦1,000 off" in shown.out  # the seed's reason: "Redeemed: NGN 1,000 off"
    assert "NGN" not in shown.out


def test_a_pdf_without_the_naira_font_writes_amounts_as_ngn_and_does_not_fail(
    t: Terminal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The core PDF fonts have no ₦: amounts and reward names then read "NGN 1,000", the
    one form that font can print (a ₦ would stop the export)."""
    import pypdf

    redeem.redeem(t, ADA, "rwd_silver500", operator=CASHIER)  # "Silver weekend: NGN 3,000 off"
    data = report.daily(t).as_json()
    data["by_reward"][0]["label"] = "Silver weekend: ₦3,000 off"  # as a backend may name it
    monkeypatch.setattr(render_report, "FONT_PATHS", ())
    render_report.to_pdf(data, tmp_path / "r.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "r.pdf").pages)
    assert "Silver weekend: NGN 3,000 off" in text and "NGN 3,000" in text
    assert "₦" not in text
