"""Renewals and extensions of an active episode, within its measure's duration policy (docs/domain.md §3.1).

A *fixe* measure allows none and an open-ended one needs none; a *renouvelable* measure renews by its own
duration, at most its number of renewals; a *durée maximale plus prolongation négociée* takes negotiated months.
Every renewal or extension is justified and approved by a team lead (chef·fe de service); the planned end moves
with them, derived on reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, DurationPolicy, EpisodeStatus
from caseworker.domain.support import EPISODE_STATUS_LABELS
from caseworker.models import Episode, Extension, StaffMember
from caseworker.services import audit
from caseworker.services.access_policy import TEAM_LEAD_ROLE
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ValidationError
from caseworker.services.row_versions import claim_version
from caseworker.services.support.episode_records import check_step_date, load_episode
from caseworker.services.support.episode_views import EpisodeView, episode_view
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, Problems


@dataclass(frozen=True)
class ExtensionInput:
    """A renewal or negotiated extension; ``months`` defaults to the measure's duration for renewals."""

    decided_on: date
    justification: str
    approver_id: int | None
    months: int | None = None
    decided_where: str = ""


def extension_limit_message(measure_name: str, policy: DurationPolicy, allowed: int, used: int) -> str:
    """Say, in French that agrees in gender and number, why one more renewal or extension is refused.

    A renewable measure counts *renouvellements* (masculine), the others *prolongations* (feminine);
    ``used`` may exceed ``allowed`` when the catalogue lowered the limit after some were granted.
    """
    feminine = policy is not DurationPolicy.RENEWABLE
    noun = "prolongation" if feminine else "renouvellement"
    e = "e" if feminine else ""
    if allowed <= 0:
        return f"« {measure_name} » ne permet {'aucune' if feminine else 'aucun'} {noun}."
    limit = f"« {measure_name} » permet {allowed} {noun}{'s' if allowed > 1 else ''} au plus"
    if used <= allowed:
        granted = f", déjà accordé{e}{'s' if allowed > 1 else ''}"
    else:
        granted = f", et {used} ont déjà été accordé{e}s"
    return f"{limit}{granted} : {'une' if feminine else 'un'} {noun} de plus est refusé{e}."


def _check_policy(episode: Episode) -> None:
    """Refuse at once what the state or the measure's policy never allows, whatever was typed."""
    measure = episode.measure
    if episode.status is not EpisodeStatus.ACTIF:
        raise ValidationError(
            {
                "status": "Une prolongation se décide pendant un accompagnement actif "
                f"(ici : « {EPISODE_STATUS_LABELS[episode.status]} »)."
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
        raise ValidationError({"months": extension_limit_message(measure.name, policy, measure.max_extensions, used)})


def _months(episode: Episode, data: ExtensionInput, problems: Problems) -> int | None:
    """Return the months granted: a renewal lasts the measure's duration, an extension what was negotiated."""
    measure = episode.measure
    months = data.months
    if measure.duration_policy is DurationPolicy.RENEWABLE:
        months = measure.duration_months
        if data.months is not None and data.months != measure.duration_months:
            problems.add("months", f"Un renouvellement de « {measure.name} » dure {months} mois.")
    elif months is None or not 1 <= months <= 60:
        problems.add("months", "Durée de la prolongation : indiquez un nombre de mois entre 1 et 60.")
    return months


EXTENSION_BY_THE_TEAM_LEAD = (
    "La prolongation est enregistrée par le ou la chef·fe de service qui l'approuve, connecté·e sous son propre "
    "nom : demandez-lui de l'enregistrer."
)


def _approver(session: Session, ctx: ServiceContext, approver_id: int | None, problems: Problems) -> StaffMember | None:
    approver = session.get(StaffMember, approver_id) if approver_id is not None else None
    if approver is None or not approver.active:
        problems.add("approver_id", "Indiquez le ou la chef·fe de service qui approuve la prolongation.")
    elif approver.role.code != TEAM_LEAD_ROLE:
        problems.add("approver_id", "Seul·e un·e chef·fe de service peut approuver une prolongation.")
    elif approver.id != ctx.actor.staff_member_id:
        # An approval is made by that person, logged in: their own code on a shared laptop, their own login on the
        # team's server (docs/domain.md §9.2, §9.3).
        problems.add("approver_id", EXTENSION_BY_THE_TEAM_LEAD)
    return approver


def extend_in(session: Session, ctx: ServiceContext, episode: Episode, data: ExtensionInput) -> Extension:
    """Grant a renewal or an extension of a loaded episode in the caller's transaction (audited).

    The rules of :meth:`ExtensionService.extend`, for a caller that changes more in the same transaction (the
    minutes of a COSI): every check runs before anything is written, and a refusal raises a
    :class:`ValidationError`.
    """
    today = ctx.clock.today()
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
    _check_policy(episode)
    months = _months(episode, data, problems)
    check_step_date(problems, episode, data.decided_on, today, field="decided_on")
    approver = _approver(session, ctx, data.approver_id, problems)
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
    audit.record(session, ctx, AuditAction.CREATE, "extension", extension.id, household_id=episode.household_id)
    session.refresh(episode, ["extensions"])
    return extension


class ExtensionService:
    """Renews or extends active episodes, as their measure's duration policy allows."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def extend(self, episode_id: int, data: ExtensionInput, *, expected_version: int) -> EpisodeView:
        """Renew or extend an active episode, within the measure's duration policy, approved by a team lead."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            extend_in(session, self._ctx, episode, data)
            return episode_view(session, episode, today)
