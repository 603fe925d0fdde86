"""Tests of caseworker/services/encounters/outreach.py: street encounters, attached later (docs/domain.md §14.5)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from caseworker.domain.aftercare import AgeBand, Sex
from caseworker.services import Services
from caseworker.services.directory import StaffInput
from caseworker.services.encounters import EncounterInput, EncounterKind
from caseworker.services.errors import (
    ConcurrentChangeError,
    DeletedMeanwhileError,
    NotFoundError,
    TransitionError,
    ValidationError,
)
from caseworker.services.households import PersonInput
from caseworker.services.validation import NAME_MAX
from tests.services.builders import TODAY, new_household, raw_rows, row_count
from tests.services.conftest import ActAs
from tests.services.support.test_episodes import team_lead, with_coordinator
from tests.support.row_versions import current_version

NOW = datetime(2026, 6, 15, 10, 0, tzinfo=timezone.utc)  # the clock fixture's now
EVENING = datetime(2026, 6, 14, 21, 30, tzinfo=timezone.utc)
BRIDGE = EncounterInput("Sous le pont de Nantes", ("boisson", "hygiene"), AgeBand.AGE_35_49, Sex.HOMME, EVENING)


def _colleague(services: Services, role_code: str = "travailleur_social", last_name: str = "Roux") -> int:
    own = services.setup.own_organisation_id()
    assert own is not None
    return services.directory.create_staff(StaffInput("Paul", last_name, role_code, own)).id


def test_an_encounter_is_recorded_in_one_call_without_household_or_person(services: Services) -> None:
    households, persons = row_count(services, "household"), row_count(services, "person")
    quick = services.outreach.record_encounter(EncounterInput("  Place   Sainte-Anne ", ("boisson",)))
    assert (quick.occurred_at, quick.place, quick.offer_labels) == (
        NOW,
        "Place Sainte-Anne",
        ("Boisson chaude, collation",),
    )
    assert (quick.age_band, quick.sex, quick.age_band_label, quick.sex_label) == (None, None, "", "")
    assert (quick.household_id, quick.person_id, quick.is_attached, quick.row_version) == (None, None, False, 1)
    assert (quick.recorded_by_name, quick.may_delete) == ("Claire MARTIN", True)
    bridge = services.outreach.record_encounter(BRIDGE)
    assert bridge.offer_codes == ("boisson", "hygiene") and bridge.age_band_label == "35-49 ans"
    assert bridge.occurred_at == EVENING and bridge.sex_label == "Homme"
    assert (row_count(services, "household"), row_count(services, "person")) == (households, persons)
    assert raw_rows(
        services,
        "SELECT action, entity_id, household_id, fields FROM audit_event WHERE entity_type = 'outreach_encounter'",
    ) == [("CREATE", quick.id, None, ""), ("CREATE", bridge.id, None, "")]
    assert services.outreach.encounters(TODAY - timedelta(days=1), TODAY) == [quick, bridge]  # newest first
    assert services.outreach.encounters(TODAY, TODAY) == [quick]
    assert services.outreach.recent_places() == ["Place Sainte-Anne", "Sous le pont de Nantes"]
    assert [choice.code for choice in services.outreach.offer_choices()][:3] == ["boisson", "repas", "hygiene"]


def test_an_encounter_is_corrected_against_its_version_and_deleted_by_who_recorded_it(services: Services) -> None:
    bridge = services.outreach.record_encounter(BRIDGE)
    corrected = services.outreach.correct_encounter(
        bridge.id,
        EncounterInput("Pont de Nantes", ("ecoute",), AgeBand.AGE_50_64, None, EVENING),
        expected_version=bridge.row_version,
    )
    assert (corrected.place, corrected.offer_codes, corrected.age_band, corrected.sex) == (
        "Pont de Nantes",
        ("ecoute",),
        AgeBand.AGE_50_64,
        None,
    )
    assert corrected.row_version == 2
    with pytest.raises(ConcurrentChangeError, match="Cette rencontre de maraude a été modifiée"):
        services.outreach.correct_encounter(bridge.id, BRIDGE, expected_version=bridge.row_version)
    services.outreach.delete_encounter(
        bridge.id, expected_version=current_version(services.outreach, "delete_encounter", bridge.id)
    )
    with pytest.raises(DeletedMeanwhileError, match="a été supprimée"):
        services.outreach.correct_encounter(bridge.id, BRIDGE, expected_version=corrected.row_version)
    events = raw_rows(
        services, "SELECT action, fields FROM audit_event WHERE entity_type = 'outreach_encounter' ORDER BY id"
    )
    assert events == [("CREATE", ""), ("UPDATE", "age_band,offers,place,sex"), ("DELETE", "")]


def test_only_who_recorded_an_encounter_or_a_team_lead_deletes_it(services: Services, act_as: ActAs) -> None:
    claire = services.context.actor.staff_member_id
    paul, nadia = _colleague(services), team_lead(services).id
    first = services.outreach.record_encounter(BRIDGE)
    second = services.outreach.record_encounter(BRIDGE)
    act_as(services, paul)
    (view, _) = services.outreach.encounters(TODAY - timedelta(days=1), TODAY)
    assert not view.may_delete
    with pytest.raises(TransitionError, match="Seule la personne qui a enregistré cette rencontre"):
        services.outreach.delete_encounter(first.id, expected_version=first.row_version)
    corrected = services.outreach.correct_encounter(  # anyone corrects it
        first.id, EncounterInput("Pont de Nantes", ()), expected_version=first.row_version
    )
    act_as(services, nadia)
    assert all(view.may_delete for view in services.outreach.encounters(TODAY - timedelta(days=1), TODAY))
    services.outreach.delete_encounter(first.id, expected_version=corrected.row_version)
    act_as(services, claire)
    services.outreach.delete_encounter(second.id, expected_version=second.row_version)
    assert services.outreach.encounters(TODAY - timedelta(days=1), TODAY) == []


def test_an_encounter_attached_to_a_household_shows_in_its_history_and_can_be_detached(services: Services) -> None:
    household = new_household(services).id
    version = services.households.open_file(household, record_view=False).row_version
    services.households.add_member(
        household,
        PersonInput(first_name="Noé", last_name="Çelik", birth_year=2004),
        role_code="enfant",
        start_date=TODAY - timedelta(days=400),
        expected_version=version,
    )
    mother, son = services.outreach.persons_for(household)
    assert (mother.name, son.name, son.current) == ("ÇELIK Hélène", "ÇELIK Noé", True)
    bridge = services.outreach.record_encounter(BRIDGE)
    assert services.outreach.for_household(household) == []

    attached = services.outreach.attach_encounter(bridge.id, household, son.id, expected_version=bridge.row_version)
    assert (attached.household_id, attached.household_name, attached.household_reference) == (
        household,
        "ÇELIK Hélène",
        f"M-{household:06d}",
    )
    assert (attached.person_name, attached.attached_at, attached.attached_by_name) == (
        "ÇELIK Noé",
        NOW,
        "Claire MARTIN",
    )
    (row,) = services.outreach.for_household(household)
    assert (row.kind, row.kind_label, row.row_id, row.occurred_at, row.person_name) == (
        EncounterKind.OUTREACH,
        "Maraude",
        bridge.id,
        EVENING,
        "ÇELIK Noé",
    )
    assert row.detail == "Maraude : Sous le pont de Nantes — boisson chaude, collation ; kit d'hygiène"
    assert services.outreach.encounters(TODAY - timedelta(days=1), TODAY, unattached_only=True) == []
    with pytest.raises(TransitionError, match="déjà rattachée"):
        services.outreach.attach_encounter(bridge.id, household, expected_version=attached.row_version)

    detached = services.outreach.detach_encounter(bridge.id, expected_version=attached.row_version)
    assert (detached.household_id, detached.person_id, detached.attached_at, detached.attached_by_name) == (
        None,
        None,
        None,
        "",
    )
    assert services.outreach.for_household(household) == []
    with pytest.raises(TransitionError, match="n'est rattachée à aucun ménage"):
        services.outreach.detach_encounter(bridge.id, expected_version=detached.row_version)
    again = services.outreach.attach_encounter(bridge.id, household, expected_version=detached.row_version)
    assert (again.person_id, again.person_name) == (None, "")
    assert [row.person_name for row in services.outreach.for_household(household)] == [""]
    events = raw_rows(
        services,
        "SELECT action, household_id, fields FROM audit_event WHERE entity_type = 'outreach_encounter' ORDER BY id",
    )
    assert events == [
        ("CREATE", None, ""),
        ("UPDATE", household, "household_id,person_id"),
        ("UPDATE", household, "household_id,person_id"),
        ("UPDATE", household, "household_id"),
    ]
    history = [e for e in services.audit.for_household(household) if e.entity_type == "outreach_encounter"]
    assert history and history[-1].description.endswith("— rencontre de maraude")


def test_an_encounter_is_attached_only_to_a_member_of_the_household(services: Services) -> None:
    household = new_household(services).id
    (stranger,) = services.outreach.persons_for(new_household(services, "Awa", "Diallo").id)
    bridge = services.outreach.record_encounter(BRIDGE)
    with pytest.raises(ValidationError) as error:
        services.outreach.attach_encounter(bridge.id, household, stranger.id, expected_version=bridge.row_version)
    assert error.value.errors["person_id"].startswith("Cette personne n'est pas membre du ménage")
    with pytest.raises(NotFoundError):
        services.outreach.attach_encounter(bridge.id, 999_999, expected_version=bridge.row_version)
    assert services.outreach.encounter(bridge.id) == bridge  # nothing changed, the version neither


def test_a_referent_off_the_team_does_not_see_an_encounter_attached_to_its_household(
    services: Services, act_as: ActAs
) -> None:
    claire = services.context.actor.staff_member_id
    household = new_household(services).id
    with_coordinator(services, household)
    bridge = services.outreach.record_encounter(BRIDGE)
    square = services.outreach.record_encounter(EncounterInput("Square de la Touche", ("repas",), occurred_at=EVENING))
    attached = services.outreach.attach_encounter(bridge.id, household, expected_version=bridge.row_version)
    paul = _colleague(services)
    act_as(services, paul)
    period = (TODAY - timedelta(days=7), TODAY)
    assert [view.id for view in services.outreach.encounters(*period)] == [square.id]
    assert [view.id for view in services.outreach.encounters(*period, unattached_only=True)] == [square.id]
    assert services.outreach.recent_places() == ["Square de la Touche"]
    assert services.outreach.for_household(household) == []
    assert services.outreach.counts(*period).encounters == 1
    with pytest.raises(NotFoundError):
        services.outreach.encounter(bridge.id)
    with pytest.raises(ConcurrentChangeError, match="n'est plus accessible"):
        services.outreach.correct_encounter(bridge.id, BRIDGE, expected_version=attached.row_version)
    with pytest.raises(ConcurrentChangeError):
        services.outreach.detach_encounter(bridge.id, expected_version=attached.row_version)
    with pytest.raises(NotFoundError):  # nor may he attach the street's encounter to a household he does not see
        services.outreach.attach_encounter(square.id, household, expected_version=square.row_version)
    mine = services.outreach.record_encounter(EncounterInput("Gare", ()))  # he records and lists as anyone
    assert [view.id for view in services.outreach.encounters(*period)] == [mine.id, square.id]
    act_as(services, claire)
    assert [view.id for view in services.outreach.encounters(*period)] == [mine.id, square.id, bridge.id]
    act_as(services, team_lead(services).id)
    assert services.outreach.counts(*period).encounters == 3


def test_the_counts_of_a_period(services: Services) -> None:
    household = new_household(services).id
    bridge = services.outreach.record_encounter(BRIDGE)
    services.outreach.record_encounter(EncounterInput("Gare", ("boisson", "ecoute"), AgeBand.AGE_18_24, Sex.FEMME))
    services.outreach.record_encounter(EncounterInput("Gare", ()))
    services.outreach.record_encounter(EncounterInput("Gare", ("boisson",), occurred_at=EVENING - timedelta(days=40)))
    services.outreach.attach_encounter(bridge.id, household, expected_version=bridge.row_version)
    counts = services.outreach.counts(TODAY - timedelta(days=7), TODAY)
    assert (counts.encounters, counts.attached, counts.households) == (3, 1, 1)
    assert counts.by_age_band == {AgeBand.AGE_35_49: 1, AgeBand.AGE_18_24: 1, None: 1}
    assert counts.by_sex == {Sex.HOMME: 1, Sex.FEMME: 1, None: 1}
    assert counts.by_offer == {"boisson": 2, "hygiene": 1, "ecoute": 1}
    assert counts.offer_labels["hygiene"] == "Kit d'hygiène"
    assert services.outreach.counts(TODAY - timedelta(days=60), TODAY).encounters == 4


AN_HOUR_AHEAD = NOW + timedelta(hours=1)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (EncounterInput("x" * (NAME_MAX + 1)), "place", "Lieu : 101 caractères, c'est trop long"),
        (EncounterInput("é" * 5000), "place", "Lieu : "),
        (EncounterInput("Place Sainte-Anne\nM. Dupont"), "place", "Lieu : un lieu s'écrit sur une seule ligne."),
        (EncounterInput("Gare\r"), "place", "Lieu : un lieu s'écrit sur une seule ligne."),
        (EncounterInput("   "), "place", "Lieu : ce champ est obligatoire."),
        (EncounterInput("Gare\u202e"), "place", "Lieu : le texte contient des caractères d'inversion"),
        (EncounterInput("Gare", ("boisson", "loto")), "offer_codes", "Proposé : choisissez dans la liste"),
        (EncounterInput("Gare", ("",)), "offer_codes", "Proposé : choisissez dans la liste"),
        (EncounterInput("Gare", occurred_at=AN_HOUR_AHEAD), "occurred_at", "Heure : une rencontre ne peut pas"),
        (EncounterInput("Gare", occurred_at=NOW + timedelta(days=3)), "occurred_at", "Heure : "),
        (EncounterInput("Gare", occurred_at=datetime(1900, 1, 1, tzinfo=timezone.utc)), "occurred_at", "Heure : "),
        (EncounterInput("Gare", occurred_at=datetime.min.replace(tzinfo=timezone.utc)), "occurred_at", "Heure : "),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_saved(
    services: Services, data: EncounterInput, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.outreach.record_encounter(data)
    assert error.value.errors[field].startswith(message), error.value.errors
    assert row_count(services, "outreach_encounter") == 0
    bridge = services.outreach.record_encounter(BRIDGE)
    with pytest.raises(ValidationError):
        services.outreach.correct_encounter(bridge.id, data, expected_version=bridge.row_version)
    assert services.outreach.encounter(bridge.id) == bridge


def test_an_offer_withdrawn_from_the_list_stays_on_the_encounters_that_had_it(services: Services) -> None:
    bridge = services.outreach.record_encounter(BRIDGE)
    with services.context.engine.begin() as connection:
        connection.execute(text("UPDATE outreach_offer SET active = false WHERE code = 'hygiene'"))
    assert "hygiene" not in {choice.code for choice in services.outreach.offer_choices()}
    with pytest.raises(ValidationError):
        services.outreach.record_encounter(EncounterInput("Gare", ("hygiene",)))
    kept = services.outreach.correct_encounter(
        bridge.id, EncounterInput("Pont", ("hygiene", "boisson")), expected_version=bridge.row_version
    )
    assert kept.offer_codes == ("boisson", "hygiene")


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (TODAY, TODAY - timedelta(days=1), "end"),
        (date(1900, 1, 1), TODAY, "start"),
        (date.min, date.max, "start"),
        (TODAY - timedelta(days=366 * 6), TODAY, "end"),
    ],
)
def test_a_period_that_makes_no_sense_is_refused(services: Services, start: date, end: date, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        services.outreach.encounters(start, end)
    assert field in error.value.errors
    with pytest.raises(ValidationError):
        services.outreach.counts(start, end)


def test_a_period_may_run_on_to_the_end_of_the_month(services: Services) -> None:
    quick = services.outreach.record_encounter(EncounterInput("Gare", ()))
    assert services.outreach.encounters(date(2026, 6, 1), date(2026, 6, 30)) == [quick]
