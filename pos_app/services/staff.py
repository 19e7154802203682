"""Staff and sign-in: cashier and manager accounts local to the terminal, PINs as slow
salted hashes, lock-out after repeated failures, and manager approvals. Every attempt,
success or not, is audited; a PIN never is."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import pins
from ..domain.pins import LockState, PinError
from ..store import audit
from ..store import staff as store_staff
from .errors import BadInput, Refused
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

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role, "active": self.active}


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
        raise BadInput("Give the person's name.")
    if len(name) > 60 or any(not ch.isprintable() for ch in name):
        raise BadInput("A name is at most 60 printable characters.")
    if name.casefold() == "system":
        raise BadInput("'system' is reserved for the command line.")
    return name


def _pin_hash(pin: str) -> str:
    try:
        return pins.hash_pin(pin, n=pins.SCRYPT_N)
    except PinError as error:
        raise BadInput(str(error)) from None


def has_staff(t: Terminal) -> bool:
    return bool(store_staff.all_staff(t.db.conn))


def list_staff(t: Terminal) -> list[StaffMember]:
    return [_member(r) for r in store_staff.all_staff(t.db.conn)]


def add_staff(t: Terminal, name: str, role: str, pin: str, *, actor: str) -> StaffMember:
    clean = _name(name)
    if role not in ROLES:
        raise BadInput("The role is cashier or manager.")
    if store_staff.by_name(t.db.conn, clean) is not None:
        raise Refused(f"There is already someone called {clean}.", "staff_exists")
    if not has_staff(t) and role != "manager":
        raise BadInput("The first account must be a manager's.")
    digest = _pin_hash(pin)
    now = t.clock()
    with t.db.transaction() as conn:
        store_staff.add(conn, clean, role, digest, now)
        audit.append(
            conn, now=now, actor=actor, action="staff.added", subject=clean, details={"role": role}
        )
    return StaffMember(clean, role, True)


def _find(t: Terminal, name: str) -> store_staff.StaffRow:
    row = store_staff.by_name(t.db.conn, name)
    if row is None:
        raise Refused(f"Nobody called {name.strip()} works on this terminal.", "unknown_staff")
    return row


def disable_staff(t: Terminal, name: str, *, actor: str) -> StaffMember:
    row = _find(t, name)
    if row.role == "manager" and row.active and store_staff.count_active_managers(t.db.conn) == 1:
        raise Refused("This is the last active manager; add another manager first.", "last_manager")
    now = t.clock()
    with t.db.transaction() as conn:
        store_staff.set_active(conn, row.id, False, now)
        audit.append(conn, now=now, actor=actor, action="staff.disabled", subject=row.name)
    return StaffMember(row.name, row.role, False)


def reset_pin(t: Terminal, name: str, pin: str, *, actor: str) -> StaffMember:
    row = _find(t, name)
    digest = _pin_hash(pin)
    now = t.clock()
    with t.db.transaction() as conn:
        store_staff.set_pin(conn, row.id, digest, now)
        audit.append(conn, now=now, actor=actor, action="staff.pin_reset", subject=row.name)
    return _member(row)


def sign_in(t: Terminal, name: str, pin: str, *, purpose: str = "sign_in") -> StaffMember:
    """Check a PIN, with lock-out. Raises Refused with a message for the person."""
    row = _find(t, name)
    now = t.clock()
    if not row.active:
        raise Refused(f"{row.name}'s account is disabled; ask a manager.", "staff_disabled")
    if row.lock.locked(now):
        assert row.lock.locked_until is not None
        minutes = max(1, int((row.lock.locked_until - now).total_seconds() // 60) + 1)
        raise Refused(
            f"Too many wrong PINs: {row.name} is locked for about {minutes} more "
            "minutes. A manager can reset the PIN.",
            "staff_locked",
        )
    if pins.verify_pin(pin or "", row.pin_hash):
        with t.db.transaction() as conn:
            store_staff.set_lock(conn, row.id, LockState(0, None), now)
            if pins.needs_rehash(row.pin_hash):
                store_staff.set_pin(conn, row.id, _pin_hash(pin), now)
            audit.append(conn, now=now, actor=row.name, action=f"{purpose}.ok", subject=row.name)
        return _member(row)
    after = row.lock.after_failure(now)
    with t.db.transaction() as conn:
        store_staff.set_lock(conn, row.id, after, now)
        audit.append(
            conn,
            now=now,
            actor=row.name,
            action=f"{purpose}.failed",
            subject=row.name,
            details={"locked": after.locked(now)},
        )
    if after.locked(now):
        raise Refused(
            f"Wrong PIN. {row.name} is now locked for "
            f"{int(pins.LOCKOUT.total_seconds() // 60)} minutes.",
            "staff_locked",
        )
    left = pins.MAX_ATTEMPTS - after.failed_attempts
    raise Refused(
        f"Wrong PIN. {left} more tr{'y' if left == 1 else 'ies'} before the account locks.",
        "wrong_pin",
    )


def approve(
    t: Terminal, manager: str, pin: str, *, action: str, subject: str | None, reason: str
) -> Approval:
    """A manager's approval: their PIN, their role, and why. Audited with who, what, why."""
    why = (reason or "").strip()
    if not why:
        raise BadInput("A manager's approval needs a reason.")
    if len(why) > 500:
        raise BadInput("The reason is too long (500 characters at most).")
    member = sign_in(t, manager, pin, purpose="approval")
    if not member.is_manager:
        raise Refused(f"{member.name} is not a manager.", "not_a_manager")
    now = t.clock()
    with t.db.transaction() as conn:
        audit.append(
            conn,
            now=now,
            actor=member.name,
            action="approval.granted",
            subject=subject,
            details={"for": action, "reason": why},
        )
    return Approval(member.name, action, why)


def check_operator(t: Terminal, name: str | None) -> str:
    """The name operations are recorded under: `system` (scripts), or an active account."""
    if name is None or name.strip().casefold() == "system":
        return "system"
    row = store_staff.by_name(t.db.conn, name)
    if row is None:
        raise BadInput(
            f"--operator {name.strip()!r} is not a staff account here; see 'pos-app staff list'."
        )
    if not row.active:
        raise Refused(f"{row.name}'s account is disabled.", "staff_disabled")
    return row.name
