"""The terminal: one local database, the backend client and the sync engine, wired once.

Every use case takes a `Terminal`. The CLI makes one per command; the GUI makes one for
its service worker and one for its sync worker (each with its own database connection).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ..config import Config
from ..domain.pins import OWASP, ScryptCost
from ..domain.timefmt import utcnow
from ..i18n import _
from ..store import Database, audit, open_database
from ..store import settings as store_settings
from ..sync.bus import EventBus
from . import owed
from .errors import BadInput

if TYPE_CHECKING:  # imported when first used: a command that never calls the backend
    # loads neither httpx nor the API client nor the sync engine
    from ..api import LoyaltyClient
    from ..api.http_library import httpx
    from ..sync import SyncEngine

log = logging.getLogger(__name__)

# One call of the background sync may take this long in all (a trickling server included).
SYNC_BUDGET_SECONDS = 15.0
# "Is the backend there?" has this long to get its answer.
PROBE_BUDGET_SECONDS = 2.0


class Terminal:
    def __init__(
        self,
        config: Config,
        *,
        api_key: str | None,
        clock: Callable[[], datetime] = utcnow,
        bus: EventBus | None = None,
        pin_cost: ScryptCost = OWASP,
        push_lock: threading.Lock | None = None,
    ) -> None:
        """`push_lock`: one per database in a process, made once by whoever opens the
        process's terminals and given to each (the GUI's counter and sync workers); a
        terminal alone in its process makes its own."""
        self.config = config
        self.pin_cost = pin_cost  # what staff PINs are hashed with
        self.clock = clock
        self.bus = bus or EventBus()
        self.db: Database = open_database(config.data_dir)
        self.terminal_id = config.terminal_id or self._stored_terminal_id()
        self._missing = self._what_is_missing(config, api_key)
        self._api_key = api_key
        self._clients: dict[str, LoyaltyClient] = {}  # made on first use (each loads TLS)
        self._engine: SyncEngine | None = None
        self._push_lock = push_lock or threading.Lock()

    @property
    def key_in_use(self) -> str | None:
        """The API key this terminal was given (for the doctor's check of a running till;
        never shown, logged or stored)."""
        return self._api_key

    def _limits(self, kind: str) -> tuple[httpx.Timeout | None, float]:
        """Each client's per-step timeout and its budget: the wall-clock seconds one call
        may take in all, however slowly a server trickles its answer."""
        from ..api.http_library import httpx

        wait = self.config.online_wait_seconds
        return {
            # The client's per-step defaults (3 s to connect, 10 s to read), and an end.
            "sync": (None, SYNC_BUDGET_SECONDS),
            # A person is waiting at the counter: give up sooner, the offline policy decides.
            "counter": (httpx.Timeout(wait, connect=min(2.0, wait), pool=1.0), wait),
            # "Is the backend there?" must answer fast, whatever the network does.
            "probe": (httpx.Timeout(2.0, connect=1.0), PROBE_BUDGET_SECONDS),
        }[kind]

    def _client_for(self, kind: str) -> LoyaltyClient:
        if self._missing:
            raise BadInput(self._missing, "not_configured")
        made = self._clients.get(kind)
        if made is None:
            assert self.config.backend_url is not None and self._api_key is not None
            from ..api import LoyaltyClient

            timeout, budget = self._limits(kind)
            made = self._clients[kind] = LoyaltyClient(
                self.config.backend_url, self._api_key, timeout=timeout, budget=budget
            )
        return made

    @staticmethod
    def _what_is_missing(config: Config, api_key: str | None) -> str:
        if not config.backend_url:
            return _("No backend is configured: pass --backend URL or set POS_APP_BACKEND_URL.")
        if not api_key:
            return _("No API key: set LOYALPRO_API_KEY, or store one with 'pos-app login'.")
        return ""

    def _stored_terminal_id(self) -> str:
        with self.db.transaction() as conn:
            existing = store_settings.get(conn, "terminal_id")
            if existing:
                return existing
            # secrets.token_hex's own bytes, without its import (hmac, OpenSSL: about
            # 4 MiB in the window's process, for the demo, which starts a new till each time)
            made = "term_" + os.urandom(5).hex()
            store_settings.put(conn, "terminal_id", made)
            return made

    @property
    def has_backend(self) -> bool:
        return not self._missing

    @property
    def missing_backend(self) -> str:
        """What to set so that this terminal can reach its backend ("" if nothing)."""
        return self._missing

    @property
    def client(self) -> LoyaltyClient:
        return self._client_for("sync")

    @property
    def counter_client(self) -> LoyaltyClient:
        return self._client_for("counter")

    @property
    def probe_client(self) -> LoyaltyClient:
        return self._client_for("probe")

    @property
    def engine(self) -> SyncEngine:
        if self._engine is None:
            from ..sync import SyncEngine

            self._engine = SyncEngine(
                self.db,
                self.client,
                terminal_id=self.terminal_id,
                push_lock=self._push_lock,
                bus=self.bus,
                clock=self.clock,
                before_push=lambda: owed.settle(self),
            )
        return self._engine

    def close(self) -> None:
        try:
            owed.settle(self)  # a last try at what a full disk kept back
        except Exception:  # closing goes on: the database must still be closed
            log.exception("could not record the hand-outs a full disk kept back")
        for c in self._clients.values():
            c.close()
        self._anchor_audit()
        self.db.close()

    def _anchor_audit(self) -> None:
        """The audit log's head, in a file the database cannot rewrite (store/audit.py).
        A failure here never stops the terminal closing: the file then keeps an older
        head, which `audit verify` still checks."""
        try:
            if audit.stale_anchor(self.db.conn, self.config.data_dir) is not None:
                with self.db.transaction() as conn:
                    audit.write_anchor(conn, self.config.data_dir)
        except Exception as error:  # a full disk, most likely: one line, no traceback
            log.warning("could not write the audit anchor (%s): %s", type(error).__name__, error)
            log.debug("audit anchor", exc_info=True)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
