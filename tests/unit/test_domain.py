"""Domain values without I/O: redemption codes, money and points formatting, timestamps."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.codes import CODE_LENGTH, CODE_RE, CROCKFORD, new_code, normalize_code
from pos_app.domain.money import format_money, format_points
from pos_app.domain.timefmt import from_db, to_db

SHAPE = re.compile(r"^REDEEM-[0-9A-Z]{6,12}$")

# --- codes -----------------------------------------------------------------------------------


def test_crockford_alphabet() -> None:
    assert len(CROCKFORD) == 32
    assert len(set(CROCKFORD)) == 32
    assert set(CROCKFORD) == set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert not set("ILOU") & set(CROCKFORD)


def test_new_code_shape() -> None:
    for _ in range(200):
        code = new_code()
        assert SHAPE.match(code), code
        body = code.removeprefix("REDEEM-")
        assert len(body) == CODE_LENGTH == 10
        assert set(body) <= set(CROCKFORD), code


@pytest.mark.parametrize("length", [6, 8, 12])
def test_new_code_lengths_within_the_contract(length: int) -> None:
    code = new_code(length)
    assert SHAPE.match(code)
    assert len(code) == len("REDEEM-") + length


def test_a_thousand_codes_are_distinct_and_use_the_whole_alphabet() -> None:
    codes = [new_code() for _ in range(1000)]
    assert len(set(codes)) == 1000
    characters = Counter("".join(c.removeprefix("REDEEM-") for c in codes))
    assert set(characters) == set(CROCKFORD)  # 10,000 draws: every symbol shows up
    # Roughly uniform: 10,000 / 32 = 312.5 per symbol expected.
    assert all(200 < n < 450 for n in characters.values()), characters


def test_new_codes_normalise_to_themselves() -> None:
    for _ in range(100):
        code = new_code()
        assert normalize_code(code) == code
        assert normalize_code(code.lower()) == code
        spaced = " ".join(code[i : i + 3] for i in range(0, len(code), 3))
        assert normalize_code(f"  {spaced}\n") == code


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        (" redeem-abc123 ", "REDEEM-ABC123"),
        ("REDEEM ABC123", "REDEEM-ABC123"),
        ("REDEEMABC123", "REDEEM-ABC123"),
        ("redeem-abc-123", "REDEEM-ABC123"),
        ("Redeem - ABC 123", "REDEEM-ABC123"),
        ("\tREDEEM-\nABC123\r\n", "REDEEM-ABC123"),
        ("REDEEM-ABCOIL", "REDEEM-ABC011"),  # O→0, I→1, L→1
        ("redeem-oooooo", "REDEEM-000000"),
        ("redeem-il1il1", "REDEEM-111111"),
        ("REDEEM-0123456789AB", "REDEEM-0123456789AB"),  # 12, the longest allowed
        ("REDEEM-ZZZZZZ", "REDEEM-ZZZZZZ"),  # 6, the shortest
    ],
)
def test_normalize_code_accepts(typed: str, canonical: str) -> None:
    assert normalize_code(typed) == canonical


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "FREE-123",
        "FREE-ABC123",
        "REDEEM-",
        "REDEEM",
        "REDEEM-ABC12",  # 5: too short
        "REDEEM-0123456789ABC",  # 13: too long
        "REDEEM-" + "A" * 100,
        "XREDEEM-ABC123",
        "-REDEEM-ABC123",
        "REDEEM-ABC!23",
        "REDEEM-ABC_123",
        "REDEEM-ABC.123",
        "REDEEM-ÄBC123",
        "REDEEM-ABÇ123",
        "REDEEM-АВС123",  # Cyrillic А, В, С
        "REDEEM-ABC12３",  # fullwidth digit
        "ＲＥＤＥＥＭ-ABC123",  # fullwidth prefix
        "REDEEM-ABC123🙂",
        "REDEEM-\u0000ABC123",
    ],
)
def test_normalize_code_rejects(typed: str) -> None:
    assert normalize_code(typed) is None


@pytest.mark.parametrize("typed", ["redeem-abc12ſ", "REDEEM-ıııııı", "REDEEM-ABCßß", "redeem-ﬀﬀﬀ"])
def test_normalize_code_rejects_non_ascii_that_upper_cases_to_ascii(typed: str) -> None:
    assert normalize_code(typed) is None


@given(st.text(max_size=40))
def test_normalize_code_is_canonical_or_none(text: str) -> None:
    code = normalize_code(text)
    if code is not None:
        assert CODE_RE.match(code)
        assert not set(code.removeprefix("REDEEM-")) & set("OIL")  # folded away
        assert normalize_code(code) == code  # idempotent


@given(
    body=st.text(alphabet=CROCKFORD + "oil" + CROCKFORD.lower(), min_size=6, max_size=12),
    spacing=st.sampled_from(["", " ", "-", "  "]),
)
def test_normalize_code_folds_typed_codes(body: str, spacing: str) -> None:
    typed = f"redeem{spacing}{body}"
    expected = "REDEEM-" + body.upper().replace("O", "0").replace("I", "1").replace("L", "1")
    assert normalize_code(typed) == expected


# --- money and points ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (1000, "NGN", "₦1,000"),
        (0, "NGN", "₦0"),
        (5, "NGN", "₦5"),
        (1_234_567, "NGN", "₦1,234,567"),
        (-1000, "NGN", "-₦1,000"),
        (-1, "NGN", "-₦1"),
        (1000, "ngn", "₦1,000"),
        (250, "USD", "US$250"),
        (99_999, "GBP", "£99,999"),
        (10, "EUR", "€10"),
        (5000, "GHS", "GHS\u00a05,000"),  # another country's sign: its code
        (-20, "KES", "-KES\u00a020"),
        (1000, "XYZ", "XYZ\u00a01,000"),
        (1000, "xyz", "XYZ\u00a01,000"),
        (-1000, "XYZ", "-XYZ\u00a01,000"),
        (0, "ZAR", "ZAR\u00a00"),
    ],
)
def test_format_money(amount: int, currency: str, text: str) -> None:
    assert format_money(amount, currency) == text


@given(
    amount=st.integers(min_value=-(10**15), max_value=10**15),
    currency=st.sampled_from(["NGN", "USD", "GBP", "EUR", "GHS", "KES", "XYZ", "JPY"]),
)
def test_format_money_keeps_every_digit_and_the_sign(amount: int, currency: str) -> None:
    text = format_money(amount, currency)
    assert re.sub(r"[^0-9]", "", text) == str(abs(amount))
    assert text.startswith("-") is (amount < 0)
    assert text.count("-") == (1 if amount < 0 else 0)


@pytest.mark.parametrize(
    ("points", "signed", "text"),
    [
        (0, False, "0 pts"),
        (1200, False, "1,200 pts"),
        (-300, False, "-300 pts"),
        (50, True, "+50 pts"),
        (-50, True, "-50 pts"),
        (0, True, "+0 pts"),
        (1_000_000, True, "+1,000,000 pts"),
    ],
)
def test_format_points(points: int, signed: bool, text: str) -> None:
    assert format_points(points, signed=signed) == text


# --- timestamps in the store (text order must be time order for the stale checks) ------------


def test_to_db_is_utc_fixed_width_and_round_trips() -> None:
    lagos = timezone(timedelta(hours=1))
    moment = datetime(2024, 6, 1, 13, 0, 0, 5, tzinfo=lagos)
    text = to_db(moment)
    assert text == "2024-06-01T12:00:00.000005Z"
    assert from_db(text) == moment
    assert from_db(text).tzinfo == UTC


def test_to_db_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_db(datetime(2024, 6, 1, 12, 0))  # naive on purpose


aware = st.datetimes(
    min_value=datetime(2000, 1, 2),
    max_value=datetime(2200, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-8))]),
)


@given(a=aware, b=aware)
def test_text_order_is_time_order(a: datetime, b: datetime) -> None:
    ta, tb = to_db(a), to_db(b)
    assert len(ta) == len(tb) == 27
    assert (ta < tb) is (a < b)
    assert (ta == tb) is (a == b)
    assert from_db(ta) == a


# --- the values that cross layers ------------------------------------------------------------


def test_typed_values_keep_their_wire_and_stored_spelling() -> None:
    """Scripts read these in `--json` answers and the store keeps them: an enum changes
    how the code spells them, never what a script or an old database sees."""
    from pos_app.domain.models import Origin, Outcome, Source
    from pos_app.services.approvals import QueuedResult
    from pos_app.services.points import AwardResult

    assert [x.value for x in Outcome] == ["confirmed", "offline"]
    assert [x.value for x in Source] == ["backend", "cache"]
    assert [x.value for x in Origin] == ["local", "remote"]
    award = AwardResult("cus_a", 5, Outcome.OFFLINE, None).as_json()
    assert award["status"] == "offline" and type(award["status"]) is str
    assert json.dumps(QueuedResult(Outcome.CONFIRMED, 10).as_json()) == (
        '{"status": "confirmed", "balance_after": 10}'
    )
