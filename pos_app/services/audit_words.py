"""Each audit entry as one whole sentence in the terminal's language ("Maryam approved an
adjustment of −50 points for Ada Obi: returned item"), made where it is shown: the entries
stay stored in stable English (action keys and details); each sentence is one template, so a
translation can put the words in its own order.

No Qt here: the GUI and the command line show the same words."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ..domain.money import reward_words
from ..i18n import N_, _, ngettext
from ..i18n.formats import number, signed
from ..store import names as store_names
from .words import REASONS, shown


def signed_points(points: int) -> str:
    """ "+500 points", "−50 points" (a true minus sign), "1 point"."""
    text = signed(points) if points else number(0)
    return ngettext("{points} point", "{points} points", abs(points)).format(points=text)


def points_text(points: int) -> str:
    return ngettext("{points} point", "{points} points", abs(points)).format(points=number(points))


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
            return _("a customer")
        return self.customers.get(cid) or cid

    def code(self, code: str | None) -> str:
        """ "REDEEM-7K3Q9 (Free soft drink for Ada Obi)"."""
        if not code:
            return _("a code")
        known = self.codes.get(code)
        if known is None:
            return code
        customer, reward, amount, currency = known
        what = reward_words(reward, amount, currency).headline
        if customer:
            return _("{code} ({reward} for {customer})").format(
                code=code, reward=what, customer=customer
            )
        return _("{code} ({reward})").format(code=code, reward=what)


_NOBODY = {"", "system"}
THE_TERMINAL = N_("The terminal")
_KINDS = {
    "redeem": N_("redemption"),
    "award": N_("award"),
    "adjust": N_("adjustment"),
    "use": N_("use"),
    "void": N_("void"),
}
_ROLES = {"manager": N_("manager"), "cashier": N_("cashier"), "staff": N_("staff")}
_APPROVED_FOR = {
    "award": N_("an award"),
    "adjust": N_("an adjustment"),
    "void": N_("a void"),
    "offline_override": N_("a redemption beyond the offline limits"),
    "resolve_conflict": N_("the resolution of a conflict"),
    "staff.add": N_("a new staff account"),
    "staff.disable": N_("disabling a staff account"),
    "staff.reset_pin": N_("a new PIN"),
    "leave_kiosk": N_("leaving kiosk mode"),
    "close_app": N_("closing the app"),
    "open_settings": N_("opening the settings"),
}
# A manager's action on the till itself (services/manager_actions.py).
_TILL = {
    "kiosk.left": N_("{who} took the till out of kiosk mode{by}{why}"),
    "app.closed_by_manager": N_("{who} closed the app{by}{why}"),
    "settings.opened": N_("{who} opened the settings{by}{why}"),
    "kiosk.entered": N_("{who} put the till back into kiosk mode{by}{why}"),
}
_CONFLICT = {
    "retry": N_("{who} sent #{id}, {what}, to the loyalty service again{approved}{why}"),
    "accept_loss": N_("{who} accepted the loss on #{id}, {what}{approved}{why}"),
    "void_local": N_("{who} voided this terminal's record of #{id}, {what}{approved}{why}"),
}


def _terminal(actor: str | None) -> bool:
    return (actor or "").strip().casefold() in _NOBODY


def _who(actor: str | None) -> str:
    return _(THE_TERMINAL) if _terminal(actor) else str(actor)


def _why(text: object) -> str:
    """ ": returned item": a reason the terminal gave in its language, a person's as typed."""
    reason = " ".join(str(text or "").split())
    return _(": {reason}").format(reason=shown(reason, REASONS)) if reason else ""


def as_int(value: object) -> int:
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
    op = names.operations.get(as_int(details.get("outbox_id")))
    kind, cid, operator, amount = op if op else ("", None, None, None)
    noun = _(_KINDS.get(kind, N_("operation")))
    if amount is not None and kind in ("award", "adjust"):
        noun = _("{noun} of {points}").format(noun=noun, points=signed_points(amount))
    mine = bool(operator) and operator not in _NOBODY
    target = cid or subject
    if subject and subject.startswith("REDEEM-"):
        if kind == "redeem":  # "redemption REDEEM-…", "use of REDEEM-…"
            text = _("{operator}'s {noun} {code}") if mine else _("the {noun} {code}")
        else:
            text = _("{operator}'s {noun} of {code}") if mine else _("the {noun} of {code}")
    elif target:
        text = _("{operator}'s {noun} for {customer}") if mine else _("the {noun} for {customer}")
    else:
        text = _("{operator}'s {noun}") if mine else _("the {noun}")
    return text.format(
        operator=operator,
        noun=noun,
        code=names.code(subject),
        customer=names.customer(target),
    )


def _by(actor: str, cashier: object) -> str:
    if cashier and cashier not in (actor, *_NOBODY):
        return _(" ({cashier} was signed in)").format(cashier=cashier)
    return ""


def audit_sentence(
    actor: str, action: str, subject: str | None, details: Mapping[str, Any], names: Names
) -> str:
    """One audit entry in plain words, naming people, customers and codes."""
    d = details
    fill = dict(who=_who(actor), why=_why(d.get("reason")), subject=subject or "")
    approver = d.get("approved_by")
    approved = (
        _(", approved by {approver}").format(approver=approver)
        if approver and approver != actor
        else ""
    )
    points = as_int(d.get("points"))
    head, _dot, tail = action.partition(".")
    if action == "sign_in.ok":
        return _("{who} signed in").format(**fill)
    if action == "operator.ok":
        return _("{who} typed their PIN for a command").format(**fill)
    if action == "approval.ok":
        return _("{who} entered a manager's PIN").format(**fill)
    if tail == "failed" and head in ("sign_in", "operator", "approval"):
        whom = subject or fill["who"]
        if d.get("locked"):
            return _("A wrong PIN was entered for {whom} and the account is now locked").format(
                whom=whom
            )
        return _("A wrong PIN was entered for {whom}").format(whom=whom)
    if action == "approval.granted":
        what = _(_APPROVED_FOR.get(str(d.get("for")), N_("an action")))
        if not subject:
            return _("{who} approved {what}{why}").format(what=what, **fill)
        if subject.startswith("REDEEM-"):
            return _("{who} approved {what} on {code}{why}").format(
                what=what, code=names.code(subject), **fill
            )
        name = names.customer(subject) if subject.startswith("cus_") else subject
        return _("{who} approved {what} for {name}{why}").format(what=what, name=name, **fill)
    if action == "adjust.created":
        more = dict(points=signed_points(points), customer=names.customer(subject), **fill)
        if not approver:
            return _("{who} made an adjustment of {points} for {customer}{why}").format(**more)
        # "Maryam approved an adjustment…" (her own), "Maryam approved Chidi's adjustment…"
        if approver == actor or _terminal(actor):
            text = _("{approver} approved an adjustment of {points} for {customer}{why}")
        else:
            text = _("{approver} approved {who}'s adjustment of {points} for {customer}{why}")
        return text.format(approver=approver, **more)
    if action == "award.created":
        if d.get("bonus"):
            text = ngettext(
                "{who} awarded {points} bonus point to {customer}",
                "{who} awarded {points} bonus points to {customer}",
                points,
            )
        else:
            text = ngettext(
                "{who} awarded {points} point to {customer}",
                "{who} awarded {points} points to {customer}",
                points,
            )
        said = text.format(points=number(points), customer=names.customer(subject), **fill)
        if approver:
            said = _("{sentence}, approved by {approver}").format(sentence=said, approver=approver)
        return said + fill["why"]
    if action == "customer.enrolled":
        return _("{who} enrolled {name} ({subject})").format(
            name=d.get("name") or names.customer(subject), **fill
        )
    if action == "redeem.created":
        return _("{who} redeemed {code}, {points}").format(
            code=names.code(subject), points=points_text(points), **fill
        )
    if action == "redeem.offline":
        return _("{who} gave out {code} offline; it will sync").format(
            code=names.code(subject), **fill
        )
    if action == "redeem.offline_override":
        cashier = d.get("cashier")
        code = names.code(subject)
        if cashier and cashier not in _NOBODY:
            text = _("{who} allowed {code} for {cashier} beyond the offline limits{why}")
        else:
            text = _("{who} allowed {code} beyond the offline limits{why}")
        return text.format(code=code, cashier=cashier, **fill)
    if action == "redeem.cancelled":
        code = names.code(subject)
        if _terminal(actor):
            return _(
                "{code} was cancelled before it was given out (the offline limits did not allow it)"
            ).format(code=code)
        return _(
            "{code} was cancelled before it was given out (the offline limits did not "
            "allow it); {who}"
        ).format(code=code, **fill)
    if action == "code.use":
        return _("{who} marked a code used: {code}").format(code=names.code(subject), **fill)
    if action == "void.created":
        code = names.code(subject)
        if points:
            return _("{who} voided {code}{approved}; {points} go back to the customer{why}").format(
                code=code, approved=approved, points=points_text(points), **fill
            )
        return _("{who} voided {code}{approved}{why}").format(code=code, approved=approved, **fill)
    if head == "conflict" and tail in _CONFLICT:
        what = _operation(names, d, subject if subject and subject.startswith("REDEEM-") else None)
        return _(_CONFLICT[tail]).format(
            id=d.get("outbox_id", subject),
            what=what,
            approved=approved,
            **{**fill, "why": _why(d.get("note"))},
        )
    if action == "staff.added":
        role = d.get("role") or "staff"
        role_words = _(_ROLES[role]) if role in _ROLES else role
        if actor.strip().casefold() in names.staff:
            return _("{who} added {role} {subject}").format(role=role_words, **fill)
        return _("The {role} account {subject} was created ({actor})").format(
            role=role_words, actor=actor, subject=subject or ""
        )
    if action == "staff.disabled":
        return _("{who} disabled {subject}'s account").format(**fill)
    if action == "staff.pin_reset":
        if d.get("was_locked"):
            return _("{who} set a new PIN for {subject} and lifted the lock-out").format(**fill)
        return _("{who} set a new PIN for {subject}").format(**fill)
    if action == "config.changed":
        old, new = (d.get(k) if d.get(k) is not None else _("its default") for k in ("old", "new"))
        return _("{who} changed the setting {subject} from {old} to {new}").format(
            old=old, new=new, **fill
        )
    synced = _sync(tail, names, d, subject) if head == "sync" else None
    if synced is not None:
        return synced
    if action in _TILL:
        return _(_TILL[action]).format(by=_by(actor, d.get("operator")), **fill)
    # Anything else: still words, never a key or JSON.
    words = action.replace(".", " ").replace("_", " ")
    extra = ", ".join(
        f"{str(k).replace('_', ' ')} {v}" for k, v in d.items() if v not in (None, "", [], {})
    )
    return (
        f"{fill['who']}: {words}"
        + (f" {subject}" if subject else "")
        + (f" ({extra})" if extra else "")
    )


def _sync(tail: str, names: Names, d: Mapping[str, Any], subject: str | None) -> str | None:
    """What the loyalty service did with a queued operation."""
    _kind, _dot, state = tail.partition(".")
    what = _operation(names, d, subject)
    if state == "done":
        return _("The loyalty service recorded {what}").format(what=what)
    if state == "void_queued":
        return _(
            "The loyalty service applied {code} after it was cancelled here; a void was "
            "queued to give the points back"
        ).format(code=names.code(subject))
    if state == "cancelled":
        text = _("{what} was not sent{why}").format(what=what, why=_why(d.get("why")))
        return text[:1].upper() + text[1:]
    if state == "refused":
        return _("The loyalty service refused {what}{why}").format(
            what=what, why=_why(d.get("message"))
        )
    if state == "conflict":
        return _("The loyalty service refused, after it was given out, {what}{why}").format(
            what=what, why=_why(d.get("message"))
        )
    return None
