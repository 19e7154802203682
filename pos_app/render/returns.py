"""The returns made at this terminal (services/returns_list.export_data) as CSV: the
Returns tab's export, one row a return, with the shortfall count first."""

from __future__ import annotations

import csv
import io
from typing import Any

CSV_FIELDS = (
    "section",
    "created_at",
    "order_id",
    "customer_id",
    "customer_name",
    "returned_amount",
    "currency",
    "points_expected",
    "points_reversed",
    "points_shortfall",
    "state",
    "operator",
    "value",
)
# A spreadsheet runs a cell that starts with one of these as a formula (names and order
# numbers come from people and the backend): such a cell gets a leading apostrophe.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def to_csv(r: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for key in ("shortfalls_only", "shortfalls", "shortfall_points"):
        writer.writerow({"section": "total", "state": key, "value": r[key]})
    for line in r["lines"]:
        writer.writerow({"section": "return", **{k: cell(v) for k, v in line.items()}})
    return buffer.getvalue()
