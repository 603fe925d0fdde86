"""Support episodes: lifecycle, intensity, suspensions, extensions, objectives, reviews and exit.

Every state change goes through :func:`episode_rules.check_transition` and is stored as a dated, attributed
:class:`EpisodeTransition`. Durations, planned end and review due dates are derived on reading
(:mod:`episode_math`), never stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import (
    THREE_PARTIES,
    AuditAction,
    DurationPolicy,
    EpisodeStatus,
    ObjectivesMet,
    ObjectiveStatus,
    Party,
    ReviewKind,
)
from caseworker.formats import format_date
from caseworker.models import (
    Episode,
    EpisodeReview,
    EpisodeTransition,
    ExitReason,
    ExitRecord,
    Extension,
    Household,
    IntensityLevel,
    IntensityPeriod,
    Measure,
    NoFollowUpReason,
    Objective,
    OccupancyStatus,
    PartnerContact,
    ReferralSource,
    StaffMember,
    StaffRole,
    Suspension,
    SuspensionReason,
    TeamMembership,
    Topic,
)
from caseworker.models.base import ReferenceItem
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.episode_math import (
    UNKNOWN_LEVEL,
    DurationRule,
    Durations,
    Milestone,
    Period,
    durations,
    milestones,
)
from caseworker.services.episode_rules import (
    ENDED,
    RUNNING,
    STATUS_LABELS,
    WAITING,
    allowed_next,
    check_transition,
    extension_limit_message,
)
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.identity import staff_display_name
from caseworker.services.measures import policy_label
from caseworker.services.reference import Choice
from caseworker.services.validation import ADDRESS_MAX, LABEL_MAX, LONG_TEXT_MAX, PARAGRAPH_MAX, Problems

__all__ = ["STATUS_LABELS", "EpisodeService"]

TEAM_LEAD_ROLE = "chef_service"
DEFAULT_SUSPENSION_REVIEW = relativedelta(months=1)

OWNER_LABELS = {
    Party.MENAGE: "Le ménage",
    Party.ASSOCIATION: "L'association",
    Party.BAILLEUR: "Le bailleur",
}
OBJECTIVE_STATUS_LABELS = {
    ObjectiveStatus.EN_COURS: "En cours",
    ObjectiveStatus.ATTEINT: "Atteint",
    ObjectiveStatus.PARTIEL: "Partiellement atteint",
    ObjectiveStatus.ABANDONNE: "Abandonné",
}
OBJECTIVES_MET_LABELS = {
    ObjectivesMet.OUI: "Oui",
    ObjectivesMet.PARTIELLEMENT: "Partiellement",
    ObjectivesMet.NON: "Non",
}
REVIEW_LABELS = {
    ReviewKind.START: "Bilan d'entrée",
    ReviewKind.MID: "Bilan intermédiaire",
    ReviewKind.END: "Bilan de fin",
    ReviewKind.PERIODIC: "Bilan périodique",
}


# ------------------------------------------------------------------------------------------------ inputs


@dataclass(frozen=True)
class OrientationInput:
    """A referral received: the episode starts in ``orientation_recue``."""

    measure_code: str
    orientation_date: date
    referral_source_code: str | None = None
    funders: str | None = None  # None: the measure's funders
    note: str = ""
    previous_episode_id: int | None = None


@dataclass(frozen=True)
class SuspensionInput:
    """A pause without exit, from ``start_date``; review one month later unless given."""

    start_date: date
    reason_code: str
    review_date: date | None = None
    note: str = ""


@dataclass(frozen=True)
class IntensityChangeInput:
    """A new intensity level from ``start_date`` (the current one ends the day before)."""

    level_code: str
    start_date: date
    reason: str = ""
    decided_where: str = ""


@dataclass(frozen=True)
class ExtensionInput:
    """A renewal or negotiated extension; ``months`` defaults to the measure's duration for renewals."""

    decided_on: date
    justification: str
    approver_id: int | None
    months: int | None = None
    decided_where: str = ""


@dataclass(frozen=True)
class ObjectiveInput:
    """An objective in the household's own words."""

    text: str
    owner: Party = Party.MENAGE
    theme_code: str | None = None
    status: ObjectiveStatus = ObjectiveStatus.EN_COURS
    next_review_on: date | None = None
    set_on: date | None = None  # default today


@dataclass(frozen=True)
class ExitInput:
    """The exit record and the handover plan (passage de relais), or why there is none."""

    end_date: date
    reason_code: str
    objectives_met: ObjectivesMet
    destination_status_code: str | None = None
    narrative: str = ""
    handover_services: str = ""
    handover_contact_id: int | None = None
    handover_contact_name: str = ""
    handover_date: date | None = None
    handover_note: str = ""
    waiver_reason: str = ""


# ------------------------------------------------------------------------------------------------- views


@dataclass(frozen=True)
class TransitionView:
    """One step of the episode's history."""

    from_status: EpisodeStatus | None
    to_status: EpisodeStatus
    label: str
    effective_date: date
    staff_name: str
    reason: str


@dataclass(frozen=True)
class IntensityPeriodView:
    """One intensity period."""

    id: int
    level_code: str
    level_label: str
    rhythm_contacts: int | None
    rhythm_days: int | None
    no_contact_days: int | None
    weight_percent: int
    start_date: date
    end_date: date | None
    reason: str
    decided_where: str


@dataclass(frozen=True)
class SuspensionView:
    """One suspension."""

    id: int
    reason_code: str
    reason_label: str
    start_date: date
    end_date: date | None
    review_date: date
    note: str
    review_overdue: bool


@dataclass(frozen=True)
class ExtensionView:
    """One renewal or extension."""

    id: int
    decided_on: date
    months: int
    justification: str
    approver_name: str
    decided_where: str


@dataclass(frozen=True)
class ObjectiveView:
    """One objective."""

    id: int
    text: str
    owner: Party
    owner_label: str
    theme_code: str | None
    theme_label: str
    status: ObjectiveStatus
    status_label: str
    set_on: date
    next_review_on: date | None
    last_reviewed_on: date | None
    review_overdue: bool


@dataclass(frozen=True)
class MilestoneView:
    """A review due on a date, and whether it was held."""

    kind: ReviewKind
    label: str
    due_on: date
    held_on: date | None
    note: str
    overdue: bool


@dataclass(frozen=True)
class ExitView:
    """The exit record and handover plan."""

    reason_code: str
    reason_label: str
    destination_label: str
    objectives_met: ObjectivesMet
    objectives_met_label: str
    narrative: str
    handover_services: str
    handover_contact: str
    handover_date: date | None
    handover_note: str
    waiver_reason: str


@dataclass(frozen=True)
class EpisodeView:
    """An episode with everything derived from it."""

    id: int
    household_id: int
    measure_id: int
    measure_code: str
    measure_name: str
    duration_policy: DurationPolicy
    duration_months: int | None
    max_extensions: int | None
    suspended_days_count: bool
    status: EpisodeStatus
    status_label: str
    funders: str
    referral_source_label: str
    referral_note: str
    orientation_date: date
    start_date: date | None
    end_date: date | None
    previous_episode_id: int | None
    no_follow_up_reason_label: str
    transitions: tuple[TransitionView, ...]
    intensity: tuple[IntensityPeriodView, ...]
    suspensions: tuple[SuspensionView, ...]
    extensions: tuple[ExtensionView, ...]
    objectives: tuple[ObjectiveView, ...]
    milestones: tuple[MilestoneView, ...]
    exit: ExitView | None
    durations: Durations
    allowed_next: frozenset[EpisodeStatus]

    @property
    def policy_label(self) -> str:
        """Return the measure's duration policy in French, e.g. "6 mois, renouvelable 1 fois"."""
        return policy_label(self.duration_policy, self.duration_months, self.max_extensions)

    @property
    def is_running(self) -> bool:
        """Tell whether support is under way (active or suspended)."""
        return self.status in RUNNING

    @property
    def current_intensity(self) -> IntensityPeriodView | None:
        """Return the open intensity period, if any."""
        return next((item for item in self.intensity if item.end_date is None), None)

    @property
    def current_suspension(self) -> SuspensionView | None:
        """Return the open suspension, if any."""
        return next((item for item in self.suspensions if item.end_date is None), None)

    @property
    def extensions_left(self) -> int | None:
        """Return how many renewals or extensions the policy still allows (None: no limit or not applicable)."""
        if self.duration_policy is DurationPolicy.FIXED:
            return 0
        if self.duration_policy is DurationPolicy.OPEN_ENDED or self.max_extensions is None:
            return None
        return max(self.max_extensions - len(self.extensions), 0)

    def days_by_level(self) -> list[tuple[str, int]]:
        """Return (level label, days active) in scale order, unknown last."""
        labels: dict[str, str] = {}
        order: dict[str, int] = {}
        for position, period in enumerate(sorted(self.intensity, key=lambda item: item.start_date)):
            labels.setdefault(period.level_code, period.level_label)
            order.setdefault(period.level_code, position)
        rows = [
            (labels.get(code, "Sans niveau"), days, order.get(code, 10_000))
            for code, days in self.durations.days_by_level.items()
            if code != UNKNOWN_LEVEL or days
        ]
        return [(label, days) for label, days, _ in sorted(rows, key=lambda row: row[2])]


@dataclass(frozen=True)
class EpisodeChoices:
    """Picklists for the episode forms."""

    measures: list[Choice]
    referral_sources: list[Choice]
    suspension_reasons: list[Choice]
    no_follow_up_reasons: list[Choice]
    exit_reasons: list[Choice]
    destinations: list[Choice]
    themes: list[Choice]
    approvers: list[Choice]  # code = staff member id as text


# ---------------------------------------------------------------------------------------------- service


class EpisodeService:
    """Opens, moves and closes support episodes; every change is audited."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # --------------------------------------------------------------------------------------- reading

    def episodes_for(self, household_id: int) -> list[EpisodeView]:
        """Return the household's episodes, running ones first, then newest first."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            episodes = session.scalars(_loaded(select(Episode)).where(Episode.household_id == household_id)).all()
            views = [_view(session, episode, today) for episode in episodes]
        return sorted(views, key=lambda view: (view.status not in RUNNING, -view.orientation_date.toordinal()))

    def episode(self, episode_id: int) -> EpisodeView:
        """Return one episode."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            return _view(session, _get(session, episode_id), today)

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
                .where(StaffRole.code == TEAM_LEAD_ROLE, StaffMember.active.is_(True))
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
            episode = _get(session, episode_id)
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
            self._transition(session, episode, None, EpisodeStatus.ORIENTATION_RECUE, data.orientation_date, "")
            audit.record(session, self._ctx, AuditAction.CREATE, "episode", episode.id, household_id=household_id)
            return _view(session, _get(session, episode.id), today)

    def agree(self, episode_id: int, *, on: date, reason: str = "") -> EpisodeView:
        """Record the agreement in principle (accord de principe)."""
        return self._simple_step(episode_id, EpisodeStatus.ACCORD_DE_PRINCIPE, on, reason)

    def put_on_waiting_list(self, episode_id: int, *, on: date, reason: str = "") -> EpisodeView:
        """Record that the household joined the waiting list (en attente)."""
        return self._simple_step(episode_id, EpisodeStatus.EN_ATTENTE, on, reason)

    def _simple_step(self, episode_id: int, target: EpisodeStatus, on: date, reason: str) -> EpisodeView:
        today = self._ctx.clock.today()
        problems = Problems()
        reason = problems.text("reason", reason, label="Motif", max_length=LONG_TEXT_MAX, multiline=True)
        with self._ctx.transaction() as session:
            episode = _get(session, episode_id)
            check_transition(episode.status, target)
            self._check_step_date(problems, episode, on, today, field="on")
            problems.raise_if_any()
            self._transition(session, episode, episode.status, target, on, reason)
            return _view(session, episode, today)

    def activate(self, episode_id: int, *, on: date, level_code: str, reason: str = "") -> EpisodeView:
        """Start support on ``on`` at an intensity level; a coordinator must already be designated."""
        today = self._ctx.clock.today()
        problems = Problems()
        reason = problems.text("reason", reason, label="Motif", max_length=LONG_TEXT_MAX, multiline=True)
        with self._ctx.transaction() as session:
            episode = _get(session, episode_id)
            check_transition(episode.status, EpisodeStatus.ACTIF)
            if episode.status not in WAITING:
                raise ValidationError({"status": "Pour reprendre un accompagnement suspendu, utilisez « Reprendre »."})
            self._check_step_date(problems, episode, on, today, field="on")
            level = _level(session, episode, level_code, problems)
            if not _has_coordinator(session, episode.household_id, on):
                problems.add(
                    "coordinator",
                    "Désignez d'abord un référent coordinateur dans l'équipe du ménage (onglet Équipe).",
                )
            problems.raise_if_any()
            assert level is not None
            episode.start_date = on
            self._transition(session, episode, episode.status, EpisodeStatus.ACTIF, on, reason)
            self._open_period(session, episode, level, on, reason or "Début de l'accompagnement", "")
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "episode",
                episode.id,
                household_id=episode.household_id,
                fields=["start_date", "status"],
            )
            return _view(session, episode, today)

    def decline(self, episode_id: int, *, on: date, reason_code: str, note: str = "") -> EpisodeView:
        """End a referral without support (sans suite), with a reason from the list."""
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        with self._ctx.transaction() as session:
            episode = _get(session, episode_id)
            check_transition(episode.status, EpisodeStatus.SANS_SUITE)
            self._check_step_date(problems, episode, on, today, field="on")
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
            self._transition(session, episode, episode.status, EpisodeStatus.SANS_SUITE, on, text)
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "episode",
                episode.id,
                household_id=episode.household_id,
                fields=["end_date", "no_follow_up_reason_id", "status"],
            )
            return _view(session, episode, today)

    def suspend(self, episode_id: int, data: SuspensionInput) -> EpisodeView:
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
            episode = _get(session, episode_id)
            check_transition(episode.status, EpisodeStatus.SUSPENDU)
            self._check_step_date(problems, episode, data.start_date, today, field="start_date")
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
            self._transition(session, episode, episode.status, EpisodeStatus.SUSPENDU, data.start_date, reason.label)
            audit.record(
                session, self._ctx, AuditAction.CREATE, "suspension", suspension.id, household_id=episode.household_id
            )
            return _view(session, episode, today)

    def resume(self, episode_id: int, *, on: date, level_code: str | None = None, reason: str = "") -> EpisodeView:
        """Resume a suspended episode (same episode, no re-admission), confirming or changing the intensity."""
        today = self._ctx.clock.today()
        problems = Problems()
        reason = problems.text("reason", reason, label="Motif", max_length=LONG_TEXT_MAX, multiline=True)
        with self._ctx.transaction() as session:
            episode = _get(session, episode_id)
            check_transition(episode.status, EpisodeStatus.ACTIF)
            if episode.status is not EpisodeStatus.SUSPENDU:
                raise ValidationError({"status": "Pour démarrer l'accompagnement, utilisez « Activer »."})
            suspension = _open_suspension(episode)
            self._check_step_date(problems, episode, on, today, field="on")
            if on <= suspension.start_date:
                problems.add(
                    "on",
                    f"La reprise doit suivre le début de la suspension ({format_date(suspension.start_date)}).",
                )
            level = _level(session, episode, level_code, problems) if level_code else None
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
            self._transition(session, episode, episode.status, EpisodeStatus.ACTIF, on, reason)
            current = _open_period(episode)
            if level is not None and (current is None or current.level_id != level.id):
                self._change_period(session, episode, current, level, on, reason or "Reprise", "")
            return _view(session, episode, today)

    def change_intensity(self, episode_id: int, data: IntensityChangeInput) -> EpisodeView:
        """Step support up or down from ``data.start_date``; the current period ends the day before."""
        today = self._ctx.clock.today()
        problems = Problems()
        reason = problems.text("reason", data.reason, label="Motif", max_length=LONG_TEXT_MAX, multiline=True)
        where = problems.text("decided_where", data.decided_where, label="Décidé en", max_length=LABEL_MAX)
        with self._ctx.transaction() as session:
            episode = _get(session, episode_id)
            if episode.status is not EpisodeStatus.ACTIF:
                raise ValidationError(
                    {
                        "status": f"L'intensité ne change que pendant un accompagnement actif "
                        f"(ici : « {STATUS_LABELS[episode.status]} »)."
                    }
                )
            self._check_step_date(problems, episode, data.start_date, today, field="start_date")
            level = _level(session, episode, data.level_code, problems)
            current = _open_period(episode)
            if current is not None:
                if data.start_date <= current.start_date:
                    problems.add(
                        "start_date",
                        f"Le changement doit suivre le début du niveau actuel ({format_date(current.start_date)}).",
                    )
                if level is not None and current.level_id == level.id:
                    problems.add("level_code", f"L'intensité est déjà « {level.label} ».")
            problems.raise_if_any()
            assert level is not None
            self._change_period(session, episode, current, level, data.start_date, reason, where)
            return _view(session, episode, today)

    def extend(self, episode_id: int, data: ExtensionInput) -> EpisodeView:
        """Renew or extend an active episode, within the measure's duration policy, approved by a team lead."""
        today = self._ctx.clock.today()
        problems = Problems()
        justification = problems.text(
            "justification",
            data.justification,
            label="Justification",
            max_length=LONG_TEXT_MAX,
            required=True,
            multiline=True,
        )
        where = problems.text("decided_where", data.decided_where, label="Décidé en", max_length=LABEL_MAX)
        with self._ctx.transaction() as session:
            episode = _get(session, episode_id)
            measure = episode.measure
            if episode.status is not EpisodeStatus.ACTIF:
                raise ValidationError(
                    {
                        "status": "Une prolongation se décide pendant un accompagnement actif "
                        f"(ici : « {STATUS_LABELS[episode.status]} »)."
                    }
                )
            used = len(episode.extensions)
            policy = measure.duration_policy
            if policy is DurationPolicy.OPEN_ENDED:
                raise ValidationError({"months": f"« {measure.name} » est sans limite de durée : rien à prolonger."})
            if policy is DurationPolicy.FIXED:
                raise ValidationError(
                    {
                        "months": f"« {measure.name} » a une durée fixe de {measure.duration_months} mois, "
                        "sans prolongation possible."
                    }
                )
            if measure.max_extensions is not None and used >= measure.max_extensions:
                raise ValidationError(
                    {"months": extension_limit_message(measure.name, policy, measure.max_extensions, used)}
                )
            months = data.months
            if policy is DurationPolicy.RENEWABLE:
                months = measure.duration_months
                if data.months is not None and data.months != measure.duration_months:
                    problems.add("months", f"Un renouvellement de « {measure.name} » dure {months} mois.")
            elif months is None or not 1 <= months <= 60:
                problems.add("months", "Durée de la prolongation : indiquez un nombre de mois entre 1 et 60.")
            self._check_step_date(problems, episode, data.decided_on, today, field="decided_on")
            approver = session.get(StaffMember, data.approver_id) if data.approver_id is not None else None
            if approver is None or not approver.active:
                problems.add("approver_id", "Indiquez le ou la chef·fe de service qui approuve la prolongation.")
            elif approver.role.code != TEAM_LEAD_ROLE:
                problems.add("approver_id", "Seul·e un·e chef·fe de service peut approuver une prolongation.")
            problems.raise_if_any()
            assert months is not None and approver is not None
            extension = Extension(
                episode_id=episode.id,
                decided_on=data.decided_on,
                months=months,
                justification=justification,
                approver_id=approver.id,
                decided_where=where,
            )
            session.add(extension)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "extension", extension.id, household_id=episode.household_id
            )
            session.refresh(episode, ["extensions"])
            return _view(session, episode, today)

    def close(self, episode_id: int, data: ExitInput) -> EpisodeView:
        """Close an active or suspended episode with its exit record and handover plan (or a waiver)."""
        today = self._ctx.clock.today()
        problems = Problems()
        narrative = problems.text("narrative", data.narrative, label="Récit", max_length=LONG_TEXT_MAX, multiline=True)
        services_text = problems.text(
            "handover_services",
            data.handover_services,
            label="Services qui prennent le relais",
            max_length=PARAGRAPH_MAX,
            multiline=True,
        )
        contact_name = problems.text("handover_contact_name", data.handover_contact_name, label="Contact nommé")
        handover_note = problems.text(
            "handover_note", data.handover_note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True
        )
        waiver = problems.text(
            "waiver_reason",
            data.waiver_reason,
            label="Motif de l'absence de relais",
            max_length=LONG_TEXT_MAX,
            multiline=True,
        )
        problems.date("handover_date", data.handover_date, kind=DateKind.PLANNED, label="Date du relais", today=today)
        with self._ctx.transaction() as session:
            episode = _get(session, episode_id)
            check_transition(episode.status, EpisodeStatus.CLOTURE)
            self._check_step_date(problems, episode, data.end_date, today, field="end_date")
            reason = session.scalar(select(ExitReason).where(ExitReason.code == data.reason_code))
            if reason is None or not reason.active:
                problems.add("reason_code", "Motif de sortie : choisissez une valeur dans la liste.")
            destination_id = None
            if data.destination_status_code:
                destination = session.scalar(
                    select(OccupancyStatus).where(OccupancyStatus.code == data.destination_status_code)
                )
                if destination is None or not destination.active:
                    problems.add("destination_status_code", "Destination : choisissez une valeur dans la liste.")
                else:
                    destination_id = destination.id
            contact = None
            if data.handover_contact_id is not None:
                contact = session.get(PartnerContact, data.handover_contact_id)
                if contact is None:
                    problems.add("handover_contact_id", "Ce contact est introuvable.")
            has_plan = bool(services_text and (contact is not None or contact_name) and data.handover_date)
            if not has_plan and not waiver:
                missing = [
                    label
                    for label, present in (
                        ("les services qui prennent le relais", bool(services_text)),
                        ("un contact nommé", contact is not None or bool(contact_name)),
                        ("la date du relais", data.handover_date is not None),
                    )
                    if not present
                ]
                problems.add(
                    "handover",
                    "Passage de relais : indiquez "
                    + ", ".join(missing)
                    + " — ou écrivez pourquoi il n'y a pas de relais.",
                )
            problems.raise_if_any()
            assert reason is not None
            suspension = _open_suspension_or_none(episode)
            if suspension is not None:
                suspension.end_date = max(data.end_date, suspension.start_date)
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.UPDATE,
                    "suspension",
                    suspension.id,
                    household_id=episode.household_id,
                    fields=["end_date"],
                )
            period = _open_period(episode)
            if period is not None:
                period.end_date = max(data.end_date, period.start_date)
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.UPDATE,
                    "intensity_period",
                    period.id,
                    household_id=episode.household_id,
                    fields=["end_date"],
                )
            record = ExitRecord(
                episode_id=episode.id,
                reason_id=reason.id,
                destination_status_id=destination_id,
                objectives_met=data.objectives_met,
                narrative=narrative,
                handover_services=services_text,
                handover_contact_id=contact.id if contact is not None else None,
                handover_contact_name=contact_name,
                handover_date=data.handover_date,
                handover_note=handover_note,
                handover_waiver_reason="" if has_plan else waiver,
            )
            session.add(record)
            episode.end_date = data.end_date
            session.flush()
            self._transition(session, episode, episode.status, EpisodeStatus.CLOTURE, data.end_date, reason.label)
            audit.record(
                session, self._ctx, AuditAction.CREATE, "exit_record", record.id, household_id=episode.household_id
            )
            session.refresh(episode, ["exit_record"])
            return _view(session, episode, today)

    # ------------------------------------------------------------------------------ objectives, reviews

    def add_objective(self, episode_id: int, data: ObjectiveInput) -> ObjectiveView:
        """Add an objective in the household's own words."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            episode = _get(session, episode_id)
            if episode.status in ENDED:
                raise ValidationError({"text": "Cet accompagnement est terminé : ses objectifs ne changent plus."})
            text, theme_id, set_on = _objective_fields(session, data, today)
            objective = Objective(
                episode_id=episode.id,
                text=text,
                theme_id=theme_id,
                owner=data.owner,
                status=data.status,
                set_on=set_on,
                next_review_on=data.next_review_on,
            )
            session.add(objective)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "objective", objective.id, household_id=episode.household_id
            )
            session.refresh(objective, ["theme"])
            return _objective_view(objective, today)

    def update_objective(self, objective_id: int, data: ObjectiveInput) -> ObjectiveView:
        """Reword an objective or record where it stands (a status change counts as a review today)."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            objective = session.get(Objective, objective_id)
            if objective is None:
                raise NotFoundError("Cet objectif est introuvable.")
            if objective.episode.status in ENDED:
                raise ValidationError({"text": "Cet accompagnement est terminé : ses objectifs ne changent plus."})
            text, theme_id, set_on = _objective_fields(session, data, today, default_set_on=objective.set_on)
            if data.status is not objective.status:
                objective.last_reviewed_on = today
            objective.text = text
            objective.theme_id = theme_id
            objective.owner = data.owner
            objective.status = data.status
            objective.set_on = set_on
            objective.next_review_on = data.next_review_on
            changed = audit.changed_attributes(objective)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "objective",
                objective.id,
                household_id=objective.episode.household_id,
                fields=changed,
            )
            session.refresh(objective, ["theme"])
            return _objective_view(objective, today)

    def record_review(self, episode_id: int, *, kind: ReviewKind, due_on: date, held_on: date, note: str = "") -> None:
        """Record that a milestone review (bilan) was held."""
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        problems.date("held_on", held_on, kind=DateKind.EVENT, label="Date du bilan", today=today)
        problems.date("due_on", due_on, kind=DateKind.PLANNED, label="Échéance du bilan", today=today)
        with self._ctx.transaction() as session:
            episode = _get(session, episode_id)
            if episode.start_date is None:
                problems.add("held_on", "L'accompagnement n'a pas encore commencé.")
            elif held_on < episode.start_date:
                problems.add("held_on", "Le bilan ne peut pas précéder le début de l'accompagnement.")
            if any(r.kind is kind and (kind is not ReviewKind.PERIODIC or r.due_on == due_on) for r in episode.reviews):
                problems.add("held_on", f"« {REVIEW_LABELS[kind]} » est déjà enregistré.")
            problems.raise_if_any()
            review = EpisodeReview(
                episode_id=episode.id,
                kind=kind,
                due_on=due_on,
                held_on=held_on,
                note=note,
                staff_member_id=self._ctx.actor.staff_member_id,
            )
            session.add(review)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "episode_review", review.id, household_id=episode.household_id
            )

    # ------------------------------------------------------------------------------------------ helpers

    def _check_step_date(self, problems: Problems, episode: Episode, on: date, today: date, *, field: str) -> None:
        problems.date(field, on, kind=DateKind.EVENT, label="Date", today=today)
        last = max((item.effective_date for item in episode.transitions), default=episode.orientation_date)
        if on < last:
            problems.add(field, f"La date ne peut pas précéder la dernière étape enregistrée ({format_date(last)}).")

    def _transition(
        self,
        session: Session,
        episode: Episode,
        source: EpisodeStatus | None,
        target: EpisodeStatus,
        on: date,
        reason: str,
    ) -> None:
        episode.status = target
        step = EpisodeTransition(
            episode_id=episode.id,
            from_status=source,
            to_status=target,
            effective_date=on,
            staff_member_id=self._ctx.actor.staff_member_id,
            reason=reason,
        )
        session.add(step)
        session.flush()
        audit.record(
            session,
            self._ctx,
            AuditAction.CREATE,
            "episode_transition",
            step.id,
            household_id=episode.household_id,
            fields=["status"],
        )
        session.refresh(episode, ["transitions"])

    def _open_period(
        self, session: Session, episode: Episode, level: IntensityLevel, on: date, reason: str, where: str
    ) -> None:
        period = IntensityPeriod(
            episode_id=episode.id, level_id=level.id, start_date=on, reason=reason, decided_where=where
        )
        session.add(period)
        session.flush()
        audit.record(
            session, self._ctx, AuditAction.CREATE, "intensity_period", period.id, household_id=episode.household_id
        )
        session.refresh(episode, ["intensity_periods"])

    def _change_period(
        self,
        session: Session,
        episode: Episode,
        current: IntensityPeriod | None,
        level: IntensityLevel,
        on: date,
        reason: str,
        where: str,
    ) -> None:
        if current is not None:
            if current.start_date >= on:
                # Same-day correction: the level chosen on resumption replaces the one of that day.
                current.level_id = level.id
                current.reason = reason
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.UPDATE,
                    "intensity_period",
                    current.id,
                    household_id=episode.household_id,
                    fields=["level_id", "reason"],
                )
                return
            current.end_date = on - timedelta(days=1)
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "intensity_period",
                current.id,
                household_id=episode.household_id,
                fields=["end_date"],
            )
        self._open_period(session, episode, level, on, reason, where)


# ---------------------------------------------------------------------------------------------- helpers


def _loaded(query: Select[Episode]) -> Select[Episode]:
    return query.options(
        selectinload(Episode.measure).selectinload(Measure.levels),
        selectinload(Episode.transitions).selectinload(EpisodeTransition.staff_member),
        selectinload(Episode.intensity_periods).selectinload(IntensityPeriod.level),
        selectinload(Episode.suspensions).selectinload(Suspension.reason),
        selectinload(Episode.extensions).selectinload(Extension.approver),
        selectinload(Episode.objectives).selectinload(Objective.theme),
        selectinload(Episode.reviews),
        selectinload(Episode.exit_record).selectinload(ExitRecord.reason),
        selectinload(Episode.exit_record).selectinload(ExitRecord.destination_status),
        selectinload(Episode.exit_record).selectinload(ExitRecord.handover_contact),
        selectinload(Episode.no_follow_up_reason),
    )


def _get(session: Session, episode_id: int) -> Episode:
    episode = session.scalar(_loaded(select(Episode)).where(Episode.id == episode_id))
    if episode is None:
        raise NotFoundError(f"Accompagnement introuvable (n° {episode_id}).")
    return episode


def _level(session: Session, episode: Episode, code: str | None, problems: Problems) -> IntensityLevel | None:
    level = next((item for item in episode.measure.levels if item.code == code and item.active), None)
    if level is None:
        problems.add("level_code", "Intensité : choisissez un niveau de l'échelle du dispositif.")
    return level


def _has_coordinator(session: Session, household_id: int, on: date) -> bool:
    found = session.scalar(
        select(func.count(TeamMembership.id)).where(
            TeamMembership.household_id == household_id,
            TeamMembership.is_coordinator.is_(True),
            TeamMembership.start_date <= on,
            (TeamMembership.end_date.is_(None)) | (TeamMembership.end_date >= on),
        )
    )
    return bool(found)


def _open_period(episode: Episode) -> IntensityPeriod | None:
    return next((item for item in episode.intensity_periods if item.end_date is None), None)


def _open_suspension_or_none(episode: Episode) -> Suspension | None:
    return next((item for item in episode.suspensions if item.end_date is None), None)


def _open_suspension(episode: Episode) -> Suspension:
    suspension = _open_suspension_or_none(episode)
    if suspension is None:  # pragma: no cover - status and suspensions are written together
        raise ValidationError({"status": "Aucune suspension en cours."})
    return suspension


def _objective_fields(
    session: Session, data: ObjectiveInput, today: date, *, default_set_on: date | None = None
) -> tuple[str, int | None, date]:
    problems = Problems()
    text = problems.text("text", data.text, label="Objectif", max_length=PARAGRAPH_MAX, required=True, multiline=True)
    set_on = data.set_on or default_set_on or today
    problems.date("set_on", set_on, kind=DateKind.EVENT, label="Date", today=today)
    problems.date(
        "next_review_on", data.next_review_on, kind=DateKind.PLANNED, label="Date du prochain bilan", today=today
    )
    problems.ordered(
        "next_review_on",
        set_on,
        data.next_review_on,
        start_label="La date de l'objectif",
        end_label="La date du prochain bilan",
    )
    if data.owner not in THREE_PARTIES:
        problems.add("owner", "Choisissez qui porte l'objectif : le ménage, l'association ou le bailleur.")
    theme_id = None
    if data.theme_code:
        theme = session.scalar(select(Topic).where(Topic.code == data.theme_code))
        if theme is None or not theme.active:
            problems.add("theme_code", "Thème : choisissez une valeur dans la liste.")
        else:
            theme_id = theme.id
    problems.raise_if_any()
    return text, theme_id, set_on


def _rule(measure: Measure) -> DurationRule:
    return DurationRule(measure.duration_policy, measure.duration_months, measure.suspended_days_count)


def episode_durations(episode: Episode, today: date) -> Durations:
    """Return the derived figures of a loaded episode."""
    return durations(
        start=episode.start_date,
        end=episode.end_date if episode.status in ENDED else None,
        today=today,
        intensity=[Period(p.start_date, p.end_date, p.level.code) for p in episode.intensity_periods],
        suspensions=[Period(s.start_date, s.end_date) for s in episode.suspensions],
        rule=_rule(episode.measure),
        extension_months=[item.months for item in episode.extensions],
    )


def episode_milestones(episode: Episode, planned: date | None, today: date) -> list[Milestone]:
    """Return the reviews due for a started episode (none before the start)."""
    if episode.start_date is None:
        return []
    measure = episode.measure
    horizon = (episode.end_date if episode.status in ENDED and episode.end_date else today) + relativedelta(months=6)
    return milestones(
        episode.start_date,
        planned,
        start_months=measure.review_start_months,
        end_months=measure.review_end_months,
        every_months=measure.review_every_months,
        horizon=horizon,
    )


def _milestone_views(episode: Episode, planned: date | None, today: date) -> list[MilestoneView]:
    held: dict[tuple[ReviewKind, date | None], EpisodeReview] = {}
    for done in episode.reviews:
        held[(done.kind, done.due_on if done.kind is ReviewKind.PERIODIC else None)] = done
    running = episode.status in RUNNING
    views = []
    for item in episode_milestones(episode, planned, today):
        review = held.get((item.kind, item.due_on if item.kind is ReviewKind.PERIODIC else None))
        views.append(
            MilestoneView(
                kind=item.kind,
                label=REVIEW_LABELS[item.kind],
                due_on=item.due_on,
                held_on=review.held_on if review else None,
                note=review.note if review else "",
                overdue=running and review is None and item.due_on < today,
            )
        )
    return views


def _objective_view(objective: Objective, today: date) -> ObjectiveView:
    return ObjectiveView(
        id=objective.id,
        text=objective.text,
        owner=objective.owner,
        owner_label=OWNER_LABELS[objective.owner],
        theme_code=objective.theme.code if objective.theme else None,
        theme_label=objective.theme.label if objective.theme else "",
        status=objective.status,
        status_label=OBJECTIVE_STATUS_LABELS[objective.status],
        set_on=objective.set_on,
        next_review_on=objective.next_review_on,
        last_reviewed_on=objective.last_reviewed_on,
        review_overdue=(
            objective.status is ObjectiveStatus.EN_COURS
            and objective.next_review_on is not None
            and objective.next_review_on < today
        ),
    )


def _staff_name(member: StaffMember | None) -> str:
    """Staff are named "Prénom NOM" everywhere (households and persons "NOM Prénom")."""
    return staff_display_name(member.first_name, member.last_name) if member else "Système"


def _exit_view(record: ExitRecord) -> ExitView:
    contact = record.handover_contact
    contact_text = (
        staff_display_name(contact.first_name, contact.last_name) if contact else record.handover_contact_name
    )
    return ExitView(
        reason_code=record.reason.code,
        reason_label=record.reason.label,
        destination_label=record.destination_status.label if record.destination_status else "",
        objectives_met=record.objectives_met,
        objectives_met_label=OBJECTIVES_MET_LABELS[record.objectives_met],
        narrative=record.narrative,
        handover_services=record.handover_services,
        handover_contact=contact_text,
        handover_date=record.handover_date,
        handover_note=record.handover_note,
        waiver_reason=record.handover_waiver_reason,
    )


def _view(session: Session, episode: Episode, today: date) -> EpisodeView:
    measure = episode.measure
    figures = episode_durations(episode, today)
    source = session.get(ReferralSource, episode.referral_source_id) if episode.referral_source_id else None
    running = episode.status in RUNNING
    return EpisodeView(
        id=episode.id,
        household_id=episode.household_id,
        measure_id=measure.id,
        measure_code=measure.code,
        measure_name=measure.name,
        duration_policy=measure.duration_policy,
        duration_months=measure.duration_months,
        max_extensions=measure.max_extensions,
        suspended_days_count=measure.suspended_days_count,
        status=episode.status,
        status_label=STATUS_LABELS[episode.status],
        funders=episode.funders,
        referral_source_label=source.label if source else "",
        referral_note=episode.referral_note,
        orientation_date=episode.orientation_date,
        start_date=episode.start_date,
        end_date=episode.end_date,
        previous_episode_id=episode.previous_episode_id,
        no_follow_up_reason_label=episode.no_follow_up_reason.label if episode.no_follow_up_reason else "",
        transitions=tuple(
            TransitionView(
                item.from_status,
                item.to_status,
                STATUS_LABELS[item.to_status],
                item.effective_date,
                _staff_name(item.staff_member),
                item.reason,
            )
            for item in episode.transitions
        ),
        intensity=tuple(
            IntensityPeriodView(
                id=item.id,
                level_code=item.level.code,
                level_label=item.level.label,
                rhythm_contacts=item.level.rhythm_contacts,
                rhythm_days=item.level.rhythm_days,
                no_contact_days=item.level.no_contact_days,
                weight_percent=item.level.weight_percent,
                start_date=item.start_date,
                end_date=item.end_date,
                reason=item.reason,
                decided_where=item.decided_where,
            )
            for item in episode.intensity_periods
        ),
        suspensions=tuple(
            SuspensionView(
                id=item.id,
                reason_code=item.reason.code,
                reason_label=item.reason.label,
                start_date=item.start_date,
                end_date=item.end_date,
                review_date=item.review_date,
                note=item.note,
                review_overdue=running and item.end_date is None and item.review_date < today,
            )
            for item in episode.suspensions
        ),
        extensions=tuple(
            ExtensionView(
                item.id,
                item.decided_on,
                item.months,
                item.justification,
                _staff_name(item.approver),
                item.decided_where,
            )
            for item in episode.extensions
        ),
        objectives=tuple(_objective_view(item, today) for item in episode.objectives),
        milestones=tuple(_milestone_views(episode, figures.planned_end, today)),
        exit=_exit_view(episode.exit_record) if episode.exit_record else None,
        durations=figures,
        allowed_next=allowed_next(episode.status),
    )


def running_statuses() -> Sequence[EpisodeStatus]:
    """Return the statuses in which support is under way (for other services' queries)."""
    return sorted(RUNNING, key=lambda status: status.value)
