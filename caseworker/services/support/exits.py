"""Closing an episode: the exit record and the handover plan (passage de relais), or why there is none.

An active or suspended episode closes with a reason, a destination and whether its objectives were met
(docs/domain.md §3.1). A handover plan names the services taking over, a contact and a date; without one, a
written reason is required. Closing ends the open suspension and intensity period on the end date.

With an after-care (:class:`.aftercare.AfterCareInput`), the same exit leads to *suivi post-accompagnement*
instead of *clôturé* (docs/domain.md §14.1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, EpisodeStatus, ObjectivesMet
from caseworker.formats import format_date
from caseworker.models import Episode, ExitReason, ExitRecord, OccupancyStatus, PartnerContact
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import ValidationError
from caseworker.services.row_versions import claim_version
from caseworker.services.support.aftercare import (
    AfterCareInput,
    check_after_care,
    refresh_after_care_flags,
    start_after_care_in,
)
from caseworker.services.support.episode_records import (
    check_step_date,
    current_suspension,
    load_episode,
    record_transition,
)
from caseworker.services.support.episode_views import EpisodeView, episode_view
from caseworker.services.support.intensity import current_period
from caseworker.services.support.states import check_transition
from caseworker.services.validation import LONG_TEXT_MAX, PARAGRAPH_MAX, Problems


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
    after_care: AfterCareInput | None = None  # the after-care the exit opens (None: the episode closes)


@dataclass(frozen=True)
class _ExitTexts:
    """The free texts of an exit, as stored."""

    narrative: str
    services: str
    contact_name: str
    note: str
    waiver: str


def _texts(problems: Problems, data: ExitInput, today: date) -> _ExitTexts:
    """Check the texts typed (and the handover date), which need no database."""
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
    return _ExitTexts(narrative, services_text, contact_name, handover_note, waiver)


def _destination_id(session: Session, code: str | None, problems: Problems) -> int | None:
    if not code:
        return None
    destination = session.scalar(select(OccupancyStatus).where(OccupancyStatus.code == code))
    if destination is None or not destination.active:
        problems.add("destination_status_code", "Destination : choisissez une valeur dans la liste.")
        return None
    return destination.id


def _has_plan(problems: Problems, texts: _ExitTexts, contact: PartnerContact | None, on: date | None) -> bool:
    """Tell whether a full handover plan was given; without one, record a problem unless a waiver is written."""
    has_plan = bool(texts.services and (contact is not None or texts.contact_name) and on)
    if not has_plan and not texts.waiver:
        missing = [
            label
            for label, present in (
                ("les services qui prennent le relais", bool(texts.services)),
                ("un contact nommé", contact is not None or bool(texts.contact_name)),
                ("la date du relais", on is not None),
            )
            if not present
        ]
        problems.add(
            "handover",
            "Passage de relais : indiquez " + ", ".join(missing) + " — ou écrivez pourquoi il n'y a pas de relais.",
        )
    return has_plan


def _check_after_the_periods(problems: Problems, episode: Episode, end_date: date) -> None:
    """An exit may not precede a change of intensity or a suspension already recorded (it would outlive the end)."""
    latest = max(
        [(period.start_date, "le changement d'intensité") for period in episode.intensity_periods]
        + [(suspension.start_date, "la suspension") for suspension in episode.suspensions],
        default=None,
    )
    if latest is not None and end_date < latest[0]:
        problems.add(
            "end_date",
            f"La date de fin ne peut pas précéder {latest[1]} du {format_date(latest[0])}.",
        )


def _end_open_periods(session: Session, ctx: ServiceContext, episode: Episode, end_date: date) -> None:
    """End the open suspension and intensity period on the end date (never before they started)."""
    suspension = current_suspension(episode)
    if suspension is not None:
        suspension.end_date = max(end_date, suspension.start_date)
        audit.record(
            session,
            ctx,
            AuditAction.UPDATE,
            "suspension",
            suspension.id,
            household_id=episode.household_id,
            fields=["end_date"],
        )
    period = current_period(episode)
    if period is not None:
        period.end_date = max(end_date, period.start_date)
        audit.record(
            session,
            ctx,
            AuditAction.UPDATE,
            "intensity_period",
            period.id,
            household_id=episode.household_id,
            fields=["end_date"],
        )


def close_in(session: Session, ctx: ServiceContext, episode: Episode, data: ExitInput) -> ExitRecord:
    """Close a loaded episode with its exit record in the caller's transaction (audited).

    The rules of :meth:`ExitService.close`, for a caller that changes more in the same transaction (the minutes of
    a COSI that validates the exit): every check runs before anything is written.
    """
    today = ctx.clock.today()
    problems = Problems()
    texts = _texts(problems, data, today)
    target = EpisodeStatus.CLOTURE if data.after_care is None else EpisodeStatus.APRES_ACCOMPAGNEMENT
    if episode.status is EpisodeStatus.APRES_ACCOMPAGNEMENT:  # its exit is recorded: the after-care ends otherwise
        raise ValidationError(
            {
                "status": "Ce ménage est déjà sorti de cet accompagnement (suivi post-accompagnement en cours) : "
                "utilisez « Clore le suivi » ou « Réactiver »."
            }
        )
    check_transition(episode.status, target)
    check_step_date(problems, episode, data.end_date, today, field="end_date")
    _check_after_the_periods(problems, episode, data.end_date)
    reason = session.scalar(select(ExitReason).where(ExitReason.code == data.reason_code))
    if reason is None or not reason.active:
        problems.add("reason_code", "Motif de sortie : choisissez une valeur dans la liste.")
    destination_id = _destination_id(session, data.destination_status_code, problems)
    contact = None
    if data.handover_contact_id is not None:
        contact = session.get(PartnerContact, data.handover_contact_id)
        if contact is None:
            problems.add("handover_contact_id", "Ce contact est introuvable.")
    has_plan = _has_plan(problems, texts, contact, data.handover_date)
    funder = (
        check_after_care(session, problems, data.after_care, episode.household_id, data.end_date)
        if data.after_care is not None and "end_date" not in problems.errors
        else None
    )
    problems.raise_if_any()
    assert reason is not None
    _end_open_periods(session, ctx, episode, data.end_date)
    record = ExitRecord(
        episode_id=episode.id,
        reason_id=reason.id,
        destination_status_id=destination_id,
        objectives_met=data.objectives_met,
        narrative=texts.narrative,
        handover_services=texts.services,
        handover_contact_id=contact.id if contact is not None else None,
        handover_contact_name=texts.contact_name,
        handover_date=data.handover_date,
        handover_note=texts.note,
        handover_waiver_reason="" if has_plan else texts.waiver,
    )
    session.add(record)
    episode.end_date = data.end_date
    session.flush()
    record_transition(session, ctx, episode, episode.status, target, data.end_date, reason.label)
    audit.record(session, ctx, AuditAction.CREATE, "exit_record", record.id, household_id=episode.household_id)
    if data.after_care is not None:
        assert funder is not None
        start_after_care_in(session, ctx, episode, data.after_care, funder, data.end_date)
    else:  # another support ending beside an after-care: the contacts after it may now be the after-care's
        refresh_after_care_flags(session, episode.household_id, data.end_date)
    session.refresh(episode, ["exit_record"])
    return record


class ExitService:
    """Closes episodes with their exit record and handover plan."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def close(self, episode_id: int, data: ExitInput, *, expected_version: int) -> EpisodeView:
        """Close an active or suspended episode with its exit record and handover plan (or a waiver).

        With ``data.after_care`` the episode goes into after-care (suivi post-accompagnement) instead.
        """
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            close_in(session, self._ctx, episode, data)
            return episode_view(session, episode, today)
