"""Program analytics (services/analytics.py, as its JSON) as a text table, CSV and a
printable PDF with a chart of points issued and redeemed per period. No Qt: the command
line writes these; the manager's tab can save the same."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from fpdf import FPDF

from ..domain.money import format_money, money_text
from .report import audit_line, finish, heading, new_pdf

COLUMNS = (
    ("earned", "Earned"),
    ("bonus", "of which bonus"),
    ("redeemed", "Redeemed"),
    ("expired", "Expired"),
    ("adjusted", "Adjusted"),
    ("returned", "Returned"),
    ("redemptions", "Redemptions"),
    ("discount_total", "Discounts"),
    ("customers_active", "Active customers"),
)


# The table's column heads, one word each, in the order of COLUMNS.
SHORT = (
    "earned",
    "bonus",
    "redeemed",
    "expired",
    "adjusted",
    "returned",
    "redeems",
    "discounts",
    "customers",
)


def _scope(r: dict[str, Any]) -> str:
    return f"store {r['store_id']}" if r["scope"] == "store" else "whole merchant"


def _title(r: dict[str, Any]) -> str:
    return (
        f"Program analytics, {r['date_from']} to {r['date_to']} by {r['interval']} "
        f"({r['timezone']}), {_scope(r)}"
    )


def _value(r: dict[str, Any], money: Any = format_money) -> str:
    if r["outstanding_value"] is None:
        return "unknown"
    return str(money(r["outstanding_value"], r["currency"]))


def summary_rows(r: dict[str, Any], money: Any = format_money) -> list[tuple[str, str]]:
    totals = r["totals"]
    rows = [
        ("Points earned", f"{totals['earned']:,}"),
        ("  of which bonus", f"{totals['bonus']:,}"),
        ("Points redeemed", f"{totals['redeemed']:,}"),
        ("Points expired", f"{totals['expired']:,}"),
        ("Points adjusted", f"{totals['adjusted']:,}"),
        ("Points returned", f"{totals['returned']:,}"),
        ("Redemptions", f"{totals['redemptions']:,}"),
        ("Discount total", money(totals["discount_total"], r["currency"])),
        ("Outstanding points (now, merchant)", f"{r['outstanding_points']:,}"),
        ("Their value", _value(r, money)),
    ]
    rows += [
        (f"Expiring within {e['within_days']} days", f"{e['points']:,}") for e in r["expiring"]
    ]
    return rows


def to_table(r: dict[str, Any]) -> str:
    """A plain-text report for a terminal window or a log."""
    out = [_title(r), ""]
    for label, value in summary_rows(r):
        out.append(f"  {label:<38}{value:>16}")
        if label == "Their value":
            out.append(f"    {r['value_note']}")
    out += ["", "By period"]
    head = f"  {'start':<12}" + "".join(f"{word:>11}" for word in SHORT)
    out.append(head)
    for p in r["periods"]:
        out.append(f"  {p['start']:<12}" + "".join(f"{p[key]:>11,}" for key, _ in COLUMNS))
    out += ["", "Top rewards"]
    out += [
        f"  {money_text(t['name'])[:34]:<34}{t['redemptions']:>8,}{t['points']:>12,} pts"
        for t in r["top_rewards"]
    ] or ["  (none)"]
    out += ["", "Awards above the limit (this terminal), with who approved them"]
    out += [
        f"  {a['at']}  {(a['customer'] or '')[:20]:<20}{a['points']:>10,} pts  "
        f"given by {a['given_by']}, approved by {a['approved_by'] or 'nobody'}"
        for a in r["large_awards"]
    ] or ["  (none)"]
    out += ["", audit_line(r)]
    return "\n".join(out)


CSV_FIELDS = ("section", "key", "label", *(key for key, _ in COLUMNS), "value")


def to_csv(r: dict[str, Any]) -> str:
    """One flat table: the report's settings and totals, then one row per period, top
    reward and large award."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for key in ("date_from", "date_to", "interval", "scope", "store_id", "timezone", "currency"):
        writer.writerow({"section": "report", "key": key, "value": r[key] or ""})
    for key, value in r["totals"].items():
        writer.writerow({"section": "total", "key": key, "value": value})
    for key in ("outstanding_points", "outstanding_value", "value_per_point", "value_note"):
        value = r[key]
        writer.writerow({"section": "now", "key": key, "value": "" if value is None else value})
    for e in r["expiring"]:
        writer.writerow({"section": "expiring", "key": e["within_days"], "value": e["points"]})
    for p in r["periods"]:
        writer.writerow({"section": "period", "key": p["start"], **{k: p[k] for k, _ in COLUMNS}})
    for t in r["top_rewards"]:
        writer.writerow(
            {
                "section": "top_reward",
                "key": t["reward_id"],
                "label": money_text(t["name"]),
                "redemptions": t["redemptions"],
                "value": t["points"],
            }
        )
    for a in r["large_awards"]:
        writer.writerow(
            {
                "section": "large_award",
                "key": a["customer_id"] or "",
                "label": f"{a['at']} {a['customer'] or ''}",
                "earned": a["points"],
                "value": f"given by {a['given_by']}, approved by {a['approved_by'] or 'nobody'}",
            }
        )
    writer.writerow({"section": "report", "key": "audit_head", "value": r["audit_head"] or ""})
    return buffer.getvalue()


def to_pdf(r: dict[str, Any], path: Path) -> None:
    """The report on A4: the totals, a chart of points earned and redeemed by period, the
    table of periods, the top rewards and the large awards."""
    pdf, family, money, words = new_pdf(
        f"Program analytics {r['date_from']} to {r['date_to']}", "Program analytics", 16, 10
    )
    pdf.multi_cell(0, 5, words(_title(r)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value in summary_rows(r, money):
        pdf.cell(75, 6, label)
        pdf.cell(0, 6, words(value), new_x="LMARGIN", new_y="NEXT")
        if label == "Their value":
            pdf.set_font(family, size=8)
            pdf.cell(0, 4, words(r["value_note"]), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(family, size=10)
    heading(pdf, family, "Points earned and redeemed by period", gap=3, size=12, then=None)
    _chart(pdf, r["periods"], family)
    pdf.set_font(family, size=7)
    widths = (20, *(18.5,) * len(COLUMNS))
    for text, width in zip(("start", *(label for _, label in COLUMNS)), widths, strict=True):
        pdf.cell(width, 5, text[:16], align="R" if text != "start" else "L")
    pdf.ln(5)
    for p in r["periods"]:
        pdf.cell(widths[0], 4.5, str(p["start"]))
        for (key, _), width in zip(COLUMNS, widths[1:], strict=True):
            pdf.cell(width, 4.5, f"{p[key]:,}", align="R")
        pdf.ln(4.5)
    for title, lines in (
        (
            "Top rewards",
            [
                f"{words(t['name'])[:40]}  {t['redemptions']:,} redemptions, {t['points']:,} pts"
                for t in r["top_rewards"]
            ],
        ),
        (
            "Awards above the limit (this terminal)",
            [
                f"{a['at']}  {(a['customer'] or '')[:24]}  {a['points']:,} pts, given by "
                f"{a['given_by']}, approved by {a['approved_by'] or 'nobody'}"
                for a in r["large_awards"]
            ],
        ),
    ):
        heading(pdf, family, title, gap=3, size=12, then=9)
        for line in lines or ["(none)"]:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    finish(pdf, family, r, path, gap=3)


def _chart(pdf: FPDF, periods: list[dict[str, Any]], family: str) -> None:
    """Two bars a period: earned (green, up) and redeemed (red, down) from one axis."""
    left, top, width, height = pdf.l_margin, pdf.get_y() + 2, 180.0, 50.0
    peak = max((max(p["earned"], -p["redeemed"]) for p in periods), default=0) or 1
    slot = width / max(1, len(periods))
    axis = top + height / 2
    pdf.set_draw_color(150, 150, 150)
    pdf.line(left, axis, left + width, axis)
    for i, p in enumerate(periods):
        up = (height / 2) * p["earned"] / peak
        down = (height / 2) * -p["redeemed"] / peak
        x = left + i * slot + slot * 0.1
        if up:
            pdf.set_fill_color(31, 122, 77)
            pdf.rect(x, axis - up, slot * 0.8, up, style="F")
        if down:
            pdf.set_fill_color(178, 34, 34)
            pdf.rect(x, axis, slot * 0.8, down, style="F")
    pdf.set_font(family, size=7)
    step = max(1, len(periods) // 6)
    for i in range(0, len(periods), step):
        pdf.set_xy(left + i * slot, top + height + 1)
        pdf.cell(20, 4, str(periods[i]["start"]))
    pdf.set_y(top + height + 7)
