"""A network receipt printer (net:HOST:PORT) against a socket on 127.0.0.1: the bytes
arrive; one that reports no paper, one that never answers (a timeout, one clear error),
one that refuses."""

from __future__ import annotations

import socket
import threading
import time
from datetime import datetime

import pytest

from pos_app.domain import printers
from pos_app.render import escpos_slip as slips
from pos_app.services import printing
from pos_app.services.printing import PrinterError

WHERE = slips.Where("Ikeja Mall", "till-07", "ada", datetime(2026, 11, 26, 14, 5))
SLIP = slips.RedemptionSlip("REDEEM-ABC1234567", "Free drink", 500, "NGN", 200, 300, "Ada", False)


def _server(answer: bytes = b"") -> tuple[socket.socket, list[bytes], threading.Thread]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    got: list[bytes] = []

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.settimeout(5)
            first = conn.recv(3)
            got.append(first)
            if answer:
                conn.sendall(answer)
            while chunk := conn.recv(65536):
                got.append(chunk)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return listener, got, thread


def test_network_printer_gets_the_bytes() -> None:
    listener, got, thread = _server()
    data = slips.redemption(SLIP, WHERE, 80)
    with listener:
        port = listener.getsockname()[1]
        printing.send(printers.parse(f"net:127.0.0.1:{port}"), data, timeout=3)
        thread.join(5)
    assert got[0] == printing.PAPER_STATUS
    assert b"".join(got[1:]) == data


def test_network_printer_out_of_paper() -> None:
    listener, _got, thread = _server(answer=b"\x72")
    with listener:
        port = listener.getsockname()[1]
        with pytest.raises(PrinterError) as caught:
            printing.send(printers.parse(f"net:127.0.0.1:{port}"), b"x", timeout=3)
        thread.join(5)
    assert caught.value.reason == "no_paper"
    assert "paper" in caught.value.message


def test_network_printer_that_never_accepts_times_out() -> None:
    """A listener whose queue is full (one connection never accepted): the next
    connection is never answered, and the print gives up after its timeout."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    started = time.monotonic()
    try:
        with pytest.raises(PrinterError) as caught:
            printing.send(printers.parse(f"net:127.0.0.1:{port}"), b"x" * 10, timeout=0.5)
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
    assert time.monotonic() - started < 3
    assert caught.value.reason == "offline"
    assert "did not answer within 0.5 s" in caught.value.message


def test_refused_connection_is_one_clear_error() -> None:
    spare = socket.socket()
    spare.bind(("127.0.0.1", 0))
    port = spare.getsockname()[1]
    spare.close()
    with pytest.raises(PrinterError) as caught:
        printing.send(printers.parse(f"net:127.0.0.1:{port}"), b"x", timeout=1)
    assert caught.value.reason == "offline"
    assert caught.value.exit_code == 4
