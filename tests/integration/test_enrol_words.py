"""A backend's refusal of an enrolment reaches the person in plain words, next to the
field it is about, never as a validation pattern (ISSUE9 #4: "email: String should match
pattern '^[^@\\s]+@[^@\\s]+$'"). A real HTTP server on loopback plays a backend whose
rules are stricter than the terminal's own checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.raw_server import MisbehavingServer, response
from support.terminal_helpers import open_terminal

from pos_app.sandbox import SandboxServer
from pos_app.services import BadInput, Refused, points
from pos_app.services.errors import ServiceError

RAW = "String should match pattern '^[^@\\s]+@[^@\\s]+$'"


def _refusal(status: int, code: str, message: str, param: str) -> bytes:
    return response(
        status,
        {"error": {"type": "request_error", "code": code, "message": message, "param": param}},
        reason="Refused",
    )


@pytest.mark.parametrize(
    ("status", "code", "message", "param", "kind", "words"),
    [
        (400, "invalid_request", f"email: {RAW}", "email", BadInput, "did not accept this email"),
        (400, "invalid_request", "phone: String should match", "phone", BadInput, "phone"),
        (400, "invalid_request", "Value error", "card_number", BadInput, "scan the card"),
        (409, "customer_exists", "Duplicate key customers_phone", "phone", Refused, "phone"),
        (409, "customer_exists", "dup", "card_number", Refused, "card already belongs"),
    ],
)
def test_a_backend_refusal_is_said_in_plain_words_for_its_field(
    sandbox: SandboxServer,
    server: MisbehavingServer,
    tmp_path: Path,
    status: int,
    code: str,
    message: str,
    param: str,
    kind: type[ServiceError],
    words: str,
) -> None:
    server.answer(_refusal(status, code, message, param))
    with (
        open_terminal(tmp_path / "t", sandbox, backend_url=server.url) as t,
        pytest.raises(kind) as caught,
    ):
        points.enrol(
            t,
            "Funke Ade",
            email="funke@example.com",
            phone="0803 555 0101",
            card_number="LP55501010",
            operator="Chidi",
        )
    assert "pattern" not in caught.value.message and "^" not in caught.value.message
    assert message not in caught.value.message
    assert words in caught.value.message, caught.value.message
    assert caught.value.field == param
    [sent] = server.requests
    assert b'"phone": "+2348035550101"' in sent.body or b'"phone":"+2348035550101"' in sent.body
