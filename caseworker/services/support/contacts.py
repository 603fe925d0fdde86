"""The contact log: visits, calls and failed "aller vers" attempts (docs/domain.md §5).

Times are stored as aware UTC and shown in the laptop's local zone. The off-hours flag is derived from the local
time (outside 08:30–18:30, weekends and public holidays) unless the person sets it.

A note has a class that decides who may read it (:mod:`.note_access`): the whole team, the household's
referents, or health staff. A note the current user may not read comes back empty with ``note_hidden`` set; note
text is never logged and never written to the audit trail (only the names of changed fields are). The
first-contact figures are computed by :mod:`.first_contact`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from caseworker.domain import AuditAction, NoteClass
from caseworker.domain.contacts import ATTEMPT, CANCELLED, REACHED
from caseworker.formats import format_datetime
from caseworker.models import (
    Contact,
    ContactOutcome,
    ContactParticipant,
    ContactType,
    Household,
    Organisation,
    PartnerContact,
    StaffMember,
    TeamMembership,
    Topic,
)
from caseworker.models.base import ReferenceItem
from caseworker.services import audit
from caseworker.services.calendar import is_off_hours
from caseworker.services.calendar.territories import association_territory
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import SUPPORT_ERA_START, DateKind, absurd_date
from caseworker.services.errors import NotFoundError, TransitionError
from caseworker.services.identity import staff_display_name
from caseworker.services.reference import Choice
from caseworker.services.support.aftercare import is_after_care_day
from caseworker.services.support.first_contact import FirstContactStats, first_contact_stats_of
from caseworker.services.support.last_contact import last_reached_days
from caseworker.services.support.note_access import NoteReader, note_reader
from caseworker.services.tasks.closing import close_for_contact, open_tasks_query
from caseworker.services.tasks.views import TaskRow, task_rows
from caseworker.services.validation import LONG_TEXT_MAX, Problems

DEFAULT_TYPE_CODE = "visite_domicile"
DEFAULT_OUTCOME_CODE = "rencontre"

# A laptop clock a few minutes ahead of the clock that stamped "now" must not refuse a contact typed just now.
CLOCK_SKEW = timedelta(minutes=5)
MAX_DURATION_MINUTES = 24 * 60
NOTE_MAX = LONG_TEXT_MAX


# ----------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class ContactInput:
    """What a person records about a contact or an attempt.

    ``occurred_at`` is aware (the UI builds it from local time). No participant at all means "the author alone".
    ``off_hours`` None means "derive it from the local time"; True or False overrides.
    """

    occurred_at: datetime
    type_code: str
    outcome_code: str
    duration_minutes: int | None = None
    participant_staff_ids: tuple[int, ...] = ()
    participant_contact_ids: tuple[int, ...] = ()
    topic_codes: tuple[str, ...] = ()
    note: str = ""
    note_class: NoteClass = NoteClass.REFERENTS
    off_hours: bool | None = None


@dataclass(frozen=True)
class ContactView:
    """A contact as shown in the household's log.

    ``participants`` lists the staff members' names (in the order of ``participant_staff_ids``), then the
    partner contacts' names (in the order of ``participant_contact_ids``). ``note`` is empty when the current user
    may not read it (``note_hidden``).
    """

    id: int
    household_id: int
    occurred_at: datetime
    local_time: datetime
    duration_minutes: int | None
    type_code: str
    type_label: str
    outcome_code: str
    outcome_label: str
    outcome_kind: str
    off_hours: bool
    participants: tuple[str, ...]
    participant_staff_ids: tuple[int, ...]
    participant_contact_ids: tuple[int, ...]
    topic_codes: tuple[str, ...]
    topic_labels: tuple[str, ...]
    note: str
    note_hidden: bool
    note_class: NoteClass
    author_name: str
    after_care: bool = False  # recorded during after-care, outside any support (docs/domain.md §14.1)

    @property
    def is_failed_attempt(self) -> bool:
        """Tell whether this was an "aller vers" attempt without contact (porte close, absent, non joint)."""
        return self.outcome_kind == ATTEMPT


@dataclass(frozen=True)
class ContactChoices:
    """The picklists of the contact form; an outcome's ``flag`` says it is a failed attempt.

    ``reached_outcomes`` are the codes of the outcomes that say the household was reached (neither an attempt nor
    a cancelled contact): only such a contact closes the tasks it is recorded against by default.
    """

    types: list[Choice]
    outcomes: list[Choice]
    topics: list[Choice]
    reached_outcomes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ContradictingContact:
    """A contact recorded at the same minute whose outcome says the opposite (reached vs failed attempt)."""

    contact_id: int
    outcome_label: str
    local_time: datetime


@dataclass(frozen=True)
class ParticipantOption:
    """A partner contact who may be named as a participant (a current member of the household's team)."""

    id: int
    name: str


# ---------------------------------------------------------------------------------------------- service


class ContactService:
    """Records contacts and attempts, lists a household's log and derives the first-contact figures."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # picklists -------------------------------------------------------------------------------------------

    def choices(self) -> ContactChoices:
        """Return the active contact types, outcomes and topics in display order."""
        with self._ctx.read() as session:
            outcomes = list(_active(session, ContactOutcome))
            return ContactChoices(
                types=[Choice(item.code, item.label) for item in _active(session, ContactType)],
                outcomes=[Choice(item.code, item.label, item.kind == ATTEMPT) for item in outcomes],
                topics=[Choice(item.code, item.label) for item in _active(session, Topic)],
                reached_outcomes=frozenset(item.code for item in outcomes if item.kind == REACHED),
            )

    def partner_contacts_for(self, household_id: int) -> list[ParticipantOption]:
        """Return the partner contacts on the household's current team (they may take part in a contact)."""
        with self._ctx.read() as session:
            query = (
                select(PartnerContact.id, PartnerContact.first_name, PartnerContact.last_name, Organisation.name)
                .join(TeamMembership, TeamMembership.partner_contact_id == PartnerContact.id)
                .join(Organisation, Organisation.id == PartnerContact.organisation_id)
                .where(TeamMembership.household_id == household_id, TeamMembership.end_date.is_(None))
                .distinct()
                .order_by(PartnerContact.last_name, PartnerContact.first_name)
            )
            return [
                ParticipantOption(contact_id, _partner_name(first, last, organisation))
                for contact_id, first, last, organisation in session.execute(query)
            ]

    # recording -------------------------------------------------------------------------------------------

    def record_contact(
        self, household_id: int, data: ContactInput, *, close_task_ids: Sequence[int] = ()
    ) -> ContactView:
        """Record a contact or an attempt; the current user is its author.

        ``close_task_ids`` are the recording person's open tasks of this household that the contact answers: they
        are marked done in the same transaction, noted "Contact du jj/mm/aaaa" ("the referent records the visit,
        and the task closes"; :meth:`open_tasks_for` lists them for the dialog). Kept fast on a log of hundreds of
        thousands of contacts: nothing else of the log is read, picklists are found by their unique code, and the
        returned view is built from the rows already loaded.
        """
        author_id = self._ctx.actor.staff_member_id
        with self._ctx.transaction() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
            contact = Contact(household_id=household_id, author_id=author_id)
            names = self._apply(session, contact, data, reader=NoteReader(author_id), is_new=True)
            session.add(contact)
            session.flush()
            fields = ["occurred_at", "type_id", "outcome_id", "off_hours", "note_class"]
            fields += [name for name, given in _optional_fields(contact).items() if given]
            audit.record(
                session, self._ctx, AuditAction.CREATE, "contact", contact.id, household_id=household_id, fields=fields
            )
            if close_task_ids:
                close_for_contact(
                    session, self._ctx, household_id, close_task_ids, contact.occurred_at.astimezone().date()
                )
            return _view(contact, names, NoteReader(author_id))

    def open_tasks_for(self, household_id: int, owner_id: int | None = None) -> list[TaskRow]:
        """Return one person's open tasks of a household (default: the current person's), by due date.

        The contact dialog offers to close them with the contact it records.
        """
        owner = owner_id if owner_id is not None else self._ctx.actor.staff_member_id
        if owner is None:
            return []
        with self._ctx.read() as session:
            tasks = list(session.scalars(open_tasks_query(household_id, owner)))
            return task_rows(session, tasks, self._ctx.clock.today())

    def update_contact(self, contact_id: int, data: ContactInput) -> ContactView:
        """Correct a contact. The author stays; a note the editor may not read can be neither changed nor reclassed."""
        with self._ctx.transaction() as session:
            contact = session.scalar(
                select(Contact)
                .options(selectinload(Contact.topics), selectinload(Contact.participants))
                .where(Contact.id == contact_id)
            )
            if contact is None:
                raise NotFoundError(f"Contact introuvable (n° {contact_id}).")
            reader = self._reader_for(session, contact)
            topics_before = {topic.id for topic in contact.topics}
            participants_before = _participant_keys(contact.participants)
            note_before = contact.note
            names = self._apply(session, contact, data, reader=reader, is_new=False)
            # The note's text is a row of its own (contact_note): its change is the contact's "note".
            changed = set(audit.changed_attributes(contact)) - {"has_note"}
            fields = sorted(changed | ({"note"} if contact.note != note_before else set()))
            if {topic.id for topic in contact.topics} != topics_before:
                fields.append("topics")
            if _participant_keys(contact.participants) != participants_before:
                fields.append("participants")
            session.flush()
            if fields:  # saving an unchanged form is not a change
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.UPDATE,
                    "contact",
                    contact.id,
                    household_id=contact.household_id,
                    fields=fields,
                )
            return _view(contact, names, reader)

    def delete_contact(self, contact_id: int) -> None:
        """Delete a contact recorded by mistake (the audit trail keeps that it existed)."""
        with self._ctx.transaction() as session:
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise NotFoundError(f"Contact introuvable (n° {contact_id}).")
            if contact.has_note and not self._reader_for(session, contact).may_read(
                contact.note_class, contact.author_id
            ):
                # Deleting the contact would destroy a note this person may not even read (docs/domain.md §5.2).
                raise TransitionError(
                    "Ce contact porte une remarque que vous ne pouvez pas lire : seule une personne qui peut la lire "
                    "peut le supprimer."
                )
            household_id = contact.household_id
            session.delete(contact)
            audit.record(session, self._ctx, AuditAction.DELETE, "contact", contact_id, household_id=household_id)

    # reading ---------------------------------------------------------------------------------------------

    def contacts_for(self, household_id: int, *, limit: int | None = None) -> list[ContactView]:
        """Return the household's contacts, newest first (the ``limit`` newest ones when given)."""
        if limit is not None and limit <= 0:
            return []
        with self._ctx.read() as session:
            query = (
                select(Contact)
                .options(
                    joinedload(Contact.type),
                    joinedload(Contact.outcome),
                    selectinload(Contact.topics),
                    selectinload(Contact.participants),
                )
                .where(Contact.household_id == household_id)
                .order_by(Contact.occurred_at.desc(), Contact.id.desc())
            )
            if limit is not None:
                query = query.limit(limit)
            contacts = list(session.scalars(query))
            if not contacts:
                return []
            staff_ids = {contact.author_id for contact in contacts if contact.author_id is not None}
            partner_ids: set[int] = set()
            for contact in contacts:
                staff_ids.update(p.staff_member_id for p in contact.participants if p.staff_member_id is not None)
                partner_ids.update(p.partner_contact_id for p in contact.participants if p.partner_contact_id)
            names = _Names(_staff_names(session, staff_ids), _partner_names(session, partner_ids))
            reader = self._reader(session, household_id)
            return [_view(contact, names, reader) for contact in contacts]

    def contradicting_contact(
        self, household_id: int, occurred_at: datetime, outcome_code: str, *, excluding: int | None = None
    ) -> ContradictingContact | None:
        """Return a contact of the household at the same minute that says the opposite, if any.

        Met ("rencontré", "joint") and not met ("porte close", "absent") cannot both be true at one minute: the
        form asks before saving such a pair (usually a double entry, or the wrong outcome chosen). ``excluding``
        is the contact being corrected.
        """
        if occurred_at.tzinfo is None:
            raise ValueError("occurred_at must be aware")
        if absurd_date(DateKind.EVENT, occurred_at.date(), self._ctx.clock.today()) is not None:
            return None  # no contact is ever stored at such a date (and converting it could leave the calendar)
        start = occurred_at.astimezone(timezone.utc).replace(second=0, microsecond=0)
        with self._ctx.read() as session:
            kind = session.scalar(select(ContactOutcome.kind).where(ContactOutcome.code == outcome_code))
            opposite = {REACHED: ATTEMPT, ATTEMPT: REACHED}.get(kind or "")
            if opposite is None:
                return None
            query = (
                select(Contact.id, ContactOutcome.label, Contact.occurred_at)
                .join(ContactOutcome, ContactOutcome.id == Contact.outcome_id)
                .where(
                    Contact.household_id == household_id,
                    Contact.occurred_at >= start,
                    Contact.occurred_at < start + timedelta(minutes=1),
                    ContactOutcome.kind == opposite,
                )
                .order_by(Contact.occurred_at, Contact.id)
            )
            if excluding is not None and abs(excluding) < 2**63:  # beyond SQLite's integers no contact has that id
                query = query.where(Contact.id != excluding)
            row = session.execute(query.limit(1)).first()
        if row is None:
            return None
        return ContradictingContact(row[0], row[1], row[2].astimezone())

    def first_contact_stats(self, household_id: int, *, since: date | None = None) -> FirstContactStats:
        """Return the first-contact figures of a household, counting contacts on or after ``since`` (local date)."""
        with self._ctx.read() as session:
            query = (
                select(Contact.occurred_at, ContactOutcome.kind)
                .join(ContactOutcome, ContactOutcome.id == Contact.outcome_id)
                .where(Contact.household_id == household_id, ContactOutcome.kind != CANCELLED)
                .order_by(Contact.occurred_at, Contact.id)
            )
            if since is not None:
                # Every stored contact lies between the start of the support era and today: a bound beyond them
                # changes nothing, and clamping it keeps the conversion to local time inside the calendar.
                today = self._ctx.clock.today()
                since = min(max(since, SUPPORT_ERA_START), today + timedelta(days=1))
                query = query.where(Contact.occurred_at >= _local_midnight(since))
            rows = session.execute(query).all()
        return first_contact_stats_of((at.astimezone().date(), kind) for at, kind in rows)

    def last_reached_dates(self, household_ids: Iterable[int]) -> dict[int, date]:
        """Return, per household, the local date of the last contact that reached it (never reached: absent)."""
        with self._ctx.read() as session:
            return last_reached_days(session, household_ids)

    # internals -------------------------------------------------------------------------------------------

    def _reader(self, session: Session, household_id: int) -> NoteReader:
        """Return what the current user may read in this household's notes."""
        return note_reader(session, self._ctx.actor.staff_member_id, household_id)

    def _reader_for(self, session: Session, contact: Contact) -> NoteReader:
        staff_id = self._ctx.actor.staff_member_id
        if staff_id is not None and contact.author_id == staff_id:
            return NoteReader(staff_id)  # the author reads their own notes: no need to ask the database
        return self._reader(session, contact.household_id)

    def _apply(
        self, session: Session, contact: Contact, data: ContactInput, *, reader: NoteReader, is_new: bool
    ) -> _Names:
        """Validate ``data`` and copy it onto ``contact``; return the names needed for the view."""
        problems = Problems()
        occurred_at = self._moment(problems, data.occurred_at)
        if data.duration_minutes is not None and not 0 <= data.duration_minutes <= MAX_DURATION_MINUTES:
            problems.add("duration_minutes", "Durée : entre 0 et 1 440 minutes (24 heures).")
        note = problems.text("note", data.note, label="Remarque", max_length=NOTE_MAX, multiline=True)
        # A note this person may not read is left exactly as it is (on the server they do not even have its text).
        keep_note = not is_new and contact.has_note and not reader.may_read(contact.note_class, contact.author_id)
        if keep_note and (note or data.note_class is not contact.note_class):
            problems.add(
                "note",
                "Remarque : vous n'avez pas accès à cette remarque ; elle ne peut être ni modifiée ni reclassée.",
            )
        contact_type = _pick(
            session, problems, ContactType, data.type_code, keep_id=contact.type_id, field="type_code", label="Type"
        )
        outcome = _pick(
            session,
            problems,
            ContactOutcome,
            data.outcome_code,
            keep_id=contact.outcome_id,
            field="outcome_code",
            label="Issue",
        )
        topics = self._topics(session, problems, contact, data.topic_codes, is_new=is_new)
        staff_ids, partner_ids, names = _participants(session, problems, contact, data)
        problems.raise_if_any()
        assert contact_type is not None and outcome is not None
        # Read before any attribute changes: a query would flush them and the audit would miss them.
        territory = association_territory(session)
        after_care = is_after_care_day(session, contact.household_id, occurred_at.astimezone().date())

        contact.occurred_at = occurred_at
        contact.after_care = after_care
        contact.duration_minutes = data.duration_minutes
        contact.type, contact.type_id = contact_type, contact_type.id
        contact.outcome, contact.outcome_id = outcome, outcome.id
        contact.off_hours = (
            data.off_hours
            if data.off_hours is not None
            else is_off_hours(occurred_at.astimezone(), territory=territory)
        )
        if not keep_note:
            contact.note = note
            contact.note_class = data.note_class
        if is_new or {topic.id for topic in contact.topics} != {topic.id for topic in topics}:
            contact.topics = topics
        wanted = [(staff_id, None) for staff_id in staff_ids] + [(None, partner_id) for partner_id in partner_ids]
        if is_new or _participant_keys(contact.participants) != set(wanted):
            contact.participants = [
                ContactParticipant(staff_member_id=staff_id, partner_contact_id=partner_id)
                for staff_id, partner_id in wanted
            ]
        return names

    def _moment(self, problems: Problems, occurred_at: datetime) -> datetime:
        """Check when the contact took place (an aware datetime, not in the future) and return it in UTC."""
        if occurred_at.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous: pass an aware datetime")
        problems.moment(
            "occurred_at", occurred_at, kind=DateKind.EVENT, label="Date et heure", today=self._ctx.clock.today()
        )
        # An absurd moment is not converted (it may leave the calendar): it is refused below anyway.
        utc = self._ctx.clock.now() if "occurred_at" in problems.errors else occurred_at.astimezone(timezone.utc)
        if utc > self._ctx.clock.now() + CLOCK_SKEW:
            problems.add(
                "occurred_at",
                f"Date et heure : un contact ne peut pas être dans le futur ({format_datetime(utc)}).",
            )
        return utc

    def _topics(
        self, session: Session, problems: Problems, contact: Contact, codes: Sequence[str], *, is_new: bool
    ) -> list[Topic]:
        wanted = list(dict.fromkeys(codes))
        if not wanted:
            return []
        found = {topic.code: topic for topic in session.scalars(select(Topic).where(Topic.code.in_(wanted)))}
        kept = set() if is_new else {topic.id for topic in contact.topics}
        topics = []
        for code in wanted:
            topic = found.get(code)
            if topic is None or (not topic.active and topic.id not in kept):
                problems.add("topic_codes", "Thèmes : un des thèmes cochés n'existe pas ou n'est plus proposé.")
            else:
                topics.append(topic)
        return sorted(topics, key=lambda topic: (topic.sort_order, topic.label))


# ------------------------------------------------------------------------------------------------ helpers


@dataclass(frozen=True)
class _Names:
    """Display names of the staff members and partner contacts a view mentions."""

    staff: dict[int, str]
    partners: dict[int, str]


RefT = TypeVar("RefT", bound=ReferenceItem)


def _participants(
    session: Session, problems: Problems, contact: Contact, data: ContactInput
) -> tuple[tuple[int, ...], tuple[int, ...], _Names]:
    """Check the participants (the author by default) and return the staff and partner ids and their names."""
    staff_ids = tuple(dict.fromkeys(data.participant_staff_ids))
    partner_ids = tuple(dict.fromkeys(data.participant_contact_ids))
    if not staff_ids and not partner_ids and contact.author_id is not None:
        staff_ids = (contact.author_id,)
    wanted_staff = set(staff_ids) | ({contact.author_id} if contact.author_id is not None else set())
    names = _Names(_staff_names(session, wanted_staff), _partner_names(session, set(partner_ids)))
    if any(staff_id not in names.staff for staff_id in staff_ids):
        problems.add("participant_staff_ids", "Participants : un des professionnels choisis n'existe pas.")
    if any(partner_id not in names.partners for partner_id in partner_ids):
        problems.add("participant_contact_ids", "Participants : un des contacts partenaires choisis n'existe pas.")
    return staff_ids, partner_ids, names


def _active(session: Session, model: type[RefT]) -> list[RefT]:
    query = select(model).where(model.active.is_(True)).order_by(model.sort_order, model.label)
    return list(session.scalars(query))


def _pick(
    session: Session,
    problems: Problems,
    model: type[RefT],
    code: str,
    *,
    keep_id: int | None,
    field: str,
    label: str,
) -> RefT | None:
    """Return the picklist entry for ``code``: active, or the one already recorded (a retired entry stays valid)."""
    item = session.scalar(select(model).where(model.code == code)) if code else None
    if item is None or (not item.active and item.id != keep_id):
        problems.add(field, f"{label} : choisissez une valeur dans la liste.")
        return None
    return item


def _staff_name(first: str, last: str) -> str:
    return staff_display_name(first, last)


def _partner_name(first: str, last: str, organisation: str) -> str:
    return f"{_staff_name(first, last)} ({organisation})"


def _staff_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = select(StaffMember.id, StaffMember.first_name, StaffMember.last_name).where(StaffMember.id.in_(ids))
    return {staff_id: _staff_name(first, last) for staff_id, first, last in session.execute(query)}


def _partner_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = (
        select(PartnerContact.id, PartnerContact.first_name, PartnerContact.last_name, Organisation.name)
        .join(Organisation, Organisation.id == PartnerContact.organisation_id)
        .where(PartnerContact.id.in_(ids))
    )
    return {
        contact_id: _partner_name(first, last, organisation)
        for contact_id, first, last, organisation in session.execute(query)
    }


def _participant_keys(participants: Iterable[ContactParticipant]) -> set[tuple[int | None, int | None]]:
    return {(p.staff_member_id, p.partner_contact_id) for p in participants}


def _optional_fields(contact: Contact) -> dict[str, bool]:
    """Names of the optional fields of a new contact, and whether each was filled in."""
    return {
        "duration_minutes": contact.duration_minutes is not None,
        "note": contact.has_note,
        "topics": bool(contact.topics),
        "participants": bool(contact.participants),
    }


def _local_midnight(day: date) -> datetime:
    """Return the start of ``day`` in the local zone, as an aware datetime."""
    return datetime.combine(day, time.min).astimezone()


def _view(contact: Contact, names: _Names, reader: NoteReader) -> ContactView:
    visible = reader.may_read(contact.note_class, contact.author_id)
    hidden = contact.has_note and not visible
    participants = sorted(contact.participants, key=lambda p: (p.staff_member_id is None, p.id or 0))
    staff_ids = tuple(p.staff_member_id for p in participants if p.staff_member_id is not None)
    partner_ids = tuple(p.partner_contact_id for p in participants if p.partner_contact_id is not None)
    topics = sorted(contact.topics, key=lambda topic: (topic.sort_order, topic.label))
    return ContactView(
        id=contact.id,
        household_id=contact.household_id,
        occurred_at=contact.occurred_at,
        local_time=contact.occurred_at.astimezone().replace(tzinfo=None),
        duration_minutes=contact.duration_minutes,
        type_code=contact.type.code,
        type_label=contact.type.label,
        outcome_code=contact.outcome.code,
        outcome_label=contact.outcome.label,
        outcome_kind=contact.outcome.kind,
        off_hours=contact.off_hours,
        participants=tuple(names.staff.get(i, "?") for i in staff_ids)
        + tuple(names.partners.get(i, "?") for i in partner_ids),
        participant_staff_ids=staff_ids,
        participant_contact_ids=partner_ids,
        topic_codes=tuple(topic.code for topic in topics),
        topic_labels=tuple(topic.label for topic in topics),
        note="" if hidden else contact.note,
        note_hidden=hidden,
        note_class=contact.note_class,
        author_name=names.staff.get(contact.author_id, "") if contact.author_id is not None else "",
        after_care=contact.after_care,
    )
