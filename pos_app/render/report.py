"""The daily report as a text table, CSV and a printable PDF (the end-of-day slip). No Qt:
the command line prints these, the GUI shows and saves the same."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.models import ReportScope
from ..domain.money import format_money, money_text, printer_text
from ..files import write_private
from ..i18n import N_, _
from ..i18n.formats import number

if TYPE_CHECKING:  # fpdf (and fontTools) load on the first PDF export, not at start
    from fpdf import FPDF

FONT_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
    Path("/Library/Fonts/DejaVuSans.ttf"),
)


# ReportScope's words, for the catalogue.
_SCOPES = {"terminal": N_("terminal"), "store": N_("whole store"), "merchant": N_("whole merchant")}


def _money_in_codes(amount: int, currency: str) -> str:
    return printer_text(format_money(amount, currency))


def _words_in_codes(text: str) -> str:
    return printer_text(money_text(text))


def new_pdf(
    title: str, heading: str, size: int, then: int
) -> tuple[FPDF, str, Callable[[int, str], str], Callable[[str], str]]:
    """An A4 document (`title` in its properties) whose first page starts with `heading`
    in `size`, then text in size `then`; its font family, and how it writes an amount and
    a sentence with amounts in it: "₦1,000" with a font that has the naira sign, else
    "NGN 1,000" (the core fonts have none)."""
    from fpdf import FPDF  # about 190 ms and 40 MiB: only when a PDF is made

    pdf = FPDF(format="A4")
    font_file = next((p for p in FONT_PATHS if p.exists()), None)
    if font_file is None:
        family, money, words = "Helvetica", _money_in_codes, _words_in_codes
    else:
        pdf.add_font("Body", "", str(font_file))
        family, money, words = "Body", format_money, money_text
    pdf.set_title(title)
    pdf.set_creator("pos-app")
    pdf.add_page()
    pdf.set_font(family, size=size)
    pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=then)
    return pdf, family, money, words


def period(r: dict[str, Any]) -> str:
    """The report's days: "2026-11-27", or "2026-11-01 to 2026-11-27"."""
    if r["date_from"] == r["date_to"]:
        return str(r["date_from"])
    return _("{start} to {end}").format(start=r["date_from"], end=r["date_to"])


def _by_terminal(r: dict[str, Any]) -> bool:
    return ReportScope(r["scope"]) is ReportScope.TERMINAL


def _na(value: int | None) -> str:
    return _("n/a") if value is None else number(value)


def summary_rows(r: dict[str, Any], money: Any = format_money) -> list[tuple[str, str]]:
    cur = r["currency"]
    return [
        (_("Redemptions"), number(r["redemptions"])),
        (_("Points redeemed"), number(r["points_redeemed"])),
        (_("Value given"), money(r["discount_total"], cur)),  # discounts and items alike
        (_("Points awarded"), _na(r["points_awarded"])),
        (_("Issued offline"), _na(r["offline"])),
        (_("Conflicts"), number(r["conflicts"])),
        (_("Voids (not in totals)"), number(r["voids"])),
    ]


def to_table(r: dict[str, Any]) -> str:
    """A plain-text report for a terminal window or a log."""
    scope = (
        _("terminal {id}").format(id=r["terminal_id"])
        if _by_terminal(r)
        else _(_SCOPES[ReportScope(r["scope"]).value])
    )
    out = [
        _("Redemption report, {period} ({zone}), {scope}").format(
            period=period(r), zone=r["timezone"], scope=scope
        ),
        "",
    ]
    out += [f"  {label:<24}{value:>16}" for label, value in summary_rows(r)]
    for title, key in ((_("By reward"), "by_reward"), (_("By cashier"), "by_cashier")):
        out += ["", title]
        out += [
            f"  {money_text(line['label'])[:34]:<34}{line['count']:>6}"
            f"{number(line['points']):>10}{format_money(line['discount'], r['currency']):>14}"
            for line in r[key]
        ]
        if not r[key]:
            out.append("  " + _("(none)"))
    out += ["", _("Large awards (over the per-award limit, or approved)")]
    out += ["  " + _award_line(a, 20) for a in r.get("large_awards", [])] or ["  " + _("(none)")]
    out += ["", _("By hour")]
    peak = max((line["count"] for line in r["by_hour"]), default=0) or 1
    for line in r["by_hour"]:
        if line["count"]:
            out.append(
                f"  {line['label']}  {'#' * max(1, round(20 * line['count'] / peak)):<20}"
                f" {line['count']}"
            )
    out += ["", audit_line(r)]
    return "\n".join(out)


def _award_line(a: dict[str, Any], width: int) -> str:
    """ "09:12  Ada Obi   1,500 pts  given by Chidi, approved by Ngozi"."""
    return _("{time}  {customer}{points} pts  given by {cashier}, approved by {manager}").format(
        time=a["at"][11:16],
        customer=f"{a['customer'][:width]:<{width}}",
        points=f"{number(a['points']):>10}",
        cashier=a["given_by"],
        manager=a["approved_by"] or _("nobody"),
    )


def audit_line(r: dict[str, Any]) -> str:
    """The audit head on every copy of the report: kept on paper, it lets a manager check
    later that no entry up to it was removed or rewritten (pos-app audit verify --head)."""
    head = r.get("audit_head")
    if head:
        return _("Audit head: {head}").format(head=head)
    return _("Audit head: (the audit log is empty)")


CSV_FIELDS = (
    "section",
    "key",
    "label",
    "count",
    "points",
    "discount",
    "value",
    "given_by",
    "approved_by",
)


def to_csv(r: dict[str, Any]) -> str:
    """One flat table: the totals, then one row per reward, cashier and hour."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for key in (
        "date_from",
        "date_to",
        "scope",
        "terminal_id",
        "timezone",
        "currency",
        "redemptions",
        "points_redeemed",
        "discount_total",
        "points_awarded",
        "offline",
        "conflicts",
        "voids",
        "audit_head",
    ):
        value = r.get(key)
        writer.writerow(
            {"section": "total", "key": key, "label": key, "value": "" if value is None else value}
        )
    for section, key in (("reward", "by_reward"), ("cashier", "by_cashier"), ("hour", "by_hour")):
        for line in r[key]:
            writer.writerow(
                {
                    "section": section,
                    "key": line["key"],
                    "label": money_text(str(line["label"])),
                    "count": line["count"],
                    "points": line["points"],
                    "discount": line["discount"],
                }
            )
    for award in r.get("large_awards", []):
        writer.writerow(
            {
                "section": "large_award",
                "key": award["customer_id"],
                "label": f"{award['at']} {award['customer']}",
                "points": award["points"],
                "value": award["reason"] or "",
                "given_by": award["given_by"],
                "approved_by": award["approved_by"] or "",
            }
        )
    return buffer.getvalue()


def to_pdf(r: dict[str, Any], path: Path) -> None:
    """The end-of-day slip: totals, breakdowns, and an hourly bar chart, on A4."""
    pdf, family, money, words = new_pdf(
        _("Redemption report {period}").format(period=period(r)),
        _("End-of-day redemption report"),
        18,
        11,
    )
    scope = (
        _("Terminal {id}").format(id=r["terminal_id"])
        if _by_terminal(r)
        else _(_SCOPES[ReportScope(r["scope"]).value]).capitalize()
    )
    pdf.cell(0, 7, f"{period(r)} ({r['timezone']})  ·  {scope}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for label, value in summary_rows(r, money):
        pdf.cell(70, 7, label)
        pdf.cell(40, 7, words(value), align="R", new_x="LMARGIN", new_y="NEXT")
    for title, key in ((_("By reward"), "by_reward"), (_("By cashier"), "by_cashier")):
        heading(pdf, family, title)
        for line in r[key] or [{"label": _("(none)"), "count": 0, "points": 0, "discount": 0}]:
            pdf.cell(90, 6, words(str(line["label"]))[:48])
            pdf.cell(20, 6, words(number(line["count"])), align="R")
            pts = _("{points} pts").format(points=number(line["points"]))
            pdf.cell(30, 6, words(pts), align="R")
            pdf.cell(
                40,
                6,
                money(line["discount"], r["currency"]),
                align="R",
                new_x="LMARGIN",
                new_y="NEXT",
            )
    if r.get("large_awards"):
        heading(pdf, family, _("Large awards"))
        for award in r["large_awards"]:
            pdf.cell(0, 6, words(_award_line(award, 30)), new_x="LMARGIN", new_y="NEXT")
    heading(pdf, family, _("Redemptions by hour"), then=None)
    _hour_chart(pdf, r["by_hour"], family)
    finish(pdf, family, r, path, gap=4)


def heading(
    pdf: FPDF, family: str, title: str, *, gap: float = 4, size: int = 13, then: int | None = 10
) -> None:
    """A section's title after a `gap`, its lines in size `then` (None: as the title)."""
    pdf.ln(gap)
    pdf.set_font(family, size=size)
    pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    if then is not None:
        pdf.set_font(family, size=then)


def finish(pdf: FPDF, family: str, r: dict[str, Any], path: Path, *, gap: float) -> None:
    """The audit line under a report, then the file, owner-only."""
    pdf.ln(gap)
    pdf.set_font(family, size=8)
    pdf.multi_cell(0, 4, audit_line(r), new_x="LMARGIN", new_y="NEXT")
    write_private(path, bytes(pdf.output()))


def _hour_chart(pdf: FPDF, hours: list[dict[str, Any]], family: str) -> None:
    left, top, width, height = pdf.l_margin, pdf.get_y() + 2, 180.0, 50.0
    peak = max((h["count"] for h in hours), default=0) or 1
    bar = width / 24
    pdf.set_draw_color(150, 150, 150)
    pdf.line(left, top + height, left + width, top + height)
    pdf.set_fill_color(31, 122, 77)
    pdf.set_font(family, size=7)
    for i, h in enumerate(hours):
        tall = height * h["count"] / peak
        if h["count"]:
            pdf.rect(left + i * bar + 0.8, top + height - tall, bar - 1.6, tall, style="F")
            pdf.set_xy(left + i * bar, top + height - tall - 4)
            pdf.cell(bar, 4, str(h["count"]), align="C")
        if i % 3 == 0:
            pdf.set_xy(left + i * bar, top + height + 1)
            pdf.cell(bar, 4, h["label"], align="C")
    pdf.set_y(top + height + 8)
