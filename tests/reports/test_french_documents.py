"""The French of every generated document: a guard against the slips that templates and joined strings make.

Each document (the contracts of every kind, drafted, signed and amended; the fiche navette; the household's
summary; the alert letter and e-mails; the recovery-key sheet) is built through the services and read back:
no contraction left undone ("de le"), no doubled space, no placeholder left unfilled, a space before the
two-part punctuation marks, and organisation names only where any name reads right.
"""

from __future__ import annotations

import re

import pytest

from caseworker.services import Services
from caseworker.services.directory import OrganisationInput, OrganisationView
from tests.support.documents import Documents, every_document

# Each pattern with what a reader would see wrong.
SLIPS = {
    r"\b[Dd]e (le|les)\b": "« de le » / « de les » au lieu de « du » / « des »",
    r"\b[Àà] (le|les)\b": "« à le » / « à les » au lieu de « au » / « aux »",
    r"\b[Qq]ue (il|ils|elle|elles|on)\b": "« que il » au lieu de « qu'il »",
    r"\b[Dd]e [AEIOUÉÈHaeiouéè]\w*": "« de » non élidé devant une voyelle",
    r"\S  +\S": "deux espaces de suite",
    r"\{[^{}]*\}": "un champ laissé entre accolades",
    r"[^\s\d][;:!?](?=\s|$)": "pas d'espace avant « ; : ! ? »",
    r"«\S|\S»": "pas d'espace à l'intérieur des guillemets",
    r"\s[,.)]": "une espace avant une virgule, un point ou une parenthèse fermante",
}
# Legitimate exceptions to the elision rule: words where French keeps "de".
_NO_ELISION = ("de huit", "de onze", "de un à", "de Ouest")
# Organisation names that need an article, start with one, have none, or start with a vowel.
ORGANISATION_NAMES = ("Association Le Toit", "Habitat et Humanisme", "Le Relais", "Emmaüs")


@pytest.fixture
def documents(services: Services, landlord: OrganisationView) -> Documents:
    return every_document(services, landlord)


def slips(text: str) -> list[str]:
    """Return what reads wrong in a text, with the words around it."""
    found = []
    for pattern, what in SLIPS.items():
        for match in re.finditer(pattern, text):
            context = text[max(match.start() - 30, 0) : match.end() + 30].replace("\n", "⏎")
            if not any(allowed in context for allowed in _NO_ELISION):
                found.append(f"{what} : …{context}…")
    return found


def test_every_generated_document_reads_right(documents: Documents) -> None:
    assert len(documents.texts) >= 15
    problems = {name: slips(text) for name, text in documents.texts.items()}
    assert {name: found for name, found in problems.items() if found} == {}
    for name, text in documents.texts.items():
        if "brouillon" not in name:
            assert "[à compléter" not in text, name


def test_the_guard_sees_each_slip() -> None:
    assert slips("Le ménage de le logement, à les voisins ; que il  parte {bailleur} par Association")
    for wrong in ("de le bail", "à le bailleur", "que il", "a  b", "{menage}", "Nom: x", "«Alertes»", "oui ,"):
        assert slips(wrong), wrong
    assert not slips("Au 15 juin 2026 : « Alertes » ; du bailleur, au ménage, qu'il (oui).")


@pytest.mark.parametrize("name", ORGANISATION_NAMES)
def test_an_organisation_name_only_appears_where_any_name_reads_right(
    services: Services, landlord: OrganisationView, name: str
) -> None:
    """No "par Association Le Toit", "de Le Relais": a name stands after a label, a dash, or on its own line."""
    own = services.setup.own_organisation_id()
    assert own is not None
    services.directory.update_organisation(
        own, OrganisationInput(name=name, kind_code="association", territory="Rennes")
    )
    services.directory.update_organisation(
        landlord.id, OrganisationInput(name=f"{name} Logement", kind_code=landlord.kind_code)
    )
    documents = every_document(services, services.directory.get_organisation(landlord.id))
    for document, text in documents.texts.items():
        for match in re.finditer(re.escape(name), text):
            before = text[max(match.start() - 25, 0) : match.start()]
            assert before == "" or before.endswith(("\n", "• ", ": ", "— ", "(", ", ")), (
                f"{document} : …{before}{name}…"
            )
