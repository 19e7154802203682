"""The picture of a slip drawn from its ESC/POS bytes (render/slip_image.py): it shows
what the printer prints, and refuses what it cannot honestly draw."""

from __future__ import annotations

from datetime import datetime

import pytest
import zxingcpp
from PIL import Image

from pos_app.render import escpos_slip as slips
from pos_app.render.slip_image import SlipImageError, render

CODE = "REDEEM-7KQ2X9MC"
WHERE = slips.Where("Ikeja City Mall", "till-07", "Ada", datetime(2026, 11, 26, 14, 5))


def slip(currency: str = "NGN", code: str = CODE) -> slips.RedemptionSlip:
    return slips.RedemptionSlip(code, "Free soft drink", 1_500, currency, 500, 2_350, "Ada", False)


def decoded(picture: Image.Image) -> dict[str, str]:
    found = zxingcpp.read_barcodes(picture.convert("L"))
    return {r.format.name: r.text for r in found}


def test_redemption_slip_decodes_to_its_code_80mm() -> None:
    data = slips.redemption(slip(), WHERE, 80)
    assert b"\x1d(k\x03\x001E1" in data  # the QR's error correction: M
    picture = render(data, 80)
    assert picture.width == 576
    assert decoded(picture) == {"QRCode": CODE, "Code128": CODE}


def test_58mm_width_and_qr_only_for_a_long_code() -> None:
    # 15 characters of Code 128 at 2 dots a module are 400 dots: more than 384, a printer
    # would drop it, so the slip leaves it out and the QR carries the code.
    picture = render(slips.redemption(slip(), WHERE, 58), 58)
    assert picture.width == 384
    assert decoded(picture) == {"QRCode": CODE}
    short = "REDEEM-7KQ2X9"
    picture = render(slips.redemption(slip(code=short), WHERE, 58), 58)
    assert decoded(picture) == {"QRCode": short, "Code128": short}


@pytest.mark.parametrize("paper", [58, 80])
def test_every_slip_draws(paper: int) -> None:
    award = slips.PointsSlip(False, 1_250, 3_600, "Ada Obi", "ORDER-20931", True)
    for data in (slips.points(award, WHERE, paper), slips.test_page(WHERE, paper)):
        assert render(data, paper).width == {58: 384, 80: 576}[paper]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x1b@\x1b-\x01x\n", "ESC '-'"),  # underline: not drawn
        (b"\x1b@\x1dB\x01x\n", "GS 'B'"),  # reverse
        (b"\x1b@\x1b!\x01x\n", "ESC ! 0x01"),  # font B
        (b"\x1b@\x1bt\x07x\n", "ESC t 7"),  # a code page we cannot decode
        (b"\x1b@\x1dkE\x03ABC", "GS k 69"),  # Code 39
        (b"\x1b@\x09x\n", "control byte 0x09"),
        (b"\x1b@x", "unprinted"),
    ],
)
def test_what_it_does_not_know_raises(data: bytes, words: str) -> None:
    with pytest.raises(SlipImageError, match=words):
        render(data, 80)


def test_a_barcode_wider_than_the_paper_raises() -> None:
    data = b"\x1b@\x1dw\x03\x1dkI\x11{BREDEEM-7KQ2X9MC"
    with pytest.raises(SlipImageError, match="would not print"):
        render(data, 80)


def _ink(picture: Image.Image) -> int:
    return sum(picture.histogram()[:128])  # dark dots (the picture is black on white)


def test_french_accents_render(french: None) -> None:
    # ESC t 0 is CP437, the code page python-escpos selects: é is 0x82, à 0x85.
    accented = render(b"\x1b@\x1bt\x00\x82\x85\n", 80)
    plain = render(b"\x1b@\x1bt\x00ea\n", 80)
    assert _ink(accented) > _ink(plain)  # the accents are drawn, not dropped
    data = slips.redemption(slip("XOF"), WHERE, 80)
    assert "Présentez".encode("cp437") in data
    assert decoded(render(data, 80)) == {"QRCode": CODE, "Code128": CODE}


def test_the_longest_code_prints_its_barcode_on_80mm() -> None:
    code = "REDEEM-" + "Z" * 12  # CODE_RE's longest
    picture = render(slips.redemption(slip(code=code), WHERE, 80), 80)
    assert decoded(picture) == {"QRCode": code, "Code128": code}
