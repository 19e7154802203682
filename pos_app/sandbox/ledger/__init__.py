"""The sandbox's books: one SQLite database, one book per resource of the contract.

Every rule of API.md that touches a balance lives in these books. Callers hold
`Ledger.lock` (via `Ledger.transaction()`) for the whole of a request, so balance changes
are atomic whatever the concurrency of the HTTP layer.
"""

from __future__ import annotations

import random
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..clock import Clock
from .answers import Answers
from .customers import Customers
from .database import Database
from .points import Points
from .redemptions import Redemptions
from .returns import Returns
from .rewards import Rewards, Tier

__all__ = ["Ledger", "Tier"]


class Ledger(Database):
    """All state of one sandbox merchant. Thread-safe through one lock."""

    def __init__(
        self, path: str | Path, clock: Clock | None = None, rng: random.Random | None = None
    ) -> None:
        super().__init__(path, clock or Clock(), rng or secrets.SystemRandom())
        self.customers = Customers(self)
        self.rewards = Rewards(self)
        self.points = Points(self, self.customers)
        self.redemptions = Redemptions(self, self.customers, self.rewards, self.points)
        self.returns = Returns(self, self.customers, self.points)
        self.answers = Answers(self)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; expired lots are swept first, at the current time."""
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.points.sweep_expired()
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
