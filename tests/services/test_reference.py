"""Tests of caseworker/services/reference.py: picklists seeded from docs/domain.md §10, read as plain choices."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from caseworker.services import Services
from caseworker.services.errors import ValidationError
from caseworker.services.reference import Choice, Picklist, lookup, optional_lookup


def _labels(services: Services, picklist: Picklist) -> list[str]:
    return [choice.label for choice in services.reference.choices(picklist)]


def test_composition_labels_follow_the_domain(bare_services: Services) -> None:
    assert _labels(bare_services, Picklist.COMPOSITION) == [
        "Personne seule",
        "Couple sans enfant",
        "Couple avec enfant(s)",
        "Famille monoparentale",
        "Colocation / groupe",
    ]


def test_referral_sources_include_the_f05_list(bare_services: Services) -> None:
    codes = {choice.code for choice in bare_services.reference.choices(Picklist.REFERRAL_SOURCE)}
    assert {
        "bailleur",
        "siao",
        "ccas",
        "conseil_departemental",
        "ccapex",
        "spip",
        "hopital",
        "csapa",
        "spontane",
    } <= codes


def test_consent_categories_never_include_health(bare_services: Services) -> None:
    choices = bare_services.reference.choices(Picklist.CONSENT_CATEGORY)
    assert [choice.code for choice in choices] == [
        "identite",
        "situation_logement",
        "loyer_dette",
        "objectifs_logement",
        "alertes",
    ]
    assert not any("sant" in choice.code or "Santé" in choice.label for choice in choices)


def test_flags(bare_services: Services) -> None:
    statuses = {choice.code: choice.flag for choice in bare_services.reference.choices(Picklist.OCCUPANCY_STATUS)}
    assert len(statuses) == 17
    assert [code for code, housed in statuses.items() if housed] == [
        "logement_temporaire",
        "intermediaire",
        "sous_locataire",
        "locataire_titre",
        "locataire_mandat",
        "colocation",
        "logement_accompagne",
        "logement_adapte",
        "occupant_sans_titre",
    ]
    roles = {choice.code: choice.flag for choice in bare_services.reference.choices(Picklist.STAFF_ROLE)}
    assert [code for code, may_coordinate in roles.items() if may_coordinate] == ["travailleur_social"]
    members = {choice.code: choice.flag for choice in bare_services.reference.choices(Picklist.MEMBER_ROLE)}
    assert {code for code, child in members.items() if child} == {"enfant", "autre_mineur"}
    kinds = bare_services.reference.choices(Picklist.ORGANISATION_KIND)
    assert {choice.code for choice in kinds if choice.flag} == {"bailleur_social", "bailleur_prive", "ais"}
    # A picklist without a flag column gives False everywhere.
    assert not any(choice.flag for choice in bare_services.reference.choices(Picklist.DWELLING_TYPOLOGY))


@pytest.mark.parametrize("picklist", list(Picklist))
def test_every_picklist_is_seeded_with_unique_codes(bare_services: Services, picklist: Picklist) -> None:
    choices = bare_services.reference.choices(picklist)
    assert choices
    assert len({choice.code for choice in choices}) == len(choices)
    assert all(choice.label.strip() for choice in choices)


def test_inactive_entries_are_hidden_and_refused(bare_services: Services) -> None:
    with bare_services.context.engine.begin() as connection:
        connection.execute(text("UPDATE composition_type SET active = false WHERE code = 'colocation'"))
        connection.execute(
            text("UPDATE composition_type SET label = 'Parent seul' WHERE code = 'famille_monoparentale'")
        )
    assert "Colocation / groupe" not in _labels(bare_services, Picklist.COMPOSITION)
    assert "Parent seul" in _labels(bare_services, Picklist.COMPOSITION)
    everything = bare_services.reference.choices(Picklist.COMPOSITION, include_inactive=True)
    assert Choice("colocation", "Colocation / groupe") in everything
    with bare_services.context.read() as session, pytest.raises(ValidationError) as caught:
        lookup(session, Picklist.COMPOSITION, "colocation", field="composition_code", label="Composition")
    assert caught.value.errors == {"composition_code": "Composition : choisissez une valeur dans la liste."}


def test_lookup(bare_services: Services) -> None:
    with bare_services.context.read() as session:
        assert lookup(session, Picklist.MEMBER_ROLE, "enfant", field="role", label="Rôle").code == "enfant"
        assert optional_lookup(session, Picklist.MEMBER_ROLE, "", field="role", label="Rôle") is None
        assert optional_lookup(session, Picklist.MEMBER_ROLE, None, field="role", label="Rôle") is None
        for code in ("", None, "inconnu"):
            with pytest.raises(ValidationError) as caught:
                lookup(session, Picklist.MEMBER_ROLE, code, field="role", label="Rôle")
            assert caught.value.errors == {"role": "Rôle : choisissez une valeur dans la liste."}
        with pytest.raises(ValidationError):
            optional_lookup(session, Picklist.MEMBER_ROLE, "inconnu", field="role", label="Rôle")
