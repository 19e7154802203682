"""The receipt printer from the cashier's screen (ISSUE13 #1): slips through the real GUI
path onto a real `file:` printer (the raw ESC/POS bytes), automatically or on request;
a printer that fails leaves the redemption and its code as they were and says one line;
reprints from the code screen and the checkout screen; award and return slips; and a
printer that hangs never freezes the screen. Real sandbox, real window."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from support.gui_helpers import (
    CASHIER,
    CASHIER_PIN,
    MANAGER,
    MANAGER_PIN,
    Gui,
    button_for,
    open_ada,
    signed_in,
)
from support.terminal_helpers import backend_redemptions_with_code

from pos_app.config import load_config
from pos_app.sandbox import SandboxServer
from pos_app.ui.answers import AwardAnswer, ReturnAnswer, SaleAnswer
from pos_app.ui.bridge import Lane
from pos_app.ui.flows import printing as print_flow

CUT = b"\x1dV"


def qr_data(data: bytes) -> list[bytes]:
    """The data of each native QR: GS ( k pL pH 1 P 0 DATA (store the symbol's data)."""
    found = []
    for m in re.finditer(rb"\x1d\(k(.)(.)1P0", data, flags=re.S):
        size = m.group(1)[0] + 256 * m.group(2)[0] - 3
        found.append(data[m.end() : m.end() + size])
    return found


def code128_data(data: bytes) -> list[bytes]:
    """The data of each Code 128 barcode: GS k 73 n DATA."""
    return [data[m.end() : m.end() + m.group(1)[0]] for m in re.finditer(rb"\x1dkI(.)", data)]


def assert_redemption_slip(data: bytes, code: str) -> None:
    assert code.encode() in data  # the code in text
    assert qr_data(data) == [code.encode()]  # the QR command, the code as its data
    assert code128_data(data) == [b"{B" + code.encode()]  # the Code 128 command
    assert CUT in data[-8:]  # and the cut


@contextmanager
def till(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, device: str, *, auto: bool = True
) -> Iterator[Gui]:
    """The cashier signed in on a terminal whose config.toml names `device`."""
    data_dir = tmp_path / "terminal"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "config.toml").write_text(
        f'[printer]\ndevice = "{device}"\nauto = {"true" if auto else "false"}\n'
    )
    with signed_in(qtbot, sandbox, data_dir, CASHIER, CASHIER_PIN) as g:
        qtbot.waitUntil(lambda: g.window.printing.device == device, timeout=5000)
        yield g


def redeem_for_ada(qtbot: Any, g: Gui) -> str:
    open_ada(qtbot, g)
    button_for(g, "rwd_xyz789").click()
    qtbot.waitUntil(lambda: g.window.stack.currentWidget() is g.window.code, timeout=15000)
    return g.window.code.code.text()


def wait_printed(qtbot: Any, slip: Path) -> None:
    """The whole slip is in the file: it ends with the paper cut (the file printer writes
    as it goes, so the file exists before its last byte)."""
    qtbot.waitUntil(lambda: slip.exists() and CUT in slip.read_bytes()[-8:], timeout=10000)


def print_lane_idle(qtbot: Any, g: Gui) -> None:
    """Everything queued on the print lane so far has run."""
    done: list[bool] = []
    g.window.runner.submit(lambda t: None, lambda _: done.append(True), lane=Lane.PRINT)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)


def test_a_redemption_prints_its_slip_by_itself(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    slip = tmp_path / "slip.bin"
    with till(qtbot, sandbox, tmp_path, f"file:{slip}") as g:
        code_view = g.window.code
        code = redeem_for_ada(qtbot, g)
        qtbot.waitUntil(lambda: code_view.slip_note.text() == "Slip printed.", timeout=10000)
        assert_redemption_slip(slip.read_bytes(), code)
        assert code_view.print_button.text() == "Reprint slip  (Ctrl+P)"
        assert code_view.print_button.accessibleName() == "Reprint slip"
        assert code_view.a5_button.isVisible()  # the A5 slip, the second choice
        assert g.prompts.errors == []


def test_ask_prints_only_when_the_cashier_asks(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    slip = tmp_path / "slip.bin"
    with till(qtbot, sandbox, tmp_path, f"file:{slip}", auto=False) as g:
        code_view = g.window.code
        code = redeem_for_ada(qtbot, g)
        print_lane_idle(qtbot, g)
        assert not slip.exists()
        assert code_view.print_button.text() == "Print slip  (Ctrl+P)"
        code_view.print_button.click()
        qtbot.waitUntil(lambda: code_view.slip_note.text() == "Slip printed.", timeout=10000)
        assert_redemption_slip(slip.read_bytes(), code)


def test_a_missing_printer_says_one_line_and_the_redemption_stands(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    folder = tmp_path / "printer-not-plugged-in"
    slip = folder / "slip.bin"
    with till(qtbot, sandbox, tmp_path, f"file:{slip}") as g:
        code_view = g.window.code
        code = redeem_for_ada(qtbot, g)
        qtbot.waitUntil(lambda: code_view.slip_note.text().startswith("Slip not"), timeout=10000)
        line = code_view.slip_note.text()
        assert line == (
            "Slip not printed: the printer is missing. Check its cable and power, "
            "then Reprint slip (Ctrl+P)."
        )
        assert "\n" not in line
        # The redemption is as it was: confirmed once, its code on screen to hand over.
        assert g.window.stack.currentWidget() is code_view
        assert code_view.code.text() == code
        assert code_view.banner.text() == "CONFIRMED"
        assert code_view.symbols.isVisible()
        assert len(backend_redemptions_with_code(g.sandbox, code)) == 1
        assert code_view.print_button.text() == "Reprint slip  (Ctrl+P)"
        # Fixed (plugged in): Ctrl+P prints it.
        folder.mkdir()
        qtbot.keyClick(g.window, "p", modifier=Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: code_view.slip_note.text() == "Slip printed.", timeout=10000)
        assert_redemption_slip(slip.read_bytes(), code)
        assert len(backend_redemptions_with_code(g.sandbox, code)) == 1


def test_the_checkout_screen_reprints_a_code_issued_here(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    slip = tmp_path / "slip.bin"
    with till(qtbot, sandbox, tmp_path, f"file:{slip}") as g:
        w = g.window
        code = redeem_for_ada(qtbot, g)
        qtbot.waitUntil(lambda: w.code.slip_note.text() == "Slip printed.", timeout=10000)
        slip.unlink()
        w.code_done()
        w.go_verify()
        w.verify.input.setText(code)
        w.verify.check()
        qtbot.waitUntil(lambda: w.verify.reprint_button.isVisible(), timeout=10000)
        assert w.verify.reprint_button.text() == "Reprint slip  (Ctrl+P)"
        assert w.verify.reprint_button.accessibleName() == "Reprint slip"
        w.verify.reprint_button.click()
        wait_printed(qtbot, slip)
        qtbot.waitUntil(lambda: g.prompts.infos != [], timeout=10000)
        assert g.prompts.infos[-1] == ("Slip printed.", code)
        assert_redemption_slip(slip.read_bytes(), code)
        # Used: its slip is not printed again.
        w.verify.use()
        qtbot.waitUntil(lambda: not w.verify.use_button.isVisible(), timeout=10000)
        assert not w.verify.reprint_button.isVisible()


def test_award_and_return_slips(qtbot: Any, sandbox: SandboxServer, tmp_path: Path) -> None:
    slip = tmp_path / "slip.bin"
    with till(qtbot, sandbox, tmp_path, f"file:{slip}") as g:
        open_ada(qtbot, g)
        g.prompts.award_answer = AwardAnswer(
            0, "", False, None, SaleAnswer("ORD-P-1", 10_000, "NGN")
        )
        g.window.award()
        wait_printed(qtbot, slip)
        data = slip.read_bytes()
        assert b"POINTS EARNED" in data and b"ORD-P-1" in data and CUT in data[-8:]
        assert b"+100 pts" in data
        slip.unlink()
        g.prompts.return_answers = [ReturnAnswer("ORD-P-1", 5_000, "")]
        g.window.take_return()
        wait_printed(qtbot, slip)
        data = slip.read_bytes()
        assert b"POINTS TAKEN BACK" in data and b"-50 pts" in data and CUT in data[-8:]
        # Ctrl+P on the customer screen: the last one again.
        slip.unlink()
        g.window.print_slip()
        wait_printed(qtbot, slip)
        assert b"POINTS TAKEN BACK" in slip.read_bytes()
        assert g.prompts.errors == []


def test_an_award_slip_that_fails_keeps_what_was_awarded_under_the_line(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    with till(qtbot, sandbox, tmp_path, f"file:{tmp_path / 'gone' / 'slip.bin'}") as g:
        open_ada(qtbot, g)
        g.prompts.award_answer = AwardAnswer(
            0, "", False, None, SaleAnswer("ORD-P-2", 10_000, "NGN")
        )
        g.window.award()
        qtbot.waitUntil(lambda: g.prompts.errors != [], timeout=10000)
        line, told = g.prompts.errors[-1]
        assert line.startswith("Slip not printed: the printer is missing.")
        assert told.startswith("100 points awarded.")


@contextmanager
def hung_printer() -> Iterator[int]:
    """A network printer on loopback that takes no connection (its queue is full): a
    connection to it waits until the print service's timeout."""
    with ExitStack() as stack:
        server = stack.enter_context(socket.socket())
        server.bind(("127.0.0.1", 0))
        server.listen(0)
        port = server.getsockname()[1]
        for _ in range(8):  # fill its queue until a connection waits
            filler = stack.enter_context(socket.socket())
            filler.settimeout(0.5)
            try:
                filler.connect(("127.0.0.1", port))
            except TimeoutError:
                break
        else:
            pytest.skip("this system's TCP stack takes every connection")
        yield port


def test_a_hanging_printer_never_freezes_the_screen(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(print_flow, "TIMEOUT", 3.0)
    with hung_printer() as port, till(qtbot, sandbox, tmp_path, f"net:127.0.0.1:{port}") as g:
        w = g.window
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(20)
        code = redeem_for_ada(qtbot, g)
        assert w.code.slip_note.text() == "Printing the slip…"
        # While the printer hangs the event loop runs (50 ticks of 20 ms: a second)...
        qtbot.waitUntil(lambda: len(ticks) >= 50, timeout=2500)
        assert w.code.slip_note.text() == "Printing the slip…"
        # ...and the cashier carries on: Done, then the next customer is looked up.
        w.code.done_button.click()
        assert w.stack.currentWidget() is w.lookup
        open_ada(qtbot, g)
        assert w.code.slip_note.text() == "Printing the slip…"  # still hanging
        timer.stop()
        qtbot.waitUntil(lambda: g.prompts.errors != [], timeout=10000)
        assert g.prompts.errors[-1] == (
            "Slip not printed: the printer is offline. Turn it on or plug it in, "
            "then Reprint slip (Ctrl+P).",
            code,
        )
        assert len(backend_redemptions_with_code(g.sandbox, code)) == 1


def test_a_printer_set_in_the_settings_screen_prints_at_once(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """printer.device is live: the print lane takes it with the screen (it kept the
    printer it started with, none, and said no receipt printer was set)."""
    slip = tmp_path / "slip.bin"
    data_dir = tmp_path / "terminal"
    with signed_in(qtbot, sandbox, data_dir, CASHIER, CASHIER_PIN) as g:
        w = g.window
        print_lane_idle(qtbot, g)
        assert w.printing.device is None and not w.code.a5_button.isVisible()
        config = load_config(data_dir=data_dir, backend_url=sandbox.url, env={})
        w.settings.apply(replace(config, printer=f"file:{slip}", print_auto=True))
        code = redeem_for_ada(qtbot, g)
        qtbot.waitUntil(lambda: w.code.slip_note.text() != "Printing the slip…", timeout=10000)
        assert w.code.slip_note.text() == "Slip printed."
        assert_redemption_slip(slip.read_bytes(), code)
        assert w.code.a5_button.isVisible()


def test_the_end_of_day_report_prints_as_a_slip(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    slip = tmp_path / "slip.bin"
    data_dir = tmp_path / "terminal"
    data_dir.mkdir(parents=True)
    (data_dir / "config.toml").write_text(f'[printer]\ndevice = "file:{slip}"\n')
    with signed_in(qtbot, sandbox, data_dir, MANAGER, MANAGER_PIN) as g:
        w = g.window
        tab = w.manager_view.report
        w.open_manager("report")
        qtbot.waitUntil(lambda: tab.data is not None, timeout=10000)
        button = w.printing.report_button
        qtbot.waitUntil(button.isVisible, timeout=5000)
        assert button.accessibleName() == "Print the report on the receipt printer"
        button.click()
        qtbot.waitUntil(lambda: tab.message.text() == "Slip printed.", timeout=10000)
        data = slip.read_bytes()
        assert b"END OF DAY" in data and CUT in data[-8:]


def test_ask_mode_award_prints_on_ctrl_p(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    slip = tmp_path / "slip.bin"
    with till(qtbot, sandbox, tmp_path, f"file:{slip}", auto=False) as g:
        open_ada(qtbot, g)
        g.prompts.award_answer = AwardAnswer(
            0, "", False, None, SaleAnswer("ORD-P-3", 10_000, "NGN")
        )
        g.window.award()
        qtbot.waitUntil(lambda: len(g.prompts.infos) >= 2, timeout=10000)
        assert g.prompts.infos[-1] == (g.prompts.infos[-2][1], "To print its slip: Ctrl+P.")
        print_lane_idle(qtbot, g)
        assert not slip.exists()
        qtbot.keyClick(g.window, "p", modifier=Qt.KeyboardModifier.ControlModifier)
        wait_printed(qtbot, slip)
        assert b"POINTS EARNED" in slip.read_bytes()


def test_without_a_receipt_printer_the_checkout_reprint_is_the_a5_slip(
    qtbot: Any, sandbox: SandboxServer, tmp_path: Path
) -> None:
    pdf = tmp_path / "slip.pdf"
    with signed_in(qtbot, sandbox, tmp_path / "terminal", CASHIER, CASHIER_PIN) as g:
        w = g.window
        code = redeem_for_ada(qtbot, g)
        assert not w.code.a5_button.isVisible()  # Print slip is the A5 slip itself
        w.code_done()
        w.go_verify()
        w.verify.input.setText(code)
        w.verify.check()
        qtbot.waitUntil(w.verify.reprint_button.isVisible, timeout=10000)
        g.prompts.save_to = str(pdf)
        qtbot.keyClick(w, "p", modifier=Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(pdf.exists, timeout=10000)
        assert pdf.read_bytes().startswith(b"%PDF")
