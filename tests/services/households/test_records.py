"""Tests of caseworker/services/households/records.py: households, persons, composition history, search, the file."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from caseworker.domain import AuditAction
from caseworker.services import Services
from caseworker.services.directory import OrganisationView, StaffInput
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.households import HouseholdInput, HouseholdSummary, PersonInput
from caseworker.services.search_text import tokens
from caseworker.services.sharing import ConsentInput
from caseworker.services.support import TeamMemberInput
from tests.services.builders import TODAY, initial_situation, new_household, raw_rows, row_count
from tests.services.conftest import ActAs
from tests.support.row_versions import current_version, person_household

WRITE_TABLES = ("household", "person", "household_membership", "audit_event")


def _counts(services: Services) -> dict[str, int]:
    return {table: row_count(services, table) for table in WRITE_TABLES}


# ------------------------------------------------------------------------------------------------ creation


def test_create_household_with_first_member(services: Services) -> None:
    created = services.households.create_household(
        HouseholdInput(
            composition_code="personne_seule", situation_before_entry_code="rue", referral_source_code="siao"
        ),
        PersonInput(first_name="Hélène", last_name="Çelik", birth_year=1985, phone="06 12 34 56 78"),
        start_date=date(2026, 3, 1),
    )

    assert created.reference == f"M-{created.id:06d}"
    assert created.display_name == "ÇELIK Hélène"
    assert created.member_count == 1
    assert created.composition_label == "Personne seule"
    assert created.housing_label == ""
    file = services.households.open_file(created.id)
    assert file.situation_before_entry_label == "Rue"
    assert file.referral_source_label == "SIAO"
    [member] = file.members
    assert (member.first_name, member.last_name, member.birth_year) == ("Hélène", "Çelik", 1985)
    assert member.role_code == "reference"
    assert member.role_label == "Personne de référence"
    assert member.start_date == date(2026, 3, 1)
    assert member.phone == "06 12 34 56 78"
    assert member.is_adult(TODAY)


def test_start_date_defaults_to_today(services: Services) -> None:
    created = new_household(services)
    [member] = services.households.open_file(created.id).members
    assert member.start_date == TODAY


def test_names_are_cleaned_before_storing(services: Services) -> None:
    created = new_household(services, first_name="  Jean   Pierre ", last_name="\tDupont  ")
    [member] = services.households.open_file(created.id).members
    assert (member.first_name, member.last_name) == ("Jean Pierre", "Dupont")


def test_pseudonym_alone_is_enough(services: Services) -> None:
    created = services.households.create_household(HouseholdInput(), PersonInput(pseudonym="Le Grand"))
    assert created.display_name == "« Le Grand »"
    [member] = services.households.open_file(created.id).members
    assert (member.first_name, member.last_name, member.birth_year) == ("", "", None)


def test_neither_name_nor_pseudonym_is_refused_and_nothing_written(services: Services) -> None:
    before = _counts(services)
    with pytest.raises(ValidationError) as caught:
        services.households.create_household(HouseholdInput(), PersonInput(first_name="   ", birth_year=1980))
    assert caught.value.errors == {"last_name": "Indiquez un nom ou un prénom, ou à défaut un pseudonyme."}
    assert "pseudonyme" in caught.value.user_message
    assert _counts(services) == before


@pytest.mark.parametrize("year", [1905, TODAY.year + 1, 0, -5, 3000])
def test_implausible_birth_year_is_refused(services: Services, year: int) -> None:
    before = _counts(services)
    with pytest.raises(ValidationError) as caught:
        new_household(services, birth_year=year)
    # DateKind.BIRTH: no one was born more than 120 years ago.
    assert caught.value.errors == {"birth_year": "L'année de naissance doit être comprise entre 1906 et 2026."}
    assert _counts(services) == before


@pytest.mark.parametrize("year", [1906, TODAY.year])
def test_birth_year_bounds_are_accepted(services: Services, year: int) -> None:
    created = new_household(services, birth_year=year)
    assert services.households.open_file(created.id).members[0].birth_year == year


@pytest.mark.parametrize(
    ("person", "field", "message"),
    [
        (PersonInput(first_name="A" * 10_000, last_name="Martin"), "first_name", "Prénom : 10\u202f000 caractères"),
        (PersonInput(last_name="B" * 101), "last_name", "(100 au maximum)"),
        (PersonInput(pseudonym="C" * 10_000), "pseudonym", "Pseudonyme : 10\u202f000 caractères, c'est trop long"),
        (PersonInput(first_name="Ali\x00ce", last_name="Martin"), "first_name", "caractères de contrôle"),
        (PersonInput(first_name="Alice", last_name="Mar\x1btin"), "last_name", "Nom : le texte contient"),
        (PersonInput(first_name="Alice", last_name="Mar\u0007tin"), "last_name", "caractères de contrôle"),
        (PersonInput(first_name="Al\ud800ice", last_name="Martin"), "first_name", "caractères invalides"),
        (
            PersonInput(first_name="Alice", pseudonym="\udfff"),
            "pseudonym",
            "Pseudonyme : le texte contient des",
        ),
        (PersonInput(first_name="Alice", phone="06 12 34 56 7x"), "phone", "seuls les chiffres"),
        (PersonInput(first_name="Alice", phone="0" * 41), "phone", "Téléphone : 41 caractères"),
    ],
)
def test_huge_or_odd_person_text_is_refused_on_its_field(
    services: Services, person: PersonInput, field: str, message: str
) -> None:
    before = _counts(services)
    with pytest.raises(ValidationError) as caught:
        services.households.create_household(HouseholdInput(), person)
    assert field in caught.value.errors, caught.value.errors
    assert message in caught.value.errors[field]
    assert _counts(services) == before


@pytest.mark.parametrize(
    ("details", "field", "message"),
    [
        (HouseholdInput(pets_note="x" * 10_000), "pets_note", "Animaux : 10\u202f000 caractères"),
        (HouseholdInput(siao_reference="SIAO\x00-1"), "siao_reference", "caractères de contrôle"),
        (HouseholdInput(siao_reference="\ud800"), "siao_reference", "caractères invalides"),
        (HouseholdInput(pet_count=-1), "pet_count", "Nombre d'animaux : entre 0 et 20."),
        (HouseholdInput(pet_count=21), "pet_count", "entre 0 et 20"),
        (HouseholdInput(composition_code="tribu"), "composition_code", "Composition : choisissez une valeur"),
        (HouseholdInput(referral_source_code="pigeon"), "referral_source_code", "Prescripteur : choisissez"),
        (
            HouseholdInput(situation_before_entry_code="lune"),
            "situation_before_entry_code",
            "Situation avant l'entrée : choisissez une valeur dans la liste.",
        ),
    ],
)
def test_bad_household_details_are_refused_and_nothing_written(
    services: Services, details: HouseholdInput, field: str, message: str
) -> None:
    before = _counts(services)
    with pytest.raises(ValidationError) as caught:
        services.households.create_household(details, PersonInput(first_name="Alice"))
    assert message in caught.value.errors[field]
    assert _counts(services) == before


def test_household_and_person_problems_are_reported_together(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.households.create_household(
            HouseholdInput(pet_count=99), PersonInput(birth_year=1700), start_date=TODAY + timedelta(days=1)
        )
    assert set(caught.value.errors) == {"pet_count", "last_name", "birth_year", "start_date"}


def test_future_start_date_is_refused(services: Services) -> None:
    before = _counts(services)
    with pytest.raises(ValidationError) as caught:
        new_household(services, start_date=TODAY + timedelta(days=1))
    assert caught.value.errors == {
        "start_date": "Date d'arrivée : la date ne peut pas être dans le futur (16/06/2026)."
    }
    assert _counts(services) == before


def test_an_arrival_more_than_a_century_ago_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        new_household(services, start_date=date(1926, 6, 14))
    assert caught.value.errors["start_date"] == (
        "Date d'arrivée : la date 14/06/1926 n'est pas vraisemblable (au plus tôt le 15/06/1926)."
    )
    assert new_household(services, start_date=date(1926, 6, 15))


def test_unknown_member_role_writes_nothing(services: Services) -> None:
    before = _counts(services)
    with pytest.raises(ValidationError) as caught:
        services.households.create_household(HouseholdInput(), PersonInput(first_name="Alice"), role_code="roi")
    assert caught.value.errors == {"role_code": "Rôle dans le ménage : choisissez une valeur dans la liste."}
    assert _counts(services) == before


def test_deadline_needs_an_administrative_status(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.households.create_household(
            HouseholdInput(), PersonInput(first_name="Alice", administrative_status_deadline=date(2027, 1, 1))
        )
    assert "statut administratif" in caught.value.errors["administrative_status_code"]


def test_administrative_status_with_deadline_is_stored(services: Services) -> None:
    created = services.households.create_household(
        HouseholdInput(),
        PersonInput(
            first_name="Amina",
            administrative_status_code="titre_sejour",
            administrative_status_deadline=date(2027, 1, 31),
        ),
    )
    [member] = services.households.open_file(created.id).members
    assert member.administrative_status_code == "titre_sejour"
    assert member.administrative_status_label == "Titre de séjour"
    assert member.administrative_status_deadline == date(2027, 1, 31)
    assert member.as_input().administrative_status_deadline == date(2027, 1, 31)


def test_implausible_deadline_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.households.create_household(
            HouseholdInput(),
            PersonInput(
                first_name="Amina",
                administrative_status_code="titre_sejour",
                administrative_status_deadline=date(2202, 1, 1),
            ),
        )
    assert caught.value.errors == {
        "administrative_status_deadline": "Échéance du titre : la date 01/01/2202 n'est pas vraisemblable "
        "(au plus tard le 15/06/2046)."
    }


# ---------------------------------------------------------------------------------------------- F01


def test_f01_single_parent_two_children_and_a_dog(services: Services) -> None:
    created = services.households.create_household(
        HouseholdInput(composition_code="famille_monoparentale", pet_count=1, pets_note="Un chien"),
        PersonInput(first_name="Sonia", last_name="Durand", birth_year=1990),
        start_date=date(2026, 1, 10),
    )
    for first, year in (("Léo", 2015), ("Inès", 2019)):
        services.households.add_member(
            created.id,
            PersonInput(first_name=first, last_name="Durand", birth_year=year),
            role_code="enfant",
            start_date=date(2026, 1, 10),
            expected_version=current_version(services.households, "add_member", created.id),
        )

    file = services.households.open_file(created.id)
    assert file.composition_label == "Famille monoparentale"
    assert file.details.composition_code == "famille_monoparentale"
    assert file.details.pet_count == 1
    assert file.details.pets_note == "Un chien"
    assert len(file.members) == 3
    assert file.past_members == ()
    head, *children = file.members
    assert (head.first_name, head.role_code, head.is_adult(TODAY)) == ("Sonia", "reference", True)
    assert sorted((child.first_name, child.is_child, child.is_adult(TODAY)) for child in children) == [
        ("Inès", True, False),
        ("Léo", True, False),
    ]
    summary = services.households.summary(created.id)
    assert summary.member_count == 3
    assert summary.composition_label == "Famille monoparentale"
    assert summary.display_name == "DURAND Sonia"


# ---------------------------------------------------------------------------------------- members


def test_add_member(services: Services) -> None:
    created = new_household(services)
    member = services.households.add_member(
        created.id,
        PersonInput(first_name="Marc", last_name="Çelik", birth_year=1983),
        role_code="conjoint",
        start_date=date(2026, 5, 1),
        expected_version=current_version(services.households, "add_member", created.id),
    )
    assert member.role_label == "Conjoint·e"
    assert member.start_date == date(2026, 5, 1)
    assert member.is_current
    assert services.households.summary(created.id).member_count == 2
    assert [item.id for item in services.households.search("marc")] == [created.id]


def test_add_member_validates_before_writing(services: Services) -> None:
    created = new_household(services)
    before = _counts(services)
    with pytest.raises(ValidationError) as caught:
        services.households.add_member(
            created.id,
            PersonInput(first_name="Marc\x00"),
            role_code="conjoint",
            start_date=TODAY + timedelta(days=3),
            expected_version=current_version(services.households, "add_member", created.id),
        )
    assert set(caught.value.errors) == {"first_name", "start_date"}
    with pytest.raises(ValidationError) as caught:
        services.households.add_member(
            created.id,
            PersonInput(first_name="Marc"),
            role_code="roi",
            start_date=TODAY,
            expected_version=current_version(services.households, "add_member", created.id),
        )
    assert set(caught.value.errors) == {"role_code"}
    assert _counts(services) == before


def test_add_member_to_unknown_household(services: Services) -> None:
    with pytest.raises(NotFoundError, match="Ménage introuvable"):
        services.households.add_member(
            9999,
            PersonInput(first_name="Marc"),
            role_code="conjoint",
            start_date=TODAY,
            expected_version=current_version(services.households, "add_member", 9999),
        )


def test_add_existing_person_reuses_the_persistent_id(services: Services) -> None:
    first = new_household(services, "Paul", "Bernard", start_date=date(2025, 1, 1))
    partner = services.households.add_member(
        first.id,
        PersonInput(first_name="Anne", last_name="Roux"),
        role_code="conjoint",
        start_date=date(2025, 1, 1),
        expected_version=current_version(services.households, "add_member", first.id),
    )
    services.households.end_membership(
        partner.membership_id,
        end_date=date(2025, 10, 31),
        reason="Séparation",
        expected_version=current_version(services.households, "end_membership", partner.membership_id),
    )
    second = new_household(services, "Zoé", "Roux", start_date=date(2026, 2, 1))

    joined = services.households.add_existing_person(
        second.id,
        partner.person_id,
        role_code="autre_adulte",
        start_date=date(2026, 2, 1),
        expected_version=current_version(services.households, "add_existing_person", second.id),
    )

    assert joined.person_id == partner.person_id
    assert joined.membership_id != partner.membership_id
    assert (joined.first_name, joined.last_name) == ("Anne", "Roux")
    assert row_count(services, "person") == 3
    assert [item.id for item in services.households.search("anne roux")] == sorted([first.id, second.id])
    first_file = services.households.open_file(first.id)
    assert [member.person_id for member in first_file.past_members] == [partner.person_id]
    assert first_file.past_members[0].end_reason == "Séparation"


def test_add_existing_person_back_after_leaving(services: Services) -> None:
    created = new_household(services, start_date=date(2024, 1, 1))
    child = services.households.add_member(
        created.id,
        PersonInput(first_name="Tom", birth_year=2010),
        role_code="enfant",
        start_date=date(2024, 1, 1),
        expected_version=current_version(services.households, "add_member", created.id),
    )
    services.households.end_membership(
        child.membership_id,
        end_date=date(2024, 12, 31),
        reason="Placement",
        expected_version=current_version(services.households, "end_membership", child.membership_id),
    )
    back = services.households.add_existing_person(
        created.id,
        child.person_id,
        role_code="enfant",
        start_date=date(2025, 6, 1),
        expected_version=current_version(services.households, "add_existing_person", created.id),
    )
    file = services.households.open_file(created.id)
    assert back.person_id == child.person_id
    assert [member.membership_id for member in file.members if member.person_id == child.person_id] == [
        back.membership_id
    ]
    assert [member.membership_id for member in file.past_members] == [child.membership_id]


@pytest.mark.parametrize("start", [date(2025, 1, 1), date(2024, 6, 30), date(2024, 12, 31)])
def test_overlapping_membership_of_the_same_person_is_refused(services: Services, start: date) -> None:
    created = new_household(services, start_date=date(2024, 1, 1))
    child = services.households.add_member(
        created.id,
        PersonInput(first_name="Tom", birth_year=2010),
        role_code="enfant",
        start_date=date(2024, 1, 1),
        expected_version=current_version(services.households, "add_member", created.id),
    )
    services.households.end_membership(
        child.membership_id,
        end_date=date(2024, 12, 31),
        reason="Placement",
        expected_version=current_version(services.households, "end_membership", child.membership_id),
    )
    services.households.add_existing_person(
        created.id,
        child.person_id,
        role_code="enfant",
        start_date=date(2025, 3, 1),
        expected_version=current_version(services.households, "add_existing_person", created.id),
    )
    before = _counts(services)
    with pytest.raises(ValidationError) as caught:
        services.households.add_existing_person(
            created.id,
            child.person_id,
            role_code="enfant",
            start_date=start,
            expected_version=current_version(services.households, "add_existing_person", created.id),
        )
    assert caught.value.errors == {"start_date": "Cette personne fait déjà partie du ménage sur cette période."}
    assert _counts(services) == before


def test_add_existing_person_errors(services: Services) -> None:
    created = new_household(services)
    member = services.households.open_file(created.id).members[0]
    with pytest.raises(NotFoundError, match=r"Personne introuvable \(n° 4242\)"):
        services.households.add_existing_person(
            created.id,
            4242,
            role_code="conjoint",
            start_date=TODAY,
            expected_version=current_version(services.households, "add_existing_person", created.id),
        )
    with pytest.raises(NotFoundError, match="Ménage introuvable"):
        services.households.add_existing_person(
            4242,
            member.person_id,
            role_code="conjoint",
            start_date=TODAY,
            expected_version=current_version(services.households, "add_existing_person", 4242),
        )
    with pytest.raises(ValidationError) as caught:
        services.households.add_existing_person(
            created.id,
            member.person_id,
            role_code="conjoint",
            start_date=TODAY + timedelta(days=1),
            expected_version=current_version(services.households, "add_existing_person", created.id),
        )
    assert "dans le futur" in caught.value.errors["start_date"]


def test_end_membership(services: Services) -> None:
    created = new_household(services, start_date=date(2025, 1, 1))
    partner = services.households.add_member(
        created.id,
        PersonInput(first_name="Marc"),
        role_code="conjoint",
        start_date=date(2025, 2, 1),
        expected_version=current_version(services.households, "add_member", created.id),
    )
    ended = services.households.end_membership(
        partner.membership_id,
        end_date=date(2026, 4, 30),
        reason=" Départ ",
        expected_version=current_version(services.households, "end_membership", partner.membership_id),
    )
    assert ended.end_date == date(2026, 4, 30)
    assert ended.end_reason == "Départ"
    assert not ended.is_current
    file = services.households.open_file(created.id)
    assert [member.first_name for member in file.members] == ["Hélène"]
    assert [member.first_name for member in file.past_members] == ["Marc"]
    assert services.households.summary(created.id).member_count == 1
    # Past members stay findable: the search covers the composition history.
    assert [item.id for item in services.households.search("marc")] == [created.id]


def test_end_membership_on_its_start_day_is_allowed(services: Services) -> None:
    created = new_household(services, start_date=date(2025, 1, 1))
    partner = services.households.add_member(
        created.id,
        PersonInput(first_name="Marc"),
        role_code="conjoint",
        start_date=date(2025, 2, 1),
        expected_version=current_version(services.households, "add_member", created.id),
    )
    ended = services.households.end_membership(
        partner.membership_id,
        end_date=date(2025, 2, 1),
        reason="Erreur",
        expected_version=current_version(services.households, "end_membership", partner.membership_id),
    )
    assert ended.end_date == date(2025, 2, 1)


def test_end_membership_before_start_is_refused(services: Services) -> None:
    created = new_household(services, start_date=date(2025, 1, 1))
    partner = services.households.add_member(
        created.id,
        PersonInput(first_name="Marc"),
        role_code="conjoint",
        start_date=date(2025, 2, 1),
        expected_version=current_version(services.households, "add_member", created.id),
    )
    with pytest.raises(ValidationError) as caught:
        services.households.end_membership(
            partner.membership_id,
            end_date=date(2025, 1, 31),
            reason="Départ",
            expected_version=current_version(services.households, "end_membership", partner.membership_id),
        )
    assert caught.value.errors == {
        "end_date": "La date de départ (31/01/2025) est antérieure à la date d'arrivée (01/02/2025)."
    }
    assert services.households.summary(created.id).member_count == 2


def test_end_membership_needs_a_reason_and_a_past_date(services: Services) -> None:
    created = new_household(services, start_date=date(2025, 1, 1))
    partner = services.households.add_member(
        created.id,
        PersonInput(first_name="Marc"),
        role_code="conjoint",
        start_date=date(2025, 2, 1),
        expected_version=current_version(services.households, "add_member", created.id),
    )
    with pytest.raises(ValidationError) as caught:
        services.households.end_membership(
            partner.membership_id,
            end_date=TODAY + timedelta(days=1),
            reason="  ",
            expected_version=current_version(services.households, "end_membership", partner.membership_id),
        )
    assert caught.value.errors == {
        "end_reason": "Motif du départ : ce champ est obligatoire.",
        "end_date": "Date de départ : la date ne peut pas être dans le futur (16/06/2026).",
    }


def test_the_last_member_cannot_leave(services: Services) -> None:
    created = new_household(services, start_date=date(2025, 1, 1))
    [member] = services.households.open_file(created.id).members
    with pytest.raises(ValidationError) as caught:
        services.households.end_membership(
            member.membership_id,
            end_date=TODAY,
            reason="Départ",
            expected_version=current_version(services.households, "end_membership", member.membership_id),
        )
    assert caught.value.errors == {
        "end_date": "Le ménage doit garder au moins une personne : ajoutez d'abord un autre membre."
    }
    assert services.households.open_file(created.id).members[0].end_date is None


def test_a_membership_cannot_end_twice(services: Services) -> None:
    created = new_household(services, start_date=date(2025, 1, 1))
    partner = services.households.add_member(
        created.id,
        PersonInput(first_name="Marc"),
        role_code="conjoint",
        start_date=date(2025, 2, 1),
        expected_version=current_version(services.households, "add_member", created.id),
    )
    services.households.end_membership(
        partner.membership_id,
        end_date=date(2025, 3, 1),
        reason="Départ",
        expected_version=current_version(services.households, "end_membership", partner.membership_id),
    )
    with pytest.raises(ValidationError) as caught:
        services.households.end_membership(
            partner.membership_id,
            end_date=date(2025, 4, 1),
            reason="Départ",
            expected_version=current_version(services.households, "end_membership", partner.membership_id),
        )
    assert caught.value.errors == {"end_date": "Cette personne a déjà quitté le ménage."}


def test_end_unknown_membership(services: Services) -> None:
    with pytest.raises(NotFoundError, match=r"Ce membre du ménage est introuvable\."):
        services.households.end_membership(
            4242,
            end_date=TODAY,
            reason="Départ",
            expected_version=current_version(services.households, "end_membership", 4242),
        )


# -------------------------------------------------------------------------------------------- edits


def test_update_person_refreshes_search_in_every_household(services: Services) -> None:
    first = new_household(services, "Paul", "Bernard", start_date=date(2025, 1, 1))
    second = new_household(services, "Zoé", "Roux", start_date=date(2025, 1, 1))
    shared = services.households.add_member(
        first.id,
        PersonInput(first_name="Lou", last_name="Petit", birth_year=2012),
        role_code="enfant",
        start_date=date(2025, 1, 1),
        expected_version=current_version(services.households, "add_member", first.id),
    )
    services.households.add_existing_person(
        second.id,
        shared.person_id,
        role_code="enfant",
        start_date=date(2025, 1, 1),
        expected_version=current_version(services.households, "add_existing_person", second.id),
    )

    services.households.update_person(
        shared.person_id,
        PersonInput(first_name="Lou", last_name="Émeraude", birth_year=2012),
        household_id=person_household(services.households, shared.person_id),
        expected_version=current_version(services.households, "update_person", shared.person_id),
    )

    assert {item.id for item in services.households.search("emeraude")} == {first.id, second.id}
    assert services.households.search("petit") == []
    for household_id in (first.id, second.id):
        members = services.households.open_file(household_id).members
        assert "Émeraude" in [member.last_name for member in members]


def test_update_person_is_validated(services: Services) -> None:
    created = new_household(services)
    member = services.households.open_file(created.id).members[0]
    with pytest.raises(ValidationError) as caught:
        services.households.update_person(
            member.person_id,
            PersonInput(last_name="X" * 10_000),
            household_id=person_household(services.households, member.person_id),
            expected_version=current_version(services.households, "update_person", member.person_id),
        )
    assert "Nom : 10\u202f000 caractères" in caught.value.errors["last_name"]
    assert services.households.open_file(created.id).members[0].last_name == "Çelik"
    with pytest.raises(NotFoundError, match="Personne introuvable"):
        services.households.update_person(
            4242,
            PersonInput(first_name="Alice"),
            household_id=person_household(services.households, 4242),
            expected_version=current_version(services.households, "update_person", 4242),
        )


def test_update_person_audits_field_names(services: Services) -> None:
    created = new_household(services)
    member = services.households.open_file(created.id).members[0]
    services.households.update_person(
        member.person_id,
        member.as_input(),
        household_id=person_household(services.households, member.person_id),
        expected_version=current_version(services.households, "update_person", member.person_id),
    )  # no change: no event
    services.households.update_person(
        member.person_id,
        PersonInput(first_name="Hélène", last_name="Çelik-Durand", birth_year=1986),
        household_id=person_household(services.households, member.person_id),
        expected_version=current_version(services.households, "update_person", member.person_id),
    )
    updates = [
        entry
        for entry in services.audit.for_household(created.id)
        if entry.action is AuditAction.UPDATE and entry.entity_type == "person"
    ]
    assert [entry.fields for entry in updates] == [("birth_year", "last_name")]


def test_update_household(services: Services) -> None:
    created = new_household(services)
    summary = services.households.update_household(
        created.id,
        HouseholdInput(composition_code="couple_sans_enfant", pet_count=2, siao_reference="SIAO-35-778"),
        expected_version=current_version(services.households, "update_household", created.id),
    )
    assert summary.composition_label == "Couple sans enfant"
    assert [item.id for item in services.households.search("siao-35-778")] == [created.id]
    details = services.households.open_file(created.id).details
    assert details == HouseholdInput(composition_code="couple_sans_enfant", pet_count=2, siao_reference="SIAO-35-778")
    with pytest.raises(NotFoundError):
        services.households.update_household(
            4242, HouseholdInput(), expected_version=current_version(services.households, "update_household", 4242)
        )
    with pytest.raises(ValidationError) as caught:
        services.households.update_household(
            created.id,
            HouseholdInput(pet_count=50),
            expected_version=current_version(services.households, "update_household", created.id),
        )
    assert "pet_count" in caught.value.errors


# ------------------------------------------------------------------------------------------- search


def test_search_ignores_accents_case_and_word_order(services: Services) -> None:
    helene = new_household(services, "Hélène", "Çelik")
    oedipe = new_household(services, "Œdipe", "Lefèvre")
    new_household(services, "Paul", "Martin")

    def found(query: str) -> list[int]:
        return [item.id for item in services.households.search(query)]

    assert found("celik hel") == [helene.id]
    assert found("HÉLÈNE") == [helene.id]
    assert found("  ÇELIK   helene ") == [helene.id]
    assert found("oe") == [oedipe.id]
    assert found("Œ") == [oedipe.id]
    assert found("oedipe lefevre") == [oedipe.id]
    assert found("celik martin") == []
    assert found("zzz") == []
    assert found("e") == [helene.id, oedipe.id]


def test_search_by_reference_and_sorting(services: Services) -> None:
    zoe = new_household(services, "Zoé", "Abadie")
    alain = new_household(services, "Alain", "Zola")
    assert [item.id for item in services.households.search(f"M-{zoe.id:06d}")] == [zoe.id]
    # Sorted by display name ("NOM Prénom"), accents ignored.
    assert [item.id for item in services.households.search("")] == [zoe.id, alain.id]


def test_search_treats_like_wildcards_literally(services: Services) -> None:
    new_household(services, "Anne", "Roux")
    assert services.households.search("%") == []
    assert services.households.search("_") == []
    assert services.households.search("\\") == []
    percent = services.households.create_household(HouseholdInput(), PersonInput(pseudonym="100%"))
    assert [item.id for item in services.households.search("100%")] == [percent.id]


def test_search_limit(services: Services) -> None:
    for index in range(5):
        new_household(services, f"Prénom{index}", "Dupont")
    assert len(services.households.search("dupont", limit=3)) == 3
    assert len(services.households.search("dupont")) == 5


def test_list_summaries(services: Services) -> None:
    first = new_household(services, "Anne", "Roux")
    second = new_household(services, "Paul", "Bernard")
    summaries = {item.id: item for item in services.households.list_summaries()}
    assert set(summaries) == {first.id, second.id}
    assert summaries[first.id].display_name == "ROUX Anne"
    assert summaries[first.id].search_key == f"m-{first.id:06d} anne roux"
    with pytest.raises(NotFoundError, match=r"Ménage introuvable \(n° 4242\)"):
        services.households.summary(4242)


# ------------------------------------------------------------------------------------------ identity


def test_ids_strictly_increase(services: Services) -> None:
    ids = [new_household(services, f"P{index}", "Nom").id for index in range(3)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 3


def test_ids_are_never_reused_after_deleting_rows(services: Services) -> None:
    created = [new_household(services, f"P{index}", "Nom") for index in range(3)]
    last = created[-1]
    person_id = services.households.open_file(last.id).members[0].person_id
    # Remove the newest household and person behind the services' back (as an anonymisation job might).
    with services.context.engine.begin() as connection:
        connection.execute(text("DELETE FROM household_membership WHERE household_id = :id"), {"id": last.id})
        connection.execute(text("DELETE FROM household WHERE id = :id"), {"id": last.id})
        connection.execute(text("DELETE FROM person WHERE id = :id"), {"id": person_id})
    assert raw_rows(services, "SELECT max(id) FROM household") == [(created[1].id,)]

    again = new_household(services, "Nouveau", "Ménage")

    assert again.id > last.id
    new_person_id = services.households.open_file(again.id).members[0].person_id
    assert new_person_id > person_id


# ----------------------------------------------------------------------------------------- the file


def test_open_file_records_a_view_by_the_current_user(services: Services) -> None:
    created = new_household(services)
    before = row_count(services, "audit_event")

    file = services.households.open_file(created.id)

    assert row_count(services, "audit_event") == before + 1
    [view] = file.views
    assert view.action is AuditAction.VIEW
    assert view.staff_name == "Claire MARTIN"
    assert view.entity_type == "household"
    assert view.entity_id == created.id
    assert view.description == "Consultation — ménage"
    if services.context.team_mode:  # the team's server dates its log itself (docs/domain.md §9.2)
        assert abs(view.at - datetime.now(timezone.utc)) < timedelta(minutes=5)
    else:
        assert view.at.date() == TODAY
    staff_id = services.context.actor.staff_member_id
    assert raw_rows(
        services,
        "SELECT staff_member_id, action, household_id FROM audit_event WHERE action = 'VIEW'",
    ) == [(staff_id, "VIEW", created.id)]
    assert len(services.households.open_file(created.id).views) == 2


def test_open_file_returns_members_occupancies_consents_and_history(
    services: Services, landlord: OrganisationView
) -> None:
    created = new_household(services, start_date=date(2024, 1, 1))
    initial_situation(services, created.id, start=date(2024, 1, 1))
    member = services.households.open_file(created.id).members[0]
    services.consents.request(
        created.id,
        ConsentInput(
            person_id=member.person_id, recipient_id=landlord.id, category_codes=("identite",), purpose="Bail"
        ),
        requested_on=TODAY,
    )

    file = services.households.open_file(created.id)

    assert file.reference == created.reference
    assert file.display_name == "ÇELIK Hélène"
    assert [item.status_code for item in file.occupancies] == ["heberge_tiers"]
    assert file.current_occupancy is not None
    assert file.current_occupancy.status_label == "Hébergé chez un tiers"
    assert [(item.recipient_name, item.status_label) for item in file.consents] == [("Habitat 35", "Demandé")]
    assert {entry.description for entry in file.history} >= {
        "Création — ménage",
        "Création — personne",
        "Création — situation de logement",
        "Création — consentement",
        "Consultation — ménage",
    }
    assert services.households.summary(created.id).housing_label == "Hébergé chez un tiers"


def test_redisplaying_a_file_is_not_a_new_consultation(services: Services) -> None:
    created = new_household(services)
    services.households.open_file(created.id)
    before = row_count(services, "audit_event")
    file = services.households.open_file(created.id, record_view=False)
    assert row_count(services, "audit_event") == before
    assert len(file.views) == 1


def test_open_file_without_a_current_user_is_attributed_to_the_system(bare_services: Services) -> None:
    if bare_services.context.team_mode:
        # On the server every session is a person's: a login that is nobody's creates and sees no household.
        with pytest.raises(TransitionError, match="dépasse vos droits"):
            new_household(bare_services)
        return
    created = new_household(bare_services)
    file = bare_services.households.open_file(created.id)
    assert [view.staff_name for view in file.views] == ["Système"]


def test_open_unknown_file(services: Services) -> None:
    before = row_count(services, "audit_event")
    with pytest.raises(NotFoundError, match=r"Ménage introuvable \(n° 4242\)"):
        services.households.open_file(4242)
    assert row_count(services, "audit_event") == before


def test_the_search_says_which_member_matched(services: Services) -> None:
    amrani = new_household(services, "Djamel", "Amrani")
    services.households.add_member(
        amrani.id,
        PersonInput(first_name="Sofia", last_name="Djebbar", birth_year=1990),
        role_code="conjoint",
        start_date=date(2025, 1, 1),
        expected_version=current_version(services.households, "add_member", amrani.id),
    )
    uncle = services.households.add_member(
        amrani.id,
        PersonInput(first_name="Karim", last_name="Benali"),
        role_code="autre_adulte",
        start_date=date(2025, 1, 1),
        expected_version=current_version(services.households, "add_member", amrani.id),
    )
    services.households.end_membership(
        uncle.membership_id,
        end_date=date(2026, 1, 31),
        reason="Parti vivre ailleurs",
        expected_version=current_version(services.households, "end_membership", uncle.membership_id),
    )
    alone = new_household(services, "Sofia", "Martin")
    found = {item.id: item for item in services.households.search("djebbar")}
    assert list(found) == [amrani.id]
    summary = found[amrani.id]
    assert summary.display_name == "AMRANI Djamel"  # the household keeps its name…

    def matched(query: str, household: HouseholdSummary = summary) -> tuple[str, bool] | None:
        member = household.matched_member(tokens(query))
        return (member.display_name, member.is_current) if member else None

    assert matched("djebbar") == ("DJEBBAR Sofia", True)  # …and the list says through whom it was found
    assert matched("djamel sofia") == ("DJEBBAR Sofia", True)
    assert matched("benali") == ("BENALI Karim", False)  # a former member
    assert matched("amrani") is None and matched("") is None and matched(f"M-{amrani.id:06d}") is None
    assert matched("sofia", services.households.summary(alone.id)) is None  # she names her own household
    listed = {item.id: item for item in services.households.list_summaries()}
    assert listed[amrani.id].matched_member(tokens("djebbar")) == summary.matched_member(tokens("djebbar"))


def test_recently_opened_households_come_newest_first(services: Services, act_as: ActAs) -> None:
    first, second, third = (new_household(services, name, "Durand") for name in ("Anne", "Bruno", "Chloé"))
    assert services.households.recently_opened() == []
    for household in (first, second, first, third):
        services.households.open_file(household.id)
    services.households.open_file(second.id, record_view=False)  # re-reading after an edit is not opening
    assert services.households.recently_opened() == [third.id, first.id, second.id]
    assert services.households.recently_opened(limit=2) == [third.id, first.id]
    own = services.setup.own_organisation_id()
    assert own is not None
    colleague = services.directory.create_staff(StaffInput("Paul", "Roux", "travailleur_social", own))
    services.team.add_member(second.id, TeamMemberInput("referent_social", TODAY, staff_member_id=colleague.id))
    act_as(services, colleague.id)
    services.households.open_file(second.id)
    assert services.households.recently_opened() == [second.id]  # each person's own history
