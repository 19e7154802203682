"""The ESC/POS slips as bytes (python-escpos's Dummy printer underneath), the printer
spec, and the links (a network printer: tests/integration/test_printing_net.py)."""

from __future__ import annotations

import re
import stat
from datetime import datetime
from pathlib import Path

import pytest

from pos_app.domain import printers
from pos_app.domain.printers import Link, PrinterSpecError
from pos_app.render import escpos_slip as slips
from pos_app.services import printing
from pos_app.services.printing import PrinterError

CODE = "REDEEM-ABC1234567"
WHERE = slips.Where("Ikeja Mall", "till-07", "ada", datetime(2026, 11, 26, 14, 5))
SLIP = slips.RedemptionSlip(
    code=CODE,
    reward_name="Free soft drink and a very long description of the reward for the wrap",
    discount_amount=1_000,
    currency="NGN",
    points=200,
    balance_after=1_300,
    customer_name="Ada Obi",
    offline=True,
)


def text_lines(data: bytes) -> list[str]:
    """The printed lines, control sequences out: ESC and GS commands of one or two bytes,
    and the QR (GS ( k, with its length) and barcode (GS k m n, with its length) data."""
    out, i = bytearray(), 0
    while i < len(data):
        if data.startswith(b"\x1d(k", i):
            i += 5 + data[i + 3] + 256 * data[i + 4]
        elif data.startswith(b"\x1dkI", i):
            i += 4 + data[i + 3]
        elif data[i] in (0x1B, 0x1D):
            i += 2 if data[i + 1] == ord("@") else 3
        else:
            out.append(data[i])
            i += 1
    return out.decode("cp437", "replace").split("\n")


def qr_data(data: bytes) -> list[bytes]:
    """The data of each native QR: GS ( k pL pH 1 P 0 DATA (function 180, store)."""
    found = []
    for m in re.finditer(rb"\x1d\(k(.)(.)1P0", data, flags=re.S):
        size = m.group(1)[0] + 256 * m.group(2)[0] - 3
        found.append(data[m.end() : m.end() + size])
    return found


def code128_data(data: bytes) -> list[bytes]:
    """The data of each Code 128 barcode: GS k 73 n DATA (function B)."""
    return [data[m.end() : m.end() + m.group(1)[0]] for m in re.finditer(rb"\x1dkI(.)", data)]


@pytest.mark.parametrize("paper", [58, 80])
def test_redemption_slip_bytes(paper: int) -> None:
    data = slips.redemption(SLIP, WHERE, paper)
    assert data.startswith(b"\x1b@")  # initialise
    assert qr_data(data) == [CODE.encode()]
    assert b"\x1d(k\x03\x001Q0" in data  # ... and print the QR
    # On 58 mm a Code 128 of 17 characters is wider than the paper (a printer drops it):
    # the QR alone carries the code there (test_slip_image.py).
    assert code128_data(data) == ([b"{B" + CODE.encode()] if paper == 80 else [])
    assert data.rstrip(b"\x1bd\x06").endswith(b"\x1dV\x00") or b"\x1dV" in data[-8:]  # cut
    text = "\n".join(text_lines(data))
    for words in (CODE, "OFFLINE", "NGN 1,000", "1,300", "Ikeja Mall", "till-07", "ada"):
        assert words in text, words
    assert "26 Nov 2026 14:05" in text


def test_code_is_large_text() -> None:
    data = slips.redemption(SLIP, WHERE, 80)
    # ESC ! 0x30: double width and height, then the code as text
    assert re.search(rb"\x1b!0(\x1b[Ea].)*" + CODE.encode() + rb"\n", data)


def test_online_slip_says_no_offline() -> None:
    from dataclasses import replace

    data = slips.redemption(replace(SLIP, offline=False), WHERE, 58)
    assert b"OFFLINE" not in data


@pytest.mark.parametrize(("paper", "columns"), [(58, 32), (80, 48)])
def test_no_line_is_wider_than_the_paper(paper: int, columns: int) -> None:
    award = slips.PointsSlip(False, 1_250, 2_500, "Ada Obi", "ORDER-1234", False)
    back = slips.PointsSlip(True, 300, 2_200, "Ada Obi", "ORDER-1234", True)
    report = {
        "date_from": "2026-11-26",
        "date_to": "2026-11-26",
        "currency": "NGN",
        "redemptions": 12,
        "points_redeemed": 2400,
        "discount_total": 12000,
        "points_awarded": 5000,
        "offline": 1,
        "conflicts": 0,
        "voids": 1,
    }
    for data in (
        slips.redemption(SLIP, WHERE, paper),
        slips.points(award, WHERE, paper),
        slips.points(back, WHERE, paper),
        slips.report(report, WHERE, paper),
        slips.test_page(WHERE, paper),
    ):
        assert b"\x1dV" in data
        for line in text_lines(data):
            assert len(line) <= columns, line
    assert f"{'1234567890' * 5}"[:columns] in "\n".join(text_lines(slips.test_page(WHERE, paper)))
    assert "+1,250 pts" in "\n".join(text_lines(slips.points(award, WHERE, paper)))
    assert "-300 pts" in "\n".join(text_lines(slips.points(back, WHERE, paper)))


# ------------------------------------------------------------------ the spec
@pytest.mark.parametrize(
    ("text", "link", "target", "port"),
    [
        ("usb:04b8:0e15", Link.USB, "", 0),
        ("net:192.168.1.50", Link.NET, "192.168.1.50", 9100),
        ("net:printer.local:9101", Link.NET, "printer.local", 9101),
        ("net:[::1]:9100", Link.NET, "::1", 9100),
        ("serial:/dev/ttyUSB0", Link.SERIAL, "/dev/ttyUSB0", 0),
        ("file:/tmp/x.bin", Link.FILE, "/tmp/x.bin", 0),
    ],
)
def test_specs(text: str, link: Link, target: str, port: int) -> None:
    spec = printers.parse(text)
    assert (spec.link, spec.target, spec.port) == (link, target, port)
    assert printers.parse(str(spec)) == spec


@pytest.mark.parametrize(
    "text",
    [
        "",
        "lpt:1",
        "usb:04b8",
        "usb:xyz:1",
        "usb:0:0",
        "net:",
        "net:host:0",
        "net:host:99999",
        "net:a b",
        "file:",
        "serial:",
        "usb:1:2:3",
        "file:\x00x",
    ],
)
def test_bad_specs(text: str) -> None:
    with pytest.raises(PrinterSpecError, match="the forms"):
        printers.parse(text)
    assert printers.valid(text) == (text == "")


# ------------------------------------------------------------------ the links
def test_file_printer_writes_the_same_bytes_owner_only(tmp_path: Path) -> None:
    data = slips.redemption(SLIP, WHERE, 58)
    out = tmp_path / "slip.bin"
    out.write_bytes(b"old")
    out.chmod(0o644)
    done = printing.send(printers.parse(f"file:{out}"), data)
    assert out.read_bytes() == data
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert done.size == len(data)


def test_file_printer_in_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(PrinterError) as caught:
        printing.send(printers.parse(f"file:{tmp_path}/nope/x.bin"), b"x")
    assert caught.value.reason == "no_device"


def test_missing_serial_device_and_usb(tmp_path: Path) -> None:
    with pytest.raises(PrinterError) as caught:
        printing.send(printers.parse(f"serial:{tmp_path}/ttyUSB9"), b"x")
    assert caught.value.reason == "no_device"
    with pytest.raises(PrinterError) as caught:
        printing.send(printers.parse("usb:04b8:0e15"), b"x", timeout=1)
    assert caught.value.reason in ("no_driver", "no_device", "permission")


def test_qr_decodes_from_an_image() -> None:
    """The QR's data, drawn as the printer would (qrcode, same data), decodes to the code."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    from pos_app.render.codes import qr_matrix

    (data,) = qr_data(slips.redemption(SLIP, WHERE, 58))
    matrix = qr_matrix(data.decode())
    scale, quiet = 6, 4
    side = (len(matrix) + 2 * quiet) * scale
    image = Image.new("L", (side, side), 255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                x0, y0 = (x + quiet) * scale, (y + quiet) * scale
                image.paste(0, (x0, y0, x0 + scale, y0 + scale))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [CODE]
