"""Tasks and debrief notes: what the morning debrief decides, and « Mes tâches » (docs/domain.md §11.2).

A task has an owner, a due date, optionally a household, and an origin. It is open, then done or cancelled, with
who and when; it is never deleted. Every change names the version it was typed against
(:mod:`caseworker.services.row_versions`) and is audited (names of fields only, never a title or a note).

A task about a household is seen by who sees the household (:mod:`caseworker.services.visibility`, and row-level
security on the team's server): its owner must be able to see it, so the owner of such a task is a current member
of the household's team, or someone who sees every household (the team lead).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, NoteClass
from caseworker.domain.debrief import TaskOrigin, TaskStatus
from caseworker.models import Alert, DebriefNote, Household, Meeting, StaffMember, Task, TeamMembership
from caseworker.services import audit
from caseworker.services.access_policy import on_team_on, role_code_of, sees_all_households
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, TransitionError
from caseworker.services.identity import staff_display_name
from caseworker.services.row_versions import claim_version
from caseworker.services.support.note_access import NoteReader, note_reader
from caseworker.services.tasks.views import DebriefNoteView, TaskRow, staff_names, task_rows
from caseworker.services.validation import LONG_TEXT_MAX, SHORT_TEXT_MAX, Problems

TITLE_MAX = SHORT_TEXT_MAX  # the column holds 300 characters
CLOSE_NOTE_MAX = SHORT_TEXT_MAX
DEBRIEF_NOTE_MAX = LONG_TEXT_MAX
DEBRIEF_NOTE_CLASS = NoteClass.EQUIPE
"""A debrief note is C2, "visible to the team": read as a team note of the log (a volunteer reads only theirs)."""
RECENTLY_CLOSED_DAYS = 7
"""How long a closed task stays in « Mes tâches » (greyed), so that a task ticked by mistake can be found again."""


@dataclass(frozen=True)
class TaskInput:
    """A new task: who does what by when, about which household (if any), and where it comes from."""

    owner_id: int
    title: str
    due_on: date
    household_id: int | None = None
    origin: TaskOrigin = TaskOrigin.OTHER
    alert_id: int | None = None
    meeting_id: int | None = None


class DebriefChoice(str, Enum):
    """What a decision of the debrief becomes: a task for someone, or a dated note on the household."""

    TASK = "task"
    NOTE = "note"


@dataclass(frozen=True)
class DebriefDecision:
    """A decision taken at the debrief about one household (docs/domain.md §11.2).

    For a task: ``text`` is its title, ``owner_id`` and ``due_on`` are required. For a note: ``text`` is the
    note, ``written_on`` its date (today when None).
    """

    choice: DebriefChoice
    text: str
    owner_id: int | None = None
    due_on: date | None = None
    written_on: date | None = None
    meeting_id: int | None = None


@dataclass(frozen=True)
class DebriefOutcome:
    """What a debrief decision recorded: exactly one of a task or a note."""

    task: TaskRow | None = None
    note: DebriefNoteView | None = None


@dataclass(frozen=True)
class OwnerChoice:
    """Someone a task may be given to, for the dialogs' list."""

    id: int
    name: str
    is_coordinator: bool


class TaskService:
    """Creates, closes and lists tasks; records debrief notes and debrief decisions."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # tasks -----------------------------------------------------------------------------------------------

    def create_task(self, data: TaskInput) -> TaskRow:
        """Record a task (the current person is who created it)."""
        with self._ctx.transaction() as session:
            task = self._create_in(session, data)
            return self._row(session, task)

    def complete_task(self, task_id: int, *, expected_version: int, note: str = "") -> TaskRow:
        """Mark a task done, with an optional note on what was done."""
        problems = Problems()
        cleaned = problems.text("note", note, label="Remarque", max_length=CLOSE_NOTE_MAX)
        problems.raise_if_any()
        return self._close(task_id, TaskStatus.DONE, cleaned, expected_version)

    def cancel_task(self, task_id: int, *, expected_version: int, reason: str) -> TaskRow:
        """Cancel a task that no longer has to be done; why is required (a task is never deleted)."""
        problems = Problems()
        cleaned = problems.text("reason", reason, label="Motif", max_length=CLOSE_NOTE_MAX, required=True)
        problems.raise_if_any()
        return self._close(task_id, TaskStatus.CANCELLED, cleaned, expected_version)

    def change_task(
        self, task_id: int, *, expected_version: int, owner_id: int | None = None, due_on: date | None = None
    ) -> TaskRow:
        """Give an open task to someone else, or move its due date (None leaves each as it is)."""
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Task, task_id, expected_version)
            task = _get(session, task_id)
            if task.status is not TaskStatus.OPEN:
                raise TransitionError("Cette tâche est déjà fermée : elle ne peut plus être modifiée.")
            problems = Problems()
            if due_on is not None:
                problems.date("due_on", due_on, kind=DateKind.PLANNED, label="Échéance", today=self._ctx.clock.today())
            if owner_id is not None:
                self._check_owner(session, problems, owner_id, task.household_id)
            problems.raise_if_any()
            if owner_id is not None:
                task.owner_id = owner_id
            if due_on is not None:
                task.due_on = due_on
            fields = [name for name in audit.changed_attributes(task) if name in ("owner_id", "due_on")]
            if fields:
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.UPDATE,
                    "task",
                    task.id,
                    household_id=task.household_id,
                    fields=fields,
                )
            return self._row(session, task)

    # reading ---------------------------------------------------------------------------------------------

    def my_tasks(self, staff_id: int | None = None, *, recently_closed: bool = False) -> list[TaskRow]:
        """Return a person's open tasks (default: the current person's), overdue first, then by due date.

        Overdue tasks are those due before today: ordering by due date puts them first. With
        ``recently_closed``, the tasks closed in the last seven days follow, newest first.
        """
        owner = staff_id if staff_id is not None else self._ctx.actor.staff_member_id
        if owner is None:
            return []
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            tasks = list(
                session.scalars(
                    select(Task)
                    .where(Task.owner_id == owner, Task.status == TaskStatus.OPEN)
                    .order_by(Task.due_on, Task.id)
                )
            )
            if recently_closed:
                since = self._ctx.clock.now() - timedelta(days=RECENTLY_CLOSED_DAYS)
                tasks += session.scalars(
                    select(Task)
                    .where(
                        Task.owner_id == owner,
                        Task.status.in_([TaskStatus.DONE, TaskStatus.CANCELLED]),
                        Task.closed_at >= since,
                    )
                    .order_by(Task.closed_at.desc(), Task.id.desc())
                )
            return task_rows(session, tasks, today)

    def household_tasks(self, household_id: int, *, include_closed: bool = True) -> list[TaskRow]:
        """Return a household's tasks: the open ones by due date, then the closed ones, newest first."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            _household(session, household_id)
            query = select(Task).where(Task.household_id == household_id)
            if not include_closed:
                query = query.where(Task.status == TaskStatus.OPEN)
            tasks = list(session.scalars(query))
            open_tasks = sorted(
                (task for task in tasks if task.status is TaskStatus.OPEN), key=lambda task: (task.due_on, task.id)
            )
            closed = sorted(
                (task for task in tasks if task.status is not TaskStatus.OPEN),
                key=lambda task: (task.closed_at or task.created_at, task.id),
                reverse=True,
            )
            return task_rows(session, open_tasks + closed, today)

    def owner_choices(self, household_id: int | None = None) -> list[OwnerChoice]:
        """Return who may own a task: the household's current team (coordinator first), else every active member.

        The team lead, who sees every household, is offered too.
        """
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            active = session.execute(
                select(StaffMember.id, StaffMember.first_name, StaffMember.last_name, StaffMember.role_id).where(
                    StaffMember.active.is_(True)
                )
            ).all()
            if household_id is None:
                choices = [OwnerChoice(row[0], staff_display_name(row[1], row[2]), False) for row in active]
            else:
                team = dict(
                    session.execute(
                        select(TeamMembership.staff_member_id, TeamMembership.is_coordinator).where(
                            TeamMembership.household_id == household_id,
                            TeamMembership.staff_member_id.is_not(None),
                            on_team_on(TeamMembership.end_date, today),
                        )
                    ).all()
                )
                choices = [
                    OwnerChoice(row[0], staff_display_name(row[1], row[2]), bool(team.get(row[0], False)))
                    for row in active
                    if row[0] in team or sees_all_households(role_code_of(session, row[0]))
                ]
        return sorted(choices, key=lambda item: (not item.is_coordinator, item.name.casefold(), item.id))

    # debrief notes and decisions -------------------------------------------------------------------------

    def add_debrief_note(
        self, household_id: int, text: str, *, written_on: date | None = None, meeting_id: int | None = None
    ) -> DebriefNoteView:
        """Record a dated debrief note on a household (class C2: the team reads it, never a partner)."""
        with self._ctx.transaction() as session:
            note = self._note_in(session, household_id, text, written_on, meeting_id)
            return _note_view(note, staff_names(session, _ids(note.staff_member_id)), self._reader(session, note))

    def debrief_notes(self, household_id: int) -> list[DebriefNoteView]:
        """Return a household's debrief notes, newest first; the text of one this reader may not read is hidden."""
        with self._ctx.read() as session:
            _household(session, household_id)
            notes = list(
                session.scalars(
                    select(DebriefNote)
                    .where(DebriefNote.household_id == household_id)
                    .order_by(DebriefNote.written_on.desc(), DebriefNote.id.desc())
                )
            )
            names = staff_names(session, {note.staff_member_id for note in notes if note.staff_member_id})
            reader = note_reader(session, self._ctx.actor.staff_member_id, household_id)
            return [_note_view(note, names, reader) for note in notes]

    def record_debrief_decision(self, household_id: int, decision: DebriefDecision) -> DebriefOutcome:
        """Record a debrief decision about a household in one step: a task, or a dated debrief note."""
        with self._ctx.transaction() as session:
            if decision.choice is DebriefChoice.NOTE:
                note = self._note_in(session, household_id, decision.text, decision.written_on, decision.meeting_id)
                names = staff_names(session, _ids(note.staff_member_id))
                return DebriefOutcome(note=_note_view(note, names, self._reader(session, note)))
            problems = Problems()
            if decision.owner_id is None:
                problems.add("owner_id", "Pour : choisissez la personne qui fera la tâche.")
            if decision.due_on is None:
                problems.add("due_on", "Échéance : ce champ est obligatoire.")
            problems.text("text", decision.text, label="Tâche", max_length=TITLE_MAX, required=True)
            problems.raise_if_any()
            assert decision.owner_id is not None and decision.due_on is not None
            data = TaskInput(
                owner_id=decision.owner_id,
                title=decision.text,
                due_on=decision.due_on,
                household_id=household_id,
                origin=TaskOrigin.MEETING if decision.meeting_id is not None else TaskOrigin.DEBRIEF,
                meeting_id=decision.meeting_id,
            )
            task = self._create_in(session, data, title_field="text")
            return DebriefOutcome(task=self._row(session, task))

    # internals -------------------------------------------------------------------------------------------

    def _create_in(self, session: Session, data: TaskInput, *, title_field: str = "title") -> Task:
        problems = Problems()
        title = problems.text(title_field, data.title, label="Tâche", max_length=TITLE_MAX, required=True)
        problems.date("due_on", data.due_on, kind=DateKind.PLANNED, label="Échéance", today=self._ctx.clock.today())
        if data.household_id is not None:
            _household(session, data.household_id)
        self._check_owner(session, problems, data.owner_id, data.household_id)
        if data.alert_id is not None and session.get(Alert, data.alert_id) is None:
            problems.add("alert_id", "Alerte : cette alerte n'existe pas ou ne vous est pas accessible.")
        if data.meeting_id is not None and session.get(Meeting, data.meeting_id) is None:
            problems.add("meeting_id", "Réunion : cette réunion n'existe pas.")
        problems.raise_if_any()
        task = Task(
            owner_id=data.owner_id,
            household_id=data.household_id,
            title=title,
            due_on=data.due_on,
            origin=data.origin,
            status=TaskStatus.OPEN,
            alert_id=data.alert_id,
            meeting_id=data.meeting_id,
            created_at=self._ctx.clock.now(),
            created_by_id=self._ctx.actor.staff_member_id,
            close_note="",
            row_version=1,
        )
        session.add(task)
        session.flush()
        fields = ["owner_id", "title", "due_on", "origin"]
        fields += [name for name in ("household_id", "alert_id", "meeting_id") if getattr(task, name) is not None]
        audit.record(
            session, self._ctx, AuditAction.CREATE, "task", task.id, household_id=data.household_id, fields=fields
        )
        return task

    def _close(self, task_id: int, status: TaskStatus, note: str, expected_version: int) -> TaskRow:
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Task, task_id, expected_version)
            task = _get(session, task_id)
            if task.status is not TaskStatus.OPEN:
                raise TransitionError("Cette tâche est déjà fermée.")
            task.status = status
            task.closed_at = self._ctx.clock.now()
            task.closed_by_id = self._ctx.actor.staff_member_id
            task.close_note = note
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "task",
                task.id,
                household_id=task.household_id,
                fields=("status", "closed_at", "closed_by_id", "close_note"),
            )
            return self._row(session, task)

    def _check_owner(self, session: Session, problems: Problems, owner_id: int, household_id: int | None) -> None:
        """An owner is an active staff member who will see the task (on the household's team, or the team lead)."""
        owner = session.execute(
            select(StaffMember.active, StaffMember.first_name, StaffMember.last_name).where(StaffMember.id == owner_id)
        ).first()
        if owner is None or not owner.active:
            problems.add("owner_id", "Pour : choisissez un professionnel actif.")
            return
        if household_id is None or sees_all_households(role_code_of(session, owner_id)):
            return
        on_team = session.scalar(
            select(TeamMembership.id)
            .where(
                TeamMembership.household_id == household_id,
                TeamMembership.staff_member_id == owner_id,
                on_team_on(TeamMembership.end_date, self._ctx.clock.today()),
            )
            .limit(1)
        )
        if on_team is None:
            name = staff_display_name(owner.first_name, owner.last_name)
            problems.add(
                "owner_id",
                f"Pour : {name} ne fait pas partie de l'équipe de ce ménage et ne verrait pas la tâche ; "
                "ajoutez-le ou ajoutez-la d'abord à l'équipe.",
            )

    def _note_in(
        self, session: Session, household_id: int, text: str, written_on: date | None, meeting_id: int | None
    ) -> DebriefNote:
        today = self._ctx.clock.today()
        problems = Problems()
        cleaned = problems.text(
            "text", text, label="Note de débrief", max_length=DEBRIEF_NOTE_MAX, required=True, multiline=True
        )
        day = written_on or today
        problems.date("written_on", day, kind=DateKind.EVENT, label="Date", today=today)
        _household(session, household_id)
        if meeting_id is not None and session.get(Meeting, meeting_id) is None:
            problems.add("meeting_id", "Réunion : cette réunion n'existe pas.")
        problems.raise_if_any()
        note = DebriefNote(
            household_id=household_id,
            written_on=day,
            text=cleaned,
            staff_member_id=self._ctx.actor.staff_member_id,
            meeting_id=meeting_id,
            created_at=self._ctx.clock.now(),
        )
        session.add(note)
        session.flush()
        audit.record(
            session,
            self._ctx,
            AuditAction.CREATE,
            "debrief_note",
            note.id,
            household_id=household_id,
            fields=("written_on", "text"),
        )
        return note

    def _reader(self, session: Session, note: DebriefNote) -> NoteReader:
        return note_reader(session, self._ctx.actor.staff_member_id, note.household_id)

    def _row(self, session: Session, task: Task) -> TaskRow:
        return task_rows(session, [task], self._ctx.clock.today())[0]


def _get(session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFoundError(f"Tâche introuvable (n° {task_id}).")
    return task


def _household(session: Session, household_id: int) -> None:
    if session.scalar(select(Household.id).where(Household.id == household_id)) is None:
        raise NotFoundError(f"Ménage introuvable (n° {household_id}).")


def _ids(staff_id: int | None) -> set[int]:
    return {staff_id} if staff_id is not None else set()


def _note_view(note: DebriefNote, names: dict[int, str], reader: NoteReader) -> DebriefNoteView:
    """The note as this reader may read it: an *équipe* note whose author is who wrote it (docs/domain.md §5.2)."""
    readable = reader.may_read(DEBRIEF_NOTE_CLASS, note.staff_member_id)
    return DebriefNoteView(
        id=note.id,
        household_id=note.household_id,
        written_on=note.written_on,
        text=note.text if readable else "",
        author_name=names.get(note.staff_member_id, "") if note.staff_member_id is not None else "",
        meeting_id=note.meeting_id,
        text_hidden=not readable,
    )


__all__ = [
    "DebriefChoice",
    "DebriefDecision",
    "DebriefOutcome",
    "OwnerChoice",
    "TaskInput",
    "TaskService",
]
