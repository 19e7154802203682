"""The customers book: enrolment with unique contact details, lookup and search."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Mapping
from typing import Any

from ..errors import LedgerError
from .database import Database, Where


class Customers:
    def __init__(self, base: Database) -> None:
        self.base = base

    def row(self, customer_id: str) -> sqlite3.Row:
        return self.base.by_id("customers", "customer", customer_id)

    def create(
        self,
        *,
        name: str,
        email: str | None = None,
        phone: str | None = None,
        card_number: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        customer_id: str | None = None,
    ) -> sqlite3.Row:
        db = self.base.db
        for column, value in (("email", email), ("phone", phone), ("card_number", card_number)):
            if value is None:
                continue
            clash = db.execute(
                f"SELECT id FROM customers WHERE {column} = ? COLLATE NOCASE",  # noqa: S608
                (value,),
            ).fetchone()
            if clash is not None:
                raise LedgerError(
                    409,
                    "customer_exists",
                    f"Another customer already has this {column.replace('_', ' ')}.",
                    column,
                )
        now = self.base.now()
        cid = customer_id or self.base.new_id("cus_")
        db.execute(
            "INSERT INTO customers (id, name, name_fold, email, phone, card_number, metadata, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cid,
                name,
                name.casefold(),
                email,
                phone,
                card_number,
                json.dumps(dict(metadata or {})),
                now,
                now,
            ),
        )
        return self.row(cid)

    def find(
        self,
        query: str | None,
        updated_since: str | None,
        limit: int,
        after: tuple[str, int] | None,
    ) -> tuple[list[sqlite3.Row], bool]:
        """A page of customers, ordered by (updated_at, seq); `after` is the last key seen."""
        where = Where()
        if query:
            where.add(*_matching(query))
        where.when("updated_at >= ?", updated_since)
        where.after("updated_at", after)
        return self.base.page("customers", where, "updated_at, seq", limit)


def _matching(query: str) -> tuple[Any, ...]:
    """The clause, and its arguments, of a search by id, card, email, phone (as typed or in
    E.164) or the start of a name or of a word in it."""
    digits = re.sub(r"\D", "", query)
    phone_variants = {query}
    if len(digits) >= 7:
        phone_variants |= {"+" + digits, digits}
        if digits.startswith("0"):
            phone_variants.add("+234" + digits[1:])
    escaped = query.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    placeholders = ", ".join("?" for _ in phone_variants)
    clause = (
        f"(id = ? OR card_number = ? COLLATE NOCASE OR email = ? COLLATE NOCASE "
        f"OR phone IN ({placeholders}) OR name_fold LIKE ? ESCAPE '\\' "
        f"OR name_fold LIKE ? ESCAPE '\\')"
    )
    return (clause, query, query, query, *phone_variants, escaped + "%", "% " + escaped + "%")
