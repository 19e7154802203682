"""A person's "sync now" is answered (issue 9, item 7): the engine publishes how it went,
what was sent, what still waits and, when it could not finish, why, in plain words. The
GUI says it in its notice (tests/test_gui_feedback.py); here the engine alone, in its own
thread as the terminal runs it, against the real sandbox."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from support.terminal_helpers import open_terminal

from pos_app.sandbox import SandboxServer
from pos_app.services import Terminal, redeem, syncing
from pos_app.sync import SyncFinished, SyncNowDone
from pos_app.sync.events import Event

ADA, REWARD = "cus_abc123", "rwd_xyz789"


@contextmanager
def running(t: Terminal) -> Iterator[tuple[threading.Event, list[Event], threading.Event]]:
    """The engine's loop in a thread, as the GUI's sync worker runs it."""
    stop, ask, answered = threading.Event(), threading.Event(), threading.Event()
    seen: list[Event] = []

    def note(event: Event) -> None:
        seen.append(event)
        if isinstance(event, SyncNowDone):
            answered.set()

    t.bus.subscribe(note)
    thread = threading.Thread(
        target=t.engine.run_forever, args=(stop,), kwargs={"pull_every": 3600, "sync_now": ask}
    )
    thread.start()
    try:
        yield ask, seen, answered
    finally:
        stop.set()
        t.engine.wake()
        thread.join(20)


def ask_now(ask: threading.Event, answered: threading.Event, t: Terminal) -> None:
    answered.clear()
    ask.set()
    t.engine.wake()
    assert answered.wait(30), "no answer to sync now"


def test_sync_now_says_what_was_sent_and_what_waits(sandbox: SandboxServer, tmp_path: Path) -> None:
    with open_terminal(tmp_path / "terminal", sandbox) as t:
        syncing.sync_once(t)
        sandbox.faults.update(outage=True)
        redeem.redeem(t, ADA, REWARD)
        redeem.redeem(t, ADA, REWARD)
        with running(t) as (ask, seen, answered):
            ask_now(ask, answered, t)
            failed = [e for e in seen if isinstance(e, SyncNowDone)][-1]
            assert failed == SyncNowDone(
                pushed=0,
                pending=2,
                conflicts=0,
                problem="The loyalty service cannot be reached.",
            )
            sandbox.faults.update(outage=False)
            ask_now(ask, answered, t)
            done = [e for e in seen if isinstance(e, SyncNowDone)][-1]
            assert done == SyncNowDone(pushed=2, pending=0, conflicts=0, problem="")
            # The answer comes after the sync it is about.
            assert any(isinstance(e, SyncFinished) for e in seen[: seen.index(done)])
