"""The terminal's local store: one SQLite file with the cache, redemptions, outbox and audit."""

from .db import Database, DiskFull, StoreError, is_disk_full, open_database

__all__ = ["Database", "DiskFull", "StoreError", "is_disk_full", "open_database"]
