"""Automatic tasks: made once each, owned by the coordinator, closed by themselves (docs/domain.md §11.2)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import update

from caseworker.domain import AuditAction, ReviewKind
from caseworker.domain.debrief import AutomaticReason, TaskOrigin, TaskStatus
from caseworker.models import Household, StaffMember, TeamMembership
from caseworker.services import Services
from caseworker.services.directory import OrganisationView
from caseworker.services.households import PersonInput
from caseworker.services.sharing import ConsentInput
from caseworker.services.support import ContactInput, SuspensionInput
from caseworker.services.tasks import RefreshCounts, TaskRow
from caseworker.services.tasks import automatic as automatic_module
from tests.services.builders import FILED, TODAY
from tests.services.conftest import ActAs
from tests.services.support.test_episodes import team_lead
from tests.services.support.test_my_households import contact, followed
from tests.services.tasks.test_tasks import colleague, on_team
from tests.support import FixedClock
from tests.support.row_versions import current_version

D = date


def automatic(services: Services, reason: AutomaticReason) -> list[TaskRow]:
    return [
        row
        for row in services.tasks.my_tasks(recently_closed=True)
        if row.origin is TaskOrigin.AUTOMATIC and row.reason is reason
    ]


def test_planned_end_and_reviews_once_each_then_closed_when_held(services: Services) -> None:
    household = followed(services, "Anne", start=D(2026, 1, 1))  # AVDL 6 months: ends 30 June
    contact(services, household, TODAY)
    first = services.automatic_tasks.refresh()
    assert first.made > 0
    assert services.automatic_tasks.refresh() == RefreshCounts(made=0, closed=0)  # a second run makes no second one

    (end,) = automatic(services, AutomaticReason.PLANNED_END)
    assert end.title == "Décision : sortie, prolongation ou passage de relais (fin prévue le 30/06/2026)"
    assert (end.due_on, end.due_in_words, end.household_id) == (D(2026, 6, 30), "dans 15 jours", household)
    assert end.origin_label == "Automatique — Fin prévue dans 30 jours"
    assert end.created_by_name == ""
    reviews = {row.due_on: row for row in automatic(services, AutomaticReason.REVIEW)}
    # The entry review (1 February) is more than 90 days old: the first run does not bury anyone under it.
    assert sorted(reviews) == [D(2026, 4, 1), D(2026, 5, 30)]
    assert reviews[D(2026, 5, 30)].title == "Bilan de fin à tenir le 30/05/2026"
    assert reviews[D(2026, 5, 30)].overdue

    episode = services.episodes.episodes_for(household)[0]
    services.episodes.record_review(
        episode.id,
        kind=ReviewKind.END,
        due_on=D(2026, 5, 30),
        held_on=D(2026, 6, 10),
        expected_version=current_version(services.episodes, "record_review", episode.id),
    )
    assert services.automatic_tasks.refresh().closed == 1
    closed = next(row for row in automatic(services, AutomaticReason.REVIEW) if row.due_on == D(2026, 5, 30))
    assert closed.status is TaskStatus.DONE
    assert closed.closed_by_name == "" and closed.closed_at is not None
    assert closed.close_note == "Fermée automatiquement : le bilan a été tenu (ou sa date a changé)."


def test_a_task_closed_by_hand_is_not_made_again(services: Services) -> None:
    followed(services, "Anne", start=D(2026, 1, 1))
    services.automatic_tasks.refresh()
    (end,) = automatic(services, AutomaticReason.PLANNED_END)
    services.tasks.cancel_task(end.id, expected_version=end.row_version, reason="Vu en COSI")
    assert services.automatic_tasks.refresh().made == 0
    assert [row.status for row in automatic(services, AutomaticReason.PLANNED_END)] == [TaskStatus.CANCELLED]


def test_a_concurrent_run_never_makes_a_second_one_nor_fails(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    followed(services, "Anne", start=D(2026, 1, 1))
    made = services.automatic_tasks.refresh().made
    # A colleague's run that read the keys before this one committed: the database skips what meets the key.
    monkeypatch.setattr(automatic_module, "_existing_keys", lambda session, wanted: set())
    assert made > 0
    assert services.automatic_tasks.refresh() == RefreshCounts(made=0, closed=0)
    assert len(automatic(services, AutomaticReason.PLANNED_END)) == 1


def test_no_contact_threshold_task_closes_on_a_successful_contact(services: Services) -> None:
    household = followed(services, "Anne", start=D(2026, 6, 1))  # renforcé: 7 days
    contact(services, household, D(2026, 6, 3), outcome="porte_close")
    services.automatic_tasks.refresh()
    (task,) = automatic(services, AutomaticReason.NO_CONTACT)
    assert task.title == (
        "Aller vers le ménage : aucun contact depuis le début de l'accompagnement (seuil de 7 jours dépassé)"
    )
    assert task.due_on == D(2026, 6, 9)
    moment = datetime.combine(TODAY, time(9, 0)).astimezone(timezone.utc)
    services.contacts.record_contact(
        household, ContactInput(occurred_at=moment, type_code="visite_domicile", outcome_code="rencontre")
    )
    assert services.automatic_tasks.refresh().closed == 1
    (task,) = automatic(services, AutomaticReason.NO_CONTACT)
    assert task.status is TaskStatus.DONE
    assert task.close_note == "Fermée automatiquement : un contact a eu lieu."


def test_suspension_review_and_its_end(services: Services) -> None:
    household = followed(services, "Anne", start=D(2026, 1, 5))
    episode = services.episodes.episodes_for(household)[0]
    services.episodes.suspend(
        episode.id,
        SuspensionInput(D(2026, 6, 1), "hospitalisation", D(2026, 6, 20)),
        expected_version=current_version(services.episodes, "suspend", episode.id),
    )
    services.automatic_tasks.refresh()
    (task,) = automatic(services, AutomaticReason.SUSPENSION_REVIEW)
    assert (task.title, task.due_in_words) == ("Revue de la suspension prévue le 20/06/2026", "dans 5 jours")
    assert automatic(services, AutomaticReason.NO_CONTACT) == []  # a suspended episode pauses the threshold
    services.episodes.resume(
        episode.id, on=TODAY, expected_version=current_version(services.episodes, "resume", episode.id)
    )
    services.automatic_tasks.refresh()
    assert automatic(services, AutomaticReason.SUSPENSION_REVIEW)[0].status is TaskStatus.DONE


def test_expiries_of_the_numero_unique_and_the_titre_de_sejour(services: Services) -> None:
    household = followed(services, "Anne", start=D(2026, 6, 1))
    with services.context.transaction() as session:
        session.execute(
            update(Household)
            .where(Household.id == household)
            .values(numero_unique="035-123-45-6789", numero_unique_expires_on=D(2026, 7, 1))
        )
    member = services.households.open_file(household).members[0]
    services.households.update_person(
        member.person_id,
        PersonInput(
            first_name="Anne",
            last_name="Durand",
            birth_year=1985,
            administrative_status_code="titre_sejour",
            administrative_status_deadline=D(2026, 7, 10),
        ),
        household_id=household,
        expected_version=current_version(services.households, "update_person", member.person_id),
    )
    services.automatic_tasks.refresh()
    (numero,) = automatic(services, AutomaticReason.NUMERO_UNIQUE_EXPIRY)
    assert numero.due_on == D(2026, 7, 1)
    (permit,) = automatic(services, AutomaticReason.RESIDENCE_PERMIT_EXPIRY)
    assert permit.due_on == D(2026, 7, 10)
    with services.context.transaction() as session:  # renewed: the expiry moves a year on
        session.execute(
            update(Household).where(Household.id == household).values(numero_unique_expires_on=D(2027, 7, 1))
        )
    assert services.automatic_tasks.refresh().closed == 1
    (numero,) = automatic(services, AutomaticReason.NUMERO_UNIQUE_EXPIRY)
    assert numero.status is TaskStatus.DONE


def test_owner_is_the_coordinator_and_a_referent_runs_only_on_their_households(
    services: Services, act_as: ActAs
) -> None:
    claire = services.context.actor.staff_member_id
    mine = followed(services, "Anne", start=D(2026, 1, 1))
    paul = colleague(services)
    on_team(services, mine, paul.id)  # on Anne's team too, not coordinating
    act_as(services, paul.id)
    theirs = followed(services, "Bruno", start=D(2026, 1, 1))  # Paul coordinates; Claire does not see it
    act_as(services, claire)
    services.automatic_tasks.refresh()
    (end,) = automatic(services, AutomaticReason.PLANNED_END)
    assert end.owner_id == claire and end.household_id == mine
    act_as(services, paul.id)
    assert [row for row in services.tasks.my_tasks() if row.origin is TaskOrigin.AUTOMATIC] == []
    assert services.automatic_tasks.refresh().made > 0  # Paul's run makes his household's, not Claire's again
    assert {row.household_id for row in automatic(services, AutomaticReason.PLANNED_END)} == {theirs}
    act_as(services, claire)
    assert {row.household_id for row in services.tasks.my_tasks()} == {mine}


def test_a_consent_expiring_gets_a_task_closed_by_its_renewal(services: Services, landlord: OrganisationView) -> None:
    household = followed(services, "Anne", start=D(2026, 6, 1))
    person = services.households.open_file(household).members[0].person_id
    consent = ConsentInput(person, landlord.id, ("identite",), "Fiche navette")
    services.consents.record_granted(
        household, consent, signed_on=D(2025, 7, 6), expires_on=D(2026, 7, 5), filing=FILED
    )
    services.automatic_tasks.refresh()
    (task,) = automatic(services, AutomaticReason.CONSENT_EXPIRY)
    assert task.title == f"Consentement qui expire le 05/07/2026, à renouveler — {landlord.name}"
    services.consents.record_granted(household, consent, signed_on=TODAY, expires_on=D(2027, 6, 14), filing=FILED)
    assert services.automatic_tasks.refresh().closed == 1
    (task,) = automatic(services, AutomaticReason.CONSENT_EXPIRY)
    assert task.status is TaskStatus.DONE


def test_a_volunteers_run_leaves_the_consent_tasks_alone(
    services: Services, landlord: OrganisationView, act_as: ActAs
) -> None:
    household = followed(services, "Anne", start=D(2026, 6, 1))
    person = services.households.open_file(household).members[0].person_id
    consent = ConsentInput(person, landlord.id, ("identite",), "Fiche navette")
    services.consents.record_granted(
        household, consent, signed_on=D(2025, 7, 6), expires_on=D(2026, 7, 5), filing=FILED
    )
    services.automatic_tasks.refresh()
    claire = services.context.actor.staff_member_id
    volunteer = colleague(services, "Léa", "Bénévole", role="benevole")
    on_team(services, household, volunteer.id)
    act_as(services, volunteer.id)
    assert services.automatic_tasks.refresh().closed == 0  # a consent they may not read is not known renewed
    act_as(services, claire)
    (task,) = automatic(services, AutomaticReason.CONSENT_EXPIRY)
    assert task.status is TaskStatus.OPEN


def test_an_automatic_task_moved_to_another_day_is_not_made_again(services: Services) -> None:
    followed(services, "Anne", start=D(2026, 1, 1))
    services.automatic_tasks.refresh()
    (end,) = automatic(services, AutomaticReason.PLANNED_END)
    services.tasks.change_task(end.id, expected_version=end.row_version, due_on=D(2026, 12, 1))
    assert services.automatic_tasks.refresh() == RefreshCounts(made=0, closed=0)
    assert [row.due_on for row in automatic(services, AutomaticReason.PLANNED_END)] == [D(2026, 12, 1)]


def leave_team(services: Services, household_id: int, staff_id: int) -> None:
    """End ``staff_id``'s membership yesterday (run as someone who stays on the team: they still see the row)."""
    with services.context.transaction() as session:
        session.execute(
            update(TeamMembership)
            .where(TeamMembership.household_id == household_id, TeamMembership.staff_member_id == staff_id)
            .values(end_date=TODAY - timedelta(days=1))
        )


def test_a_volunteer_left_alone_gets_no_automatic_task_an_active_team_lead_does(
    services: Services, landlord: OrganisationView, act_as: ActAs
) -> None:
    claire = services.context.actor.staff_member_id
    household = followed(services, "Anne", start=D(2026, 1, 1))  # planned end 30 June
    person = services.households.open_file(household).members[0].person_id
    consent = ConsentInput(person, landlord.id, ("identite",), "Fiche navette")
    services.consents.record_granted(
        household, consent, signed_on=D(2025, 7, 6), expires_on=D(2026, 7, 5), filing=FILED
    )
    volunteer = colleague(services, "Léa", "Bénévole", role="benevole")
    on_team(services, household, volunteer.id)
    lead = team_lead(services)
    services.directory.deactivate_staff(lead.id)  # a team lead who has left the service
    act_as(services, volunteer.id)
    leave_team(services, household, claire)  # the coordinator's membership ended: the volunteer is alone
    # No one on the team may hold the planned end, the only team lead is gone: no task rather than a wrong owner.
    assert services.automatic_tasks.refresh().made == 0
    assert services.tasks.my_tasks() == []

    act_as(services, claire)
    with services.context.transaction() as session:  # the team lead is back
        session.execute(update(StaffMember).where(StaffMember.id == lead.id).values(active=True))
    act_as(services, lead.id)
    services.automatic_tasks.refresh()
    (expiry,) = automatic(services, AutomaticReason.CONSENT_EXPIRY)
    (end,) = automatic(services, AutomaticReason.PLANNED_END)
    assert (expiry.owner_id, end.owner_id) == (lead.id, lead.id)
    act_as(services, volunteer.id)
    assert services.tasks.my_tasks() == []


def test_an_open_automatic_task_follows_its_owner_leaving_or_going_inactive(services: Services, act_as: ActAs) -> None:
    claire = services.context.actor.staff_member_id
    household = followed(services, "Anne", start=D(2026, 1, 1))
    paul = colleague(services)
    on_team(services, household, paul.id)
    volunteer = colleague(services, "Léa", "Bénévole", role="benevole")
    on_team(services, household, volunteer.id, coordinator=True)  # named coordinator by mistake: never an owner
    services.automatic_tasks.refresh()
    (end,) = automatic(services, AutomaticReason.PLANNED_END)
    assert end.owner_id == claire  # the active non-volunteer coordinator, before the lower staff ids
    claires = {row.id for row in services.tasks.my_tasks() if row.origin is TaskOrigin.AUTOMATIC}

    act_as(services, paul.id)
    leave_team(services, household, claire)
    assert services.automatic_tasks.refresh() == RefreshCounts(made=0, closed=0, handed_over=len(claires))
    assert {row.id for row in services.tasks.my_tasks() if row.origin is TaskOrigin.AUTOMATIC} == claires
    (moved,) = automatic(services, AutomaticReason.PLANNED_END)
    assert (moved.id, moved.owner_id, moved.row_version) == (end.id, paul.id, end.row_version + 1)
    events = [
        (entry.action, entry.fields)
        for entry in services.audit.for_household(household)
        if entry.entity_type == "task" and entry.entity_id == end.id
    ]
    assert (AuditAction.UPDATE, ("owner_id",)) in events
    assert services.automatic_tasks.refresh() == RefreshCounts(made=0, closed=0)  # handed over once
    assert automatic(services, AutomaticReason.PLANNED_END)[0].row_version == moved.row_version

    lead = team_lead(services)
    services.directory.deactivate_staff(paul.id)
    act_as(services, lead.id)
    services.automatic_tasks.refresh()
    (handed,) = automatic(services, AutomaticReason.PLANNED_END)
    assert handed.owner_id == lead.id  # no one left on the team may hold it: the active team lead


def test_a_long_no_contact_breach_still_gets_its_task_once(services: Services, clock: FixedClock) -> None:
    start = TODAY - timedelta(days=120)
    household = followed(services, "Anne", start=start)  # renforcé: 7 days, never reached since the start
    services.automatic_tasks.refresh()
    (task,) = automatic(services, AutomaticReason.NO_CONTACT)
    assert (task.household_id, task.due_on) == (household, start + timedelta(days=8))
    assert task.overdue
    clock.today_value = TODAY + timedelta(days=3)
    assert services.automatic_tasks.refresh().made == 0  # keyed on the breach's start: made once
    assert len(automatic(services, AutomaticReason.NO_CONTACT)) == 1
