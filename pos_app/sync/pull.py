"""Pulling the cache: tiers and rewards whole, customers and redemptions as deltas from
their cursors. The pages are read ahead in a thread (prefetch.py) while the ones already
read are written, a batch of pages (up to `COMMIT_ROWS` rows) per transaction with the
cursor it advances: the write lock is held only while writing, never while waiting for
the network."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ..api import ApiError, LoyaltyClient
from ..api import models as api
from ..domain.models import Origin, RedemptionStatus
from ..domain.timefmt import to_db
from ..store import Database, cache, outbox, pulled, redemptions
from . import mapping
from .connectivity import ConnectivityWatch
from .outcomes import SyncReport
from .prefetch import Prefetch
from .recording import queue_abandon_void

PULL_PAGE = 100
"""The API's largest page (docs/API.md, "Lists")."""
COMMIT_ROWS = 1_000
"""Rows written per transaction at most (each page read ahead adds to the batch)."""
FIRST_REDEMPTION_WINDOW = timedelta(days=7)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Puller:
    # Set: the pull ends after the page in hand (each page is committed with its cursor,
    # so the next pull resumes there). The engine's run_forever sets it to its stop.
    stop: threading.Event | None = None

    def __init__(
        self,
        db: Database,
        client: LoyaltyClient,
        watch: ConnectivityWatch,
        clock: Callable[[], datetime],
    ) -> None:
        self.db = db
        self.client = client
        self.watch = watch
        self.clock = clock

    def pull(self) -> SyncReport:
        """Refresh tiers, rewards, customers and redemptions from their cursors."""
        report = SyncReport()
        try:
            self._pull_catalogue()
            report.pulled_customers = self._pull_customers()
            report.pulled_redemptions = self._pull_redemptions()
        except ApiError as error:
            wrong = self.watch.note(error)
            if wrong is not None:
                report.pause(wrong)
                report.reached_backend = True
            else:
                report.errors.append(error.message)
            return report
        self.watch.note(None)
        report.reached_backend = True
        return report

    def pull_catalogue_quietly(self, client: LoyaltyClient | None = None) -> ApiError | None:
        """Refresh tiers and rewards now; the error if the backend did not give them."""
        try:
            self._pull_catalogue(client)
        except ApiError as error:
            self.watch.note(error)
            return error
        self.watch.note(None)
        return None

    def _pull_catalogue(self, client: LoyaltyClient | None = None) -> None:
        c = client or self.client
        tiers = [mapping.tier(t) for t in c.iter_all(c.list_tiers)]
        rewards = list(c.iter_all(c.list_rewards, limit=PULL_PAGE))
        now = self.clock()
        with self.db.transaction() as conn:
            cache.replace_tiers(conn, tiers)
            cache.replace_rewards(
                conn,
                [mapping.reward(r) for r in rewards],
                now,
                {r.id: r.updated_at for r in rewards},
            )
            cache.set_cursor(conn, "rewards", None, now)

    def _pull_customers(self) -> int:
        return self._delta_pull(
            "customers",
            self.client.list_customers,
            EPOCH,
            lambda conn, page, now: pulled.upsert_customers(
                conn, [mapping.customer(c, now) for c in page]
            ),
        )

    def _pull_redemptions(self) -> int:
        return self._delta_pull(
            "redemptions",
            self.client.list_redemptions,
            self.clock() - FIRST_REDEMPTION_WINDOW,
            lambda conn, page, now: [self._keep_redemption(conn, r, now) for r in page],
        )

    @staticmethod
    def _keep_redemption(conn: sqlite3.Connection, r: api.Redemption, now: datetime) -> None:
        """Take a pulled redemption. The safety net of abandoned redemptions: one this
        terminal cancelled that the backend has issued after all (applied later than the
        grace period allowed for) is voided there, so the customer gets the points back."""
        local = redemptions.get(conn, r.code)
        redemptions.upsert_remote(conn, mapping.remote_redemption(r))
        if (
            local is not None
            and local.origin is Origin.LOCAL
            and local.status is RedemptionStatus.CANCELLED
            and r.status is api.RedemptionStatus.ISSUED
            and (r.customer_id, r.reward_id, r.points)
            == (local.customer_id, local.reward_id, local.points)
            and not outbox.redeem_pending(conn, r.code)  # its fate is being asked already
        ):
            queue_abandon_void(conn, r.code, r.customer_id, now)

    def _delta_pull(
        self,
        resource: str,
        list_page: Callable[..., api.Page[Any]],
        first_since: datetime,
        keep: Callable[[sqlite3.Connection, list[Any], datetime], object],
    ) -> int:
        """Everything changed since the resource's cursor; each batch of pages and the
        cursor it advances are committed together, so an interrupted pull resumes (an
        error reading a page is raised after the pages before it are written)."""
        known = cache.get_cursor(self.db.conn, resource)
        since = (
            datetime.fromisoformat(known[0].replace("Z", "+00:00"))
            if known and known[0]
            else first_since
        )
        count = 0

        def fetch(cursor: str | None) -> api.Page[Any]:
            return list_page(updated_since=since, limit=PULL_PAGE, cursor=cursor)

        with Prefetch(fetch, self.stop) as pages:
            while True:
                batch, ended = pages.take(COMMIT_ROWS)
                items = [item for page in batch for item in page.data]
                if items or ended:
                    now = self.clock()
                    with self.db.transaction() as conn:
                        keep(conn, items, now)
                        newest = max((item.updated_at for item in items), default=since)
                        cache.set_cursor(conn, resource, to_db(max(newest, since)), now)
                count += len(items)
                if ended or _stopping(self.stop):  # closing: the next pull resumes from here
                    return count


def _stopping(stop: threading.Event | None) -> bool:
    return stop is not None and stop.is_set()
