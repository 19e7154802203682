"""The sync worker as the person at the till sees it: the status bar's queue and last
sync, "Sync now" and how it went, the outage switch of a sandbox terminal."""

from __future__ import annotations

from datetime import datetime

from ...services import syncing
from ...sync import SyncNowDone
from ..bridge import Lane
from .base import Flow


def sync_now_words(done: SyncNowDone) -> str:
    """What a person's "Sync now" did, when it reached the loyalty service."""
    sent, n = done.pushed, done.pending
    words = [
        f"Sent {sent:,} waiting operation{'s' if sent != 1 else ''}." if sent else "",
        "Customer data is up to date.",
        f"{n:,} still waiting." if n else "",
        f"{done.conflicts:,} conflict{'s need' if done.conflicts != 1 else ' needs'} a manager."
        if done.conflicts
        else "",
    ]
    return " ".join(w for w in words if w)


class SyncFlow(Flow):
    def sync_now(self) -> None:
        w = self.window
        if w.sync_worker is not None:
            w.status.pending.setText("Syncing…")
            w.sync_worker.sync_now()

    def refresh_queue(self, *_: object) -> None:
        """Counts straight from the local store, after this window changed the queue."""
        self.window.runner.submit(
            lambda t: syncing.status(t, probe=False), self.show_status, lane=Lane.LOCAL
        )

    def show_status(self, status: syncing.QueueStatus) -> None:
        bar = self.window.status
        bar.set_queue(status.pending, status.conflicts)
        if status.last_sync:
            bar.set_synced(status.last_sync)

    def synced(self, at: datetime) -> None:
        w = self.window
        w.status.set_synced(at)
        if w.stack.currentWidget() is w.lookup and not w.lookup.search.text():
            w.lookup.run_query()

    def sync_now_done(self, done: SyncNowDone) -> None:
        """How the "Sync now" a person asked for went, in the notice."""
        w = self.window
        w.status.set_queue(done.pending, done.conflicts)
        if w.locked:
            return
        n = done.pending
        if done.problem:
            w.prompts.error(
                w,
                "Not synced",
                f"{done.problem} "
                + (
                    f"{n:,} operation{'s wait' if n != 1 else ' waits'} on this terminal "
                    "and will be sent when it answers."
                    if n
                    else "Nothing is waiting to be sent."
                ),
            )
            return
        w.tell("Synced", sync_now_words(done))
