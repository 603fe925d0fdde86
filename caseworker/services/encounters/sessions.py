"""Collective sessions (ateliers): the date, the theme, who ran it, who came (docs/domain.md §14.5, F29).

A session names its facilitators (staff members or partners' contacts: at least one) and its attendees —
households, each as a whole or through a person of theirs (one who is or was a member) — plus people who came
without being named (an anonymous count). None of it is a contact of a measure's activity. Each attendee household's
history shows the session (:meth:`CollectiveSessionService.for_household`, and an audit event carrying its number).

A session is everyone's (it names no household), its attendees are their households': a reader sees only the
attendees of the households they see (docs/domain.md §2). The list still gives each session's **whole** attendance
— a number, never who — counted over every household as caseloads are (:data:`COUNTS_OVER_ALL_HOUSEHOLDS` locally,
:data:`SERVER_FUNCTION` on the team's server); the households one does not see are « n dont m que vous voyez ».
Editing a session changes only the attendees the editor sees: the others stay as they are. Deleting one whose
attendees are not all in sight is refused (a team lead sees them all), so that no household loses an entry of its
history unseen.

The exports count sessions and attendance only, never who attended (:meth:`CollectiveSessionService.figures`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session, joinedload, selectinload

from caseworker.domain import AuditAction
from caseworker.models import (
    CollectiveSession,
    CollectiveSessionAttendee,
    CollectiveSessionFacilitator,
    Household,
    HouseholdMembership,
    Organisation,
    PartnerContact,
    Person,
    SessionTheme,
    StaffMember,
)
from caseworker.services import audit
from caseworker.services.access_policy import TEAM_LEAD_ROLE, role_code_of
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.encounters.history import EncounterKind, HouseholdEncounter
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.households.listing import display_names_for
from caseworker.services.households.queries import PersonChoice, person_choices
from caseworker.services.identity import household_reference, person_display_name, staff_display_name
from caseworker.services.reference import Choice, Picklist, lookup
from caseworker.services.row_versions import claim_version
from caseworker.services.search_text import fold
from caseworker.services.validation import LABEL_MAX, NAME_MAX, Problems
from caseworker.services.visibility import COUNTS_OVER_ALL_HOUSEHOLDS

ENTITY = "collective_session"
ATTENDANCE = "collective_session_attendee"
"""The audit event of one household's attendance: it carries the household's number (its history shows it)."""

MAX_DURATION_MINUTES = 600
MAX_ANONYMOUS = 500
MAX_ATTENDEES = 500
"""More named attendees than this is a typing error (a session gathers a few dozen people at most)."""

SERVER_FUNCTION = "caseworker_session_attendance(integer[])"
"""On the team's server, each session's attendee rows over every household (run with the owner's rights)."""

SERVER_FUNCTION_RETURNS = "TABLE (session_id integer, attendees bigint)"

SERVER_FUNCTION_SQL = (
    "SELECT session_id, count(*) FROM collective_session_attendee WHERE session_id = ANY($1) GROUP BY session_id"
)
"""The body of :data:`SERVER_FUNCTION`: counts only, of the sessions asked for."""


@dataclass(frozen=True)
class SessionAttendeeInput:
    """A household that came: as a whole (``person_id`` None) or through one of its persons."""

    household_id: int
    person_id: int | None = None


@dataclass(frozen=True)
class SessionInput:
    """A session as typed. ``attendees`` are the ones the person typing sees (the others are kept as they are)."""

    held_on: date
    theme_code: str
    title: str = ""
    place: str = ""
    duration_minutes: int | None = None
    staff_ids: tuple[int, ...] = ()
    partner_contact_ids: tuple[int, ...] = ()
    attendees: tuple[SessionAttendeeInput, ...] = ()
    anonymous_count: int = 0


@dataclass(frozen=True)
class FacilitatorView:
    """Who ran a session: a staff member (``staff_member_id``) or a partner's contact (``partner_contact_id``)."""

    staff_member_id: int | None
    partner_contact_id: int | None
    name: str  # "Claire MARTIN", or "Luc MORIN (Habitat 35)" for a partner


@dataclass(frozen=True)
class SessionAttendeeView:
    """An attendee the reader sees: the household (name, number) and whom of it, "" for the household."""

    household_id: int
    household_name: str
    reference: str
    person_id: int | None
    person_name: str


@dataclass(frozen=True)
class SessionSummary:
    """One session as the list shows it, with its attendance.

    ``named_seen`` counts the attendees of households the reader sees, ``named_total`` those of every household
    (a number only): the difference are people of households the reader does not follow.
    """

    id: int
    held_on: date
    theme_code: str
    theme_label: str
    title: str
    place: str
    duration_minutes: int | None
    facilitators: tuple[FacilitatorView, ...]
    named_seen: int
    named_total: int
    anonymous_count: int
    row_version: int

    @property
    def total(self) -> int:
        """Everyone who came: the named attendees of every household and the anonymous ones."""
        return self.named_total + self.anonymous_count

    @property
    def hidden(self) -> int:
        """The named attendees of households the reader does not see."""
        return self.named_total - self.named_seen


@dataclass(frozen=True)
class SessionView:
    """A session as its dialog edits it: the summary, the attendees the reader sees, whether they may delete it."""

    summary: SessionSummary
    attendees: tuple[SessionAttendeeView, ...]
    created_by_id: int | None
    may_delete: bool

    @property
    def id(self) -> int:
        """The session's number."""
        return self.summary.id

    @property
    def row_version(self) -> int:
        """The version the dialog's save is typed against."""
        return self.summary.row_version


@dataclass(frozen=True)
class ThemeFigures:
    """One theme's sessions and attendances over a period."""

    theme_code: str
    theme_label: str
    sessions: int
    attendances: int


@dataclass(frozen=True)
class SessionFigures:
    """The sessions of a period in counts only (the funders' export: never who attended)."""

    sessions: int
    named_attendances: int
    anonymous_attendances: int
    households: int
    by_theme: tuple[ThemeFigures, ...]

    @property
    def attendances(self) -> int:
        """Every attendance: named and anonymous."""
        return self.named_attendances + self.anonymous_attendances


class CollectiveSessionService:
    """Records collective sessions, corrects and deletes them, lists them and counts them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def themes(self) -> list[Choice]:
        """Return the active themes, in the picklist's order."""
        with self._ctx.read() as session:
            rows = session.scalars(
                select(SessionTheme)
                .where(SessionTheme.active.is_(True))
                .order_by(SessionTheme.sort_order, SessionTheme.label)
            )
            return [Choice(theme.code, theme.label) for theme in rows]

    def persons_for(self, household_id: int) -> list[PersonChoice]:
        """Return whom of a household may have come: its current members in its order, then who left."""
        with self._ctx.read() as session:
            return person_choices(session, household_id)

    def sessions_between(self, period_start: date, period_end: date) -> list[SessionSummary]:
        """Return the sessions held in the period (both days included), newest first, with their attendance."""
        with self._ctx.read() as session:
            rows = session.scalars(
                _with_relations(select(CollectiveSession))
                .where(CollectiveSession.held_on >= period_start, CollectiveSession.held_on <= period_end)
                .order_by(CollectiveSession.held_on.desc(), CollectiveSession.id.desc())
            ).all()
            return _summaries(session, rows)

    def session(self, session_id: int) -> SessionView:
        """Return one session with the attendees the reader sees."""
        with self._ctx.read() as session:
            return self._view(session, _load(session, session_id))

    def create_session(self, data: SessionInput) -> SessionView:
        """Record a session that was held."""
        problems = _checked(data, self._ctx.clock.today())
        with self._ctx.transaction() as session:
            found = _found(session, data, problems)
            problems.raise_if_any()
            record = CollectiveSession(created_by_id=self._ctx.actor.staff_member_id)
            _fill(record, data, found)
            session.add(record)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, ENTITY, record.id)
            for attendee in data.attendees:
                self._add_attendee(session, record.id, attendee)
            return self._view(session, _load(session, record.id))

    def update_session(self, session_id: int, data: SessionInput, *, expected_version: int) -> SessionView:
        """Correct a session; its attendees become ``data.attendees`` among those the editor sees.

        The attendees of households the editor does not see are not theirs to change: they stay as they are.
        """
        problems = _checked(data, self._ctx.clock.today())
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, CollectiveSession, session_id, expected_version)
            record = _load(session, session_id)
            found = _found(session, data, problems)
            problems.raise_if_any()
            before = _facilitator_keys(record.facilitators)
            _fill(record, data, found)
            changed = audit.changed_attributes(record)
            if _facilitator_keys(record.facilitators) != before:
                changed.append("facilitators")
            seen = _attendees_of(session, session_id)  # the rows of households the editor sees
            wanted = {(item.household_id, item.person_id) for item in data.attendees}
            kept = {(row.household_id, row.person_id) for row in seen}
            removed = [row for row in seen if (row.household_id, row.person_id) not in wanted]
            added = [item for item in data.attendees if (item.household_id, item.person_id) not in kept]
            if removed or added:
                changed.append("attendees")
            for row in removed:
                audit.record(session, self._ctx, AuditAction.DELETE, ATTENDANCE, row.id, household_id=row.household_id)
                session.delete(row)
            session.flush()
            audit.record(session, self._ctx, AuditAction.UPDATE, ENTITY, session_id, fields=changed)
            own_fields = [name for name in changed if name not in ("facilitators", "attendees", "anonymous_count")]
            if own_fields:  # what the history of each household still there shows changed (its date, its theme…)
                gone = {row.id for row in removed}
                for row in seen:
                    if row.id not in gone:
                        audit.record(
                            session,
                            self._ctx,
                            AuditAction.UPDATE,
                            ATTENDANCE,
                            row.id,
                            household_id=row.household_id,
                            fields=own_fields,
                        )
            for attendee in added:
                self._add_attendee(session, session_id, attendee)
            return self._view(session, _load(session, session_id))

    def delete_session(self, session_id: int, *, expected_version: int) -> None:
        """Delete a session recorded by mistake: its creator, or a team lead.

        Refused while some attendees are of households the person does not see (their histories would lose it
        unseen): a team lead sees every household.
        """
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, CollectiveSession, session_id, expected_version)
            record = _load(session, session_id)
            if not self._may_delete(session, record):
                raise TransitionError(
                    "Seuls la personne qui a enregistré cet atelier et un chef de service peuvent le supprimer."
                )
            seen = _attendees_of(session, session_id)
            hidden = _named_totals(session, [session_id]).get(session_id, 0) - len(seen)
            if hidden > 0:
                raise TransitionError(
                    f"Cet atelier compte {_people(hidden)} de ménages que vous ne suivez pas : un chef de service, "
                    "qui les voit tous, peut le supprimer."
                )
            for row in seen:
                audit.record(session, self._ctx, AuditAction.DELETE, ATTENDANCE, row.id, household_id=row.household_id)
                session.delete(row)
            session.delete(record)
            session.flush()
            audit.record(session, self._ctx, AuditAction.DELETE, ENTITY, session_id)

    def for_household(self, household_id: int) -> list[HouseholdEncounter]:
        """Return the sessions a household attended, newest first (« Atelier : Budget — Le bail expliqué »)."""
        with self._ctx.read() as session:
            rows = session.execute(
                select(CollectiveSessionAttendee, CollectiveSession, SessionTheme.label)
                .join(CollectiveSession, CollectiveSession.id == CollectiveSessionAttendee.session_id)
                .join(SessionTheme, SessionTheme.id == CollectiveSession.theme_id)
                .where(CollectiveSessionAttendee.household_id == household_id)
                .order_by(CollectiveSession.held_on.desc(), CollectiveSession.id.desc(), CollectiveSessionAttendee.id)
            ).all()
            names = _person_names(session, [attendee.person_id for attendee, _, _ in rows])
            return [
                HouseholdEncounter(
                    kind=EncounterKind.SESSION,
                    row_id=record.id,
                    occurred_at=_local_noon(record.held_on),
                    detail=_detail(theme_label, record.title),
                    person_name=names.get(attendee.person_id, "") if attendee.person_id is not None else "",
                )
                for attendee, record, theme_label in rows
            ]

    def figures(self, period_start: date, period_end: date) -> SessionFigures:
        """Count the sessions held in the period and their attendance, by theme: counts only, never who.

        Counted over the households the reader sees: the funders' export is made by someone who sees them all
        (:func:`caseworker.services.access_policy.require_exporter`).
        """
        with self._ctx.read() as session:
            held = session.execute(
                select(CollectiveSession.id, CollectiveSession.anonymous_count, SessionTheme.code, SessionTheme.label)
                .join(SessionTheme, SessionTheme.id == CollectiveSession.theme_id)
                .where(CollectiveSession.held_on >= period_start, CollectiveSession.held_on <= period_end)
                .order_by(SessionTheme.sort_order, SessionTheme.label)
            ).all()
            in_period = select(CollectiveSession.id).where(
                CollectiveSession.held_on >= period_start, CollectiveSession.held_on <= period_end
            )
            named = dict(
                session.execute(
                    select(CollectiveSessionAttendee.session_id, func.count())
                    .where(CollectiveSessionAttendee.session_id.in_(in_period))
                    .group_by(CollectiveSessionAttendee.session_id)
                ).all()
            )
            households = session.scalar(
                select(func.count(func.distinct(CollectiveSessionAttendee.household_id))).where(
                    CollectiveSessionAttendee.session_id.in_(in_period)
                )
            )
        themes: dict[str, tuple[str, int, int]] = {}
        for session_id, anonymous, code, label in held:
            _, sessions, attendances = themes.get(code, (label, 0, 0))
            themes[code] = (label, sessions + 1, attendances + int(named.get(session_id, 0)) + anonymous)
        return SessionFigures(
            sessions=len(held),
            named_attendances=sum(int(count) for count in named.values()),
            anonymous_attendances=sum(anonymous for _, anonymous, _, _ in held),
            households=int(households or 0),
            by_theme=tuple(ThemeFigures(code, label, n, a) for code, (label, n, a) in themes.items()),
        )

    # helpers ----------------------------------------------------------------------------------------------------

    def _add_attendee(self, session: Session, session_id: int, attendee: SessionAttendeeInput) -> None:
        row = CollectiveSessionAttendee(
            session_id=session_id, household_id=attendee.household_id, person_id=attendee.person_id
        )
        session.add(row)
        session.flush()
        audit.record(session, self._ctx, AuditAction.CREATE, ATTENDANCE, row.id, household_id=attendee.household_id)

    def _may_delete(self, session: Session, record: CollectiveSession) -> bool:
        me = self._ctx.actor.staff_member_id
        return me is None or record.created_by_id == me or role_code_of(session, me) == TEAM_LEAD_ROLE

    def _view(self, session: Session, record: CollectiveSession) -> SessionView:
        (summary,) = _summaries(session, [record])
        rows = _attendees_of(session, record.id)
        households = display_names_for(session, [row.household_id for row in rows])
        persons = _person_names(session, [row.person_id for row in rows])
        attendees = sorted(
            (
                SessionAttendeeView(
                    household_id=row.household_id,
                    household_name=households.get(row.household_id, ""),
                    reference=household_reference(row.household_id),
                    person_id=row.person_id,
                    person_name=persons.get(row.person_id, "") if row.person_id is not None else "",
                )
                for row in rows
            ),
            key=lambda item: (fold(item.household_name), item.household_id, fold(item.person_name)),
        )
        return SessionView(summary, tuple(attendees), record.created_by_id, self._may_delete(session, record))


@dataclass(frozen=True)
class _Found:
    """What a session input names, found: its theme, its facilitators' rows."""

    theme: SessionTheme | None
    facilitators: list[CollectiveSessionFacilitator]


def _checked(data: SessionInput, today: date) -> Problems:
    """The rules that need no database: a plausible day (held, not planned), short texts, counts in range."""
    problems = Problems()
    problems.date("held_on", data.held_on, kind=DateKind.EVENT, label="Date de l'atelier", today=today)
    problems.text("title", data.title, label="Intitulé", max_length=LABEL_MAX)
    problems.text("place", data.place, label="Lieu", max_length=NAME_MAX)
    duration = data.duration_minutes
    if duration is not None and not 1 <= duration <= MAX_DURATION_MINUTES:
        problems.add("duration_minutes", f"Durée : entre 1 et {MAX_DURATION_MINUTES} minutes.")
    if not 0 <= data.anonymous_count <= MAX_ANONYMOUS:
        problems.add("anonymous_count", f"Participants non nommés : entre 0 et {MAX_ANONYMOUS}.")
    if not data.staff_ids and not data.partner_contact_ids:
        problems.add("facilitators", "Animation : indiquez au moins une personne qui a animé l'atelier.")
    if len(data.attendees) > MAX_ATTENDEES:
        problems.add("attendees", f"Participants : {MAX_ATTENDEES} ménages au plus.")
    pairs = Counter((item.household_id, item.person_id) for item in data.attendees)
    if any(count > 1 for count in pairs.values()):
        problems.add("attendees", "Participants : une même personne ou un même ménage n'est indiqué qu'une fois.")
    whole = {household for household, person in pairs if person is None}
    if any(household in whole for household, person in pairs if person is not None):
        problems.add(
            "attendees",
            "Participants : un ménage est compté en entier ou par ses personnes, pas les deux à la fois.",
        )
    return problems


def _found(session: Session, data: SessionInput, problems: Problems) -> _Found:
    """Find the theme, the facilitators and the attendees' households and persons; say what is not found."""
    theme: SessionTheme | None = None
    try:
        item = lookup(session, Picklist.SESSION_THEME, data.theme_code, field="theme_code", label="Thème")
        assert isinstance(item, SessionTheme)
        theme = item
    except ValidationError as error:  # told with the other problems
        for field, message in error.errors.items():
            problems.add(field, message)
    facilitators = []
    staff = _existing(session, StaffMember.id, data.staff_ids)
    contacts = _existing(session, PartnerContact.id, data.partner_contact_ids)
    if staff != set(data.staff_ids) or contacts != set(data.partner_contact_ids):
        problems.add("facilitators", "Animation : une personne choisie n'existe plus ; choisissez-la à nouveau.")
    for staff_id in dict.fromkeys(data.staff_ids):
        facilitators.append(CollectiveSessionFacilitator(staff_member_id=staff_id))
    for contact_id in dict.fromkeys(data.partner_contact_ids):
        facilitators.append(CollectiveSessionFacilitator(partner_contact_id=contact_id))
    _check_attendees(session, data.attendees, problems)
    return _Found(theme, facilitators)


def _check_attendees(session: Session, attendees: Iterable[SessionAttendeeInput], problems: Problems) -> None:
    """Each household exists (and is seen), each person is or was a member of it."""
    wanted = list(attendees)
    households = {item.household_id for item in wanted}
    seen = _existing(session, Household.id, households)
    if households - seen:
        problems.add("attendees", "Participants : un ménage choisi est introuvable ou ne vous est plus accessible.")
    persons = [(item.household_id, item.person_id) for item in wanted if item.person_id is not None]
    if persons:
        wanted_persons = sorted({person for _, person in persons if 0 < person < 2**31})
        members = {
            (household_id, person_id)
            for household_id, person_id in session.execute(
                select(HouseholdMembership.household_id, HouseholdMembership.person_id).where(
                    HouseholdMembership.person_id.in_(wanted_persons)
                )
            )
        }
        if any(pair not in members for pair in persons if pair[0] in seen):
            problems.add(
                "attendees", "Participants : cette personne n'est pas membre du ménage ; choisissez-en une de la liste."
            )


def _existing(session: Session, column: InstrumentedAttribute[int], ids: Iterable[int]) -> set[int]:
    """The ids of ``ids`` that ``column`` holds (a household: one with a member the reader sees)."""
    wanted = sorted({number for number in ids if 0 < number < 2**31})
    if not wanted:
        return set()
    return set(session.scalars(select(column).where(column.in_(wanted)).distinct()))


def _fill(record: CollectiveSession, data: SessionInput, found: _Found) -> None:
    """Write ``data`` on ``record`` (the problems have been raised)."""
    assert found.theme is not None
    problems = Problems()  # the cleaned texts: checked already
    record.held_on = data.held_on
    record.theme_id = found.theme.id
    record.theme = found.theme
    record.title = problems.text("title", data.title, label="Intitulé", max_length=LABEL_MAX)
    record.place = problems.text("place", data.place, label="Lieu", max_length=NAME_MAX)
    record.duration_minutes = data.duration_minutes
    record.anonymous_count = data.anonymous_count
    if _facilitator_keys(record.facilitators) != _facilitator_keys(found.facilitators):
        record.facilitators = found.facilitators


def _facilitator_keys(rows: Iterable[CollectiveSessionFacilitator]) -> list[tuple[int | None, int | None]]:
    return sorted(
        ((row.staff_member_id, row.partner_contact_id) for row in rows), key=lambda key: (key[0] or 0, key[1] or 0)
    )


def _with_relations(query: Select[CollectiveSession]) -> Select[CollectiveSession]:
    return query.options(joinedload(CollectiveSession.theme), selectinload(CollectiveSession.facilitators))


def _load(session: Session, session_id: int) -> CollectiveSession:
    record = session.scalar(_with_relations(select(CollectiveSession)).where(CollectiveSession.id == session_id))
    if record is None:
        raise NotFoundError("Cet atelier n'existe plus.")
    return record


def _attendees_of(session: Session, session_id: int) -> list[CollectiveSessionAttendee]:
    """The session's attendees of the households the reader sees (the others are filtered out)."""
    return list(
        session.scalars(
            select(CollectiveSessionAttendee)
            .where(CollectiveSessionAttendee.session_id == session_id)
            .order_by(CollectiveSessionAttendee.id)
        )
    )


def _summaries(session: Session, records: Iterable[CollectiveSession]) -> list[SessionSummary]:
    rows = list(records)
    ids = [row.id for row in rows]
    seen = _named_seen(session, ids)
    totals = _named_totals(session, ids)
    names = _facilitator_names(session, rows)
    return [
        SessionSummary(
            id=row.id,
            held_on=row.held_on,
            theme_code=row.theme.code,
            theme_label=row.theme.label,
            title=row.title,
            place=row.place,
            duration_minutes=row.duration_minutes,
            facilitators=tuple(names[facilitator.id] for facilitator in row.facilitators),
            named_seen=seen.get(row.id, 0),
            named_total=max(totals.get(row.id, 0), seen.get(row.id, 0)),
            anonymous_count=row.anonymous_count,
            row_version=row.row_version,
        )
        for row in rows
    ]


def _named_seen(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    query = (
        select(CollectiveSessionAttendee.session_id, func.count())
        .where(CollectiveSessionAttendee.session_id.in_(ids))
        .group_by(CollectiveSessionAttendee.session_id)
    )
    return {int(session_id): int(count) for session_id, count in session.execute(query)}


def _named_totals(session: Session, ids: list[int]) -> dict[int, int]:
    """Each session's attendee rows over every household, seen or not: a number the whole service shares.

    On the team's server through :data:`SERVER_FUNCTION` (row-level security hides the others' rows).
    """
    if not ids:
        return {}
    if session.get_bind().dialect.name == "postgresql":
        call = text("SELECT session_id, attendees FROM caseworker_session_attendance(CAST(:ids AS integer[]))")
        rows = session.execute(call, {"ids": ids}).all()
    else:
        query = (
            select(CollectiveSessionAttendee.session_id, func.count())
            .where(CollectiveSessionAttendee.session_id.in_(ids))
            .group_by(CollectiveSessionAttendee.session_id)
            .execution_options(**{COUNTS_OVER_ALL_HOUSEHOLDS: True})
        )
        rows = session.execute(query).all()
    return {int(session_id): int(count) for session_id, count in rows}


def _facilitator_names(session: Session, records: list[CollectiveSession]) -> dict[int, FacilitatorView]:
    facilitators = [facilitator for record in records for facilitator in record.facilitators]
    staff_ids = {row.staff_member_id for row in facilitators if row.staff_member_id is not None}
    contact_ids = {row.partner_contact_id for row in facilitators if row.partner_contact_id is not None}
    staff = {
        staff_id: staff_display_name(first, last)
        for staff_id, first, last in session.execute(
            select(StaffMember.id, StaffMember.first_name, StaffMember.last_name).where(
                StaffMember.id.in_(sorted(staff_ids))
            )
        )
    }
    contacts = {
        contact_id: f"{staff_display_name(first, last)} ({organisation})"
        for contact_id, first, last, organisation in session.execute(
            select(PartnerContact.id, PartnerContact.first_name, PartnerContact.last_name, Organisation.name)
            .join(Organisation, Organisation.id == PartnerContact.organisation_id)
            .where(PartnerContact.id.in_(sorted(contact_ids)))
        )
    }
    return {
        row.id: FacilitatorView(
            row.staff_member_id,
            row.partner_contact_id,
            staff.get(row.staff_member_id, "")
            if row.staff_member_id is not None
            else contacts.get(row.partner_contact_id or 0, ""),
        )
        for row in facilitators
    }


def _person_names(session: Session, person_ids: Iterable[int | None]) -> dict[int, str]:
    wanted = sorted({person_id for person_id in person_ids if person_id is not None})
    if not wanted:
        return {}
    rows = session.execute(
        select(Person.id, Person.first_name, Person.last_name, Person.pseudonym).where(Person.id.in_(wanted))
    )
    return {person_id: person_display_name(first, last, pseudonym) for person_id, first, last, pseudonym in rows}


def _detail(theme_label: str, title: str) -> str:
    """« Atelier : Droits et devoirs du locataire », with « — its title » when it has one."""
    return f"Atelier : {theme_label}" + (f" — {title}" if title else "")


def _local_noon(day: date) -> datetime:
    """A session held on ``day`` as a moment: that day at noon, local time, in UTC (as every stored time)."""
    return datetime.combine(day, time(12)).astimezone().astimezone(timezone.utc)


def _people(count: int) -> str:
    return "1 participant" if count == 1 else f"{count} participants"
