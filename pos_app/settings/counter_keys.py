"""The counter's own settings, part of schema.SETTINGS: the barcode scanner's programming
([scanner]), the ESC/POS receipt printer ([printer]), the terminal's language ([terminal])
and its log files ([logs]). Pure."""

from __future__ import annotations

from ..i18n import CHOICES as LANGUAGE_CHOICES
from ..i18n import N_
from .model import Applies, Kind, Setting

L, R = Applies.LIVE, Applies.RESTART


def _printer_valid(text: str) -> bool:
    """domain.printers.valid, imported when a printer setting is checked: reading the
    settings (every command) never builds the printer's spec class and patterns."""
    from ..domain import printers

    return printers.valid(text)


def _paper_valid(mm: int) -> bool:
    from ..domain import printers

    return mm in printers.PAPER_COLUMNS


COUNTER_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "scanner.prefix",
        Kind.TEXT,
        "",
        N_("empty, or up to 8 visible characters"),
        N_("what the barcode scanner sends before each code (stripped; required when set)"),
        L,
        test=lambda v: len(v) <= 8 and (v == "" or (v.isprintable() and not v.isspace())),
    ),
    Setting(
        "scanner.suffix",
        Kind.TEXT,
        "Enter",
        N_("Enter, Tab, or up to 8 visible characters"),
        N_("what the barcode scanner sends after each code (the end of a scan; stripped)"),
        L,
        test=lambda v: v in ("Enter", "Tab") or (0 < len(v) <= 8 and v.isprintable()),
    ),
    Setting(
        "scanner.max_gap_ms",
        Kind.WHOLE,
        30,
        N_("a whole number of milliseconds from 5 to 200"),
        N_("keys closer together than this came from a scanner, not a person typing"),
        L,
        5,
        200,
    ),
    Setting(
        "printer.device",
        Kind.TEXT,
        None,
        N_(
            "empty (no receipt printer) or one of usb:VID:PID, net:HOST[:PORT], serial:DEVICE "
            "or file:PATH"
        ),
        N_("the ESC/POS receipt printer, such as usb:04b8:0e15 or net:192.168.1.50"),
        L,
        test=_printer_valid,
        default_words=N_("no receipt printer (slips go through the system's print dialog)"),
    ),
    Setting(
        "printer.paper_mm",
        Kind.WHOLE,
        80,
        N_("58 or 80"),
        N_("the receipt paper's width in mm (32 or 48 characters a line)"),
        L,
        58,
        80,
        test=_paper_valid,
    ),
    Setting(
        "printer.auto",
        Kind.BOOL,
        True,
        N_("true or false"),
        N_("print each slip as it happens; false: only when the cashier asks (Print slip, Ctrl+P)"),
        L,
    ),
    Setting(
        "terminal.language",
        Kind.TEXT,
        "auto",
        N_("auto (the system's language), en or fr"),
        N_("the language of the screen and the commands"),
        R,
        test=lambda v: v in LANGUAGE_CHOICES,
    ),
    Setting(
        "logs.max_kib",
        Kind.WHOLE,
        1024,
        N_("a whole number of KiB from 64 to 102,400"),
        N_("the size of one log file before it rotates"),
        R,
        64,
        102_400,
    ),
    Setting(
        "logs.files",
        Kind.WHOLE,
        5,
        N_("a whole number from 1 to 50"),
        N_("how many log files are kept"),
        R,
        1,
        50,
    ),
)
del L, R
