"""The terminal's local store: one SQLite file with the cache, redemptions, outbox and audit."""

from .db import Database, StoreError, open_database

__all__ = ["Database", "StoreError", "open_database"]
