"""The automatic tasks: what the record calls for, made once each and closed by themselves (docs/domain.md §11.2).

:meth:`AutomaticTasks.refresh` reads the households the person sees, finds each *condition* that calls for a task,
and compares them with the automatic tasks already made:

- a condition gets a task once: its key (reason, subject, date) is unique, so running the check again, or a
  colleague running it at the same moment on the team's server, makes no second one (an insert that meets the key
  is skipped by the database, ``ON CONFLICT DO NOTHING``, never an error); a task closed by hand is not made again;
- an open automatic task whose condition is no longer pending is closed by the check itself: ``closed_by_id``
  stays empty and ``close_note`` says why (a review held, a planned end moved, a permit renewed…).

The conditions, each about a household whose support runs (active or suspended), owned as :func:`may_hold` and
:class:`_Owners` say (the team's coordinator, else a colleague on the team, else the team lead; no one: no task):

==========================  =====================================  ====================================  ===========
Reason                      Pending while                          Subject, date of the key              Made from
==========================  =====================================  ====================================  ===========
planned end                 an episode runs and its planned end    episode, planned end                  30 days
                            is this date
review (bilan)              a milestone (start + N months,         episode, kind and due date            30 days
                            midpoint, end − N months) not held
consent                     granted, not revoked, not renewed      consent, expiry                       30 days
                            (no later grant to the same recipient
                            lasting longer)
titre de séjour             a current member's deadline is it      person, deadline                      30 days
numéro unique               the household's expiry is it           household, expiry                     30 days
suspension review           the suspension is open with this date  suspension, review date               7 days
mediation follow-up         waiting (as « Mes ménages » says)      household, follow-up date             7 days
no contact                  past the threshold since this day      household, last contact (or start)    at once
==========================  =====================================  ====================================  ===========

"Made from" is how long before its date a condition gets its task. A condition whose date is more than
:data:`CREATE_LOOKBACK_DAYS` in the past gets none (the first run on an old store does not bury people under
forgotten deadlines), but an existing task stays open while its condition is pending. A no-contact breach is the
exception: it is current as long as it lasts, so a household silent for months gets its task however long ago the
threshold passed (its key stays on the breach's start: one task per breach).

An open automatic task stays with someone who may hold it: when its owner leaves the household's team, becomes
inactive or may no longer read its subject, the next check hands it to the owner the rule names today.

When it runs (the UI decides): once after logging in, off the GUI thread, and each time « Mes tâches » is refreshed.
It is idempotent and cheap (about a second over 10,000 households locally).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, EpisodeStatus, ReviewKind
from caseworker.domain.debrief import AutomaticReason, TaskOrigin, TaskStatus
from caseworker.domain.support import REVIEW_LABELS
from caseworker.formats import format_date
from caseworker.models import (
    Episode,
    EpisodeReview,
    Extension,
    Household,
    HouseholdMembership,
    IntensityLevel,
    IntensityPeriod,
    Measure,
    Person,
    StaffMember,
    StaffRole,
    Suspension,
    Task,
    TeamMembership,
)
from caseworker.services import audit
from caseworker.services.access_policy import TEAM_LEAD_ROLE, may_read_consents, on_team_on, role_code_of
from caseworker.services.context import ServiceContext
from caseworker.services.support.durations import DurationRule, Milestone, Period, durations, milestones
from caseworker.services.support.last_contact import last_reached_days
from caseworker.services.support.my_households import (
    expiring_consents,
    mediation_follow_ups,
)
from caseworker.services.support.states import running_statuses
from caseworker.services.tasks.aftercare_tasks import after_care_conditions
from caseworker.services.tasks.conditions import (
    HORIZON_DAYS,
    SHORT_HORIZON_DAYS,
    Condition,
    automatic_key,
)

NO_AUTOMATIC_TASK_ROLE_CODES = frozenset({"benevole"})
"""Roles never given an automatic task: a volunteer logs activities; the record's deadlines are the professionals'."""

_IDS_PER_QUERY = 5_000

CLOSE_NOTES = {
    AutomaticReason.PLANNED_END: (
        "Fermée automatiquement : la fin prévue a été repoussée ou l'accompagnement a pris fin."
    ),
    AutomaticReason.REVIEW: "Fermée automatiquement : le bilan a été tenu (ou sa date a changé).",
    AutomaticReason.CONSENT_EXPIRY: (
        "Fermée automatiquement : le consentement a été renouvelé, révoqué, ou l'accompagnement a pris fin."
    ),
    AutomaticReason.RESIDENCE_PERMIT_EXPIRY: "Fermée automatiquement : l'échéance du titre de séjour a changé.",
    AutomaticReason.NUMERO_UNIQUE_EXPIRY: "Fermée automatiquement : le numéro unique a été renouvelé.",
    AutomaticReason.SUSPENSION_REVIEW: (
        "Fermée automatiquement : la suspension a pris fin ou sa date de revue a changé."
    ),
    AutomaticReason.MEDIATION_FOLLOW_UP: "Fermée automatiquement : l'alerte a été suivie ou close.",
    AutomaticReason.NO_CONTACT: "Fermée automatiquement : un contact a eu lieu.",
    AutomaticReason.WATCH: "Fermée automatiquement : des nouvelles sont arrivées, ou le ménage n'est plus en veille.",
    AutomaticReason.AFTER_CARE_END: "Fermée automatiquement : le suivi post-accompagnement a pris fin.",
}


@dataclass(frozen=True)
class RefreshCounts:
    """What one run of the check did."""

    made: int
    closed: int
    handed_over: int = 0


class AutomaticTasks:
    """Makes and closes the automatic tasks of the households the person sees."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def refresh(self) -> RefreshCounts:
        """Make the tasks the record calls for and close those whose condition was met; return the counts."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            reads_consents = may_read_consents(role_code_of(session, self._ctx.actor.staff_member_id))
            pending = pending_conditions(session, today, reads_consents=reads_consents)
            # A condition the person may not read is not known to be met: its tasks stay as they are.
            unread = set() if reads_consents else {AutomaticReason.CONSENT_EXPIRY}
            return self._apply(session, pending, today, unread)

    def _apply(
        self, session: Session, pending: dict[str, Condition], today: date, unread: set[AutomaticReason]
    ) -> RefreshCounts:
        open_tasks = session.execute(
            select(Task.id, Task.automatic_key, Task.reason, Task.household_id, Task.owner_id).where(
                Task.status == TaskStatus.OPEN, Task.automatic_key.is_not(None)
            )
        ).all()
        closed = 0
        staying: list[tuple[int, AutomaticReason | None, int, int]] = []
        hints: dict[int, int | None] = {}  # who the condition would give a staying task to first (after-care)
        now = self._ctx.clock.now()
        for task_id, key, reason, household_id, owner_id in open_tasks:
            if key in pending or reason in unread:
                if household_id is not None:
                    staying.append((task_id, reason, household_id, owner_id))
                    hints[task_id] = pending[key].owner_hint if key in pending else None
                continue
            result = session.execute(
                update(Task)
                .where(Task.id == task_id, Task.status == TaskStatus.OPEN)
                .values(
                    status=TaskStatus.DONE,
                    closed_at=now,
                    close_note=CLOSE_NOTES[reason] if reason is not None else "",
                    row_version=Task.row_version + 1,
                )
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                continue  # a colleague's check closed it a moment ago
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "task",
                task_id,
                household_id=household_id,
                fields=("status", "closed_at", "close_note"),
            )
            closed += 1
        handed_over = self._hand_over(
            session, staying, _Owners.read(session, {row[2] for row in staying}, today), hints
        )
        rows = new_task_rows(session, pending, today, now)
        made = 0
        if rows:
            insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
            statement = (
                insert(Task)
                .on_conflict_do_nothing(index_elements=["automatic_key"])
                .returning(Task.id, Task.household_id)
            )
            for start in range(0, len(rows), _IDS_PER_QUERY):
                for task_id, household_id in session.execute(statement, rows[start : start + _IDS_PER_QUERY]):
                    audit.record(
                        session,
                        self._ctx,
                        AuditAction.CREATE,
                        "task",
                        task_id,
                        household_id=household_id,
                        fields=("owner_id", "title", "due_on", "origin", "reason", "household_id"),
                    )
                    made += 1
        return RefreshCounts(made=made, closed=closed, handed_over=handed_over)

    def _hand_over(
        self,
        session: Session,
        tasks: list[tuple[int, AutomaticReason | None, int, int]],
        owners: _Owners,
        hints: dict[int, int | None],
    ) -> int:
        """Give each open task whose owner may no longer hold it to the owner the rule names today.

        Someone who left the team or the service would keep a task they no longer see, and a volunteer one they may
        not close. A task a person gave to a colleague who may hold it stays with them; with no one to take it, a
        task stays where it is.
        """
        handed = 0
        for task_id, reason, household_id, owner_id in tasks:
            if reason is None or owners.may_keep(household_id, reason, owner_id):
                continue
            new_owner = owners.owner(household_id, reason, hints.get(task_id))
            if new_owner is None:
                continue
            result = session.execute(
                update(Task)
                .where(Task.id == task_id, Task.status == TaskStatus.OPEN, Task.owner_id == owner_id)
                .values(owner_id=new_owner, row_version=Task.row_version + 1)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                continue  # closed or handed over by a colleague a moment ago
            audit.record(
                session, self._ctx, AuditAction.UPDATE, "task", task_id, household_id=household_id, fields=("owner_id",)
            )
            handed += 1
        return handed


def new_task_rows(
    session: Session, pending: dict[str, Condition], today: date, now: datetime
) -> list[dict[str, object]]:
    """The rows of the tasks to make: conditions due for a task, without one yet, with an owner.

    Sorted by key, so that the same record always gives the same rows (the demo's data is pinned).
    """
    wanted = {key: item for key, item in pending.items() if item.due_for_a_task(today)}
    known = _existing_keys(session, wanted)
    new = [item for key, item in wanted.items() if key not in known]
    owners = _Owners.read(session, {item.household_id for item in new}, today)
    chosen = {item.key: owners.owner(item.household_id, item.reason, item.owner_hint) for item in new}
    return [
        {
            "owner_id": chosen[item.key],
            "household_id": item.household_id,
            "title": item.title[:300],
            "due_on": item.due_on,
            "origin": TaskOrigin.AUTOMATIC,
            "reason": item.reason,
            "automatic_key": item.key,
            "status": TaskStatus.OPEN,
            "created_at": now,
            "created_by_id": None,
            "close_note": "",
            "row_version": 1,
        }
        for item in sorted(new, key=lambda item: item.key)
        if chosen[item.key] is not None
    ]


# ------------------------------------------------------------------------------------------- conditions


def pending_conditions(session: Session, today: date, *, reads_consents: bool) -> dict[str, Condition]:
    """Return every pending condition of the households the session sees, by key."""
    conditions: list[Condition] = []
    episodes = _running_episodes(session)
    running_households = sorted({episode.household_id for episode in episodes})
    conditions += _episode_conditions(episodes, _measure_rules(session), today)
    conditions += _no_contact(session, episodes, today)
    if running_households:
        if reads_consents:  # a volunteer reads no consent (docs/domain.md §2)
            conditions += _consents(session, today)
        conditions += _residence_permits(session, today)
        conditions += _numeros_uniques(session, today)
        for start in range(0, len(running_households), _IDS_PER_QUERY):
            chunk = running_households[start : start + _IDS_PER_QUERY]
            for household_id, day in mediation_follow_ups(session, chunk).items():
                conditions.append(
                    Condition(
                        AutomaticReason.MEDIATION_FOLLOW_UP,
                        automatic_key(AutomaticReason.MEDIATION_FOLLOW_UP, f"household-{household_id}", day),
                        household_id,
                        day,
                        f"Suivi de la médiation attendu le {format_date(day)}",
                        SHORT_HORIZON_DAYS,
                    )
                )
    running = set(running_households)
    pending = {item.key: item for item in conditions if item.household_id in running}
    # After-care and the watch list are about households whose support no longer runs (docs/domain.md §14).
    pending.update((item.key, item) for item in after_care_conditions(session))
    return pending


@dataclass
class _Running:
    """A running episode as plain values: what the conditions need, read without building ORM objects.

    Loading 8,000 episodes with their periods as ORM objects took over two seconds; these rows take a tenth.
    """

    id: int
    household_id: int
    status: EpisodeStatus
    start: date | None
    measure_id: int
    thresholds: list[int] = field(default_factory=list)
    suspensions: list[tuple[int, date, date | None, date]] = field(default_factory=list)
    extension_months: list[int] = field(default_factory=list)
    held: set[tuple[ReviewKind, date | None]] = field(default_factory=set)


@dataclass(frozen=True)
class _MeasureRule:
    rule: DurationRule
    start_months: int
    end_months: int
    every_months: int


def _running_episodes(session: Session) -> list[_Running]:
    """The running episodes the session sees, with their current thresholds, suspensions, extensions and reviews."""
    running = select(Episode.id).where(Episode.status.in_(running_statuses()))
    episodes = {
        row[0]: _Running(row[0], row[1], row[2], row[3], row[4])
        for row in session.execute(
            select(Episode.id, Episode.household_id, Episode.status, Episode.start_date, Episode.measure_id).where(
                Episode.status.in_(running_statuses())
            )
        )
    }
    if not episodes:
        return []
    for episode_id, days in session.execute(
        select(IntensityPeriod.episode_id, IntensityLevel.no_contact_days)
        .join(IntensityLevel, IntensityLevel.id == IntensityPeriod.level_id)
        .where(IntensityPeriod.end_date.is_(None), IntensityPeriod.episode_id.in_(running))
    ):
        if episode_id in episodes and days is not None:
            episodes[episode_id].thresholds.append(days)
    for suspension_id, episode_id, start, end, review in session.execute(
        select(
            Suspension.id, Suspension.episode_id, Suspension.start_date, Suspension.end_date, Suspension.review_date
        ).where(Suspension.episode_id.in_(running))
    ):
        if episode_id in episodes:
            episodes[episode_id].suspensions.append((suspension_id, start, end, review))
    for episode_id, months in session.execute(
        select(Extension.episode_id, Extension.months).where(Extension.episode_id.in_(running))
    ):
        if episode_id in episodes:
            episodes[episode_id].extension_months.append(months)
    for episode_id, kind, due_on in session.execute(
        select(EpisodeReview.episode_id, EpisodeReview.kind, EpisodeReview.due_on).where(
            EpisodeReview.episode_id.in_(running)
        )
    ):
        if episode_id in episodes:
            episodes[episode_id].held.add((kind, due_on if kind is ReviewKind.PERIODIC else None))
    return list(episodes.values())


def _measure_rules(session: Session) -> dict[int, _MeasureRule]:
    rows = session.execute(
        select(
            Measure.id,
            Measure.duration_policy,
            Measure.duration_months,
            Measure.suspended_days_count,
            Measure.review_start_months,
            Measure.review_end_months,
            Measure.review_every_months,
        )
    )
    return {row[0]: _MeasureRule(DurationRule(row[1], row[2], row[3]), row[4], row[5], row[6]) for row in rows}


def _episode_conditions(episodes: Iterable[_Running], rules: dict[int, _MeasureRule], today: date) -> list[Condition]:
    """Planned ends, reviews not held, and open suspensions' reviews (the figures of :mod:`.durations`)."""
    found = []
    horizon = today + relativedelta(months=6)  # as episode_milestones looks ahead for a running episode
    ends: dict[tuple[object, ...], date | None] = {}
    reviews: dict[tuple[object, ...], list[Milestone]] = {}
    for episode in episodes:
        if episode.start is None:
            continue
        measure = rules[episode.measure_id]
        # Many episodes share a start, a measure and no suspension: their dates are worked out once.
        end_key = (episode.start, episode.measure_id, tuple(episode.extension_months), tuple(episode.suspensions))
        if end_key not in ends:
            # Only the planned end is needed: no intensity periods, so the days per level are not worked out.
            ends[end_key] = durations(
                start=episode.start,
                end=None,
                today=today,
                intensity=(),
                suspensions=[Period(start, stop) for _id, start, stop, _review in episode.suspensions],
                rule=measure.rule,
                extension_months=episode.extension_months,
            ).planned_end
        end = ends[end_key]
        if end is not None:
            found.append(
                Condition(
                    AutomaticReason.PLANNED_END,
                    automatic_key(AutomaticReason.PLANNED_END, f"episode-{episode.id}", end),
                    episode.household_id,
                    end,
                    f"Décision : sortie, prolongation ou passage de relais (fin prévue le {format_date(end)})",
                )
            )
        due_key = (episode.start, end, episode.measure_id)
        if due_key not in reviews:
            reviews[due_key] = milestones(
                episode.start,
                end,
                start_months=measure.start_months,
                end_months=measure.end_months,
                every_months=measure.every_months,
                horizon=horizon,
            )
        due = reviews[due_key]
        for milestone in due:
            if (milestone.kind, milestone.due_on if milestone.kind is ReviewKind.PERIODIC else None) in episode.held:
                continue
            found.append(
                Condition(
                    AutomaticReason.REVIEW,
                    automatic_key(
                        AutomaticReason.REVIEW, f"episode-{episode.id}-{milestone.kind.value}", milestone.due_on
                    ),
                    episode.household_id,
                    milestone.due_on,
                    f"{REVIEW_LABELS[milestone.kind]} à tenir le {format_date(milestone.due_on)}",
                )
            )
        for suspension_id, _start, stop, review in episode.suspensions:
            if stop is None:
                found.append(
                    Condition(
                        AutomaticReason.SUSPENSION_REVIEW,
                        automatic_key(AutomaticReason.SUSPENSION_REVIEW, f"suspension-{suspension_id}", review),
                        episode.household_id,
                        review,
                        f"Revue de la suspension prévue le {format_date(review)}",
                        SHORT_HORIZON_DAYS,
                    )
                )
    return found


def _no_contact(session: Session, episodes: list[_Running], today: date) -> list[Condition]:
    """Households past the no-contact threshold of their current intensity (the rule of « Mes ménages », §5)."""
    thresholds: dict[int, int] = {}
    started: dict[int, date] = {}
    for episode in episodes:
        if episode.status is not EpisodeStatus.ACTIF or episode.start is None:
            continue  # a suspended episode pauses the threshold
        household = episode.household_id
        for days in episode.thresholds:
            thresholds[household] = min(thresholds.get(household, days), days)
        started[household] = min(started.get(household, episode.start), episode.start)
    if not thresholds:
        return []
    last = last_reached_days(session, thresholds)
    found = []
    for household_id, threshold in thresholds.items():
        since = last.get(household_id) or started.get(household_id)
        if since is None or (today - since).days <= threshold:
            continue
        became_due = since + timedelta(days=threshold + 1)
        what = f"depuis le {format_date(since)}" if household_id in last else "depuis le début de l'accompagnement"
        found.append(
            Condition(
                AutomaticReason.NO_CONTACT,
                automatic_key(AutomaticReason.NO_CONTACT, f"household-{household_id}", since),
                household_id,
                became_due,
                f"Aller vers le ménage : aucun contact {what} (seuil de {threshold} jours dépassé)",
                0,
                lasting=True,
            )
        )
    return found


def _consents(session: Session, today: date) -> list[Condition]:
    """Granted consents expiring within the horizon (or expired), not revoked and not renewed."""
    return [
        Condition(
            AutomaticReason.CONSENT_EXPIRY,
            automatic_key(AutomaticReason.CONSENT_EXPIRY, f"consent-{item.consent_id}", item.expires_on),
            item.household_id,
            item.expires_on,
            f"Consentement qui expire le {format_date(item.expires_on)}, à renouveler — {item.recipient}",
        )
        for item in expiring_consents(session, today + timedelta(days=HORIZON_DAYS))
    ]


def _residence_permits(session: Session, today: date) -> list[Condition]:
    """Current members whose titre de séjour expires within the horizon (or has expired)."""
    query = (
        select(HouseholdMembership.household_id, Person.id, Person.administrative_status_deadline)
        .join(Person, Person.id == HouseholdMembership.person_id)
        .where(
            HouseholdMembership.end_date.is_(None),
            Person.administrative_status_deadline.is_not(None),
            Person.administrative_status_deadline <= today + timedelta(days=HORIZON_DAYS),
        )
    )
    return [
        Condition(
            AutomaticReason.RESIDENCE_PERMIT_EXPIRY,
            automatic_key(AutomaticReason.RESIDENCE_PERMIT_EXPIRY, f"person-{person_id}", deadline),
            household_id,
            deadline,
            f"Titre de séjour d'un membre du ménage qui expire le {format_date(deadline)} : préparer le renouvellement",
        )
        for household_id, person_id, deadline in session.execute(query)
        if deadline is not None
    ]


def _numeros_uniques(session: Session, today: date) -> list[Condition]:
    """Households whose numéro unique (demande de logement social) expires within the horizon (or has expired)."""
    query = select(Household.id, Household.numero_unique_expires_on).where(
        Household.numero_unique != "",
        Household.numero_unique_expires_on.is_not(None),
        Household.numero_unique_expires_on <= today + timedelta(days=HORIZON_DAYS),
    )
    return [
        Condition(
            AutomaticReason.NUMERO_UNIQUE_EXPIRY,
            automatic_key(AutomaticReason.NUMERO_UNIQUE_EXPIRY, f"household-{household_id}", expires_on),
            household_id,
            expires_on,
            f"Numéro unique qui expire le {format_date(expires_on)} : renouveler la demande de logement social",
        )
        for household_id, expires_on in session.execute(query)
        if expires_on is not None
    ]


def _existing_keys(session: Session, wanted: dict[str, Condition]) -> set[str]:
    """The keys among ``wanted`` that already have a task (open or closed: a task is made once).

    Read by due date, not by key: a task is made due on its condition's date, so the tasks due within the dates
    of ``wanted`` hold every key already made (thousands of keys bound one by one cost more to compile than the
    read). A task whose due date a person moved away is not found here: its insert meets the key and is skipped.
    """
    if not wanted:
        return set()
    low = min(item.due_on for item in wanted.values())
    high = max(item.due_on for item in wanted.values())
    found = session.scalars(
        select(Task.automatic_key).where(Task.automatic_key.is_not(None), Task.due_on >= low, Task.due_on <= high)
    )
    return {key for key in found if key in wanted}


def may_hold(role_code: str | None, reason: AutomaticReason) -> bool:
    """Tell whether someone of ``role_code`` may be given an automatic task of ``reason`` (docs/domain.md §11.2).

    They must read the task's subject: a volunteer reads none of the record's deadlines, and a consent's expiry
    needs someone who reads consents — a volunteer's own check leaves consent tasks alone, so one they held would
    stay open forever.
    """
    if role_code is None or role_code in NO_AUTOMATIC_TASK_ROLE_CODES:
        return False
    return reason is not AutomaticReason.CONSENT_EXPIRY or may_read_consents(role_code)


@dataclass(frozen=True)
class _Owners:
    """Who may hold the automatic tasks of some households, read once.

    The owner is an active member of the household's current team who may hold the task (:func:`may_hold`), its
    coordinator first, then the lowest staff id; with none, an active team lead (who sees every household); with no
    one, there is no owner and no task.
    """

    team: dict[int, list[tuple[bool, int, str]]]
    """Per household: (not coordinating, staff id, role code) of its active current members, best first."""
    leads: tuple[tuple[int, str], ...]
    """The active team leads (staff id, role code), lowest id first."""

    @classmethod
    def read(cls, session: Session, household_ids: set[int], today: date) -> _Owners:
        """Read the active current members of ``household_ids``'s teams and the active team leads."""
        team: dict[int, list[tuple[bool, int, str]]] = {}
        ids = sorted(household_ids)
        for start in range(0, len(ids), _IDS_PER_QUERY):
            query = (
                select(
                    TeamMembership.household_id,
                    TeamMembership.is_coordinator,
                    TeamMembership.staff_member_id,
                    StaffRole.code,
                )
                .join(StaffMember, StaffMember.id == TeamMembership.staff_member_id)
                .join(StaffRole, StaffRole.id == StaffMember.role_id)
                .where(
                    TeamMembership.household_id.in_(ids[start : start + _IDS_PER_QUERY]),
                    StaffMember.active.is_(True),
                    on_team_on(TeamMembership.end_date, today),
                )
            )
            for household_id, coordinator, staff_id, role_code in session.execute(query):
                assert staff_id is not None  # joined to a staff member
                team.setdefault(household_id, []).append((not coordinator, staff_id, role_code))
        for members in team.values():
            members.sort()
        leads: tuple[tuple[int, str], ...] = ()
        if ids:
            leads = tuple(
                (staff_id, TEAM_LEAD_ROLE)
                for staff_id in session.scalars(
                    select(StaffMember.id)
                    .join(StaffRole, StaffRole.id == StaffMember.role_id)
                    .where(StaffRole.code == TEAM_LEAD_ROLE, StaffMember.active.is_(True))
                    .order_by(StaffMember.id)
                )
            )
        return cls(team, leads)

    def owner(self, household_id: int, reason: AutomaticReason, hint: int | None = None) -> int | None:
        """Return who gets a new task of ``reason`` about ``household_id`` (None: no one may hold it).

        ``hint`` (an after-care's referent) comes first when they may keep it.
        """
        if hint is not None and self.may_keep(household_id, reason, hint):
            return hint
        for _not_coordinating, staff_id, role_code in self.team.get(household_id, ()):
            if may_hold(role_code, reason):
                return staff_id
        for staff_id, role_code in self.leads:
            if may_hold(role_code, reason):
                return staff_id
        return None

    def may_keep(self, household_id: int, reason: AutomaticReason, staff_id: int) -> bool:
        """Tell whether ``staff_id`` may go on holding a task of ``reason``: active, on the team or team lead."""
        holders = [(member[1], member[2]) for member in self.team.get(household_id, ())]
        return any(held == staff_id and may_hold(role_code, reason) for held, role_code in (*holders, *self.leads))


__all__ = [
    "AutomaticTasks",
    "Condition",
    "RefreshCounts",
    "automatic_key",
    "may_hold",
    "new_task_rows",
    "pending_conditions",
]
