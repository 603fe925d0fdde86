"""Contract templates: versioned reference data, and the internal code a new clause gets."""

from __future__ import annotations

import pytest

from caseworker.services import Services
from caseworker.services.contracts import ClauseInput, DraftRequest, clause_code_for
from caseworker.services.errors import ValidationError
from tests.services.contract_builders import Supported


def test_templates_are_versioned_reference_data(services: Services, supported: Supported) -> None:
    old = services.contracts.draft(DraftRequest("engagement_minimal", supported.household_id))
    template = services.contract_templates.current_template("engagement_minimal")
    assert template.version == 2  # the seeded texts, reworded by migration 0007
    clauses = [ClauseInput(c.code, c.title, c.body, c.required) for c in template.clauses]
    clauses[0] = ClauseInput("objet", "Objet", "{menage} et {association} restent en lien, au rythme du ménage.", True)
    with pytest.raises(ValidationError) as unknown:
        services.contract_templates.save_template(
            "engagement_minimal", [*clauses, ClauseInput("x", "X", "{inconnu}")], note="Essai"
        )
    assert "{inconnu}" in unknown.value.errors["clauses"]
    with pytest.raises(ValidationError) as duplicate:
        services.contract_templates.save_template("engagement_minimal", [*clauses, clauses[0]], note="Essai")
    assert "deux fois" in duplicate.value.errors["clauses"]
    saved = services.contract_templates.save_template("engagement_minimal", clauses, note="Rythme du ménage")
    assert saved.version == 3
    assert [t.version for t in services.contract_templates.template_versions("engagement_minimal")] == [3, 2, 1]
    new = services.contracts.draft(DraftRequest("engagement_minimal", supported.household_id))
    assert "au rythme du ménage" in new.latest.clauses[0].body
    assert new.latest.template_version == 3
    kept = services.contracts.contract(old.id).latest
    assert (kept.template_version, "au rythme du ménage" in kept.clauses[0].body) == (2, False)


def test_clause_codes_are_lowercase_ascii_and_unique():
    assert clause_code_for("Animaux de compagnie", {"objet"}) == "animaux_de_compagnie"
    assert clause_code_for("Animaux de compagnie", {"animaux_de_compagnie"}) == "animaux_de_compagnie_2"
    assert (
        clause_code_for("Animaux de compagnie", {"animaux_de_compagnie", "animaux_de_compagnie_2"})
        == "animaux_de_compagnie_3"
    )
    assert clause_code_for("Sœur, Été & Œuvre — Durée", set()) == "soeur_ete_oeuvre_duree"
    assert clause_code_for("2e étape", set()) == "clause_2e_etape"
    assert clause_code_for("« ! »", set()) == "clause"
    long = clause_code_for("très " * 40, set())
    assert len(long) <= 64 and long.startswith("tres_tres")
    assert len(clause_code_for("très " * 40, {long})) <= 64
