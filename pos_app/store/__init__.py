"""The terminal's local store: one SQLite file with the cache, redemptions, outbox and audit."""

from .db import Database, DatabaseTooNew, DiskFull, StoreError, is_disk_full, open_database

__all__ = ["Database", "DatabaseTooNew", "DiskFull", "StoreError", "is_disk_full", "open_database"]
