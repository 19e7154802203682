"""The audit's sentences and the analytics' notes are made where they are shown: French on
a French terminal, each a whole sentence in French order, while what is stored (the audit
details, the report's --json) stays English."""

from __future__ import annotations

from pos_app.domain.liability import AT_RATE, NO_RATE, UNREAD, value_note
from pos_app.services import describe, words
from pos_app.services.sales import SalePreview

NAMES = describe.Names(
    customers={"cus_ada": "Ada Obi"},
    codes={"REDEEM-AAAA1111": ("Ada Obi", "Free soft drink", 500, "NGN")},
    operations={8: ("award", "cus_ada", "Chidi", 1500)},
    staff=frozenset({"maryam", "chidi"}),
)
NBSP = "\u00a0"
SEP = "\u202f"  # how fr_CI groups digits


def test_an_award_is_one_french_sentence(french: None) -> None:
    said = describe.audit_sentence(
        "Chidi", "award.created", "cus_ada", {"points": 1500, "approved_by": "Maryam"}, NAMES
    )
    assert said == f"Chidi a attribué 1{SEP}500 points à Ada Obi, autorisé par Maryam"


def test_an_adjustment_puts_the_words_in_french_order(french: None) -> None:
    details = {"points": -50, "reason": "returned item", "approved_by": "Maryam"}
    said = describe.audit_sentence("Chidi", "adjust.created", "cus_ada", details, NAMES)
    assert said == (
        "Maryam a autorisé l'ajustement de \N{MINUS SIGN}50 points fait par Chidi pour Ada Obi"
        f"{NBSP}: returned item"  # the person's own words stay as typed
    )


def test_a_sync_refusal_names_the_operation_in_french(french: None) -> None:
    details = {"outbox_id": 8, "message": "The customer is inactive."}
    said = describe.audit_sentence("system", "sync.award.refused", "cus_ada", details, NAMES)
    assert said.startswith(
        f"Le serveur de fidélité a refusé l'attribution de +1{SEP}500 points de Chidi"
    )


def test_a_reason_the_terminal_stored_in_english_is_shown_in_french(french: None) -> None:
    stored = words.NEW_PIN.format(name="Chidi")
    assert stored == "new PIN for Chidi"  # the audit keeps the English
    details = {"for": "staff.reset_pin", "reason": stored}
    said = describe.audit_sentence("Maryam", "approval.granted", "Chidi", details, NAMES)
    assert (
        said
        == f"Maryam a autorisé un nouveau code PIN pour Chidi{NBSP}: nouveau code PIN pour Chidi"
    )


def test_the_analytics_note_is_french_where_shown_and_english_stored(french: None) -> None:
    assert value_note(NO_RATE).startswith(f"valeur inconnue{NBSP}: aucune récompense")
    unread = UNREAD.format(error="timeout")
    assert value_note(unread) == f"valeur inconnue{NBSP}: le catalogue n'a pas pu être lu (timeout)"
    rate = AT_RATE.format(reward="Pay with points", rate=5)
    assert value_note(rate) == "au taux de Pay with points, 5 par point"
    assert value_note("something the backend said") == "something the backend said"


def test_english_sentences_are_unchanged() -> None:
    assert (
        describe.audit_sentence(
            "Chidi", "award.created", "cus_ada", {"points": 1500, "bonus": True}, NAMES
        )
        == "Chidi awarded 1,500 bonus points to Ada Obi"
    )
    assert value_note(NO_RATE) == NO_RATE
    assert describe.signed_points(-1) == "\N{MINUS SIGN}1 point"
    assert describe.points_text(0) == "0 points"


def test_a_sale_preview_writes_the_amount_as_money(french: None) -> None:
    from pos_app.domain.earning import Sale

    class Check:
        summary = "ok"

    preview = SalePreview(Sale("ORD-1", 12500, "XOF"), 125, "1 point", Check())  # type: ignore[arg-type]
    assert f"12{NBSP}500" in preview.summary or "12\u202f500" in preview.summary
    assert "F\u202fCFA" in preview.summary or "F CFA" in preview.summary
    assert preview.summary.startswith("Commande ORD-1, ")
