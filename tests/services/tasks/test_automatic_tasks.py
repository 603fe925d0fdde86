"""Automatic tasks: made once each, owned by the coordinator, closed by themselves (docs/domain.md §11.2)."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest
from sqlalchemy import update

from caseworker.domain import ReviewKind
from caseworker.domain.debrief import AutomaticReason, TaskOrigin, TaskStatus
from caseworker.models import Household
from caseworker.services import Services
from caseworker.services.directory import OrganisationView
from caseworker.services.households import PersonInput
from caseworker.services.sharing import ConsentInput
from caseworker.services.support import ContactInput, SuspensionInput
from caseworker.services.tasks import RefreshCounts, TaskRow
from caseworker.services.tasks import automatic as automatic_module
from tests.services.builders import FILED, TODAY
from tests.services.conftest import ActAs
from tests.services.support.test_my_households import contact, followed
from tests.services.tasks.test_tasks import colleague, on_team
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
