"""Tests of caseworker/services/encounters/sessions.py: collective sessions (ateliers), docs/domain.md §14.5 (F29)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from caseworker.services import Services
from caseworker.services.directory import OrganisationInput, PartnerContactInput, StaffInput
from caseworker.services.encounters import EncounterKind
from caseworker.services.encounters.sessions import SessionAttendeeInput, SessionInput
from caseworker.services.errors import (
    ConcurrentChangeError,
    DeletedMeanwhileError,
    NotFoundError,
    TransitionError,
    ValidationError,
)
from caseworker.services.households import PersonInput
from tests.services.builders import TODAY, new_household, raw_rows
from tests.services.conftest import ActAs
from tests.services.support.test_episodes import team_lead
from tests.support.row_versions import current_version

HELD = TODAY - timedelta(days=3)
NAMES = [
    ("Hélène", "Çelik"),
    ("Awa", "Diallo"),
    ("Karim", "Benali"),
    ("Marie", "Dupont"),
    ("Louis", "Martin"),
    ("Inès", "Garnier"),
    ("Yann", "Le Goff"),
    ("Sofia", "Rossi"),
]


def _me(services: Services) -> int:
    staff_id = services.context.actor.staff_member_id
    assert staff_id is not None
    return staff_id


def _tenants_workshop(services: Services, households: list[int], **changes: object) -> SessionInput:
    """« Atelier droits et devoirs du locataire » run by the current user, the households as a whole."""
    data = SessionInput(
        HELD,
        "droits_devoirs_locataire",
        title="Le bail expliqué",
        place="Salle Colette",
        duration_minutes=90,
        staff_ids=(_me(services),),
        attendees=tuple(SessionAttendeeInput(household) for household in households),
        anonymous_count=3,
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def _paul(services: Services) -> int:
    own = services.setup.own_organisation_id()
    assert own is not None
    return services.directory.create_staff(StaffInput("Paul", "Roux", "travailleur_social", own)).id


def test_a_workshop_with_eight_households_shows_in_each_history_and_counts_only_in_the_figures(
    services: Services,
) -> None:
    households = [new_household(services, first, last).id for first, last in NAMES]
    landlord = services.directory.create_organisation(OrganisationInput("Habitat 35", "bailleur_social"))
    morin = services.directory.create_partner_contact(PartnerContactInput(landlord.id, "Luc", "Morin"))
    created = services.collective_sessions.create_session(
        _tenants_workshop(services, households, partner_contact_ids=(morin.id,))
    )
    summary = created.summary
    assert (summary.theme_label, summary.title, summary.place, summary.duration_minutes) == (
        "Droits et devoirs du locataire",
        "Le bail expliqué",
        "Salle Colette",
        90,
    )
    assert [facilitator.name for facilitator in summary.facilitators] == ["Claire MARTIN", "Luc MORIN (Habitat 35)"]
    assert (summary.named_seen, summary.named_total, summary.anonymous_count, summary.total) == (8, 8, 3, 11)
    assert {attendee.household_id for attendee in created.attendees} == set(households)
    assert created.may_delete and summary.row_version == 1

    for household in households:
        (entry,) = services.collective_sessions.for_household(household)
        assert (entry.kind, entry.row_id, entry.person_name) == (EncounterKind.SESSION, created.id, "")
        assert entry.detail == "Atelier : Droits et devoirs du locataire — Le bail expliqué"
        assert entry.kind_label == "Atelier"
        assert entry.occurred_at.tzinfo is not None and entry.occurred_at.astimezone().date() == HELD
        history = services.audit.for_household(household)
        assert "Création — participation à un atelier" in [item.description for item in history]

    figures = services.collective_sessions.figures(HELD - timedelta(days=30), TODAY)
    assert (figures.sessions, figures.named_attendances, figures.anonymous_attendances, figures.households) == (
        1,
        8,
        3,
        8,
    )
    assert figures.attendances == 11
    (theme,) = figures.by_theme
    assert (theme.theme_code, theme.sessions, theme.attendances) == ("droits_devoirs_locataire", 1, 11)
    assert services.collective_sessions.figures(TODAY, TODAY).sessions == 0
    events = raw_rows(
        services,
        "SELECT action, entity_type, household_id FROM audit_event"
        " WHERE entity_type LIKE 'collective_session%' ORDER BY id",
    )
    assert events[0] == ("CREATE", "collective_session", None)
    assert sorted(event[2] for event in events[1:]) == sorted(households)  # type: ignore[type-var]


def test_a_person_of_the_household_attends_and_the_household_history_names_them(services: Services) -> None:
    household = new_household(services).id
    version = services.households.open_file(household, record_view=False).row_version
    services.households.add_member(
        household,
        PersonInput(first_name="Noé", last_name="Çelik", birth_year=2015),
        role_code="enfant",
        start_date=TODAY - timedelta(days=400),
        expected_version=version,
    )
    mother, son = services.collective_sessions.persons_for(household)
    assert (mother.name, son.name, son.current) == ("ÇELIK Hélène", "ÇELIK Noé", True)
    attendees = (SessionAttendeeInput(household, mother.id), SessionAttendeeInput(household, son.id))
    created = services.collective_sessions.create_session(
        _tenants_workshop(services, [], attendees=attendees, theme_code="budget", title="")
    )
    assert [attendee.person_name for attendee in created.attendees] == ["ÇELIK Hélène", "ÇELIK Noé"]
    entries = services.collective_sessions.for_household(household)
    assert [(entry.detail, entry.person_name) for entry in entries] == [
        ("Atelier : Gestion du budget", "ÇELIK Hélène"),
        ("Atelier : Gestion du budget", "ÇELIK Noé"),
    ]
    assert services.collective_sessions.figures(HELD, HELD).households == 1


def test_a_session_is_listed_newest_first_corrected_and_deleted_each_step_audited(services: Services) -> None:
    first, second, third = (new_household(services, *name).id for name in NAMES[:3])
    older = services.collective_sessions.create_session(
        _tenants_workshop(services, [first], held_on=HELD - timedelta(days=20))
    )
    newer = services.collective_sessions.create_session(_tenants_workshop(services, [first, second]))
    listed = services.collective_sessions.sessions_between(HELD - timedelta(days=30), TODAY)
    assert [item.id for item in listed] == [newer.id, older.id]
    assert services.collective_sessions.sessions_between(TODAY, HELD) == []

    corrected = services.collective_sessions.update_session(
        newer.id,
        _tenants_workshop(services, [second, third], title="Droits et devoirs", anonymous_count=0),
        expected_version=newer.row_version,
    )
    assert {attendee.household_id for attendee in corrected.attendees} == {second, third}
    assert (corrected.summary.title, corrected.summary.total, corrected.row_version) == ("Droits et devoirs", 2, 2)
    assert [entry.row_id for entry in services.collective_sessions.for_household(first)] == [older.id]
    assert [entry.row_id for entry in services.collective_sessions.for_household(third)] == [newer.id]
    events = raw_rows(
        services,
        "SELECT action, entity_type, household_id, fields FROM audit_event"
        " WHERE entity_type LIKE 'collective_session%' AND id > (SELECT max(id) FROM audit_event"
        " WHERE entity_type = 'collective_session_attendee' AND action = 'CREATE' AND household_id = :second)"
        " ORDER BY id",
        second=second,
    )
    assert events == [
        ("DELETE", "collective_session_attendee", first, ""),
        ("UPDATE", "collective_session", None, "anonymous_count,attendees,title"),
        ("UPDATE", "collective_session_attendee", second, "title"),  # the history of who stays says what changed
        ("CREATE", "collective_session_attendee", third, ""),
    ]
    with pytest.raises(ConcurrentChangeError, match="Cet atelier a été modifié"):
        services.collective_sessions.update_session(
            newer.id, _tenants_workshop(services, [second]), expected_version=newer.row_version
        )
    with pytest.raises(ConcurrentChangeError, match="Cet atelier a été modifié"):
        services.collective_sessions.delete_session(newer.id, expected_version=newer.row_version)

    services.collective_sessions.delete_session(
        newer.id, expected_version=current_version(services.collective_sessions, "delete_session", newer.id)
    )
    assert services.collective_sessions.for_household(second) == []
    assert [item.id for item in services.collective_sessions.sessions_between(HELD - timedelta(days=30), TODAY)] == [
        older.id
    ]
    assert "Suppression — participation à un atelier" in [
        item.description for item in services.audit.for_household(third)
    ]
    with pytest.raises(DeletedMeanwhileError, match="Cet atelier a été supprimé"):
        services.collective_sessions.update_session(
            newer.id, _tenants_workshop(services, [second]), expected_version=corrected.row_version + 1
        )
    with pytest.raises(NotFoundError):
        services.collective_sessions.session(newer.id)


def _sessions_problems(services: Services, data: SessionInput) -> dict[str, str]:
    with pytest.raises(ValidationError) as error:
        services.collective_sessions.create_session(data)
    return error.value.errors


def test_bad_input_is_refused_in_french_and_nothing_saved(services: Services) -> None:
    household = new_household(services).id
    (stranger,) = services.collective_sessions.persons_for(new_household(services, "Awa", "Diallo").id)
    good = _tenants_workshop(services, [household])
    cases = [
        (replace(good, held_on=TODAY + timedelta(days=1)), "held_on", "Date de l'atelier : la date ne peut pas"),
        (replace(good, theme_code="loto"), "theme_code", "Thème : choisissez une valeur dans la liste."),
        (replace(good, title="x" * 201), "title", "Intitulé : 201 caractères"),
        (replace(good, duration_minutes=0), "duration_minutes", "Durée : entre 1 et 600 minutes."),
        (replace(good, duration_minutes=601), "duration_minutes", "Durée : entre 1 et 600 minutes."),
        (replace(good, anonymous_count=501), "anonymous_count", "Participants non nommés : entre 0 et 500."),
        (replace(good, staff_ids=()), "facilitators", "Animation : indiquez au moins une personne"),
        (replace(good, staff_ids=(999_999,)), "facilitators", "Animation : une personne choisie n'existe plus"),
        (
            replace(good, attendees=(SessionAttendeeInput(999_999),)),
            "attendees",
            "Participants : un ménage choisi est introuvable",
        ),
        (
            replace(good, attendees=(SessionAttendeeInput(household, stranger.id),)),
            "attendees",
            "Participants : cette personne n'est pas membre du ménage",
        ),
        (
            replace(good, attendees=(SessionAttendeeInput(household), SessionAttendeeInput(household))),
            "attendees",
            "Participants : une même personne ou un même ménage n'est indiqué qu'une fois.",
        ),
    ]
    for data, field, message in cases:
        assert _sessions_problems(services, data)[field].startswith(message), (field, message)
    (mother,) = services.collective_sessions.persons_for(household)
    both = (SessionAttendeeInput(household), SessionAttendeeInput(household, mother.id))
    assert "en entier ou par ses personnes" in _sessions_problems(services, replace(good, attendees=both))["attendees"]
    assert set(_sessions_problems(services, replace(good, theme_code="", staff_ids=()))) == {
        "theme_code",
        "facilitators",
    }
    assert services.collective_sessions.sessions_between(HELD - timedelta(days=400), TODAY) == []


def test_the_total_counts_every_household_and_an_edit_keeps_the_attendees_one_does_not_see(
    services: Services, act_as: ActAs
) -> None:
    claire = _me(services)
    mine, also_mine = new_household(services).id, new_household(services, "Awa", "Diallo").id
    paul = _paul(services)
    act_as(services, paul)
    his = new_household(services, "Karim", "Benali").id  # created by Paul: out of Claire's sight
    act_as(services, claire)
    lead = team_lead(services).id
    act_as(services, lead)
    workshop = services.collective_sessions.create_session(_tenants_workshop(services, [mine, his]))

    act_as(services, claire)
    (summary,) = services.collective_sessions.sessions_between(HELD, HELD)
    assert (summary.named_seen, summary.named_total, summary.hidden, summary.total) == (1, 2, 1, 5)
    seen = services.collective_sessions.session(workshop.id)
    assert [attendee.household_id for attendee in seen.attendees] == [mine]
    assert "Karim" not in repr(seen) and not seen.may_delete
    assert services.collective_sessions.for_household(his) == []

    edited = services.collective_sessions.update_session(
        workshop.id,
        _tenants_workshop(services, [also_mine], title="Le bail, suite"),
        expected_version=seen.row_version,
    )
    assert [attendee.household_id for attendee in edited.attendees] == [also_mine]
    assert (edited.summary.named_seen, edited.summary.named_total) == (1, 2)
    with pytest.raises(TransitionError, match="Seuls la personne qui a enregistré cet atelier"):
        services.collective_sessions.delete_session(workshop.id, expected_version=edited.row_version)

    act_as(services, lead)
    kept = services.collective_sessions.session(workshop.id)
    assert {attendee.household_id for attendee in kept.attendees} == {also_mine, his}  # Paul's household kept
    assert [entry.detail for entry in services.collective_sessions.for_household(his)] == [
        "Atelier : Droits et devoirs du locataire — Le bail, suite"
    ]

    act_as(services, paul)  # Paul sees his household, not Claire's; not the session's creator either
    assert services.collective_sessions.session(workshop.id).summary.hidden == 1
    with pytest.raises(TransitionError):
        services.collective_sessions.delete_session(workshop.id, expected_version=kept.row_version)


def test_its_creator_may_not_delete_a_session_with_attendees_out_of_their_sight(
    services: Services, act_as: ActAs
) -> None:
    claire = _me(services)
    mine = new_household(services).id
    paul = _paul(services)
    act_as(services, paul)
    his = new_household(services, "Karim", "Benali").id
    act_as(services, claire)
    lead = team_lead(services).id
    workshop = services.collective_sessions.create_session(_tenants_workshop(services, [mine]))
    act_as(services, lead)
    shared = services.collective_sessions.update_session(
        workshop.id, _tenants_workshop(services, [mine, his]), expected_version=workshop.row_version
    )
    act_as(services, claire)
    view = services.collective_sessions.session(shared.id)
    assert view.may_delete  # she recorded it
    with pytest.raises(TransitionError, match="1 participant de ménages que vous ne suivez pas"):
        services.collective_sessions.delete_session(shared.id, expected_version=view.row_version)
    act_as(services, lead)
    services.collective_sessions.delete_session(shared.id, expected_version=view.row_version)
    assert services.collective_sessions.for_household(his) == []


def test_an_unknown_session_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.collective_sessions.session(999_999)
    with pytest.raises(DeletedMeanwhileError):
        services.collective_sessions.delete_session(999_999, expected_version=1)
    assert services.collective_sessions.for_household(999_999) == []
    assert [choice.code for choice in services.collective_sessions.themes()][:2] == [
        "droits_devoirs_locataire",
        "budget",
    ]
