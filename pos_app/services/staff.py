"""Staff and sign-in: cashier and manager accounts local to the terminal, PINs as slow
salted hashes, lock-out after repeated failures, and manager approvals. Every attempt,
success or not, is audited; a PIN never is.

Loss-prevention rules (nobody at a shell is anybody without a PIN):
- adding, disabling or resetting an account needs a manager's name and PIN; only the very
  first account of an empty terminal (a manager) is created without one;
- a PIN is reset (which also lifts a lock-out) only by a manager other than its owner: no
  one unlocks themselves, so a terminal should always have two managers;
- a lock-out is kept in the database: a restart does not lift it, the 30 minutes or
  another manager's reset does;
- each command's own input is checked before a PIN is asked for or an approval audited."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..domain import pins
from ..domain.pins import LockState, PinError
from ..i18n import _, ngettext
from ..i18n.formats import number
from ..store import audit
from ..store import staff as store_staff
from . import words
from .errors import BadInput, Refused
from .system import SYSTEM, is_system
from .terminal import Terminal

ROLES = ("cashier", "manager")


@dataclass(frozen=True, slots=True)
class StaffMember:
    name: str
    role: str
    active: bool

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


@dataclass(frozen=True, slots=True)
class Credentials:
    """A person's name and the PIN they gave for this one command (never stored)."""

    name: str
    pin: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class Approval:
    """A manager's PIN was checked for this action; made only by `approve`."""

    manager: str
    action: str
    reason: str


def _member(row: store_staff.StaffRow) -> StaffMember:
    return StaffMember(row.name, row.role, row.active)


def _name(value: str) -> str:
    name = (value or "").strip()
    if not name:
        raise BadInput(_("Give the person's name."))
    if len(name) > 60 or any(not ch.isprintable() for ch in name):
        raise BadInput(_("A name is at most 60 printable characters."))
    if name.casefold() == "system":
        raise BadInput(_("'system' is reserved for the command line."))
    return name


def _pin_hash(t: Terminal, pin: str) -> str:
    try:
        return pins.hash_pin(pin, t.pin_cost)
    except PinError as error:
        raise BadInput(str(error)) from None


def has_staff(t: Terminal) -> bool:
    return bool(store_staff.all_staff(t.db.conn))


def list_staff(t: Terminal) -> list[StaffMember]:
    return [_member(r) for r in store_staff.all_staff(t.db.conn)]


def check_new_staff(t: Terminal, name: str, role: str, pin: str | None = None) -> str:
    """Everything `add_staff` checks before anyone's PIN (the new PIN too, if it was read
    already): returns the clean name."""
    clean = _name(name)
    if role not in ROLES:
        raise BadInput(_("The role is cashier or manager."))
    if store_staff.by_name(t.db.conn, clean) is not None:
        raise Refused(
            _("There is already someone called {clean}.").format(clean=clean), "staff_exists"
        )
    if not has_staff(t) and role != "manager":
        raise BadInput(_("The first account must be a manager's."))
    if pin is not None:
        check_pin(pin)
    return clean


def check_pin(pin: str) -> None:
    """A new PIN's format (4-8 digits, not trivial), before anything is approved."""
    try:
        pins.check_pin_format(pin)
    except PinError as error:
        raise BadInput(str(error)) from None


def add_staff(
    t: Terminal,
    name: str,
    role: str,
    pin: str,
    *,
    actor: str,
    manager: Credentials | None = None,
) -> StaffMember:
    """Add an account. A manager approves (name and PIN), except for the very first
    account of an empty terminal, which must be a manager's."""
    clean = check_new_staff(t, name, role, pin)
    by = actor
    if has_staff(t):
        by = _admin_approval(
            t, manager, "staff.add", clean, words.ADD_STAFF.format(role=role, name=clean)
        ).manager
    digest = _pin_hash(t, pin)
    now = t.clock()
    _audited(
        t,
        lambda conn: store_staff.add(conn, clean, role, digest, now),
        now=now,
        actor=by,
        action="staff.added",
        subject=clean,
        details={"role": role, "operator": actor},
    )
    return StaffMember(clean, role, True)


def _audited(
    t: Terminal,
    write: Callable[[sqlite3.Connection], object] | None,
    *,
    now: datetime,
    actor: str,
    action: str,
    subject: str | None,
    details: dict[str, Any] | None = None,
) -> None:
    """A change to the staff table (if any) and its audit entry, in one transaction."""
    with t.db.transaction() as conn:
        if write is not None:
            write(conn)
        audit.append(conn, now=now, actor=actor, action=action, subject=subject, details=details)


def _approved_change(
    t: Terminal,
    row: store_staff.StaffRow,
    ok: Approval,
    action: str,
    operator: str,
    write: Callable[[sqlite3.Connection, datetime], object],
    more: Callable[[datetime], dict[str, Any]] = lambda _when: {},
) -> None:
    """A change to `row` that the manager of `ok` approved, audited under their name with
    the operator who asked for it (and `more` details, as they stand at that moment)."""
    now = t.clock()
    _audited(
        t,
        lambda conn: write(conn, now),
        now=now,
        actor=ok.manager,
        action=action,
        subject=row.name,
        details={"operator": operator, **more(now)},
    )


def _admin_approval(
    t: Terminal, manager: Credentials | None, action: str, subject: str, reason: str
) -> Approval:
    if manager is None:
        raise BadInput(
            _(
                "Staff accounts are changed with a manager's approval: give --manager "
                "NAME and the manager's PIN on stdin."
            )
        )
    return approve(t, manager.name, manager.pin, action=action, subject=subject, reason=reason)


def _find(t: Terminal, name: str) -> store_staff.StaffRow:
    row = store_staff.by_name(t.db.conn, name)
    if row is None:
        raise Refused(
            _("Nobody called {name} works on this terminal.").format(name=name.strip()),
            "unknown_staff",
        )
    return row


def check_disable(t: Terminal, name: str) -> store_staff.StaffRow:
    """Everything `disable_staff` checks before anyone's PIN."""
    row = _find(t, name)
    if row.role == "manager" and row.active and store_staff.count_active_managers(t.db.conn) == 1:
        raise Refused(
            _("This is the last active manager; add another manager first."), "last_manager"
        )
    return row


def disable_staff(
    t: Terminal, name: str, *, actor: str, manager: Credentials | None = None
) -> StaffMember:
    row = check_disable(t, name)
    ok = _admin_approval(
        t, manager, "staff.disable", row.name, words.DISABLE_STAFF.format(name=row.name)
    )
    _approved_change(
        t,
        row,
        ok,
        "staff.disabled",
        actor,
        lambda conn, now: store_staff.set_active(conn, row.id, False, now),
    )
    return StaffMember(row.name, row.role, False)


def check_reset(
    t: Terminal, name: str, pin: str | None, manager: str | None
) -> store_staff.StaffRow:
    """Everything `reset_pin` checks before anyone's PIN: the account, the new PIN, and
    that the approving manager is someone else (nobody lifts their own lock-out)."""
    row = _find(t, name)
    if pin is not None:
        check_pin(pin)
    if manager is not None and manager.strip().casefold() == row.name.casefold():
        raise Refused(
            _(
                "{name}'s PIN is reset by another manager, not by {name}: nobody unlocks "
                "their own account."
            ).format(name=row.name),
            "own_reset",
        )
    return row


def reset_pin(
    t: Terminal, name: str, pin: str, *, actor: str, manager: Credentials | None = None
) -> StaffMember:
    """A new PIN, which also lifts a lock-out: only with another manager's approval."""
    row = check_reset(t, name, pin, None if manager is None else manager.name)
    ok = _admin_approval(
        t, manager, "staff.reset_pin", row.name, words.NEW_PIN.format(name=row.name)
    )
    digest = _pin_hash(t, pin)
    _approved_change(
        t,
        row,
        ok,
        "staff.pin_reset",
        actor,
        lambda conn, now: store_staff.set_pin(conn, row.id, digest, now),
        lambda now: {"was_locked": row.lock.locked(now)},
    )
    return _member(row)


def sign_in(t: Terminal, name: str, pin: str, *, purpose: str = "sign_in") -> StaffMember:
    """Check a PIN, with lock-out. Raises Refused with a message for the person."""
    row = _find(t, name)
    now = t.clock()
    if not row.active:
        raise Refused(
            _("{name}'s account is disabled; ask a manager.").format(name=row.name),
            "staff_disabled",
        )
    if row.lock.locked(now):
        assert row.lock.locked_until is not None
        minutes = max(1, int((row.lock.locked_until - now).total_seconds() // 60) + 1)
        raise Refused(
            ngettext(
                "Too many wrong PINs: {name} is locked for about {n} more minute. "
                "A manager can reset the PIN.",
                "Too many wrong PINs: {name} is locked for about {n} more minutes. "
                "A manager can reset the PIN.",
                minutes,
            ).format(name=row.name, n=number(minutes)),
            "staff_locked",
        )
    if pins.verify_pin(pin or "", row.pin_hash):
        with t.db.transaction() as conn:
            store_staff.set_lock(conn, row.id, LockState(0, None), now)
            if pins.needs_rehash(row.pin_hash, t.pin_cost):
                store_staff.set_pin(conn, row.id, _pin_hash(t, pin), now)
            audit.append(conn, now=now, actor=row.name, action=f"{purpose}.ok", subject=row.name)
        return _member(row)
    after = row.lock.after_failure(now)
    _audited(
        t,
        lambda conn: store_staff.set_lock(conn, row.id, after, now),
        now=now,
        actor=row.name,
        action=f"{purpose}.failed",
        subject=row.name,
        details={"locked": after.locked(now)},
    )
    if after.locked(now):
        lockout = int(pins.LOCKOUT.total_seconds() // 60)
        raise Refused(
            ngettext(
                "Wrong PIN. {name} is now locked for {n} minute.",
                "Wrong PIN. {name} is now locked for {n} minutes.",
                lockout,
            ).format(name=row.name, n=number(lockout)),
            "staff_locked",
        )
    left = pins.MAX_ATTEMPTS - after.failed_attempts
    raise Refused(
        ngettext(
            "Wrong PIN. {n} more try before the account locks.",
            "Wrong PIN. {n} more tries before the account locks.",
            left,
        ).format(n=number(left)),
        "wrong_pin",
    )


def approve(
    t: Terminal, manager: str, pin: str, *, action: str, subject: str | None, reason: str
) -> Approval:
    """A manager's approval: their PIN, their role, and why. Audited with who, what, why."""
    why = (reason or "").strip()
    if not why:
        raise BadInput(_("A manager's approval needs a reason."))
    if len(why) > 500:
        raise BadInput(_("The reason is too long (500 characters at most)."))
    member = sign_in(t, manager, pin, purpose="approval")
    if not member.is_manager:
        raise Refused(_("{name} is not a manager.").format(name=member.name), "not_a_manager")
    _audited(
        t,
        None,
        now=t.clock(),
        actor=member.name,
        action="approval.granted",
        subject=subject,
        details={"for": action, "reason": why},
    )
    return Approval(member.name, action, why)


def check_operator(t: Terminal, name: str | None) -> str:
    """The name operations are recorded under: `system` (scripts), or an active account.
    Checks the account only; `operator` checks the person's PIN."""
    if is_system(name):
        return SYSTEM
    assert name is not None
    row = store_staff.by_name(t.db.conn, name)
    if row is None:
        raise BadInput(
            _("--operator {name} is not a staff account here; see 'pos-app staff list'.").format(
                name=repr(name.strip())
            )
        )
    if not row.active:
        raise Refused(_("{name}'s account is disabled.").format(name=row.name), "staff_disabled")
    return row.name


def operator(t: Terminal, who: Credentials | None) -> str:
    """The name to record work under: `system` when nobody is named, else a person who
    proved it with their PIN (a sign-in: audited, and counted towards the lock-out)."""
    if who is None or is_system(who.name):
        return SYSTEM
    return sign_in(t, who.name, who.pin, purpose="operator").name
