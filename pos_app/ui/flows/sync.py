"""The sync worker as the person at the till sees it: the status bar's queue and last
sync, "Sync now" and how it went, the outage switch of a sandbox terminal."""

from __future__ import annotations

from datetime import datetime

from ...i18n.formats import number
from ...services import syncing
from ...sync import SyncNowDone
from ..bridge import Lane
from ..i18n import tr
from .base import Flow


def sync_now_words(done: SyncNowDone) -> str:
    """What a person's "Sync now" did, when it reached the loyalty service."""
    sent, n, conflicts = done.pushed, done.pending, done.conflicts
    words = [
        tr("Sent {n} waiting operation(s).", "", sent).format(n=number(sent)) if sent else "",
        tr("Customer data is up to date."),
        tr("{n} still waiting.", "", n).format(n=number(n)) if n else "",
        tr("{n} conflict(s) need(s) a manager.", "", conflicts).format(n=number(conflicts))
        if conflicts
        else "",
    ]
    return " ".join(w for w in words if w)


class SyncFlow(Flow):
    def sync_now(self) -> None:
        w = self.window
        if w.sync_worker is not None:
            w.status.pending.setText(tr("Syncing…"))
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
            waiting = (
                tr(
                    "{n} operation(s) wait(s) on this terminal and will be sent when it answers.",
                    "",
                    n,
                ).format(n=number(n))
                if n
                else tr("Nothing is waiting to be sent.")
            )
            w.prompts.error(w, tr("Not synced"), f"{done.problem} {waiting}")
            return
        w.tell(tr("Synced"), sync_now_words(done))
