"""`pos-app --sandbox`'s backend runs in a process of its own (issue 14), as a real
backend does: the window's process never loads the sandbox's web stack, the backend
serves the day's demo, the outage switch reaches it, and it ends with its parent, however
the parent ends. Structure only: what is loaded, what answers, what is left."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from pos_app import demo_backend

WEB_STACK = ("fastapi", "starlette", "uvicorn", "pydantic")


def test_the_window_process_never_loads_the_sandbox_web_stack(tmp_path: Path) -> None:
    script = f"""
import atexit, sys
atexit.register(lambda: print("LOADED", sorted(m for m in {WEB_STACK!r} if m in sys.modules)))
sys.argv = ["pos-app", "--sandbox", "--quit-after-ready", "--data-dir", {str(tmp_path / "t")!r}]
from pos_app.cli import main
sys.exit(main())
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "ready in" in done.stdout
    assert "LOADED []" in done.stdout, done.stdout


def _answers(client: httpx.Client) -> bool:
    try:
        return client.get("/v1/customers/cus_abc123").status_code == 200
    except httpx.TransportError:
        return False


def test_the_backend_serves_the_demo_switches_its_outage_and_goes(tmp_path: Path) -> None:
    backend = demo_backend.DemoBackend("1.1", tmp_path / "cache")
    try:
        url, key = backend.address()
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}) as client:
            assert client.get("/v1/customers/cus_abc123").json()["name"] == "Ada Obi"
            backend.set_outage(True)
            # Applied as the backend reads it: wait for that (each try is one request).
            for _ in range(10_000):
                if not _answers(client):  # an outage closes the connection unanswered
                    break
            else:
                pytest.fail("the outage never reached the backend")
            backend.set_outage(False)
            for _ in range(10_000):
                if _answers(client):
                    break
            else:
                pytest.fail("the outage never ended")
    finally:
        backend.close()
    assert backend._process.returncode == 0
    assert not backend.folder.exists()
    backend.close()  # again: nothing happens


def test_the_backend_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    script = f"""
import os, sys
from pathlib import Path
from pos_app import demo_backend
backend = demo_backend.DemoBackend("1.1", Path({str(tmp_path / "cache")!r}))
backend.address()
print(backend._process.pid, backend.folder, flush=True)
sys.stdin.readline()
"""
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    pid, folder = parent.stdout.readline().split()
    child = os.pidfd_open(int(pid))
    try:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        # The child's stdin ended with its parent: it stops serving and exits.
        assert select.select([child], [], [], 60)[0] == [child]
    finally:
        os.close(child)
        for stream in (parent.stdin, parent.stdout):
            if stream is not None:
                stream.close()
        shutil.rmtree(folder, ignore_errors=True)  # a killed parent cannot remove it


def test_the_backend_exits_without_undoing_its_web_stack(tmp_path: Path) -> None:
    """Once closed, it ends at once (os._exit): the interpreter's teardown of FastAPI's
    modules took a third of a second that the window's exit waited for. Seen here as an
    exit handler that never runs."""
    script = f"""
import atexit, runpy, sys
atexit.register(lambda: print("TEARDOWN", flush=True))
sys.argv = ["child", {str(tmp_path / "sandbox.db")!r}, "1.1", {str(tmp_path / "cache")!r}]
runpy.run_module("pos_app.sandbox.child", run_name="__main__")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], input="", capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("http://127.0.0.1:")  # it served, then its stdin ended
    assert "TEARDOWN" not in done.stdout


def test_the_backend_writes_its_own_peak_memory_only_when_asked(tmp_path: Path) -> None:
    """The window's process reaps the backend, so the peak the benchmark reads for the
    window (wait4) is the larger of the two, never their sum; the backend writes its own
    (tests/perf/startup.py adds the two)."""
    peak = tmp_path / "peak"
    for asked in (False, True):
        env = {k: v for k, v in os.environ.items() if k != "POS_APP_SANDBOX_PEAK_FILE"}
        if asked:
            env["POS_APP_SANDBOX_PEAK_FILE"] = str(peak)
        db = tmp_path / f"sandbox-{asked}.db"
        done = subprocess.run(
            [sys.executable, "-m", "pos_app.sandbox.child", str(db), "1.1", ""],
            input="",
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        assert peak.exists() is asked
    kib = int(peak.read_text())
    # Its web stack alone is tens of MiB: a number in KiB (Linux's unit), not bytes or MiB.
    assert 20 * 1024 < kib < 1024 * 1024
    assert peak.stat().st_mode & 0o777 == 0o600


def test_the_backend_gives_its_address_before_it_loads_its_web_stack(tmp_path: Path) -> None:
    """The window waited for the backend's whole start (its web stack's imports, its app,
    uvicorn) before it went on building itself; now only its first request waits, in the
    socket's queue. Seen as what is loaded when the address is written."""
    script = f"""
import io, sys
from pos_app.sandbox import child
class Out(io.StringIO):
    loaded = None
    def write(self, text):
        if Out.loaded is None:
            Out.loaded = sorted(m for m in {WEB_STACK!r} if m in sys.modules)
        return super().write(text)
out = sys.stdout = Out()
sys.stdin = io.StringIO("")
code = child.main([{str(tmp_path / "sandbox.db")!r}, "1.1", ""])
sys.__stdout__.write(f"{{code}} LOADED {{Out.loaded}} {{out.getvalue()}}")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("0 LOADED [] http://127.0.0.1:"), done.stdout


def test_the_sandbox_package_names_load_from_their_modules() -> None:
    """pos_app.sandbox's names load on first use (pos_app/lazy.py), as tests/unit/
    test_lazy.py checks for the packages a unit test may import."""
    import importlib

    import pos_app.sandbox as package

    homes = package._HOMES
    assert sorted(n for names in homes.values() for n in names) == sorted(package.__all__)
    for home, names in homes.items():
        source = importlib.import_module(f"pos_app.sandbox.{home}")
        for name in names:
            assert getattr(package, name) is getattr(source, name)
