"""Six of the board's panels: alerts, contacts, no-contact, suspensions, waiting list, caseloads (docs/domain.md §11.1).

Each reads with a few set-based queries over the households of the reading (never one query per household) and
returns rows without names; the service names them all at once. Deadlines have their own module
(:mod:`.deadlines`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import ColumnElement, Date, Integer, Select, case, func, literal, literal_column, or_, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from caseworker.domain import AlertStatus, EpisodeStatus
from caseworker.domain.contacts import ATTEMPT, CANCELLED
from caseworker.domain.debrief import DecisionKind
from caseworker.domain.file_tabs import FileTab
from caseworker.domain.support import EPISODE_STATUS_LABELS
from caseworker.formats import format_date
from caseworker.models import (
    Alert,
    ContactOutcome,
    ContactType,
    Episode,
    HouseholdLastContact,
    IntensityLevel,
    IntensityPeriod,
    Measure,
    StaffMember,
    Suspension,
    SuspensionReason,
    Topic,
)
from caseworker.models.base import UtcDateTime
from caseworker.models.contacts import Contact, contact_topic_link
from caseworker.models.meetings import MeetingDecision
from caseworker.models.sql import among
from caseworker.services.alerts import AlertRow
from caseworker.services.board.scope import Scope
from caseworker.services.board.values import days_words, late_words
from caseworker.services.calendar.territories import landlord_territories
from caseworker.services.calendar.working_days import is_working_day, working_days_between
from caseworker.services.support.caseloads import CaseloadView, read_caseloads
from caseworker.services.support.my_households import no_contact_state
from caseworker.services.support.states import WAITING

SENSITIVE_CLASSES = frozenset({"C3", "C4"})
"""Health and justice (docs/domain.md §7.1): never shown in meeting mode, on the projector."""

NEUTRAL_SUSPENSION = "Accompagnement suspendu temporairement"
"""A suspension in meeting mode: its reason may reveal a hospital stay or prison, so it is never said."""


@dataclass(frozen=True)
class Line:
    """A panel's row before the households are named: the service adds number, name and initials."""

    household_id: int | None
    what: str
    when: date | None
    words: str
    overdue: bool
    tab: FileTab | None
    sort_key: tuple[object, ...] = ()
    waiting_days: int | None = None
    decision: str = ""


# ------------------------------------------------------------------------------------------- 1. alerts


def alert_lines(session: Session, inbox: Sequence[AlertRow], scope: Scope, today: date) -> list[Line]:
    """New alerts (not acknowledged) and overdue ones, overdue first, oldest deadline first.

    ``inbox`` is the open alerts as the inbox reads them: its rule says which deadline passed (F44: an alert
    received on Friday at 17:00 with one working day to acknowledge is due on Monday, overdue from Tuesday). How
    late is counted in the working days of the landlord's territory.
    """
    wanted = [row for row in inbox if row.status is AlertStatus.NOUVEAU or row.overdue]
    if scope.households is not None and wanted:
        kept = set(session.scalars(scope.households))
        wanted = [row for row in wanted if row.household_id in kept]
    if not wanted:
        return []
    landlord_query = select(Alert.id, Alert.landlord_id).where(among(session, Alert.id, [row.id for row in wanted]))
    landlords = {alert_id: landlord_id for alert_id, landlord_id in session.execute(landlord_query)}
    territories = landlord_territories(session, landlords.values())
    lines = []
    for row in wanted:
        landlord_id = landlords[row.id]
        due = row.acknowledge_due_on if row.acknowledge_overdue or not row.overdue else row.action_due_on
        step = "Prise en compte" if row.acknowledge_overdue or not row.overdue else "Première action"
        if row.overdue:
            late = working_days_between(due, today, territory=territories[landlord_id])
            # Overdue from the day after the deadline, a weekend day too; no working day late yet is said so.
            how_late = (
                late_words(late, working=True)
                if late
                else f"en retard depuis le {format_date(due + timedelta(days=1))}"
            )
            words = f"{step} {how_late} (attendue le {format_date(due)})"
        else:
            words = f"Nouvelle, prise en compte attendue le {format_date(due)}"
        lines.append(
            Line(
                row.household_id,
                f"{row.type_label} · {row.landlord_name}",
                row.received_at.astimezone().date(),
                words,
                row.overdue,
                FileTab.ALERTS,
                (not row.overdue, due, row.id),
            )
        )
    return sorted(lines, key=lambda line: line.sort_key)


# ------------------------------------------------------------------------------------------- 2. contacts


def previous_working_day(today: date, territory: str) -> date:
    """Return the working day before ``today`` (on Monday, Friday; after a public holiday, the day before it)."""
    day = today - timedelta(days=1)
    while not is_working_day(day, territory=territory):
        day -= timedelta(days=1)
    return day


def contacts_since(today: date, territory: str) -> datetime:
    """Return the start (local midnight, as an aware time) of the previous working day of ``territory``."""
    return _day_start(previous_working_day(today, territory))


def _day_start(day: date) -> datetime:
    """Local midnight at the start of ``day``, as an aware time."""
    return datetime.combine(day, time.min).astimezone()


def contact_lines(
    session: Session, scope: Scope, since: datetime, now: datetime, *, meeting_mode: bool, limit: int | None = None
) -> tuple[list[Line], int]:
    """Return the ``limit`` newest contacts and "aller vers" attempts from ``since`` to ``now``, and their number.

    ``limit`` None: all of them. The topics are named (in meeting mode, never a health or justice one); a note's
    text never is. Only the rows shown are worded and have their topics read.
    """
    query = (
        select(Contact.id, Contact.household_id, Contact.occurred_at, ContactType.label, ContactOutcome.label)
        .add_columns(ContactOutcome.kind, Contact.after_care)
        .join(ContactType, ContactType.id == Contact.type_id)
        .join(ContactOutcome, ContactOutcome.id == Contact.outcome_id)
        .where(Contact.occurred_at >= since, Contact.occurred_at <= now)
    )
    # Read by date (``ix_contact_occurred_at``): a day's contacts are one index range among 500,000. Only the rows
    # shown are read (newest first, then by id); the others are counted.
    condition = scope.where(Contact.household_id)
    if condition is not None:
        query = query.where(condition)
    rows = session.execute(query.order_by(Contact.occurred_at.desc(), Contact.id).limit(limit)).all()
    total = len(rows)
    if limit is not None and total == limit:
        counted = select(func.count()).where(Contact.occurred_at >= since, Contact.occurred_at <= now)
        total = session.scalar(counted if condition is None else counted.where(condition)) or 0
    topics: dict[int, list[str]] = defaultdict(list)
    if rows:
        topic_query = (
            select(contact_topic_link.c.contact_id, Topic.label, Topic.sensitivity)
            .join(Topic, Topic.id == contact_topic_link.c.topic_id)
            .where(among(session, contact_topic_link.c.contact_id, [row[0] for row in rows]))
            .order_by(Topic.sort_order, Topic.label)
        )
        for contact_id, label, sensitivity in session.execute(topic_query):
            if not (meeting_mode and sensitivity in SENSITIVE_CLASSES):
                topics[contact_id].append(label)
    lines = []
    for contact_id, household_id, occurred_at, type_label, outcome_label, kind, after_care in rows:
        local = occurred_at.astimezone()
        if kind == ATTEMPT:  # an "aller vers" that failed: the outcome's label says how ("porte close"…)
            words = f"{outcome_label} (« aller vers »)"
            if not outcome_label.casefold().startswith("tentative"):
                words = f"Tentative sans contact : {words}"
        elif kind == CANCELLED:
            words = f"Annulé : {outcome_label}"
        else:
            words = outcome_label
        if topics.get(contact_id):
            words += " · " + ", ".join(topics[contact_id])
        if after_care:  # after-care is not the measure's activity: said apart (docs/domain.md §14.6)
            words = f"Suivi post-accompagnement · {words}"
        lines.append(
            Line(
                household_id,
                f"{type_label}, {local:%H:%M}",
                local.date(),
                words,
                False,
                FileTab.CONTACTS,
                (-occurred_at.timestamp(), contact_id),
            )
        )
    return lines, total


# ------------------------------------------------------------------------------------------- 3. no contact


def no_contact_lines(session: Session, scope: Scope, today: date) -> list[Line]:
    """Households past the no-contact threshold of their current intensity, longest silence first.

    The rule is « Mes ménages »' (:func:`~caseworker.services.support.my_households.no_contact_state`): only
    *actif* episodes count, a suspended one is not counted. One query: a household reached since the start of the
    last day its threshold allows (its moment in ``household_last_contact``, which the database keeps) is not past
    it; only the others are read, and have their silence measured by that rule.
    """
    levels = select(IntensityLevel.no_contact_days).where(IntensityLevel.no_contact_days.is_not(None)).distinct()
    thresholds = sorted(days for days in session.scalars(levels) if days is not None)
    if not thresholds:
        return []
    # The start (local midnight) of the last day a household of each threshold may have been reached on.
    boundaries = [_day_start(today - timedelta(days=days)) for days in thresholds]
    if session.get_bind().dialect.name == "postgresql":
        # On the team's server, through a function of the access rules: the row rules of the intensity periods
        # (a check of the episode for each row) cost more than the reading itself; it applies the household's rule
        # once per household.
        statement = text(f"SELECT * FROM {SILENT_FUNCTION_NAME}(:days, :boundaries)").columns(
            household_id=Integer, started=Date, days=Integer, reached_at=UtcDateTime
        )
        naive = [day.astimezone(timezone.utc).replace(tzinfo=None) for day in boundaries]
        found = session.execute(statement, {"days": thresholds, "boundaries": naive}).all()
        if scope.households is not None:
            kept = set(session.scalars(scope.households))
            found = [row for row in found if row[0] in kept]
    else:
        limits = list(zip(thresholds, boundaries, strict=True))
        found = session.execute(
            silent_query(
                lambda days: case(*[(days == limit, literal(day, UtcDateTime)) for limit, day in limits], else_=None),
                scope.where(Episode.household_id),
            )
        ).all()
    lines = []
    for household_id, started, days, moment in found:
        reached = moment.astimezone().date() if moment is not None else None
        limit, days_without, overdue = no_contact_state([days], started, reached, today)
        if not overdue or days_without is None or limit is None:
            continue
        what = f"Dernier contact le {format_date(reached)}" if reached else "Aucun contact depuis le début"
        words = f"Sans contact depuis {days_words(days_without, working=False)} (seuil {limit}) : " + late_words(
            days_without - limit, working=False
        )
        lines.append(Line(household_id, what, reached, words, True, FileTab.CONTACTS, (-days_without, household_id)))
    return sorted(lines, key=lambda line: line.sort_key)


SILENT_FUNCTION_NAME = "caseworker_silent_households"
SILENT_FUNCTION = f"{SILENT_FUNCTION_NAME}(integer[], timestamp without time zone[])"
"""On the team's server, :func:`silent_query` for the households the person sees: the thresholds, and the start
(UTC) of the last day a household of each may have been reached on."""

SILENT_FUNCTION_RETURNS = (
    "TABLE (household_id integer, started date, days integer, reached_at timestamp without time zone)"
)


def silent_query(
    boundary_of: Callable[[ColumnElement[int]], ColumnElement[datetime]],
    condition: ColumnElement[bool] | TextClause | None = None,
) -> Select[int, date, int, datetime]:
    """The followed households not reached since the start of the last day their threshold allows.

    One row per household: the smallest threshold of its current levels, the earliest start of its *actif* episodes
    (SQL's min leaves out the levels without a threshold, as the rule does), its last successful contact. The
    measure keeps households, not episodes: the threshold is the household's, from all its actif episodes.
    ``boundary_of``: the start (UTC) of that last day for a threshold; ``condition``: on the episodes' household.
    """
    threshold = func.min(IntensityLevel.no_contact_days)
    followed = (
        select(
            Episode.household_id.label("household_id"),
            func.min(Episode.start_date).label("started"),
            threshold.label("days"),
        )
        .outerjoin(IntensityPeriod, (IntensityPeriod.episode_id == Episode.id) & IntensityPeriod.end_date.is_(None))
        .outerjoin(IntensityLevel, IntensityLevel.id == IntensityPeriod.level_id)
        .where(Episode.status == EpisodeStatus.ACTIF)
        .group_by(Episode.household_id)
        .having(threshold.is_not(None))
    )
    if condition is not None:
        followed = followed.where(condition)
    household = followed.subquery("followed")
    last = HouseholdLastContact.reached_at
    return (
        select(household.c.household_id, household.c.started, household.c.days, last)
        .outerjoin(HouseholdLastContact, HouseholdLastContact.household_id == household.c.household_id)
        .where(or_(last.is_(None), last < boundary_of(household.c.days)))
    )


def silent_sql(visible: str) -> str:
    """The body of :data:`SILENT_FUNCTION`, in PostgreSQL: ``visible`` is the household rule, on ``episode``."""
    query = silent_query(
        lambda _days: literal_column("($2)[array_position($1, followed.days)]", UtcDateTime), text(f"({visible})")
    )
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    return str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


# ------------------------------------------------------------------------------------------- 5. suspensions


def suspension_lines(session: Session, scope: Scope, today: date, *, meeting_mode: bool) -> list[Line]:
    """Suspended episodes whose open suspension's review date has come, most overdue first.

    In meeting mode the reason is never said: a suspension for a hospital stay or prison reads as a neutral pause.
    """
    query = (
        select(Suspension.review_date, Suspension.start_date, SuspensionReason.label, Episode.household_id)
        .add_columns(Measure.name)
        .join(Episode, Episode.id == Suspension.episode_id)
        .join(SuspensionReason, SuspensionReason.id == Suspension.reason_id)
        .join(Measure, Measure.id == Episode.measure_id)
        .where(
            Suspension.end_date.is_(None),
            Suspension.review_date <= today,
            Episode.status == EpisodeStatus.SUSPENDU,
        )
    )
    query = scope.episodes(query)
    lines = []
    for review_on, start, reason, household_id, measure in session.execute(query):
        label = NEUTRAL_SUSPENSION if meeting_mode else f"Suspendu : {reason}"
        late = (today - review_on).days
        words = f"Revue prévue le {format_date(review_on)}" + (
            f", {late_words(late, working=False)}" if late else ", aujourd'hui"
        )
        lines.append(
            Line(
                household_id,
                f"{measure} · {label} depuis le {format_date(start)}",
                review_on,
                words,
                late > 0,
                FileTab.SUPPORT,
                (review_on, household_id),
            )
        )
    return sorted(lines, key=lambda line: line.sort_key)


# ------------------------------------------------------------------------------------------- 6. waiting list


_DECISIONS = (DecisionKind.ORIENTATION_ACCEPTED, DecisionKind.ORIENTATION_REFUSED)


def waiting_lines(session: Session, scope: Scope, today: date, *, limit: int | None) -> tuple[list[Line], int]:
    """Candidates of the waiting list with their orientation date and waiting days, longest wait first.

    The ``limit`` first (None: all) and how many there are: only those shown are worded. The admission commission's
    decision on the episode shows once recorded (the latest, if several).
    """
    query = (
        select(Episode.id, Episode.household_id, Episode.status, Episode.orientation_date, Measure.name)
        .join(Measure, Measure.id == Episode.measure_id)
        .where(Episode.status.in_(sorted(WAITING, key=lambda status: status.value)))
    )
    rows = session.execute(scope.episodes(query)).all()
    shown = sorted(rows, key=lambda row: (row[3], row[1]))[:limit]
    decisions = _commission_decisions(session, [row[0] for row in shown])
    lines = []
    for episode_id, household_id, status, oriented_on, measure in shown:
        waiting = (today - oriented_on).days
        decision = ""
        if episode_id in decisions:
            decided_on, _id, kind, summary = decisions[episode_id]
            verdict = "accord" if kind is DecisionKind.ORIENTATION_ACCEPTED else "refus"
            decision = f"Commission du {format_date(decided_on)} : {verdict}" + (f" ({summary})" if summary else "")
        words = f"En attente depuis {days_words(waiting, working=False)}" + (f" · {decision}" if decision else "")
        lines.append(
            Line(
                household_id,
                f"{measure} · {EPISODE_STATUS_LABELS[status]}",
                oriented_on,
                words,
                False,
                FileTab.SUPPORT,
                (oriented_on, household_id),
                waiting_days=waiting,
                decision=decision,
            )
        )
    return lines, len(rows)


def _commission_decisions(session: Session, episode_ids: list[int]) -> dict[int, tuple[date, int, DecisionKind, str]]:
    """The latest decision of the admission commission on each episode (by date, then as recorded)."""
    decisions: dict[int, tuple[date, int, DecisionKind, str]] = {}
    if not episode_ids:
        return decisions
    query = select(
        MeetingDecision.episode_id,
        MeetingDecision.decided_on,
        MeetingDecision.id,
        MeetingDecision.kind,
        MeetingDecision.summary,
    ).where(MeetingDecision.kind.in_(_DECISIONS), among(session, MeetingDecision.episode_id, episode_ids))
    for episode_id, decided_on, decision_id, kind, summary in session.execute(query):
        if episode_id is None:
            continue
        found = (decided_on, decision_id, kind, summary)
        if episode_id not in decisions or found[:2] > decisions[episode_id][:2]:
            decisions[episode_id] = found
    return decisions


# ------------------------------------------------------------------------------------------- 7. caseloads


def caseloads(session: Session, organisation_id: int | None, referent_id: int | None) -> list[CaseloadView]:
    """Each professional's weighted caseload against target (a team: its staff; a referent: them alone).

    Counted over every household (a shared figure, docs/domain.md §2): the reading's visibility does not shrink it.
    """
    wanted: list[int] | None = None
    if referent_id is not None:
        wanted = [referent_id]
    elif organisation_id is not None:
        wanted = list(session.scalars(select(StaffMember.id).where(StaffMember.organisation_id == organisation_id)))
    return read_caseloads(session, wanted)


def caseload_words(view: CaseloadView) -> str:
    """Say a caseload against its target in French ("au-dessus de la cible" is said, never only coloured)."""
    load = f"{view.weighted_load:.1f}".replace(".", ",")
    if view.target is None:
        return f"Charge pondérée {load}, sans cible"
    target = f"{view.target:.1f}".replace(".", ",")
    state = "au-dessus de la cible" if view.over_target else "dans la cible"
    return f"Charge pondérée {load} pour une cible de {target} : {state}"


def file_active_counts(session: Session, scope: Scope, today: date) -> tuple[int, int]:
    """The supports under way today in the reading (started, not yet ended), and how many of them are suspended.

    The same definition as the funders' exports (docs/domain.md §13): the figures of the board and of an export
    taken today agree.
    """
    running = scope.episodes(
        select(Episode.id).where(Episode.start_date <= today, or_(Episode.end_date.is_(None), Episode.end_date > today))
    ).subquery()
    total = session.scalar(select(func.count()).select_from(running)) or 0
    paused = session.scalar(
        select(func.count(func.distinct(Suspension.episode_id))).where(
            Suspension.episode_id.in_(select(running.c.id)),
            Suspension.start_date <= today,
            or_(Suspension.end_date.is_(None), Suspension.end_date >= today),
        )
    )
    return int(total), int(paused or 0)


def file_active_words(total: int, suspended: int) -> str:
    """« file active : 412 accompagnements en cours, dont 37 suspendus »."""
    plural = "s" if total != 1 else ""
    return (
        f"file active : {total} accompagnement{plural} en cours, dont {suspended} "
        f"suspendu{'s' if suspended != 1 else ''}"
    )
