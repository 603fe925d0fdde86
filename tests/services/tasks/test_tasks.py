"""Tasks, debrief notes and debrief decisions (docs/domain.md §11.2), on both backends."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import select

from caseworker.domain import AuditAction
from caseworker.domain.debrief import TaskOrigin, TaskStatus
from caseworker.models import TeamMembership, TeamRole
from caseworker.services import Services
from caseworker.services.directory import StaffInput, StaffView
from caseworker.services.errors import ConcurrentChangeError, NotFoundError, TransitionError, ValidationError
from caseworker.services.support import ContactInput
from caseworker.services.tasks import DebriefChoice, DebriefDecision, TaskInput, due_in_words
from tests.services.builders import TODAY, new_household, raw_rows
from tests.services.conftest import ActAs
from tests.services.support.test_episodes import with_coordinator

D = date


def colleague(
    services: Services, first: str = "Paul", last: str = "Roux", role: str = "travailleur_social"
) -> StaffView:
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    return services.directory.create_staff(
        StaffInput(first_name=first, last_name=last, role_code=role, organisation_id=own.id)
    )


def on_team(services: Services, household_id: int, staff_id: int, *, coordinator: bool = False) -> None:
    with services.context.transaction() as session:
        role = session.scalars(select(TeamRole).where(TeamRole.code == "referent_social")).one()
        session.add(
            TeamMembership(
                household_id=household_id,
                staff_member_id=staff_id,
                role_id=role.id,
                is_coordinator=coordinator,
                start_date=D(2026, 1, 1),
            )
        )


def my_household(services: Services, name: str = "Anne") -> int:
    household = new_household(services, name, "Durand")
    with_coordinator(services, household.id)
    return household.id


def me(services: Services) -> int:
    staff_id = services.context.actor.staff_member_id
    assert staff_id is not None
    return staff_id


def test_due_in_words() -> None:
    assert due_in_words(TODAY - timedelta(days=3), TODAY) == "en retard de 3 jours"
    assert due_in_words(TODAY - timedelta(days=1), TODAY) == "en retard d'un jour"
    assert due_in_words(TODAY, TODAY) == "aujourd'hui"
    assert due_in_words(TODAY + timedelta(days=1), TODAY) == "demain"
    assert due_in_words(TODAY + timedelta(days=5), TODAY) == "dans 5 jours"


def test_my_tasks_overdue_first_then_by_due_date(services: Services) -> None:
    household = my_household(services)
    later = services.tasks.create_task(TaskInput(me(services), "Appeler la CAF", TODAY + timedelta(days=5), household))
    late = services.tasks.create_task(
        TaskInput(me(services), "Visite à domicile", TODAY - timedelta(days=3), household, TaskOrigin.DEBRIEF)
    )
    today = services.tasks.create_task(TaskInput(me(services), "Écrire au bailleur", TODAY))
    rows = services.tasks.my_tasks()
    assert [row.id for row in rows] == [late.id, today.id, later.id]
    assert [row.due_in_words for row in rows] == ["en retard de 3 jours", "aujourd'hui", "dans 5 jours"]
    assert [row.overdue for row in rows] == [True, False, False]
    assert rows[0].household_name == "DURAND Anne"
    assert rows[0].household_reference
    assert rows[0].origin_label == "Débrief"
    assert rows[1].household_id is None and rows[1].household_name == ""
    assert rows[0].created_by_name == "Claire MARTIN"


def test_complete_cancel_and_change_with_versions_and_audit(services: Services) -> None:
    household = my_household(services)
    paul = colleague(services)
    on_team(services, household, paul.id)
    task = services.tasks.create_task(TaskInput(me(services), "Visite", TODAY + timedelta(days=2), household))
    moved = services.tasks.change_task(
        task.id, expected_version=task.row_version, owner_id=paul.id, due_on=TODAY + timedelta(days=4)
    )
    assert (moved.owner_name, moved.due_in_words, moved.row_version) == ("Paul ROUX", "dans 4 jours", 2)
    with pytest.raises(ConcurrentChangeError, match="Cette tâche a été modifiée"):
        services.tasks.complete_task(task.id, expected_version=task.row_version)
    done = services.tasks.complete_task(task.id, expected_version=moved.row_version, note="Fait avec Paul")
    assert done.status is TaskStatus.DONE and done.closed_by_name == "Claire MARTIN"
    assert done.close_note == "Fait avec Paul" and done.closed_at is not None
    with pytest.raises(TransitionError, match="déjà fermée"):
        services.tasks.cancel_task(task.id, expected_version=done.row_version, reason="Plus utile")
    assert services.tasks.my_tasks(paul.id) == []

    other = services.tasks.create_task(TaskInput(me(services), "Relancer", TODAY, household))
    with pytest.raises(ValidationError, match="Motif : ce champ est obligatoire"):
        services.tasks.cancel_task(other.id, expected_version=other.row_version, reason="  ")
    cancelled = services.tasks.cancel_task(other.id, expected_version=other.row_version, reason="Ménage parti")
    assert cancelled.status_label == "Annulée"
    assert [row.id for row in services.tasks.my_tasks(recently_closed=True)] == [cancelled.id]

    events = [
        (entry.action, entry.entity_type, entry.fields)
        for entry in services.audit.for_household(household)
        if entry.entity_type == "task"
    ]
    assert (AuditAction.CREATE, "task", ("due_on", "household_id", "origin", "owner_id", "title")) in events
    assert (AuditAction.UPDATE, "task", ("due_on", "owner_id")) in events
    assert (AuditAction.UPDATE, "task", ("close_note", "closed_at", "closed_by_id", "status")) in events
    # Closed tasks stay: a task is never deleted.
    assert {row.status for row in services.tasks.household_tasks(household)} == {TaskStatus.DONE, TaskStatus.CANCELLED}


def test_validation_in_french(services: Services) -> None:
    household = my_household(services)
    outsider = colleague(services, "Zoé", "Blanc")
    with pytest.raises(ValidationError) as refused:
        services.tasks.create_task(TaskInput(outsider.id, " ", D(1980, 1, 1), household))
    assert refused.value.errors["title"] == "Tâche : ce champ est obligatoire."
    assert refused.value.errors["due_on"].startswith("Échéance : la date 01/01/1980 n'est pas vraisemblable")
    assert "Zoé BLANC ne fait pas partie de l'équipe de ce ménage" in refused.value.errors["owner_id"]
    with pytest.raises(ValidationError, match="c'est trop long"):
        services.tasks.create_task(TaskInput(me(services), "x" * 301, TODAY))
    with pytest.raises(ValidationError, match="Pour : choisissez un professionnel actif"):
        services.tasks.create_task(TaskInput(999_999, "Appeler", TODAY))
    with pytest.raises(NotFoundError, match="Ménage introuvable"):
        services.tasks.create_task(TaskInput(me(services), "Appeler", TODAY, 999_999))
    assert services.tasks.my_tasks() == []


def test_a_referent_sees_no_task_of_another_teams_household(services: Services, act_as: ActAs) -> None:
    mine = my_household(services)
    paul = colleague(services)
    theirs = new_household(services, "Bruno", "Petit").id
    on_team(services, theirs, paul.id, coordinator=True)
    claire = me(services)
    services.tasks.create_task(TaskInput(claire, "Visite chez Anne", TODAY, mine))
    act_as(services, paul.id)
    task = services.tasks.create_task(TaskInput(paul.id, "Visite chez Bruno", TODAY, theirs))
    act_as(services, claire)
    assert [row.title for row in services.tasks.my_tasks()] == ["Visite chez Anne"]
    assert services.tasks.my_tasks(paul.id) == []  # Paul's task is about a household Claire does not see
    with pytest.raises(NotFoundError):
        services.tasks.household_tasks(theirs)
    with pytest.raises(NotFoundError):
        services.tasks.debrief_notes(theirs)
    with pytest.raises(NotFoundError):
        services.tasks.add_debrief_note(theirs, "Vu au débrief")
    with pytest.raises(ConcurrentChangeError, match="n'est plus accessible"):
        services.tasks.complete_task(task.id, expected_version=task.row_version)
    act_as(services, paul.id)
    assert [row.title for row in services.tasks.my_tasks()] == ["Visite chez Bruno"]


def test_debrief_notes_and_decisions(services: Services) -> None:
    household = my_household(services)
    note = services.tasks.add_debrief_note(household, "Le bailleur a rappelé : dette soldée.")
    assert (note.written_on, note.author_name) == (TODAY, "Claire MARTIN")
    with pytest.raises(ValidationError, match="Note de débrief : ce champ est obligatoire"):
        services.tasks.add_debrief_note(household, "")
    with pytest.raises(ValidationError, match="Date : la date ne peut pas être dans le futur"):
        services.tasks.add_debrief_note(household, "Demain", written_on=TODAY + timedelta(days=1))

    outcome = services.tasks.record_debrief_decision(
        household, DebriefDecision(DebriefChoice.NOTE, "Point fait : RAS", written_on=TODAY - timedelta(days=1))
    )
    assert outcome.task is None and outcome.note is not None
    decided = services.tasks.record_debrief_decision(
        household,
        DebriefDecision(DebriefChoice.TASK, "Visite avant vendredi", owner_id=me(services), due_on=TODAY),
    )
    assert decided.note is None and decided.task is not None
    assert decided.task.origin is TaskOrigin.DEBRIEF and decided.task.household_id == household
    with pytest.raises(ValidationError) as refused:
        services.tasks.record_debrief_decision(household, DebriefDecision(DebriefChoice.TASK, "Visite"))
    assert set(refused.value.errors) == {"owner_id", "due_on"}

    notes = services.tasks.debrief_notes(household)
    assert [item.text for item in notes] == ["Le bailleur a rappelé : dette soldée.", "Point fait : RAS"]
    events = [e.entity_type for e in services.audit.for_household(household) if e.action is AuditAction.CREATE]
    assert events.count("debrief_note") == 2
    # The note's text is never in the audit trail.
    assert not raw_rows(services, "SELECT id FROM audit_event WHERE fields LIKE '%bailleur%'")


def test_recording_a_contact_closes_my_tasks(services: Services) -> None:
    household = my_household(services)
    visit = services.tasks.create_task(TaskInput(me(services), "Visite", TODAY, household))
    call = services.tasks.create_task(TaskInput(me(services), "Appel", TODAY + timedelta(days=3), household))
    assert [row.id for row in services.contacts.open_tasks_for(household)] == [visit.id, call.id]
    moment = datetime.combine(TODAY, time(9, 30)).astimezone(timezone.utc)
    services.contacts.record_contact(
        household,
        ContactInput(occurred_at=moment, type_code="visite_domicile", outcome_code="rencontre"),
        close_task_ids=[visit.id],
    )
    assert [row.id for row in services.contacts.open_tasks_for(household)] == [call.id]
    closed = next(row for row in services.tasks.household_tasks(household) if row.id == visit.id)
    assert closed.status is TaskStatus.DONE
    assert closed.close_note == f"Contact du {TODAY:%d/%m/%Y}"
    assert closed.closed_by_name == "Claire MARTIN"
    assert closed.row_version == 2


def test_a_contact_closes_only_the_persons_own_open_tasks(services: Services, act_as: ActAs) -> None:
    household = my_household(services)
    paul = colleague(services)
    on_team(services, household, paul.id)
    theirs = services.tasks.create_task(TaskInput(paul.id, "Visite de Paul", TODAY, household))
    moment = datetime.combine(TODAY, time(9, 30)).astimezone(timezone.utc)
    with pytest.raises(TransitionError, match="n'est pas à vous"):
        services.contacts.record_contact(
            household,
            ContactInput(occurred_at=moment, type_code="visite_domicile", outcome_code="rencontre"),
            close_task_ids=[theirs.id],
        )
    assert services.contacts.contacts_for(household) == []  # nothing of the contact was saved
    assert services.contacts.open_tasks_for(household, paul.id)[0].status is TaskStatus.OPEN


def test_a_contact_offers_and_closes_only_the_tasks_people_gave_not_the_automatic_ones(services: Services) -> None:
    from tests.services.support.test_my_households import followed

    household = followed(services, "Anne", start=TODAY - timedelta(days=40))  # renforcé, never reached
    services.automatic_tasks.refresh()
    automatic = [row for row in services.tasks.household_tasks(household) if row.origin is TaskOrigin.AUTOMATIC]
    assert automatic, "the check made the household's automatic tasks (the test can fail)"
    visit = services.tasks.create_task(TaskInput(me(services), "Visite", TODAY, household))
    # A visit is not a review: the automatic tasks close by their own condition, never by a tick.
    assert [row.id for row in services.contacts.open_tasks_for(household)] == [visit.id]
    moment = datetime.combine(TODAY, time(9, 30)).astimezone(timezone.utc)
    with pytest.raises(TransitionError):
        services.contacts.record_contact(
            household,
            ContactInput(occurred_at=moment, type_code="visite_domicile", outcome_code="rencontre"),
            close_task_ids=[automatic[0].id],
        )
    assert services.contacts.contacts_for(household) == []


def test_a_volunteer_reads_only_their_own_debrief_notes(services: Services, act_as: ActAs) -> None:
    """A debrief note is an équipe note of its author (docs/domain.md §5.2): rule 2 comes first."""
    household = my_household(services)
    claire = me(services)
    volunteer = colleague(services, "Jean", "Blanc", role="benevole")
    paul = colleague(services)
    on_team(services, household, volunteer.id)
    on_team(services, household, paul.id)
    services.tasks.add_debrief_note(household, "Le bailleur a rappelé : dette soldée.")
    services.tasks.record_debrief_decision(household, DebriefDecision(DebriefChoice.NOTE, "Point fait : RAS"))

    act_as(services, volunteer.id)
    own = services.tasks.add_debrief_note(household, "Accompagné au marché")
    assert (own.text, own.text_hidden) == ("Accompagné au marché", False)
    notes = services.tasks.debrief_notes(household)
    readable = [(note.text, note.author_name) for note in notes if not note.text_hidden]
    assert readable == [("Accompagné au marché", "Jean BLANC")]
    hidden = [note for note in notes if note.text_hidden]
    assert all(note.text == "" for note in hidden)
    # Locally the note is listed, masked; on the team's server its row is not even handed out.
    assert len(hidden) == (0 if services.context.team_mode else 2)
    assert all("bailleur" not in repr(note) and "RAS" not in repr(note) for note in notes)

    act_as(services, paul.id)  # a colleague of the team reads every debrief note, the volunteer's too
    assert sorted(note.text for note in services.tasks.debrief_notes(household)) == [
        "Accompagné au marché",
        "Le bailleur a rappelé : dette soldée.",
        "Point fait : RAS",
    ]
    act_as(services, claire)
    assert not any(note.text_hidden for note in services.tasks.debrief_notes(household))
