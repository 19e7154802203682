"""Program analytics (services/analytics.py, as its JSON) as a text table, CSV and a
printable PDF with a chart of points issued and redeemed per period. No Qt: the command
line writes these; the manager's tab can save the same."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.liability import value_note
from ..domain.money import format_money, money_text
from ..i18n import N_, _
from ..i18n.formats import number
from .report import audit_line, finish, heading, new_pdf

if TYPE_CHECKING:
    from fpdf import FPDF

COLUMNS = (  # the key, and its words (translated where shown)
    ("earned", N_("Earned")),
    ("bonus", N_("of which bonus")),
    ("redeemed", N_("Redeemed")),
    ("expired", N_("Expired")),
    ("adjusted", N_("Adjusted")),
    ("returned", N_("Returned")),
    ("redemptions", N_("Redemptions")),
    ("discount_total", N_("Discounts")),
    ("customers_active", N_("Active customers")),
)


# The table's column heads, one word each, in the order of COLUMNS.
SHORT = (
    N_("earned"),
    N_("bonus"),
    N_("redeemed"),
    N_("expired"),
    N_("adjusted"),
    N_("returned"),
    N_("redeems"),
    N_("discounts"),
    N_("customers"),
)
_INTERVALS = {"day": N_("day"), "week": N_("week"), "month": N_("month")}


def _scope(r: dict[str, Any]) -> str:
    if r["scope"] == "store":
        return _("store {id}").format(id=r["store_id"])
    return _("whole merchant")


def _title(r: dict[str, Any]) -> str:
    return _("Program analytics, {start} to {end} by {interval} ({zone}), {scope}").format(
        start=r["date_from"],
        end=r["date_to"],
        interval=_(_INTERVALS.get(r["interval"], r["interval"])),
        zone=r["timezone"],
        scope=_scope(r),
    )


def _value(r: dict[str, Any], money: Any = format_money) -> str:
    if r["outstanding_value"] is None:
        return _("unknown")
    return str(money(r["outstanding_value"], r["currency"]))


def _award(a: dict[str, Any], width: int) -> str:
    return _("{time}  {customer}{points} pts  given by {cashier}, approved by {manager}").format(
        time=a["at"],
        customer=f"{(a['customer'] or '')[:width]:<{width}}",
        points=f"{number(a['points']):>10}",
        cashier=a["given_by"],
        manager=a["approved_by"] or _("nobody"),
    )


def summary_rows(r: dict[str, Any], money: Any = format_money) -> list[tuple[str, str]]:
    totals = r["totals"]
    rows = [
        (_("Points earned"), number(totals["earned"])),
        ("  " + _("of which bonus"), number(totals["bonus"])),
        (_("Points redeemed"), number(totals["redeemed"])),
        (_("Points expired"), number(totals["expired"])),
        (_("Points adjusted"), number(totals["adjusted"])),
        (_("Points returned"), number(totals["returned"])),
        (_("Redemptions"), number(totals["redemptions"])),
        (_("Discount total"), money(totals["discount_total"], r["currency"])),
        (_("Outstanding points (now, merchant)"), number(r["outstanding_points"])),
        (_("Their value"), _value(r, money)),
    ]
    rows += [
        (_("Expiring within {days} days").format(days=e["within_days"]), number(e["points"]))
        for e in r["expiring"]
    ]
    return rows


def to_table(r: dict[str, Any]) -> str:
    """A plain-text report for a terminal window or a log."""
    out = [_title(r), ""]
    for label, value in summary_rows(r):
        out.append(f"  {label:<38}{value:>16}")
        if label == _("Their value"):
            out.append(f"    {value_note(r['value_note'])}")
    out += ["", _("By period")]
    head = f"  {_('start'):<12}" + "".join(f"{_(word):>11}" for word in SHORT)
    out.append(head)
    for p in r["periods"]:
        out.append(f"  {p['start']:<12}" + "".join(f"{number(p[k]):>11}" for k, _w in COLUMNS))
    out += ["", _("Top rewards")]
    out += [
        f"  {money_text(t['name'])[:34]:<34}{number(t['redemptions']):>8}"
        + _("{points} pts").format(points=f"{number(t['points']):>12}")
        for t in r["top_rewards"]
    ] or ["  " + _("(none)")]
    out += ["", _("Awards above the limit (this terminal), with who approved them")]
    out += ["  " + _award(a, 20) for a in r["large_awards"]] or ["  " + _("(none)")]
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
        _("Program analytics {start} to {end}").format(start=r["date_from"], end=r["date_to"]),
        _("Program analytics"),
        16,
        10,
    )
    pdf.multi_cell(0, 5, words(_title(r)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value in summary_rows(r, money):
        pdf.cell(75, 6, label)
        pdf.cell(0, 6, words(value), new_x="LMARGIN", new_y="NEXT")
        if label == _("Their value"):
            pdf.set_font(family, size=8)
            pdf.cell(0, 4, words(value_note(r["value_note"])), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(family, size=10)
    heading(pdf, family, _("Points earned and redeemed by period"), gap=3, size=12, then=None)
    _chart(pdf, r["periods"], family)
    pdf.set_font(family, size=7)
    widths = (20, *(18.5,) * len(COLUMNS))
    heads = (_("start"), *(_(label) for _k, label in COLUMNS))
    for i, (text, width) in enumerate(zip(heads, widths, strict=True)):
        pdf.cell(width, 5, words(text)[:16], align="R" if i else "L")
    pdf.ln(5)
    for p in r["periods"]:
        pdf.cell(widths[0], 4.5, str(p["start"]))
        for (key, _k), width in zip(COLUMNS, widths[1:], strict=True):
            pdf.cell(width, 4.5, words(number(p[key])), align="R")
        pdf.ln(4.5)
    for title, lines in (
        (
            _("Top rewards"),
            [
                words(t["name"])[:40]
                + "  "
                + _("{redemptions} redemptions, {points} pts").format(
                    redemptions=number(t["redemptions"]), points=number(t["points"])
                )
                for t in r["top_rewards"]
            ],
        ),
        (
            _("Awards above the limit (this terminal)"),
            [_award(a, 24) for a in r["large_awards"]],
        ),
    ):
        heading(pdf, family, title, gap=3, size=12, then=9)
        for line in lines or [_("(none)")]:
            pdf.cell(0, 5, words(line), new_x="LMARGIN", new_y="NEXT")
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
