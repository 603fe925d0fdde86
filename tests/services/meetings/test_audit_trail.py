"""What a meeting leaves in each household's history: one line per typed decision, one per minutes exported
(docs/domain.md §11.3, §9). Every test runs on both backends (the ``services`` fixture)."""

from __future__ import annotations

from datetime import date

from caseworker.domain import AuditAction, ReviewKind
from caseworker.domain.debrief import AgendaItemKind
from caseworker.services import Services
from caseworker.services.audit import AuditEntry
from caseworker.services.directory import OrganisationView
from caseworker.services.meetings import (
    AttendeeInput,
    IntensityDecision,
    ItemMinutes,
    MinutesInput,
    OrientationDecision,
    StepDecision,
)
from caseworker.services.support import OrientationInput
from tests.services.builders import new_household, raw_rows, reference_member
from tests.services.conftest import ActAs
from tests.services.contract_builders import grant_all, supported_household
from tests.services.meetings.builders import decide, item_of, planned, with_item
from tests.services.support.test_episodes import active_episode, with_coordinator
from tests.services.tasks.test_tasks import colleague

D = date
EXPORT = AuditAction.EXPORT


def history(services: Services, household_id: int, entity_type: str) -> list[AuditEntry]:
    return [entry for entry in services.audit.for_household(household_id) if entry.entity_type == entity_type]


# ------------------------------------------------------------------------------------------- typed decisions


def test_each_decision_of_the_admission_commission_is_a_line_of_its_households_history(services: Services) -> None:
    accepted = new_household(services, "Anne", "Durand").id
    refused = new_household(services, "Bruno", "Petit").id
    episodes = {}
    for household_id in (accepted, refused):
        with_coordinator(services, household_id)
        episodes[household_id] = services.episodes.open_episode(
            household_id, OrientationInput(measure_code="avdl", orientation_date=D(2026, 5, 2))
        ).id
    meeting = planned(services, "commission_admission")
    for household_id in (accepted, refused):
        meeting = with_item(
            services, meeting, household_id, episode_id=episodes[household_id], kind=AgendaItemKind.ADMISSION
        )
    result = services.meetings.record_minutes(
        meeting.id,
        MinutesInput(
            items=tuple(
                ItemMinutes(
                    item_of(meeting, household_id).id,
                    decisions=(OrientationDecision(household_id == accepted, "refus_commission"),),
                    episode_version=item_of(meeting, household_id).episode_version,
                )
                for household_id in (accepted, refused)
            )
        ),
        expected_version=meeting.row_version,
    )
    decided = {item.household_id: item.decisions[0].id for item in result.meeting.items}
    # The refusal goes through decline_in: its own line is the episode's, the decision's is written beside it.
    (line,) = history(services, refused, "meeting_decision")
    assert (line.action, line.entity_id, line.description) == (
        AuditAction.CREATE,
        decided[refused],
        "Création — décision de réunion",
    )
    assert line.field_labels == "orientation refusée"
    assert line.staff_name == "Claire MARTIN"
    (line,) = history(services, accepted, "meeting_decision")
    assert (line.entity_id, line.field_labels) == (decided[accepted], "orientation acceptée")
    stored = raw_rows(
        services,
        "SELECT household_id, entity_id FROM audit_event WHERE entity_type = 'meeting_decision' ORDER BY entity_id",
    )
    assert sorted(stored) == sorted((household_id, decided[household_id]) for household_id in (accepted, refused))


def test_two_decisions_on_one_item_are_two_lines(services: Services) -> None:
    household_id, episode_id = active_episode(services, start=D(2026, 1, 5))
    meeting = with_item(services, planned(services), household_id, episode_id=episode_id, kind=AgendaItemKind.REVIEW)
    result = decide(
        services,
        meeting,
        item_of(meeting, household_id),
        IntensityDecision("standard", "Objectifs atteints pour l'essentiel"),
        StepDecision(ReviewKind.START, D(2026, 2, 5)),
    )
    lines = history(services, household_id, "meeting_decision")
    assert sorted((line.entity_id, line.field_labels) for line in lines) == sorted(
        [
            (result.meeting.items[0].decisions[0].id, "changement d'intensité"),
            (result.meeting.items[0].decisions[1].id, "étape validée"),
        ]
    )


# ------------------------------------------------------------------------------------------- exports


def exports(services: Services, household_id: int | None) -> list[tuple[object, ...]]:
    condition = "household_id IS NULL" if household_id is None else "household_id = :household_id"
    return raw_rows(
        services,
        f"SELECT entity_type, entity_id FROM audit_event WHERE action = 'EXPORT' AND {condition} ORDER BY id",
        household_id=household_id,
    )


def test_the_internal_minutes_are_an_export_in_the_history_of_each_household_the_reader_finds_in_them(
    services: Services, landlord: OrganisationView, act_as: ActAs
) -> None:
    supported = supported_household(services, landlord)
    claire = services.context.actor.staff_member_id
    meeting = with_item(services, planned(services), supported.household_id, episode_id=supported.episode_id)
    meeting = with_item(services, meeting, supported.household_id, label="Dette locative")  # two items, one line
    paul = colleague(services).id
    act_as(services, paul)
    theirs = new_household(services, "Bruno", "Petit").id
    with_coordinator(services, theirs)
    with_item(services, services.meetings.meeting(meeting.id), theirs)
    act_as(services, claire)
    services.meetings.internal_minutes(meeting.id)  # Claire's copy: her household, not Paul's
    assert exports(services, supported.household_id) == [("meeting", meeting.id)]
    assert exports(services, theirs) == []
    assert exports(services, None) == [("meeting", meeting.id)]  # the meeting's own line stays
    (line,) = [entry for entry in services.audit.for_household(supported.household_id) if entry.action is EXPORT]
    assert (line.description, line.field_labels) == ("Export — réunion", "compte rendu")
    act_as(services, paul)
    services.meetings.internal_minutes(meeting.id)  # Paul's copy: his household only
    assert exports(services, theirs) == [("meeting", meeting.id)]
    assert exports(services, supported.household_id) == [("meeting", meeting.id)]
    assert exports(services, None) == [("meeting", meeting.id), ("meeting", meeting.id)]


def test_a_member_attending_puts_the_export_in_their_households_history_too(services: Services) -> None:
    on_agenda, _episode = active_episode(services, start=D(2026, 1, 5))
    attending = new_household(services, "Bruno", "Petit").id
    with_coordinator(services, attending)
    left = new_household(services, "Chloé", "Roux").id  # no item, nobody attending
    with_coordinator(services, left)
    meeting = with_item(services, planned(services), on_agenda)
    person = reference_member(services, attending).person_id
    services.meetings.set_attendees(
        meeting.id, [AttendeeInput("Bruno PETIT", "Ménage", person_id=person)], expected_version=meeting.row_version
    )
    services.meetings.internal_minutes(meeting.id)
    assert exports(services, on_agenda) == [("meeting", meeting.id)]
    assert exports(services, attending) == [("meeting", meeting.id)]
    assert exports(services, left) == []


def test_a_partner_copy_sent_is_an_export_in_the_history_of_each_household_named(
    services: Services, landlord: OrganisationView
) -> None:
    named = supported_household(services, landlord)
    grant_all(services, named)
    unnamed, _episode = active_episode(services, start=D(2026, 1, 5))  # no consent: only counted in the copy
    meeting = with_item(services, planned(services), named.household_id, episode_id=named.episode_id)
    meeting = with_item(services, meeting, unnamed)
    copy = services.meetings.partner_copy(meeting.id, landlord.id, recipient_contact_id=named.contact_id)
    services.meetings.record_partner_copy_sent(copy, channel="courrier")
    logged = dict(raw_rows(services, "SELECT household_id, id FROM disclosure"))
    assert set(logged) == {None, named.household_id}
    assert exports(services, named.household_id) == [("disclosure", logged[named.household_id])]
    assert exports(services, unnamed) == []
    assert exports(services, None) == [("disclosure", logged[None])]
