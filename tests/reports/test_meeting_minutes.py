"""The French of the minutes' two PDFs, built straight from their facts: agreement, yes/no, no slip."""

from __future__ import annotations

from datetime import date

import pytest

from caseworker.reports.document_model import Letterhead
from caseworker.reports.meeting_minutes import (
    AttendeeFacts,
    DecisionFacts,
    ItemFacts,
    MinutesFacts,
    PartnerCopyFacts,
    PartnerItemFacts,
    build_internal_minutes,
    build_partner_copy,
)
from caseworker.reports.pdf import render_pdf
from tests.reports.test_french_documents import slips
from tests.support import pdf_text

LETTERHEAD = Letterhead("Association Le Toit", ("12 rue de Paris, 35000 Rennes",))
ATTENDEES = (AttendeeFacts("Claire MARTIN", "Référente", True), AttendeeFacts("Nadia GARNIER", "DDETS", False))
DECISIONS = (DecisionFacts("Prolongation", "Prolongation de 6 mois : fin prévue le 30/06/2027"),)


def partner(not_detailed: int) -> PartnerCopyFacts:
    return PartnerCopyFacts(
        meeting_label="COSI (comité de suivi)",
        held_on=date(2026, 6, 15),
        place="Rennes",
        recipient_name="Habitat 35",
        reference="CR-000001-20260615",
        issued_on=date(2026, 6, 15),
        letterhead=LETTERHEAD,
        attendees=ATTENDEES,
        items=(PartnerItemFacts("Hélène ÇELIK", True, DECISIONS), PartnerItemFacts("Karim BENALI", None, ())),
        not_detailed=not_detailed,
    )


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (
            1,
            "1 situation de ménage a également été examinée ; faute d'accord écrit de chaque adulte pour ce "
            "partenaire, elle n'est pas détaillée ici.",
        ),
        (
            3,
            "3 situations de ménages ont également été examinées ; faute d'accord écrit de chaque adulte pour ce "
            "partenaire, elles ne sont pas détaillées ici.",
        ),
    ],
)
def test_the_partner_copy_agrees_in_number(count: int, expected: str) -> None:
    document = build_partner_copy(partner(count))
    paragraph = next(section for section in document.sections if section.title == "Autres situations").paragraphs[0]
    assert paragraph == expected
    assert not any(section.title == "Autres situations" for section in build_partner_copy(partner(0)).sections)


def test_both_documents_read_right() -> None:
    internal = MinutesFacts(
        meeting_label="COSI (comité de suivi)",
        held_on=date(2026, 6, 15),
        place="Salle du conseil",
        urgent=True,
        reference="CR-000001-20260615",
        issued_on=date(2026, 6, 15),
        letterhead=LETTERHEAD,
        attendees=ATTENDEES,
        items=(
            ItemFacts(
                "ÇELIK Hélène",
                True,
                "Fin prévue",
                "Fin prévue le 30/06/2026",
                True,
                "Rester ici",
                "Stable",
                "référents",
                False,
                DECISIONS,
            ),
            ItemFacts("Astreintes", False, "Situation", "Astreintes", None, "", "", "équipe", False, ()),
            ItemFacts("BENALI Karim", True, "Bilan", "Bilan de fin", False, "", "", "santé", True, ()),
        ),
        general_note="Prochaine séance en septembre.",
    )
    texts = {
        "internal": pdf_text(render_pdf(build_internal_minutes(internal))),
        "partner": pdf_text(render_pdf(build_partner_copy(partner(2)))),
    }
    assert {name: slips(text) for name, text in texts.items() if slips(text)} == {}
    internal_text = " ".join(texts["internal"].split())
    for expected in (
        "COSI (comité de suivi) (séance urgente) du 15/06/2026, Salle du conseil",
        "Ménage présent : oui.",
        "Ménage présent : non.",
        "Note (santé) : masquée",
        "Aucune décision.",
        "Nadia GARNIER DDETS excusé",
    ):
        assert expected in internal_text, expected
    assert "Ménage présent" not in internal_text.split("Astreintes")[2].split("BENALI")[0]  # no household's item
    assert "Ménage présent : non renseigné." in " ".join(texts["partner"].split())
