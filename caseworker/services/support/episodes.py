"""Support episodes: reading them, and their lifecycle from the referral to the exit (docs/domain.md §3.1).

A referral (*orientation reçue*) may get an agreement in principle or join the waiting list, then becomes *actif*
(with a coordinator on the household's team) or *sans suite*; an active episode is suspended and resumed (the
same episode: no re-admission) and closes with its exit record. Every step goes through
:func:`.states.check_transition` and is stored as a dated, attributed transition.

:class:`EpisodeService` is what the rest of the application calls: it owns the lifecycle and hands intensity
changes, extensions, objectives, reviews and the exit to the collaborating services of their own modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, EpisodeStatus, ReviewKind
from caseworker.formats import format_date
from caseworker.models import (
    Episode,
    EpisodeTransition,
    ExitReason,
    Household,
    Measure,
    NoFollowUpReason,
    OccupancyStatus,
    ReferralSource,
    StaffMember,
    StaffRole,
    Suspension,
    SuspensionReason,
    Topic,
)
from caseworker.models.base import ReferenceItem
from caseworker.services import audit
from caseworker.services.access_policy import TEAM_LEAD_ROLE
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.identity import staff_display_name
from caseworker.services.reference import Choice
from caseworker.services.row_versions import claim_version
from caseworker.services.support.aftercare import refresh_after_care_flags
from caseworker.services.support.coordination import has_coordinator_on
from caseworker.services.support.criteria import criteria_among, tick
from caseworker.services.support.episode_records import (
    check_step_date,
    current_suspension,
    last_transition,
    load_episode,
    record_transition,
    with_details,
)
from caseworker.services.support.episode_views import EpisodeChoices, EpisodeView, ObjectiveView, episode_view
from caseworker.services.support.exits import ExitInput, ExitService
from caseworker.services.support.extensions import ExtensionInput, ExtensionService
from caseworker.services.support.intensity import (
    IntensityChangeInput,
    IntensityService,
    change_period,
    current_period,
    level_of,
    open_period,
)
from caseworker.services.support.objectives import ObjectiveInput, ObjectiveService
from caseworker.services.support.reviews import ReviewService
from caseworker.services.support.states import ENDED, RUNNING, WAITING, check_transition
from caseworker.services.validation import ADDRESS_MAX, LONG_TEXT_MAX, Problems

DEFAULT_SUSPENSION_REVIEW = relativedelta(months=1)


@dataclass(frozen=True)
class OrientationInput:
    """A referral received: the episode starts in ``orientation_recue``."""

    measure_code: str
    orientation_date: date
    referral_source_code: str | None = None
    funders: str | None = None  # None: the measure's funders
    note: str = ""
    previous_episode_id: int | None = None
    criteria: tuple[str, ...] = ()  # the codes of the entry criteria ticked: information, never a condition


@dataclass(frozen=True)
class SuspensionInput:
    """A pause without exit, from ``start_date``; review one month later unless given."""

    start_date: date
    reason_code: str
    review_date: date | None = None
    note: str = ""


class EpisodeService:
    """Opens, moves and closes support episodes; every change is audited."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._intensity = IntensityService(ctx)
        self._extensions = ExtensionService(ctx)
        self._exits = ExitService(ctx)
        self._objectives = ObjectiveService(ctx)
        self._reviews = ReviewService(ctx)

    # --------------------------------------------------------------------------------------- reading

    def episodes_for(self, household_id: int) -> list[EpisodeView]:
        """Return the household's episodes, running ones first, then newest first."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            episodes = session.scalars(with_details(select(Episode)).where(Episode.household_id == household_id)).all()
            views = [episode_view(session, episode, today) for episode in episodes]
        return sorted(views, key=lambda view: (view.status not in RUNNING, -view.orientation_date.toordinal()))

    def episode(self, episode_id: int) -> EpisodeView:
        """Return one episode."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            return episode_view(session, load_episode(session, episode_id), today)

    def choices(self) -> EpisodeChoices:
        """Return the picklists of the episode forms."""
        with self._ctx.read() as session:

            def items(model: type[ReferenceItem]) -> list[Choice]:
                query = select(model).where(model.active.is_(True)).order_by(model.sort_order, model.label)
                return [Choice(item.code, item.label) for item in session.scalars(query)]

            measures = session.scalars(
                select(Measure).where(Measure.active.is_(True)).order_by(Measure.sort_order, Measure.name)
            )
            statuses = session.scalars(
                select(OccupancyStatus).where(OccupancyStatus.active.is_(True)).order_by(OccupancyStatus.sort_order)
            )
            approvers = session.execute(
                select(StaffMember.id, StaffMember.first_name, StaffMember.last_name)
                .join(StaffRole, StaffRole.id == StaffMember.role_id)
                # Only the team lead logged in approves (docs/domain.md §9.3): the list holds them or nobody.
                .where(
                    StaffRole.code == TEAM_LEAD_ROLE,
                    StaffMember.active.is_(True),
                    StaffMember.id == self._ctx.actor.staff_member_id,
                )
                .order_by(StaffMember.last_name, StaffMember.first_name)
            )
            return EpisodeChoices(
                measures=[Choice(item.code, item.name) for item in measures],
                referral_sources=items(ReferralSource),
                suspension_reasons=items(SuspensionReason),
                no_follow_up_reasons=items(NoFollowUpReason),
                exit_reasons=items(ExitReason),
                destinations=[Choice(item.code, item.label, item.is_housed) for item in statuses],
                themes=items(Topic),
                approvers=[Choice(str(row[0]), staff_display_name(row[1], row[2])) for row in approvers],
            )

    def levels_for(self, episode_id: int) -> list[Choice]:
        """Return the active intensity levels of the episode's measure, most intense first."""
        with self._ctx.read() as session:
            episode = load_episode(session, episode_id)
            return [Choice(level.code, level.label) for level in episode.measure.levels if level.active]

    # ------------------------------------------------------------------------------------- lifecycle

    def open_episode(self, household_id: int, data: OrientationInput) -> EpisodeView:
        """Record a referral (orientation reçue) for a measure."""
        today = self._ctx.clock.today()
        problems = Problems()
        problems.date(
            "orientation_date", data.orientation_date, kind=DateKind.EVENT, label="Date d'orientation", today=today
        )
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        funders = (
            problems.text("funders", data.funders, label="Financeurs", max_length=ADDRESS_MAX)
            if data.funders is not None
            else None
        )
        with self._ctx.transaction() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
            measure, source_id = _check_referral(session, household_id, data, problems)
            ticked = criteria_among(session, measure.id if measure else None, data.criteria, problems)
            problems.raise_if_any()
            assert measure is not None
            episode = Episode(
                household_id=household_id,
                measure_id=measure.id,
                status=EpisodeStatus.ORIENTATION_RECUE,
                funders=measure.funders if funders is None else funders,
                referral_source_id=source_id,
                referral_note=note,
                orientation_date=data.orientation_date,
                previous_episode_id=data.previous_episode_id,
            )
            session.add(episode)
            session.flush()
            tick(session, episode.id, ticked)
            record_transition(
                session, self._ctx, episode, None, EpisodeStatus.ORIENTATION_RECUE, data.orientation_date, ""
            )
            audit.record(session, self._ctx, AuditAction.CREATE, "episode", episode.id, household_id=household_id)
            return episode_view(session, load_episode(session, episode.id), today)

    def agree(self, episode_id: int, *, on: date, reason: str = "", expected_version: int) -> EpisodeView:
        """Record the agreement in principle (accord de principe)."""
        return self._simple_step(
            episode_id, EpisodeStatus.ACCORD_DE_PRINCIPE, on, reason, expected_version=expected_version
        )

    def put_on_waiting_list(self, episode_id: int, *, on: date, reason: str = "", expected_version: int) -> EpisodeView:
        """Record that the household joined the waiting list (en attente)."""
        return self._simple_step(episode_id, EpisodeStatus.EN_ATTENTE, on, reason, expected_version=expected_version)

    def _simple_step(
        self, episode_id: int, target: EpisodeStatus, on: date, reason: str, *, expected_version: int
    ) -> EpisodeView:
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            step_in(session, self._ctx, episode, target, on=on, reason=reason)
            return episode_view(session, episode, today)

    def activate(
        self, episode_id: int, *, on: date, level_code: str, reason: str = "", expected_version: int
    ) -> EpisodeView:
        """Start support on ``on`` at an intensity level; a coordinator must already be designated."""
        today = self._ctx.clock.today()
        problems = Problems()
        reason = problems.text("reason", reason, label="Motif", max_length=LONG_TEXT_MAX, multiline=True)
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            check_transition(episode.status, EpisodeStatus.ACTIF)
            if episode.status not in WAITING:
                raise ValidationError({"status": "Pour reprendre un accompagnement suspendu, utilisez « Reprendre »."})
            check_step_date(problems, episode, on, today, field="on")
            level = level_of(episode, level_code, problems)
            if not has_coordinator_on(session, episode.household_id, on):
                problems.add(
                    "coordinator",
                    "Désignez d'abord un référent coordinateur dans l'équipe du ménage (onglet Équipe).",
                )
            problems.raise_if_any()
            assert level is not None
            episode.start_date = on
            record_transition(session, self._ctx, episode, episode.status, EpisodeStatus.ACTIF, on, reason)
            open_period(session, self._ctx, episode, level, on, reason or "Début de l'accompagnement", "")
            # Support beside an after-care: the contacts from its start are its activity (docs/domain.md §14.1).
            refresh_after_care_flags(session, episode.household_id, on)
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "episode",
                episode.id,
                household_id=episode.household_id,
                fields=["start_date", "status"],
            )
            return episode_view(session, episode, today)

    def decline(
        self, episode_id: int, *, on: date, reason_code: str, note: str = "", expected_version: int
    ) -> EpisodeView:
        """End a referral without support (sans suite), with a reason from the list."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            decline_in(session, self._ctx, episode, on=on, reason_code=reason_code, note=note)
            return episode_view(session, episode, today)

    def suspend(self, episode_id: int, data: SuspensionInput, *, expected_version: int) -> EpisodeView:
        """Pause support without exit (hospitalisation, incarcération…), with a review date."""
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        problems.date("start_date", data.start_date, kind=DateKind.EVENT, label="Date", today=today)
        if "start_date" in problems.errors:  # no review date counts from an absurd date (it may leave the calendar)
            problems.raise_if_any()
        review = data.review_date or data.start_date + DEFAULT_SUSPENSION_REVIEW
        problems.date("review_date", review, kind=DateKind.PLANNED, label="Date de revue", today=today)
        problems.ordered(
            "review_date", data.start_date, review, start_label="La date de suspension", end_label="La date de revue"
        )
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            check_transition(episode.status, EpisodeStatus.SUSPENDU)
            check_step_date(problems, episode, data.start_date, today, field="start_date")
            reason = session.scalar(select(SuspensionReason).where(SuspensionReason.code == data.reason_code))
            if reason is None or not reason.active:
                problems.add("reason_code", "Motif : choisissez une valeur dans la liste.")
            elif reason.code == "autre" and not note:
                problems.add("note", "Motif « Autre » : précisez-le dans la remarque.")
            problems.raise_if_any()
            assert reason is not None
            suspension = Suspension(
                episode_id=episode.id, reason_id=reason.id, start_date=data.start_date, review_date=review, note=note
            )
            session.add(suspension)
            session.flush()
            session.refresh(episode, ["suspensions"])
            record_transition(
                session, self._ctx, episode, episode.status, EpisodeStatus.SUSPENDU, data.start_date, reason.label
            )
            audit.record(
                session, self._ctx, AuditAction.CREATE, "suspension", suspension.id, household_id=episode.household_id
            )
            return episode_view(session, episode, today)

    def resume(
        self, episode_id: int, *, on: date, level_code: str | None = None, reason: str = "", expected_version: int
    ) -> EpisodeView:
        """Resume a suspended episode (same episode, no re-admission), confirming or changing the intensity."""
        today = self._ctx.clock.today()
        problems = Problems()
        reason = problems.text("reason", reason, label="Motif", max_length=LONG_TEXT_MAX, multiline=True)
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            check_transition(episode.status, EpisodeStatus.ACTIF)
            if episode.status is not EpisodeStatus.SUSPENDU:
                raise ValidationError({"status": "Pour démarrer l'accompagnement, utilisez « Activer »."})
            suspension = _open_suspension(episode)
            check_step_date(problems, episode, on, today, field="on")
            if on <= suspension.start_date:
                problems.add(
                    "on",
                    f"La reprise doit suivre le début de la suspension ({format_date(suspension.start_date)}).",
                )
            level = level_of(episode, level_code, problems) if level_code else None
            problems.raise_if_any()
            suspension.end_date = on - timedelta(days=1)
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "suspension",
                suspension.id,
                household_id=episode.household_id,
                fields=["end_date"],
            )
            record_transition(session, self._ctx, episode, episode.status, EpisodeStatus.ACTIF, on, reason)
            current = current_period(episode)
            if level is not None and (current is None or current.level_id != level.id):
                change_period(session, self._ctx, episode, current, level, on, reason or "Reprise", "")
            return episode_view(session, episode, today)

    def close(self, episode_id: int, data: ExitInput, *, expected_version: int) -> EpisodeView:
        """Close an active or suspended episode with its exit record and handover plan (or a waiver)."""
        return self._exits.close(episode_id, data, expected_version=expected_version)

    # ------------------------------------------------------------------ intensity, extensions, objectives

    def change_intensity(self, episode_id: int, data: IntensityChangeInput, *, expected_version: int) -> EpisodeView:
        """Step support up or down from ``data.start_date``; the current period ends the day before."""
        return self._intensity.change_intensity(episode_id, data, expected_version=expected_version)

    def extend(self, episode_id: int, data: ExtensionInput, *, expected_version: int) -> EpisodeView:
        """Renew or extend an active episode, within the measure's duration policy, approved by a team lead."""
        return self._extensions.extend(episode_id, data, expected_version=expected_version)

    def add_objective(self, episode_id: int, data: ObjectiveInput, *, expected_version: int) -> ObjectiveView:
        """Add an objective in the household's own words."""
        return self._objectives.add_objective(episode_id, data, expected_version=expected_version)

    def update_objective(self, objective_id: int, data: ObjectiveInput, *, expected_version: int) -> ObjectiveView:
        """Reword an objective or record where it stands (a status change counts as a review today)."""
        return self._objectives.update_objective(objective_id, data, expected_version=expected_version)

    def record_review(
        self, episode_id: int, *, kind: ReviewKind, due_on: date, held_on: date, note: str = "", expected_version: int
    ) -> None:
        """Record that a milestone review (bilan) was held."""
        self._reviews.record_review(
            episode_id, kind=kind, due_on=due_on, held_on=held_on, note=note, expected_version=expected_version
        )


def step_in(
    session: Session, ctx: ServiceContext, episode: Episode, target: EpisodeStatus, *, on: date, reason: str
) -> EpisodeTransition:
    """Move a loaded episode one step without further record (accord de principe, liste d'attente); return it.

    In the caller's transaction, for :meth:`EpisodeService.agree` and the admission commission's minutes alike.
    """
    today = ctx.clock.today()
    problems = Problems()
    reason = problems.text("reason", reason, label="Motif", max_length=LONG_TEXT_MAX, multiline=True)
    check_transition(episode.status, target)
    check_step_date(problems, episode, on, today, field="on")
    problems.raise_if_any()
    record_transition(session, ctx, episode, episode.status, target, on, reason)
    return last_transition(episode)


def decline_in(
    session: Session, ctx: ServiceContext, episode: Episode, *, on: date, reason_code: str, note: str
) -> EpisodeTransition:
    """End a loaded referral without support (sans suite) in the caller's transaction; return the step."""
    today = ctx.clock.today()
    problems = Problems()
    note = problems.text("note", note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
    check_transition(episode.status, EpisodeStatus.SANS_SUITE)
    check_step_date(problems, episode, on, today, field="on")
    reason = session.scalar(select(NoFollowUpReason).where(NoFollowUpReason.code == reason_code))
    if reason is None or not reason.active:
        problems.add("reason_code", "Motif : choisissez une valeur dans la liste.")
    elif reason.code == "autre" and not note:
        problems.add("note", "Motif « Autre » : précisez-le dans la remarque.")
    problems.raise_if_any()
    assert reason is not None
    episode.no_follow_up_reason = reason
    episode.end_date = on
    text = reason.label + (f" — {note}" if note else "")
    record_transition(session, ctx, episode, episode.status, EpisodeStatus.SANS_SUITE, on, text)
    audit.record(
        session,
        ctx,
        AuditAction.UPDATE,
        "episode",
        episode.id,
        household_id=episode.household_id,
        fields=["end_date", "no_follow_up_reason_id", "status"],
    )
    return last_transition(episode)


def _check_referral(
    session: Session, household_id: int, data: OrientationInput, problems: Problems
) -> tuple[Measure | None, int | None]:
    """Check the measure, the referral source and the previous episode; return the measure and the source id.

    A household has at most one episode under way per measure; a previous episode must be its own, and ended.
    """
    measure = session.scalar(select(Measure).where(Measure.code == data.measure_code))
    if measure is None or not measure.active:
        problems.add("measure_code", "Dispositif : choisissez une valeur dans la liste.")
    source_id = None
    if data.referral_source_code:
        source = session.scalar(select(ReferralSource).where(ReferralSource.code == data.referral_source_code))
        if source is None or not source.active:
            problems.add("referral_source_code", "Prescripteur : choisissez une valeur dans la liste.")
        else:
            source_id = source.id
    if measure is not None:
        running = session.scalar(
            select(func.count(Episode.id)).where(
                Episode.household_id == household_id,
                Episode.measure_id == measure.id,
                Episode.status.not_in(list(ENDED)),
            )
        )
        if running:
            problems.add(
                "measure_code",
                f"Le ménage a déjà un accompagnement « {measure.name} » en cours : "
                "terminez-le avant d'en ouvrir un autre pour ce dispositif.",
            )
    if data.previous_episode_id is not None:
        previous = session.get(Episode, data.previous_episode_id)
        if previous is None or previous.household_id != household_id:
            problems.add("previous_episode_id", "L'accompagnement précédent n'appartient pas à ce ménage.")
        elif previous.status not in ENDED:
            problems.add("previous_episode_id", "L'accompagnement précédent n'est pas terminé.")
    return measure, source_id


def _open_suspension(episode: Episode) -> Suspension:
    suspension = current_suspension(episode)
    if suspension is None:  # pragma: no cover - status and suspensions are written together
        raise ValidationError({"status": "Aucune suspension en cours."})
    return suspension
