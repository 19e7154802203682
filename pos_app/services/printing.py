"""Printing on the ESC/POS receipt printer: open the configured one (or the one named by
`--printer`), send a slip's bytes (made by render/escpos_slip.py), close. Every failure is one
PrinterError saying what happened and what to do: no printer configured, the device is
missing, does not answer, is out of paper (when it says so), or may not be opened. Bounded
in time: a network printer that does not answer costs `timeout` seconds, never a hang.

No Qt. The GUI calls it on a runner lane, never on the UI thread."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..domain import printers
from ..domain.printers import Link, PrinterSpec, PrinterSpecError
from ..i18n import N_
from .errors import BadInput, ServiceError
from .words import say

DEFAULT_TIMEOUT = 5.0  # seconds a printer has to take a slip
STATUS_WAIT = 0.3  # seconds a network printer has to answer the paper-status question
PAPER_STATUS = b"\x10\x04\x04"  # DLE EOT 4: the roll paper sensor
PAPER_OUT = 0x60  # bits 5 and 6 of its answer: the paper has run out


class PrinterError(ServiceError):
    """The slip was not printed. `reason`: not_configured, no_device, offline, no_paper,
    permission, no_driver. The message is one line: what happened, then what to do."""

    exit_code = 4

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message, f"printer_{reason}")
        self.reason = reason
        if reason == "not_configured":
            self.exit_code = 2


@dataclass(frozen=True, slots=True)
class Printed:
    printer: str
    size: int  # bytes sent

    def as_json(self) -> dict[str, object]:
        return {"printer": self.printer, "bytes": self.size}


def spec_of(config: Config, given: str | None = None) -> PrinterSpec:
    """The printer to use: `given` (`--printer`), else the configured one."""
    text = given if given is not None else config.printer
    if text is None or not text.strip():
        raise PrinterError(
            "not_configured",
            say(
                N_(
                    "No receipt printer is configured: set one with 'pos-app config set "
                    "printer.device usb:VID:PID' (or net:HOST, serial:DEVICE, file:PATH), or "
                    "give --printer."
                )
            ),
        )
    try:
        return printers.parse(text)
    except PrinterSpecError as error:
        raise BadInput(say(N_("The {error}."), error=error), "bad_printer") from None


def send(spec: PrinterSpec, data: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> Printed:
    """Send `data` to the printer and close it; PrinterError on any failure."""
    senders: dict[Link, Callable[[PrinterSpec, bytes, float], None]] = {
        Link.FILE: _to_file,
        Link.NET: _to_network,
        Link.SERIAL: _to_serial,
        Link.USB: _to_usb,
    }
    try:
        senders[spec.link](spec, data, timeout)
    except PrinterError:
        raise
    except PermissionError:
        raise _permission(spec) from None
    except TimeoutError:
        raise _offline(spec, timeout) from None
    except OSError as error:
        raise _os_error(spec, error, timeout) from None
    except Exception as error:  # a driver's own error (pyusb, python-escpos): one line
        raise PrinterError(
            "offline",
            say(
                N_("The printer {spec} failed: {error}. Check that it is on and connected."),
                spec=spec,
                error=error,
            ),
        ) from None
    return Printed(str(spec), len(data))


def print_bytes(
    config: Config, data: bytes, printer: str | None = None, *, timeout: float = DEFAULT_TIMEOUT
) -> Printed:
    return send(spec_of(config, printer), data, timeout=timeout)


# ------------------------------------------------------------------ the links
def _to_file(spec: PrinterSpec, data: bytes, timeout: float) -> None:
    """The raw bytes into a file (owner-only), or into a printer's device file such as
    /dev/usb/lp0. Each print replaces a regular file's content."""
    path = Path(spec.target).expanduser()
    if not path.parent.is_dir():
        raise PrinterError(
            "no_device",
            say(
                N_("The folder of {path} does not exist: create it or name another file."),
                path=path,
            ),
        )
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags, 0o600)
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.ftruncate(fd, 0)
            with contextlib.suppress(OSError):
                os.fchmod(fd, 0o600)
        _write_all(fd, data, timeout, spec)
    finally:
        os.close(fd)


def _to_serial(spec: PrinterSpec, data: bytes, timeout: float) -> None:
    """A serial port as the system has set it up (the baud rate: the printer's manual, set
    with the OS, such as `stty -F /dev/ttyUSB0 9600`)."""
    path = Path(spec.target)
    if not path.exists():
        raise PrinterError(
            "no_device",
            say(N_("There is no serial device {path}: check the cable and the name."), path=path),
        )
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        _write_all(fd, data, timeout, spec)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes, timeout: float, spec: PrinterSpec) -> None:
    deadline = time.monotonic() + timeout
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise _offline(spec, timeout) from None
            time.sleep(0.01)  # a device file that is busy: try again until the deadline


def _to_network(spec: PrinterSpec, data: bytes, timeout: float) -> None:
    with socket.create_connection((spec.target, spec.port), timeout=timeout) as conn:
        conn.settimeout(timeout)
        conn.sendall(PAPER_STATUS)
        conn.settimeout(min(STATUS_WAIT, timeout))
        try:
            answer = conn.recv(1)
        except TimeoutError:
            answer = b""  # many printers do not answer on this port: print anyway
        if answer and answer[0] & PAPER_OUT == PAPER_OUT:
            raise PrinterError(
                "no_paper",
                say(
                    N_("The printer {spec} is out of paper: load a new roll, then reprint."),
                    spec=spec,
                ),
            )
        conn.settimeout(timeout)
        conn.sendall(data)
        with contextlib.suppress(OSError):
            conn.shutdown(socket.SHUT_WR)


def _to_usb(spec: PrinterSpec, data: bytes, timeout: float) -> None:
    try:
        import usb.core  # noqa: F401 -- pyusb, which python-escpos's Usb needs
        from escpos.printer import Usb
    except ImportError:
        raise PrinterError(
            "no_driver",
            say(
                N_(
                    "USB printers need pyusb: pip install 'python-escpos[usb]' (and libusb), "
                    "or use the printer's device file with file:/dev/usb/lp0."
                )
            ),
        ) from None
    printer = Usb(spec.vendor_id, spec.product_id, timeout=int(timeout * 1000))
    try:
        printer.open(raise_not_found=True)
    except Exception as error:
        words = str(error).casefold()
        if "access" in words or "permission" in words:
            raise _permission(spec) from None
        raise PrinterError(
            "no_device",
            say(
                N_(
                    "No USB printer {spec} is connected: check the cable and power, and the "
                    "ids (lsusb lists them)."
                ),
                spec=spec,
            ),
        ) from None
    try:
        printer._raw(data)
    finally:
        with contextlib.suppress(Exception):
            printer.close()


# ------------------------------------------------------------------ failures, in words
def _offline(spec: PrinterSpec, timeout: float) -> PrinterError:
    return PrinterError(
        "offline",
        say(
            N_(
                "The printer {spec} did not answer within {timeout:g} s: check that it "
                "is on, has paper and is on the network."
            ),
            spec=spec,
            timeout=timeout,
        ),
    )


def _permission(spec: PrinterSpec) -> PrinterError:
    fix = (
        say(N_("add a udev rule for it, or the user to the lp group"))
        if spec.link is Link.USB
        else say(N_("give the user who runs pos-app access to it (the dialout or lp group)"))
        if spec.link is Link.SERIAL
        else say(N_("give the user who runs pos-app write access to {target}"), target=spec.target)
    )
    return PrinterError(
        "permission", say(N_("The printer {spec} may not be opened: {fix}."), spec=spec, fix=fix)
    )


def _os_error(spec: PrinterSpec, error: OSError, timeout: float) -> PrinterError:
    if error.errno in (errno.EACCES, errno.EPERM):
        return _permission(spec)
    if spec.link is Link.NET:
        if isinstance(error, socket.gaierror):
            return PrinterError(
                "no_device",
                say(
                    N_("The printer's host {target} is not known: check the name."),
                    target=spec.target,
                ),
            )
        return PrinterError(
            "offline",
            say(
                N_(
                    "The printer {spec} cannot be reached ({value}): check that it is on and "
                    "on the network, and its address."
                ),
                spec=spec,
                value=error.strerror or error,
            ),
        )
    if error.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
        return PrinterError(
            "no_device",
            say(N_("There is no printer at {target}: check the name."), target=spec.target),
        )
    return PrinterError(
        "offline",
        say(
            N_("The printer {spec} failed: {value}. Check it, then reprint."),
            spec=spec,
            value=error.strerror or error,
        ),
    )


# ------------------------------------------------------------------ the doctor's check
def probe(spec: PrinterSpec, *, timeout: float = DEFAULT_TIMEOUT) -> tuple[bool, str, str]:
    """(ok, what was found, how to fix it), sending nothing to be printed."""
    try:
        if spec.link is Link.FILE:
            path = Path(spec.target).expanduser()
            if path.exists():
                ok = os.access(path, os.W_OK)
            else:
                ok = path.parent.is_dir() and os.access(path.parent, os.W_OK)
            if not ok:
                return (
                    False,
                    say(N_("{path} cannot be written"), path=path),
                    say(N_("give write access to {path}"), path=path),
                )
            return True, say(N_("{path} can be written"), path=path), ""
        if spec.link is Link.NET:
            started = time.monotonic()
            with socket.create_connection((spec.target, spec.port), timeout=timeout):
                pass
            took = (time.monotonic() - started) * 1000
            return (
                True,
                say(N_("{spec} accepted a connection in {took:.0f} ms"), spec=spec, took=took),
                "",
            )
        if spec.link is Link.SERIAL:
            path = Path(spec.target)
            if not path.exists():
                return (
                    False,
                    say(N_("there is no serial device {path}"), path=path),
                    say(N_("check the cable and the name")),
                )
            fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | os.O_NONBLOCK)
            os.close(fd)
            return True, say(N_("{path} opens"), path=path), ""
        send(spec, b"\x1b@", timeout=timeout)  # USB: ESC @ (initialise) prints nothing
        return True, say(N_("{spec} is connected"), spec=spec), ""
    except PrinterError as error:
        return False, error.message, ""
    except TimeoutError:
        return False, _offline(spec, timeout).message, ""
    except OSError as error:
        return False, _os_error(spec, error, timeout).message, ""


def check(config: Config, *, timeout: float = DEFAULT_TIMEOUT) -> tuple[bool, str, str]:
    """The doctor's line on the configured printer: (ok, what was found, the fix)."""
    if not config.printer:
        return True, say(N_("no receipt printer configured: slips go through the print dialog")), ""
    try:
        spec = printers.parse(config.printer)
    except PrinterSpecError as error:
        return False, str(error), say(N_("pos-app config set printer.device SPEC"))
    ok, found, fix = probe(spec, timeout=timeout)
    if ok:
        return (
            True,
            say(N_("{found} ({paper_mm} mm paper)"), found=found, paper_mm=config.paper_mm),
            "",
        )
    return (
        False,
        found,
        fix or say(N_("check the printer's power, cable or network; pos-app print test")),
    )
