"""The `--sandbox` demo's accounts on a new terminal, from PIN hashes made once.

Hashing a PIN is slow on purpose (scrypt, 128 MiB, about 0.4 s), and the demo's two
accounts cost three of them at every start (two hashes and the manager's approval of the
second account), in the queue that fills the sign-in screen. bootstrap.add_demo_staff
hashes the demo's PINs once, keeps the hashes (never the PINs) in the demo's cache, and
writes the accounts here: the same rows and audit entries as `staff.add_staff`, without a
PIN. Only an empty terminal takes them, as only an empty terminal takes a first account
without a manager's approval; a hash weaker than the terminal's cost is refused."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain import pins
from ..store import audit
from ..store import staff as store_staff
from .terminal import Terminal


def add_hashed_first_accounts(
    t: Terminal, accounts: Sequence[tuple[str, str, str]], *, actor: str
) -> bool:
    """`accounts` (name, role, PIN hash; a manager's first) in one transaction, each
    audited as added by `actor`. False, and nothing written, if the terminal has staff."""
    if not accounts or accounts[0][1] != "manager":
        raise ValueError("the first account of a terminal is a manager's")
    for name, role, digest in accounts:
        if role not in ("cashier", "manager") or pins.needs_rehash(digest, t.pin_cost):
            raise ValueError(f"not an account to add as it is: {name} ({role})")
    with t.db.transaction() as conn:
        if store_staff.all_staff(conn):
            return False
        now = t.clock()
        for name, role, digest in accounts:
            store_staff.add(conn, name, role, digest, now)
            audit.append(
                conn,
                now=now,
                actor=actor,
                action="staff.added",
                subject=name,
                details={"role": role, "operator": actor},
            )
    return True
