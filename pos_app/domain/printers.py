"""A receipt printer named in one line, as settings and `--printer` take it:
`usb:VID:PID` (hex ids, as lsusb shows them), `net:HOST[:PORT]` (port 9100 unless given),
`serial:DEVICE` (/dev/ttyUSB0, COM3), or `file:PATH` (the raw ESC/POS bytes written to a
file, owner-only). Pure: parsing and checking only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ..i18n import N_, _

DEFAULT_PORT = 9100
PAPER_COLUMNS = {58: 32, 80: 48}  # paper width in mm -> characters of font A per line
FORMS = "usb:VID:PID, net:HOST[:PORT], serial:DEVICE or file:PATH"

_HEX_ID = re.compile(r"(0x)?[0-9A-Fa-f]{1,4}")
_HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.\-]{0,252})|\[[0-9A-Fa-f:.]+\]")


class PrinterSpecError(ValueError):
    """A printer spec that cannot name a printer; the message says what is allowed."""


class Link(StrEnum):
    USB = "usb"
    NET = "net"
    SERIAL = "serial"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class PrinterSpec:
    link: Link
    target: str  # the host, the serial device or the file's path; "" for USB
    port: int = 0  # net only
    vendor_id: int = 0  # usb only
    product_id: int = 0  # usb only

    def __str__(self) -> str:
        if self.link is Link.USB:
            return f"usb:{self.vendor_id:04x}:{self.product_id:04x}"
        if self.link is Link.NET:
            host = f"[{self.target}]" if ":" in self.target else self.target
            return f"net:{host}:{self.port}"
        return f"{self.link.value}:{self.target}"


def _bad(text: str, why: str, **fields: str) -> PrinterSpecError:
    """`why`: an N_() message, translated here (`_` is a throwaway name in _net)."""
    shown = repr(text) if len(text) <= 60 else repr(text[:57] + "...")
    return PrinterSpecError(
        _("printer {printer}: {why} (the forms: {forms})").format(
            printer=shown, why=_(why).format(**fields), forms=FORMS
        )
    )


def parse(text: str) -> PrinterSpec:
    """The printer a spec names, or PrinterSpecError."""
    raw = text.strip()
    if not raw.isprintable():
        raise _bad(text, N_("control characters are not allowed"))
    kind, sep, rest = raw.partition(":")
    kind = kind.casefold()
    if not sep or kind not in {k.value for k in Link}:
        raise _bad(text, N_("it must start with usb:, net:, serial: or file:"))
    if not rest:
        raise _bad(text, N_("{kind}: needs what follows it"), kind=kind)
    if kind == Link.USB:
        parts = rest.split(":")
        if len(parts) != 2 or not all(_HEX_ID.fullmatch(p) for p in parts):
            raise _bad(
                text, N_("usb: needs the vendor and product ids in hex, such as usb:04b8:0e15")
            )
        vid, pid = (int(p, 16) for p in parts)
        if not vid or not pid:
            raise _bad(text, N_("a USB id cannot be 0"))
        return PrinterSpec(Link.USB, "", vendor_id=vid, product_id=pid)
    if kind == Link.NET:
        return _net(text, rest)
    return PrinterSpec(Link(kind), rest)


def _net(text: str, rest: str) -> PrinterSpec:
    host, port = rest, DEFAULT_PORT
    if rest.startswith("["):  # [IPv6]:port
        host, _, after = rest.partition("]")
        host += "]"
        if after:
            if not after.startswith(":"):
                raise _bad(text, N_("net: an IPv6 address is [ADDRESS] or [ADDRESS]:PORT"))
            port = _port(text, after[1:])
    elif rest.count(":") == 1:
        host, _, port_text = rest.partition(":")
        port = _port(text, port_text)
    if not _HOST.fullmatch(host):
        raise _bad(text, N_("net: needs a host name or address, such as net:192.168.1.50"))
    return PrinterSpec(Link.NET, host.strip("[]"), port=port)


def _port(text: str, port_text: str) -> int:
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise _bad(text, N_("the port must be a number from 1 to 65535"))
    return int(port_text)


def valid(text: str) -> bool:
    """For the settings schema: empty (no printer) or a spec that parses."""
    if not text.strip():
        return True
    try:
        parse(text)
    except PrinterSpecError:
        return False
    return True


def columns(paper_mm: int) -> int:
    return PAPER_COLUMNS[paper_mm]
