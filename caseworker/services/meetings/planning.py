"""Meeting types and the planning of meetings: cadence and members, next dates, agenda, attendees.

docs/domain.md §11.3. A meeting type has a cadence (the COSI: every three months, plus urgent sessions), standing
members and whether the household attends. A meeting is planned on a date, its attendees pre-filled from the
type's members; its agenda is proposed from the records (:mod:`.agenda`) and edited by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import AuditAction, EpisodeStatus, NoteClass
from caseworker.domain.debrief import AgendaItemKind, MeetingStatus
from caseworker.formats import format_date
from caseworker.models import Episode, GlissementReview, Household, PartnerContact, StaffMember
from caseworker.models.meetings import Meeting, MeetingAttendee, MeetingItem, MeetingType, MeetingTypeMember
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.households.listing import display_names_for
from caseworker.services.identity import staff_display_name
from caseworker.services.meetings.records import (
    audit_meeting,
    claim_meeting,
    claim_row,
    load_meeting,
    meeting_view,
    type_view,
)
from caseworker.services.meetings.views import MeetingSummary, MeetingTypeView, MeetingView, NextDate
from caseworker.services.support.states import RUNNING
from caseworker.services.validation import LABEL_MAX, Problems

MAX_CADENCE_MONTHS = 24
ITEM_LABEL_MAX = 300
"""The longest title of an agenda item (the column's length)."""


@dataclass(frozen=True)
class MemberInput:
    """A standing member: a staff member, a partner contact, or a name typed (one of the three)."""

    staff_member_id: int | None = None
    partner_contact_id: int | None = None
    name: str = ""
    capacity: str = ""


@dataclass(frozen=True)
class MeetingTypeInput:
    """What Paramètres edits on a meeting type (its code stays)."""

    label: str
    cadence_months: int | None
    household_attends: bool
    members: tuple[MemberInput, ...] = ()
    active: bool = True


@dataclass(frozen=True)
class MeetingInput:
    """A meeting to plan."""

    type_code: str
    held_on: date
    place: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class AttendeeInput:
    """One line of the attendance list: an existing line (``id``) or a new one; present or excused."""

    name: str = ""
    capacity: str = ""
    present: bool = True
    id: int | None = None
    staff_member_id: int | None = None
    partner_contact_id: int | None = None
    person_id: int | None = None


@dataclass(frozen=True)
class ItemInput:
    """An item to add to the agenda (an :class:`.views.AgendaProposal` turned into one, or one typed)."""

    kind: AgendaItemKind
    label: str
    household_id: int | None = None
    episode_id: int | None = None
    glissement_review_id: int | None = None
    due_on: date | None = None


def _member_name(session: Session, data: MemberInput | AttendeeInput, problems: Problems, field: str) -> str:
    """The name printed for a member: the staff member's or the contact's, else the name typed."""
    given = [data.staff_member_id is not None, data.partner_contact_id is not None]
    if sum(given) > 1:
        problems.add(field, "Un membre est soit un·e salarié·e, soit un contact partenaire, soit un nom saisi.")
        return ""
    if data.staff_member_id is not None:
        staff = session.get(StaffMember, data.staff_member_id)
        if staff is None:
            problems.add(field, "Ce membre de l'équipe est introuvable.")
            return ""
        return staff_display_name(staff.first_name, staff.last_name)
    if data.partner_contact_id is not None:
        contact = session.get(PartnerContact, data.partner_contact_id)
        if contact is None:
            problems.add(field, "Ce contact partenaire est introuvable.")
            return ""
        return staff_display_name(contact.first_name, contact.last_name)
    name = problems.text(field, data.name, label="Nom", max_length=LABEL_MAX)
    if not name:
        problems.add(field, "Indiquez le nom de la personne, ou choisissez-la dans l'annuaire.")
    return name


class MeetingPlanning:
    """Meeting types, planning meetings, their attendees and their agenda by hand."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ----------------------------------------------------------------------------------- meeting types

    def meeting_types(self, *, active_only: bool = True) -> list[MeetingTypeView]:
        """Return the meeting types, in their order."""
        with self._ctx.read() as session:
            query = select(MeetingType).options(selectinload(MeetingType.members))
            if active_only:
                query = query.where(MeetingType.active.is_(True))
            return [type_view(item) for item in session.scalars(query.order_by(MeetingType.sort_order))]

    def update_type(self, code: str, data: MeetingTypeInput, *, expected_version: int) -> MeetingTypeView:
        """Change a meeting type's label, cadence, members and whether the household attends.

        ``expected_version`` is the type's ``row_version`` as read: two people editing the COSI's members at once,
        the second save is refused rather than silently dropping the first one's (docs/domain.md §9.4).
        """
        problems = Problems()
        label = problems.text("label", data.label, label="Intitulé", max_length=LABEL_MAX, required=True)
        if data.cadence_months is not None and not 1 <= data.cadence_months <= MAX_CADENCE_MONTHS:
            problems.add(
                "cadence_months",
                f"Périodicité : indiquez un nombre de mois entre 1 et {MAX_CADENCE_MONTHS}, ou « à la demande ».",
            )
        with self._ctx.transaction() as session:
            type_id = session.scalar(select(MeetingType.id).where(MeetingType.code == code))
            if type_id is None:
                raise NotFoundError("Ce type de réunion n'existe plus.")
            claim_row(session, MeetingType, type_id, expected_version, this="Ce type de réunion", feminine=False)
            meeting_type = session.scalars(
                select(MeetingType).where(MeetingType.id == type_id).options(selectinload(MeetingType.members))
            ).one()
            members = []
            for index, member in enumerate(data.members):
                name = _member_name(session, member, problems, f"members.{index}")
                capacity = problems.text(
                    f"members.{index}.capacity", member.capacity, label="Qualité", max_length=LABEL_MAX
                )
                members.append(
                    MeetingTypeMember(
                        staff_member_id=member.staff_member_id,
                        partner_contact_id=member.partner_contact_id,
                        name=name,
                        capacity=capacity,
                        sort_order=index,
                    )
                )
            problems.raise_if_any()
            meeting_type.label = label
            meeting_type.cadence_months = data.cadence_months
            meeting_type.household_attends = data.household_attends
            meeting_type.active = data.active
            meeting_type.members = members
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "meeting_type",
                meeting_type.id,
                fields=["label", "cadence_months", "household_attends", "active", "members"],
            )
            return type_view(meeting_type)

    def next_dates(self, code: str) -> list[NextDate]:
        """Propose, per household followed, when its next meeting of this type falls (F56), soonest first.

        The last item of the household in a meeting of this type held, plus the cadence; else the start of its
        running episode plus the cadence. A type without a cadence proposes nothing.
        """
        with self._ctx.read() as session:
            meeting_type = session.scalar(select(MeetingType).where(MeetingType.code == code))
            if meeting_type is None:
                raise NotFoundError("Ce type de réunion n'existe plus.")
            if meeting_type.cadence_months is None:
                return []
            cadence = relativedelta(months=meeting_type.cadence_months)
            last_held = dict(
                session.execute(
                    select(MeetingItem.household_id, func.max(Meeting.held_on))
                    .join(Meeting, Meeting.id == MeetingItem.meeting_id)
                    .where(
                        Meeting.meeting_type_id == meeting_type.id,
                        Meeting.status == MeetingStatus.HELD,
                        MeetingItem.household_id.is_not(None),
                    )
                    .group_by(MeetingItem.household_id)
                ).all()
            )
            running = session.execute(
                select(Episode.id, Episode.household_id, Episode.start_date)
                .where(Episode.status.in_(sorted(RUNNING, key=lambda s: s.value)), Episode.start_date.is_not(None))
                .order_by(Episode.start_date, Episode.id)
            ).all()
            first: dict[int, tuple[int, date]] = {}
            for episode_id, household_id, start in running:
                if start is not None:
                    first.setdefault(household_id, (episode_id, start))
            names = display_names_for(session, first)
            proposals = []
            for household_id, (episode_id, start) in first.items():
                last = last_held.get(household_id)
                if last is not None and last >= start:
                    due, basis = last + cadence, f"Dernier passage le {format_date(last)}"
                else:
                    due, basis = start + cadence, f"Début de l'accompagnement le {format_date(start)}"
                proposals.append(NextDate(household_id, names[household_id], episode_id, due, basis))
            return sorted(proposals, key=lambda item: (item.due_on, item.household_name, item.household_id))

    # ----------------------------------------------------------------------------------- meetings

    def plan(self, data: MeetingInput) -> MeetingView:
        """Plan a meeting; its attendees are the type's members (household members join per item)."""
        today = self._ctx.clock.today()
        problems = Problems()
        place = problems.text("place", data.place, label="Lieu", max_length=LABEL_MAX)
        problems.date("held_on", data.held_on, kind=DateKind.PLANNED, label="Date de la réunion", today=today)
        with self._ctx.transaction() as session:
            meeting_type = session.scalar(
                select(MeetingType)
                .where(MeetingType.code == data.type_code)
                .options(selectinload(MeetingType.members).selectinload(MeetingTypeMember.staff_member))
            )
            if meeting_type is None or not meeting_type.active:
                problems.add("type_code", "Type de réunion : choisissez une valeur dans la liste.")
            problems.raise_if_any()
            assert meeting_type is not None
            meeting = Meeting(
                meeting_type_id=meeting_type.id,
                held_on=data.held_on,
                place=place,
                urgent=data.urgent,
                status=MeetingStatus.PLANNED,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            for index, member in enumerate(meeting_type.members):
                name = member.name
                if member.staff_member is not None:
                    name = staff_display_name(member.staff_member.first_name, member.staff_member.last_name)
                elif member.partner_contact is not None:
                    name = staff_display_name(member.partner_contact.first_name, member.partner_contact.last_name)
                meeting.attendees.append(
                    MeetingAttendee(
                        staff_member_id=member.staff_member_id,
                        partner_contact_id=member.partner_contact_id,
                        name=name,
                        capacity=member.capacity,
                        present=True,
                        sort_order=index,
                    )
                )
            session.add(meeting)
            session.flush()
            audit_meeting(session, self._ctx, AuditAction.CREATE, meeting)
            return meeting_view(session, self._ctx, load_meeting(session, meeting.id))

    def cancel(self, meeting_id: int, *, expected_version: int) -> MeetingView:
        """Cancel a planned meeting (it stays in the list, cancelled)."""
        with self._ctx.transaction() as session:
            claim_meeting(session, self._ctx, meeting_id, expected_version)
            meeting = load_meeting(session, meeting_id)
            require_planned(meeting)
            meeting.status = MeetingStatus.CANCELLED
            audit_meeting(session, self._ctx, AuditAction.UPDATE, meeting, "status")
            return meeting_view(session, self._ctx, meeting)

    def meeting(self, meeting_id: int) -> MeetingView:
        """Return one meeting, with the items and notes this reader may see."""
        with self._ctx.read() as session:
            return meeting_view(session, self._ctx, load_meeting(session, meeting_id))

    def upcoming(self, type_code: str | None = None) -> list[MeetingSummary]:
        """Return the meetings planned from today on, soonest first."""
        today = self._ctx.clock.today()
        return self._list(Meeting.held_on >= today, Meeting.status == MeetingStatus.PLANNED, type_code, newest=False)

    def past(self, type_code: str | None = None, *, limit: int = 200) -> list[MeetingSummary]:
        """Return the meetings held, cancelled, or planned before today, newest first."""
        today = self._ctx.clock.today()
        return self._list(
            (Meeting.held_on < today) | (Meeting.status != MeetingStatus.PLANNED),
            None,
            type_code,
            newest=True,
            limit=limit,
        )

    def _list(
        self,
        condition: ColumnElement[bool],
        status: ColumnElement[bool] | None,
        type_code: str | None,
        *,
        newest: bool,
        limit: int = 200,
    ) -> list[MeetingSummary]:
        with self._ctx.read() as session:
            counts = (
                select(MeetingItem.meeting_id, func.count(MeetingItem.id).label("n"))
                .group_by(MeetingItem.meeting_id)
                .subquery()
            )
            query = (
                select(Meeting, MeetingType, func.coalesce(counts.c.n, 0))
                .join(MeetingType, MeetingType.id == Meeting.meeting_type_id)
                .outerjoin(counts, counts.c.meeting_id == Meeting.id)
                .where(condition)
            )
            if status is not None:
                query = query.where(status)
            if type_code is not None:
                query = query.where(MeetingType.code == type_code)
            order = (Meeting.held_on.desc(), Meeting.id.desc()) if newest else (Meeting.held_on, Meeting.id)
            return [
                MeetingSummary(
                    meeting.id,
                    meeting_type.code,
                    meeting_type.label,
                    meeting.held_on,
                    meeting.place,
                    meeting.urgent,
                    meeting.status,
                    int(count),
                )
                for meeting, meeting_type, count in session.execute(query.order_by(*order).limit(limit))
            ]

    # ----------------------------------------------------------------------------------- attendees, agenda

    def set_attendees(
        self, meeting_id: int, attendees: Sequence[AttendeeInput], *, expected_version: int
    ) -> MeetingView:
        """Replace the attendance list (lines kept by ``id``, new ones added, missing ones removed)."""
        with self._ctx.transaction() as session:
            claim_meeting(session, self._ctx, meeting_id, expected_version)
            meeting = load_meeting(session, meeting_id)
            if meeting.status is MeetingStatus.CANCELLED:
                raise TransitionError("Cette réunion est annulée.")
            write_attendees(session, meeting, attendees)
            audit_meeting(session, self._ctx, AuditAction.UPDATE, meeting, "attendees")
            return meeting_view(session, self._ctx, meeting)

    def add_items(self, meeting_id: int, items: Sequence[ItemInput], *, expected_version: int) -> MeetingView:
        """Add items at the end of the agenda of a planned meeting."""
        problems = Problems()
        with self._ctx.transaction() as session:
            claim_meeting(session, self._ctx, meeting_id, expected_version)
            meeting = load_meeting(session, meeting_id)
            require_planned(meeting)
            order = max((item.sort_order for item in meeting.items), default=-1)
            # Items of households this reader does not see are not loaded: count from the stored maximum.
            stored = session.scalar(
                select(func.max(MeetingItem.sort_order)).where(MeetingItem.meeting_id == meeting.id)
            )
            order = max(order, stored if stored is not None else -1)
            added = []
            for index, data in enumerate(items):
                label = problems.text(
                    f"items.{index}.label", data.label, label="Intitulé", max_length=ITEM_LABEL_MAX, required=True
                )
                _check_item_links(session, data, problems, f"items.{index}")
                added.append(
                    MeetingItem(
                        meeting_id=meeting.id,
                        household_id=data.household_id,
                        episode_id=data.episode_id,
                        glissement_review_id=data.glissement_review_id,
                        kind=data.kind,
                        label=label,
                        due_on=data.due_on,
                        sort_order=order + 1 + index,
                        # An item of no household has no referents to read its note: the team does.
                        note_class=NoteClass.REFERENTS if data.household_id is not None else NoteClass.EQUIPE,
                    )
                )
            problems.raise_if_any()
            session.add_all(added)
            session.flush()
            for item in added:
                audit.record(
                    session, self._ctx, AuditAction.CREATE, "meeting_item", item.id, household_id=item.household_id
                )
            session.expire(meeting, ["items"])
            return meeting_view(session, self._ctx, load_meeting(session, meeting.id))

    def running_support(self, household_id: int) -> int | None:
        """Return the running support of a household this reader sees (the earliest when several run), else None.

        An item typed by hand about the household names it, so that the minutes may decide on it (an extension, a
        change of intensity…), as :meth:`next_dates` takes it. A household the reader may not see has none here
        (the session's conditions locally, row-level security on the team's server).
        """
        with self._ctx.read() as session:
            return session.scalars(
                select(Episode.id)
                .where(Episode.household_id == household_id, Episode.status.in_(sorted(RUNNING, key=lambda s: s.value)))
                .order_by(Episode.start_date, Episode.id)
                .limit(1)
            ).first()

    def remove_item(self, meeting_id: int, item_id: int, *, expected_version: int) -> MeetingView:
        """Take an item off the agenda of a planned meeting."""
        with self._ctx.transaction() as session:
            claim_meeting(session, self._ctx, meeting_id, expected_version)
            meeting = load_meeting(session, meeting_id)
            require_planned(meeting)
            item = next((row for row in meeting.items if row.id == item_id), None)
            if item is None:
                raise NotFoundError("Ce point de l'ordre du jour n'existe plus.")
            meeting.items.remove(item)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.DELETE, "meeting_item", item_id, household_id=item.household_id
            )
            return meeting_view(session, self._ctx, meeting)

    def reorder_items(self, meeting_id: int, item_ids: Sequence[int], *, expected_version: int) -> MeetingView:
        """Put the items this reader sees in the order given (the others keep their places among them)."""
        with self._ctx.transaction() as session:
            claim_meeting(session, self._ctx, meeting_id, expected_version)
            meeting = load_meeting(session, meeting_id)
            if meeting.status is MeetingStatus.CANCELLED:
                raise TransitionError("Cette réunion est annulée.")
            items = {item.id: item for item in meeting.items}
            if sorted(item_ids) != sorted(items):
                raise ValidationError({"items": "L'ordre du jour a changé entre-temps : rouvrez la réunion."})
            slots = sorted(item.sort_order for item in items.values())
            for slot, item_id in zip(slots, item_ids, strict=True):
                items[item_id].sort_order = slot
            audit_meeting(session, self._ctx, AuditAction.UPDATE, meeting, "items")
            session.flush()
            session.expire(meeting, ["items"])
            return meeting_view(session, self._ctx, load_meeting(session, meeting.id))


def require_planned(meeting: Meeting) -> None:
    """Refuse to change the agenda of a meeting held or cancelled."""
    if meeting.status is MeetingStatus.HELD:
        raise TransitionError("Cette réunion est déjà tenue : son ordre du jour ne change plus.")
    if meeting.status is MeetingStatus.CANCELLED:
        raise TransitionError("Cette réunion est annulée.")


def _check_item_links(session: Session, data: ItemInput, problems: Problems, field: str) -> None:
    """An item's episode and glissement review must be its household's (and the household one this reader sees)."""
    if data.household_id is None:
        if (
            data.episode_id is not None
            or data.glissement_review_id is not None
            or data.kind is not AgendaItemKind.SITUATION
        ):
            problems.add(field, "Ce point concerne un ménage : indiquez lequel.")
        return
    if data.episode_id is not None:
        episode = session.get(Episode, data.episode_id)
        if episode is None or episode.household_id != data.household_id:
            problems.add(field, "Cet accompagnement n'appartient pas à ce ménage.")
        elif data.kind is AgendaItemKind.ADMISSION and episode.status not in {
            EpisodeStatus.ORIENTATION_RECUE,
            EpisodeStatus.EN_ATTENTE,
        }:
            problems.add(field, "Seule une orientation reçue ou en attente passe en commission d'admission.")
    if data.glissement_review_id is not None:
        review = session.get(GlissementReview, data.glissement_review_id)
        if review is None or review.household_id != data.household_id:
            problems.add(field, "Cette revue de glissement n'appartient pas à ce ménage.")
    if session.scalar(select(Household.id).where(Household.id == data.household_id)) is None:
        problems.add(field, "Ce ménage est introuvable.")


def write_attendees(session: Session, meeting: Meeting, attendees: Sequence[AttendeeInput]) -> None:
    """Replace the attendance list of a loaded meeting (refuses, with French messages, what cannot be stored)."""
    problems = Problems()
    existing = {item.id: item for item in meeting.attendees}
    kept: list[MeetingAttendee] = []
    for index, data in enumerate(attendees):
        capacity = problems.text(f"attendees.{index}.capacity", data.capacity, label="Qualité", max_length=LABEL_MAX)
        if data.id is not None:
            row = existing.get(data.id)
            if row is None:
                problems.add(f"attendees.{index}", "Cette ligne de la liste de présence n'existe plus.")
                continue
            row.present = data.present
            row.capacity = capacity
            row.sort_order = index
            kept.append(row)
            continue
        if data.person_id is not None:
            name = problems.text(f"attendees.{index}", data.name, label="Nom", max_length=LABEL_MAX, required=True)
        else:
            name = _member_name(session, data, problems, f"attendees.{index}")
        kept.append(
            MeetingAttendee(
                staff_member_id=data.staff_member_id,
                partner_contact_id=data.partner_contact_id,
                person_id=data.person_id,
                name=name,
                capacity=capacity,
                present=data.present,
                sort_order=index,
            )
        )
    problems.raise_if_any()
    meeting.attendees = kept
