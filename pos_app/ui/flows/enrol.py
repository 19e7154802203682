"""Enrol a customer: the form (again as typed, with the problem next to its field, when
one field is refused), then their screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...domain.models import CustomerInfo
from ...services import ServiceError, points
from ..i18n import tr
from ..screens import showing
from .base import Flow

if TYPE_CHECKING:
    from ..answers import EnrolQuestion


class EnrolFlow(Flow):
    def enrol(self) -> None:
        from ..answers import EnrolQuestion

        self._ask(EnrolQuestion(self.window.phone_region))

    def _ask(self, question: EnrolQuestion) -> None:
        w = self.window
        if w.locked or showing(w, "code"):
            return
        session = w.session.number
        answer = w.prompts.enrol(w, question)
        if answer is None or not w.still(session):
            return
        operator = w.operator

        def failed(error: BaseException) -> None:
            # A problem with one field (a phone number another customer has): the form
            # again, as it was typed, with the problem next to that field.
            if isinstance(error, ServiceError) and error.field and w.still(session):
                again = {error.field: error.message}
                from ..answers import EnrolQuestion

                self._ask(EnrolQuestion(question.phone_region, answer, again))
            else:
                w.show_error(tr("The customer was not enrolled"), error)

        w.runner.submit(
            lambda t: points.enrol(
                t,
                answer.name,
                email=answer.email,
                phone=answer.phone,
                card_number=answer.card_number,
                operator=operator,
            ),
            self._enrolled,
            failed,
        )

    def _enrolled(self, created: CustomerInfo) -> None:
        w = self.window
        w.open_customer(created.id)
        w.tell(tr("Customer enrolled"), tr("{name} is a member now.").format(name=created.name))
