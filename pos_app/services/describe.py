"""One way to show things, for the screen, the slip and the command line alike: money as
`₦1,000` (also inside reward names from the backend, such as "NGN 1,000 off"), an item
reward as the item it is, with its value second, and each audit entry as a sentence that
names the people ("Maryam approved an adjustment of −50 points for Ada Obi: returned item").

No Qt here: the GUI and the command line show the same words."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.models import AuditEntry
from ..domain.money import RewardWords, money_codes, money_text, reward_words
from ..domain.timefmt import from_db
from ..store import names as store_names

__all__ = [
    "AuditLine",
    "Names",
    "RewardWords",
    "audit_lines",
    "audit_sentence",
    "money_codes",
    "money_text",
    "reward_words",
    "settled_text",
]

# ---------------------------------------------------------------- used or void codes


def settled_text(
    *,
    void: bool,
    at: datetime | None,
    here: bool,
    terminal_id: str | None,
    by: str | None,
    approved_by: str | None,
    when: Callable[[datetime], str],
) -> str:
    """ "Used 26 Nov 2026 14:20 at this till (till-1) by Chidi": only what is known."""
    parts = ["Voided" if void else "Used"]
    if at is not None:
        parts.append(when(at))
    if here:
        parts.append(f"at this till ({terminal_id})" if terminal_id else "at this till")
    else:
        parts.append("at another till")
    if by:
        parts.append(f"by {by}")
    text = " ".join(parts)
    if approved_by:
        text += f"\napproved by {approved_by}"
    return text


# ---------------------------------------------------------------- the audit log


def signed_points(points: int) -> str:
    """ "+500 points", "−50 points" (a true minus sign), "1 point"."""
    sign = "−" if points < 0 else ("+" if points > 0 else "")
    unit = "point" if abs(points) == 1 else "points"
    return f"{sign}{abs(points):,} {unit}"


def points_text(points: int) -> str:
    return f"{points:,} {'point' if abs(points) == 1 else 'points'}"


@dataclass(frozen=True, slots=True)
class Names:
    """What this terminal knows to name things in the audit log: customers by id, codes
    by their redemption (customer and reward), queued operations by id."""

    customers: Mapping[str, str]
    codes: Mapping[str, tuple[str | None, str | None, int, str]]  # customer, reward, amount, cur
    # kind, customer id, operator, points (of an award or adjustment)
    operations: Mapping[int, tuple[str, str | None, str | None, int | None]]
    staff: frozenset[str] = frozenset()  # staff names, folded

    @classmethod
    def from_db(
        cls, conn: sqlite3.Connection, subjects: Collection[str], operation_ids: Collection[int]
    ) -> Names:
        """The names these entries need (their subjects and queued operations), not the
        whole customer cache."""
        codes = store_names.codes(conn, {s for s in subjects if s.startswith("REDEEM-")})
        operations = {
            oid: (op.kind, op.customer_id, op.operator, _payload_points(op.payload))
            for oid, op in store_names.operations(conn, operation_ids).items()
        }
        people = {s for s in subjects if not s.startswith("REDEEM-")}
        people |= {c.customer_id for c in codes.values() if c.customer_id}
        people |= {o[1] for o in operations.values() if o[1]}
        customers = store_names.customers(conn, people)
        named = {
            code: (c.customer_name or customers.get(c.customer_id), *c[1:4])
            for code, c in codes.items()
        }
        staff = store_names.staff_folded(conn)
        return cls(customers, named, operations, staff)

    def customer(self, cid: str | None) -> str:
        if not cid:
            return "a customer"
        return self.customers.get(cid) or cid

    def code(self, code: str | None) -> str:
        """ "REDEEM-7K3Q9 (Free soft drink for Ada Obi)"."""
        if not code:
            return "a code"
        known = self.codes.get(code)
        if known is None:
            return code
        customer, reward, amount, currency = known
        what = reward_words(reward, amount, currency).headline
        return f"{code} ({what}{f' for {customer}' if customer else ''})"


_NOBODY = {"", "system"}
_KINDS = {
    "redeem": "redemption",
    "award": "award",
    "adjust": "adjustment",
    "use": "use",
    "void": "void",
}
_APPROVED_FOR = {
    "award": "an award",
    "adjust": "an adjustment",
    "void": "a void",
    "offline_override": "a redemption beyond the offline limits",
    "resolve_conflict": "the resolution of a conflict",
    "staff.add": "a new staff account",
    "staff.disable": "disabling a staff account",
    "staff.reset_pin": "a new PIN",
    "leave_kiosk": "leaving kiosk mode",
    "close_app": "closing the app",
    "open_settings": "opening the settings",
}
# A manager's action on the till itself (services/manager_actions.py).
_TILL = {
    "kiosk.left": "took the till out of kiosk mode",
    "app.closed_by_manager": "closed the app",
    "settings.opened": "opened the settings",
    "kiosk.entered": "put the till back into kiosk mode",
}
_CONFLICT = {
    "retry": "sent {what} to the loyalty service again",
    "accept_loss": "accepted the loss on {what}",
    "void_local": "voided this terminal's record of {what}",
}


def _who(actor: str | None) -> str:
    return "The terminal" if (actor or "").strip().casefold() in _NOBODY else str(actor)


def _why(text: object) -> str:
    reason = " ".join(str(text or "").split())
    return f": {reason}" if reason else ""


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def _payload_points(payload: str | None) -> int | None:
    try:
        found = json.loads(payload or "{}").get("points")
    except (ValueError, AttributeError):
        return None
    return found if isinstance(found, int) and not isinstance(found, bool) else None


def _operation(names: Names, details: Mapping[str, Any], subject: str | None) -> str:
    """ "Chidi's award of +500 points for Ada Obi", "Chidi's redemption REDEEM-… (…)"."""
    op = names.operations.get(_int(details.get("outbox_id")))
    kind, cid, operator, amount = op if op else ("", None, None, None)
    noun = _KINDS.get(kind, "operation")
    if amount is not None and kind in ("award", "adjust"):
        noun += f" of {signed_points(amount)}"
    whose = f"{operator}'s " if operator and operator not in _NOBODY else "the "
    if subject and subject.startswith("REDEEM-"):
        of = " " if kind == "redeem" else " of "  # "redemption REDEEM-…", "use of REDEEM-…"
        return f"{whose}{noun}{of}{names.code(subject)}"
    target = cid or subject
    return f"{whose}{noun} for {names.customer(target)}" if target else f"{whose}{noun}"


def audit_sentence(
    actor: str, action: str, subject: str | None, details: Mapping[str, Any], names: Names
) -> str:
    """One audit entry in plain words, naming people, customers and codes."""
    who = _who(actor)
    d = details
    approver = d.get("approved_by")
    approved = f", approved by {approver}" if approver and approver != actor else ""
    points = _int(d.get("points"))
    head, _dot, tail = action.partition(".")
    if action in ("sign_in.ok",):
        return f"{who} signed in"
    if action == "operator.ok":
        return f"{who} typed their PIN for a command"
    if action == "approval.ok":
        return f"{who} entered a manager's PIN"
    if tail == "failed" and head in ("sign_in", "operator", "approval"):
        locked = " and the account is now locked" if d.get("locked") else ""
        return f"A wrong PIN was entered for {subject or who}{locked}"
    if action == "approval.granted":
        what = _APPROVED_FOR.get(str(d.get("for")), "an action")
        about = ""
        if subject:
            about = (
                f" on {names.code(subject)}"
                if subject.startswith("REDEEM-")
                else f" for {names.customer(subject)}"
                if subject.startswith("cus_")
                else f" for {subject}"
            )
        return f"{who} approved {what}{about}{_why(d.get('reason'))}"
    if action == "adjust.created":
        adjust = f"adjustment of {signed_points(points)} for {names.customer(subject)}"
        why = _why(d.get("reason"))
        if not approver:
            return f"{who} made an {adjust}{why}"
        # "Maryam approved an adjustment…" (her own), "Maryam approved Chidi's adjustment…"
        whose = "an" if approver == actor or who == "The terminal" else f"{who}'s"
        return f"{approver} approved {whose} {adjust}{why}"
    if action == "award.created":
        kind = "bonus points" if d.get("bonus") else "points"
        text = f"{who} awarded {points:,} {kind} to {names.customer(subject)}"
        if approver:
            text += f", approved by {approver}"
        return text + _why(d.get("reason"))
    if action == "customer.enrolled":
        return f"{who} enrolled {d.get('name') or names.customer(subject)} ({subject})"
    if action == "redeem.created":
        return f"{who} redeemed {names.code(subject)}, {points_text(points)}"
    if action == "redeem.offline":
        return f"{who} gave out {names.code(subject)} offline; it will sync"
    if action == "redeem.offline_override":
        cashier = d.get("cashier")
        by = f" for {cashier}" if cashier and cashier not in _NOBODY else ""
        return (
            f"{who} allowed {names.code(subject)}{by} beyond the offline limits"
            f"{_why(d.get('reason'))}"
        )
    if action == "redeem.cancelled":
        return (
            f"{names.code(subject)} was cancelled before it was given out "
            f"(the offline limits did not allow it){'' if who == 'The terminal' else f'; {who}'}"
        )
    if action == "code.use":
        return f"{who} marked a code used: {names.code(subject)}"
    if action == "void.created":
        back = f"; {points_text(points)} go back to the customer" if points else ""
        return f"{who} voided {names.code(subject)}{approved}{back}{_why(d.get('reason'))}"
    if head == "conflict" and tail in _CONFLICT:
        what = _operation(names, d, subject if subject and subject.startswith("REDEEM-") else None)
        done = _CONFLICT[tail].format(what=f"#{d.get('outbox_id', subject)}, {what},")
        return f"{who} {done.rstrip(',')}{approved}{_why(d.get('note'))}"
    if action == "staff.added":
        role = d.get("role") or "staff"
        if actor.strip().casefold() in names.staff:
            return f"{who} added {role} {subject}"
        return f"The {role} account {subject} was created ({actor})"
    if action == "staff.disabled":
        return f"{who} disabled {subject}'s account"
    if action == "staff.pin_reset":
        lifted = " and lifted the lock-out" if d.get("was_locked") else ""
        return f"{who} set a new PIN for {subject}{lifted}"
    if action == "config.changed":
        old, new = (d.get(k) if d.get(k) is not None else "its default" for k in ("old", "new"))
        return f"{who} changed the setting {subject} from {old} to {new}"
    if head == "sync":
        kind, _dot, state = tail.partition(".")
        what = _operation(names, d, subject)
        if state == "done":
            return f"The loyalty service recorded {what}"
        if state == "void_queued":
            return (
                f"The loyalty service applied {names.code(subject)} after it was cancelled "
                "here; a void was queued to give the points back"
            )
        if state == "cancelled":
            return f"{what[0].upper()}{what[1:]} was not sent{_why(d.get('why'))}"
        if state in ("conflict", "refused"):
            verb = "refused" if state == "refused" else "refused, after it was given out,"
            return f"The loyalty service {verb} {what}{_why(d.get('message'))}"
    if action in _TILL:
        cashier = d.get("operator")
        by = f" ({cashier} was signed in)" if cashier and cashier not in (actor, *_NOBODY) else ""
        return f"{who} {_TILL[action]}{by}{_why(d.get('reason'))}"
    # Anything else: still words, never a key or JSON.
    words = action.replace(".", " ").replace("_", " ")
    extra = ", ".join(
        f"{str(k).replace('_', ' ')} {v}" for k, v in d.items() if v not in (None, "", [], {})
    )
    return f"{who}: {words}" + (f" {subject}" if subject else "") + (f" ({extra})" if extra else "")


@dataclass(frozen=True, slots=True)
class AuditLine:
    seq: int
    at: datetime
    actor: str
    text: str


def _details(entry: AuditEntry) -> dict[str, Any]:
    try:
        details = json.loads(entry.details or "{}")
    except ValueError:
        return {}
    return details if isinstance(details, dict) else {}


def audit_lines(conn: sqlite3.Connection, entries: Sequence[AuditEntry]) -> list[AuditLine]:
    """Audit entries as sentences."""
    parsed = [(entry, _details(entry)) for entry in entries]
    known = Names.from_db(
        conn,
        {entry.subject for entry, _ in parsed if entry.subject},
        {_int(d.get("outbox_id")) for _entry, d in parsed if d.get("outbox_id") is not None},
    )
    return [
        AuditLine(
            entry.seq,
            from_db(entry.at),
            entry.actor,
            audit_sentence(entry.actor, entry.action, entry.subject, details, known),
        )
        for entry, details in parsed
    ]
