"""Enrolling customers: the form's details checked field by field, then the customer
created on the backend (only it issues the id) and cached here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from ..api import ApiError, CustomerExists, InvalidRequest
from ..domain import phones
from ..domain.models import CustomerInfo
from ..i18n import N_, _
from ..store import DiskFull, audit, cache, outbox
from ..sync import mapping
from . import backend, validate
from .errors import BadInput, Refused
from .terminal import Terminal

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EnrolDetails:
    name: str
    email: str | None
    phone: str | None  # E.164
    card_number: str | None


_ENROL_FIELDS = {f: f for f in ("name", "email", "phone", "card_number")}
_TAKEN = {
    "email": N_("Another customer already has this email address."),
    "phone": N_("Another customer already has this phone number."),
    "card_number": N_("This card already belongs to another customer."),
}
_NOT_ACCEPTED = {
    "": N_("The loyalty service did not accept these details; check each of them."),
    "name": N_("The loyalty service did not accept this name."),
    "email": N_("The loyalty service did not accept this email address; check it."),
    "phone": N_("The loyalty service did not accept this phone number; check it."),
    "card_number": N_("The loyalty service did not accept this card number; scan the card again."),
}


def enrol_details(
    name: str | None,
    *,
    email: str | None = None,
    phone: str | None = None,
    card_number: str | None = None,
    region: str = phones.DEFAULT_REGION,
) -> EnrolDetails:
    """What an enrolment form holds, checked and in stored form; raises BadInput (with its
    `field`) for the first problem. `enrol_problems` gives them all."""
    problems = enrol_problems(
        name, email=email, phone=phone, card_number=card_number, region=region
    )
    if problems:
        field, message = next(iter(problems.items()))
        raise BadInput(message, field=field)
    return EnrolDetails(
        validate.person_name(name),
        validate.email(email),
        validate.phone(phone, region),
        validate.card_number(card_number),
    )


def enrol_problems(
    name: str | None,
    *,
    email: str | None = None,
    phone: str | None = None,
    card_number: str | None = None,
    region: str = phones.DEFAULT_REGION,
) -> dict[str, str]:
    """Every field's problem, in the form's order: {"phone": "This phone number has too
    few digits. ..."}; empty when the details can be sent."""
    checks: list[tuple[str, Callable[[], object]]] = [
        ("name", lambda: validate.person_name(name)),
        ("phone", lambda: validate.phone(phone, region)),
        ("email", lambda: validate.email(email)),
        ("card_number", lambda: validate.card_number(card_number)),
    ]
    problems: dict[str, str] = {}
    for field, check in checks:
        try:
            check()
        except BadInput as error:
            problems[field] = error.message
    return problems


@dataclass(frozen=True, slots=True)
class Enrolment:
    customer: CustomerInfo
    recorded: bool  # False: a full disk kept the customer from this terminal's cache


def enrol(
    t: Terminal,
    name: str,
    *,
    email: str | None = None,
    phone: str | None = None,
    card_number: str | None = None,
    operator: str = "system",
) -> CustomerInfo:
    """Check the details (`enrol_details`), then enrol the customer (`enrolment`, which
    also says whether this terminal recorded them)."""
    details = enrol_details(
        name, email=email, phone=phone, card_number=card_number, region=t.config.phone_region
    )
    return enrolment(t, details, operator=operator).customer


def enrolment(t: Terminal, details: EnrolDetails, *, operator: str = "system") -> Enrolment:
    """Enrolment needs the backend: only it can issue the customer's id. The phone number
    is stored in E.164 ("+2348031234567") whichever way it was typed. A problem with one
    field says which (`field` of the error), in words for the person who typed it."""
    clean = details.name
    key = outbox.new_key()  # a random UUID, as every idempotency key
    try:
        created = t.counter_client.create_customer(
            name=clean,
            email=details.email,
            phone=details.phone,
            card_number=details.card_number,
            idempotency_key=key,
        )
    except CustomerExists as error:
        field = _ENROL_FIELDS.get(error.param or "", "")
        taken = _(_TAKEN.get(field, N_("Another customer already has these details.")))
        raise Refused(
            _("{taken} Look the customer up instead.").format(taken=taken), error.code, field=field
        ) from None
    except InvalidRequest as error:
        # The backend's own wording can be a pattern ("String should match pattern ..."):
        # never shown; the field it names is, in plain words.
        field = _ENROL_FIELDS.get(error.param or "", "")
        raise BadInput(_(_NOT_ACCEPTED.get(field, _NOT_ACCEPTED[""])), field=field) from None
    except ApiError as error:
        # Only the backend issues customer ids: enrolment needs it.
        raise backend.translate(error, what="Enrolling") from None
    now = t.clock()
    info = mapping.customer(created, now)
    try:
        with t.db.transaction() as conn:
            cache.upsert_customer(conn, info)
            audit.append(
                conn,
                now=now,
                actor=operator,
                action="customer.enrolled",
                subject=created.id,
                details={"name": clean},
            )
    except DiskFull:
        # The backend has the customer: report it (enrolling again would make a second
        # one). The next sync pulls them into the cache once there is space.
        log.warning("customer %s enrolled; the disk is full: not cached here yet", created.id)
        return Enrolment(info, recorded=False)
    return Enrolment(info, recorded=True)
