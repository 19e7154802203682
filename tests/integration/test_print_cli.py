"""`pos-app print test | slip CODE` against the sandbox, on a file: printer; bad specs,
no printer, a code not made here; and the doctor's printer line."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.terminal_helpers import isolated_command_line

from pos_app.cli import main
from pos_app.config import load_config
from pos_app.sandbox import SandboxServer
from pos_app.services import doctor

ENV_VARS = ("POS_APP_BACKEND_URL", "LOYALPRO_API_KEY", "POS_APP_DATA_DIR", "POS_APP_TERMINAL_ID")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with isolated_command_line(monkeypatch, env=ENV_VARS):
        yield


@pytest.fixture
def backend(sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> SandboxServer:
    monkeypatch.setenv("POS_APP_BACKEND_URL", sandbox.url)
    monkeypatch.setenv("LOYALPRO_API_KEY", sandbox.api_key)
    return sandbox


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    sigpipe = signal.getsignal(signal.SIGPIPE)
    try:
        code = main(["--data-dir", str(data), *args])
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    finally:
        signal.signal(signal.SIGPIPE, sigpipe)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_print_test_and_slip_on_a_file_printer(
    backend: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    page = tmp_path / "page.bin"
    code, out, _ = run(capsys, data, "print", "test", "--printer", f"file:{page}")
    assert code == 0 and "test page" in out
    assert b"PRINTER TEST" in page.read_bytes() and b"\x1dV" in page.read_bytes()

    code, out, _ = run(
        capsys, data, "--json", "redeem", "--customer", "cus_abc123", "--reward", "rwd_xyz789"
    )
    assert code == 0, out
    redeemed = json.loads(out)["code"]

    config = data / "config.toml"
    before = config.read_text() if config.exists() else ""
    config.write_text(f'{before}\n[printer]\ndevice = "file:{tmp_path}/slip.bin"\npaper_mm = 58\n')
    code, out, _ = run(capsys, data, "--json", "print", "slip", redeemed.lower())
    assert code == 0, out
    slip = (tmp_path / "slip.bin").read_bytes()
    assert json.loads(out)["bytes"] == len(slip)
    assert redeemed.encode() in slip  # the code as text and in the QR
    assert b"1P0" + redeemed.encode() in slip
    # its Code 128 would be 400 dots wide, the paper 384: a printer drops it, so the slip
    # leaves it out on 58 mm (escpos_slip.bar_width); on 80 mm it is there
    assert b"\x1dkI" not in slip
    assert b"-" * 32 + b"\n" in slip and b"-" * 33 not in slip  # 58 mm: 32 columns


def test_print_refusals_are_one_line(
    backend: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    code, _, err = run(capsys, data, "print", "test")
    assert code == 2 and "No receipt printer is configured" in err
    for bad in ("lpt:1", "usb:zz:1", "net:host:70000", "file:"):
        code, _, err = run(capsys, data, "print", "test", "--printer", bad)
        assert code == 2 and "the forms" in err and len(err.strip().splitlines()) == 1, err
    code, _, err = run(
        capsys, data, "print", "slip", "REDEEM-AAAAAAAAAA", "--printer", f"file:{tmp_path}/x"
    )
    assert code == 3 and "not made at this terminal" in err
    code, _, err = run(
        capsys, data, "print", "slip", "nonsense!", "--printer", f"file:{tmp_path}/x"
    )
    assert code == 2
    code, _, err = run(capsys, data, "print", "test", "--printer", f"serial:{tmp_path}/ttyS9")
    assert code == 4 and "no serial device" in err.casefold()
    (data / "config.toml").write_text('[printer]\ndevice = "bogus"\n')
    code, _, err = run(capsys, data, "print", "test")
    assert code == 2 and "[printer]" in err and "usb:VID:PID" in err


def test_doctor_checks_the_printer(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "config.toml").write_text("")
    line = doctor._printer(load_config(data_dir=data, env={}), 1.0)
    assert line.ok is True and "no receipt printer" in line.detail, line
    (data / "config.toml").write_text(f'[printer]\ndevice = "file:{tmp_path}/p.bin"\n')
    line = doctor._printer(load_config(data_dir=data, env={}), 1.0)
    assert line.ok is True and "can be written" in line.detail
    (data / "config.toml").write_text(f'[printer]\ndevice = "file:{tmp_path}/no/p.bin"\n')
    line = doctor._printer(load_config(data_dir=data, env={}), 1.0)
    assert line.ok is False and line.fix
    (data / "config.toml").write_text(f'[printer]\ndevice = "serial:{tmp_path}/ttyS9"\n')
    line = doctor._printer(load_config(data_dir=data, env={}), 1.0)
    assert line.ok is False and "no serial device" in line.detail
    (data / "config.toml").write_text('[printer]\ndevice = "net:127.0.0.1:1"\n')
    line = doctor._printer(load_config(data_dir=data, env={}), 1.0)
    assert line.ok is False and "cannot be reached" in line.detail
