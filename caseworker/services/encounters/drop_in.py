"""The drop-in register (permanence): who came, when, why; the day's and the month's counts (docs/domain.md §14.4).

A visit is **identified** (a household the recorder sees, and the person of it when known: one who is or was a
member) or **anonymous** (an age band and a sex if known). An anonymous visit never creates a person nor a
household: it is one row of ``drop_in_visit`` with no household. Times are stored in UTC; a day is the laptop's
local day, its bounds converted to UTC before the query, so that the index on ``occurred_at`` answers a day or a
month as a range.

Who reads what. The day's list is read through the person's session: a visit to a household they may not see is
filtered out like any of that household's rows (:mod:`caseworker.services.visibility` locally, row-level security
on the team's server), so its name, its number and even the row never reach them. The **counts** are the
service's figures, over every visit: how many came, identified or not, from how many households — never which.
They are read like the caseloads (:mod:`caseworker.services.support.caseloads`): locally one grouped statement
with :data:`~caseworker.services.visibility.COUNTS_OVER_ALL_HOUSEHOLDS`; on the team's server the function
:data:`COUNTS_FUNCTION` of the access rules (the owner's rights, counts only). The day's list says how many visits
it does not show (:attr:`DropInDay.unlisted`): the difference between the counts and the rows seen, a number the
counts already tell. A team lead sees every household: nothing is left out for them.

A visit recorded by mistake is deleted by whoever recorded it or by a team lead, and the deletion is audited.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    SQLColumnExpression,
    case,
    func,
    literal,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session, joinedload

from caseworker.domain import AuditAction
from caseworker.domain.aftercare import AGE_BAND_LABELS, SEX_LABELS, AgeBand, Sex
from caseworker.formats import format_datetime
from caseworker.models import DropInReason, DropInVisit, Person, StaffMember
from caseworker.models.base import UtcDateTime
from caseworker.models.sql import among
from caseworker.services import audit
from caseworker.services.access_policy import TEAM_LEAD_ROLE, role_code_of
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind, absurd_date
from caseworker.services.encounters.history import EncounterKind, HouseholdEncounter
from caseworker.services.errors import NotFoundError, TransitionError
from caseworker.services.households.listing import display_names_for
from caseworker.services.households.queries import PersonChoice, existing_household, person_choices, was_member
from caseworker.services.identity import household_reference, person_display_name, staff_display_name
from caseworker.services.reference import Choice
from caseworker.services.validation import Problems
from caseworker.services.visibility import COUNTS_OVER_ALL_HOUSEHOLDS

ENTITY = "drop_in_visit"
CLOCK_SKEW = timedelta(minutes=5)
"""A visit typed a few minutes ahead of this laptop's clock (another laptop's, a rounded time) is not refused."""

DELETE_REFUSED = "Seuls la personne qui a noté cette visite et un chef de service peuvent la supprimer : demandez-leur."


@dataclass(frozen=True)
class DropInInput:
    """A visit as typed: a household (and a person of it) when identified, else an age band and sex if known.

    ``occurred_at`` is aware (the UI builds it from local time); None means now.
    """

    household_id: int | None = None
    person_id: int | None = None
    age_band: AgeBand | None = None
    sex: Sex | None = None
    reason_code: str = ""
    occurred_at: datetime | None = None


@dataclass(frozen=True)
class DropInVisitView:
    """One visit as the register lists it (only visits the reader may see: an identified one names its household)."""

    id: int
    occurred_at: datetime
    household_id: int | None
    household_name: str
    household_reference: str
    person_id: int | None
    person_name: str
    age_band: AgeBand | None
    sex: Sex | None
    reason_code: str
    reason_label: str
    recorded_by_id: int | None
    recorded_by_name: str
    may_delete: bool

    @property
    def identified(self) -> bool:
        """Whether the visit names a household."""
        return self.household_id is not None

    @property
    def who(self) -> str:
        """The visitor in French: « ÇELIK Hélène (M-000042) », or « Anonyme — femme, 25-34 ans »."""
        if self.household_id is not None:
            person = f" — {self.person_name}" if self.person_name and self.person_name != self.household_name else ""
            return f"{self.household_name} ({self.household_reference}){person}"
        known = [label for label in (self.sex_label.lower(), self.age_band_label) if label]
        return "Anonyme — " + ", ".join(known) if known else "Anonyme"

    @property
    def age_band_label(self) -> str:
        """The age band in French ("" when not known)."""
        return AGE_BAND_LABELS[self.age_band] if self.age_band is not None else ""

    @property
    def sex_label(self) -> str:
        """The sex in French ("" when not known)."""
        return SEX_LABELS[self.sex] if self.sex is not None else ""


@dataclass(frozen=True)
class DropInCounts:
    """Visits over a period: all, identified, anonymous, and the distinct households among the identified ones."""

    visits: int = 0
    identified: int = 0
    households: int = 0

    @property
    def anonymous(self) -> int:
        """Visits that named no household."""
        return self.visits - self.identified


@dataclass(frozen=True)
class DayCounts:
    """One day's counts (a row of the month's table)."""

    day: date
    counts: DropInCounts


@dataclass(frozen=True)
class MonthCounts:
    """A month's counts, and each of its days (every day, those without a visit too)."""

    year: int
    month: int
    total: DropInCounts
    days: tuple[DayCounts, ...]


@dataclass(frozen=True)
class DropInDay:
    """A day of the register: the visits the reader sees (newest first) and the day's counts over every visit."""

    day: date
    visits: tuple[DropInVisitView, ...]
    counts: DropInCounts

    @property
    def unlisted(self) -> int:
        """Visits of households the reader may not see: counted, never listed (no name, no number, no time)."""
        return max(self.counts.visits - len(self.visits), 0)


COUNTS_FUNCTION_NAME = "caseworker_drop_in_counts"
COUNTS_FUNCTION = f"{COUNTS_FUNCTION_NAME}(timestamp without time zone[])"
"""On the team's server, :func:`counts_query` over every household: the bounds (UTC) of consecutive periods."""

COUNTS_FUNCTION_RETURNS = "TABLE (bucket integer, visits bigint, identified bigint, households bigint)"


class DropInService:
    """Records the visits to the drop-in, lists a day's, counts days and months (docs/domain.md §14.4)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ------------------------------------------------------------------------------------------- choices

    def reasons(self) -> list[Choice]:
        """Return the reasons of a visit (the picklist ``drop_in_reason``, active entries) in display order."""
        with self._ctx.read() as session:
            rows = session.scalars(
                select(DropInReason).where(DropInReason.active.is_(True)).order_by(DropInReason.sort_order)
            )
            return [Choice(reason.code, reason.label) for reason in rows]

    def persons_for(self, household_id: int) -> list[PersonChoice]:
        """Return whom of the household a visit may name: the current members, then who left."""
        with self._ctx.read() as session:
            return person_choices(session, household_id)

    # ------------------------------------------------------------------------------------------- writes

    def record_visit(self, data: DropInInput) -> DropInVisitView:
        """Record a visit (identified or anonymous); an anonymous one creates no person and no household."""
        problems = Problems()
        occurred_at = self._moment(problems, data.occurred_at)
        if data.household_id is None:
            if data.person_id is not None:
                problems.add("person_id", "Une visite anonyme ne nomme personne : choisissez d'abord le ménage.")
        elif data.age_band is not None or data.sex is not None:
            message = "L'âge et le sexe se notent seulement pour une visite anonyme."
            problems.add("age_band" if data.age_band is not None else "sex", message)
        with self._ctx.transaction() as session:
            if data.household_id is not None:
                existing_household(session, data.household_id)
                if data.person_id is not None and not was_member(session, data.person_id, data.household_id):
                    problems.add(
                        "person_id", "Cette personne n'est pas membre du ménage : choisissez-en une de la liste."
                    )
            reason = _reason(session, problems, data.reason_code)
            problems.raise_if_any()
            visit = DropInVisit(
                occurred_at=occurred_at,
                household_id=data.household_id,
                person_id=data.person_id if data.household_id is not None else None,
                age_band=data.age_band if data.household_id is None else None,
                sex=data.sex if data.household_id is None else None,
                reason_id=reason.id if reason is not None else None,
                recorded_by_id=self._ctx.actor.staff_member_id,
                created_at=self._ctx.clock.now(),
            )
            session.add(visit)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, ENTITY, visit.id, household_id=visit.household_id)
            visit.reason = reason
            return self._views(session, [visit])[0]

    def delete_visit(self, visit_id: int) -> None:
        """Delete a visit recorded by mistake: by whoever recorded it, or a team lead (audited)."""
        with self._ctx.transaction() as session:
            visit = session.get(DropInVisit, visit_id)
            if visit is None:
                raise NotFoundError("Cette visite n'existe plus ou n'est plus accessible.")
            if not self._may_delete(session, visit.recorded_by_id):
                raise TransitionError(DELETE_REFUSED)
            household_id = visit.household_id
            session.delete(visit)
            session.flush()
            audit.record(session, self._ctx, AuditAction.DELETE, ENTITY, visit_id, household_id=household_id)

    # ------------------------------------------------------------------------------------------- reads

    def day(self, day: date) -> DropInDay:
        """Return the day's visits the reader sees (newest first) and the day's counts over every visit."""
        _check_day(day, self._ctx.clock.today())
        start, end = local_day_bounds(day)
        with self._ctx.read() as session:
            visits = session.scalars(
                select(DropInVisit)
                .options(joinedload(DropInVisit.reason))
                .where(DropInVisit.occurred_at >= start, DropInVisit.occurred_at < end)
                .order_by(DropInVisit.occurred_at.desc(), DropInVisit.id.desc())
            ).all()
            views = self._views(session, list(visits))
            (counts,) = _counts(session, [start, end])
            return DropInDay(day, tuple(views), counts)

    def day_counts(self, day: date) -> DropInCounts:
        """Return the day's counts: all visits, identified, anonymous, distinct households (every household's)."""
        _check_day(day, self._ctx.clock.today())
        with self._ctx.read() as session:
            (counts,) = _counts(session, list(local_day_bounds(day)))
            return counts

    def month_counts(self, year: int, month: int) -> MonthCounts:
        """Return the month's counts and each of its days' (every household's visits)."""
        problems = Problems()
        if not 1 <= month <= 12 or not 1 <= year <= 9999:
            problems.add("month", "Mois : choisissez un mois entre janvier et décembre d'une année plausible.")
        else:
            problem = absurd_date(DateKind.EVENT, date(year, month, 1), self._ctx.clock.today())
            if problem is not None:
                problems.add("month", f"Mois : {problem}.")
        problems.raise_if_any()
        days = [date(year, month, number) for number in range(1, calendar.monthrange(year, month)[1] + 1)]
        bounds = [_local_midnight(day) for day in days] + [_local_midnight(days[-1] + timedelta(days=1))]
        with self._ctx.read() as session:
            (total,) = _counts(session, [bounds[0], bounds[-1]])
            per_day = _counts(session, bounds)
        return MonthCounts(year, month, total, tuple(DayCounts(d, c) for d, c in zip(days, per_day, strict=True)))

    def for_household(self, household_id: int) -> list[HouseholdEncounter]:
        """Return the household's visits as its file lists them, newest first (a hidden household has none)."""
        with self._ctx.read() as session:
            rows = session.execute(
                select(DropInVisit.id, DropInVisit.occurred_at, DropInVisit.person_id, DropInReason.label)
                .outerjoin(DropInReason, DropInReason.id == DropInVisit.reason_id)
                .where(DropInVisit.household_id == household_id)
                .order_by(DropInVisit.occurred_at.desc(), DropInVisit.id.desc())
            ).all()
            names = _person_names(session, {row[2] for row in rows})
            return [
                HouseholdEncounter(
                    kind=EncounterKind.DROP_IN,
                    row_id=visit_id,
                    occurred_at=occurred_at,
                    detail=reason or "Passage à la permanence",
                    person_name=names.get(person_id, "") if person_id is not None else "",
                )
                for visit_id, occurred_at, person_id, reason in rows
            ]

    def last_visit_on(self, household_id: int) -> date | None:
        """Return the local day of the household's last visit (None: never came, or out of the reader's sight)."""
        with self._ctx.read() as session:
            return last_visit_days(session, [household_id]).get(household_id)

    # ------------------------------------------------------------------------------------------- helpers

    def _moment(self, problems: Problems, occurred_at: datetime | None) -> datetime:
        """When the visit took place (now when not given), in UTC; not in the future, not absurdly old."""
        now = self._ctx.clock.now()
        if occurred_at is None:
            return now
        if occurred_at.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous: pass an aware datetime")
        problems.moment("occurred_at", occurred_at, kind=DateKind.EVENT, label="Heure", today=self._ctx.clock.today())
        if "occurred_at" in problems.errors:
            return now  # an absurd moment is not converted (it may leave the calendar): refused anyway
        utc = occurred_at.astimezone(timezone.utc)
        if utc > now + CLOCK_SKEW:
            problems.add("occurred_at", f"Heure : une visite ne peut pas être dans le futur ({format_datetime(utc)}).")
        return utc

    def _may_delete(self, session: Session, recorded_by_id: int | None) -> bool:
        """Whoever recorded the visit, a team lead, or nobody logged in (a local store's maintenance)."""
        actor = self._ctx.actor.staff_member_id
        return actor is None or actor == recorded_by_id or role_code_of(session, actor) == TEAM_LEAD_ROLE

    def _views(self, session: Session, visits: list[DropInVisit]) -> list[DropInVisitView]:
        households = display_names_for(session, {v.household_id for v in visits if v.household_id is not None})
        persons = _person_names(session, {visit.person_id for visit in visits})
        staff_ids = sorted({visit.recorded_by_id for visit in visits if visit.recorded_by_id is not None})
        staff = {
            staff_id: staff_display_name(first, last)
            for staff_id, first, last in session.execute(
                select(StaffMember.id, StaffMember.first_name, StaffMember.last_name).where(
                    StaffMember.id.in_(staff_ids)
                )
            )
        }
        lead = self._ctx.actor.staff_member_id is None or (
            role_code_of(session, self._ctx.actor.staff_member_id) == TEAM_LEAD_ROLE
        )
        actor = self._ctx.actor.staff_member_id
        return [
            DropInVisitView(
                id=visit.id,
                occurred_at=visit.occurred_at,
                household_id=visit.household_id,
                household_name=households.get(visit.household_id, "") if visit.household_id is not None else "",
                household_reference=household_reference(visit.household_id) if visit.household_id is not None else "",
                person_id=visit.person_id,
                person_name=persons.get(visit.person_id, "") if visit.person_id is not None else "",
                age_band=visit.age_band,
                sex=visit.sex,
                reason_code=visit.reason.code if visit.reason is not None else "",
                reason_label=visit.reason.label if visit.reason is not None else "",
                recorded_by_id=visit.recorded_by_id,
                recorded_by_name=staff.get(visit.recorded_by_id, "") if visit.recorded_by_id is not None else "",
                may_delete=lead or visit.recorded_by_id == actor,
            )
            for visit in visits
        ]


def last_visit_days(session: Session, household_ids: Iterable[int]) -> dict[int, date]:
    """Return, per household, the local day of its last drop-in visit (never came: absent), in the caller's session.

    An identified visit is *news* for the watch list (docs/domain.md §14.2). One grouped query over the index
    (household, time).
    """
    wanted = list(dict.fromkeys(household_ids))
    if not wanted:
        return {}
    query = (
        select(DropInVisit.household_id, func.max(DropInVisit.occurred_at))
        .where(among(session, DropInVisit.household_id, wanted))
        .group_by(DropInVisit.household_id)
    )
    found: dict[int, date] = {}
    for household_id, moment in session.execute(query):
        if household_id is not None and moment is not None:
            found[household_id] = moment.astimezone().date()  # stored in UTC: the local day matters
    return found


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The start of ``day`` and of the next, in the laptop's zone, as aware times (compared in UTC)."""
    return _local_midnight(day), _local_midnight(day + timedelta(days=1))


def _local_midnight(day: date) -> datetime:
    """Return the start of ``day`` in the local zone, as an aware datetime."""
    return datetime.combine(day, time.min).astimezone()


def _check_day(day: date, today: date) -> None:
    """Refuse, in French, a day no visit can have happened on (in the future, before 1990)."""
    problem = absurd_date(DateKind.EVENT, day, today)
    if problem is not None:
        problems = Problems()
        problems.add("day", f"Jour : {problem}.")
        problems.raise_if_any()


def _reason(session: Session, problems: Problems, code: str) -> DropInReason | None:
    """The active reason of ``code`` ("" for none), or None and a problem."""
    if not code:
        return None
    reason = session.scalar(select(DropInReason).where(DropInReason.code == code))
    if reason is None or not reason.active:
        problems.add("reason_code", "Motif : choisissez une valeur dans la liste.")
        return None
    return reason


def _person_names(session: Session, person_ids: set[int | None]) -> dict[int, str]:
    wanted = sorted(person_id for person_id in person_ids if person_id is not None)
    if not wanted:
        return {}
    rows = session.execute(
        select(Person.id, Person.first_name, Person.last_name, Person.pseudonym).where(Person.id.in_(wanted))
    )
    return {person_id: person_display_name(first, last, pseudonym) for person_id, first, last, pseudonym in rows}


def _counts(session: Session, bounds: list[datetime]) -> list[DropInCounts]:
    """The counts of each period between consecutive ``bounds`` (aware), over every household's visits.

    Locally one grouped statement the visibility leaves alone (counts only); on the team's server the function of
    the access rules, which reads every row with the owner's rights and returns the same counts.
    """
    if session.get_bind().dialect.name == "postgresql":
        statement = text(f"SELECT * FROM {COUNTS_FUNCTION_NAME}(:bounds)").columns(
            bucket=Integer, visits=Integer, identified=Integer, households=Integer
        )
        naive = [bound.astimezone(timezone.utc).replace(tzinfo=None) for bound in bounds]
        rows = session.execute(statement, {"bounds": naive}).all()
    else:
        limits = list(enumerate(bounds[1:], start=1))

        def bucket_of(moment: SQLColumnExpression[datetime]) -> ColumnElement[int]:
            return case(*[(moment < literal(bound, UtcDateTime), number) for number, bound in limits], else_=0)

        query = counts_query(bucket_of, literal(bounds[0], UtcDateTime), literal(bounds[-1], UtcDateTime))
        rows = session.execute(query.execution_options(**{COUNTS_OVER_ALL_HOUSEHOLDS: True})).all()
    found = {
        int(bucket): DropInCounts(int(visits), int(identified), int(households))
        for bucket, visits, identified, households in rows
    }
    return [found.get(number, DropInCounts()) for number in range(1, len(bounds))]


def counts_query(
    bucket_of: Callable[[SQLColumnExpression[datetime]], ColumnElement[int]],
    start: ColumnElement[datetime],
    end: ColumnElement[datetime],
) -> Select[int, int, int, int]:
    """Visits, identified visits and distinct households per period (``bucket_of`` a visit's time: 1, 2…).

    A range on ``occurred_at`` (its index) from the first bound to the last; the period of each visit is found
    by ``bucket_of``: comparisons with the bounds locally, ``width_bucket`` on the server.
    """
    bucket = bucket_of(DropInVisit.occurred_at)
    return (
        select(
            bucket.label("bucket"),
            func.count().label("visits"),
            func.count(DropInVisit.household_id).label("identified"),
            func.count(DropInVisit.household_id.distinct()).label("households"),
        )
        .where(DropInVisit.occurred_at >= start, DropInVisit.occurred_at < end)
        .group_by(bucket)
    )


def counts_sql() -> str:
    """The body of :data:`COUNTS_FUNCTION`, in PostgreSQL: ``$1`` the bounds, in UTC, ascending."""
    query = counts_query(
        lambda moment: func.width_bucket(moment, literal_column("$1")),
        literal_column("($1)[1]"),
        literal_column("($1)[array_length($1, 1)]"),
    )
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    counted = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    # Counts per day at the finest (a short day of the clocks' change has 23 hours): periods of a minute would tell
    # a referent, against the times of the visits they see, when a household they may not see came.
    return (
        f"SELECT * FROM ({counted}) AS counted WHERE (SELECT bool_and($1[i] - $1[i - 1] >= interval '23 hours') "
        "FROM generate_subscripts($1, 1) AS i WHERE i > 1)"
    )
