"""The typed decisions of the minutes, each changing the record in the minutes' own transaction (§11.3).

Each decision goes through the rules of the service that owns the record — an extension through
:func:`.extensions.extend_in` (the measure's policy, a justification, the team lead logged in), a change of
intensity through :func:`.intensity.change_intensity_in`, a step validated as a review held
(:func:`.reviews.record_review_in`), an exit through :func:`.exits.close_in`, an orientation through
:func:`.episodes.step_in` or :func:`.episodes.decline_in`, an escalation through
:meth:`.AlertService.escalate_in`, a glissement through :mod:`.glissement` — and is stored as a
:class:`MeetingDecision` naming the row it wrote. A refusal raises, and the caller's transaction rolls the whole
minutes back.

The exit is recorded in full (reason, destination, handover plan or why none): a COSI validates an exit that the
coordinator has prepared, and a "sortie validée" whose episode stays open would leave the file, the caseloads and
the funders' figures saying otherwise until someone remembered the exit dialog. The dialog of the minutes offers
the exit form for that decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, EpisodeStatus, ReviewKind
from caseworker.domain.debrief import DecisionKind, GlissementOutcome
from caseworker.domain.support import REVIEW_LABELS
from caseworker.formats import format_date
from caseworker.models import Alert, Episode
from caseworker.models.meetings import Meeting, MeetingDecision, MeetingItem
from caseworker.services import audit
from caseworker.services.alerts import AlertService
from caseworker.services.alerts.records import load_alert
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ValidationError
from caseworker.services.meetings.glissement import decide_glissement
from caseworker.services.row_versions import claim_version
from caseworker.services.support.episode_figures import episode_durations
from caseworker.services.support.episode_records import load_episode
from caseworker.services.support.episodes import decline_in, step_in
from caseworker.services.support.exits import ExitInput, close_in
from caseworker.services.support.extensions import ExtensionInput, extend_in
from caseworker.services.support.intensity import IntensityChangeInput, change_intensity_in
from caseworker.services.support.reviews import record_review_in


@dataclass(frozen=True)
class ExtensionDecision:
    """An extension (or a renewal: ``months`` None takes the measure's duration), approved by the team lead."""

    justification: str
    months: int | None = None

    kind = DecisionKind.EXTENSION


@dataclass(frozen=True)
class IntensityDecision:
    """A change of intensity level, from the meeting's date unless given."""

    level_code: str
    reason: str = ""
    start_date: date | None = None

    kind = DecisionKind.INTENSITY_CHANGE


@dataclass(frozen=True)
class StepDecision:
    """A step validated: the milestone review (bilan) held at the meeting."""

    review_kind: ReviewKind
    due_on: date
    note: str = ""

    kind = DecisionKind.STEP_VALIDATED


@dataclass(frozen=True)
class ExitDecision:
    """The exit validated, with its exit record and handover plan."""

    exit: ExitInput

    kind = DecisionKind.EXIT


@dataclass(frozen=True)
class OrientationDecision:
    """The admission commission's answer: accord de principe, or sans suite with its reason."""

    accepted: bool
    no_follow_up_reason_code: str = ""
    note: str = ""

    @property
    def kind(self) -> DecisionKind:
        """Return the decision's kind."""
        return DecisionKind.ORIENTATION_ACCEPTED if self.accepted else DecisionKind.ORIENTATION_REFUSED


@dataclass(frozen=True)
class EscalationDecision:
    """An alert of the household escalated (N1, N2, N3) to a body."""

    alert_id: int
    alert_version: int
    level: str
    target: str
    note: str = ""

    kind = DecisionKind.ESCALATION


@dataclass(frozen=True)
class GlissementDecision:
    """The meeting's decision on a glissement review (the item's, unless named)."""

    outcome: GlissementOutcome
    review_version: int
    postponed_to: date | None = None
    effective_on: date | None = None  # accepted: the day the direct lease starts (the meeting's day by default)
    glissement_review_id: int | None = None

    @property
    def kind(self) -> DecisionKind:
        """Return the decision's kind."""
        return {
            GlissementOutcome.ACCEPTED: DecisionKind.GLISSEMENT_ACCEPTED,
            GlissementOutcome.POSTPONED: DecisionKind.GLISSEMENT_POSTPONED,
            GlissementOutcome.REFUSED: DecisionKind.GLISSEMENT_REFUSED,
        }[self.outcome]


Decision = (
    ExtensionDecision
    | IntensityDecision
    | StepDecision
    | ExitDecision
    | OrientationDecision
    | EscalationDecision
    | GlissementDecision
)
"""One typed decision of the minutes."""


@dataclass
class DecisionContext:
    """What the decisions of one minutes share: the meeting, the episodes already claimed, the warnings."""

    session: Session
    ctx: ServiceContext
    meeting: Meeting
    alerts: AlertService
    claimed: dict[int, Episode]
    warnings: list[str]

    @property
    def where(self) -> str:
        """Where the decision was taken, as the record's "décidé en" says it."""
        return f"{self.meeting.meeting_type.label} du {format_date(self.meeting.held_on)}"


def apply_decision(
    dc: DecisionContext, item: MeetingItem, decision: Decision, episode_version: int | None
) -> MeetingDecision:
    """Apply one decision to its record and store it, linked; raise (French) when a rule refuses it."""
    if item.household_id is None:
        raise ValidationError({"decision": "Une décision porte sur un ménage : ce point n'en désigne aucun."})
    row = MeetingDecision(
        meeting_id=dc.meeting.id,
        item_id=item.id,
        household_id=item.household_id,
        kind=decision.kind,
        decided_on=dc.meeting.held_on,
        recorded_by_id=dc.ctx.actor.staff_member_id,
        summary="",
    )
    if isinstance(decision, EscalationDecision):
        row.alert_id, row.summary = _escalate(dc, item, decision)
    elif isinstance(decision, GlissementDecision):
        review_id = decision.glissement_review_id or item.glissement_review_id
        if review_id is None:
            raise ValidationError({"glissement_review_id": "Indiquez la revue de glissement décidée."})
        outcome = decide_glissement(
            dc.session,
            dc.ctx,
            review_id,
            household_id=item.household_id,
            outcome=decision.outcome,
            decided_on=dc.meeting.held_on,
            expected_version=decision.review_version,
            postponed_to=decision.postponed_to,
            effective_on=decision.effective_on or dc.meeting.held_on,
        )
        row.glissement_review_id, row.summary = review_id, outcome.summary
        dc.warnings.extend(outcome.warnings)
    else:
        episode = _episode(dc, item, episode_version)
        row.episode_id = episode.id
        _apply_to_episode(dc, episode, decision, row)
    dc.session.add(row)
    dc.session.flush()
    # The records it changed have their own lines; this one says, in the household's history, that a meeting
    # decided it (a refused orientation otherwise reads as a plain change of status). Its kind is the field named.
    audit.record(
        dc.session,
        dc.ctx,
        AuditAction.CREATE,
        "meeting_decision",
        row.id,
        household_id=row.household_id,
        fields=[row.kind.value],
    )
    return row


def _episode(dc: DecisionContext, item: MeetingItem, version: int | None) -> Episode:
    """The item's episode, its version claimed once for the whole minutes (docs/domain.md §9.4)."""
    if item.episode_id is None:
        raise ValidationError(
            {"decision": "Cette décision porte sur un accompagnement : le point doit en désigner un."}
        )
    if item.episode_id not in dc.claimed:
        if version is None:
            raise ValidationError({"episode_version": "Rouvrez la réunion : la version de l'accompagnement manque."})
        claim_version(dc.session, dc.ctx, Episode, item.episode_id, version)
        dc.claimed[item.episode_id] = load_episode(dc.session, item.episode_id)
    return dc.claimed[item.episode_id]


def _apply_to_episode(
    dc: DecisionContext,
    episode: Episode,
    decision: ExtensionDecision | IntensityDecision | StepDecision | ExitDecision | OrientationDecision,
    row: MeetingDecision,
) -> None:
    session, ctx, on = dc.session, dc.ctx, dc.meeting.held_on
    if isinstance(decision, ExtensionDecision):
        extension = extend_in(
            session,
            ctx,
            episode,
            ExtensionInput(
                decided_on=on,
                justification=decision.justification,
                approver_id=ctx.actor.staff_member_id,
                months=decision.months,
                decided_where=dc.where,
            ),
        )
        planned = episode_durations(episode, ctx.clock.today()).planned_end
        noun = "Renouvellement" if episode.measure.duration_policy.value == "renewable" else "Prolongation"
        row.extension_id = extension.id
        row.summary = f"{noun} de {extension.months} mois" + (
            f" : fin prévue le {format_date(planned)}" if planned else ""
        )
    elif isinstance(decision, IntensityDecision):
        period = change_intensity_in(
            session,
            ctx,
            episode,
            IntensityChangeInput(decision.level_code, decision.start_date or on, decision.reason, dc.where),
        )
        row.intensity_period_id = period.id
        row.summary = f"Intensité « {period.level.label} » à partir du {format_date(period.start_date)}"
    elif isinstance(decision, StepDecision):
        review = record_review_in(
            session, ctx, episode, kind=decision.review_kind, due_on=decision.due_on, held_on=on, note=decision.note
        )
        row.review_id = review.id
        row.summary = f"{REVIEW_LABELS[review.kind]} validé"
    elif isinstance(decision, ExitDecision):
        close_in(session, ctx, episode, decision.exit)
        row.transition_id = _last_step_id(episode)
        row.summary = f"Sortie du dispositif validée au {format_date(decision.exit.end_date)}"
    else:
        if decision.accepted:
            step_in(session, ctx, episode, EpisodeStatus.ACCORD_DE_PRINCIPE, on=on, reason=dc.where)
            row.summary = "Accord de principe pour l'admission"
        else:
            decline_in(session, ctx, episode, on=on, reason_code=decision.no_follow_up_reason_code, note=decision.note)
            row.summary = "Orientation sans suite"
        row.transition_id = _last_step_id(episode)


def _last_step_id(episode: Episode) -> int:
    return max(item.id for item in episode.transitions)


def _escalate(dc: DecisionContext, item: MeetingItem, decision: EscalationDecision) -> tuple[int, str]:
    claim_version(dc.session, dc.ctx, Alert, decision.alert_id, decision.alert_version)
    alert = load_alert(dc.session, decision.alert_id)
    if alert.household_id != item.household_id:
        raise ValidationError({"alert_id": "Cette alerte ne concerne pas ce ménage."})
    dc.alerts.escalate_in(dc.session, alert, level=decision.level, target=decision.target, note=decision.note)
    return alert.id, f"Escalade de l'alerte ({alert.escalation_level}) : {alert.escalation_target}"
